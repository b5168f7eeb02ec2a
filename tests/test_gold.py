"""The gold fixtures: schema-valid, every offset on its evidence, and the offline default's floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import Extractor, load_articles
from extract.analysis.evaluate import score
from extract.grounding.ground import holds
from extract.schemas import NEWS_KINDS, ArticleRecord
from tests.conftest import ROOT, SEEDS

GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))


def test_gold_files_cover_every_seed() -> None:
    assert {p.stem for p in GOLD} == {p.stem for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_is_valid_and_grounded(path: Path) -> None:
    gold = ArticleRecord.model_validate_json(path.read_text(encoding="utf-8"))
    text = (ROOT / gold.source).read_text(encoding="utf-8")
    items = [*gold.quotes, *gold.events, *gold.positions]
    assert items and all(text[i.start : i.end] == i.evidence for i in items)
    assert all(q.text == q.evidence for q in gold.quotes)
    assert json.loads(path.read_text())["article_id"] == path.stem
    # Each quote a triple: a source for every one, each part at its own offsets.
    assert all(q.source and q.resolution for q in gold.quotes)
    assert all(holds(k, i, text) for k in NEWS_KINDS for i in gold.of(k.name))


def test_every_rules_quote_on_the_seeds_is_a_grounded_triple() -> None:
    with Extractor(strategy="rules", cache_dir=None) as ex:
        preds = [r for r in ex.batch(load_articles([str(SEEDS)])) if isinstance(r, ArticleRecord)]
    texts = {a.sha256: a.text for a in load_articles([str(SEEDS)])}
    quotes = [(texts[r.text_sha256], q) for r in preds for q in r.quotes]
    assert quotes and all(q.source and q.resolution for _, q in quotes)
    for text, q in quotes:
        assert text[q.spans["source"].start : q.spans["source"].end] == q.source
        assert q.cue is None or text[q.spans["cue"].start : q.spans["cue"].end] == q.cue
    assert sum(q.cue is not None for _, q in quotes) >= 0.9 * len(quotes)


# What the offline default (the embedded Qwen2.5-1.5B, hybrid+paragraph: the rules, the model
# deciding open speakers) must keep on the seeds: lenient F1 floors a little under what
# `python benchmarks/quality.py` reports for it, so that a regression of the default fails and the
# model's run-to-run noise does not. Positions are matched on holder and target (schema 3.0).
FLOORS = {"quotes": 0.85, "events": 0.60, "positions": 0.32}
# What the rules alone must keep on the seeds: the pre-pass is deterministic, so these floors sit
# just under what `extract eval` reports for `extract run seeds/ --strategy rules`: a rule that
# stops firing fails here, before any model run.
# Positions are matched on holder and target since schema 3.0 (before: holder and stance), a
# stricter test: the rules before issue 25 fall below this floor under it, the rules since meet it.
RULES_FLOORS = {"quotes": 0.90, "events": 0.60, "positions": 0.32}


@pytest.mark.slow
def test_offline_default_meets_quality_floor(tmp_path: Path) -> None:
    golds = [ArticleRecord.model_validate_json(p.read_text(encoding="utf-8")) for p in GOLD]
    with Extractor(cache_dir=tmp_path / "cache") as ex:
        preds = [r for r in ex.batch(load_articles([str(SEEDS)])) if isinstance(r, ArticleRecord)]
    result = score(preds, golds)
    for kind, floor in FLOORS.items():
        assert result.kinds[kind].lenient.f1 >= floor, (kind, result.kinds[kind].lenient.as_dict())
    assert result.grounding_rate == 1.0


def test_rules_baseline_meets_quality_floor(tmp_path: Path) -> None:
    """The deterministic pre-pass alone (no model call) keeps its floors for every news kind."""
    golds = [ArticleRecord.model_validate_json(p.read_text(encoding="utf-8")) for p in GOLD]
    with Extractor(strategy="rules", cache_dir=None) as ex:
        preds = [r for r in ex.batch(load_articles([str(SEEDS)])) if isinstance(r, ArticleRecord)]
    result = score(preds, golds)
    assert all(r.usage.calls == 0 for r in preds)
    for kind, floor in RULES_FLOORS.items():
        assert result.kinds[kind].lenient.f1 >= floor, (kind, result.kinds[kind].lenient.as_dict())
