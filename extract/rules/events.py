"""Events coded in PLOVER: one per sentence line, from the trigger nearest the root, typed by the
trigger lexicon (extract/rules/plover_triggers.py) with the readings that change a category
(negated: no event; promised cooperation: AGREE; promised force or sanctions: THREATEN), its source
and target from the parse, its time and its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extract.rules.actors import ActorRef, Actors, canonical
from extract.rules.lexicons import AGENT_NOUNS, DOING_NOUNS, PLACE_PREPS, ROLE_NOUNS
from extract.rules.parse import agents, depth, subject, within
from extract.rules.plover_triggers import (
    FUTURE_AUX,
    FUTURE_OF,
    NOT_EVENTS,
    NOUNS,
    PEOPLE,
    REFUSED,
    TARGET_PREPS,
    VERBS,
    WITH_OBJECT,
    WITH_PARTICLE,
    Trigger,
)
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
_GENERIC = {"such", "any", "no", "every", "each"}
_WH = {"what", "whatever"}
_SAYING = {"say", "tell", "insist", "state", "declare", "argue", "stress", "add", "write"}
_NEGATIONS = {"not", "n't", "never", "no"}
_PEOPLE = AGENT_NOUNS | ROLE_NOUNS | PEOPLE  # 'recall the ambassador': an object, but a person
_EVENT_OBJECTS = {obj for _, obj in WITH_OBJECT} - _PEOPLE
# What a refusal may be of without anyone receiving it: an act or its result ('will not recognise
# the outcome'); any other object ('will not release the journalist') is who undergoes it.
_REFUSED_THINGS = DOING_NOUNS | set(NOUNS) | _EVENT_OBJECTS | {"outcome", "result", "vote", "election"}
_MODIFIERS = {"amod", "acl", "compound", "npadvmod"}
_SELF = {"it", "they", "we"}  # a body speaking of itself
_ATTITUDES = {EventType.ACCUSE, EventType.REJECT, EventType.SUPPORT}
_GIVING = {EventType.AID, EventType.MOBILIZE, EventType.YIELD, EventType.COOPERATE}
_RECIPIENT_PREPS = {"to", "into", "for"}
# Acts two parties do together: 'India and Pakistan agreed to a cease-fire', 'the US and China
# signed an agreement' are reciprocal, every party an actor and no recipient (PLOVER's manual,
# "Compound and Reciprocal Actors"), unless the act is directed at someone else.
_RECIPROCAL = {EventType.AGREE, EventType.SUPPORT, EventType.CONSULT, EventType.COOPERATE}


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


def _object(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")), None)


def _verb_trigger(tok: Any) -> Trigger | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        # 'called on Britain', not 'called Erdogan on Friday'
        dated = any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
        if child.dep_ in ("prt", "prep", "acomp") and (lemma, child.lower_) in WITH_PARTICLE and not dated:
            return WITH_PARTICLE[(lemma, child.lower_)]
    obj = _object(tok)
    if obj is not None and (lemma, obj.lemma_.lower()) in WITH_OBJECT:
        return WITH_OBJECT[(lemma, obj.lemma_.lower())]
    return VERBS.get(lemma)


def _trigger(tok: Any) -> Trigger | None:
    if tok.pos_ == "VERB":
        # 'publicly funded schools', 'the first accord committing every country': a verb that only
        # describes a noun states no event; nor does 'what is being discussed'.
        if tok.dep_ in _MODIFIERS or any(
            c.dep_.startswith("nsubj") and c.lower_ in _WH for c in tok.children
        ):
            return None
        obj = _object(tok)
        if obj is not None and obj.lemma_.lower() in NOT_EVENTS.get(tok.lemma_.lower(), ()):
            return None
        return _verb_trigger(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("ROOT", "nsubj", "nsubjpass", "dobj", "appos"):
        # 'such sanctions', 'any threats', 'no talks': no act in particular; 'March 14': a date
        generic = any(c.dep_ in ("det", "amod", "predet") and c.lower_ in _GENERIC for c in tok.children)
        return None if generic or tok.ent_type_ in ("DATE", "TIME") else NOUNS.get(tok.lemma_.lower())
    return None


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.dep_ == "advmod") for c in verb.children)


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


_QUANTITIES = ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")


def _who(
    tok: Any | None, actors: Actors, as_written: bool = True, besides: Sequence[ActorRef] = ()
) -> list[ActorRef]:
    """The actors a subject or object token names: names and people first (the name in
    apposition: 'the Irish premier Leo Varadkar'), those a quantity counts ('dozens of
    protesters', 'one of the critics'), a possessor that is one ('Buhari's decision': Buhari), else
    the noun phrase up to its head, as written (but not an event noun unless ``as_written``: 'such
    sanctions' do not act). A description resolved to one of ``besides`` (the event's other side)
    is kept as written: 'Hun Sen met the former president' met someone else."""
    if tok is None or tok.ent_type_ in ("DATE", "TIME"):
        return []
    if tok.ent_type_ in _QUANTITIES or tok.lemma_.lower() in ("dozen", "hundred", "thousand", "some"):
        counted = _pobjs(tok, {"of"})
        return _who(counted[0], actors, as_written, besides) if counted else []
    named = next((c for c in tok.children if c.dep_ == "appos" and c.i in actors.by_token), None)
    if named is not None and tok.i not in actors.by_token:
        tok = named
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    lemma = tok.lemma_.lower()
    if owner is not None and tok.i not in actors.by_token:
        # 'France's ambassador', 'the U.N.'s peacekeeping force', 'Iran's parliament': who or what
        # a state has is its organ, named with it; 'Buhari's decision' is Buhari's act (below)
        held = tok.pos_ == "NOUN" and lemma not in DOING_NOUNS and not _names_event(tok, actors)
        if held or lemma in _PEOPLE:
            return _as_written(tok)
    found = actors.agents(tok)
    if found and tok.pos_ == "NOUN" and all(a in besides for a in found):
        found = []
    if found or tok.pos_ not in ("NOUN", "PROPN"):
        return found
    acts = tok.lemma_.lower() in NOUNS or tok.lemma_.lower() in _EVENT_OBJECTS
    if not as_written and acts and _names_event(tok, actors):
        return []
    if owner is not None and (owned := actors.agents(owner)):
        return owned
    return _as_written(tok)


def _as_written(tok: Any) -> list[ActorRef]:
    """The noun phrase up to its head as written, without its article, as an actor."""
    words = [t for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.dep_ not in ("det", "punct")]
    if not words:
        return []
    written = canonical(tok.doc.text[words[0].idx : tok.idx + len(tok.text)])
    return [ActorRef(written, "other")] if written else []


def _subject_of(verb: Any) -> Any | None:
    """The verb's subject, climbing out of 'willing to withdraw', 'agreed to send' and out of what
    a body says of itself ('Farc said it will release ...': Farc)."""
    subj = subject(verb)
    hops = 0
    while hops < 3 and verb.head.i != verb.i:
        open_clause = subj is None and verb.dep_ in ("xcomp", "acomp")
        self_report = subj is not None and subj.lower_ in _SELF and verb.dep_ == "ccomp"
        if not (open_clause or self_report):
            break
        verb, hops = verb.head, hops + 1
        subj = subject(verb) or subj
    return subj


def _pobjs(head: Any, preps: set[str]) -> list[Any]:
    """The objects of ``head``'s prepositions in ``preps``, in order ('on Friday' is no one; 'to'
    before a recipient is parsed as a dative too)."""
    return [
        g
        for c in head.children
        if c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
    ]


def _names_event(tok: Any, actors: Actors) -> bool:
    """Whether a noun names an act rather than who undergoes it ('sanctions', 'the release',
    'an attack'; 'troops' and 'protesters' are people)."""
    lemma = tok.lemma_.lower()
    acts = lemma in NOUNS or lemma in _EVENT_OBJECTS or lemma in VERBS
    return acts and tok.pos_ == "NOUN" and lemma not in _PEOPLE and not _named(tok, actors)


def _actor(tok: Any, actors: Actors) -> bool:
    """Whether a token names who can act or undergo an act: a name, a place, people."""
    return tok.ent_type_ in _NAMED or tok.lemma_.lower() in _PEOPLE or _named(tok, actors)


def _named(tok: Any, actors: Actors) -> bool:
    """Whether a noun is (the head of) a name: 'Israel Flying Aid', 'the Red Cross'."""
    compound = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
    return tok.i in actors.by_token or compound or bool(actors.agents(tok))


def _beyond(tok: Any, actors: Actors, hops: int = 0) -> Any:
    """An event noun's own target, through nested ones: 'sanctions against Moscow', 'the release
    of the hostages', 'the lifting of sanctions on Iran'; else the noun."""
    if hops > 2 or not _names_event(tok, actors):
        return tok
    inner = _pobjs(tok, TARGET_PREPS | {"of", "into", "for"})
    return _beyond(inner[0], actors, hops + 1) if inner else tok


