"""PLOVER trigger lexicon: the words that state each category, written from the PLOVER manual's
definitions (what each category covers and excludes), not learned from any coded corpus.

Data, not code. ``VERBS`` and ``NOUNS`` map a lemma to its category and mode; ``WITH_OBJECT``
maps a (verb, object noun) pair whose meaning the object decides ('impose sanctions', 'lift
sanctions', 'hold talks'); ``WITH_PARTICLE`` a verb with its particle or preposition ('call for').
:func:`trigger_at` looks a parsed token up in them.
"""

from __future__ import annotations

from typing import Any

from extract.rules.lexicons import meaning
from extract.schemas import EventType as T

Trigger = tuple[T, str | None]

# Verbs by the category (and mode) they state, as the manual defines each category.
VERBS: dict[str, Trigger] = meaning(
    {
        (T.AGREE, None): "agree promise pledge vow offer invite commit accept propose",
        (T.CONSULT, None): "meet host negotiate discuss consult confer receive",
        (T.CONSULT, "phone"): "phone telephone",
        (T.CONSULT, "visit"): "visit",
        (T.SUPPORT, None): (
            "praise endorse support back welcome commend approve hail applaud recognize "
            "recognise sign ratify congratulate thank defend lobby"
        ),
        (T.COOPERATE, None): "cooperate collaborate extradite partner trade",
        (T.AID, None): (
            "donate grant fund rescue supply provide send deliver lend finance help assist evacuate "
            "forgive shelter allocate give contribute"
        ),
        (T.YIELD, None): "return hand repatriate",
        (T.YIELD, "access"): "allow",
        (T.YIELD, "concede"): (
            "pardon apologize apologise concede ease relax acquit reopen lift scrap drop "
            "reverse abandon regret"
        ),
        (T.YIELD, "disarm"): "disarm surrender",
        (T.YIELD, "release"): "release free",
        (T.YIELD, "resign"): "resign quit step",
        (T.YIELD, "withdraw"): "withdraw retreat cede",
        (
            T.REQUEST,
            None,
        ): "urge demand ask request appeal seek order petition implore press beg plead invoke",
        (T.ACCUSE, "allege"): "accuse blame charge sue allege indict prosecute",
        (T.ACCUSE, "disapprove"): (
            "criticize criticise condemn denounce decry slam fault complain lambaste "
            "blast rebuke deplore summon castigate chastise berate"
        ),
        (T.ACCUSE, "investigate"): "investigate probe question",
        (T.REJECT, None): (
            "reject refuse deny veto decline dismiss oppose rebuff spurn block bar resist defy "
            "snub ignore overturn refute vote"
        ),
        (T.REJECT, "meet"): "cancel",
        (T.THREATEN, None): "warn threaten",
        (T.PROTEST, "boycott"): "boycott",
        (T.PROTEST, "demo"): "protest demonstrate rally march picket",
        (T.PROTEST, "riot"): "riot",
        (T.SANCTION, None): "slap impose penalize penalise blacklist",
        (T.SANCTION, "convict"): "convict sentence fine",
        (T.SANCTION, "discontinue"): (
            "suspend sanction embargo sever cut halt freeze terminate downgrade revoke stop end"
        ),
        (T.SANCTION, "expel"): "expel exclude oust",
        (T.MOBILIZE, None): "patrol",
        (T.MOBILIZE, "troops"): "deploy mobilize mobilise mass station dispatch reinforce",
        (T.COERCE, None): "intimidate harass suppress force",
        (T.COERCE, "arrest"): "arrest detain jail imprison round apprehend capture",
        (T.COERCE, "censor"): "censor",
        (T.COERCE, "cyber"): "hack",
        (T.COERCE, "deport"): "deport evict",
        (T.COERCE, "restrict"): "ban restrict crack shut prohibit outlaw close",
        (T.COERCE, "seize"): "raid seize confiscate search expropriate",
        (T.ASSAULT, None): (
            "attack strike kill fire wound injure clash fight invade ambush target storm slay hit occupy"
        ),
        (T.ASSAULT, "abduct"): "abduct kidnap hijack",
        (T.ASSAULT, "beat"): "beat assault",
        (T.ASSAULT, "destroy"): "destroy demolish raze",
        (T.ASSAULT, "explosives"): "bomb",
        (T.ASSAULT, "firearms"): "shoot gun",
        (T.ASSAULT, "heavy-weapons"): "shell bombard",
        (T.ASSAULT, "primitive"): "stab torch burn",
        (T.ASSAULT, "sexual"): "rape",
        (T.ASSAULT, "targeted"): "assassinate murder execute massacre behead",
        (T.ASSAULT, "torture"): "torture",
    }
)
# Nouns that name an event, by category and mode ('talks', 'airstrike', 'sanctions').
NOUNS: dict[str, Trigger] = meaning(
    {
        (T.AGREE, None): "agreement deal pledge promise offer invitation proposal",
        (T.CONSULT, None): "talk meeting negotiation mediation",  # CAMEO 045: engage in mediation
        (T.CONSULT, "multilateral"): "summit",
        (T.CONSULT, "phone"): "call",
        (T.CONSULT, "visit"): "visit",
        (T.AID, None): "aid assistance donation loan",
        (T.YIELD, "ceasefire"): "ceasefire",
        (T.YIELD, "concede"): "apology amnesty",
        (T.YIELD, "release"): "release",
        (T.YIELD, "resign"): "resignation",
        (T.YIELD, "withdraw"): "withdrawal",
        (T.REQUEST, None): "demand appeal request",
        (T.ACCUSE, "allege"): "accusation lawsuit allegation",
        (T.ACCUSE, "disapprove"): "criticism",
        (T.ACCUSE, "investigate"): "investigation probe inquiry",
        (T.REJECT, None): "rejection refusal veto",
        (T.THREATEN, None): "threat ultimatum",
        (T.PROTEST, "boycott"): "boycott",
        (T.PROTEST, "demo"): "protest demonstration rally march protester",
        (T.PROTEST, "obstruct"): "sit-in",
        (T.PROTEST, "riot"): "riot",
        (T.PROTEST, "strike"): "strike",
        (T.SANCTION, "convict"): "conviction sentence",
        (T.SANCTION, "discontinue"): "sanction embargo suspension cut",
        (T.SANCTION, "expel"): "expulsion",
        (T.MOBILIZE, "troops"): "deployment troop exercise drill massing buildup",
        (T.COOPERATE, None): "extradition",  # as the verb: handing over a suspect to a state
        (T.COERCE, "arrest"): "arrest detention",
        (T.COERCE, "deport"): "deportation",
        (T.COERCE, "curfew"): "curfew",
        (T.COERCE, "restrict"): "crackdown ban",
        (T.COERCE, "seize"): "raid",
        (T.ASSAULT, None): "attack assault clash killing fighting offensive invasion warfare",
        (T.ASSAULT, "aerial"): "airstrike",
        (T.ASSAULT, "explosives"): "bombing",
        (T.ASSAULT, "firearms"): "shooting",
        (T.ASSAULT, "heavy-weapons"): "shelling bombardment",
        (T.ASSAULT, "targeted"): "assassination",
    }
)

