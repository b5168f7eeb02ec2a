"""Google's langextract as a peer, pointed at the same OpenAI-compatible server, for comparison.

Its extractions are turned into our drafts and grounded by the same aligner as ours, so the
scores differ only in what each approach asks of the model. Needs `pip install langextract`.
"""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel

from extract.grounding.ground import ground
from extract.inputs.load import Article
from extract.schemas import (
    EVENTS,
    NEWS_KINDS,
    POSITIONS,
    QUOTES,
    Actor,
    ArticleRecord,
    EventActor,
    EventDraft,
    EventType,
    Kind,
    PositionDraft,
    QuoteDraft,
    Stance,
    Target,
    Usage,
)
from extract.schemas.kinds import Drafted

PROMPT = (
    "Extract quotes (the exact words a speaker said, with speaker, cue verb and whether direct), "
    "events (what happened, with type from: " + ", ".join(t.value for t in EventType) + "; source and "
    "target actors), and positions (an actor's stance on another actor or an issue: support, oppose or "
    "neutral_or_mixed). Use exact text from the article; do not paraphrase."
)

# A made-up example (not from any evaluation text), the same kinds our schema asks for.
EXAMPLE_TEXT = (
    'Foreign Minister Anna Berg met her Danish counterpart in Oslo on Tuesday. "We will not accept '
    'new tariffs," Berg told reporters. Denmark said it opposes the tariff plan.'
)


def examples() -> list[Any]:
    import langextract as lx

    x = lx.data.Extraction
    return [
        lx.data.ExampleData(
            text=EXAMPLE_TEXT,
            extractions=[
                x(
                    "event",
                    "Foreign Minister Anna Berg met her Danish counterpart in Oslo on Tuesday",
                    attributes={"type": "meet", "source": "Anna Berg", "target": "Denmark"},
                ),
                x(
                    "quote",
                    "We will not accept new tariffs",
                    attributes={"speaker": "Anna Berg", "cue": "told", "direct": "true"},
                ),
                x(
                    "quote",
                    "it opposes the tariff plan",
                    attributes={"speaker": "Denmark", "cue": "said", "direct": "false"},
                ),
                x(
                    "position",
                    "Denmark said it opposes the tariff plan",
                    attributes={"holder": "Denmark", "target": "the tariff plan", "stance": "oppose"},
                ),
            ],
        )
    ]


def _attr(e: Any, key: str, default: str = "") -> str:
    value = (e.attributes or {}).get(key, default)
    return str(value[0] if isinstance(value, list) and value else value or default)


def _draft(e: Any) -> tuple[Kind, BaseModel] | None:
    kind, text = e.extraction_class, e.extraction_text
    try:
        if kind == "quote":
            speaker = _attr(e, "speaker", "unknown")
            return QUOTES, QuoteDraft(
                text=text,
                speaker=Actor(name=speaker),
                cue=_attr(e, "cue") or None,
                direct=_attr(e, "direct").lower() == "true",
            )
        if kind == "event":
            actors = [
                EventActor(actor=Actor(name=n), role=r) for r in ("source", "target") if (n := _attr(e, r))
            ]
            etype = _attr(e, "type", "other")
            known = etype in EventType._value2member_map_
            return EVENTS, EventDraft(
                type=EventType(etype) if known else EventType.OTHER, actors=actors, evidence=text
            )
        if kind == "position":
            stance = _attr(e, "stance", "neutral_or_mixed")
            known = stance in Stance._value2member_map_
            holder = Actor(name=_attr(e, "holder", "unknown"))
            target = Target(name=_attr(e, "target", text))
            fixed = Stance(stance) if known else Stance.NEUTRAL
            return POSITIONS, PositionDraft(holder=holder, target=target, stance=fixed, evidence=text)
    except ValueError:
        return None  # an unusable extraction counts as dropped, as ours do
    return None


def run_langextract(
    article: Article, base_url: str, model: str, max_char_buffer: int = 2000
) -> ArticleRecord:
    """One article through langextract (JSON mode, few-shot, its own chunking), grounded by ours."""
    import langextract as lx
    from langextract.prompt_validation import PromptValidationLevel
    from langextract.providers.openai import OpenAILanguageModel

    started = time.perf_counter()
    # The output cap keeps a tiny model's runaway JSON from taking minutes per chunk.
    lm = OpenAILanguageModel(
        model_id=model,
        base_url=base_url,
        api_key="not-needed",
        temperature=0.0,
        max_workers=1,
        max_output_tokens=1024,
    )
    result = lx.extract(
        text_or_documents=article.text,
        prompt_description=PROMPT,
        examples=examples(),
        model=lm,
        fence_output=False,
        use_schema_constraints=False,
        max_char_buffer=max_char_buffer,
        show_progress=False,
        prompt_validation_level=PromptValidationLevel.OFF,
    )
    found: list[Drafted] = [
        (d[0], d[1], e.char_interval.start_pos if e.char_interval else None)
        for e in result.extractions
        if (d := _draft(e)) is not None
    ]
    grounded = ground(found, article.text)
    return ArticleRecord(
        article_id=article.id,
        source=article.source,
        text_sha256=article.sha256,
        items={k.name: grounded.items.get(k.name, []) for k in NEWS_KINDS},
        model=model,
        strategy="langextract",
        prompt_version="langextract",
        usage=Usage(
            dropped=len(result.extractions) - len(found) + len(grounded.missing),
            seconds=time.perf_counter() - started,
        ),
    )
