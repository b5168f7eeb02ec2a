"""PLOVER trigger lexicon: the words that state each category, written from the PLOVER manual's
definitions (what each category covers and excludes), not learned from any coded corpus.

Data, not code. ``VERBS`` and ``NOUNS`` map a lemma to its category and mode; ``WITH_OBJECT``
maps a (verb, object noun) pair whose meaning the object decides ('impose sanctions', 'lift
sanctions', 'hold talks'); ``WITH_PARTICLE`` a verb with its particle or preposition ('call for').
"""

from __future__ import annotations

from extract.schemas import EventType as T

Trigger = tuple[T, str | None]

VERBS: dict[str, Trigger] = {
    # AGREE: commitments, offers, promises, invitations.
    "agree": (T.AGREE, None), "promise": (T.AGREE, None), "pledge": (T.AGREE, None),
    "vow": (T.AGREE, None), "offer": (T.AGREE, None), "invite": (T.AGREE, None),
    "commit": (T.AGREE, None), "accept": (T.AGREE, None), "propose": (T.AGREE, None),
    # CONSULT: meetings, visits, talks, calls.
    "meet": (T.CONSULT, None), "visit": (T.CONSULT, "visit"), "host": (T.CONSULT, None),
    "negotiate": (T.CONSULT, None), "discuss": (T.CONSULT, None), "consult": (T.CONSULT, None),
    "phone": (T.CONSULT, "phone"), "confer": (T.CONSULT, None), "receive": (T.CONSULT, None),
    # SUPPORT: verbal, diplomatic support; signing and ratifying.
    "praise": (T.SUPPORT, None), "endorse": (T.SUPPORT, None), "support": (T.SUPPORT, None),
    "back": (T.SUPPORT, None), "welcome": (T.SUPPORT, None), "commend": (T.SUPPORT, None),
    "approve": (T.SUPPORT, None), "hail": (T.SUPPORT, None), "applaud": (T.SUPPORT, None),
    "recognize": (T.SUPPORT, None), "recognise": (T.SUPPORT, None), "sign": (T.SUPPORT, None),
    "ratify": (T.SUPPORT, None), "congratulate": (T.SUPPORT, None), "thank": (T.SUPPORT, None),
    "defend": (T.SUPPORT, None), "lobby": (T.SUPPORT, None),
    # COOPERATE: mutual material exchange.
    "cooperate": (T.COOPERATE, None), "collaborate": (T.COOPERATE, None), "extradite": (T.COOPERATE, None),
    "partner": (T.COOPERATE, None), "trade": (T.COOPERATE, None),
    # AID: material help to the recipient.
    "donate": (T.AID, None), "grant": (T.AID, None), "fund": (T.AID, None), "rescue": (T.AID, None),
    "supply": (T.AID, None), "provide": (T.AID, None), "send": (T.AID, None), "deliver": (T.AID, None),
    "lend": (T.AID, None), "finance": (T.AID, None), "help": (T.AID, None), "assist": (T.AID, None),
    "evacuate": (T.AID, None), "forgive": (T.AID, None), "shelter": (T.AID, None),
    "allocate": (T.AID, None), "give": (T.AID, None), "contribute": (T.AID, None),
    # YIELD: concessions and retreats.
    "release": (T.YIELD, "release"), "free": (T.YIELD, "release"), "withdraw": (T.YIELD, "withdraw"),
    "resign": (T.YIELD, "resign"), "pardon": (T.YIELD, "concede"), "apologize": (T.YIELD, "concede"),
    "apologise": (T.YIELD, "concede"), "retreat": (T.YIELD, "withdraw"), "concede": (T.YIELD, "concede"),
    "ease": (T.YIELD, "concede"), "relax": (T.YIELD, "concede"), "disarm": (T.YIELD, "disarm"),
    "surrender": (T.YIELD, "disarm"), "quit": (T.YIELD, "resign"), "step": (T.YIELD, "resign"),
    "acquit": (T.YIELD, "concede"), "reopen": (T.YIELD, "concede"), "lift": (T.YIELD, "concede"),
    "scrap": (T.YIELD, "concede"), "drop": (T.YIELD, "concede"), "reverse": (T.YIELD, "concede"),
    "abandon": (T.YIELD, "concede"), "allow": (T.YIELD, "access"), "return": (T.YIELD, None),
    "hand": (T.YIELD, None), "repatriate": (T.YIELD, None), "regret": (T.YIELD, "concede"),
    "suspend": (T.SANCTION, "discontinue"), "cede": (T.YIELD, "withdraw"),
    # REQUEST: verbal demands, appeals, orders.
    "urge": (T.REQUEST, None), "demand": (T.REQUEST, None), "ask": (T.REQUEST, None),
    "request": (T.REQUEST, None), "appeal": (T.REQUEST, None), "seek": (T.REQUEST, None),
    "order": (T.REQUEST, None), "petition": (T.REQUEST, None), "implore": (T.REQUEST, None),
    "press": (T.REQUEST, None), "beg": (T.REQUEST, None), "plead": (T.REQUEST, None),
    "invoke": (T.REQUEST, None),
    # ACCUSE: criticism, accusations, lawsuits, investigations.
    "accuse": (T.ACCUSE, "allege"), "criticize": (T.ACCUSE, "disapprove"), "criticise": (T.ACCUSE, "disapprove"),
    "condemn": (T.ACCUSE, "disapprove"), "denounce": (T.ACCUSE, "disapprove"), "blame": (T.ACCUSE, "allege"),
    "charge": (T.ACCUSE, "allege"), "sue": (T.ACCUSE, "allege"), "allege": (T.ACCUSE, "allege"),
    "investigate": (T.ACCUSE, "investigate"), "probe": (T.ACCUSE, "investigate"),
    "indict": (T.ACCUSE, "allege"), "decry": (T.ACCUSE, "disapprove"), "slam": (T.ACCUSE, "disapprove"),
    "fault": (T.ACCUSE, "disapprove"), "complain": (T.ACCUSE, "disapprove"), "lambaste": (T.ACCUSE, "disapprove"),
    "blast": (T.ACCUSE, "disapprove"), "attack": (T.ASSAULT, None), "rebuke": (T.ACCUSE, "disapprove"),
    "deplore": (T.ACCUSE, "disapprove"), "protest": (T.PROTEST, "demo"), "prosecute": (T.ACCUSE, "allege"),
    "summon": (T.ACCUSE, "disapprove"), "question": (T.ACCUSE, "investigate"), "slap": (T.SANCTION, None),
    "castigate": (T.ACCUSE, "disapprove"), "chastise": (T.ACCUSE, "disapprove"), "berate": (T.ACCUSE, "disapprove"),
    "warn": (T.THREATEN, None), "threaten": (T.THREATEN, None),
    # REJECT: refusals.
    "reject": (T.REJECT, None), "refuse": (T.REJECT, None), "deny": (T.REJECT, None),
    "veto": (T.REJECT, None), "decline": (T.REJECT, None), "dismiss": (T.REJECT, None),
    "oppose": (T.REJECT, None), "rebuff": (T.REJECT, None), "spurn": (T.REJECT, None),
    "boycott": (T.PROTEST, "boycott"), "block": (T.REJECT, None), "bar": (T.REJECT, None),
    "cancel": (T.REJECT, "meet"), "resist": (T.REJECT, None), "defy": (T.REJECT, None),
    "snub": (T.REJECT, None), "ignore": (T.REJECT, None), "overturn": (T.REJECT, None),
    "refute": (T.REJECT, None), "vote": (T.REJECT, None),
    # PROTEST: collective, physical protest.
    "demonstrate": (T.PROTEST, "demo"), "rally": (T.PROTEST, "demo"), "march": (T.PROTEST, "demo"),
    "riot": (T.PROTEST, "riot"), "strike": (T.ASSAULT, None), "picket": (T.PROTEST, "demo"),
    # SANCTION: reduced relations, convictions, expulsions.
    "sanction": (T.SANCTION, "discontinue"), "expel": (T.SANCTION, "expel"), "convict": (T.SANCTION, "convict"),
    "sentence": (T.SANCTION, "convict"), "fine": (T.SANCTION, "convict"), "embargo": (T.SANCTION, "discontinue"),
    "sever": (T.SANCTION, "discontinue"), "cut": (T.SANCTION, "discontinue"),
    "halt": (T.SANCTION, "discontinue"), "freeze": (T.SANCTION, "discontinue"), "impose": (T.SANCTION, None),
    "penalize": (T.SANCTION, None), "penalise": (T.SANCTION, None), "blacklist": (T.SANCTION, None),
    "terminate": (T.SANCTION, "discontinue"), "downgrade": (T.SANCTION, "discontinue"),
    "revoke": (T.SANCTION, "discontinue"), "stop": (T.SANCTION, "discontinue"), "end": (T.SANCTION, "discontinue"),
    "exclude": (T.SANCTION, "expel"), "oust": (T.SANCTION, "expel"),
    # MOBILIZE: military and police moves short of force.
    "deploy": (T.MOBILIZE, "troops"), "mobilize": (T.MOBILIZE, "troops"), "mobilise": (T.MOBILIZE, "troops"),
    "mass": (T.MOBILIZE, "troops"), "station": (T.MOBILIZE, "troops"), "patrol": (T.MOBILIZE, None),
    "dispatch": (T.MOBILIZE, "troops"), "reinforce": (T.MOBILIZE, "troops"),
    # COERCE: repression short of violence.
    "arrest": (T.COERCE, "arrest"), "detain": (T.COERCE, "arrest"), "jail": (T.COERCE, "arrest"),
    "imprison": (T.COERCE, "arrest"), "raid": (T.COERCE, "seize"), "seize": (T.COERCE, "seize"),
    "confiscate": (T.COERCE, "seize"), "ban": (T.COERCE, "restrict"), "censor": (T.COERCE, "censor"),
    "deport": (T.COERCE, "deport"), "restrict": (T.COERCE, "restrict"), "hack": (T.COERCE, "cyber"),
    "round": (T.COERCE, "arrest"), "crack": (T.COERCE, "restrict"), "shut": (T.COERCE, "restrict"),
    "apprehend": (T.COERCE, "arrest"), "prohibit": (T.COERCE, "restrict"), "outlaw": (T.COERCE, "restrict"),
    "search": (T.COERCE, "seize"), "expropriate": (T.COERCE, "seize"), "close": (T.COERCE, "restrict"),
    "evict": (T.COERCE, "deport"), "intimidate": (T.COERCE, None), "harass": (T.COERCE, None),
    "suppress": (T.COERCE, None), "force": (T.COERCE, None),
    "capture": (T.COERCE, "arrest"),
    # ASSAULT: physical harm.
    "kill": (T.ASSAULT, None), "bomb": (T.ASSAULT, "explosives"), "shoot": (T.ASSAULT, "firearms"),
    "shell": (T.ASSAULT, "heavy-weapons"), "fire": (T.ASSAULT, None), "wound": (T.ASSAULT, None),
    "injure": (T.ASSAULT, None), "assassinate": (T.ASSAULT, "targeted"), "murder": (T.ASSAULT, "targeted"),
    "abduct": (T.ASSAULT, "abduct"), "kidnap": (T.ASSAULT, "abduct"), "torture": (T.ASSAULT, "torture"),
    "beat": (T.ASSAULT, "beat"), "clash": (T.ASSAULT, None), "fight": (T.ASSAULT, None),
    "invade": (T.ASSAULT, None), "ambush": (T.ASSAULT, None), "execute": (T.ASSAULT, "targeted"),
    "massacre": (T.ASSAULT, "targeted"), "hijack": (T.ASSAULT, "abduct"), "destroy": (T.ASSAULT, "destroy"),
    "assault": (T.ASSAULT, "beat"), "stab": (T.ASSAULT, "primitive"), "behead": (T.ASSAULT, "targeted"),
    "rape": (T.ASSAULT, "sexual"), "bombard": (T.ASSAULT, "heavy-weapons"), "target": (T.ASSAULT, None),
    "storm": (T.ASSAULT, None), "torch": (T.ASSAULT, "primitive"), "burn": (T.ASSAULT, "primitive"),
    "gun": (T.ASSAULT, "firearms"), "slay": (T.ASSAULT, None), "hit": (T.ASSAULT, None),
    "occupy": (T.ASSAULT, None), "demolish": (T.ASSAULT, "destroy"), "raze": (T.ASSAULT, "destroy"),
}  # fmt: skip

