"""Distillation on PolNeAR quotes: a teacher (by default the embedded model's default strategy)
makes silver records of the first N PolNeAR train articles, `extract train` learns from them, and
the student runs on dev at parse speed.

Usage: python benchmarks/distil.py [--teacher-strategy STRATEGY] [--train 100] [--dev 84]
           [--silver FILE] [--models DIR] [--teacher-dev] [--cache-dir DIR]
(a) the teacher runs on the first --train train articles (the embedded model starts unless
    --teacher-strategy needs none, e.g. `rules`), its records written to --silver (default: a
    temporary file; an existing --silver file is reused, so the teacher's part runs once);
(b) `extract.train` learns the quotes from that silver (the student);
(c) the student, and for reference the rules and a model trained on the same articles' gold,
    run on the first --dev dev articles.
Prints, per row: content exact F1, content overlap F1, source overlap F1, lenient F1 with speaker,
CPU seconds per article (wall seconds for the teacher: the model runs in its own process). The
teacher is scored against the gold of the articles it ran on (train articles), the others on dev;
--teacher-dev also runs the teacher on dev (slow with a model). Skipped when ../shared/corpora is
absent. Nothing trained here is kept unless --models is given.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_curve import HEADER, row, run, start

from extract import Extractor
from extract.analysis.corpora import polnear
from extract.inputs.load import Article
from extract.schemas import ArticleRecord
from extract.training.data import read_data, write_review
from extract.training.train import train

SCHEMA = ("news:quotes",)


def teach(articles: list[Article], silver: Path, **options: object) -> float:
    """The teacher's records of ``articles`` into ``silver`` as a review file (each with its
    article's text: `extract train` reads it as it is); wall seconds per article."""
    with Extractor(schema=SCHEMA, **options) as ex:  # type: ignore[arg-type]
        ex.extract(Article("warm-up", "<warm-up>", "He said it would rain."))  # the parser, the model
        started = time.perf_counter()
        records = [ex.extract(a) for a in articles]
    secs = (time.perf_counter() - started) / max(1, len(articles))
    write_review(records, silver, {a.sha256: a.text for a in articles})
    return secs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher-strategy", help="the teacher's strategy (default: the backend's default)")
    ap.add_argument("--train", type=int, default=100, help="PolNeAR train articles the teacher labels")
    ap.add_argument("--dev", type=int, default=84, help="PolNeAR dev articles the student is scored on")
    ap.add_argument("--silver", help="the teacher's records (reused if the file exists)")
    ap.add_argument("--models", help="keep the model folders here")
    ap.add_argument("--cache-dir", help="the teacher's record cache (default: none)")
    ap.add_argument("--teacher-dev", action="store_true", help="also run the teacher on dev")
    args = ap.parse_args()
    if (begun := start(args.models)) is None:
        return
    root, work, _tmp = begun
    taught = list(islice(polnear(root, "train"), args.train))
    dev = list(islice(polnear(root, "dev"), args.dev))
    teacher = {"strategy": args.teacher_strategy, "cache_dir": args.cache_dir}
    silver = Path(args.silver) if args.silver else work / "silver.jsonl"
    print(f"PolNeAR quotes: teacher on the first {len(taught)} train articles, student scored on "
          f"{len(dev)} dev articles (F1)")  # fmt: skip
    print(HEADER)
    texts = {a.sha256: a.text for a, _ in [*taught, *dev]}
    if silver.is_file():
        print(f"(the teacher's records: {silver}, reused)")
        teacher_secs = float("nan")
    else:
        teacher_secs = teach([a for a, _ in taught], silver, **teacher)
    pairs = read_data([silver])
    label = args.teacher_strategy or "default strategy"
    by_hash = {r.text_sha256: r for _, r in pairs}
    silver_records = [by_hash[a.sha256] for a, _ in taught]
    print(row(f"teacher ({label}), on its train articles", silver_records, [g for _, g in taught], texts,
              teacher_secs), flush=True)  # fmt: skip
    started, cpu = time.perf_counter(), time.process_time()
    student = train([silver], work / "student", schema=SCHEMA, dev=[])
    took = f"   (training {time.perf_counter() - started:.0f} s wall, {time.process_time() - cpu:.0f} s CPU)"
    dev_articles, dev_gold = [a for a, _ in dev], [g for _, g in dev]
    records, secs = run(dev_articles, trained=student.folder, strategy="trained")
    print(
        row(f"student on {student.train_articles} silver", records, dev_gold, texts, secs) + took, flush=True
    )
    records, secs = run(dev_articles, trained=student.folder, strategy="rules+trained")
    print(row("rules + student", records, dev_gold, texts, secs), flush=True)
    records, secs = run(dev_articles, strategy="rules")
    print(row("rules", records, dev_gold, texts, secs), flush=True)
    gold_model = train([], work / "gold", schema=SCHEMA, corpus="polnear", dev=[], limit=len(taught))
    records, secs = run(dev_articles, trained=gold_model.folder, strategy="trained")
    print(row("trained on their gold", records, dev_gold, texts, secs), flush=True)
    if args.teacher_dev:
        records_t: list[ArticleRecord]
        started = time.perf_counter()
        with Extractor(schema=SCHEMA, **teacher) as ex:  # type: ignore[arg-type]
            records_t = [ex.extract(a) for a in dev_articles]
        wall = (time.perf_counter() - started) / max(1, len(dev_articles))
        print(row(f"teacher ({label}) on dev", records_t, dev_gold, texts, wall), flush=True)


if __name__ == "__main__":
    main()
