"""The sieve for a kind no rules know: which passages can hold it at all, from its own definition.

The kind's cue words are the content words of its docstring, field names and descriptions, the
options of its ``Literal`` fields and the values its examples give (``$`` and ``%`` included),
and any words it lists in a ``cues`` class attribute (the names its instances go by, say). A
passage is asked about the kind when it shares a cue's stem, and, if the kind needs a number (a
required ``int`` or ``float`` field, or examples that all have one), when it states one; if the
examples all state a figure in a unit (a percentage, a sum of money), when it states one in a
unit of the same family. No parse:
the sieve runs before the model on every paragraph.
"""

from __future__ import annotations

import re
import types
import typing
from functools import cache
from typing import Any, Literal

from extract.schemas import Kind

_WORD = re.compile(r"[$%€£]|[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?|billions?|half|third|"
    r"quarter)\b",
    re.I,
)
# Words of any definition ('the words stating ... copied exactly, e.g. ...'): no cue to a kind.
_GENERIC_WORDS = """a an and any are as at be by copied each exactly for from how in is it its of on one or
    other that the their them these they this those to was were what when where which who whom
    whose with without words word as written article articles reports report states stated state
    text item items e g eg etc such like than also not no yes only every given gives name names
    named kind kinds value values field fields verbatim sentence clause copy person people thing
    things something someone about into more most some many much has have had been being do does
    did can could may might will would should must our your you we he she his her him i if so
    then there here all both either neither nor whether while after before over under between
    number numbers figure figures how many set"""
_GENERIC = frozenset(_GENERIC_WORDS.split())
# A figure stated in a unit: a number and its unit side by side, by the unit's family. A kind whose
# examples all state one ('46 percent', '$2.4 million') holds figures of that family only, so a
# passage must state one too: on the benchmark's kinds a cue word and a number alone let through
# "Clinton" beside a date, or "campaign" beside a count of donors.
_SPELLED = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|half)(?:-\w+)?"
)
_AMOUNT = rf"(?:\d[\d,.]*|{_SPELLED})(?:\s*(?:thousand|million|billion|trillion|[mb]n?)\b)?"
UNITS = {
    # "percentage points" measure a change or a margin, not a share.
    "percent": re.compile(rf"\b{_AMOUNT}\s*(?:%|percent\b|per\s+cent\b|percentage\b(?!\s+points?\b))", re.I),
    "money": re.compile(
        rf"(?:[$€£¥]\s*\d|\b{_AMOUNT}\s*(?:dollars?|euros?|yen|yuan|rupees?|usd|eur|gbp)\b)", re.I
    ),
}
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ers", "er", "ly", "s")


def stem(word: str) -> str:
    """A crude English stem: lower case, one common suffix off, at least four letters kept."""
    word = word.lower().replace("’", "'")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> set[str]:
    words = _WORD.findall(text)
    return {stem(w) for w in words if w.lower() not in _GENERIC and (len(w) > 2 or not w.isalpha())}


def _options(annotation: Any) -> list[str]:
    """The string options of a ``Literal`` field, also inside ``Optional`` or ``list``."""
    if typing.get_origin(annotation) is Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list):
        return [o for a in typing.get_args(annotation) for o in _options(a)]
    return []


@cache
def cues_of(kind: Kind) -> frozenset[str]:
    """The stems a passage must share with ``kind`` to be asked about it."""
    parts = [kind.instructions, kind.name.replace("_", " "), *(getattr(kind.draft, "cues", None) or ())]
    for name, field in kind.draft.model_fields.items():
        if name == "evidence" and "evidence" in kind.verbatim and len(kind.verbatim) == 1:
            continue  # the added evidence field says nothing of the kind
        parts += [name.replace("_", " "), field.description or "", *_options(field.annotation)]
    for example in kind.examples:
        parts += [str(v) for item in example.items for k, v in item.items() if isinstance(v, str)]
    return frozenset(w for part in parts for w in _words(part))


@cache
def needs_number(kind: Kind) -> bool:
    """Whether every item of ``kind`` states a number: a required ``int`` or ``float`` field, or
    examples whose every item has a digit in its anchor ('46 percent', '$1.3 million')."""
    fields = kind.draft.model_fields.values()
    if any(f.is_required() and f.annotation in (int, float) for f in fields):
        return True
    anchors = [str(item.get(kind.anchor, "")) for e in kind.examples for item in e.items]
    return bool(anchors) and all(any(c.isdigit() for c in a) for a in anchors)


@cache
def units_of(kind: Kind) -> tuple[str, ...]:
    """The unit families of :data:`UNITS` the kind's figures are stated in: those of its examples'
    anchors, when every anchor states a figure in one; else none (no unit asked for)."""
    anchors = [str(item.get(kind.anchor, "")) for e in kind.examples for item in e.items]
    families = [[f for f, unit in UNITS.items() if unit.search(a)] for a in anchors]
    if not anchors or not all(families):
        return ()
    return tuple(dict.fromkeys(f for found in families for f in found))


def states_unit(words: str, kind: Kind) -> bool:
    """Whether ``words`` state a figure in a unit family of ``kind`` (true when it has none)."""
    units = units_of(kind)
    return not units or any(UNITS[u].search(words) for u in units)


def may_hold(passage: str, kinds: tuple[Kind, ...]) -> bool:
    """Whether ``passage`` can hold an item of any of ``kinds`` (a Pack sieve's signature)."""
    found = _words(passage)
    return any(
        bool(found & cues_of(k))
        and (not needs_number(k) or bool(_NUMBER.search(passage)))
        and states_unit(passage, k)
        for k in kinds
    )
