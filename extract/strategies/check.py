"""Each item of a user's kind checked against the kind's own definition before it is kept.

Grounding proves an item's words are in the article, not that they are an instance of the kind
("Fort Campbell, Kentucky" as a weapons platform). The kind's rules decide where it declares them
(a method ``accept(self, sentence: str) -> bool`` on its model); otherwise the parse rejects an
item it reads as a person, an organisation or a place that the kind's definition does not admit,
and the model decides the rest: one call per paragraph, answering a yes or a no per item under a
grammar, given the sentences holding the paragraph's items, the items numbered and the kind's
field descriptions. Its system message is the extraction pass's own (the kind's docstring and
worked examples): the one-slot server reuses its evaluation, where a check prompt of its own
would cost two prompt prefixes an article (the check's, then the pass's again). Rejected items
are dropped and counted in ``usage.rejected``; the items of a call that failed (a timeout, a
malformed answer) are dropped too, counted in ``usage.unchecked``, and the record is incomplete
(asked again by a later run).
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
from extract.rules.kind_types import type_conflict
from extract.schemas import Kind, Usage
from extract.schemas.kinds import GROUNDING_FIELDS

# At most this many items in one call: a paragraph with more is split into calls of equal size,
# so no call's prompt or reply is much longer than another's (the slowest call stays near the
# median). An answer is '"3": "yes", ' per item, about 6 tokens: the reply limit allows 8.
CHECK_ITEMS = 6
CHECK_REPLY_BASE = 8
CHECK_REPLY_PER_ITEM = 8
Answer = Literal["yes", "no"]


@cache
def verdicts(n: int) -> type[BaseModel]:
    """The answer for ``n`` numbered items: an object whose keys "1".."n" are each "yes" or "no"
    (the server's grammar writes every key, in order, and nothing else)."""
    fields: dict[str, Any] = {f"item_{i}": (Answer, Field(alias=str(i))) for i in range(1, n + 1)}
    # A name of its own: a request listing several (``CHECK_MODELS``) names the one it answers.
    return create_model(
        f"KindCheck{n}", __doc__="Whether each numbered record is an instance of the kind.", **fields
    )


def answers(verdict: BaseModel) -> list[bool]:
    """The yes of each item, in order."""
    return [value == "yes" for value in verdict.model_dump().values()]


VERDICT = verdicts(1)
CHECK_MODELS = tuple(verdicts(n) for n in range(1, CHECK_ITEMS + 1))


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


def _numbered(records: list[str]) -> str:
    return "\n".join(f"{n}. {record}" for n, record in enumerate(records, 1))


def _fields(values: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in values.items() if v not in (None, "", [])}, ensure_ascii=False)


def _shown(item: BaseModel) -> str:
    return _fields(item.model_dump(mode="json", exclude=set(GROUNDING_FIELDS)))


def batches(pending: list[tuple[int, BaseModel]], parts: list[tuple[int, int]]) -> list[list[BaseModel]]:
    """``pending`` (item start, item) grouped by the part of the text holding each start, in the
    text's order; a part with more than :data:`CHECK_ITEMS` split into equal batches."""
    groups: dict[int, list[BaseModel]] = {}
    for start, item in sorted(pending, key=lambda p: p[0]):
        part = next((i for i, (s, e) in enumerate(parts) if s <= start < e), -1)
        groups.setdefault(part, []).append(item)
    out = []
    for items in groups.values():
        calls = -(-len(items) // CHECK_ITEMS)
        size = -(-len(items) // calls)
        out += [items[i : i + size] for i in range(0, len(items), size)]
    return out


def check_items(
    text: str,
    kind: Kind,
    found: Grounded,
    provider: Provider,
    parts: list[tuple[int, int]],
    system: Message,
    tools: Tools = (),
) -> tuple[Grounded, Usage]:
    """``found`` without the items of ``kind`` its check rejects; other kinds' items pass as
    they are. ``parts`` are the paragraphs (windows) the pass asked: one call for each part's
    items. ``system`` is the pass's own system message (the kind's docstring and worked
    examples), sent first unchanged, and ``tools`` the models the pass's calls list: the server
    reuses what it evaluated for the pass."""
    kept, usage = Grounded(missing=list(found.missing)), Usage()
    pending: list[tuple[int, BaseModel]] = []
    for kind_name, item in found.pairs():
        if kind_name != kind.name:
            kept.add(kind_name, item)
            continue
        start, end = span_of(item)
        s, e = _sentence(text, start, end)
        accept = getattr(item, "accept", None)
        if callable(accept):
            ok = bool(accept(text[s:e].strip()))
        elif type_conflict(kind, text[s:e], start - s, end - s) is not None:
            ok = False
        else:
            pending.append((start, item))
            continue
        if ok:
            kept.add(kind_name, item)
        else:
            usage = usage.add(Usage(rejected=1))
    prompt = load_prompt("kind_check")
    fixed = {"name": kind.name, "definition": definition(kind)}
    for batch in batches(pending, parts):
        spans = sorted({_sentence(text, *span_of(i)) for i in batch})
        passage = " ".join(text[s:e].strip() for s, e in spans)
        records = _numbered([_shown(i) for i in batch])
        messages = [system, *prompt.render(**fixed, passage=passage, records=records)]
        try:
            verdict, cost = provider.structured(
                messages,
                verdicts(len(batch)),
                prompt.version,
                reply_tokens=CHECK_REPLY_BASE + CHECK_REPLY_PER_ITEM * len(batch),
                tools=tools,
            )
        except ModelError as exc:
            # Unchecked items are not kept as checked: this call's items go, the others stand,
            # and the record is incomplete, so a later run asks again.
            spent = exc.usage or Usage(calls=1)
            usage = usage.add(spent).add(Usage(incomplete=1, unchecked=len(batch)))
            continue
        usage = usage.add(cost)
        for item, ok in zip(batch, answers(verdict), strict=True):
            if ok:
                kept.add(kind.name, item)
            else:
                usage = usage.add(Usage(rejected=1))
    return kept, usage


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, widened to the item where it runs past a stop."""
    s, e = sentence_around(text, start, end)
    return min(s, start), max(e, end)
