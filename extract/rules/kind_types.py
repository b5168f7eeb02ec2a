"""The parse's say on a user kind's item: a span the parse reads as a person, an organisation or a
place is rarely an instance of a kind whose definition names none of these ("Spc. Isiah L. Booker"
as a weapons platform)."""

from __future__ import annotations

from extract.rules.kind_sieve import cues_of, stem
from extract.rules.parse import nlp
from extract.schemas import Kind

# spaCy's entity labels, and the words with which a definition admits such an entity.
_ADMITTED_BY = {
    "PERSON": "person people who whom name speaker official candidate leader politician individual "
    "victim member author figure donor voter",
    "ORG": "organisation organization group company party agency unit institution body firm force "
    "army government committee campaign",
    "GPE": "place where location country city state region site town area",
    "LOC": "place where location region site area",
    "FAC": "place where location site building base venue facility",
}
_WORDS = {label: frozenset(stem(w) for w in words.split()) for label, words in _ADMITTED_BY.items()}
# How much of the item's span the entity covers for the parse's reading to count.
COVERED = 2 / 3


def entity_reading(kind: Kind, sentence: str, start: int, end: int) -> tuple[str, bool] | None:
    """The entity label the parse gives (most of) ``sentence[start:end]``, and whether ``kind``'s
    definition admits such an entity; None when the parse reads no person, organisation or place
    there."""
    span = sentence[start:end]
    length = sum(c.isalnum() for c in span)
    if not length:
        return None
    for ent in nlp()(sentence).ents:
        if ent.label_ not in _WORDS:
            continue
        lo, hi = max(start, ent.start_char), min(end, ent.end_char)
        if lo < hi and sum(c.isalnum() for c in sentence[lo:hi]) >= COVERED * length:
            return str(ent.label_), bool(_WORDS[ent.label_] & cues_of(kind))
    return None
