"""Events: one per sentence line, from the trigger nearest the root, with its source and
target actors, its time and its place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.rules.actors import ActorRef, Actors
from extract.rules.lexicons import CLAUSAL, FUTURE, PLACE_PREPS, SPEAKS_OF, TRIGGERS
from extract.rules.parse import depth, subject, within
from extract.schemas import EventType


@dataclass
class EventCandidate:
    sentence: str
    start: int
    trigger: str
    type: EventType
    sources: list[ActorRef]  # 'Kerry and Lavrov met': both
    targets: list[ActorRef]
    time: str | None
    place: str | None


def _event_type(tok: Any) -> EventType | None:
    """The event type ``tok`` triggers, if any, with the readings that change it."""
    etype = TRIGGERS.get(tok.lemma_.lower()) or TRIGGERS.get(tok.text.lower())
    if etype is None or tok.pos_ not in ("VERB", "NOUN"):
        return None
    verb = tok if tok.pos_ == "VERB" else tok.head
    # spaCy often tags 'talks' in 'When Lavrov talks of ...' a noun, but one heading a clause.
    acts = tok.pos_ == "VERB" or tok.dep_ in CLAUSAL
    if acts and any(c.dep_ == "prep" and c.lower_ in SPEAKS_OF for c in tok.children):
        return None
    if etype is EventType.SANCTION and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in verb.children):
        return EventType.THREATEN
    return etype


def event_in(sent: Any, ents: list[Any], actors: Actors) -> EventCandidate | None:
    """The event a sentence line states, if any (``ents``: the named entities in it)."""
    # One event per sentence, the trigger nearest the root: the main clause's event, not one in
    # an aside ('The U.S. official, who briefed reporters, suggested the U.S. would offer ...';
    # 'When Mr Lavrov talks of ..., he is saying that the referendum ...'). On the seeds' gold it
    # scores above the first trigger and above one event per type.
    triggers = [(t, etype) for t in sent if (etype := _event_type(t)) is not None]
    if not triggers:
        return None
    tok, etype = min(triggers, key=lambda te: depth(te[0]))
    verb = tok if tok.pos_ == "VERB" else tok.head
    # Only within the line: a parse run across lines can make a headline's name the subject.
    subj = within(sent, subject(verb))
    obj = within(sent, next((c for c in verb.children if c.dep_ in ("dobj", "pobj", "dative")), None))
    dates = [e for e in ents if e.label_ in ("DATE", "TIME")]
    # 'in London', 'at the residence': a named place after a locative preposition ('the US'
    # as a subject or object is an actor, not where it happened).
    places = [e for e in ents if e.label_ in ("GPE", "LOC", "FAC") and e.root.head.lower_ in PLACE_PREPS]
    return EventCandidate(
        sent.text,
        sent.start_char,
        tok.text,
        etype,
        actors.agents(subj),
        actors.agents(obj),
        dates[0].text if dates else None,
        places[0].text if places else None,
    )
