"""Whole-article strategy: one call with every kind's schema, one re-ask for ungrounded items."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel, Field, create_model

from extract.grounding.ground import Grounded, ground
from extract.inputs.chunk import chunks
from extract.inputs.load import Article
from extract.prompting.build import describe_kinds, worked_examples
from extract.prompting.templates import load_prompt
from extract.providers.base import Message, Provider
from extract.schemas import Kind, Usage
from extract.schemas.kinds import Drafted

MAX_REASKS = 1


@cache
def extraction_model(kinds: tuple[Kind, ...], max_items: int | None = None) -> type[BaseModel]:
    """The response model: one list per kind, named and described as the kind is, of at most
    ``max_items`` each (the server's grammar closes the list there: no reply repeats one item
    until the reply limit)."""
    fields: dict[str, Any] = {
        k.name: (
            list[k.draft],  # type: ignore[name-defined]
            Field(default_factory=list, description=k.instructions, max_length=max_items),
        )
        for k in kinds
    }
    return create_model("Extraction", __doc__="Everything the article reports, by kind.", **fields)


def drafts_of(extraction: BaseModel, kinds: tuple[Kind, ...], near: int) -> list[Drafted]:
    return [(k, d, near) for k in kinds for d in getattr(extraction, k.name)]


def run_whole(article: Article, kinds: tuple[Kind, ...], provider: Provider) -> tuple[Grounded, Usage]:
    """Ask for everything, chunk by chunk for long articles; records are deduplicated across chunks."""
    result, usage = Grounded(), Usage()
    for offset, chunk in chunks(article.text):
        found, cost = _ask(chunk, offset, article.text, kinds, provider)
        result, usage = result.merge(found, keep_missing=True), usage.add(cost)
    return result, usage


def _ask(
    chunk: str, offset: int, text: str, kinds: tuple[Kind, ...], provider: Provider
) -> tuple[Grounded, Usage]:
    prompt = load_prompt("whole")
    messages = prompt.render(kinds=describe_kinds(kinds), examples=worked_examples(kinds), article=chunk)
    return ask_grounded(messages, prompt.version, offset, text, kinds, provider)


def ask_grounded(
    messages: list[Message],
    version: str,
    offset: int,
    text: str,
    kinds: tuple[Kind, ...],
    provider: Provider,
    model: type[BaseModel] | None = None,
    reply_tokens: int | None = None,
) -> tuple[Grounded, Usage]:
    """Ask; re-ask once naming what is not in the text; what is still missing is dropped.
    ``offset`` is where the asked part of ``text`` starts (grounding looks there first); ``model``
    is the response model (:func:`extraction_model` of ``kinds`` by default)."""
    model = model or extraction_model(kinds)
    context = {"text": text}  # the kinds' validators see the article as info.context["text"]
    extraction, usage = provider.structured(messages, model, version, context, reply_tokens)
    result = ground(drafts_of(extraction, kinds, offset), text)
    for _ in range(MAX_REASKS):
        if not result.missing:
            break
        reask = load_prompt("reask")
        messages = [
            *messages,
            {"role": "assistant", "content": extraction.model_dump_json()},
            *reask.render(missing=json.dumps(result.missing, ensure_ascii=False)),
        ]
        extraction, cost = provider.structured(
            messages, model, f"{version}+{reask.version}", context, reply_tokens
        )
        usage = usage.add(cost).add(Usage(reasks=1))
        # Keep what the first answer grounded; what is still missing is dropped and counted.
        result = result.merge(ground(drafts_of(extraction, kinds, offset), text))
    return result, usage
