"""Whole-article strategy: one call with the full schema, one re-ask for ungrounded items."""

from __future__ import annotations

import json

from extract.ground import Draft, Grounded, ground
from extract.llm import LLM
from extract.load import Article
from extract.prompt import load_prompt
from schemas import Extraction, Usage

MAX_REASKS = 1


def drafts_of(extraction: Extraction) -> list[tuple[Draft, int | None]]:
    items: list[Draft] = [*extraction.quotes, *extraction.events, *extraction.positions]
    return [(d, None) for d in items]


def run_whole(article: Article, llm: LLM) -> tuple[Grounded, Usage]:
    """Ask for everything; re-ask once naming what is not in the text, then drop it."""
    prompt = load_prompt("whole")
    messages = prompt.render(article=article.text)
    extraction, usage = llm.structured(messages, Extraction, prompt.version)
    result = ground(drafts_of(extraction), article.text)
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
        again = ground(drafts_of(extraction), article.text)
        # Keep what the first answer grounded; what is still missing is dropped and counted.
        result = result.merge(again)
    return result, usage
