"""Speaker resolution on the hand antecedents: the seeds' and those of PolNeAR train articles.

Usage: python benchmarks/resolution.py [--strategy rules] [--base-url URL --model NAME] [--show]

Runs the strategy (the rules by default; no model) over the seeds and over the PolNeAR train
articles that benchmarks/data/polnear_antecedents*.jsonl annotate (``_check``: annotated after
the resolver's rules were written, never developed on), and prints, for each, how
often a quote whose source is a pronoun or a description gets the annotated named actor (among
the annotated sources whose quote the run found), with ``--show`` the wrong ones. The guideline
is in tests/gold/README.md. The PolNeAR part is skipped when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import Extractor, load_articles
from extract.analysis.corpora import DEFAULT_CORPORA
from extract.analysis.resolution import load_antecedents, resolution
from extract.inputs.load import Article
from extract.schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
PARTS = {
    "seeds": (ROOT / "tests/gold/antecedents.jsonl", ROOT / "seeds"),
    "polnear train": (
        ROOT / "benchmarks/data/polnear_antecedents.jsonl",
        DEFAULT_CORPORA / "polnear/train/text",
    ),
    # Annotated after the resolver's rules were written against the part above: the fair check.
    "polnear train, check": (
        ROOT / "benchmarks/data/polnear_antecedents_check.jsonl",
        DEFAULT_CORPORA / "polnear/train/text",
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--strategy", default="rules")
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    ap.add_argument("--show", action="store_true", help="print the wrongly resolved sources")
    args = ap.parse_args()
    with Extractor(strategy=args.strategy, base_url=args.base_url, model=args.model, cache_dir=None) as ex:
        for name, (gold_path, folder) in PARTS.items():
            if not folder.is_dir():
                print(f"skipped {name}: {folder} is absent")
                continue
            gold = load_antecedents(gold_path)
            wanted = {a.article for a in gold}
            articles = [
                a
                for a in load_articles([str(folder / f"{stem}.txt") for stem in sorted(wanted)])
                if isinstance(a, Article)
            ]
            preds = [r for r in ex.batch(articles) if isinstance(r, ArticleRecord)]
            got = resolution(preds, gold)
            print(f"{args.strategy} / {name} ({len(articles)} articles): {got.note()}")
            for article, mention, antecedent, said in got.wrong if args.show else []:
                print(f"  {article}: {mention!r} is {antecedent!r}, said {said!r}")


if __name__ == "__main__":
    main()
