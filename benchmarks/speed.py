"""Speed near the limit, side by side in one run on the same texts.

Usage: python benchmarks/speed.py [--articles 40] [--split dev|train] [--model-articles 2]
       [--local-model qwen2.5-1.5b] [--skip-model] [--peer] [--trained models/NAME]

Rules: bare spaCy (``nlp.pipe``, one process, model loaded beforehand) against ``--strategy
rules`` at 1 and 2 workers (worker processes, whose start-up and model loading are timed), on
PolNeAR dev articles (the seeds when the corpus is absent), with no cache. With ``--trained`` (a
folder from ``extract train`` on the news quotes), the trained strategies' CPU seconds per article
against ``--strategy rules``'s, in this process, as a ratio.
Model path (``hybrid+paragraph``, and ``paragraph`` over quotes, on the seeds, embedded server, cold answer
cache): wall time against the time the server itself reports spending on prompts and generation
(the rest is overhead: HTTP, validation, grounding, the rules), and prompt tokens sent against
those the server evaluated (the rest came from its prefix cache); with ``--peer``, langextract
with the same model and server on the same articles, when installed. Ratios are within this one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import Extractor, extract_batch, load_articles
from extract.analysis.corpora import DEFAULT_CORPORA, polnear
from extract.inputs.load import Article
from extract.providers.base import Endpoint
from extract.providers.embedded import Embedded, local_server
from extract.rules.parse import nlp
from extract.schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent


def texts(limit: int, split: str) -> tuple[str, list[Article]]:
    root = DEFAULT_CORPORA / "polnear"
    if root.is_dir():
        return f"PolNeAR {split} ({limit})", [a for a, _ in islice(polnear(root, split), limit)]
    found = [a for a in load_articles([str(ROOT / "seeds")]) if isinstance(a, Article)]
    return f"seeds ({len(found)}; PolNeAR absent)", found


def rules_rows(articles: list[Article]) -> list[str]:
    nlp()("Warm up.")  # the model loads once per process, outside every clock here
    started = time.perf_counter()
    for _ in nlp().pipe(a.text for a in articles):
        pass
    bare = time.perf_counter() - started
    rows = [f"{'bare spaCy nlp.pipe, 1 process':<44}{bare:8.1f} s{'1.00x':>9}"]
    one = 0.0
    for workers in (1, 2):
        started = time.perf_counter()
        done = list(extract_batch(articles, strategy="rules", workers=workers, cache_dir=None))
        wall = time.perf_counter() - started
        assert all(isinstance(r, ArticleRecord) for r in done), "an article failed"
        one = one or wall
        rows.append(
            f"{f'rules strategy, {workers} worker(s)':<44}{wall:8.1f} s{bare / wall:8.2f}x"
            f"   ({one / wall:.2f}x of 1 worker)"
        )
    return rows


def trained_rows(articles: list[Article], folder: Path) -> list[str]:
    """CPU seconds per article of ``--strategy rules`` and of the trained strategies over
    ``folder``, one after the other in this process (CPU time: the cores are shared)."""
    from benchmarks.train_curve import run

    _, rules = run(articles, strategy="rules")
    rows = [f"{'rules strategy, in process':<44}{rules:8.3f} CPU s/article   1.00x"]
    for strategy in ("trained", "rules+trained"):
        _, secs = run(articles, trained=folder, strategy=strategy)
        rows.append(f"{f'{strategy} strategy, in process':<44}{secs:8.3f} CPU s/article {secs / rules:6.2f}x")
    return rows


def model_rows(articles: list[Article], local_model: str, peer: bool) -> list[str]:
    rows = []
    # The paragraph pass over quotes alone: over every kind it takes ~8 minutes per seed article.
    for strategy, schema in (("hybrid+paragraph", "news"), ("paragraph", "news:quotes")):
        options: dict[str, Any] = {"strategy": strategy, "local_model": local_model, "schema": (schema,)}
        with tempfile.TemporaryDirectory() as cache, Extractor(cache_dir=Path(cache), **options) as ex:
            embedded = local_server(ex.provider)
            assert embedded is not None, "the model rows need the embedded server"
            embedded.start()  # started before the clock: start-up is not per-article cost
            before = embedded.stats()
            started = time.perf_counter()
            records = [r for r in ex.batch(articles) if isinstance(r, ArticleRecord)]
            wall = time.perf_counter() - started
            used = embedded.stats().since(before)
            sent = sum(r.usage.prompt_tokens for r in records)
            rows.append(
                f"{f'{strategy} ({schema})':<30}{wall / len(articles):6.1f} s/article"
                f"  server busy {used.busy_s / wall:5.0%}  overhead {1 - used.busy_s / wall:5.0%}"
                f"  prompt tokens sent {sent:>6}, evaluated {used.evaluated:>6}"
                f"  (prefix cache {used.reuse_share:.0%})"
            )
    if not peer:
        return rows
    if importlib.util.find_spec("langextract") is None:
        return [*rows, "langextract: not installed (pip install -e '.[bench]')"]
    from benchmarks.langextract_peer import run_langextract

    with Embedded(local_model, Endpoint("", ""), log_dir=Path(tempfile.mkdtemp())).server as server:
        started = time.perf_counter()
        for a in articles:
            try:
                run_langextract(a, server.base_url, local_model)
            except Exception as exc:  # the peer's failure is reported, not fatal to the table
                print(f"langextract failed on {a.source}: {str(exc)[:200]}")
        wall = time.perf_counter() - started
    rows.append(f"{'langextract':<18}{wall / len(articles):8.1f} s/article (same model and server)")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--split", default="dev", help="PolNeAR dev, or train for larger batches")
    ap.add_argument("--model-articles", type=int, default=2, help="seeds for the model rows")
    ap.add_argument("--local-model", default="qwen2.5-1.5b")
    ap.add_argument("--skip-model", action="store_true")
    ap.add_argument("--peer", action="store_true", help="also langextract (about 2 minutes per article)")
    ap.add_argument("--trained", type=Path, help="a trained quotes folder: its strategies against rules")
    args = ap.parse_args()
    name, articles = texts(args.articles, args.split)
    chars = sum(len(a.text) for a in articles)
    print(f"rules on {name}, {chars:,} characters")
    print("\n".join(rules_rows(articles)), flush=True)
    if args.trained is not None:
        print("\n".join(trained_rows(articles, args.trained)), flush=True)
    if not args.skip_model:
        seeds = [a for a in load_articles([str(ROOT / "seeds")]) if isinstance(a, Article)]
        print(f"model path on the seeds ({args.local_model})")
        print("\n".join(model_rows(seeds[: args.model_articles], args.local_model, args.peer)))


if __name__ == "__main__":
    main()