_WHERE = {"in", "into", "inside", "across", "throughout"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_ON_THINGS = {EventType.ASSAULT, EventType.COERCE}


def _target_of(verb: Any, trig: Trigger, actors: Actors, hops: int = 0) -> Any | None:
    """:func:`_directed_at`; else, where that finds no one or only a thing ('set up field
    hospitals in Louisiana', 'deployed observers in Zimbabwe'), the named place the act is
    directed at, as PLOVER's recipient may be a place."""
    found = _directed_at(verb, trig, actors, hops)
    if found is None:
        return _place_of(verb)
    if trig[0] in _ATTITUDES or _actor(found, actors):
        return found
    lemma = found.lemma_.lower()
    named_act = lemma in NOUNS or lemma in _EVENT_OBJECTS  # 'sanctions', not 'a military target'
    if named_act and _names_event(found, actors) and trig[0] is not EventType.PROTEST:
        # 'may impose sanctions', 'would offer more proposals': the act is no recipient (PLOVER's
        # recipient is an entity); what is boycotted is
        found = None
    if found is not None and trig[0] in _ON_THINGS:
        return found  # 'attacked an army base in Kandahar': force is used on the thing
    return _place_of(verb) or found


# The relations a named place is reached through from the act it is the recipient of: its
# objects, their prepositional phrases and conjuncts ('set up hospitals and a team of health workers
# in Louisiana', 'a curfew in parts of Kashmir'); not its subject nor another clause.
_TOWARDS_PLACE = {"dobj", "attr", "prep", "pobj", "conj", "appos", "npadvmod", "xcomp", "oprd"}


def _place_of(head: Any) -> Any | None:
    """The first named place (GPE, LOC) the act at ``head`` is located in or directed at: reached
    through :data:`_TOWARDS_PLACE` and a locative preposition or 'of' ('declared a ceasefire in
    Libya', 'lifted its blockade of the U.K.')."""
    for root in head.subtree:  # within the act's own phrase: the article's length does not count
        kind = root.ent_type_
        if kind not in ("GPE", "LOC") or root.i == head.i or root.head.ent_type_ == kind:
            continue  # not a place, or not the head word of its name
        tok, located = root, False
        while tok.i != head.i and tok.dep_ in _TOWARDS_PLACE and tok.head.i != tok.i:
            located = located or (tok.dep_ == "prep" and tok.lower_ in _WHERE | {"of"})
            tok = tok.head
        if tok.i == head.i and located:
            return root
    return None


def _directed_at(verb: Any, trig: Trigger, actors: Actors, hops: int = 0) -> Any | None:
    """Who the act a verb states is directed at, by PLOVER's roles: the recipient of what is given
    ('gave $5 million to Chad', 'granted asylum to Assange'), an indirect object, an actor as
    direct object ('arrested the mayor'), who made what is accepted or refused ('refused a request
    from Modi'), the target of an event object ('imposed sanctions on Russia'), a prepositional
    object ('met with', 'fired at'), who is asked or let ('urged Iran to', 'demanded that the
    minister'), else the target of the act agreed, refused or threatened ('agreed to open its
    borders to refugees', 'threatened to shell British forces')."""
    etype, mode = trig
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")]
    # 'meet his counterpart Italian President Sergio Mattarella': the named one of two objects
    obj = next((c for c in objects if c.i in actors.by_token), objects[0] if objects else None)
    held = [verb]
    part = obj
    while part is not None and len(held) < 4:  # 'returned dozens of artifacts to the embassy'
        held.append(part)
        part = next(iter(_pobjs(part, {"of"})), None)
    # what is withdrawn is withdrawn from somewhere ('withdraw its troops from Gaza')
    away = {"from"} if mode == "withdraw" else set()
    recipients = [g for h in held for g in _pobjs(h, _RECIPIENT_PREPS | away)]
    # what is given, sent or withdrawn goes somewhere, whatever the pair makes of it ('sent
    # experts to Saudi Arabia' investigates, 'withdrew peacekeepers from Rwanda' sanctions)
    own = VERBS.get(verb.lemma_.lower())
    giving = etype in _GIVING or (own is not None and own[0] in _GIVING)
    if (giving or mode == "withdraw") and recipients:
        return recipients[0]
    met = [g for g in _pobjs(verb, {"with"}) if _actor(g, actors)]
    person = obj is not None and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in _PEOPLE)
    if etype is EventType.CONSULT and met and not person:
        return met[0]  # 'discussed Libya with Trump': who is consulted, not the topic
    if giving and (helped := _helped(verb, actors)) is not None:
        return helped
    dative = next((c for c in objects if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if dative is not None:
        return dative
    act = obj is not None and _names_event(obj, actors)
    made = [
        g
        for g in (_pobjs(obj, {"from", "by"}) if obj is not None and act else [])
        if etype in _ATTITUDES or _actor(g, actors)
    ]
    if made:
        return made[0]  # 'rejected a request from Modi', 'accepted the demands by protesters'
    if obj is not None and not act and not _actor(obj, actors):
        # a thing asked for or acted on, with who it is asked from or meant for beside it: 'demanded
        # an explanation from the prime minister', 'allowed flights to Kabul'
        beside = [g for h in (verb, obj) for g in _pobjs(h, TARGET_PREPS) if _actor(g, actors)]
        if beside:
            return beside[0]
    phrase = obj is not None and (verb.lemma_.lower(), obj.lemma_.lower()) in WITH_OBJECT  # 'voiced support'
    if obj is not None and act and etype in (EventType.REJECT, EventType.SUPPORT) and not phrase:
        # 'cancelled a planned visit to Washington', 'supported assistance to the Palestinians':
        # who the act refused or backed was for
        meant = [g for g in _pobjs(obj, TARGET_PREPS) if _actor(g, actors)]
        if meant:
            return meant[0]
    # 'declared a state of siege in Pando', 'filed a lawsuit against the bank': an object that
    # names the act with its verb is no recipient; the act's own target is, else its place
    # ('recalled its ambassador', 'sent troops': people the act moves are no act)
    named_act = (
        phrase and obj is not None and obj.lemma_.lower() not in PEOPLE and obj.ent_type_ not in _NAMED
    )
    if obj is not None and not named_act and (not act or (etype in _ATTITUDES and not phrase and hops == 0)):
        # 'condemned the decision', 'condemned the attack on a church': what is condemned is the
        # target, as written.
        return obj
    if obj is not None and (inner := _beyond(obj, actors)) is not obj:
        return inner
    if named_act:
        meant = [_beyond(g, actors) for g in _pobjs(obj, TARGET_PREPS | {"for", "of"})]
        if found := next((g for g in meant if _actor(g, actors)), None):
            return found
    if preps := _pobjs(verb, TARGET_PREPS | {"for"}):
        return _beyond(preps[0], actors)  # 'called for sanctions against Moscow'
    clause = next(
        (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None
    )  # 'apologize' as a NOUN too
    if clause is None:
        return None if named_act else obj
    told = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) or etype is EventType.REQUEST
    if told and (asked := next((c for c in clause.children if c.dep_ == "nsubj"), None)) is not None:
        return asked  # 'urged Iran to release', 'allow the WFP to deliver': who is asked or let
    if hops < 2:
        inner = _target_of(clause, _trigger(clause) or trig, actors, hops + 1)  # the act's own
        if inner is not None:
            return inner
    return None if named_act else obj


# Verbs of a purpose clause that say who what is given is for ('gave $2 million to help farmers').
_HELPING = {"help", "support", "assist", "aid", "benefit", "feed", "protect", "promote", "fund"}
_GENERIC_PEOPLE = {"people", "those", "civilian", "resident", "family", "population", "community"}


def _helped(verb: Any, actors: Actors) -> Any | None:
    """Who a gift is for, from its purpose clause ('provided $1.7 billion to support Syrian
    refugees'); people named only as people are the place they live in ('to help people in
    Somalia'), as is a purpose with no one in it ('to promote development in Ethiopia')."""
    for tok in verb.subtree:
        aimed = tok.lemma_.lower() in _HELPING and tok.pos_ == "VERB" and tok.i > verb.i
        if not aimed or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue
        helped = next((c for c in tok.children if c.dep_ == "dobj"), None)
        named = helped is not None and any(
            c.ent_type_ in _NAMED for c in helped.children
        )  # 'Syrian refugees'
        generic = helped is None or helped.lemma_.lower() in _GENERIC_PEOPLE
        generic = generic or not (named or _actor(helped, actors))
        return (_place_of(tok) or helped) if generic else helped
    return None


def _until(verb: Any) -> Any | None:
    """Who must act before a refused act is done: the subject (the agent, if passive) of its
    'until' clause ('will not end the strike until the authorities meet its demands')."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "until" for c in clause.children):
            by = agents(clause)
            return by[0] if by else subject(clause)
    return None


def _roles(tok: Any, trig: Trigger, sent: Any, actors: Actors) -> tuple[Any | None, Any | None]:
    """The source and target tokens of the event ``tok`` states."""
    if tok.pos_ != "VERB":
        # 'the attack on the embassy', 'Russia's invasion of Ukraine', 'protests against X'.
        owner = next((c for c in tok.children if c.dep_ in ("poss", "compound", "amod")), None)
        if owner is None and tok.dep_ in ("dobj", "nsubjpass"):
            owner = subject(tok.head)
        etype, mode = trig
        # 'aid to Chad', 'the withdrawal of troops from Iraq': where what is given or withdrawn goes
        given = _pobjs(tok, _RECIPIENT_PREPS | ({"from"} if mode == "withdraw" else set()))
        pobjs = given if etype in _GIVING or mode == "withdraw" else []
        pobjs = pobjs or _pobjs(tok, TARGET_PREPS | {"of"})
        target = _beyond(pobjs[0], actors) if pobjs else None
        sides = _pobjs(tok, {"between", "among"})
        if trig[0] is EventType.CONSULT and sides:
            return within(sent, sides[0]), None  # 'talks between the US and Russia': both sides act
        if target is None:  # 'declared a ceasefire on Friday in Libya': where it holds
            target = _place_of(tok)
        return within(sent, owner), within(sent, target)
    subj = _subject_of(tok)
    by = next(iter(agents(tok)), None)
    if subj is not None and subj.dep_ == "nsubjpass":
        return within(sent, by), within(sent, subj)
    return within(sent, subj), within(sent, _target_of(tok, trig, actors))


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
    names = before.ent_type_ in _NAMED and after.ent_type_ in _NAMED
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
        if (trig := _trigger(tok)) is not None:
            found.append((depth(tok), tok.pos_ != "VERB", tok.i, tok, trig))
    for _, _, _, tok, trig in sorted(found, key=lambda f: f[:3]):
        reading = _reading(tok, trig)
        if reading is None:
            if tok.pos_ == "VERB":
                return None  # the main event is denied or imagined: the rest hangs on it
            continue
        etype, mode, sure = reading
        # Roles follow the act as the lexicon names it: who a promised loan goes to is its target.
        source, target = _roles(tok, trig, sent, actors)
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
        sources = _who(source, actors, as_written=False)
        refused = etype is EventType.REJECT and trig[0] is not EventType.REJECT
        counted = target is not None and any(c.dep_ == "nummod" for c in target.children)  # 'two pilots'
        thing = target is not None and target.lemma_.lower() in _REFUSED_THINGS
        if refused and (target is None or (thing and not (_actor(target, actors) or counted))):
            # 'will not recognise the outcome': PLOVER's recipient is an entity, the one the act
            # refused would have gone to ('will not lift the embargo until Cuba reforms'), if any
            until = _until(tok)
            target = until if until is not None and _actor(until, actors) else _place_of(tok)
        if etype in _RECIPROCAL and len(sources) > 1 and target is not None:
            # 'the US and China signed an agreement', 'India and Pakistan agreed to a cease-fire
            # in Kashmir': no one else undergoes it, and where it holds is no party
            place = _place_of(tok)
            if not _actor(target, actors) or (place is not None and place.i == target.i):
                target = None
        return EventCandidate(
            clause.text,
            clause.start_char,
            tok.text,
            etype,
            mode,
            sources,
            [t for t in _who(target, actors, besides=sources) if t not in sources],
            dates[0].text if dates else None,
            places[0].text if places else None,
            sure,
        )
    return None
