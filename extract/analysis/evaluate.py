"""Score predicted records against gold records (pure functions; I/O lives in the CLI)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import partial
from typing import Any

from pydantic import BaseModel

from extract.grounding.ground import span_of
from extract.schemas import REGISTRY, ArticleRecord, Target
from extract.schemas.kinds import GROUNDING_FIELDS

Item = BaseModel  # a grounded item of any kind: evidence, start, end and its own fields
_TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "president", "secretary", "minister", "prime", "foreign", "of", "state",
    "the", "us", "u.s.", "british", "russian", "senior", "counterpart", "his", "her",
}  # fmt: skip
_TRIM = " \t\n,.;:\"'\u201c\u201d\u2018\u2019"


def name_words(name: str) -> list[str]:
    """The words that identify an actor, in order: lowercased, titles and punctuation dropped."""
    # A title is dropped with or without its dot: "Ms." as well as "ms", "U.S." as well as "u.s".
    raw = re.findall(r"[\w.'-]+", name.lower())
    words = (w.strip(".'") for w in raw if w not in _TITLE_WORDS)
    return [w for w in words if w and w not in _TITLE_WORDS]


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
        return a.strip().lower() == b.strip().lower()
    return ta <= tb or tb <= ta


# PolNeAR marks the pronoun itself as a quote's source: such a speaker cannot be checked by name.
# Relative and possessive pronouns too ("Bush, who announced ...", "his claim that ...").
_UNNAMED = {
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "who", "whom", "which",
    "that", "his", "its", "their", "our", "my", "your",
}  # fmt: skip


def unnamed(name: str) -> bool:
    return name.strip().lower() in _UNNAMED


def speaker_agrees(pred: str, gold: str) -> bool:
    """Lenient speaker match: same actor, or a gold speaker that is only a pronoun (the content
    span decides; speaker accuracy leaves those out)."""
    return unnamed(gold) or same_actor(pred, gold)


def trimmed(item: Item) -> tuple[int, int]:
    """The evidence span without surrounding quotes, punctuation and space."""
    ev: str = getattr(item, "evidence", "")
    start: int = getattr(item, "start", 0)
    end: int = getattr(item, "end", 0)
    left = len(ev) - len(ev.lstrip(_TRIM))
    right = len(ev) - len(ev.rstrip(_TRIM))
    return start + left, max(start + left, end - right)


def overlap(a: Item, b: Item) -> int:
    (s1, e1), (s2, e2) = trimmed(a), trimmed(b)
    return max(0, min(e1, e2) - max(s1, s2))


def _name(value: Any) -> str | None:
    """An actor's name, whether an Actor or an actor read back as a dict."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return str(value["name"])
    return None


def values_agree(pred: Any, gold: Any, lenient: bool) -> bool:
    """Actors and free text compare by name when ``lenient`` ('Kerry' = 'John Kerry'; a pronoun
    gold speaker agrees with anyone), exactly otherwise; enums, numbers and the rest by value."""
    p_name, g_name = _name(pred), _name(gold)
    if isinstance(gold, Target) and gold.kind == "issue" and p_name is not None:
        return same_issue(p_name, gold.name) if lenient else same_wording(p_name, gold.name)
    if p_name is not None and g_name is not None:
        return speaker_agrees(p_name, g_name) if lenient else p_name.strip() == g_name.strip()
    if isinstance(pred, Enum) or isinstance(gold, Enum):
        return bool(_plain(pred) == _plain(gold))
    if isinstance(pred, str) and isinstance(gold, str):
        return same_actor(pred, gold) if lenient else same_wording(pred, gold)
    if isinstance(pred, list) and isinstance(gold, list):  # e.g. an event's actors: in any order
        return sorted(map(_canonical_json, pred)) == sorted(map(_canonical_json, gold))
    return bool(_plain(pred) == _plain(gold))


# Free text (a position's issue) is worded by whoever writes it: strict matching accepts the
# same words in another order or with a few more ("Crimea referendum" ~ "the Crimea referendum").
WORDING_RATIO = 80


def same_wording(pred: str, gold: str) -> bool:
    from rapidfuzz import fuzz

    a, b = " ".join(pred.lower().split()), " ".join(gold.lower().split())
    return a == b or fuzz.token_set_ratio(a, b) >= WORDING_RATIO


def same_issue(pred: str, gold: str) -> bool:
    """Lenient issue match: the same actor's name, or a shared content word ('the Crimean
    referendum' ~ 'legitimacy of the Crimea referendum'), plurals folded."""
    return same_actor(pred, gold) or bool(content_words(pred) & content_words(gold))


