"""Per-part span scores (pure functions): each verbatim part of an item scored on its own, as
published attribution systems are scored: a quote's content, source and cue, any kind's verbatim
fields.

A part is the anchor's span ('content') or a verbatim value's own offsets (``spans[path]``:
'source', 'cue', 'places.0'). Per article and part, spans are compared as sets: several items
sharing one source mention ("he" said, twice) give one span. Each part is scored three ways:
``exact`` (same span after trimming quote marks, space and end punctuation), ``overlap`` (one to
one, any shared character) and ``jaccard`` (one to one, shared characters at least half their
union). ``linked`` scores whole items: a prediction matches a gold item when each part the gold
item has overlaps the prediction's part of the same name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from extract.analysis.matching import PRF, TRIM
from extract.schemas import ArticleRecord

Bounds = tuple[int, int]
CONTENT = "content"  # the anchor's part, whatever the anchor field is called
CRITERIA = ("exact", "overlap", "jaccard")
JACCARD_MIN = 0.5


def trim(words: str, start: int) -> Bounds:
    """``words`` at ``start`` without surrounding quote marks, space and punctuation; a part that
    is nothing else (PolNeAR's ':' cue) stays as it is."""
    kept = words.strip(TRIM)
    if not kept:
        return start, start + len(words)
    left = len(words) - len(words.lstrip(TRIM))
    return start + left, start + left + len(kept)


def parts(item: BaseModel) -> dict[str, Bounds]:
    """An item's parts by name, each trimmed: its content (the anchor) and every other verbatim
    value with offsets of its own."""
    evidence, start = str(getattr(item, "evidence", "")), int(getattr(item, "start", 0))
    out = {CONTENT: trim(evidence, start)}
    fields = item.model_dump(mode="json")  # by path, whether the item's model is known or not
    for path, at in (fields.get("spans") or {}).items():
        value = _at(fields, path)
        if isinstance(value, str):
            out[path] = trim(value, int(at["start"]))
    return out


def _at(fields: Any, path: str) -> Any:
    """The value at a dotted path ('cue', 'places.1', 'where.place') of a model dump."""
    for step in path.split("."):
        if isinstance(fields, list) and step.isdigit() and int(step) < len(fields):
            fields = fields[int(step)]
        elif isinstance(fields, dict):
            fields = fields.get(step)
        else:
            return None
    return fields


def shared(a: Bounds, b: Bounds) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def jaccard(a: Bounds, b: Bounds) -> float:
    union = max(a[1], b[1]) - min(a[0], b[0])
    return shared(a, b) / union if union > 0 else float(a == b)


def greedy(pairs: Iterable[tuple[int, int, int]]) -> int:
    """How many (weight, pred, gold) pairs match one to one, the heaviest first."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


_AGREE: dict[str, Callable[[Bounds, Bounds], bool]] = {
    "exact": lambda p, g: p == g,
    "overlap": lambda p, g: shared(p, g) > 0,
    "jaccard": lambda p, g: jaccard(p, g) >= JACCARD_MIN,
}


def _prf(hits: int, pred: int, gold: int) -> PRF:
    return PRF(hits, pred - hits, gold - hits)


def _counts(pred: list[Bounds], gold: list[Bounds], criterion: str) -> PRF:
    agree = _AGREE[criterion]
    pairs = ((shared(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if agree(p, g))
    return _prf(greedy(pairs), len(pred), len(gold))


def _linked(pred: list[dict[str, Bounds]], gold: list[dict[str, Bounds]]) -> PRF:
    def agree(p: dict[str, Bounds], g: dict[str, Bounds]) -> bool:
        return all(name in p and shared(p[name], at) > 0 for name, at in g.items())

    pairs = (
        (shared(p[CONTENT], g[CONTENT]), i, j)
        for i, p in enumerate(pred)
        for j, g in enumerate(gold)
        if agree(p, g)
    )
    return _prf(greedy(pairs), len(pred), len(gold))


@dataclass
class PartScores:
    """One kind's per-part scores: ``parts[name][criterion]``, and the linked items."""

    parts: dict[str, dict[str, PRF]] = field(default_factory=dict)
    linked: PRF = field(default_factory=PRF)

    def add(self, pred: list[BaseModel], gold: list[BaseModel]) -> None:
        """Add one article's items of the kind."""
        p_parts, g_parts = [parts(i) for i in pred], [parts(i) for i in gold]
        names = dict.fromkeys(n for found in (*g_parts, *p_parts) for n in found)
        for name in names:
            ps = sorted({found[name] for found in p_parts if name in found})
            gs = sorted({found[name] for found in g_parts if name in found})
            by = self.parts.setdefault(name, {c: PRF() for c in CRITERIA})
            for criterion in CRITERIA:
                by[criterion].add(_counts(ps, gs, criterion))
        self.linked.add(_linked(p_parts, g_parts))

    def as_dict(self) -> dict[str, Any]:
        return {
            "parts": {n: {c: s.as_dict() for c, s in by.items()} for n, by in self.parts.items()},
            "linked": self.linked.as_dict(),
        }


def part_scores(
    pred: Iterable[ArticleRecord], gold: Iterable[ArticleRecord], kinds: tuple[str, ...] | None = None
) -> dict[str, PartScores]:
    """Per kind, the per-part scores over the gold articles (paired by text hash, else by id; a
    gold article with no prediction is scored against nothing)."""
    preds = list(pred)
    by_hash = {r.text_sha256: r for r in preds}
    by_id = {r.article_id: r for r in preds}
    out: dict[str, PartScores] = {}
    for g in gold:
        p = by_hash.get(g.text_sha256) or by_id.get(g.article_id)
        for kind in kinds if kinds is not None else tuple(g.items):
            out.setdefault(kind, PartScores()).add(p.of(kind) if p is not None else [], g.of(kind))
    return out
