"""Whole-article strategy: one call with every kind's schema, one re-ask for ungrounded items."""

from __future__ import annotations

import json
import logging
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
)

from extract.grounding.ground import Grounded, ground
from extract.inputs.chunk import chunks
from extract.inputs.load import Article
from extract.prompting.build import describe_kinds, worked_examples
from extract.prompting.templates import load_prompt
from extract.providers.base import Message, Provider, Tools
from extract.schemas import Kind, Usage
from extract.schemas.kinds import Drafted

MAX_REASKS = 1
notes = logging.getLogger("extract")


# What a kind's own validators raise (ValueError, assert), as against the schema's shape errors.
VALIDATOR_ERRORS = frozenset({"value_error", "assertion_error"})


def _keep_valid(kind: str) -> WrapValidator:
    """Validate a kind's items one by one. An item its own validators refuse is re-asked once
    (instructor sends the message); refused again, it is dropped, its message kept in
    ``context["rejected"]``, instead of failing the whole answer."""

    def keep(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        if not isinstance(value, list) or not isinstance(info.context, dict):
            return handler(value)
        kept: list[Any] = []
        for item in value:
            try:
                kept += handler([item])
            except ValidationError as exc:
                own = all(e["type"] in VALIDATOR_ERRORS for e in exc.errors())
                if not own or not info.context.get("reasked"):
                    # A wrong shape, or the answer's first refusal: instructor re-asks with it.
                    info.context["reasked"] = own
                    raise
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"][1:])
                info.context.setdefault("rejected", []).append(f"a {kind} item: {where}: {first['msg']}")
        return kept

    return WrapValidator(keep)


@cache
def extraction_model(kinds: tuple[Kind, ...], max_items: int | None = None) -> type[BaseModel]:
    """The response model: one list per kind, named and described as the kind is, of at most
    ``max_items`` each (the server's grammar closes the list there: no reply repeats one item
    until the reply limit)."""
    fields: dict[str, Any] = {
        k.name: (
            Annotated[list[k.draft], _keep_valid(k.name)],  # type: ignore[name-defined]
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
        found, cost = _ask(chunk, offset, article, kinds, provider)
        result, usage = result.merge(found, keep_missing=True), usage.add(cost)
    return result, usage


def _ask(
    chunk: str, offset: int, article: Article, kinds: tuple[Kind, ...], provider: Provider
) -> tuple[Grounded, Usage]:
    prompt = load_prompt("whole")
    messages = prompt.render(kinds=describe_kinds(kinds), examples=worked_examples(kinds), article=chunk)
    return ask_grounded(
        messages, prompt.version, offset, article.text, kinds, provider, source=article.source
    )


def ask_grounded(
    messages: list[Message],
    version: str,
    offset: int,
    text: str,
    kinds: tuple[Kind, ...],
    provider: Provider,
    model: type[BaseModel] | None = None,
    reply_tokens: int | None = None,
    source: str = "<text>",
    tools: Tools = (),
) -> tuple[Grounded, Usage]:
    """Ask; re-ask once naming what is not in the text; what is still missing is dropped.
    ``offset`` is where the asked part of ``text`` starts (grounding looks there first); ``model``
    is the response model (:func:`extraction_model` of ``kinds`` by default); ``tools`` the
    models every call of the pass lists (see ``Provider.structured``)."""
    model = model or extraction_model(kinds)
    context: dict[str, Any] = {"text": text}  # the kinds' validators see it as info.context["text"]
    extraction, usage = _structured(provider, messages, model, version, context, source, reply_tokens, tools)
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
        extraction, cost = _structured(
            provider, messages, model, f"{version}+{reask.version}", context, source, reply_tokens, tools
        )
        usage = usage.add(cost).add(Usage(reasks=1))
        # Keep what the first answer grounded; what is still missing is dropped and counted.
        result = result.merge(ground(drafts_of(extraction, kinds, offset), text))
    return result, usage


def _structured(
    provider: Provider,
    messages: list[Message],
    model: type[BaseModel],
    version: str,
    context: dict[str, Any],
    source: str,
    reply_tokens: int | None,
    tools: Tools = (),
) -> tuple[BaseModel, Usage]:
    """One call; the items its validators refused are counted and said, one line each."""
    answer, usage = provider.structured(messages, model, version, context, reply_tokens, tools)
    rejected = context.pop("rejected", [])
    context.pop("reasked", None)
    for reason in rejected:
        notes.warning(f"{source}: {reason}; dropped")
    return answer, usage.add(Usage(rejected=len(rejected)))
