"""Each item of a user's kind checked against the kind's own definition before it is kept.

Grounding proves an item's words are in the article, not that they are an instance of the kind
("Fort Campbell, Kentucky" as a weapons platform). The rules settle what they can, the model
decides the rest (the decider the brief asks the small model to be):

- the kind's own rules, where it declares them (a method ``accept(self, sentence: str) -> bool``);
- a kind whose examples all state a figure in a unit (a percentage, a sum of money) holds
  figures in that unit only: "+12 points" is no poll share;
- the parse: an item it reads as a person, an organisation or a place is rejected when the
  kind's definition admits no such entity; when the definition does admit one ("a candidate"),
  whether this name is an instance is the model's question: one yes/no call for that item, with
  its sentence, under a grammar;
- any other item (a figure, a phrase the parse reads as no name) is kept as grounded.

The model is asked item by item: a call per paragraph answering every item ("1": yes, "2": no,
...) answered by position on the poll benchmark kind (yes to the first record, no to the rest;
docs/schemas.md). The call's system message and tools are the extraction pass's own, so the
one-slot server reuses their evaluation. Rejected items are dropped and counted in
``usage.rejected``; an item whose call failed (a timeout, a malformed answer) is dropped too,
counted in ``usage.unchecked``, and the record is incomplete (asked again by a later run).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from extract.errors import ModelError
from extract.grounding.ground import Grounded, span_of
from extract.inputs.chunk import sentence_around
from extract.prompting.templates import load_prompt
from extract.providers.base import Message, Provider, Tools
from extract.rules.kind_sieve import states_unit
from extract.rules.kind_types import entity_reading
from extract.schemas import Kind, Usage
from extract.schemas.kinds import GROUNDING_FIELDS

# '{"answer": "yes"}' is six tokens under the grammar; a little room beside.
CHECK_REPLY_TOKENS = 12
_ANSWER: dict[str, Any] = {"answer": (Literal["yes", "no"], Field(description="yes or no"))}
VERDICT = create_model("KindCheck", __doc__="Whether the record is an instance of the kind.", **_ANSWER)


@cache
def definition(kind: Kind) -> str:
    """The fields the model fills, one line each with its description (the docstring is in the
    pass's system message already)."""
    lines = [
        f"- {name}: {' '.join(field.description.split())}"
        for name, field in kind.draft.model_fields.items()
        if name not in GROUNDING_FIELDS and field.description
    ]
    return "\n" + "\n".join(lines) if lines else "(as the schema names them)"


def _shown(item: BaseModel) -> str:
    values = item.model_dump(mode="json", exclude=set(GROUNDING_FIELDS))
    return json.dumps({k: v for k, v in values.items() if v not in (None, "", [])}, ensure_ascii=False)


def settled(kind: Kind, item: BaseModel, text: str, sentence: tuple[int, int]) -> bool | None:
    """The rules' verdict on ``item`` of ``kind`` in ``text`` (``sentence``: the span holding it):
    keep, reject, or None where only the model can say (a name the kind's definition admits)."""
    start, end = span_of(item)
    s, e = sentence
    accept = getattr(item, "accept", None)
    if callable(accept):
        return bool(accept(text[s:e].strip()))
    if not states_unit(text[start:end], kind):
        return False
    reading = entity_reading(kind, text[s:e], start - s, end - s)
    if reading is None:
        return True
    return None if reading[1] else False


def check_items(
    text: str, kind: Kind, found: Grounded, provider: Provider, system: Message, tools: Tools = ()
) -> tuple[Grounded, Usage]:
    """``found`` without the items of ``kind`` its check rejects; other kinds' items pass as
    they are. ``system`` is the pass's own system message (the kind's docstring and worked
    examples), sent first unchanged, and ``tools`` the models the pass's calls list: the server
    reuses what it evaluated for the pass."""
    kept, usage = Grounded(missing=list(found.missing)), Usage()
    prompt = load_prompt("kind_check")
    fixed = {"name": kind.name, "definition": definition(kind)}
    for kind_name, item in found.pairs():
        if kind_name != kind.name:
            kept.add(kind_name, item)
            continue
        s, e = _sentence(text, *span_of(item))
        verdict = settled(kind, item, text, (s, e))
        if verdict is None:
            messages = [system, *prompt.render(**fixed, sentence=text[s:e].strip(), record=_shown(item))]
            try:
                answer, cost = provider.structured(
                    messages, VERDICT, prompt.version, reply_tokens=CHECK_REPLY_TOKENS, tools=tools
                )
            except ModelError as exc:
                # An unchecked item is not kept as checked: it goes, the others stand, and the
                # record is incomplete, so a later run asks again.
                usage = usage.add(exc.usage or Usage(calls=1)).add(Usage(incomplete=1, unchecked=1))
                continue
            usage, verdict = usage.add(cost), answer.model_dump()["answer"] == "yes"
        if verdict:
            kept.add(kind_name, item)
        else:
            usage = usage.add(Usage(rejected=1))
    return kept, usage


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, widened to the item where it runs past a stop."""
    s, e = sentence_around(text, start, end)
    return min(s, start), max(e, end)
