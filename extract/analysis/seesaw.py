"""SEESAW's view of positions: (holder, target) pairs per sentence, and the stance on each pair.

SEESAW annotates every sentence's stances as subject -> object with normalised entity names, not
spans, so positions are compared sentence by sentence: a predicted pair matches a gold pair of the
same sentence when both the holder and the target name the same actor or issue. Names are
grouped per article by the toolkit's alias resolution (merge's :class:`ActorIndex`: 'Obama' =
'Barack Obama', 'U.S.' = 'United States') and then compared by their words, titles, plurals and
possessives dropped, short given names folded ('Republicans' = 'Republican Party', 'Mr. Gowdy' =
'Trey Gowdy', 'Dick Durbin' = 'Richard J. Durbin'); two topics agree by a shared content word.

SEESAW's annotators list an article's entities first and annotate the stances that involve one
of them ('Not in the list' for the other side): a predicted pair between two names the article's
gold never uses is outside the annotation, counted apart (``unlisted_pairs``) and not as extra.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from extract.analysis.corpora import AUTHOR, UNLISTED_NAME
from extract.analysis.matching import PRF
from extract.analysis.merge import ActorIndex
from extract.analysis.names import content_words, given_names_folded
from extract.schemas import ArticleRecord, Position, Stance

UNLISTED = frozenset({UNLISTED_NAME})
# 'Republican Party' is the party's members ('Republicans'); SEESAW names parties in full, and
# 'Democratic Party' is its 'Democrats' as 'Republican Party' is its 'Republicans', and 'GOP
# lawmakers' are Republican ones (merge's aliases group 'GOP' alone, not inside a longer name).
_PARTY = {"party"}
_MEMBERS = {"democratic": "democrat", "gop": "republican"}


def _words(name: str) -> frozenset[str]:
    """A name's identifying words: initials dropped ('V. Putin' is 'Vladimir Putin', as 'Richard
    J. Durbin' is 'Dick Durbin'), short given names and party adjectives folded."""
    words = given_names_folded(content_words(name)) - _PARTY
    return frozenset(_MEMBERS.get(w, w) for w in words if len(w) > 1 or w.isdigit())


_MARKS = {AUTHOR, UNLISTED_NAME}


def _key(name: str) -> frozenset[str]:
    if name in _MARKS:
        return frozenset({name})
    return _words(name) or frozenset({name.strip().lower()})


def same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name's words contain the other's ('Clinton' ~ 'Hillary Rodham Clinton')."""
    return bool(a and b) and (a <= b or b <= a)


def agrees(pred: frozenset[str], gold: frozenset[str], listed: list[frozenset[str]]) -> bool:
    """A gold name SEESAW left out of the article's entity list is any name that is not listed."""
    if gold == UNLISTED:
        return not any(same_name(pred, n) for n in listed)
    return same_name(pred, gold)


def _listed(words: frozenset[str], issue: bool, listed: list[frozenset[str]]) -> bool:
    """Whether a name is one of the article's listed entities (a topic: shares a word with one)."""
    return any(same_name(words, n) or (issue and bool(words & n)) for n in listed)


class Pair(NamedTuple):
    """A sentence's (holder, target) as words; ``issue`` when the target is a topic, not an actor."""

    holder: frozenset[str]
    target: frozenset[str]
    issue: bool


def _matches(pred: Pair, gold: Pair, listed: list[frozenset[str]]) -> bool:
    """Holder and target name the same actors; two topics agree when they share a content word.

    SEESAW names a topic by a label of its annotators' own ('Hyde language' for the sentence's
    'expansion of the Hyde Amendment'), kept for the whole article, not by the sentence's words:
    one wording containing the other would ask the rules to guess the label.
    """
    if not agrees(pred.holder, gold.holder, listed):
        return False
    if pred.issue and gold.issue:
        return bool(pred.target & gold.target)
    return agrees(pred.target, gold.target, listed)


