"""What the corpora's annotation conventions ask of scoring, beside their readers in corpora.py.

PolNeAR marks the pronoun itself as a quote's source ('he said'): such a speaker cannot be
checked by name, so lenient matching lets the content span decide, and attribute accuracy scores
it apart, against the nearest earlier named gold actor. SEESAW's positions are scored on the kind
its gold annotates only (``CORPUS_KINDS``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from extract.analysis.names import actor_name, same_actor
from extract.grounding.ground import span_of

# Relative and possessive pronouns too ("Bush, who announced ...", "his claim that ...").
UNNAMED = frozenset(
    "he she they it we i you him her them us me who whom which that his its their our my your".split()
)


def unnamed(name: str) -> bool:
    """Whether an actor is only a pronoun."""
    return name.strip().lower() in UNNAMED


def speaker_agrees(pred: str, gold: str) -> bool:
    """Lenient speaker match: same actor, or a gold speaker that is only a pronoun (the content
    span decides; speaker accuracy leaves those out)."""
    return unnamed(gold) or same_actor(pred, gold)


def nearest_named(attribute: str, gold: Sequence[BaseModel]) -> dict[int, str]:
    """For each gold item (by ``id``) whose actor is a pronoun, the name of the nearest earlier
    gold item's actor that is a name: the antecedent a reader would most often pick."""
    out: dict[int, str] = {}
    last: str | None = None
    for g in sorted(gold, key=lambda g: span_of(g)[0]):
        name = actor_name(getattr(g, attribute, None))
        if name is None:
            continue
        if not unnamed(name):
            last = name
        elif last is not None:
            out[id(g)] = last
    return out