NOUNS: dict[str, Trigger] = {
    "agreement": (T.AGREE, None), "deal": (T.AGREE, None), "pledge": (T.AGREE, None),
    "promise": (T.AGREE, None), "offer": (T.AGREE, None), "invitation": (T.AGREE, None),
    "talk": (T.CONSULT, None), "meeting": (T.CONSULT, None), "visit": (T.CONSULT, "visit"),
    "summit": (T.CONSULT, "multilateral"), "negotiation": (T.CONSULT, None), "call": (T.CONSULT, "phone"),
    "aid": (T.AID, None), "assistance": (T.AID, None), "donation": (T.AID, None), "loan": (T.AID, None),
    "release": (T.YIELD, "release"), "withdrawal": (T.YIELD, "withdraw"), "ceasefire": (T.YIELD, "ceasefire"),
    "resignation": (T.YIELD, "resign"), "apology": (T.YIELD, "concede"), "amnesty": (T.YIELD, "concede"),
    "demand": (T.REQUEST, None), "appeal": (T.REQUEST, None), "request": (T.REQUEST, None),
    "accusation": (T.ACCUSE, "allege"), "investigation": (T.ACCUSE, "investigate"), "probe": (T.ACCUSE, "investigate"),
    "lawsuit": (T.ACCUSE, "allege"), "criticism": (T.ACCUSE, "disapprove"), "allegation": (T.ACCUSE, "allege"),
    "rejection": (T.REJECT, None), "refusal": (T.REJECT, None), "veto": (T.REJECT, None),
    "threat": (T.THREATEN, None), "ultimatum": (T.THREATEN, None),
    "protest": (T.PROTEST, "demo"), "demonstration": (T.PROTEST, "demo"), "rally": (T.PROTEST, "demo"),
    "strike": (T.PROTEST, "strike"), "march": (T.PROTEST, "demo"), "riot": (T.PROTEST, "riot"),
    "boycott": (T.PROTEST, "boycott"), "protester": (T.PROTEST, "demo"), "sit-in": (T.PROTEST, "obstruct"),
    "sanction": (T.SANCTION, "discontinue"), "embargo": (T.SANCTION, "discontinue"), "expulsion": (T.SANCTION, "expel"),
    "conviction": (T.SANCTION, "convict"), "sentence": (T.SANCTION, "convict"),
    "suspension": (T.SANCTION, "discontinue"), "cut": (T.SANCTION, "discontinue"),
    "deployment": (T.MOBILIZE, "troops"), "troop": (T.MOBILIZE, "troops"), "exercise": (T.MOBILIZE, "troops"),
    "drill": (T.MOBILIZE, "troops"), "massing": (T.MOBILIZE, "troops"), "buildup": (T.MOBILIZE, "troops"),
    "arrest": (T.COERCE, "arrest"), "detention": (T.COERCE, "arrest"), "crackdown": (T.COERCE, "restrict"),
    "raid": (T.COERCE, "seize"), "curfew": (T.COERCE, "curfew"), "ban": (T.COERCE, "restrict"),
    "attack": (T.ASSAULT, None), "airstrike": (T.ASSAULT, "aerial"), "bombing": (T.ASSAULT, "explosives"),
    "shooting": (T.ASSAULT, "firearms"), "clash": (T.ASSAULT, None), "assassination": (T.ASSAULT, "targeted"),
    "killing": (T.ASSAULT, None), "fighting": (T.ASSAULT, None), "offensive": (T.ASSAULT, None),
    "invasion": (T.ASSAULT, None), "shelling": (T.ASSAULT, "heavy-weapons"),
}  # fmt: skip

