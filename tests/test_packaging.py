"""What a user installs: a normal wheel (not editable) works, and the stages keep their layers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.mark.slow
def test_a_wheel_ships_the_prompts_and_runs(tmp_path: Path, fake_server: Any) -> None:
    """`pip install .` into a fresh target: the package and its prompts come from the wheel."""
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    [wheel] = wheels.glob("news_extract-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    # The target comes first on the path, ahead of the editable install of this checkout.
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import extract, prompts; print(extract.__file__, prompts.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.count(str(site)) == 2, where.stdout
    server = fake_server(lambda r: (200, '{"choice": "Kerry"}'))
    out = tmp_path / "r.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "extract", "run", str(SEEDS), "-o", str(out), "--strategy", "hybrid",
         "--base-url", server.base_url, "--model", "fake", "--cache-dir", str(tmp_path / "cache")],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "2 articles, 0 failed" in run.stderr and out.read_text().count("\n") == 2
    assert "speaker/v1+event_type/v1+stance/v2" in out.read_text()  # the prompts, from the wheel


def test_the_stages_import_one_way() -> None:
    """import-linter's contracts in pyproject.toml: each stage imports only the stages below it."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 broken" in result.stdout
