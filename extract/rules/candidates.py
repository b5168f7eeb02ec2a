"""The rules' pre-pass (spaCy): one parse, then actors, quote, event and position candidates.

The model is then only asked to choose among what this finds, so nothing it says can
point outside the text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from extract.errors import StageTimeout
from extract.rules.actors import ActorRef, Actors
from extract.rules.attribution import QuoteCandidate, find_quotes, joined_fragments, outermost, quoted_spans
from extract.rules.events import EventCandidate, event_in
from extract.rules.parse import lines_of, nlp
from extract.rules.positions import PositionCandidate, PositionFinder, continued, unique


@dataclass
class Analysis:
    actors: dict[str, ActorRef] = field(default_factory=dict)
    quotes: list[QuoteCandidate] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    positions: list[PositionCandidate] = field(default_factory=list)


# The pre-pass is linear in the text (benchmarks/speed.py); past this limit an article is failed
# with one line rather than holding a worker.
RULES_SECONDS = 300.0


def analyse(text: str, seconds: float = RULES_SECONDS, doc: Any | None = None) -> Analysis:
    """Find actors and quote, event and position candidates in ``text`` (``doc``: its parse,
    where the caller already has one: a trained run parses once for the rules and its tagger);
    raise StageTimeout when that takes more than ``seconds``."""
    deadline = time.monotonic() + seconds

    def on_time() -> None:
        if time.monotonic() > deadline:
            raise StageTimeout(f"the rules' pre-pass took over {seconds:g}s; article skipped")

    doc = nlp()(text) if doc is None else doc
    on_time()
    spans_in_quotes = quoted_spans(text)
    actors = Actors(doc, spans_in_quotes)
    out = Analysis(actors=dict(actors.by_alias))
    out.quotes = find_quotes(doc, actors, spans_in_quotes, on_time)
    finder = PositionFinder(actors, out.quotes)
    said = [*out.quotes, *(c for q in out.quotes for c in continued(q, text))]
    found = [p for q in said for p in finder.in_quote(q, doc)]
    ents_in: dict[int, list[Any]] = {}  # by sentence start: Span.ents scans every entity of the doc
    for ent in doc.ents:
        ents_in.setdefault(actors.sentence_of[ent.start].start, []).append(ent)
    for sent in doc.sents:
        on_time()
        for line in lines_of(sent):
            ents = [e for e in ents_in.get(sent.start, []) if line.start <= e.start < line.end]
            if (event := event_in(line, ents, actors)) is not None:
                out.events.append(event)
            found += finder.in_line(line)
    out.positions = sorted(unique(found), key=lambda p: p.start)
    out.quotes = outermost(joined_fragments(out.quotes, text))
    return out