@dataclass
class PairScore:
    """Pair detection per sentence, stance accuracy on matched pairs, and the majority baseline."""

    pairs: PRF = field(default_factory=PRF)
    sentences: PRF = field(default_factory=PRF)  # sentences with any stance, pairs aside
    author_pairs: int = 0  # gold stances of the article itself (no holder): counted as misses
    unlisted_pairs: int = 0  # predicted pairs of two names SEESAW did not list: not scored
    matched_stances: Counter[tuple[str, str]] = field(default_factory=Counter)  # (predicted, gold)
    articles: int = 0

    @property
    def stance_accuracy(self) -> float:
        n = sum(self.matched_stances.values())
        return sum(c for (p, g), c in self.matched_stances.items() if p == g) / n if n else 0.0

    @property
    def majority(self) -> tuple[str, float]:
        """The most common gold stance on matched pairs and the accuracy of always saying it."""
        gold = Counter[str]()
        for (_, g), c in self.matched_stances.items():
            gold[g] += c
        if not gold:
            return "–", 0.0
        value, count = gold.most_common(1)[0]
        return value, count / sum(gold.values())

    @property
    def recall_named(self) -> float:
        """Recall over gold pairs that have a holder (the article's own stances left out)."""
        named = self.pairs.tp + self.pairs.fn - self.author_pairs
        return self.pairs.tp / named if named else 0.0

    @property
    def precision_unlisted_counted(self) -> float:
        """Pair precision with the pairs between two unlisted names counted as extra."""
        found = self.pairs.tp + self.pairs.fp + self.unlisted_pairs
        return self.pairs.tp / found if found else 0.0

    def as_dict(self) -> dict[str, Any]:
        value, share = self.majority
        return {
            "articles": self.articles,
            "pairs": self.pairs.as_dict(),
            "pairs_recall_named_holders": self.recall_named,
            "author_pairs": self.author_pairs,
            "unlisted_pairs": self.unlisted_pairs,
            "pairs_precision_unlisted_counted": self.precision_unlisted_counted,
            "sentences": self.sentences.as_dict(),
            "stance_accuracy": self.stance_accuracy,
            "stance_majority": {"value": value, "accuracy": share},
            "matched": sum(self.matched_stances.values()),
        }

    def lines(self) -> list[str]:
        value, share = self.majority
        p, s = self.pairs, self.sentences
        return [
            f"(holder, target) pairs per sentence: P {p.precision:.2f}  R {p.recall:.2f}  F1 {p.f1:.2f}"
            f"  ({p.tp} matched, {p.fp} extra, {p.fn} missed; R {self.recall_named:.2f} without the"
            f" {self.author_pairs} stances of the article itself)",
            f"  {self.unlisted_pairs} pairs between names SEESAW did not list, not scored"
            f" (P {self.precision_unlisted_counted:.2f} counting them as extra)",
            f"sentences with a stance: P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}",
            f"stance on matched pairs: accuracy {self.stance_accuracy:.2f}"
            f"  (majority '{value}' {share:.2f}, {sum(self.matched_stances.values())} pairs)",
        ]


def _pair(p: Position, names: ActorIndex) -> Pair:
    """A position's (holder, target) as words after alias grouping."""
    holder = _key(p.holder.name if p.holder.name in _MARKS else names.label(p.holder.name))
    issue = p.target.kind == "issue"
    target = _key(p.target.name if issue else names.label(p.target.name))
    return Pair(holder, target, issue and p.target.name not in _MARKS)


def _pairs(items: Iterable[Position], names: ActorIndex) -> dict[int, dict[Pair, Stance]]:
    """Each sentence's pairs (by the sentence's start), names as words after alias grouping."""
    out: dict[int, dict[Pair, Stance]] = defaultdict(dict)
    for p in items:
        out[p.start].setdefault(_pair(p, names), p.stance)
    return out


def _sentence_of(spans: list[tuple[int, int]], at: int) -> int:
    """The start of the gold sentence holding offset ``at``, else ``at`` (a sentence with no gold)."""
    n = bisect_right([e for _, e in spans], at)
    return spans[n][0] if n < len(spans) and spans[n][0] <= at else at


Placed = tuple[int, Pair]  # a pair in the sentence starting at that offset


