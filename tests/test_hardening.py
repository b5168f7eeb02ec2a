"""Regression tests for the red-team findings (issue 13): each failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from extract.cli import app
from extract.run.jsonl import read_records
from tests.conftest import ROOT
from tests.test_batch import _cli, _wait_for_lines, echo_quote, run_args, write_articles

runner = CliRunner()


def test_a_second_writer_of_the_same_output_is_refused(fake_server: Any, tmp_path: Path) -> None:
    """H1: two runs appending to one file lost and corrupted records; the second now stops at once."""
    server = fake_server(echo_quote, latency=0.3)
    folder, out = write_articles(tmp_path / "in", 20), tmp_path / "r.jsonl"
    args = run_args(folder, out, server.base_url)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(_cli(*args), cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    _wait_for_lines(out, 1)
    second = runner.invoke(app, [*args, "--cache-dir", str(tmp_path / "other-cache")])
    assert second.exit_code == 2, second.output
    assert "is being written by another extract run" in second.output
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    names = [Path(r.source).name for r in read_records(out)]
    assert sorted(names) == sorted(p.name for p in folder.iterdir())  # all there, each once


def test_output_that_is_an_input_is_refused_even_with_overwrite(tmp_path: Path) -> None:
    """H2: `-o` naming an input file with --overwrite truncated the input to 0 bytes."""
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps({"id": "a", "text": "Kerry met Lavrov in London."}) + "\n")
    before = data.read_bytes()
    for extra in ([], ["--overwrite"]):
        args = ["run", str(data), "-o", str(data), "--strategy", "rules", "--no-cache", *extra]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "is one of the inputs" in result.output
        assert data.read_bytes() == before
    glob_args = ["run", str(tmp_path / "*.jsonl"), "-o", str(data), "--strategy", "rules", "--overwrite"]
    assert runner.invoke(app, [*glob_args, "--no-cache"]).exit_code == 2
    assert data.read_bytes() == before