# (verb, object lemma): the object decides the category ('lift sanctions' yields, 'impose' sanctions).
WITH_OBJECT: dict[tuple[str, str], Trigger] = {
    ("impose", "sanction"): (T.SANCTION, "discontinue"),
    ("impose", "curfew"): (T.COERCE, "curfew"),
    ("impose", "ban"): (T.COERCE, "restrict"),
    ("impose", "law"): (T.COERCE, "martial-law"),
    ("reduce", "aid"): (T.SANCTION, "withdraw"),
    ("slash", "aid"): (T.SANCTION, "withdraw"),
    ("reduce", "assistance"): (T.SANCTION, "withdraw"),
    ("cut", "funding"): (T.SANCTION, "withdraw"),
    ("open", "border"): (T.AID, None),
    ("impose", "tariff"): (T.SANCTION, "discontinue"),
    ("lift", "sanction"): (T.YIELD, "concede"),
    ("lift", "ban"): (T.YIELD, "concede"),
    ("lift", "curfew"): (T.YIELD, "concede"),
    ("lift", "embargo"): (T.YIELD, "concede"),
    # CAMEO2PLOVER: 'impose blockade, restrict movement' (191) and restrictions on freedoms (1721)
    # coerce; easing them, a curfew or a military blockade (0811, 0813, 0872) yields
    ("impose", "blockade"): (T.COERCE, "restrict"),
    ("impose", "restriction"): (T.COERCE, "restrict"),
    ("lift", "blockade"): (T.YIELD, "withdraw"),
    ("ease", "blockade"): (T.YIELD, "withdraw"),
    ("lift", "restriction"): (T.YIELD, "concede"),
    ("ease", "restriction"): (T.YIELD, "concede"),
    ("ease", "curfew"): (T.YIELD, "concede"),
    ("hold", "talk"): (T.CONSULT, None),
    ("hold", "meeting"): (T.CONSULT, None),
    ("hold", "discussion"): (T.CONSULT, None),
    ("hold", "negotiation"): (T.CONSULT, None),
    ("hold", "rally"): (T.PROTEST, "demo"),
    ("hold", "protest"): (T.PROTEST, "demo"),
    ("hold", "exercise"): (T.MOBILIZE, "troops"),
    ("hold", "drill"): (T.MOBILIZE, "troops"),
    ("stage", "protest"): (T.PROTEST, "demo"),
    ("stage", "rally"): (T.PROTEST, "demo"),
    ("stage", "strike"): (T.PROTEST, "strike"),
    ("stage", "attack"): (T.ASSAULT, None),
    ("launch", "attack"): (T.ASSAULT, None),
    ("launch", "strike"): (T.ASSAULT, "aerial"),
    ("launch", "investigation"): (T.ACCUSE, "investigate"),
    ("launch", "probe"): (T.ACCUSE, "investigate"),
    ("launch", "offensive"): (T.ASSAULT, None),
    ("carry", "attack"): (T.ASSAULT, None),
    # military strikes are carried out or conducted; workers stage or call strikes
    ("carry", "strike"): (T.ASSAULT, None),
    ("conduct", "strike"): (T.ASSAULT, None),
    # breaking a ceasefire is the use of force it had stopped
    ("violate", "ceasefire"): (T.ASSAULT, None),
    ("violate", "truce"): (T.ASSAULT, None),
    ("break", "ceasefire"): (T.ASSAULT, None),
    # asking for refuge or asylum is a request of whoever is to give it (CAMEO 02: appeal)
    ("seek", "refuge"): (T.REQUEST, None),
    ("seek", "asylum"): (T.REQUEST, None),
    ("open", "investigation"): (T.ACCUSE, "investigate"),
    ("open", "fire"): (T.ASSAULT, "firearms"),
    ("open", "probe"): (T.ACCUSE, "investigate"),
    ("order", "investigation"): (T.ACCUSE, "investigate"),
    ("file", "lawsuit"): (T.ACCUSE, "allege"),
    ("file", "suit"): (T.ACCUSE, "allege"),
    ("file", "complaint"): (T.ACCUSE, "allege"),
    ("file", "charge"): (T.ACCUSE, "allege"),
    ("bring", "charge"): (T.ACCUSE, "allege"),
    ("press", "charge"): (T.ACCUSE, "allege"),
    # Signing or ratifying is SUPPORT in the manual; promising to sign is AGREE (read from the tense).
    ("sign", "agreement"): (T.SUPPORT, None),
    ("sign", "deal"): (T.SUPPORT, None),
    ("sign", "accord"): (T.SUPPORT, None),
    ("sign", "treaty"): (T.SUPPORT, None),
    # Reaching or finalising an agreement is SUPPORT ('ratify, sign, or finalize'); agreeing to do
    # something is AGREE.
    ("reach", "agreement"): (T.SUPPORT, None),
    ("reach", "deal"): (T.SUPPORT, None),
    ("strike", "deal"): (T.SUPPORT, None),
    ("seal", "deal"): (T.SUPPORT, None),
    ("agree", "agreement"): (T.SUPPORT, None),
    ("agree", "deal"): (T.SUPPORT, None),
    ("establish", "tie"): (T.SUPPORT, None),
    ("establish", "relation"): (T.SUPPORT, None),
    ("restore", "tie"): (T.SUPPORT, None),
    ("restore", "relation"): (T.SUPPORT, None),
    ("voice", "support"): (T.SUPPORT, None),
    ("reiterate", "support"): (T.SUPPORT, None),
    ("declare", "support"): (T.SUPPORT, None),
    ("pledge", "support"): (T.SUPPORT, None),
    ("reaffirm", "support"): (T.SUPPORT, None),
    ("reaffirm", "commitment"): (T.SUPPORT, None),
    ("reiterate", "commitment"): (T.SUPPORT, None),
    ("award", "order"): (T.SUPPORT, None),
    ("issue", "warning"): (T.THREATEN, None),
    ("issue", "ultimatum"): (T.THREATEN, None),
    ("issue", "threat"): (T.THREATEN, None),
    ("give", "deadline"): (T.THREATEN, None),
    ("set", "deadline"): (T.THREATEN, None),
    ("give", "ultimatum"): (T.THREATEN, None),
    ("send", "troop"): (T.MOBILIZE, "troops"),
    ("send", "force"): (T.MOBILIZE, "troops"),
    ("send", "soldier"): (T.MOBILIZE, "troops"),
    ("send", "warship"): (T.MOBILIZE, "weapons"),
    ("send", "letter"): (T.REQUEST, None),
    ("send", "expert"): (T.ACCUSE, "investigate"),
    ("pull", "troop"): (T.YIELD, "withdraw"),
    ("withdraw", "troop"): (T.YIELD, "withdraw"),
    ("recall", "ambassador"): (T.SANCTION, "withdraw"),
    ("recall", "envoy"): (T.SANCTION, "withdraw"),
    ("recall", "diplomat"): (T.SANCTION, "withdraw"),
    ("cut", "aid"): (T.SANCTION, "withdraw"),
    ("suspend", "aid"): (T.SANCTION, "withdraw"),
    ("suspend", "talk"): (T.REJECT, "meet"),
    ("suspend", "cooperation"): (T.SANCTION, "discontinue"),
    ("suspend", "relation"): (T.SANCTION, "discontinue"),
    ("suspend", "strike"): (T.YIELD, "concede"),
    ("suspend", "protest"): (T.YIELD, "concede"),
    ("end", "strike"): (T.YIELD, "concede"),
    ("end", "protest"): (T.YIELD, "concede"),
    ("call", "strike"): (T.PROTEST, "strike"),
    # Withdrawing non-military resources reduces relations (SANCTION 'withdraw'); troops retreat.
    ("withdraw", "peacekeeper"): (T.SANCTION, "withdraw"),
    ("withdraw", "observer"): (T.SANCTION, "withdraw"),
    ("withdraw", "ambassador"): (T.SANCTION, "withdraw"),
    ("withdraw", "diplomat"): (T.SANCTION, "withdraw"),
    ("withdraw", "aid"): (T.SANCTION, "withdraw"),
    ("withdraw", "support"): (T.SANCTION, "withdraw"),
    ("withdraw", "staff"): (T.SANCTION, "withdraw"),
    ("withdraw", "monitor"): (T.SANCTION, "withdraw"),
    ("cut", "tie"): (T.SANCTION, "discontinue"),
    ("sever", "tie"): (T.SANCTION, "discontinue"),
    ("break", "tie"): (T.SANCTION, "discontinue"),
    ("express", "support"): (T.SUPPORT, None),
    ("express", "concern"): (T.ACCUSE, "disapprove"),
    ("express", "regret"): (T.YIELD, "concede"),
    ("express", "solidarity"): (T.SUPPORT, None),
    ("give", "support"): (T.SUPPORT, None),
    ("declare", "ceasefire"): (T.YIELD, "ceasefire"),
    ("declare", "emergency"): (T.COERCE, "martial-law"),
    # 'declared a state of emergency / of siege' (the manual's martial-law mode); lifting one yields
    ("declare", "state"): (T.COERCE, "martial-law"),
    ("impose", "state"): (T.COERCE, "martial-law"),
    ("lift", "state"): (T.YIELD, "concede"),
    # 'voluntary exchanges or sharing of intelligence and other significant information'
    ("share", "intelligence"): (T.COOPERATE, None),
    ("share", "information"): (T.COOPERATE, None),
    ("share", "evidence"): (T.COOPERATE, None),
    ("launch", "action"): (T.ACCUSE, "allege"),
    ("take", "control"): (T.ASSAULT, None),
    ("grant", "asylum"): (T.AID, None),
    ("grant", "pardon"): (T.YIELD, "concede"),
    ("grant", "amnesty"): (T.YIELD, "concede"),
    ("grant", "access"): (T.YIELD, "access"),
    ("provide", "support"): (T.AID, None),
    ("pay", "compensation"): (T.AID, None),
    ("set", "fire"): (T.ASSAULT, "primitive"),
    ("stop", "payment"): (T.SANCTION, "discontinue"),
}

