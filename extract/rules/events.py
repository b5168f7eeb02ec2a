"""Events coded in PLOVER: one per sentence line, from the trigger nearest the root, typed by the
trigger lexicon (extract/rules/plover_triggers.py) with the readings that change a category
(negated: no event; promised cooperation: AGREE; promised force or sanctions: THREATEN), its source
and target from the parse (extract/rules/event_roles.py), its time and its place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.rules.actors import ActorRef, Actors
from extract.rules.event_roles import NAMED, RECIPROCAL, REFUSED_THINGS, is_actor, place_of, roles, until, who
from extract.rules.lexicons import PLACE_PREPS
from extract.rules.parse import depth, subject, within
from extract.rules.plover_triggers import FUTURE_AUX, FUTURE_OF, REFUSED, Trigger, trigger_at
from extract.schemas import EventType

# Verbs whose clause only intends or imagines the event below them ('plans to impose').
_INTENT = {
    "plan",
    "intend",
    "prepare",
    "expect",
    "want",
    "hope",
    "aim",
    "seek",
    "consider",
    "vow",
    "pledge",
    "willing",
    "ready",
}
_CONDITIONAL = {"if", "unless"}
_DEONTIC = {"must", "should"}
_SAYING = {"say", "tell", "insist", "state", "declare", "argue", "stress", "add", "write"}
_NEGATIONS = {"not", "n't", "never", "no"}
_TOPICS = {"on", "over", "about", "regarding", "concerning"}  # what an agreement or talks are about


@dataclass
class EventCandidate:
    sentence: str
    start: int
    trigger: str
    type: EventType
    mode: str | None
    sources: list[ActorRef]  # 'Kerry and Lavrov met': both
    targets: list[ActorRef]
    time: str | None
    place: str | None
    sure: bool  # the lexicon's reading needed no second guess (a decider may overrule the rest)


def _negated(verb: Any) -> bool:
    """Whether the act is denied: 'did not agree', 'never met', 'failed to reach agreement'."""
    failed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail"
    return failed or any(
        c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.dep_ == "advmod") for c in verb.children
    )


def _future(verb: Any) -> bool:
    """Whether the event is still to come: 'will impose', 'plans to send', 'to offer' in a headline."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _INTENT


def _saying(tok: Any, sent: Any) -> Any | None:
    """The saying verb whose complement states the event ('Kerry says [the EU may impose]',
    'has said [it will not recognise]'), within the line; None when the event is not reported."""
    verb = tok if tok.pos_ == "VERB" else None
    while verb is not None and verb.dep_ in ("xcomp", "acomp") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.dep_ != "ccomp" or not sent.start <= verb.head.i < sent.end:
        return None
    said = verb.head
    # 'X is ready to help, an official said' reports X's act; 'Kerry says the EU may' makes one
    speaker = subject(said)
    # 'has made clear it is willing' (the parse hangs 'clear' on either verb)
    clear = any(c.lower_ == "clear" for c in [*said.children, *verb.children]) and said.lemma_ == "make"
    saying = said.lemma_.lower() in _SAYING or clear
    return said if saying and speaker is not None and speaker.i < verb.i else None


def _demanded(tok: Any) -> bool:
    """Whether a speaker says the act must be done ('X says Israel must end attacks'): PLOVER's
    REQUEST of the clause's subject, whatever the act."""
    deontic = any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in tok.children)
    return tok.pos_ == "VERB" and deontic and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _SAYING


def _reading(tok: Any, trig: Trigger) -> tuple[EventType, str | None, bool] | None:
    """The category ``tok`` codes once negation, condition and tense are read; None when the
    sentence denies or only imagines it. The flag says whether the reading is the lexicon's own."""
    etype, mode = trig
    verb = tok if tok.pos_ == "VERB" else tok.head
    if tok.pos_ == "VERB" and _negated(tok):
        return (EventType.REJECT, None, False) if etype in REFUSED else None
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in verb.children):
        return None
    if tok.pos_ == "VERB" and _future(tok) and etype in FUTURE_OF:
        future = FUTURE_OF[etype]
        return future, None, False
    return etype, mode, tok.pos_ == "VERB"


# What a clause's core leaves out: asides, further clauses and what follows a comma.
_ASIDES = {"advcl", "relcl", "parataxis", "punct"}
_CLAUSE_JOINS = {"conj", "cc"}  # a further clause when they hang on a verb, not in 'Kerry and Lavrov'


def _clause(tok: Any, sent: Any, said_by: Any | None = None) -> Any:
    """The clause that states the event: the trigger's phrase (from the verb it hangs on in
    'chose to mass', 'willing to negotiate'; from the saying that makes it, ``said_by``, in
    'Kerry says the EU may impose sanctions'), without asides, further clauses or the
    punctuation at its ends, within the line."""
    root = tok if said_by is None else said_by
    while root.dep_ in ("xcomp", "acomp") and root.head.i != root.i and sent.start <= root.head.i < sent.end:
        root = root.head
    kept = {root.i}
    stack = [root]
    while stack:
        for child in stack.pop().children:
            hyphen = child.text == "-" and not child.doc[child.i - 1].whitespace_  # 'last-ditch'
            aside = (child.dep_ in _ASIDES and not hyphen) or (
                child.dep_ in _CLAUSE_JOINS and child.head.pos_ in ("VERB", "AUX")
            )
            if not aside or (child.dep_ == "punct" and child.i > root.i and child.text in '"”'):
                kept.add(child.i)
                stack.append(child)
    # a comma in a list of names joins them ('U.S., EU may impose'); any other one ends the clause
    kept |= {c.i for c in root.subtree if c.dep_ == "punct" and c.head.i in kept and _listing(c)}
    start = end = root.i
    while start - 1 in kept and start - 1 >= sent.start:
        start -= 1
    while end + 1 in kept and end + 1 < sent.end:
        end += 1
    doc = sent.doc
    while start < end and (doc[start].is_punct or doc[start].dep_ in ("cc", "mark")):
        start += 1
    while end > start and doc[end].is_punct and doc[end].text not in '"”':
        end -= 1
    return doc[start : end + 1]


