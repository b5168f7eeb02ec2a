"""Score predicted records against gold records (pure functions; I/O lives in the CLI)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from schemas import ArticleRecord, Event, Position, Quote

Item = Quote | Event | Position
KINDS = ("quotes", "events", "positions")
_TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "president", "secretary", "minister", "prime", "foreign", "of", "state",
    "the", "us", "u.s.", "british", "russian", "senior", "counterpart", "his", "her",
}  # fmt: skip
_TRIM = " \t\n,.;:\"'\u201c\u201d\u2018\u2019"


def name_words(name: str) -> list[str]:
    """The words that identify an actor, in order: lowercased, titles and punctuation dropped."""
    words = (w.strip(".'") for w in re.findall(r"[\w.'-]+", name.lower()) if w not in _TITLE_WORDS)
    return [w for w in words if w]


def name_tokens(name: str) -> set[str]:
    """:func:`name_words` as a set."""
    return set(name_words(name))


def same_actor(a: str, b: str) -> bool:
    """'Kerry' = 'John Kerry' = 'US Secretary of State John Kerry': one's tokens contain the other's."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return a.strip().lower() == b.strip().lower()
    return ta <= tb or tb <= ta


# PolNeAR marks the pronoun itself as a quote's source: such a speaker cannot be checked by name.
_UNNAMED = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"}


def unnamed(name: str) -> bool:
    return name.strip().lower() in _UNNAMED


def speaker_agrees(pred: str, gold: str) -> bool:
    """Lenient speaker match: same actor, or a gold speaker that is only a pronoun (the content
    span decides; speaker accuracy leaves those out)."""
    return unnamed(gold) or same_actor(pred, gold)


def trimmed(item: Item) -> tuple[int, int]:
    """The evidence span without surrounding quotes, punctuation and space."""
    ev = item.evidence
    left = len(ev) - len(ev.lstrip(_TRIM))
    right = len(ev) - len(ev.rstrip(_TRIM))
    return item.start + left, max(item.start + left, item.end - right)


def overlap(a: Item, b: Item) -> int:
    (s1, e1), (s2, e2) = trimmed(a), trimmed(b)
    return max(0, min(e1, e2) - max(s1, s2))


def fields_agree(p: Item, g: Item, lenient: bool) -> bool:
    """Whether the typed fields agree (names compared loosely when ``lenient``)."""
    same: Callable[[str, str], bool] = speaker_agrees if lenient else (lambda a, b: a.strip() == b.strip())
    if isinstance(p, Quote) and isinstance(g, Quote):
        return same(p.speaker.name, g.speaker.name) and (lenient or p.direct == g.direct)
    if isinstance(p, Event) and isinstance(g, Event):
        return p.type == g.type
    if isinstance(p, Position) and isinstance(g, Position):
        return p.stance == g.stance and (same_actor if lenient else same)(p.holder.name, g.holder.name)
    return False


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


@dataclass
class KindScore:
    strict: PRF = field(default_factory=PRF)
    lenient: PRF = field(default_factory=PRF)
    span: PRF = field(default_factory=PRF)  # overlapping evidence, fields ignored
    attribute_hits: int = 0  # among span matches: speaker / event type / stance right
    attribute_checked: int = 0  # span matches whose attribute can be checked (a named speaker)

    @property
    def attribute_accuracy(self) -> float:
        return self.attribute_hits / self.attribute_checked if self.attribute_checked else 0.0


@dataclass
class Score:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    kept: int = 0
    dropped: int = 0

    @property
    def grounding_rate(self) -> float:
        """Share of the model's items that could be tied to the text."""
        return self.kept / (self.kept + self.dropped) if self.kept + self.dropped else 1.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": self.articles,
            "missing_predictions": self.missing_predictions,
            "grounding_rate": self.grounding_rate,
        }
        for kind, ks in self.kinds.items():
            out[kind] = {
                "strict": ks.strict.as_dict(),
                "lenient": ks.lenient.as_dict(),
                "span": ks.span.as_dict(),
                "attribute_accuracy": ks.attribute_accuracy,
            }
        return out


ATTRIBUTE = {"quotes": "speaker accuracy", "events": "event-type accuracy", "positions": "stance accuracy"}


def _attribute_ok(p: Item, g: Item) -> bool:
    if isinstance(p, Quote) and isinstance(g, Quote):
        return same_actor(p.speaker.name, g.speaker.name)
    if isinstance(p, Event) and isinstance(g, Event):
        return p.type == g.type
    if isinstance(p, Position) and isinstance(g, Position):
        return p.stance == g.stance
    return False


def score(
    pred: Iterable[ArticleRecord], gold: Iterable[ArticleRecord], kinds: tuple[str, ...] = KINDS
) -> Score:
    """P/R/F1 per kind (strict, lenient, span-only), attribute accuracies and grounding rate.

    ``kinds`` limits scoring to what the gold annotates (PolNeAR: quotes; SEESAW: positions).
    """
    by_hash = {r.text_sha256: r for r in pred}
    by_id = {r.article_id: r for r in by_hash.values()}
    out = Score(kinds={k: KindScore() for k in kinds})
    for g in gold:
        out.articles += 1
        p = by_hash.get(g.text_sha256) or by_id.get(g.article_id)
        if p is None:
            out.missing_predictions.append(g.article_id)
            p = ArticleRecord(article_id=g.article_id, source="", text_sha256="", model="", strategy="",
                              prompt_version="")  # fmt: skip
        out.kept += sum(len(getattr(p, k)) for k in KINDS)
        out.dropped += p.usage.dropped
        for kind in kinds:
            ps: list[Item] = list(getattr(p, kind))
            gs: list[Item] = list(getattr(g, kind))
            ks = out.kinds[kind]
            ks.strict.add(match(ps, gs, partial(fields_agree, lenient=False), True)[0])
            ks.lenient.add(match(ps, gs, partial(fields_agree, lenient=True), False)[0])
            span, pairs = match(ps, gs, lambda a, b: True, False)
            ks.span.add(span)
            checkable = [(a, b) for a, b in pairs if not (isinstance(b, Quote) and unnamed(b.speaker.name))]
            ks.attribute_checked += len(checkable)
            ks.attribute_hits += sum(_attribute_ok(a, b) for a, b in checkable)
    return out