def content_words(text: str) -> set[str]:
    """A name's or an issue's identifying words: :func:`name_words` without possessives,
    plurals folded ('Republicans' -> 'republican') and filler words dropped."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w.removesuffix("'s") for w in name_words(text.replace("\u2019", "'")) if w not in STOP_WORDS)
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words if w}


def _canonical_json(value: Any) -> str:
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.value if isinstance(value, Enum) else value


def compared_fields(kind: str, item: Item, lenient: bool) -> tuple[str, ...]:
    """The fields strict (key) or lenient matching compares for ``kind``; for a kind this process
    has not registered, every field the gold item has besides its grounding."""
    declared = REGISTRY.get(kind)
    if declared is not None:
        return declared.lenient_fields if lenient else declared.key_fields
    return tuple(k for k in item.model_dump() if k not in GROUNDING_FIELDS)


def fields_agree(kind: str, p: Item, g: Item, lenient: bool) -> bool:
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
        """'pronoun actors: 195 matched, 88% named, 61% the nearest earlier named gold actor'."""
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


def attribute_of(kind: str) -> str | None:
    """The field whose accuracy is reported for ``kind`` (speaker, type, stance...)."""
    declared = REGISTRY.get(kind)
    return declared.attribute if declared is not None else None


def attribute_label(kind: str) -> str:
    attribute = attribute_of(kind)
    return f"{attribute} accuracy" if attribute else "–"


def _nearest_named(attribute: str, gold: list[Item]) -> dict[int, str]:
    """For each gold item (by ``id``) whose actor is a pronoun, the name of the nearest earlier
    gold item's actor that is a name: the antecedent a reader would most often pick."""
    out: dict[int, str] = {}
    last: str | None = None
    for g in sorted(gold, key=lambda g: span_of(g)[0]):
        name = _name(getattr(g, attribute, None))
        if name is None:
            continue
        if not unnamed(name):
            last = name
        elif last is not None:
            out[id(g)] = last
    return out


def _attribute_checks(kind: str, pairs: list[tuple[Item, Item]], gold: list[Item], ks: KindScore) -> None:
    """Adds to ``ks`` the kind's attribute accuracy over span-matched pairs, counting each checked
    gold value; a gold actor that is only a pronoun cannot be checked by name and is scored apart,
    against the nearest earlier named gold actor."""
    attribute = attribute_of(kind)
    if attribute is None:
        return
    antecedents = _nearest_named(attribute, gold)
    for p, g in pairs:
        gold_value = getattr(g, attribute, None)
        name = _name(gold_value)
        pred_value = getattr(p, attribute, None)
        p_name = _name(pred_value)
        if name is not None and unnamed(name):
            if id(g) in antecedents:
                ks.pronouns += 1
                ks.pronouns_named += p_name is not None and not unnamed(p_name)
                ks.pronouns_resolved += p_name is not None and same_actor(p_name, antecedents[id(g)])
            continue
        ks.attribute_checked += 1
        ks.gold_values[str(name if name is not None else _plain(gold_value))] += 1
        ks.attribute_hits += (
            same_actor(p_name, name)
            if p_name is not None and name is not None
            else (_plain(pred_value) == _plain(gold_value))
        )


def kinds_in(*records: Iterable[ArticleRecord]) -> tuple[str, ...]:
    """Every kind name the records hold, in order of first appearance."""
    return tuple(dict.fromkeys(k for recs in records for r in recs for k in r.items))


def score(
    pred: Iterable[ArticleRecord], gold: Iterable[ArticleRecord], kinds: tuple[str, ...] | None = None
) -> Score:
    """P/R/F1 per kind (strict, lenient, span-only), attribute accuracies and grounding rate.

    ``kinds`` limits scoring to what the gold annotates (PolNeAR: quotes; SEESAW: positions); by
    default every kind the gold or the predictions hold is scored.
    """
    preds, golds = list(pred), list(gold)
    by_hash = {r.text_sha256: r for r in preds}
    by_id = {r.article_id: r for r in by_hash.values()}
    names = kinds if kinds is not None else kinds_in(golds, preds)
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
            p = ArticleRecord(article_id=g.article_id, source="", text_sha256="", model="", strategy="",
                              prompt_version="")  # fmt: skip
        out.kept += sum(p.counts().values())
        out.dropped += p.usage.dropped
        for kind in names:
            ps, gs = p.of(kind), g.of(kind)
            ks = out.kinds[kind]
            ks.strict.add(match(ps, gs, partial(fields_agree, kind, lenient=False), True)[0])
            ks.lenient.add(match(ps, gs, partial(fields_agree, kind, lenient=True), False)[0])
            span, pairs = match(ps, gs, lambda a, b: True, False)
            ks.span.add(span)
            _attribute_checks(kind, pairs, gs, ks)
    out.unmatched_predictions = [r.article_id for r in by_hash.values() if r.text_sha256 not in used]
    return out