def _listing(comma: Any) -> bool:
    """Whether a comma separates the names of a list ('U.S., EU and Japan'; not the one after
    'Ahead of meeting Lavrov, Kerry ...')."""
    if comma.text != "," or comma.i == 0 or comma.i + 1 >= len(comma.doc):
        return False
    before, after = comma.doc[comma.i - 1], comma.doc[comma.i + 1]
    names = before.ent_type_ in NAMED and after.ent_type_ in NAMED
    # 'Ahead of meeting Lavrov, Kerry spoke': the name closes a phrase put before the clause
    fronted = any(
        a.dep_ in ("prep", "pcomp", "pobj", "advcl", "advmod") for a in [before, *before.ancestors][:3]
    )
    return names and not fronted and after.ent_iob_ == "B"


def event_in(sent: Any, ents: list[Any], actors: Actors) -> EventCandidate | None:
    """The PLOVER event a sentence line states, if any (``ents``: the named entities in it)."""
    # One event per sentence, the trigger nearest the root: the main clause's event ('X accused Y
    # of attacking Z' is an accusation), and a verb before a noun at the same depth.
    found = []
    for tok in sent:
        if (trig := trigger_at(tok)) is not None:
            found.append((depth(tok), tok.pos_ != "VERB", tok.i, tok, trig))
    for _, _, _, tok, trig in sorted(found, key=lambda f: f[:3]):
        reading = _reading(tok, trig)
        if reading is None:
            if tok.pos_ == "VERB":
                return None  # the main event is denied or imagined: the rest hangs on it
            continue
        etype, mode, sure = reading
        # Roles follow the act as the lexicon names it: who a promised loan goes to is its target.
        source, target = roles(tok, trig, sent, actors)
        said_by = _saying(tok, sent)
        if _demanded(tok):  # 'Russia says Israel must end attacks': Russia asks it of Israel
            etype, mode, sure = EventType.REQUEST, None, False
            source, target = within(sent, subject(tok.head)), within(sent, subject(tok))
        elif said_by is not None and (etype, mode) != trig:
            # a promise, a threat or a refusal made by saying it: 'Kerry says the EU may impose
            # sanctions' is Kerry's threat
            source = within(sent, subject(said_by)) or source
        clause = _clause(tok, sent, said_by if said_by is not None and (etype, mode) != trig else None)
        # The time and place stated with the event, in its clause ('as a referendum looks set to
        # proceed on Sunday' dates the referendum, not the meeting).
        ents = [e for e in ents if clause.start <= e.start < clause.end]
        dates = [e for e in ents if e.label_ in ("DATE", "TIME")]
        # 'in London', 'at the residence': a named place after a locative preposition ('the US'
        # as a subject or object is an actor, not where it happened).
        places = [e for e in ents if e.label_ in ("GPE", "LOC", "FAC") and e.root.head.lower_ in PLACE_PREPS]
        sources = who(source, actors, as_written=False)
        refused = etype is EventType.REJECT and trig[0] is not EventType.REJECT
        counted = target is not None and any(c.dep_ == "nummod" for c in target.children)  # 'two pilots'
        thing = target is not None and target.lemma_.lower() in REFUSED_THINGS
        if refused and (target is None or (thing and not (is_actor(target, actors) or counted))):
            # 'will not recognise the outcome': PLOVER's recipient is an entity, the one the act
            # refused would have gone to ('will not lift the embargo until Cuba reforms'), if any
            first = until(tok)
            target = first if first is not None and is_actor(first, actors) else place_of(tok)
        if etype is EventType.MOBILIZE and len(sources) > 1:
            # 'US and Western allies launch war games': joint military operations are COOPERATE,
            # one country's MOBILIZE (the manual's MOBILIZE section)
            etype, mode, sure = EventType.COOPERATE, None, False
        # a joint act refused or failed is reciprocal too ('X and Y failed to reach agreement')
        joint = etype in RECIPROCAL or (refused and trig[0] in RECIPROCAL)
        if joint and len(sources) > 1 and target is not None:
            # 'the US and China signed an agreement', 'India and Pakistan agreed to a cease-fire
            # in Kashmir': no one else undergoes it, and where it holds is no party
            place = place_of(tok)
            # nor is what it is about ('reached an agreement on Senate Bill 3065')
            topic = target.dep_ == "pobj" and target.head.lower_ in _TOPICS
            if topic or not is_actor(target, actors) or (place is not None and place.i == target.i):
                target = None
        return EventCandidate(
            clause.text,
            clause.start_char,
            tok.text,
            etype,
            mode,
            sources,
            [t for t in who(target, actors, besides=sources) if t not in sources],
            dates[0].text if dates else None,
            places[0].text if places else None,
            sure,
        )
    return None
