"""Regression tests for issue 20 (hardening, round 2): each failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from extract.cli import app
from tests.test_batch import write_articles

runner = CliRunner()


def test_credentials_in_the_base_url_reach_no_sink(fake_server: Any, tmp_path: Path) -> None:
    """Item 3: `user:pass@host` reached the call log (its endpoint), and a server echoing the
    credentials without the port reached stderr, --failures and --ledger."""

    def echo(request: dict[str, Any]) -> tuple[int, str]:
        return 500, "bad request for http://alice:s3cret-pw@127.0.0.1/v1 (alice:s3cret-pw)"

    server = fake_server(echo)
    url = server.base_url.replace("http://", "http://alice:s3cret-pw@")
    folder, out = write_articles(tmp_path / "in", 1), tmp_path / "r.jsonl"
    cache, failures, ledger = tmp_path / "cache", tmp_path / "f.tsv", tmp_path / "l.json"
    args = ["run", str(folder), "-o", str(out), "--base-url", url, "--model", "fake", "--retries", "0",
            "--cache-dir", str(cache), "--failures", str(failures), "--ledger", str(ledger)]  # fmt: skip
    result = runner.invoke(app, args)
    assert "failed" in result.output
    logged = runner.invoke(app, ["logs", "--json", "--cache-dir", str(cache)])
    assert logged.exit_code == 0 and "127.0.0.1" in logged.output
    sinks = {
        "stderr": result.output,
        "logs": logged.output,
        "calls.jsonl": (cache / "logs" / "calls.jsonl").read_text(),
        "failures": failures.read_text(),
        "ledger": ledger.read_text(),
    }
    assert [name for name, text in sinks.items() if "s3cret-pw" in text] == []
