"""How two actor names or two free-text values are compared: by their identifying words."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

# Words that title or describe an actor rather than name them: dropped before comparing names.
TITLE_WORDS = frozenset(
    "mr mrs ms dr president secretary minister prime foreign of state the us u.s. british russian "
    "senior counterpart his her".split()
)
# Short forms of given names, to the form a normalised entity list writes ('Dick Durbin' is
# 'Richard J. Durbin', 'Hal Rogers' is 'Harold Rogers'): folded on both sides before comparing.
_GIVEN_NAMES = """
richard dick rick ricky
william bill billy
robert bob bobby rob
michael mike
james jim jimmy
charles chuck charlie
thomas tom tommy
joseph joe
patrick pat
daniel dan danny
timothy tim
steven steve stephen
david dave
harold hal
benjamin ben
bernard bernie
nicholas nick
matthew matt
christopher chris
anthony tony
andrew andy
elizabeth liz beth
jeffrey jeff
gregory greg
kenneth ken
lawrence larry
gerald jerry
donald don
ronald ron
samuel sam
alexander alex
frederick fred
henry hank
katherine kate katie
deborah debbie
catherine cathy
margaret peggy maggie
rebecca becky
susan sue
edward ed eddie
"""
NICKNAMES: dict[str, str] = {
    short: full
    for full, *shorts in (line.split() for line in _GIVEN_NAMES.strip().splitlines())
    for short in shorts
}
_FULL_NAMES = frozenset(NICKNAMES.values())
# Free text (a position's issue) is worded by whoever writes it: strict matching accepts the
# same words in another order or with a few more ("Crimea referendum" ~ "the Crimea referendum").
WORDING_RATIO = 80


def name_words(name: str, titles: bool = False) -> list[str]:
    """The words that identify an actor, in order: lowercased, titles (unless ``titles``),
    possessive endings and punctuation dropped ("Netanyahu's" is the name "Netanyahu")."""
    # A title is dropped with or without its dot: "Ms." as well as "ms", "U.S." as well as "u.s".
    raw = re.findall(r"[\w.'-]+", name.lower().replace("\u2019", "'"))
    words = (w.removesuffix("'s").strip(".'") for w in raw if titles or w not in TITLE_WORDS)
    if titles:  # kept, a title is one word however it is dotted: "U.S." is "US"
        return [w.replace(".", "") for w in words if w]
    return [w for w in words if w and w not in TITLE_WORDS]


def given_names_folded(words: set[str]) -> set[str]:
    """``words`` with each short given name as its full form (see :data:`NICKNAMES`)."""
    return {NICKNAMES.get(w, w) for w in words}


def name_tokens(name: str) -> set[str]:
    """:func:`name_words` as a set."""
    return set(name_words(name))


def same_actor(a: str, b: str) -> bool:
    """'Kerry' = 'John Kerry' = 'US Secretary of State John Kerry': one's tokens contain the other's.
    A name followed by an apposition is its name: 'Ryan, a policy-focused conservative,' = 'Paul Ryan'
    (annotated source spans often run on to the apposition)."""
    return _same_name(a, b) or _same_name(_before_apposition(a), _before_apposition(b))


def _before_apposition(name: str) -> str:
    head = name.strip(" ,").split(",", 1)[0]
    return head if head.strip() else name


def _same_name(a: str, b: str) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        # a name of title words only is those words: 'US' is 'U.S.', 'British' 'British negotiators'
        ta, tb = set(name_words(a, titles=True)), set(name_words(b, titles=True))
    if not ta or not tb:
        return a.strip().lower() == b.strip().lower()
    return ta <= tb or tb <= ta


def same_wording(pred: str, gold: str) -> bool:
    """The same words, in any order or with a few more (see :data:`WORDING_RATIO`)."""
    from rapidfuzz import fuzz

    a, b = " ".join(pred.lower().split()), " ".join(gold.lower().split())
    return a == b or fuzz.token_set_ratio(a, b) >= WORDING_RATIO


def actor_name(value: Any) -> str | None:
    """An actor's name, whether an Actor or an actor read back as a dict."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return str(value["name"])
    return None


def same_issue(pred: str, gold: str) -> bool:
    """Lenient issue match: the same actor's name, or a shared content word ('the Crimean
    referendum' ~ 'legitimacy of the Crimea referendum'), plurals folded."""
    return same_actor(pred, gold) or bool(content_words(pred) & content_words(gold))


def content_words(text: str) -> set[str]:
    """A name's or an issue's identifying words: :func:`name_words` without stop words, plurals
    folded ('Republicans' -> 'republican')."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w for w in name_words(text) if w not in STOP_WORDS)
    return {w[:-1] if _plural(w) else w for w in words}


def _plural(word: str) -> bool:
    # A given name is not a plural: 'Charles' stays as the form 'Chuck' folds to (:data:`NICKNAMES`).
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _FULL_NAMES
