"""What the rules' positions get wrong on SEESAW, by the reading that found them (the rules path).

Usage: python benchmarks/position_errors.py [--split train|valid] [--skip 0] [--limit 200]
       [--examples 3] [--rule "object of a verb"] [--misses]

Runs the rules' pre-pass over SEESAW articles, keeps the positions the rules path writes (a stance
decided per sentence by the lexicon and VADER, no model) with the reading that found each one
(``PositionCandidate.rule``), and scores them as ``extract eval --corpus seesaw`` does
(:func:`extract.analysis.seesaw.judge`). Per reading: matched, extra and unlisted pairs and its
precision; each extra pair sorted by class: a sentence SEESAW gave no stance; the holder right
but not the target; the target right but not the holder; the pair reversed; the target a topic
no gold topic of the sentence shares a word with; neither side. ``--misses`` sorts the gold pairs
the rules miss: the article's own stance; a holder the sentence does not name and that speaks
no quote there (SEESAW's inferences); and, the reachable ones, by what the rules made of the
sentence (nothing; the holder with another target; ...), with examples. Develop on train; valid
is the fair check. Skips when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.analysis.corpora import AUTHOR, DEFAULT_CORPORA, seesaw
from extract.analysis.seesaw import Judged, Pair, agrees, judge, same_name
from extract.rules.candidates import analyse
from extract.rules.news import RulesChooser, position_drafts
from extract.rules.positions import PositionCandidate
from extract.rules.stance import SUPPORT_VALENCE, VADER_CUTOFF, valence
from extract.schemas import Position


def extra_class(j: Judged, start: int, pair: Pair) -> str:
    """Why an extra pair is extra (see the module's docstring)."""
    golds = list(j.gold.get(start, {}))
    if not golds:
        return "sentence without stance"
    holder = [g for g in golds if agrees(pair.holder, g.holder, j.listed)]
    target = [
        g
        for g in golds
        if agrees(pair.target, g.target, j.listed) or (pair.issue and g.issue and pair.target & g.target)
    ]
    if any(
        agrees(pair.holder, g.target, j.listed) and agrees(pair.target, g.holder, j.listed) for g in golds
    ):
        return "reversed"
    if holder:
        return "topic, not the gold's" if pair.issue else "holder right, target wrong"
    if target:
        return "target right, holder wrong"
    return "neither side"


def _said(pair: Pair) -> str:
    return f"{' '.join(sorted(pair.holder))} -> {' '.join(sorted(pair.target))}"


def _share(matched: int, scored: int) -> str:
    return f"{matched} / {scored} (P {matched / max(1, scored):.2f})"


def stance_source(c: PositionCandidate) -> str:
    """What settled a kept position's stance: a word of the lexicon, or VADER's valence of the sentence."""
    if c.stance is not None:
        return "lexicon"
    score = abs(valence(c.sentence))
    return (
        "strong valence"
        if score >= SUPPORT_VALENCE
        else "valence"
        if score >= VADER_CUTOFF
        else "flat, spoken"
    )


def _named(words: frozenset[str], sentence: str) -> bool:
    said = {w.strip(".,;:'\"()").lower().removesuffix("'s") for w in sentence.split()}
    return bool(words) and any(w in said or w.rstrip("s") in said for w in words)


def miss_class(
    j: Judged, start: int, gold: Pair, sentence: str, speakers: list[frozenset[str]], preds: list[Pair]
) -> str:
    """What the rules made of a gold pair they missed (see the module's docstring)."""
    if gold.holder == frozenset({AUTHOR}):
        return "the article's own"
    spoke = any(same_name(s, gold.holder) for s in speakers)
    if not spoke and not _named(gold.holder, sentence):
        return "holder not named, no quote (inference)"
    how = ("quote speaker" if spoke else "named holder") + (", topic" if gold.issue else ", actor")
    if not preds:
        return f"{how}: nothing found"
    if any(agrees(p.holder, gold.holder, j.listed) for p in preds):
        return f"{how}: holder found, other target"
    if any(agrees(p.target, gold.target, j.listed) for p in preds):
        return f"{how}: target found, other holder"
    return f"{how}: other pairs only"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train")
    ap.add_argument("--skip", type=int, default=0, help="articles to skip first (a slice not studied yet)")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--rule", help="print examples of this reading only")
    ap.add_argument("--misses", action="store_true", help="sort the gold pairs missed")
    args = ap.parse_args()
    root = DEFAULT_CORPORA / "seesaw"
    if not root.is_dir():
        print(f"skipped: {root} is absent")
        return
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_source: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    misses: Counter[str] = Counter()
    miss_examples: dict[str, list[str]] = defaultdict(list)
    for article, gold in islice(seesaw(root, args.split), args.skip, args.skip + args.limit):
        found = analyse(article.text)
        kept: list[tuple[PositionCandidate, Position]] = [
            (c, Position(**d.model_dump(), start=c.start, end=c.start + len(c.sentence)))
            for c, d in position_drafts(found, RulesChooser())
        ]
        j = judge([p for _, p in kept], gold.of(Position), article.id)
        seen: set[tuple[int, Pair]] = set()
        for c, p in kept:
            at = j.place(p)
            if at in seen:
                continue  # the scorer counts a sentence's pair once
            seen.add(at)
            outcome = j.outcome(p)
            cls = extra_class(j, *at) if outcome == "extra" else outcome
            rule = c.rule.split("+")[0]
            by_rule[rule][cls] += 1
            by_source[rule, stance_source(c), "topic" if at[1].issue else "actor"][outcome] += 1
            if (args.rule in (None, rule)) and len(examples[rule, cls]) < args.examples:
                gold_here = "; ".join(
                    f"{' '.join(sorted(g.holder))} -> {' '.join(sorted(g.target))}"
                    for g in j.gold.get(at[0], {})
                )
                examples[rule, cls].append(
                    f"{p.holder.name} -> {p.target.name} [{c.cue}] | gold: {gold_here or '-'}"
                    f" | {c.sentence[:140]}"
                )
        if args.misses:
            preds_at: dict[int, list[Pair]] = defaultdict(list)
            for _, p in kept:
                s, pair = j.place(p)
                preds_at[s].append(pair)
            text = article.text
            ends = dict(j.spans)
            quotes = [(q.start, j.words(q.speaker.name)) for q in found.quotes if q.speaker is not None]
            for start, g in j.missed:
                end = ends.get(start, start)
                speakers = [words for at, words in quotes if start <= at < end]
                cls = miss_class(j, start, g, text[start:end], speakers, preds_at.get(start, []))
                misses[cls] += 1
                if len(miss_examples[cls]) < args.examples:
                    miss_examples[cls].append(f"{_said(g)} | {text[start:end][:160]}")
    total = Counter[str]()
    for rule, counts in sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values())):
        total.update(counts)
        scored = sum(counts.values()) - counts["unlisted"]
        print(
            f"\n{rule}: matched / scored {_share(counts['matched'], scored)}, {counts['unlisted']} unlisted"
        )
        for cls, n in counts.most_common():
            if cls in ("matched", "unlisted"):
                continue
            print(f"  {n:5d}  {cls}")
            for e in examples[rule, cls]:
                print(f"         {e}")
    scored = sum(total.values()) - total["unlisted"]
    print(f"\nall: matched / scored {_share(total['matched'], scored)}")
    print("\nby reading, what settled the stance and the target's kind: matched / scored (P)")
    for (rule, source, kind), counts in sorted(by_source.items()):
        scored = counts["matched"] + counts["extra"]
        print(f"  {rule:<18}{source:<16}{kind:<7}{_share(counts['matched'], scored)}")
    if args.misses:
        print(f"\nmissed gold pairs: {sum(misses.values())}")
        for cls, n in misses.most_common():
            print(f"  {n:5d}  {cls}")
            for e in miss_examples[cls]:
                print(f"         {e}")


if __name__ == "__main__":
    main()