# The objects above that are people, not acts: who is recalled, sent or withdrawn.
PEOPLE = {"ambassador", "envoy", "diplomat", "troop", "soldier", "force", "peacekeeper", "observer"}
PEOPLE |= {"staff", "monitor", "expert"}

# A verb and its particle or preposition ('called for', 'set free', 'stepped down', 'took to').
WITH_PARTICLE: dict[tuple[str, str], Trigger] = {
    ("call", "for"): (T.REQUEST, None),
    ("call", "on"): (T.REQUEST, None),
    ("call", "upon"): (T.REQUEST, None),
    ("push", "for"): (T.REQUEST, None),
    ("press", "for"): (T.REQUEST, None),
    ("step", "down"): (T.YIELD, "resign"),
    ("pull", "out"): (T.YIELD, "withdraw"),
    ("back", "down"): (T.YIELD, "concede"),
    ("set", "free"): (T.YIELD, "release"),
    ("let", "free"): (T.YIELD, "release"),
    ("call", "off"): (T.YIELD, "concede"),  # 'called off the strike' (before 'call' + 'strike')
    ("give", "up"): (T.YIELD, "concede"),
    ("take", "to"): (T.PROTEST, "demo"),
    ("speak", "with"): (T.CONSULT, None),
    ("talk", "with"): (T.CONSULT, None),
    ("speak", "to"): (T.CONSULT, None),
    ("sit", "down"): (T.CONSULT, None),
    ("crack", "down"): (T.COERCE, "restrict"),
    ("round", "up"): (T.COERCE, "arrest"),
    ("lash", "out"): (T.ACCUSE, "disapprove"),
    ("turn", "down"): (T.REJECT, None),
    ("shut", "down"): (T.COERCE, "restrict"),
    ("walk", "out"): (T.PROTEST, "boycott"),
    ("open", "fire"): (T.ASSAULT, "firearms"),
    ("hand", "over"): (T.YIELD, None),
}

