"""Whole-article strategy: one call with the full schema, one re-ask for ungrounded items."""

from __future__ import annotations

import json

from extract.chunk import chunks
from extract.ground import Draft, Grounded, ground
from extract.llm import LLM
from extract.load import Article
from extract.prompt import load_prompt
from schemas import Extraction, Usage

MAX_REASKS = 1


def drafts_of(extraction: Extraction, near: int) -> list[tuple[Draft, int | None]]:
    items: list[Draft] = [*extraction.quotes, *extraction.events, *extraction.positions]
    return [(d, near) for d in items]


def run_whole(article: Article, llm: LLM) -> tuple[Grounded, Usage]:
    """Ask for everything, chunk by chunk for long articles; records are deduplicated across chunks."""
    result, usage = Grounded(), Usage()
    for offset, chunk in chunks(article.text):
        found, cost = _ask(chunk, offset, article.text, llm)
        result, usage = result.merge(found, keep_missing=True), usage.add(cost)
    return result, usage


def _ask(chunk: str, offset: int, text: str, llm: LLM) -> tuple[Grounded, Usage]:
    """One chunk: ask; re-ask once naming what is not in the text; what is still missing is dropped."""
    prompt = load_prompt("whole")
    messages = prompt.render(article=chunk)
    extraction, usage = llm.structured(messages, Extraction, prompt.version)
    result = ground(drafts_of(extraction, offset), text)
    for _ in range(MAX_REASKS):
        if not result.missing:
            break
        reask = load_prompt("reask")
        messages = [
            *messages,
            {"role": "assistant", "content": extraction.model_dump_json()},
            *reask.render(missing=json.dumps(result.missing, ensure_ascii=False)),
        ]
        extraction, cost = llm.structured(messages, Extraction, f"{prompt.version}+{reask.version}")
        usage = usage.add(cost).add(Usage(reasks=1))
        # Keep what the first answer grounded; what is still missing is dropped and counted.
        result = result.merge(ground(drafts_of(extraction, offset), text))
    return result, usage
