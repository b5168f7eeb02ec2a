"""Generic matching of predicted to gold items of any kind: spans, field agreement, P/R/F1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from extract.analysis.conventions import speaker_agrees
from extract.analysis.names import actor_name, same_actor, same_issue, same_wording
from extract.schemas import ArticleRecord, Kind, Target
from extract.schemas.kinds import GROUNDING_FIELDS

Item = BaseModel  # a grounded item of any kind: evidence, start, end and its own fields
# What a span's edges lose before spans compare: quote marks, space and punctuation (every
# scorer and the boundary chooser trim with this one set).
TRIM = " \t\n\u00a0,.;:!?\"'\u201c\u201d\u2018\u2019"


def trimmed(item: Item) -> tuple[int, int]:
    """The evidence span without surrounding quotes, punctuation and space."""
    ev: str = getattr(item, "evidence", "")
    start: int = getattr(item, "start", 0)
    end: int = getattr(item, "end", 0)
    left = len(ev) - len(ev.lstrip(TRIM))
    right = len(ev) - len(ev.rstrip(TRIM))
    return start + left, max(start + left, end - right)


def overlap(a: Item, b: Item) -> int:
    (s1, e1), (s2, e2) = trimmed(a), trimmed(b)
    return max(0, min(e1, e2) - max(s1, s2))


def values_agree(pred: Any, gold: Any, lenient: bool) -> bool:
    """Actors and free text compare by name when ``lenient`` ('Kerry' = 'John Kerry'; a pronoun
    gold speaker agrees with anyone), exactly otherwise; enums, numbers and the rest by value."""
    p_name, g_name = actor_name(pred), actor_name(gold)
    if isinstance(gold, Target) and gold.kind == "issue" and p_name is not None:
        return same_issue(p_name, gold.name) if lenient else same_wording(p_name, gold.name)
    if p_name is not None and g_name is not None:
        return speaker_agrees(p_name, g_name) if lenient else p_name.strip() == g_name.strip()
    if isinstance(pred, Enum) or isinstance(gold, Enum):
        return bool(plain(pred) == plain(gold))
    if isinstance(pred, str) and isinstance(gold, str):
        return same_actor(pred, gold) if lenient else same_wording(pred, gold)
    if isinstance(pred, list) and isinstance(gold, list):  # e.g. an event's actors: in any order
        p_names, g_names = [actor_name(v) for v in pred], [actor_name(v) for v in gold]
        if all(n is not None for n in p_names + g_names):
            # actors by name, as a single actor is: each gold one named by a prediction of its own
            left = list(pred)
            for g in gold:
                hit = next((a for a in left if values_agree(a, g, lenient)), None)
                if hit is None:
                    return False
                left.remove(hit)
            return not left
        return sorted(map(_canonical_json, pred)) == sorted(map(_canonical_json, gold))
    return bool(plain(pred) == plain(gold))


def _canonical_json(value: Any) -> str:
    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False)


def plain(value: Any) -> Any:
    """A value as JSON would hold it: models dumped, enums by value."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.value if isinstance(value, Enum) else value


def compared_fields(kind: Kind | str, item: Item, lenient: bool) -> tuple[str, ...]:
    """The fields strict (key) or lenient matching compares for a declared ``kind``; for a kind
    known by name only, every field the gold item has besides its grounding."""
    if isinstance(kind, Kind):
        return kind.lenient_fields if lenient else kind.key_fields
    return tuple(k for k in item.model_dump() if k not in GROUNDING_FIELDS)


def fields_agree(kind: Kind | str, p: Item, g: Item, lenient: bool) -> bool:
    """Whether the compared fields of a predicted and a gold item agree."""
    return all(
        values_agree(getattr(p, f, None), getattr(g, f, None), lenient)
        for f in compared_fields(kind, g, lenient)
    )


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float]:
        return asdict(self) | {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def match(
    pred: list[Item], gold: list[Item], agree: Callable[[Item, Item], bool], strict_span: bool
) -> tuple[PRF, list[tuple[Item, Item]]]:
    """One-to-one greedy matching (largest overlap first); duplicates count as false positives."""
    pairs = sorted(
        (
            (overlap(p, g), i, j)
            for i, p in enumerate(pred)
            for j, g in enumerate(gold)
            if (trimmed(p) == trimmed(g) if strict_span else overlap(p, g) > 0) and agree(p, g)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[Item, Item]] = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((pred[i], gold[j]))
    return PRF(len(matched), len(pred) - len(matched), len(gold) - len(matched)), matched


def by_name(kinds: Iterable[Kind]) -> dict[str, Kind]:
    """Declared kinds by name; anything else is refused (a kind's name alone is not its declaration)."""
    out: dict[str, Kind] = {}
    for kind in kinds:
        if not isinstance(kind, Kind):
            raise TypeError(f"{kind!r} is not a Kind (resolve names with extract.kinds.resolve)")
        out.setdefault(kind.name, kind)
    return out


def kinds_in(*records: Iterable[ArticleRecord]) -> tuple[str, ...]:
    """Every kind name the records hold, in order of first appearance."""
    return tuple(dict.fromkeys(k for recs in records for r in recs for k in r.items))
