"""Corpus adapters, read in place from ../shared/corpora (skipped where absent)."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.analysis.corpora import polnear, seesaw
from extract.cli import app
from tests.conftest import CORPORA


@pytest.mark.skipif(not (CORPORA / "polnear").is_dir(), reason="../shared/corpora/polnear is absent")
def test_polnear_attributions_become_grounded_quotes() -> None:
    pairs = list(polnear(CORPORA / "polnear"))
    quotes = [(a, q) for a, g in pairs for q in g.quotes]
    assert len(pairs) == 84 and len(quotes) > 2000
    assert all(a.text[q.start : q.end] == q.evidence for a, q in quotes)
    assert any(q.direct for _, q in quotes) and any(not q.direct for _, q in quotes)
    assert all(q.speaker.name for _, q in quotes)


@pytest.mark.skipif(not (CORPORA / "seesaw").is_dir(), reason="../shared/corpora/seesaw is absent")
def test_seesaw_triplets_become_grounded_positions() -> None:
    pairs = list(islice(seesaw(CORPORA / "seesaw"), 30))
    positions = [(a, p) for a, g in pairs for p in g.positions]
    assert positions and all(a.text[p.start : p.end] == p.evidence for a, p in positions)
    assert {p.stance.value for _, p in positions} <= {"support", "oppose"}


def test_absent_corpus_is_skipped_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--corpus", "polnear", "--corpora-dir", str(tmp_path)])
    assert result.exit_code == 0 and "skipped: corpus folder" in result.output


@pytest.mark.skipif(not (CORPORA / "seesaw").is_dir(), reason="../shared/corpora/seesaw is absent")
def test_corpus_eval_shows_the_majority_baseline_and_keeps_predictions(tmp_path: Path) -> None:
    """SEESAW stance was reported without the majority it has to beat; predictions were not kept."""
    out = tmp_path / "preds.jsonl"
    args = ["eval", "--corpus", "seesaw", "--limit", "5", "--strategy", "rules", "--no-cache", "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    value, share = json.loads(result.output)["positions"]["attribute_majority"]
    assert value in ("support", "oppose") and 0.5 <= share <= 1.0
    assert len(out.read_text().splitlines()) == 5


@pytest.mark.skipif(not (CORPORA / "seesaw").is_dir(), reason="../shared/corpora/seesaw is absent")
def test_seesaw_keeps_one_split_from_the_stories_meta_files() -> None:
    valid = {a.id for a, _ in seesaw(CORPORA / "seesaw", "valid")}
    train = {a.id for a, _ in seesaw(CORPORA / "seesaw", "train")}
    assert valid and train and not valid & train
    assert valid | train == {a.id for a, _ in seesaw(CORPORA / "seesaw")}
