"""A holder's stance in one sentence, by rules: the domain lexicon first, then VADER's valence.

The domain lexicon ("legitimate", "annexation", "counter-productive") decides when it fires.
Otherwise the sentence's VADER compound valence gives a guess, at VADER's own cut-offs (±0.05),
but not a confident one: a sentence's valence is not one actor's stance on one target (on SEESAW
train VADER was right on fewer triplets than the 1.5B model), so the hybrid asks the model.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from extract.schemas import Stance

VADER_CUTOFF = 0.05  # VADER's documented threshold for positive / negative text


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def valence(sentence: str) -> float:
    """VADER's compound valence of ``sentence``, in [-1, 1]."""
    return float(_vader().polarity_scores(sentence)["compound"])


def stance_of(sentence: str, lexicon: str | None = None) -> tuple[Stance, bool]:
    """The rules' stance and whether they are confident of it (only the lexicon is)."""
    if lexicon is not None:
        return Stance(lexicon), True
    score = valence(sentence)
    if score >= VADER_CUTOFF:
        return Stance.SUPPORT, False
    if score <= -VADER_CUTOFF:
        return Stance.OPPOSE, False
    return Stance.NEUTRAL, False
