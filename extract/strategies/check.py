"""Each item of a user's kind checked against the kind's own definition before it is kept.

Grounding proves an item's words are in the article, not that they are an instance of the kind
("Fort Campbell, Kentucky" as a weapons platform). The kind's rules decide where it declares them
(a method ``accept(self, sentence: str) -> bool`` on its model); otherwise the parse rejects an
item it reads as a person, an organisation or a place that the kind's definition does not admit,
and the model answers one yes/no question under a grammar for the rest, given the kind's
docstring, field descriptions and examples, the item and its sentence. Rejected items are dropped
and counted in ``usage.rejected``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel

from extract.errors import ModelError
from extract.grounding.ground import Grounded, span_of
from extract.inputs.chunk import sentence_around
from extract.prompting.templates import load_prompt
from extract.providers.base import Provider
from extract.rules.kind_types import type_conflict
from extract.schemas import Kind, Usage
from extract.schemas.kinds import GROUNDING_FIELDS
from extract.strategies.hybrid import choice_model

# The answer is one of two enum values in a tool call's JSON: a few tokens.
CHECK_REPLY_TOKENS = 32
VERDICT = choice_model("KindCheck", ["yes", "no"], "Whether the record is an instance of the kind.")


@cache
def definition(kind: Kind) -> str:
    """The kind as its model defines it: docstring, then one line per field the model fills."""
    lines = [kind.instructions]
    for name, field in kind.draft.model_fields.items():
        if name not in GROUNDING_FIELDS and field.description:
            lines.append(f"- {name}: {' '.join(field.description.split())}")
    return "\n".join(lines)


def _examples(kind: Kind) -> str:
    shown = [
        f"Sentence: {e.text}\nRecord: {json.dumps(item, ensure_ascii=False)}\nAnswer: yes"
        for e in kind.examples
        for item in e.items
    ]
    return "\n\nExamples of records of this kind:\n" + "\n\n".join(shown) if shown else ""


def _shown(item: BaseModel) -> str:
    fields: dict[str, Any] = item.model_dump(mode="json", exclude=set(GROUNDING_FIELDS))
    return json.dumps({k: v for k, v in fields.items() if v not in (None, "", [])}, ensure_ascii=False)


def check_items(text: str, kind: Kind, found: Grounded, provider: Provider) -> tuple[Grounded, Usage]:
    """``found`` without the items of ``kind`` its check rejects; other kinds' items pass as they are."""
    prompt = load_prompt("kind_check")
    fixed = {"name": kind.name, "definition": definition(kind), "examples": _examples(kind)}
    kept, usage = Grounded(missing=list(found.missing)), Usage()
    for kind_name, item in found.pairs():
        if kind_name == kind.name:
            start, end = span_of(item)
            s, e = sentence_around(text, start, end)
            s, e = min(s, start), max(e, end)
            sentence = text[s:e]
            accept = getattr(item, "accept", None)
            if callable(accept):
                ok = bool(accept(sentence.strip()))
            elif type_conflict(kind, sentence, start - s, end - s) is not None:
                ok = False
            else:
                messages = prompt.render(**fixed, sentence=sentence.strip(), item=_shown(item))
                try:
                    verdict, cost = provider.structured(
                        messages, VERDICT, prompt.version, reply_tokens=CHECK_REPLY_TOKENS
                    )
                except ModelError as exc:
                    # Unchecked is not rejected: the item stays, and a later run asks again.
                    spent = exc.usage or Usage(calls=1)
                    usage, ok = usage.add(spent).add(Usage(incomplete=1)), True
                else:
                    usage, ok = usage.add(cost), verdict.choice == "yes"  # type: ignore[attr-defined]
            if not ok:
                usage = usage.add(Usage(rejected=1))
                continue
        kept.add(kind_name, item)
    return kept, usage
