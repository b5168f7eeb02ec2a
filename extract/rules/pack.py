"""The news pack: quotes, events and positions with the spaCy rules as their candidate generator.

Declared as any pack is (``[project.entry-points."news_extract.packs"]`` in pyproject.toml); the
parser loads on the first article, not on import.
"""

from __future__ import annotations

from extract.kinds import Pack
from extract.rules.news import attributed, drafts, worth_asking
from extract.schemas import NEWS_KINDS

NEWS = Pack(
    "news",
    NEWS_KINDS,
    rules=drafts,
    prompts=("speaker", "event_type", "stance"),
    sieve=worth_asking,
    # The rules miss quotes a model pass finds; their events and positions it adds only noise.
    recall_from_model=("quotes",),
    verify=attributed,
    # A speaker the parse leaves open and a stance the lexicon does not settle go to the model;
    # an unsure event category keeps the rules' reading, which measured better than the model's
    # choice over the codebook (docs/quality.md, the PLOVER rows).
    model_decides=("speaker", "stance"),
)
