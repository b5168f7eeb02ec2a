"""Word lists the rules read: speech and belief cues, event triggers, stance words, and the
nouns that name people and their roles. Data, not code: each list says what it is for."""

from __future__ import annotations

from extract.schemas import EventType

CUE_LEMMAS = {
    "say", "tell", "add", "warn", "suggest", "insist", "state", "note", "argue", "claim",
    "announce", "assure", "believe", "stress", "urge", "declare", "explain", "reply", "ask",
    "write", "tweet", "admit", "deny", "acknowledge", "confirm", "report", "predict", "promise",
    "indicate", "respond", "concede", "contend", "maintain", "allege", "testify", "recall", "charge",
    # PolNeAR (and political science) count reported beliefs and intentions as attributions:
    # clauses governed by cognition verbs too (measured on PolNeAR train, see the README).
    "think", "hope", "expect", "fear", "feel", "know", "worry", "doubt", "accuse", "criticize",
    "criticise", "describe", "complain", "vow", "pledge", "emphasize", "emphasise", "signal",
    "mention", "conclude", "find", "show", "reveal", "blame", "boast", "hint", "speculate",
    "assert", "caution", "agree", "recognize", "realize", "understand", "guess", "imagine",
    "estimate", "propose", "recommend", "question",
}  # fmt: skip
TRIGGERS: dict[str, EventType] = {
    "meet": EventType.MEET, "meeting": EventType.MEET, "talk": EventType.NEGOTIATE,
    "talks": EventType.NEGOTIATE, "negotiate": EventType.NEGOTIATE, "negotiation": EventType.NEGOTIATE,
    "sanction": EventType.SANCTION, "impose": EventType.SANCTION, "warn": EventType.THREATEN,
    "threaten": EventType.THREATEN, "threat": EventType.THREATEN, "referendum": EventType.REFERENDUM,
    "vote": EventType.REFERENDUM, "mass": EventType.DEPLOY_FORCE, "deploy": EventType.DEPLOY_FORCE,
    "annex": EventType.DEPLOY_FORCE, "seek": EventType.DEMAND, "demand": EventType.DEMAND,
    "agree": EventType.AGREE, "ratify": EventType.AGREE, "reject": EventType.REJECT,
    "recognise": EventType.REJECT, "recognize": EventType.REJECT, "protest": EventType.PROTEST,
    "topple": EventType.PROTEST, "brief": EventType.STATEMENT,
    # An offer or a proposal is a move in a negotiation (CAMEO's 'express intent to cooperate'), not
    # an agreement yet.
    "offer": EventType.NEGOTIATE, "propose": EventType.NEGOTIATE, "proposal": EventType.NEGOTIATE,
    "conference": EventType.STATEMENT, "massing": EventType.DEPLOY_FORCE,
}  # fmt: skip
# 'may impose sanctions', 'will impose': a sanction still to come is a threat of one.
FUTURE = {"may", "might", "could", "will", "would", "'ll"}
# 'talks of respecting the choices', 'talked about reform': speaking of something, not negotiating.
SPEAKS_OF = {"of", "about"}
CLAUSAL = {"ROOT", "advcl", "ccomp", "relcl", "conj"}
STANCE_WORDS: dict[str, str] = {
    "legitimate": "support", "illegitimate": "oppose", "right": "support", "wrong": "oppose",
    "recognise": "support", "recognize": "support", "support": "support", "oppose": "oppose",
    "counter-productive": "oppose", "counterproductive": "oppose", "welcome": "support",
    "condemn": "oppose", "annexation": "oppose", "favour": "support", "favor": "support",
    "concerned": "oppose", "destabilising": "oppose", "intimidation": "oppose",
}  # fmt: skip
# Verbs (and phrasal verbs) whose agent evaluates its patient: 'accused Congress', 'held up her
# nomination', 'praised Ms. Lynch'. None: a position, its polarity left to the sentence.
EVALUATIVE_VERBS: dict[str, str | None] = {
    "accuse": "oppose", "blast": "oppose", "criticize": "oppose", "criticise": "oppose", "attack": "oppose",
    "blame": "oppose", "condemn": "oppose", "denounce": "oppose", "slam": "oppose", "reject": "oppose",
    "oppose": "oppose", "fight": "oppose", "block": "oppose", "hold up": "oppose", "mock": "oppose",
    "question": "oppose", "challenge": "oppose", "sue": "oppose", "investigate": "oppose",
    "target": "oppose",
    "warn": "oppose", "threaten": "oppose", "defeat": "oppose", "filibuster": "oppose", "veto": "oppose",
    "deride": "oppose", "rebuke": "oppose", "scold": "oppose", "dismiss": "oppose", "assail": "oppose",
    "lambaste": "oppose", "chide": "oppose", "denigrate": "oppose", "insult": "oppose", "ridicule": "oppose",
    "praise": "support", "back": "support", "endorse": "support", "support": "support", "defend": "support",
    "welcome": "support", "thank": "support", "applaud": "support", "commend": "support", "hail": "support",
    "champion": "support", "nominate": "support", "tap": "support", "confirm": "support",
    "approve": "support",
    "elect": "support", "vote for": "support", "vote against": "oppose", "stand with": "support",
    "side with": "support", "help": "support", "protect": "support", "embrace": "support",
    "favor": "support", "favour": "support", "push": None, "call": None, "urge": None, "want": None,
    "ask": None, "pressure": None,
    "describe": None, "respond": None, "meet": None, "join": None,
    "object to": "oppose", "berate": "oppose", "chastise": "oppose", "excoriate": "oppose",
    "go after": "oppose", "lash out": "oppose", "decry": "oppose", "stall": "oppose", "delay": "oppose",
    "push back": "oppose", "rail against": "oppose", "speak out against": "oppose",
    "campaign against": "oppose",
    "campaign for": "support", "fight for": "support", "argue for": "support", "stand by": "support",
    "rally behind": "support", "work with": "support", "ally with": "support", "pick": "support",
    "appoint": "support", "hire": "support", "credit": "support", "congratulate": "support",
}  # fmt: skip
# Verbs whose object is the actor's stance or intention: 'wants a wall', 'called for a prosecutor'.
OBJECT_CUES = {
    "want", "call", "support", "oppose", "criticize", "criticise", "praise", "endorse", "back", "urge",
    "propose", "refuse", "plan", "prefer", "promise", "vow", "pledge", "demand", "condemn",
    "defend", "blame", "accuse", "welcome", "slam", "dismiss", "announce", "seek", "push", "express",
    "discuss", "cite", "tout", "favor", "favour", "recommend", "request", "mention", "describe",
    "hope", "expect", "intend", "threaten", "thank", "mock", "repeat", "speak", "talk", "point", "refer",
}  # fmt: skip
# 'called for a prosecutor', 'spoke about the economy', 'pointed to his record' (but not 'spoke to
# the prime minister', 'spoke on Tuesday'): the prepositions whose object is what is meant.
OBJECT_PREPS: dict[str, tuple[str, ...]] = {
    "call": ("for", "on"), "push": ("for",), "speak": ("about",), "talk": ("about",),
    "point": ("to",), "refer": ("to",), "express": ("about",), "hope": ("for",), "plan": ("for",),
    "vow": ("to",), "pledge": ("to",), "seek": ("for",), "demand": ("for",), "mention": ("about",),
}  # fmt: skip
# Nouns that carry reported speech in a "that" clause: "the UK's view that ...".
CUE_NOUNS = {
    "view", "position", "belief", "claim", "assertion", "insistence", "warning", "argument", "statement",
    "comment", "remark", "suggestion", "promise", "accusation", "allegation", "concern", "fear", "hope",
    "idea", "notion", "report", "assessment", "conclusion", "contention", "message",
}  # fmt: skip
# Heads of definite descriptions that refer back to a titled person: "the Russian foreign minister".
ROLE_NOUNS = {
    "minister", "secretary", "counterpart", "president", "chancellor", "premier", "spokesman",
    "spokeswoman", "diplomat", "ambassador", "envoy", "leader",
}  # fmt: skip
# Common nouns for people and bodies that can take part in an event.
AGENT_NOUNS = {
    "official", "government", "administration", "ministry", "people", "protester", "troop", "force",
    "army", "police", "community", "country", "nation", "lawmaker", "senator", "party", "voter",
    "group", "rebel", "militant", "authority", "diplomat", "man", "woman", "state", "court", "union",
}  # fmt: skip
# 'LONDON, March 14 (Reuters) - ': where the story was filed, not what anyone said.
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "on"}
HONORIFICS = {"mr", "mrs", "ms", "mr.", "mrs.", "ms."}
PRONOUNS = {"he", "she", "they", "i", "we"}
