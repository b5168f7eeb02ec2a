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
    prompts=("speaker", "event_type", "stances"),
    sieve=worth_asking,
    # What the default asks the model, by measurement (docs/quality.md): the speaker the parse
    # leaves open changed answers for the better at a second or two per article. The stance
    # decider beat the lexicon on SEESAW triplets but asked several times per article, over the
    # default's time budget (`hybrid+stances` asks once per sentence: to be measured), and an
    # unsure PLOVER category was better left to the rules, so both are `hybrid-all`'s. A paragraph
    # pass over quotes added too little for its cost, so no news kind is asked for recall
    # (`--strategy paragraph` asks the model for quotes).
    model_decides=("speaker",),
    recall_from_model=(),
    verify=attributed,
)
