"""Quality of the offline default (or any endpoint) on the seeds' gold and on public corpora.

Usage: python benchmarks/quality.py [--strategies hybrid,whole] [--polnear 20] [--seesaw 0]
       [--base-url URL --model NAME]
Prints one table: per strategy and data set, per kind lenient P/R/F1 and strict F1, attribute
accuracy, wall seconds per article and tokens per article. A fresh cache by default, so times are
cold (--cache-dir to reuse one). Corpora are skipped when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import islice
from pathlib import Path

from extract import Extractor, load_articles
from extract.corpora import CORPORA, CORPUS_KINDS, DEFAULT_CORPORA
from extract.evaluate import ATTRIBUTE, KINDS, score
from extract.load import Article
from schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent


def seeds() -> list[tuple[Article, ArticleRecord]]:
    golds = {
        g.text_sha256: g
        for g in (
            ArticleRecord.model_validate_json(p.read_text()) for p in (ROOT / "tests/gold").glob("*.json")
        )
    }
    return [(a, golds[a.sha256]) for a in load_articles([str(ROOT / "seeds")]) if isinstance(a, Article)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--strategies", default="hybrid")
    ap.add_argument("--polnear", type=int, default=20, help="PolNeAR dev articles (0: none)")
    ap.add_argument("--seesaw", type=int, default=0, help="SEESAW articles (0: none)")
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    ap.add_argument("--cache-dir", help="reuse a cache (default: a fresh one, so times are cold)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    cache_dir = args.cache_dir or tmp.name

    datasets: list[tuple[str, list[tuple[Article, ArticleRecord]], tuple[str, ...]]] = [
        ("seeds", seeds(), KINDS)
    ]
    for name, limit in (("polnear", args.polnear), ("seesaw", args.seesaw)):
        root = DEFAULT_CORPORA / name
        if limit and root.is_dir():
            datasets.append((name, list(islice(CORPORA[name](root), limit)), CORPUS_KINDS[name]))
        elif limit:
            print(f"skipped {name}: {root} is absent")

    header = f"{'strategy':<11}{'data':<9}{'kind':<10}{'P':>6}{'R':>6}{'F1':>6}{'strict F1':>11}"
    header += f"  {'attribute':<24}"
    rows = [header + f"{'s/article':>10}{'tokens/article':>15}", "-" * (len(header) + 25)]
    for strategy in args.strategies.split(","):
        with Extractor(
            base_url=args.base_url, model=args.model, strategy=strategy, cache_dir=cache_dir
        ) as ex:
            for name, pairs, kinds in datasets:
                started = time.perf_counter()
                preds = [r for r in ex.batch(a for a, _ in pairs) if isinstance(r, ArticleRecord)]
                wall = time.perf_counter() - started
                secs = wall / max(1, len(pairs))
                toks = sum(r.usage.prompt_tokens + r.usage.completion_tokens for r in preds) / max(
                    1, len(preds)
                )
                result = score(preds, [g for _, g in pairs], kinds)
                for kind, ks in result.kinds.items():
                    le = ks.lenient
                    rows.append(
                        f"{strategy:<11}{name:<9}{kind:<10}{le.precision:6.2f}{le.recall:6.2f}{le.f1:6.2f}"
                        f"{ks.strict.f1:11.2f}  {ATTRIBUTE[kind] + f' {ks.attribute_accuracy:.2f}':<24}"
                        f"{secs:10.1f}{toks:15.0f}"
                    )
                print(
                    f"[{strategy} / {name}: {len(preds)}/{len(pairs)} articles in {wall:.1f}s wall]",
                    flush=True,
                )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