# A trigger's everyday senses, told by its object: 'released a statement', 'met the target',
# 'recalled the debate' state no PLOVER event.
NOT_EVENTS: dict[str, set[str]] = {
    "release": {
        "statement",
        "report",
        "ad",
        "video",
        "datum",
        "data",
        "information",
        "list",
        "plan",
        "detail",
        "footage",
        "photo",
        "record",
        "figure",
        "result",
        "poll",
        "book",
        "album",
        "letter",
        "transcript",
        "document",
        "return",
        "memo",
        "email",
        "schedule",
        "budget",
    },
    "meet": {
        "bar",
        "target",
        "goal",
        "standard",
        "requirement",
        "criterion",
        "criteria",
        "deadline",
        "need",
        "expectation",
        "threshold",
        "demand",
        "obligation",
        "norm",
    },
    "reinforce": {"view", "message", "point", "position", "belief", "impression", "perception", "case"},
    "hit": {"stage", "trail", "road", "campaign", "airwave", "mark", "record", "high", "low"},
    "fire": {"back", "off"},
}
# Auxiliaries of an event still to come, and the words that only imagine one ('if', 'could').
FUTURE_AUX = {"will", "would", "shall", "'ll", "may", "might", "could", "plan", "intend", "to"}
# Cooperation promised, not done: PLOVER codes it AGREE; force or sanctions promised are threats.
# Willingness to yield ('is willing to withdraw', 'said it will release') is a commitment: AGREE's
# 'indicate willingness or commitment to cooperate'.
FUTURE_OF: dict[T, T] = {
    T.YIELD: T.AGREE,
    T.CONSULT: T.AGREE,
    T.SUPPORT: T.AGREE,
    T.COOPERATE: T.AGREE,
    T.AID: T.AGREE,
    T.SANCTION: T.THREATEN,
    T.ASSAULT: T.THREATEN,
    T.COERCE: T.THREATEN,
}
# Cooperation refused ('will not lift the ban', 'did not give permission') is a refusal: REJECT;
# denied conflict ('did not attack') is no event.
REFUSED = {T.AGREE, T.CONSULT, T.SUPPORT, T.COOPERATE, T.AID, T.YIELD}
# Prepositions whose object is the event's target ('protested against', 'met with', 'attacks on').
TARGET_PREPS = {"against", "with", "on", "to", "at", "from", "upon", "toward", "towards", "into"}


