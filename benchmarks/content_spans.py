"""Where quote content spans end against PolNeAR's, by error class (the rules, or a trained model).

Usage: python benchmarks/content_spans.py [--split train|dev] [--limit 200] [--skip 0] [--examples 3]
       [--trained models/NAME --strategy rules+trained]

Runs ``--strategy rules`` (or the ``--strategy`` and ``--trained`` model given) over PolNeAR
articles, matches each predicted quote to the gold attribution it overlaps most (one to one),
and prints content exact and overlap P/R/F1 (spans
trimmed of quote marks, spaces and end punctuation, as ``extract eval`` scores them), then the
boundary errors of the matched pairs by side (start or end), by direction (the gold reaches
further, or the prediction does) and by the first word(s) of the difference, with counts and a
few examples; gold content split around its cue ("..., he said, ...") is counted apart.
Develop on train; dev is the fair check. Skips when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import Extractor
from extract.analysis.corpora import DEFAULT_CORPORA, polnear
from extract.analysis.matching import PRF, match, trimmed
from extract.inputs.load import Article
from extract.schemas import ArticleRecord, Quote


def discontinuous(root: Path, split: str, article: str) -> set[tuple[int, int]]:
    """The covering [start, end) of each gold Content span written in several parts."""
    anns = sorted((root / split / "attributions").glob(article + "*.ann"))
    out: set[tuple[int, int]] = set()
    for line in anns[0].read_text(encoding="utf-8").splitlines() if anns else []:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].startswith("Content ") and ";" in parts[1]:
            pieces = [tuple(map(int, p.split())) for p in parts[1].split(" ", 1)[1].split(";")]
            out.add((min(p[0] for p in pieces), max(p[1] for p in pieces)))
    return out


def _words(text: str, n: int = 2) -> str:
    """The first ``n`` words of a difference, lowercased: the class it falls in."""
    return " ".join(text.lower().split()[:n]) or repr(text)


def rules_over_polnear(
    top: int, top_help: str
) -> tuple[argparse.Namespace, Path, list[tuple[Article, ArticleRecord]], dict[str, ArticleRecord]] | None:
    """The error studies' shared start: their arguments, the PolNeAR articles and gold chosen
    by them, and the rules' records by text hash (None, said, when the split is absent)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train", help="train (development) or dev (the fair check)")
    ap.add_argument("--limit", type=int, default=200, help="articles")
    ap.add_argument("--skip", type=int, default=0, help="articles to skip first")
    ap.add_argument("--examples", type=int, default=2, help="examples printed per class")
    ap.add_argument("--top", type=int, default=top, help=top_help)
    ap.add_argument("--trained", help="a model folder from `extract train` (then --strategy trained ...)")
    ap.add_argument("--strategy", default="rules", help="rules (default), trained or rules+trained")
    args = ap.parse_args()
    root = DEFAULT_CORPORA / "polnear"
    if not (root / args.split).is_dir():
        print(f"skipped: {root / args.split} is absent")
        return None
    pairs = list(islice(polnear(root, args.split), args.skip, args.skip + args.limit))
    trained = {"trained": args.trained} if args.trained else {}
    with Extractor(strategy=args.strategy, cache_dir=None, **trained) as ex:
        preds = {r.text_sha256: r for r in ex.batch(a for a, _ in pairs) if isinstance(r, ArticleRecord)}
    return args, root, pairs, preds


def main() -> None:
    started = rules_over_polnear(12, "classes printed per side and direction")
    if started is None:
        return
    args, root, pairs, preds = started

    exact, loose = PRF(), PRF()
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    split_gold = split_exact = 0
    for article, gold in pairs:
        record = preds.get(article.sha256)
        ps = record.of(Quote) if record is not None else []
        gs = gold.of(Quote)
        exact.add(match(ps, gs, lambda a, b: True, True)[0])
        prf, matched = match(ps, gs, lambda a, b: True, False)
        loose.add(prf)
        parted = discontinuous(root, args.split, article.id)
        text = article.text
        for p, g in matched:
            (ps_, pe), (gs_, ge) = trimmed(p), trimmed(g)
            if (g.start, g.end) in parted:
                split_gold += 1
                split_exact += (ps_, pe) == (gs_, ge)
            if (ps_, pe) == (gs_, ge):
                classes["exact"] += 1
                continue
            found = []
            if gs_ < ps_:
                found.append(f"start: gold also has  {_words(text[gs_:ps_])!r}")
            elif ps_ < gs_:
                found.append(f"start: pred also has  {_words(text[ps_:gs_])!r}")
            if pe < ge:
                found.append(f"end:   gold also has  {_words(text[pe:ge])!r}")
            elif ge < pe:
                found.append(f"end:   pred also has  {_words(text[ge:pe])!r}")
            for name in found:
                classes[name] += 1
                if len(examples[name]) < args.examples:
                    examples[name].append(f"gold {text[gs_:ge][:90]!r}\n          pred {text[ps_:pe][:90]!r}")

    print(f"PolNeAR {args.split}, articles {args.skip}..{args.skip + len(pairs)}, {args.strategy}")
    for label, s in (("content exact", exact), ("content overlap", loose)):
        print(
            f"{label:<16} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
            f"  (tp {s.tp} fp {s.fp} fn {s.fn})"
        )
    print(f"matched pairs {loose.tp}: exact {classes['exact']}")
    print(f"gold content in parts (split around its cue): {split_gold} matched, {split_exact} exact")
    for side in ("start: gold", "start: pred", "end:   gold", "end:   pred"):
        rows = [(n, c) for n, c in classes.most_common() if n.startswith(side)]
        print(f"\n{side} reaches further: {sum(c for _, c in rows)} pairs")
        for name, count in rows[: args.top]:
            print(f"  {count:5d}  {name}")
            for ex_ in examples[name]:
                print(f"          {ex_}")


if __name__ == "__main__":
    main()
