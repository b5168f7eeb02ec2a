"""The README's commands work as written: the `Use` block is run line by line (as typer's docs
test their examples), against the scripted fake server given through EXTRACT_* variables."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import ROOT, extraction, quote

MARK = "<!-- tests/test_readme.py runs every command of this block, in order -->"


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(MARK) + r"\n```bash\n(.*?)```", readme, re.S)
    assert block is not None, "the README's tested block is gone"
    return [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_use_block_runs(fake_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = fake_server(
        lambda r: (200, extraction([quote("Now we have to see what can be done", "Lavrov")]))
    )
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "tests" / "gold", tmp_path / "tests" / "gold")
    monkeypatch.chdir(tmp_path)
    env = {"EXTRACT_BASE_URL": server.base_url, "EXTRACT_MODEL": "fake", "COLUMNS": "200"}
    commands = readme_commands()
    assert len(commands) >= 10
    for command in commands:
        words = shlex.split(command)
        assert words[0] == "extract", command
        result = CliRunner().invoke(app, words[1:], env=env)
        assert result.exit_code == 0, f"{command}: {result.output}"
    table = (tmp_path / "quotes.csv").read_text()
    assert table.count(",Now we have to see what can be done,") == 2  # its evidence and text columns
    assert "against gold" in (tmp_path / "report.html").read_text()