# A verb that only describes a noun ('publicly funded schools'); determiners of no act in particular.
_MODIFIERS = {"amod", "acl", "compound", "npadvmod"}
_GENERIC = {"such", "any", "no", "every", "each"}
_WH = {"what", "whatever"}


def verb_object(verb: Any) -> Any | None:
    """A verb's object: direct, attribute or dative."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")), None)


def _verb_trigger(tok: Any) -> Trigger | None:
    lemma = tok.lemma_.lower()
    lemma = _LEMMA_FIXES.get(lemma, lemma)
    if (found := _by_phrase(tok, lemma)) is not None:
        return found
    for child in tok.children:
        # 'called on Britain', not 'called Erdogan on Friday'
        dated = any(g.ent_type_ in ("DATE", "TIME") for g in child.children)
        if child.dep_ in ("prt", "prep", "acomp") and (lemma, child.lower_) in WITH_PARTICLE and not dated:
            return WITH_PARTICLE[(lemma, child.lower_)]
    obj = verb_object(tok)
    if obj is not None and (lemma, obj.lemma_.lower()) in WITH_OBJECT:
        return WITH_OBJECT[(lemma, obj.lemma_.lower())]
    if obj is not None and names_act(tok, obj):
        return noun_trigger(obj)  # 'launched a military assault', 'began their offensive'
    return VERBS.get(lemma)


def _predicate(verb: Any) -> bool:
    """Whether a verb the parse hangs on a noun is the clause's predicate after all: it has a
    subject of its own ('UNITED NATIONS: Russia and China vetoed ...'), or the line has no other
    verb ('A U.S. congressional report called for sanctions against China'); not 'one question
    asked', which the small model may tag as past tense."""
    if verb.dep_ != "acl":
        return False
    own = any(c.dep_.startswith("nsubj") for c in verb.children)
    return own or (verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"))


def _noun_lemma(tok: Any) -> str:
    """A noun's lemma with the word a hyphen joins to it ('cease-fire': 'ceasefire'; 'war games':
    'war game')."""
    doc, lemma = tok.doc, str(tok.lemma_).lower()
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        return f"{doc[tok.i - 2].lower_}{lemma}"
    compound = next((c for c in tok.children if c.dep_ == "compound"), None)
    joined = f"{compound.lower_} {lemma}" if compound is not None else lemma
    return joined if joined in _JOINED else lemma


# Nouns of two words: 'war games'.
_JOINED = {"war game"}
# Joint military games and manoeuvres are COOPERATE; a single country's exercises MOBILIZE (the
# manual's COOPERATE and MOBILIZE sections).
_EXERCISES = {"exercise", "drill", "war game", "maneuver", "manoeuvre"}
_JOINT = {"joint", "bilateral", "multinational", "combined", "trilateral"}


def noun_trigger(tok: Any) -> Trigger | None:
    """The category and mode a noun names, if any ('sanctions', 'a cease-fire', 'joint exercises')."""
    lemma = _noun_lemma(tok)
    if lemma in _EXERCISES:
        joint = any(c.lower_ in _JOINT for c in tok.children)
        return (T.COOPERATE, None) if joint else (T.MOBILIZE, "troops")
    return NOUNS.get(lemma)


def names_act(verb: Any, obj: Any) -> bool:
    """Whether a verb and its object state one act together ('impose sanctions', 'launched an
    attack'): the object is the act, not who undergoes it."""
    pair = (_LEMMA_FIXES.get(verb.lemma_.lower(), verb.lemma_.lower()), obj.lemma_.lower())
    return pair in WITH_OBJECT or (pair[0] in _LIGHT_VERBS and noun_trigger(obj) is not None)


def trigger_at(tok: Any) -> Trigger | None:
    """The category and mode a token states by the lexicon, if any (its object or particle read)."""
    if tok.pos_ == "VERB":
        # 'publicly funded schools', 'the first accord committing every country': a verb that only
        # describes a noun states no event; nor does 'what is being discussed'.
        if (tok.dep_ in _MODIFIERS and not _predicate(tok)) or any(
            c.dep_.startswith("nsubj") and c.lower_ in _WH for c in tok.children
        ):
            return None
        obj = verb_object(tok)
        if obj is not None and obj.lemma_.lower() in NOT_EVENTS.get(tok.lemma_.lower(), ()):
            return None
        return _verb_trigger(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("ROOT", "nsubj", "nsubjpass", "dobj", "appos"):
        # 'such sanctions', 'any threats', 'no talks': no act in particular; 'March 14': a date
        generic = any(c.dep_ in ("det", "amod", "predet") and c.lower_ in _GENERIC for c in tok.children)
        if generic or tok.ent_type_ in ("DATE", "TIME"):
            return None
        if tok.lemma_.lower() in _UNDERTAKINGS:  # 'launched a mediation effort'
            act = next((c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in NOUNS), None)
            return NOUNS[act.lemma_.lower()] if act is not None else None
        return noun_trigger(tok)
    return None


# Lemmas the small English model gets wrong for trigger verbs ('staged' -> 'stag').
_LEMMA_FIXES = {"stag": "stage"}
# Verbs that only start or carry out the act their object names: the object states the event.
_LIGHT_VERBS = {
    "launch",
    "begin",
    "start",
    "mount",
    "wage",
    "conduct",
    "carry",
    "intensify",
    "escalate",
    "resume",
    "commence",
    "unleash",
    "stage",
    "perform",
    "hold",
    "undertake",
}
# Nouns for an undertaking named by the act before them: 'a mediation effort', 'a rescue mission'.
_UNDERTAKINGS = {"effort", "mission", "operation", "campaign", "bid"}


def _by_phrase(tok: Any, lemma: str) -> Trigger | None:
    """Acts a verb states with a phrase of its own (CAMEO2PLOVER's codes): using or holding people
    as human shields (184, ASSAULT abduct), putting or keeping forces on alert (152, MOBILIZE),
    calling a person (041, CONSULT phone; not 'called him a liar')."""
    preps = {(c.lower_, g.lemma_.lower()) for c in tok.children if c.dep_ == "prep" for g in c.children}
    if lemma in ("use", "hold") and ("as", "shield") in preps:
        return T.ASSAULT, "abduct"
    if lemma in ("remain", "put", "place", "keep", "stay") and ("on", "alert") in preps:
        return T.MOBILIZE, "troops"
    if lemma == "go" and ("on", "strike") in preps:
        return T.PROTEST, "strike"
    if lemma == "call":
        called = [c for c in tok.children if c.dep_ in ("dobj", "oprd")]
        # a person (the small parser tags some as ORG; 'his counterpart, Michel Aoun'), and no name
        # given them ('called him a liar')
        named = [c for c in called[:1] for a in (c, *c.children) if a.dep_ in ("appos", c.dep_)]
        if len(called) == 1 and any(a.ent_type_ in ("PERSON", "ORG") for a in named):
            return T.CONSULT, "phone"
    return None
