"""Who acts and who undergoes a PLOVER event, from the parse: the source (the subject, the agent
of a passive, the owner of an event noun) and the target as PLOVER's roles define it for the act
the trigger states (the recipient of what is given, who is asked, what is attacked, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.rules.actors import ActorRef, Actors, canonical
from extract.rules.lexicons import AGENT_NOUNS, DOING_NOUNS, PERSON_NOUNS, ROLE_NOUNS
from extract.rules.parse import agents, subject, within
from extract.rules.plover_triggers import (
    NOUNS,
    PEOPLE,
    TARGET_PREPS,
    VERBS,
    WITH_OBJECT,
    Trigger,
    names_act,
    noun_trigger,
    trigger_at,
    verb_object,
)
from extract.schemas import EventType

_PEOPLE = AGENT_NOUNS | ROLE_NOUNS | PERSON_NOUNS | PEOPLE  # 'recall the ambassador': an object, but a person
_EVENT_OBJECTS = {obj for _, obj in WITH_OBJECT} - _PEOPLE
# What a refusal may be of without anyone receiving it: an act or its result ('will not recognise
# the outcome'); any other object ('will not release the journalist') is who undergoes it.
REFUSED_THINGS = DOING_NOUNS | set(NOUNS) | _EVENT_OBJECTS | {"outcome", "result", "vote", "election"}
_SELF = {"it", "they", "we"}  # a body speaking of itself
_ATTITUDES = {EventType.ACCUSE, EventType.REJECT, EventType.SUPPORT}
_GIVING = {EventType.AID, EventType.MOBILIZE, EventType.YIELD, EventType.COOPERATE}
_RECIPIENT_PREPS = {"to", "into", "for"}
# Acts whose recipient is who is offered the thing: 'offered an aid package to the cultural sector'.
_OFFERING = {"offer", "promise", "pledge", "grant"}
# Acts two parties do together: 'India and Pakistan agreed to a cease-fire', 'the US and China
# signed an agreement' are reciprocal, every party an actor and no recipient (PLOVER's manual,
# "Compound and Reciprocal Actors"), unless the act is directed at someone else.
RECIPROCAL = {EventType.AGREE, EventType.SUPPORT, EventType.CONSULT, EventType.COOPERATE}


_QUANTITIES = ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
# Nouns that count or gather what their 'of' names ('a number of websites', 'a handful of
# journalists', 'a group of hackers'): the actors are those counted.
_COUNTING = {"number", "handful", "couple", "host", "score", "group", "series", "spate", "wave", "batch"}


def who(
    tok: Any | None, actors: Actors, as_written: bool = True, besides: Sequence[ActorRef] = ()
) -> list[ActorRef]:
    """The actors a subject or object token names: names and people first (the name in
    apposition: 'the Irish premier Leo Varadkar'), those a quantity counts ('dozens of
    protesters', 'one of the critics'), a possessor that is one or who made a decision ('Buhari's
    decision', 'the decision of Buhari': Buhari), else the noun phrase up to its head, as written
    (but not an event noun unless ``as_written``: 'such sanctions' do not act). A description
    resolved to one of ``besides`` (the event's other side) is kept as written: 'Hun Sen met the
    former president' met someone else."""
    if tok is None or tok.ent_type_ in ("DATE", "TIME"):
        return []
    if tok.ent_type_ in _QUANTITIES or tok.lemma_.lower() in ("dozen", "hundred", "thousand", "some"):
        counted = _pobjs(tok, {"of"})
        return who(counted[0], actors, as_written, besides) if counted else []
    if tok.lemma_.lower() in _COUNTING and (counted := _pobjs(tok, {"of"})):
        return who(counted[0], actors, as_written, besides)
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
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in _PEOPLE and tok.i not in actors.by_token:
        # 'the armies of Brazil and Argentina': each state's organ is a party
        of = next(iter(_pobjs(tok, {"of"})), None)
        states = actors.agents(of) if of is not None and of.i in actors.by_token else []
        if len(states) > 1:
            return states
    if tok.pos_ == "NOUN" and tok.i not in actors.by_token and (split := _conjoined_modifiers(tok)):
        return split  # 'UK and EU negotiators', 'Nigerian and British armed forces': two parties
    found = actors.agents(tok)
    if found and tok.pos_ == "NOUN" and all(a in besides for a in found):
        found = []
    if found:
        # 'Kuwait and its gulf war allies': people conjoined to a name are parties too
        people = [c for c in tok.conjuncts if c.i > tok.i and c.pos_ == "NOUN" and c.i not in actors.by_token]
        more = [a for c in people if c.lemma_.lower() in _PEOPLE for a in _as_written(c)]
        found = list(dict.fromkeys([*found, *more]))
    if found or tok.pos_ not in ("NOUN", "PROPN"):
        return found
    acts = tok.lemma_.lower() in NOUNS or tok.lemma_.lower() in _EVENT_OBJECTS
    if not as_written and acts and _names_event(tok, actors):
        return []
    if owner is not None and (owned := actors.agents(owner)):
        return owned
    maker = next(iter(_pobjs(tok, {"of"})), None) if lemma in DOING_NOUNS else None
    if maker is not None and is_actor(maker, actors):
        return who(maker, actors, as_written, besides)  # 'the decision of the Kaduna State Government'
    return _as_written(tok)


def _conjoined_modifiers(tok: Any) -> list[ActorRef]:
    """The parties a noun with conjoined modifiers names, each with the rest of the phrase: 'UK and
    EU negotiators' are the UK negotiators and the EU negotiators."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "nmod", "compound") and c.i < tok.i]
    for n, first in enumerate(mods):
        if not any(c.dep_ == "cc" for c in first.children):
            continue
        joined = next((c for c in first.children if c.dep_ == "conj"), None)
        second = joined if joined is not None else (mods[n + 1] if n + 1 < len(mods) else None)
        if second is None or not (first.ent_type_ in NAMED and second.ent_type_ in NAMED):
            return []
        written = tok.doc[second.i : tok.i + 1].text  # not Doc.text: it joins the whole article
        names = (canonical(first.text + written[len(second.text) :]), canonical(written))
        return [ActorRef(name, "other") for name in names if name]
    return []


def _as_written(tok: Any) -> list[ActorRef]:
    """The noun phrase up to its head as written, without its article, as an actor."""
    words = [t for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.dep_ not in ("det", "punct")]
    if not words:
        return []
    written = canonical(tok.doc[words[0].i : tok.i + 1].text)
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
    """The objects of ``head``'s prepositions in ``preps``, those that aim at someone first
    ('filed a lawsuit in the court for the district against the bank': the bank), else in order
    ('on Friday' is no one; 'to' before a recipient is parsed as a dative too). A clause as object
    gives its subject ('an investigation into whether the ambassador was spied on')."""
    found = [
        (_AIMING.get(c.lower_, len(_AIMING)), g if g.dep_ == "pobj" else subj)
        for c in head.children
        if c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and c.lower_ in preps
        for g in c.children
        if (g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME"))
        or (_asked_of(g) and (subj := subject(g)) is not None and subj.dep_.startswith("nsubj"))
    ]
    return [g for _, g in sorted(found, key=lambda f: f[0])]


# Prepositions that aim an act at someone, before the rest ('to', 'with', 'for', 'of', ...).
_AIMING = {"against": 0, "on": 1, "upon": 1}


def _asked_of(clause: Any) -> bool:
    """Whether a prepositional clause is about its subject ('into whether the ambassador was spied
    on', 'on the government calling it ...'), not a place or time ('from where the group ...')."""
    whether = any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)
    return clause.dep_ == "pcomp" and (whether or clause.tag_ == "VBG")


def _names_event(tok: Any, actors: Actors) -> bool:
    """Whether a noun names an act rather than who undergoes it ('sanctions', 'the release',
    'an attack'; 'troops' and 'protesters' are people)."""
    lemma = tok.lemma_.lower()
    acts = lemma in NOUNS or lemma in _EVENT_OBJECTS or lemma in VERBS
    return acts and tok.pos_ == "NOUN" and lemma not in _PEOPLE and not _named(tok, actors)


def is_actor(tok: Any, actors: Actors) -> bool:
    """Whether a token names who can act or undergo an act: a name, a place, people."""
    return tok.ent_type_ in NAMED or tok.lemma_.lower() in _PEOPLE or _named(tok, actors)


def _named(tok: Any, actors: Actors) -> bool:
    """Whether a noun is (the head of) a name: 'Israel Flying Aid', 'the Red Cross'."""
    compound = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
    return tok.i in actors.by_token or compound or bool(actors.agents(tok))


def _beyond(tok: Any, actors: Actors, hops: int = 0) -> Any:
    """An event noun's own target, through nested ones and what is said of it: 'sanctions against
    Moscow', 'the release of the hostages', 'the lifting of sanctions on Iran', 'sanctions imposed
    on India', 'the embargo it has imposed on the island'; else the noun."""
    if hops <= 2 and tok.ent_type_ in _QUANTITIES and (counted := _pobjs(tok, {"of", "in"})):
        return _beyond(counted[0], actors, hops + 1)  # 'the release of $1.2 billion in aid to Egypt'
    if hops <= 2 and tok.lemma_.lower() in _TRADE and (goods := _pobjs(tok, {"of", "from"})):
        return goods[0]  # 'a ban on imports of British beef': whose goods are banned
    if hops > 2 or not _names_event(tok, actors):
        return tok
    inner = _pobjs(tok, TARGET_PREPS | {"of", "into", "for"}) or [
        g for c in tok.children if c.dep_ in ("acl", "relcl") for g in _pobjs(c, TARGET_PREPS)
    ]
    undergone = tok.lemma_.lower() in _UNDERGONE
    if not inner and undergone and (owner := _owner(tok, actors, named=False)) is not None:
        return owner  # 'ordered the Iranian tanker's release': who is released
    # 'a lawsuit accusing the cartel', 'a resolution demanding the administration': whom its
    # participle is aimed at
    inner = inner or [
        g
        for c in tok.children
        if c.dep_ == "acl" and c.tag_ == "VBG"
        for g in c.children
        if g.dep_ == "dobj" and is_actor(g, actors)
    ]
    return _beyond(inner[0], actors, hops + 1) if inner else tok


# Acts whose possessor undergoes them, not does them ('the tanker's release', 'Assange's extradition').
_UNDERGONE = {"release", "arrest", "detention", "extradition", "deportation", "execution", "expulsion"}


def _owner(tok: Any, actors: Actors, named: bool = True) -> Any | None:
    """The name a noun's possessive gives, if any ('South Ossetia's independence': South Ossetia);
    not ``named``, any noun's ('the Iranian tanker's release': the tanker)."""
    owners = (c for c in tok.children if c.dep_ == "poss")
    return next((c for c in owners if (c.ent_type_ in NAMED if named else c.pos_ != "PRON")), None)


# Trade whose goods name who an act on it is aimed at ('lift a ban on imports of Egyptian products').
_TRADE = {"import", "imports", "export", "exports", "shipment", "sale"}
_WHERE = {"in", "into", "inside", "across", "throughout"}
NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_ON_THINGS = {EventType.ASSAULT, EventType.COERCE}


def _target_of(verb: Any, trig: Trigger, actors: Actors, hops: int = 0) -> Any | None:
    """:func:`_directed_at`; else, where that finds no one or only a thing ('set up field
    hospitals in Louisiana', 'deployed observers in Zimbabwe'), the named place the act is
    directed at, as PLOVER's recipient may be a place."""
    found = _directed_at(verb, trig, actors, hops)
    if found is None:
        return place_of(verb)
    if trig[0] in _ATTITUDES or is_actor(found, actors):
        return found
    if trig[0] is EventType.MOBILIZE:
        # its recipient is whom forces are mobilised against ('for a battle against the remnants
        # of X') or where they are sent, if anyone: 'remained on alert' is none
        inner = _beyond(found, actors)
        if inner is not found:
            return inner if is_actor(inner, actors) else place_of(verb)
        on = found.dep_ == "pobj" and found.head.lower_ == "on"
        return place_of(verb) or (None if on else found)
    lemma = found.lemma_.lower()
    named_act = lemma in NOUNS or lemma in _EVENT_OBJECTS  # 'sanctions', not 'a military target'
    if named_act and _names_event(found, actors) and trig[0] is not EventType.PROTEST:
        # 'may impose sanctions', 'would offer more proposals': the act is no recipient (PLOVER's
        # recipient is an entity), who it is of or on may be ('conceded to the demands of the
        # drivers'); what is boycotted is
        inner = _beyond(found, actors)
        found = inner if inner is not found and is_actor(inner, actors) else None
    if found is not None and trig[0] in _ON_THINGS:
        return found  # 'attacked an army base in Kandahar': force is used on the thing
    return place_of(verb) or found


# The relations a named place is reached through from the act it is the recipient of: its
# objects, their modifiers, prepositional phrases and conjuncts ('set up hospitals and a team of
# health workers in Louisiana', 'a curfew in parts of Kashmir', 'a ceasefire effective from Sunday
# in Somalia', 'in Niger's Maradi region'); not its subject nor another clause.
_TOWARDS_PLACE = {"dobj", "attr", "prep", "pobj", "conj", "appos", "npadvmod", "xcomp", "oprd"}
_TOWARDS_PLACE |= {"amod", "compound", "poss"}


def place_of(head: Any) -> Any | None:
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
    # the parse may read 'called Angela Merkel' as a name given ('oprd'): who is called
    objects += [c for c in verb.children if c.dep_ == "oprd" and c.ent_type_ == "PERSON" and not objects]
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
    giving = etype in _GIVING or (own is not None and own[0] in _GIVING) or verb.lemma_.lower() in _OFFERING
    if (giving or mode == "withdraw") and recipients:
        return recipients[0]
    released = mode == "release"  # who is released is the target, not where they go
    if (
        giving
        and obj is not None
        and not released
        and not is_actor(obj, actors)
        and (further := _sent_to(verb, actors))
    ):
        return further  # 'returned 12 skulls that date back to 640 AD to Peru'
    met = [g for g in _pobjs(verb, {"with"}) if is_actor(g, actors)]
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
        if etype in _ATTITUDES or is_actor(g, actors)
    ]
    if obj is not None and etype in _ATTITUDES and not is_actor(obj, actors):
        made = made or _made_by(obj, actors)
    if made:
        return made[0]  # 'rejected a request from Modi', 'accepted the demands by protesters'
    if obj is not None and not act and not is_actor(obj, actors):
        # a thing asked for or acted on, with who it is asked from or meant for beside it: 'demanded
        # an explanation from the prime minister', 'allowed flights to Kabul'; but a thing of
        # someone's is theirs first ('recognise South Ossetia's independence from Georgia')
        beside = [g for h in (verb, obj) for g in _pobjs(h, TARGET_PREPS) if is_actor(g, actors)]
        if beside:
            owner = _owner(obj, actors)
            return owner if owner is not None else beside[0]
    phrase = obj is not None and names_act(verb, obj)  # 'voiced support', 'launched an investigation'
    owned = obj is not None and any(c.dep_ == "poss" and is_actor(c, actors) for c in obj.children)
    if (
        obj is not None
        and act
        and etype in (EventType.REJECT, EventType.SUPPORT)
        and not phrase
        and not owned
    ):
        # 'cancelled a planned visit to Washington', 'supported assistance to the Palestinians':
        # who the act refused or backed was for ('welcomed Trump's invitation to Putin': Trump's),
        # or who undergoes it ('approved the extradition of the former president')
        undergoes = {"of"} if obj.lemma_.lower() in _UNDERGONE else set()
        meant = [g for g in _pobjs(obj, TARGET_PREPS | undergoes) if is_actor(g, actors)]
        if meant:
            return meant[0]
    # 'declared a state of siege in Pando', 'filed a lawsuit against the bank': an object that
    # names the act with its verb is no recipient; the act's own target is, else its place
    # ('recalled its ambassador', 'sent troops': people the act moves are no act)
    named_act = phrase and obj is not None and obj.lemma_.lower() not in PEOPLE and obj.ent_type_ not in NAMED
    if obj is not None and not named_act and (not act or (etype in _ATTITUDES and not phrase and hops == 0)):
        # 'condemned the decision', 'condemned the attack on a church': what is condemned is the
        # target, as written.
        return obj
    if obj is not None and (inner := _beyond(obj, actors)) is not obj:
        return inner
    if named_act:
        meant = [_beyond(g, actors) for g in _pobjs(obj, TARGET_PREPS | {"for", "of"})]
        if found := next((g for g in meant if is_actor(g, actors)), None):
            return found
        if etype is EventType.ASSAULT and (owner := _owner(obj, actors)) is not None:
            # force that breaks someone's act is used on them ('violated South Sudan's ceasefire');
            # in other acts the owner is who does it ('expressed Egypt's support')
            return owner
    # not the act itself ('went on strike') nor, in a protest, what it is for ('for better pay')
    aims = TARGET_PREPS | ({"for"} if etype is not EventType.PROTEST else set())
    if preps := [g for g in _pobjs(verb, aims) if noun_trigger(g) != trig]:
        return _beyond(preps[0], actors)  # 'called for sanctions against Moscow'
    clause = next(
        (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None
    )  # 'apologize' as a NOUN too
    if clause is None and named_act:
        # 'started a hunger strike, protesting the law', 'carried out a raid, targeting X': the act
        # named as object is aimed by the participle beside it
        clause = next((c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"), None)
    if clause is None:
        return None if named_act else obj
    told = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) or etype is EventType.REQUEST
    if told and (asked := next((c for c in clause.children if c.dep_ == "nsubj"), None)) is not None:
        return asked  # 'urged Iran to release', 'allow the WFP to deliver': who is asked or let
    if hops < 2:
        inner = _target_of(clause, trigger_at(clause) or trig, actors, hops + 1)  # the act's own
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
        named = helped is not None and any(c.ent_type_ in NAMED for c in helped.children)  # 'Syrian refugees'
        generic = helped is None or helped.lemma_.lower() in _GENERIC_PEOPLE
        generic = generic or not (named or is_actor(helped, actors))
        return (place_of(tok) or helped) if generic else helped
    return None


def _sent_to(verb: Any, actors: Actors) -> Any | None:
    """Where what a verb gives goes when the parse hangs 'to' further down its phrase: the actor
    of the 'to' or 'into' nearest the verb in the parse ('returned skulls that date back to 640 AD
    to Peru', 'provide ammunition alongside humanitarian assistance to Turkey')."""
    subj = {t.i for c in verb.children if c.dep_.startswith("nsubj") for t in c.subtree}
    # not within an act of its own ('granted permission to inject euros into TAP')
    subj |= {
        t.i
        for c in verb.subtree
        if c.i != verb.i
        and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for t in c.subtree
    }
    found = [
        g
        for t in verb.subtree
        if t.i not in subj and t.dep_ == "prep" and t.lower_ in ("to", "into")
        for g in t.children
        if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") and is_actor(g, actors)
    ]
    return min(found, key=lambda g: len(list(g.ancestors)), default=None)


def _made_by(obj: Any, actors: Actors) -> list[Any]:
    """Who made what is condemned, refused or backed, through its participle or its phrases: 'an
    appeal filed by lawyers', 'the threats made by the United States', 'offers for peace talks
    by the Kabul government'."""
    parts = [obj, *(c for c in obj.children if c.dep_ == "conj")]
    parts += [g for p in list(parts) for g in _pobjs(p, {"of", "for"})]
    by = [a for p in parts for c in p.children if c.dep_ == "acl" for a in agents(c)]
    by += [g for p in parts[1:] for g in _pobjs(p, {"by"})]
    return [g for g in by if is_actor(g, actors)]


def until(verb: Any) -> Any | None:
    """Who must act before a refused act is done: the subject (the agent, if passive) of its
    'until' clause ('will not end the strike until the authorities meet its demands')."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "until" for c in clause.children):
            by = agents(clause)
            return by[0] if by else subject(clause)
    return None


def roles(tok: Any, trig: Trigger, sent: Any, actors: Actors) -> tuple[Any | None, Any | None]:
    """The source and target tokens of the event ``tok`` states: where the target found is a
    thing, not an entity, the named place the act is directed at if any (PLOVER's recipient is an
    entity, and may be a place: 'funds to fight the epidemic in West Africa'), unless the act is
    an attitude to the thing ('condemned the decision') or force used on it ('attacked a base')."""
    source, target = _roles(tok, trig, sent, actors)
    if target is not None and trig[0] not in _ATTITUDES | _ON_THINGS and not is_actor(target, actors):
        target = within(sent, place_of(tok)) or target
    return source, target


def _roles(tok: Any, trig: Trigger, sent: Any, actors: Actors) -> tuple[Any | None, Any | None]:
    if tok.pos_ != "VERB":
        # 'the attack on the embassy', 'Russia's invasion of Ukraine', 'protests against X'.
        # 'Russia's invasion', 'a Taliban attack'; not a word of the act's own name ('war games')
        owner = next(
            (
                c
                for c in tok.children
                if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and is_actor(c, actors))
            ),
            None,
        )
        if owner is None and tok.dep_ == "dobj":
            owner = _subject_of(tok.head)  # 'failed to renew the embargo': who failed
        if owner is None and tok.dep_ == "nsubjpass":
            owner = next(iter(agents(tok.head)), None)  # 'the war game was staged by US marines'
        etype, mode = trig
        # 'aid to Chad', 'the withdrawal of troops from Iraq': where what is given or withdrawn goes
        given = _pobjs(tok, _RECIPIENT_PREPS | ({"from"} if mode == "withdraw" else set()))
        pobjs = given if etype in _GIVING or mode == "withdraw" else []
        pobjs = pobjs or _pobjs(tok, TARGET_PREPS | {"of"})
        # 'a suspension of aid to Pakistan': an actor the phrases reach before a thing
        reached = [_beyond(g, actors) for g in pobjs]
        target = next((g for g in reached if is_actor(g, actors)), reached[0] if reached else None)
        sides = _pobjs(tok, {"between", "among"})
        mediated = "mediation" in (tok.lemma_.lower(), *(c.lemma_.lower() for c in tok.children))
        if trig[0] is EventType.CONSULT and sides and mediated:
            return within(sent, owner), within(sent, sides[0])  # 'a mediation effort between X and Y'
        if trig[0] is EventType.CONSULT and sides:
            return within(sent, sides[0]), None  # 'talks between the US and Russia': both sides act
        if target is None:  # 'declared a ceasefire on Friday in Libya': where it holds
            target = place_of(tok)
        if target is None and tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"):
            target = place_of(tok.head)  # 'troops remained on alert in North District'
        return within(sent, owner), within(sent, target)
    subj = _subject_of(tok)
    by = next(iter(agents(tok)), None)
    if subj is not None and subj.dep_ == "nsubjpass":
        source, target = by, subj
        if not is_actor(subj, actors) and trig[0] in _GIVING:
            # 'the bookmark was returned by US officials to Spanish authorities': to whom it went
            target = _target_of(tok, trig, actors) or subj
    else:
        source, target = subj, _target_of(tok, trig, actors)
    if target is not None and _unnamed(target, actors):
        # people named only as people are named by what was attacked, else where they are ('gave
        # shelter to 1.5 million people in Haiti')
        attacked = _attacked(tok, target, actors) if trig[0] is EventType.ASSAULT else None
        target = attacked or place_of(target) or place_of(tok) or target
    if trig[0] in _GIVING and target is not None and target.lemma_.lower() in _MISSIONS:
        # what is given to a force or mission goes to where it serves ('contribute troops to the
        # NATO-led security force in Afghanistan')
        target = place_of(target) or target
    if target is None or not is_actor(target, actors):
        target = _addressed(tok, actors) or target
    if trig[0] is EventType.YIELD and (target is None or target.lemma_.lower() in REFUSED_THINGS):
        target = _yielded_to(tok, actors) or target
    return within(sent, source), within(sent, target)


# Bodies sent to serve somewhere: what they are given is given to where they serve.
_MISSIONS = {"force", "operation", "mission", "contingent"}


def _yielded_to(verb: Any, actors: Actors) -> Any | None:
    """Who a concession answers, from what it follows: 'called off the strike after the agreement
    with the government', '... after the government accepted to pay'."""
    for c in verb.children:
        after = c.dep_ == "prep" and c.lower_ in ("after", "following")
        after = after or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in c.children)
        )
        if after:
            return next(
                (t for t in c.subtree if t.dep_ in ("nsubj", "pobj") and t.i != c.i and is_actor(t, actors)),
                None,
            )
    return None


# Victims named only by their number or as people ('killed 48 people', 'at least 20 troops were
# killed'): no entity by themselves. PLOVER codes a recipient by its country and sector, so what
# was attacked, else where, names them.
_UNNAMED_VICTIMS = {
    "people",
    "person",
    "civilian",
    "resident",
    "villager",
    "troop",
    "soldier",
    "policeman",
    "officer",
    "child",
    "woman",
    "man",
    "worker",
    "passenger",
    "other",
}


def _unnamed(tok: Any, actors: Actors) -> bool:
    """Whether victims are named only by number or as people ('48 people'; not 'one Turkish
    soldier', 'its troops', 'Abdullah')."""
    if tok.lemma_.lower() not in _UNNAMED_VICTIMS or tok.i in actors.by_token:
        return False
    return not any(c.ent_type_ in NAMED or c.dep_ in ("poss", "compound") for c in tok.children)


def _attacked(verb: Any, victims: Any, actors: Actors) -> Any | None:
    """What the force that hit unnamed victims was used on, from another act of force in the
    clause: 'a Taliban attack on a government compound has killed at least 20 troops', 'two people
    were killed when ISIL launched an attack on the embassy', '... after a car bomb struck a bus'."""
    hit = {t.i for t in victims.subtree}
    for tok in verb.subtree:
        found = trigger_at(tok) if tok.i != verb.i and tok.i not in hit else None
        if found is None or found[0] is not EventType.ASSAULT:
            continue
        on = _pobjs(tok, {"on", "against", "at"})
        obj = verb_object(tok) if tok.pos_ == "VERB" else None
        for g in [*on, *([obj] if obj is not None else [])]:
            if g.i not in hit and not _unnamed(g, actors) and g.lemma_.lower() not in NOUNS:
                return g
    return None


def _addressed(verb: Any, actors: Actors) -> Any | None:
    """Who an act done by calling or meeting someone is directed at: the actor the verb above it
    has as object ('Trump called King Salman, discussing ways to ...', 'Tillerson called Lavrov to
    discuss', 'Stoltenberg called Erdogan to apologize')."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp") or head.i == verb.i or head.pos_ != "VERB":
        return None
    if trigger_at(head) is not None:
        return None  # the verb above states an act of its own ('urged Iran to')
    obj = next((c for c in head.children if c.dep_ == "dobj"), None) or next(
        (c for c in head.children if c.dep_ == "oprd" and c.ent_type_ in ("PERSON", "ORG")), None
    )
    return obj if obj is not None and is_actor(obj, actors) else None
