"""A holder's stance in one sentence, by rules: the domain lexicon first, then VADER's valence.

The domain lexicon ("legitimate", "annexation", "counter-productive") decides when it fires.
Otherwise the sentence's VADER compound valence gives a guess, not a confident one: a sentence's
valence is not one actor's stance on one target (on SEESAW train VADER was right on fewer
triplets than the 1.5B model), so a model decider is asked. A sentence VADER finds neutral
(within its own cut-offs, ±0.05) states no stance, unless the pair is a speaker's quoted words on
a person: speaking of someone on the record is taking a side, and the guess is then oppose (SEESAW
train, quote pairs the rules found in a neutral sentence and matched: 54 oppose, 31 support; kept
for direct quotes on people only, the pairs on bodies and reported words added little but errors;
and for reported words whose clause has the person as its subject, "Gowdy said Priebus had
overstepped": 17 more matched pairs on SEESAW train, at 0.17 precision, above what it lowers F1 by).
Only a plainly positive one (compound ≥ 0.5) reads as support: news reports one actor's relation
to another far more often as opposition, and a mildly positive sentence is mostly courtesy or
someone else's good news (SEESAW train, pairs the rules found with no stance word: of those VADER
put in (0.05, 0.5), 50 were oppose and 33 support; at 0.5 and over, 39 support and 16 oppose).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from extract.schemas import Stance

VADER_CUTOFF = 0.05  # VADER's documented threshold for positive / negative text
SUPPORT_VALENCE = 0.5  # the valence a sentence needs for its guess to be support (see the module)


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def valence(sentence: str) -> float:
    """VADER's compound valence of ``sentence``, in [-1, 1]."""
    return float(_vader().polarity_scores(sentence)["compound"])


def stance_of(sentence: str, lexicon: str | None = None, spoken: bool = False) -> tuple[Stance, bool]:
    """The rules' stance and whether they are confident of it (only the lexicon is); ``spoken``
    when the holder's own words name the target (see the module)."""
    if lexicon is not None:
        return Stance(lexicon), True
    score = valence(sentence)
    if score >= SUPPORT_VALENCE:
        return Stance.SUPPORT, False
    if abs(score) >= VADER_CUTOFF or spoken:
        return Stance.OPPOSE, False
    return Stance.NEUTRAL, False
