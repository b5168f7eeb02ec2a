"""PLOVER scores for the event kind: per-category P/R/F1, the confusion between categories, type
accuracy beside the majority baseline, and source/target agreement (names by words).

Pure functions over records. Events are paired by overlapping evidence, whatever their category
(one-to-one, largest overlap first); a gold event left unpaired is a miss ('none' predicted), a
predicted one left unpaired a false alarm ('none' in the gold).

A reciprocal event ('Jordan and Britain agreed to ...', 'the US and China signed ...') is coded
as PLOVER's manual codes it: every party an actor, no recipient (its section "Compound and
Reciprocal Actors"). Dyadic gold (CAMEO's tradition, and the PLOVER sentence corpus: source
Jordan, target Britain) is one of the dyads the manual says such a record expands to, so a
prediction with several actors and no recipient is scored by its dyads: its target agrees where
the gold's source and target are both among its actors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extract.analysis.matching import Item, match
from extract.analysis.names import same_actor
from extract.schemas import ArticleRecord

NONE = "none"  # no event: the row or column of the confusion for misses and false alarms


@dataclass
class PloverScore:
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted) -> count
    source: Counter[str] = field(default_factory=Counter)  # 'agree', 'checked', 'paired_checked', ...
    target: Counter[str] = field(default_factory=Counter)

    @property
    def categories(self) -> list[str]:
        """The categories either side names, gold's most common first."""
        gold = Counter[str]()
        for (g, p), n in self.confusion.items():
            gold[g] += n
            gold.setdefault(p, 0)
        return [c for c, _ in gold.most_common() if c != NONE]

    def gold_total(self) -> int:
        return sum(n for (g, _), n in self.confusion.items() if g != NONE)

    @property
    def accuracy(self) -> float:
        """Gold events whose paired prediction has their category (a miss counts as wrong)."""
        total = self.gold_total()
        return (
            sum(n for (g, p), n in self.confusion.items() if g == p and g != NONE) / total if total else 0.0
        )

    @property
    def majority(self) -> tuple[str, float] | None:
        """The most common gold category and the accuracy of always guessing it."""
        gold = Counter[str]()
        for (g, _), n in self.confusion.items():
            if g != NONE:
                gold[g] += n
        if not gold:
            return None
        value, count = gold.most_common(1)[0]
        return value, count / self.gold_total()

    def prf(self, category: str) -> tuple[float, float, float, int]:
        """Precision, recall, F1 and gold support of one category."""
        tp = self.confusion[(category, category)]
        predicted = sum(n for (_, p), n in self.confusion.items() if p == category)
        support = sum(n for (g, _), n in self.confusion.items() if g == category)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, support

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the categories the gold has."""
        cats = [c for c in self.categories if self.prf(c)[3]]
        return sum(self.prf(c)[2] for c in cats) / len(cats) if cats else 0.0

    def agreement(self, role: str, paired_only: bool = False) -> float:
        """Share of gold events naming a ``role`` actor whose prediction names it too (by words);
        over every such gold event, or ``paired_only`` over those a prediction was paired with."""
        counts = self.source if role == "source" else self.target
        key = "paired_" if paired_only else ""
        checked = counts[f"{key}checked"]
        return counts["agree"] / checked if checked else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "type_accuracy": self.accuracy,
            "majority": self.majority,
            "macro_f1": self.macro_f1,
            "per_category": {
                c: dict(zip(("precision", "recall", "f1", "support"), self.prf(c), strict=True))
                for c in self.categories
            },
            "confusion": [[g, p, n] for (g, p), n in sorted(self.confusion.items())],
            "source_agreement": self.agreement("source"),
            "target_agreement": self.agreement("target"),
            "source_agreement_paired": self.agreement("source", True),
            "target_agreement_paired": self.agreement("target", True),
        }


def _names(item: Item, role: str) -> list[str]:
    return [a.name if hasattr(a, "name") else str(a.get("name", "")) for a in getattr(item, role, None) or []]


def _agree(pred: list[str], gold: list[str]) -> bool:
    return any(same_actor(p, g) for p in pred for g in gold)


def reciprocal_dyad(guess: Item, gold: Item) -> bool:
    """Whether ``guess`` codes a reciprocal event (several actors, no recipient) of which the
    gold's dyad (its source towards its target) is one expansion."""
    actors = _names(guess, "source")
    if _names(guess, "target") or len(actors) < 2:
        return False
    sources, targets = _names(gold, "source"), _names(gold, "target")
    return any(
        same_actor(a, s) and same_actor(b, t)
        for a in actors
        for b in actors
        if a != b
        for s in sources
        for t in targets
    )


def role_agrees(guess: Item, gold: Item, role: str) -> tuple[bool, bool]:
    """Whether ``guess``'s ``role`` actors agree with ``gold``'s (names by words), and whether
    only as one expansion of a reciprocal event (the target of a dyad its actors make)."""
    if _agree(_names(guess, role), _names(gold, role)):
        return True, False
    reciprocal = role == "target" and reciprocal_dyad(guess, gold)
    return reciprocal, reciprocal


def paired(ps: list[Item], gs: list[Item]) -> list[tuple[Item, Item]]:
    """The (predicted, gold) events the scorer compares: paired by the largest overlap."""
    return match(ps, gs, lambda a, b: True, False)[1]


def _category(item: Item) -> str:
    value = getattr(item, "type", None)
    return str(getattr(value, "value", value))


def plover_score(
    pred: Iterable[ArticleRecord], gold: Iterable[ArticleRecord], kind: str = "events"
) -> PloverScore | None:
    """PLOVER scores of ``kind`` over the gold's articles (paired by text hash, else id); None
    when the gold holds none of that kind."""
    golds = list(gold)
    if not any(g.of(kind) for g in golds):
        return None
    preds = list(pred)
    by_hash = {r.text_sha256: r for r in preds}
    by_id = {r.article_id: r for r in preds}
    out = PloverScore()
    for g in golds:
        p = by_hash.get(g.text_sha256) or by_id.get(g.article_id)
        ps, gs = (p.of(kind) if p is not None else []), g.of(kind)
        pairs = paired(ps, gs)
        paired_p = {id(a) for a, _ in pairs}
        paired_g = {id(b) for _, b in pairs}
        for a, b in pairs:
            out.confusion[(_category(b), _category(a))] += 1
        out.confusion.update((_category(b), NONE) for b in gs if id(b) not in paired_g)
        out.confusion.update((NONE, _category(a)) for a in ps if id(a) not in paired_p)
        predicted_for = {id(b): a for a, b in pairs}
        for b in gs:
            for role, counts in (("source", out.source), ("target", out.target)):
                wanted = _names(b, role)
                if not wanted:
                    continue
                counts["checked"] += 1
                guess = predicted_for.get(id(b))
                if guess is not None:
                    counts["paired_checked"] += 1
                    agreed, reciprocal = role_agrees(guess, b, role)
                    counts["agree"] += agreed
                    counts["reciprocal"] += reciprocal
    return out
