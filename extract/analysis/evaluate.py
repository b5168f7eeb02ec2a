"""Score predicted records against gold records (pure functions; I/O lives in the CLI)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from extract.analysis.conventions import nearest_named, unnamed
from extract.analysis.matching import PRF, Item, by_name, fields_agree, kinds_in, match, plain
from extract.analysis.names import actor_name, same_actor
from extract.schemas import NEWS_KINDS, ArticleRecord, Kind


@dataclass
class KindScore:
    strict: PRF = field(default_factory=PRF)
    lenient: PRF = field(default_factory=PRF)
    span: PRF = field(default_factory=PRF)  # overlapping evidence, fields ignored
    attribute_hits: int = 0  # among span matches: speaker / event type / stance right
    attribute_checked: int = 0  # span matches whose attribute can be checked (a named speaker)
    gold_values: Counter[str] = field(default_factory=Counter)  # the checked gold attribute values
    # Gold actors that are only a pronoun ('he said'), among span matches, where an earlier gold item
    # names someone: how often the prediction names anyone, and the one nearest before.
    pronouns: int = 0
    pronouns_named: int = 0
    pronouns_resolved: int = 0

    @property
    def attribute_accuracy(self) -> float:
        return self.attribute_hits / self.attribute_checked if self.attribute_checked else 0.0

    @property
    def pronoun_resolution(self) -> float:
        """A proxy, since the gold gives no antecedents: among matched items whose gold actor is a
        pronoun, the share whose prediction names the nearest earlier named gold actor."""
        return self.pronouns_resolved / self.pronouns if self.pronouns else 0.0

    def pronoun_note(self) -> str | None:
        """'pronoun actors: N matched, P% named, Q% the nearest earlier named gold actor'."""
        if not self.pronouns:
            return None
        return (
            f"pronoun actors: {self.pronouns} matched, {self.pronouns_named / self.pronouns:.0%} named, "
            f"{self.pronoun_resolution:.0%} the nearest earlier named gold actor"
        )

    @property
    def majority(self) -> tuple[str, float] | None:
        """The most common gold value of the attribute, and the accuracy of always guessing it:
        the baseline the attribute accuracy has to beat."""
        if not self.gold_values:
            return None
        value, count = self.gold_values.most_common(1)[0]
        return value, count / self.attribute_checked


@dataclass
class Score:
    kinds: dict[str, KindScore] = field(default_factory=dict)
    articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)  # gold articles nobody predicted
    unmatched_predictions: list[str] = field(default_factory=list)  # predictions with no gold
    changed_text: list[str] = field(default_factory=list)  # matched by id, but the text differs
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
            "unmatched_predictions": self.unmatched_predictions,
            "changed_text": self.changed_text,
            "grounding_rate": self.grounding_rate,
        }
        for kind, ks in self.kinds.items():
            out[kind] = {
                "strict": ks.strict.as_dict(),
                "lenient": ks.lenient.as_dict(),
                "span": ks.span.as_dict(),
                "attribute_accuracy": ks.attribute_accuracy,
                "attribute_majority": ks.majority,
                "pronouns": {
                    "matched": ks.pronouns,
                    "named": ks.pronouns_named,
                    "nearest_named_gold": ks.pronouns_resolved,
                },
            }
        return out


def attribute_of(kind: Kind | str) -> str | None:
    """The field whose accuracy is reported for a declared ``kind`` (speaker, type, stance...);
    none for a kind known by name only."""
    return kind.attribute if isinstance(kind, Kind) else None


def attribute_label(kind: Kind | str) -> str:
    attribute = attribute_of(kind)
    return f"{attribute} accuracy" if attribute else "–"


def _attribute_checks(
    kind: Kind | str, pairs: list[tuple[Item, Item]], gold: list[Item], ks: KindScore
) -> None:
    """Adds to ``ks`` the kind's attribute accuracy over span-matched pairs, counting each checked
    gold value; a gold actor that is only a pronoun cannot be checked by name and is scored apart,
    against the nearest earlier named gold actor."""
    attribute = attribute_of(kind)
    if attribute is None:
        return
    antecedents = nearest_named(attribute, gold)
    for p, g in pairs:
        gold_value = getattr(g, attribute, None)
        name = actor_name(gold_value)
        pred_value = getattr(p, attribute, None)
        p_name = actor_name(pred_value)
        if name is not None and unnamed(name):
            if id(g) in antecedents:
                ks.pronouns += 1
                ks.pronouns_named += p_name is not None and not unnamed(p_name)
                ks.pronouns_resolved += p_name is not None and same_actor(p_name, antecedents[id(g)])
            continue
        ks.attribute_checked += 1
        ks.gold_values[str(name if name is not None else plain(gold_value))] += 1
        ks.attribute_hits += (
            same_actor(p_name, name)
            if p_name is not None and name is not None
            else (plain(pred_value) == plain(gold_value))
        )


def score(
    pred: Iterable[ArticleRecord],
    gold: Iterable[ArticleRecord],
    *,
    kinds: Iterable[Kind] = NEWS_KINDS,
    only: tuple[str, ...] | None = None,
) -> Score:
    """P/R/F1 per kind (strict, lenient, span-only), attribute accuracies and grounding rate.

    ``kinds`` are the declared kinds (the news pack's by default): their key fields are compared
    and their attribute scored; a kind the records hold but ``kinds`` lacks is compared on every
    field. ``only`` limits scoring
    to what the gold annotates (PolNeAR: quotes; SEESAW: positions); by default every kind the
    gold or the predictions hold is scored.
    """
    declared = by_name(kinds)
    preds, golds = list(pred), list(gold)
    by_hash = {r.text_sha256: r for r in preds}
    by_id = {r.article_id: r for r in by_hash.values()}
    names = only if only is not None else kinds_in(golds, preds)
    out = Score(kinds={k: KindScore() for k in names})
    used: set[str] = set()
    for g in golds:
        out.articles += 1
        p = by_hash.get(g.text_sha256)
        if p is None and (p := by_id.get(g.article_id)) is not None:
            out.changed_text.append(g.article_id)  # offsets may point elsewhere: say so
        if p is not None:
            used.add(p.text_sha256)
        else:
            out.missing_predictions.append(g.article_id)
            p = ArticleRecord(
                article_id=g.article_id, source="", text_sha256="", model="", strategy="", prompt_version=""
            )
        out.kept += sum(p.counts().values())
        out.dropped += p.usage.dropped
        for name in names:
            ps, gs = p.of(name), g.of(name)
            ks = out.kinds[name]
            kind = declared.get(name, name)
            ks.strict.add(match(ps, gs, partial(fields_agree, kind, lenient=False), True)[0])
            ks.lenient.add(match(ps, gs, partial(fields_agree, kind, lenient=True), False)[0])
            span, pairs = match(ps, gs, lambda a, b: True, False)
            ks.span.add(span)
            _attribute_checks(kind, pairs, gs, ks)
    out.unmatched_predictions = [r.article_id for r in by_hash.values() if r.text_sha256 not in used]
    return out