# (verb, object lemma): the object decides the category ('lift sanctions' yields, 'impose' sanctions).
WITH_OBJECT: dict[tuple[str, str], Trigger] = {
    ("impose", "sanction"): (T.SANCTION, "discontinue"), ("impose", "curfew"): (T.COERCE, "curfew"),
    ("impose", "ban"): (T.COERCE, "restrict"), ("impose", "law"): (T.COERCE, "martial-law"),
    ("reduce", "aid"): (T.SANCTION, "withdraw"), ("slash", "aid"): (T.SANCTION, "withdraw"),
    ("reduce", "assistance"): (T.SANCTION, "withdraw"), ("cut", "funding"): (T.SANCTION, "withdraw"),
    ("open", "border"): (T.AID, None), ("impose", "tariff"): (T.SANCTION, "discontinue"),
    ("lift", "sanction"): (T.YIELD, "concede"), ("lift", "ban"): (T.YIELD, "concede"),
    ("lift", "curfew"): (T.YIELD, "concede"), ("lift", "embargo"): (T.YIELD, "concede"),
    ("hold", "talk"): (T.CONSULT, None), ("hold", "meeting"): (T.CONSULT, None),
    ("hold", "discussion"): (T.CONSULT, None), ("hold", "negotiation"): (T.CONSULT, None),
    ("hold", "rally"): (T.PROTEST, "demo"), ("hold", "protest"): (T.PROTEST, "demo"),
    ("hold", "exercise"): (T.MOBILIZE, "troops"), ("hold", "drill"): (T.MOBILIZE, "troops"),
    ("stage", "protest"): (T.PROTEST, "demo"), ("stage", "rally"): (T.PROTEST, "demo"),
    ("stage", "strike"): (T.PROTEST, "strike"), ("stage", "attack"): (T.ASSAULT, None),
    ("launch", "attack"): (T.ASSAULT, None), ("launch", "strike"): (T.ASSAULT, "aerial"),
    ("launch", "investigation"): (T.ACCUSE, "investigate"), ("launch", "probe"): (T.ACCUSE, "investigate"),
    ("launch", "offensive"): (T.ASSAULT, None), ("carry", "attack"): (T.ASSAULT, None),
    ("open", "investigation"): (T.ACCUSE, "investigate"), ("open", "fire"): (T.ASSAULT, "firearms"),
    ("open", "probe"): (T.ACCUSE, "investigate"), ("order", "investigation"): (T.ACCUSE, "investigate"),
    ("file", "lawsuit"): (T.ACCUSE, "allege"), ("file", "suit"): (T.ACCUSE, "allege"),
    ("file", "complaint"): (T.ACCUSE, "allege"), ("file", "charge"): (T.ACCUSE, "allege"),
    ("bring", "charge"): (T.ACCUSE, "allege"), ("press", "charge"): (T.ACCUSE, "allege"),
    # Signing or ratifying is SUPPORT in the manual; promising to sign is AGREE (read from the tense).
    ("sign", "agreement"): (T.SUPPORT, None), ("sign", "deal"): (T.SUPPORT, None),
    ("sign", "accord"): (T.SUPPORT, None), ("sign", "treaty"): (T.SUPPORT, None),
    # Reaching or finalising an agreement is SUPPORT ('ratify, sign, or finalize'); agreeing to do
    # something is AGREE.
    ("reach", "agreement"): (T.SUPPORT, None), ("reach", "deal"): (T.SUPPORT, None),
    ("strike", "deal"): (T.SUPPORT, None), ("seal", "deal"): (T.SUPPORT, None),
    ("agree", "agreement"): (T.SUPPORT, None), ("agree", "deal"): (T.SUPPORT, None),
    ("establish", "tie"): (T.SUPPORT, None), ("establish", "relation"): (T.SUPPORT, None),
    ("restore", "tie"): (T.SUPPORT, None), ("restore", "relation"): (T.SUPPORT, None),
    ("voice", "support"): (T.SUPPORT, None), ("reiterate", "support"): (T.SUPPORT, None),
    ("declare", "support"): (T.SUPPORT, None), ("pledge", "support"): (T.SUPPORT, None),
    ("reaffirm", "support"): (T.SUPPORT, None), ("reaffirm", "commitment"): (T.SUPPORT, None),
    ("reiterate", "commitment"): (T.SUPPORT, None), ("award", "order"): (T.SUPPORT, None),
    ("issue", "warning"): (T.THREATEN, None), ("issue", "ultimatum"): (T.THREATEN, None),
    ("issue", "threat"): (T.THREATEN, None), ("give", "deadline"): (T.THREATEN, None),
    ("set", "deadline"): (T.THREATEN, None), ("give", "ultimatum"): (T.THREATEN, None),
    ("send", "troop"): (T.MOBILIZE, "troops"), ("send", "force"): (T.MOBILIZE, "troops"),
    ("send", "soldier"): (T.MOBILIZE, "troops"), ("send", "warship"): (T.MOBILIZE, "weapons"),
    ("send", "letter"): (T.REQUEST, None), ("send", "expert"): (T.ACCUSE, "investigate"),
    ("pull", "troop"): (T.YIELD, "withdraw"), ("withdraw", "troop"): (T.YIELD, "withdraw"),
    ("recall", "ambassador"): (T.SANCTION, "withdraw"), ("recall", "envoy"): (T.SANCTION, "withdraw"),
    ("recall", "diplomat"): (T.SANCTION, "withdraw"), ("cut", "aid"): (T.SANCTION, "withdraw"), ("suspend", "aid"): (T.SANCTION, "withdraw"),
    ("suspend", "talk"): (T.REJECT, "meet"), ("suspend", "cooperation"): (T.SANCTION, "discontinue"),
    ("suspend", "relation"): (T.SANCTION, "discontinue"), ("suspend", "strike"): (T.YIELD, "concede"),
    ("suspend", "protest"): (T.YIELD, "concede"), ("end", "strike"): (T.YIELD, "concede"),
    ("end", "protest"): (T.YIELD, "concede"), ("call", "strike"): (T.PROTEST, "strike"),
    # Withdrawing non-military resources reduces relations (SANCTION 'withdraw'); troops retreat.
    ("withdraw", "peacekeeper"): (T.SANCTION, "withdraw"), ("withdraw", "observer"): (T.SANCTION, "withdraw"),
    ("withdraw", "ambassador"): (T.SANCTION, "withdraw"), ("withdraw", "diplomat"): (T.SANCTION, "withdraw"),
    ("withdraw", "aid"): (T.SANCTION, "withdraw"), ("withdraw", "support"): (T.SANCTION, "withdraw"),
    ("withdraw", "staff"): (T.SANCTION, "withdraw"), ("withdraw", "monitor"): (T.SANCTION, "withdraw"), ("cut", "tie"): (T.SANCTION, "discontinue"),
    ("sever", "tie"): (T.SANCTION, "discontinue"), ("break", "tie"): (T.SANCTION, "discontinue"),
    ("express", "support"): (T.SUPPORT, None), ("express", "concern"): (T.ACCUSE, "disapprove"),
    ("express", "regret"): (T.YIELD, "concede"), ("express", "solidarity"): (T.SUPPORT, None),
    ("give", "support"): (T.SUPPORT, None), ("declare", "ceasefire"): (T.YIELD, "ceasefire"),
    ("declare", "emergency"): (T.COERCE, "martial-law"), ("take", "control"): (T.ASSAULT, None),
    ("grant", "asylum"): (T.AID, None), ("grant", "pardon"): (T.YIELD, "concede"),
    ("grant", "amnesty"): (T.YIELD, "concede"), ("grant", "access"): (T.YIELD, "access"),
    ("provide", "support"): (T.AID, None), ("pay", "compensation"): (T.AID, None),
    ("set", "fire"): (T.ASSAULT, "primitive"), ("stop", "payment"): (T.SANCTION, "discontinue"),
}  # fmt: skip

