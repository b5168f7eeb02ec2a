"""Batch throughput against the scripted OpenAI-compatible fake with a fixed latency.

Usage: python benchmarks/throughput.py [--articles 500] [--latency 0.2] [--workers 1 4 16 64]

The fake runs in its own process (it must not share this one's GIL). Each synthetic article
costs one model call (strategy `whole`), so the ideal rate is workers / latency. Prints
articles/s per worker count, the ratio to ideal, the cached re-run, and peak memory.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import Article, Extractor  # noqa: E402
from extract.schemas import ArticleRecord  # noqa: E402
from tests.fake_openai import FakeOpenAI  # noqa: E402
from tests.test_batch import echo_quote  # noqa: E402


def serve(latency: float, urls: Any) -> None:
    with FakeOpenAI(echo_quote, latency=latency) as fake:
        urls.put(fake.base_url)
        fake.thread.join()


def articles(n: int) -> list[Article]:
    text = 'Article {}. Kerry said it was "talk number {}".'
    return [Article(f"a{i}", f"a{i}.txt", text.format(i, i)) for i in range(n)]


def timed_batch(base_url: str, batch: list[Article], workers: int, cache: Path) -> tuple[float, int]:
    with Extractor(base_url=base_url, model="fake", strategy="whole", cache_dir=cache, workers=workers) as ex:
        started = time.perf_counter()
        done = sum(isinstance(r, ArticleRecord) and len(r.quotes) == 1 for r in ex.batch(batch))
        return time.perf_counter() - started, done


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4, 16, 64])
    opts = parser.parse_args()
    urls: Any = mp.Queue()
    server = mp.Process(target=serve, args=(opts.latency, urls), daemon=True)
    server.start()
    base_url = urls.get(timeout=30)
    batch = articles(opts.articles)
    print(f"{opts.articles} articles, {opts.latency * 1000:.0f} ms per request, one request per article")
    print(f"{'workers':>8} {'seconds':>9} {'articles/s':>11} {'ideal':>8} {'of ideal':>9} {'peak MiB':>9}")
    cold: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        timed_batch(base_url, batch[:2], 2, Path(tmp) / "warm-up")  # imports openai and instructor
        for workers in opts.workers:
            cache = Path(tmp) / f"cache-{workers}"
            seconds, done = timed_batch(base_url, batch, workers, cache)
            if done != len(batch):
                sys.exit(f"only {done} of {len(batch)} articles came back right at {workers} workers")
            cold[workers] = seconds
            rate, ideal = len(batch) / seconds, workers / opts.latency
            row = f"{workers:>8} {seconds:>9.2f} {rate:>11.1f} {ideal:>8.1f} {rate / ideal:>8.0%}"
            print(f"{row} {peak_mib():>9.0f}")
        last = opts.workers[-1]
        cached, done = timed_batch(base_url, batch, last, Path(tmp) / f"cache-{last}")
        assert done == len(batch)
    print(f"cached re-run ({last} workers): {cached:.3f} s, {len(batch) / cached:.0f} articles/s")
    for workers, seconds in cold.items():
        print(f"  cold at {workers} workers / cached: {seconds / cached:.0f}x")
    print(f"peak memory (max RSS of this process): {peak_mib():.0f} MiB")
    server.terminate()


if __name__ == "__main__":
    main()