@dataclass
class Judged:
    """One article's pairs as the scorer reads them, each filed under its gold sentence."""

    names: ActorIndex
    spans: list[tuple[int, int]]
    gold: dict[int, dict[Pair, Stance]]  # the gold pairs by sentence start
    listed: list[frozenset[str]]  # the names the article's gold uses
    matched: dict[Placed, tuple[Pair, Stance, Stance]] = field(default_factory=dict)  # gold, stances
    extra: set[Placed] = field(default_factory=set)
    unlisted: set[Placed] = field(default_factory=set)  # two names the gold never uses: not scored
    missed: list[Placed] = field(default_factory=list)
    gold_sentences: set[int] = field(default_factory=set)
    pred_sentences: set[int] = field(default_factory=set)

    def place(self, p: Position) -> Placed:
        """Where a predicted position is scored: its gold sentence and its pair."""
        return _sentence_of(self.spans, p.start), _pair(p, self.names)

    def words(self, name: str) -> frozenset[str]:
        """An actor's name as the pairs compare it (its alias group's label where it has one)."""
        try:
            return _key(self.names.label(name))
        except KeyError:  # a name no position of the article uses
            return _key(name)

    def outcome(self, p: Position) -> str:
        """'matched', 'extra' or 'unlisted' for a predicted position (its pair's)."""
        at = self.place(p)
        return "matched" if at in self.matched else "unlisted" if at in self.unlisted else "extra"


def judge(preds: list[Position], golds: list[Position], article_id: str) -> Judged:
    """One article's predicted pairs against its gold, sentence by sentence (see the module)."""
    names = ActorIndex()
    for p in [*golds, *preds]:
        names.add(p.holder.name, p.holder.kind, article_id)
        if p.target.kind != "issue":
            names.add(p.target.name, p.target.kind, article_id)
    names.resolve()
    gold_pairs = _pairs(golds, names)
    listed = list({k for found in gold_pairs.values() for p in found for k in p[:2]} - {UNLISTED})
    # A prediction's evidence is a line of a gold sentence: file it under that sentence.
    out = Judged(names, sorted({(g.start, g.end) for g in golds}), gold_pairs, listed)
    pred_pairs: dict[int, dict[Pair, Stance]] = defaultdict(dict)
    for p in preds:
        start, key = out.place(p)
        pred_pairs[start].setdefault(key, p.stance)
    out.gold_sentences = {s for s, found in gold_pairs.items() if found}
    out.pred_sentences = {s for s, found in pred_pairs.items() if found}
    for start in set(gold_pairs) | set(pred_pairs):
        g_here, p_here = gold_pairs.get(start, {}), pred_pairs.get(start, {})
        used: set[Pair] = set()
        for g_pair, g_stance in g_here.items():
            hit = next((k for k in p_here if k not in used and _matches(k, g_pair, listed)), None)
            if hit is None:
                out.missed.append((start, g_pair))
                continue
            used.add(hit)
            out.matched[start, hit] = (g_pair, p_here[hit], g_stance)
        for k in p_here:
            if k in used:
                continue
            # SEESAW annotates stances that involve an entity of its list (none of 3,840 train
            # pairs is between two unlisted names): such a pair is outside what it annotates.
            if not (_listed(k.holder, False, listed) or _listed(k.target, k.issue, listed)):
                out.unlisted.add((start, k))
            else:
                out.extra.add((start, k))
    return out


def score_pairs(preds: Iterable[ArticleRecord], golds: Iterable[ArticleRecord]) -> PairScore:
    """Score predicted positions against SEESAW's gold, sentence by sentence (see the module)."""
    by_hash = {r.text_sha256: r for r in preds}
    out = PairScore()
    for gold in golds:
        out.articles += 1
        pred = by_hash.get(gold.text_sha256)
        j = judge(pred.of(Position) if pred is not None else [], gold.of(Position), gold.article_id)
        out.sentences.tp += len(j.gold_sentences & j.pred_sentences)
        out.sentences.fp += len(j.pred_sentences - j.gold_sentences)
        out.sentences.fn += len(j.gold_sentences - j.pred_sentences)
        out.pairs.tp += len(j.matched)
        out.pairs.fp += len(j.extra)
        out.pairs.fn += len(j.missed)
        out.unlisted_pairs += len(j.unlisted)
        out.author_pairs += sum(g.holder == frozenset({AUTHOR}) for _, g in j.missed)
        for _, predicted, wanted in j.matched.values():
            out.matched_stances[(predicted.value, wanted.value)] += 1
    return out


# Corpora whose gold is scored beyond the generic per-item match, by corpus name.
CORPUS_SCORERS = {"seesaw": score_pairs}