# A verb and its particle or preposition ('called for', 'set free', 'stepped down', 'took to').
WITH_PARTICLE: dict[tuple[str, str], Trigger] = {
    ("call", "for"): (T.REQUEST, None), ("call", "on"): (T.REQUEST, None), ("call", "upon"): (T.REQUEST, None),
    ("push", "for"): (T.REQUEST, None), ("press", "for"): (T.REQUEST, None), ("step", "down"): (T.YIELD, "resign"),
    ("pull", "out"): (T.YIELD, "withdraw"), ("back", "down"): (T.YIELD, "concede"),
    ("set", "free"): (T.YIELD, "release"), ("give", "up"): (T.YIELD, "concede"),
    ("take", "to"): (T.PROTEST, "demo"), ("speak", "with"): (T.CONSULT, None), ("talk", "with"): (T.CONSULT, None),
    ("speak", "to"): (T.CONSULT, None), ("sit", "down"): (T.CONSULT, None), ("crack", "down"): (T.COERCE, "restrict"),
    ("round", "up"): (T.COERCE, "arrest"), ("lash", "out"): (T.ACCUSE, "disapprove"),
    ("turn", "down"): (T.REJECT, None), ("shut", "down"): (T.COERCE, "restrict"), ("walk", "out"): (T.PROTEST, "boycott"),
    ("open", "fire"): (T.ASSAULT, "firearms"), ("hand", "over"): (T.YIELD, None),
}  # fmt: skip

