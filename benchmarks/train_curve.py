"""Learning curve of `extract train` on PolNeAR quotes: quality on dev after training on the first
25 / 100 / all train articles, beside the rules and ``--strategy rules+trained`` (the trained
items and the rules' items that overlap none of them); training time and run time per article.

Usage: python benchmarks/train_curve.py [--sizes 25,100,840] [--dev 84] [--models DIR] [--choices]
       python benchmarks/train_curve.py --sizes 300 --held-out 100   (scored on train articles: for
       studying errors without looking at dev)
Prints one row per approach: content exact F1, content overlap F1, speaker-on-source F1 (a
content match whose predicted speaker words overlap the gold source span), lenient F1 with
speaker, the per-part source overlap and cue exact F1 and the linked triples as ``extract eval``
scores them (docs/quality.md's table: each part's spans per article, one to one), and CPU seconds
per article (and the training's wall and CPU seconds). With --choices, also the trained
classifiers alone on gold spans (reading the rules' choices there, as they were trained to): PLOVER
type accuracy on the dev part of plover/train.csv, and SEESAW stance accuracy on valid's (holder,
object, sentence) triplets, each beside the majority value's share. The rules path only: no model runs.
Skipped when ../shared/corpora is absent. Nothing trained here is kept unless --models is given.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import Extractor
from extract.analysis.corpora import DEFAULT_CORPORA, plover, polnear, seesaw
from extract.analysis.evaluate import score
from extract.analysis.matching import PRF, match
from extract.analysis.spans import part_scores
from extract.inputs.load import Article
from extract.kinds import resolve
from extract.learned.model import TrainedModel, choose
from extract.learned.parts import choices_of, context_fields, nearest, overlapping, value_at, words_of
from extract.rules.parse import nlp
from extract.schemas import ArticleRecord
from extract.training.fit import rules_items
from extract.training.train import train

HEADER = (
    f"{'approach':<26} {'exact':>7} {'overlap':>8} {'spk-src':>7} {'lenient':>8} {'source':>7} "
    f"{'cue':>7} {'linked':>7}   CPU s/article"
)


def run(articles: list[Article], **options: object) -> tuple[list[ArticleRecord], float]:
    """Records of ``articles`` and the CPU seconds per article (the cores are shared: wall time
    says more of the neighbours than of the run)."""
    with Extractor(schema=("news:quotes",), cache_dir=None, **options) as ex:  # type: ignore[arg-type]
        ex.extract(Article("warm-up", "<warm-up>", "He said it would rain."))  # loads spaCy
        started = time.process_time()
        records = [ex.extract(a) for a in articles]
    return records, (time.process_time() - started) / max(1, len(articles))


def source_overlap(text: dict[str, str], pred: list[ArticleRecord], gold: list[ArticleRecord]) -> PRF:
    """Content matches whose predicted speaker words overlap the gold source span."""
    out = PRF()
    by_hash = {r.text_sha256: r for r in pred}
    for g in gold:
        p = by_hash[g.text_sha256]
        body = text[g.text_sha256]
        _, pairs = match(p.of("quotes"), g.of("quotes"), lambda a, b: True, False)
        hits = 0
        for pq, gq in pairs:
            ps = nearest(body, pq.speaker.name, pq.start, pq.end)
            gs = nearest(body, gq.speaker.name, gq.start, gq.end)
            hits += ps is not None and gs is not None and min(ps[1], gs[1]) > max(ps[0], gs[0])
        out.add(PRF(hits, len(p.of("quotes")) - hits, len(g.of("quotes")) - hits))
    return out


def row(
    name: str, pred: list[ArticleRecord], gold: list[ArticleRecord], text: dict[str, str], secs: float
) -> str:
    s = score(pred, gold, only=("quotes",)).kinds["quotes"]
    exact = PRF()
    for p, g in zip(pred, gold, strict=True):
        exact.add(match(p.of("quotes"), g.of("quotes"), lambda a, b: True, True)[0])
    src = source_overlap(text, pred, gold)
    ps = part_scores(pred, gold, ("quotes",))["quotes"]
    source = ps.parts.get("source", {}).get("overlap", PRF())
    cue = ps.parts.get("cue", {}).get("exact", PRF())
    return (f"{name:<26} {exact.f1:>7.3f} {s.span.f1:>8.3f} {src.f1:>7.3f} {s.lenient.f1:>8.3f}"
            f" {source.f1:>7.3f} {cue.f1:>7.3f} {ps.linked.f1:>7.3f}   {secs:>8.2f}")  # fmt: skip


def choice_accuracy(
    name: str, corpus: str, schema: str, field: str, train_split: str, dev_pairs: list, models: Path
) -> None:
    """A kind's trained ``field`` classifier on the gold spans of ``dev_pairs``, against the
    majority value of the training data."""
    started = time.perf_counter()
    made = train([], models / corpus, schema=(schema,), corpus=corpus, dev=[], split=train_split)
    fit_secs = time.perf_counter() - started
    kind = resolve((schema,))[0]
    model = TrainedModel(made.folder).of(kind)
    assert model is not None
    counts = json_counts(made.folder, kind.name, field)
    majority_value = max(counts, key=lambda v: counts[v])
    hits = majority = total = 0
    for article, gold in dev_pairs:
        doc = nlp()(article.text)
        rule_items = (rules_items(kind, article, doc) or []) if model.stacked else []
        for item in gold.of(kind.name):
            context = {f: w for f in context_fields(kind) if (w := words_of(value_at(item, (f,))))}
            want = getattr(value_at(item, (field,)), "value", value_at(item, (field,)))
            rules = choices_of(kind, overlapping(rule_items, item.start, item.end))
            got = choose(model, doc, (item.start, item.end), context, rules)[field]
            hits += got == want
            majority += want == majority_value
            total += 1
    print(
        f"{name}: {field} accuracy {hits / total:.3f} on {total} gold items "
        f"(majority '{majority_value}' {majority / total:.3f}; training {fit_secs:.0f} s)",
        flush=True,
    )


def json_counts(folder: Path, kind: str, field: str) -> dict[str, int]:
    import json

    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    return {json.loads(k): v for k, v in meta["kinds"][kind]["choices"][field].items()}


def start(models: str | None) -> tuple[Path, Path, tempfile.TemporaryDirectory[str]] | None:
    """PolNeAR's folder and where the trained models go (``models``, else a temporary folder
    kept alive by the third value); None, said in one line, when the corpus is absent."""
    root = DEFAULT_CORPORA / "polnear"
    if not root.is_dir():
        print(f"skipped: {root} is absent")
        return None
    tmp = tempfile.TemporaryDirectory()
    folder = Path(models or tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    return root, folder, tmp


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="25,100,840", help="training articles per point of the curve")
    ap.add_argument("--dev", type=int, default=84, help="PolNeAR dev articles scored")
    ap.add_argument("--held-out", type=int, default=0,
                    help="score on the last N PolNeAR train articles instead of dev (to study errors; "
                         "the sizes must leave them out)")  # fmt: skip
    ap.add_argument("--models", help="keep the model folders here")
    ap.add_argument("--choices", action="store_true", help="also PLOVER categories and SEESAW stances")
    args = ap.parse_args()
    if (begun := start(args.models)) is None:
        return
    root, models, _tmp = begun
    if args.held_out:
        dev = list(polnear(root, "train"))[-args.held_out :]
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes and max(sizes) > 840 - args.held_out:
            raise SystemExit(f"--sizes up to {840 - args.held_out} leave the last {args.held_out} out")
    else:
        dev = list(islice(polnear(root, "dev"), args.dev))
    articles, gold = [a for a, _ in dev], [g for _, g in dev]
    text = {a.sha256: a.text for a in articles}
    if args.choices:
        choice_accuracy("PLOVER dev part", "plover", "news:events", "type", "train",
                        list(plover(DEFAULT_CORPORA / "plover", "dev")), models)  # fmt: skip
        choice_accuracy("SEESAW valid", "seesaw", "news:positions", "stance", "train",
                        list(seesaw(DEFAULT_CORPORA / "seesaw", "valid")), models)  # fmt: skip
    if not dev:
        return
    where = f"the last {len(dev)} train" if args.held_out else f"dev, {len(dev)}"
    print(f"PolNeAR {where} articles: F1 of quotes")
    print(HEADER)
    rules, rules_secs = run(articles, strategy="rules")
    print(row("rules", rules, gold, text, rules_secs), flush=True)
    for size in (int(s) for s in args.sizes.split(",") if s):
        started, cpu = time.perf_counter(), time.process_time()
        made = train([], models / f"polnear-{size}", schema=("news:quotes",), corpus="polnear", dev=[],
                     limit=size)  # fmt: skip
        fit_secs, fit_cpu = time.perf_counter() - started, time.process_time() - cpu
        label = f"trained on {made.train_articles}"
        took = f"   (training {fit_secs:.0f} s wall, {fit_cpu:.0f} s CPU)"
        for strategy in ("trained", "rules+trained"):
            records, secs = run(articles, trained=made.folder, strategy=strategy)
            name = label if strategy == "trained" else f"rules + {label}"
            print(row(name, records, gold, text, secs) + (took if strategy == "trained" else ""), flush=True)


if __name__ == "__main__":
    main()
