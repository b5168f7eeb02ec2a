"""Tie model-reported strings to character offsets in the article (pure functions)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from extract.errors import StageTimeout
from extract.schemas import Kind
from extract.schemas.kinds import Drafted, Near, ValuePath, dotted, verbatim_values

MatchKind = Literal["exact", "normalised", "fuzzy"]

# Typographic variants a model (or an OCR'd article) swaps freely.
_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "`": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_CHARS = 12
MIN_ALNUM = 2  # letters or digits an anchor needs to count as evidence


@dataclass(frozen=True)
class Span:
    """A half-open character interval [start, end) of the article and how it was found."""

    start: int
    end: int
    match: MatchKind


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold quotes/dashes, collapse whitespace, lowercase; return the text and an offset map.

    ``index[i]`` is the offset in ``text`` of normalised character ``i``.
    """
    out: list[str] = []
    index: list[int] = []
    prev_space = True  # drops leading whitespace
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)  # "İ".lower() is two characters: keep the map 1:1
        index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def _strip_quotes(s: str) -> str:
    return s.strip().strip("\"'\u201c\u201d\u2018\u2019").strip()


def _whole_words(haystack: str, needle: str, pos: int) -> bool:
    """Whether ``needle`` at ``pos`` neither starts nor ends inside a word ('e' in 'Kerry')."""
    end = pos + len(needle)
    starts_mid = needle[0].isalnum() and pos > 0 and haystack[pos - 1].isalnum()
    ends_mid = needle[-1].isalnum() and end < len(haystack) and haystack[end].isalnum()
    return not (starts_mid or ends_mid)


def _nearest(haystack: str, needle: str, near: int | None) -> int:
    """Offset of the whole-word occurrence of ``needle`` nearest ``near`` (the first if no hint);
    -1 if none."""
    best, pos = -1, haystack.find(needle)
    while pos >= 0:
        if _whole_words(haystack, needle, pos):
            if near is None:
                return pos
            if best < 0 or abs(pos - near) < abs(best - near):
                best = pos
        pos = haystack.find(needle, pos + 1)
    return best


def align(anchor: str, text: str, near: int | None = None) -> Span | None:
    """Find ``anchor`` in ``text``: exactly, then normalised, then by fuzzy alignment.

    ``near`` picks among repeated occurrences the one closest to that offset.
    """
    anchor = _strip_quotes(anchor)
    if sum(c.isalnum() for c in anchor) < MIN_ALNUM:
        return None  # "a", "e": found anywhere, evidence of nothing
    pos = _nearest(text, anchor, near)
    if pos >= 0:
        return Span(pos, pos + len(anchor), "exact")
    norm_text, index = normalise(text)
    norm_anchor, _ = normalise(anchor)
    if not norm_anchor:
        return None
    pos = _nearest(norm_text, norm_anchor, None)
    if pos >= 0:
        return Span(index[pos], index[pos + len(norm_anchor) - 1] + 1, "normalised")
    if len(norm_anchor) < FUZZY_MIN_CHARS:
        return None
    from rapidfuzz import fuzz  # only reached when exact and normalised matching fail

    hit = fuzz.partial_ratio_alignment(norm_anchor, norm_text, score_cutoff=FUZZY_MIN_SCORE)
    if hit is None or hit.dest_end <= hit.dest_start:
        return None
    # A short hit inside a long anchor means the model added text the article lacks.
    if (hit.dest_end - hit.dest_start) < 0.9 * len(norm_anchor):
        return None
    start, end = _snap_to_words(norm_text, hit.dest_start, hit.dest_end)
    return Span(index[start], index[end - 1] + 1, "fuzzy")


# How far from its hint a part too short to be evidence on its own ('I' said) may stand.
PART_WINDOW = 200


def align_part(value: str, text: str, near: int) -> Span | None:
    """:func:`align` for a part beside an anchor (a source, a cue): a value too short to count as
    evidence alone ('I') still grounds as a whole word within ``PART_WINDOW`` of ``near``."""
    found = align(value, text, near)
    if found is not None or not value.strip():
        return found
    word = value.strip()
    pos = _nearest(text, word, near)
    return Span(pos, pos + len(word), "exact") if pos >= 0 and abs(pos - near) <= PART_WINDOW else None