# A trigger's everyday senses, told by its object: 'released a statement', 'met the target',
# 'recalled the debate' state no PLOVER event.
NOT_EVENTS: dict[str, set[str]] = {
    "release": {"statement", "report", "ad", "video", "datum", "data", "information", "list", "plan",
                "detail", "footage", "photo", "record", "figure", "result", "poll", "book", "album",
                "letter", "transcript", "document", "return", "memo", "email", "schedule", "budget"},
    "meet": {"bar", "target", "goal", "standard", "requirement", "criterion", "criteria", "deadline",
             "need", "expectation", "threshold", "demand", "obligation"},
    "hit": {"stage", "trail", "road", "campaign", "airwave", "mark", "record", "high", "low"},
    "fire": {"back", "off"},
}
# Auxiliaries of an event still to come, and the words that only imagine one ('if', 'could').
FUTURE_AUX = {"will", "would", "shall", "'ll", "may", "might", "could", "plan", "intend", "to"}
# Cooperation promised, not done: PLOVER codes it AGREE; force or sanctions promised are threats.
# Willingness to yield ('is willing to withdraw', 'said it will release') is a commitment: AGREE's
# 'indicate willingness or commitment to cooperate'.
FUTURE_OF: dict[T, T] = {
    T.YIELD: T.AGREE, T.CONSULT: T.AGREE, T.SUPPORT: T.AGREE, T.COOPERATE: T.AGREE, T.AID: T.AGREE,
    T.SANCTION: T.THREATEN, T.ASSAULT: T.THREATEN, T.COERCE: T.THREATEN,
}  # fmt: skip
# Cooperation refused ('will not lift the ban', 'did not give permission') is a refusal: REJECT;
# denied conflict ('did not attack') is no event.
REFUSED = {T.AGREE, T.CONSULT, T.SUPPORT, T.COOPERATE, T.AID, T.YIELD}
# Prepositions whose object is the event's target ('protested against', 'met with', 'attacks on').
TARGET_PREPS = {"against", "with", "on", "to", "at", "from", "upon", "toward", "towards", "into"}