def _snap_to_words(s: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so it neither begins nor ends inside a word."""
    while start > 0 and s[start - 1].isalnum():
        start -= 1
    while end < len(s) and s[end].isalnum():
        end += 1
    return start, end


@dataclass
class Grounded:
    """Items tied to the text, by kind name, and the anchors of those that could not be."""

    items: dict[str, list[BaseModel]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, kind: str, item: BaseModel) -> None:
        """Keep ``item`` unless an identical one (same span and fields) is already here."""
        ident = f"{kind}:{item.model_dump_json(exclude={'match'})}"
        if ident in self._seen:
            return
        self._seen.add(ident)
        self.items.setdefault(kind, []).append(item)

    def merge(self, other: Grounded, keep_missing: bool = False) -> Grounded:
        """This result plus ``other``'s items; ``other``'s misses are the ones still missing
        (both results' misses with ``keep_missing``, for results of different chunks)."""
        out = Grounded(missing=[*self.missing, *other.missing] if keep_missing else list(other.missing))
        for kind, item in [*self.pairs(), *other.pairs()]:
            out.add(kind, item)
        return out

    def union(self, other: Grounded) -> Grounded:
        """This result plus those of ``other``'s items that no item of the same kind here
        already covers (spans overlapping by half the shorter): a merge across strategies."""
        out = self.merge(Grounded(), keep_missing=True)
        for kind, item in other.pairs():
            if not any(_covers(mine, item) for mine in self.items.get(kind, [])):
                out.add(kind, item)
        out.missing += other.missing
        return out

    def beside(self, other: Grounded) -> Grounded:
        """This result plus those of ``other``'s items that share no character with an item of
        the same kind here: a second source filling only the gaps of the first."""
        out = self.merge(Grounded(), keep_missing=True)
        for kind, item in other.pairs():
            if not any(_shared(mine, item) > 0 for mine in self.items.get(kind, [])):
                out.add(kind, item)
        return out

    def only(self, kinds: Iterable[str]) -> Grounded:
        """This result's items of ``kinds`` (by name), with its misses."""
        names = set(kinds)
        out = Grounded(missing=list(self.missing))
        for kind, item in self.pairs():
            if kind in names:
                out.add(kind, item)
        return out

    def pairs(self) -> list[tuple[str, BaseModel]]:
        return [(kind, item) for kind, found in self.items.items() for item in found]


def span_of(item: BaseModel) -> tuple[int, int]:
    """A grounded item's ``[start, end)`` in the article."""
    return int(getattr(item, "start", 0)), int(getattr(item, "end", 0))


def _shared(a: BaseModel, b: BaseModel) -> int:
    (sa, ea), (sb, eb) = span_of(a), span_of(b)
    return min(ea, eb) - max(sa, sb)


def _covers(a: BaseModel, b: BaseModel) -> bool:
    (sa, ea), (sb, eb) = span_of(a), span_of(b)
    return _shared(a, b) * 2 >= min(ea - sa, eb - sb) > 0


# Text written to instruct a model rather than to inform a reader: grounding proves the words are in
# the article, not that the article means them; such items are kept, flagged and counted.
_ADDRESSES_MODEL = re.compile(
    "|".join(
        [
            r"ignore (?:all |any |the )?(?:previous|prior|above|earlier) (?:instructions|text|rules)",
            r"disregard (?:all|the|previous)",
            r"system prompt|language model|as an ai\b|\bai (?:model|assistant)",
            r"\byou are an? (?:ai|assistant|model|extractor)",
            r"\b(?:output|return|emit|print|add|extract|report|insert) "
            r"(?:a |an |the |this |one |following |new )*"
            r"(?:quote|quotation|json|record|item|event|position|statement)s?\b",
        ]
    ),
    re.I,
)


def suspicions(text: str, start: int, end: int) -> list[str]:
    """Flags for the span [start, end): 'addresses-model' if it, or the line it stands on,
    reads as instructions to a model."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return ["addresses-model"] if _ADDRESSES_MODEL.search(line) else []


def anchor_of(kind: Kind, draft: BaseModel) -> str:
    """The string that must stand in the article: the kind's anchor (first verbatim field)."""
    return str(getattr(draft, kind.anchor, "") or "")


def _put(fields: dict[str, Any], path: ValuePath, value: str) -> None:
    """Set the value at ``path`` in a model dump (nested dicts and lists)."""
    here: Any = fields
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value


def ground_one(kind: Kind, draft: BaseModel, text: str, near: Near = None) -> BaseModel | str:
    """The grounded record for ``draft``, or why not: the verbatim value that is not in ``text``
    (the anchor, or ``path: value`` for another), or the anchor when the kind's own validators
    reject the grounded item. Every verbatim value is copied from the text with its own offsets."""
    hints = near if isinstance(near, dict) else {kind.anchor: near} if near is not None else {}
    anchor = anchor_of(kind, draft)
    span = align(anchor, text, hints.get(kind.anchor))
    if span is None:
        return anchor or f"an item without its {kind.anchor}"
    words = text[span.start : span.end]
    fields = draft.model_dump() | {
        kind.anchor: words,
        "evidence": words,
        "start": span.start,
        "end": span.end,
        "match": span.match,
        "flags": suspicions(text, span.start, span.end),
    }
    spans: dict[str, dict[str, int]] = {}
    for path, value in verbatim_values(draft):
        if path == (kind.anchor,):
            continue
        other = align_part(value, text, hints.get(dotted(path), span.start))
        if other is None:
            return f"{dotted(path)}: {value}"
        _put(fields, path, text[other.start : other.end])
        spans[dotted(path)] = {"start": other.start, "end": other.end}
    fields["spans"] = spans
    try:
        return kind.record.model_validate(fields, context={"text": text})
    except ValidationError:
        return anchor


def holds(kind: Kind, item: BaseModel, text: str) -> bool:
    """Whether a grounded ``item`` (read back from a cache, say) still stands in ``text``: its
    offsets point at its evidence, its anchor is that evidence, and each other verbatim value is
    what its own offsets point at."""
    start, end = span_of(item)
    evidence = getattr(item, "evidence", None)
    if text[start:end] != evidence or getattr(item, kind.anchor, evidence) != evidence:
        return False
    spans = getattr(item, "spans", {})
    for path, value in verbatim_values(item):
        if path == (kind.anchor,) or path == ("evidence",):
            continue
        at = spans.get(dotted(path))
        if at is None or text[at.start : at.end] != value:
            return False
    return True


# Fuzzy alignment is the costly part (a model's long, near-miss anchors over a long article).
GROUND_SECONDS = 120.0


def ground(drafts: list[Drafted], text: str, seconds: float = GROUND_SECONDS) -> Grounded:
    """Turn (kind, draft, offset hint) triples into grounded records; never keep an unaligned item.
    Raise StageTimeout past ``seconds`` for the article."""
    deadline = time.monotonic() + seconds
    out = Grounded()
    for kind, draft, near in drafts:
        if time.monotonic() > deadline:
            raise StageTimeout(f"grounding took over {seconds:g}s; article skipped")
        item = ground_one(kind, draft, text, near)
        if isinstance(item, str):
            out.missing.append(item)
        else:
            out.add(kind.name, item)
    return out
