"""Batch at scale: workers, Retry-After, budgets, the ledger, resume after a kill."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.run.jsonl import read_records
from extract.run.resume import finished
from tests.conftest import ROOT, extraction, quote, user_text

runner = CliRunner()


def echo_quote(request: dict[str, Any]) -> tuple[int, str]:
    """Answer with the one quotation in the article: a model that is always right."""
    found = re.search(r'"(talk number \d+)"', user_text(request))
    return 200, extraction([quote(found.group(1))] if found else [])


def write_articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(f'Article {i}. Kerry said it was "talk number {i}".')
    return folder


def run_args(folder: Path, out: Path, base_url: str, *more: str) -> list[str]:
    cache = out.parent / "cache"
    return [
        "run",
        str(folder),
        "-o",
        str(out),
        "--base-url",
        base_url,
        "--model",
        "fake",
        "--cache-dir",
        str(cache),
        *more,
    ]


def sources(out: Path) -> list[str]:
    return [Path(r.source).name for r in read_records(out)]


def test_workers_overlap_requests(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(echo_quote, latency=0.3)
    folder, out = write_articles(tmp_path / "in", 12), tmp_path / "r.jsonl"
    result = runner.invoke(app, run_args(folder, out, server.base_url, "--workers", "6"))
    assert result.exit_code == 0, result.output
    assert server.max_in_flight > 1  # one worker would never hold two requests at once
    assert sorted(sources(out)) == sorted(p.name for p in folder.iterdir())
    assert all(len(r.quotes) == 1 for r in read_records(out))


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(fake_server: Any, tmp_path: Path, status: int) -> None:
    answers = iter([(status, "slow down"), echo_quote])
    server = fake_server(lambda r: a(r) if callable(a := next(answers)) else a, retry_after="1")
    folder, out = write_articles(tmp_path / "in", 1), tmp_path / "r.jsonl"
    result = runner.invoke(app, run_args(folder, out, server.base_url))
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 2 and len(sources(out)) == 1
    assert server.times[1] - server.times[0] >= 0.95  # waited as the server asked


def test_budget_stops_cleanly_and_rerun_finishes(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(echo_quote)
    folder, out, ledger = write_articles(tmp_path / "in", 10), tmp_path / "r.jsonl", tmp_path / "l.json"
    args = run_args(folder, out, server.base_url, "--ledger", str(ledger))
    stopped = runner.invoke(app, [*args, "--max-calls", "3"])
    assert stopped.exit_code == 3, stopped.output
    assert "stopped: --max-calls 3 reached; 7 articles left for a re-run" in stopped.output
    assert len(sources(out)) == 3 and len(server.requests) == 3
    book = json.loads(ledger.read_text())
    assert book["run"]["calls"] == 3 and book["run"]["not_started"] == 7
    done = [a for a in book["articles"] if a["status"] == "done"]
    assert sum(a["prompt_tokens"] for a in done) == book["run"]["prompt_tokens"] == 30
    rerun = runner.invoke(app, args)
    assert rerun.exit_code == 0, rerun.output
    assert "7 articles, 0 failed, 3 already done" in rerun.output
    assert sorted(sources(out)) == sorted(p.name for p in folder.iterdir())


def test_token_budget(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(echo_quote)  # 15 tokens per call
    folder, out = write_articles(tmp_path / "in", 5), tmp_path / "r.jsonl"
    result = runner.invoke(app, run_args(folder, out, server.base_url, "--token-budget", "40"))
    assert result.exit_code == 3 and len(sources(out)) == 3  # 15, 30, 45: the fourth never starts


def test_failed_articles_are_listed_and_retried(fake_server: Any, tmp_path: Path) -> None:
    broken = {"a001.txt", "a003.txt"}
    healthy = {"ok": False}

    def script(request: dict[str, Any]) -> tuple[int, str]:
        if not healthy["ok"] and any(f"Article {int(n[1:4])}." in user_text(request) for n in broken):
            return 400, "bad request"
        return echo_quote(request)

    server = fake_server(script)
    folder, out, failed = write_articles(tmp_path / "in", 5), tmp_path / "r.jsonl", tmp_path / "f.tsv"
    args = run_args(folder, out, server.base_url, "--failures", str(failed))
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and len(sources(out)) == 3
    lines = failed.read_text().splitlines()
    assert {Path(line.split("\t")[0]).name for line in lines} == broken
    assert all("HTTP 400" in line.split("\t")[1] for line in lines)
    healthy["ok"] = True
    second = runner.invoke(app, args)
    assert "2 articles, 0 failed, 3 already done" in second.output
    assert sorted(sources(out)) == sorted(p.name for p in folder.iterdir())
    assert failed.read_text() == ""


def test_resume_cuts_a_torn_line_and_refuses_another_configuration(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    made_by = {"model": "m", "strategy": "whole", "prompt_version": "p"}
    good = {"schema_version": "3.0", "text_sha256": "a", **made_by}
    out.write_text(json.dumps(good) + "\n" + '{"text_sha256": "b", "mod')
    assert finished(out, made_by) == {"a"}
    assert out.read_text() == json.dumps(good) + "\n"
    with pytest.raises(Exception, match="holds records made with"):
        finished(out, {**made_by, "model": "other"})
    out.write_text(json.dumps({**good, "schema_version": "1.0"}) + "\n")
    with pytest.raises(Exception, match=r"schema version 1\.0, not 3\.0"):
        finished(out, made_by)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "extract", *args]


def _wait_for_lines(path: Path, n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().count("\n") >= n:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never reached {n} lines")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_run_resumes_with_every_article_once(fake_server: Any, tmp_path: Path, sig: int) -> None:
    server = fake_server(echo_quote, latency=0.2)
    folder, out = write_articles(tmp_path / "in", 40), tmp_path / "r.jsonl"
    args = run_args(folder, out, server.base_url, "--workers", "4")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(_cli(*args), cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    _wait_for_lines(out, 5)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130), stderr
    partial = len(sources(out)) if out.read_text().endswith("\n") else None
    assert partial is None or 5 <= partial < 40
    rerun = subprocess.run(_cli(*args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    names = sources(out)
    assert sorted(names) == sorted(p.name for p in folder.iterdir())  # each exactly once


@pytest.mark.slow
def test_ray_engine_on_a_local_instance(fake_server: Any, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    server = fake_server(echo_quote, latency=0.1)
    folder, out = write_articles(tmp_path / "in", 8), tmp_path / "r.jsonl"
    (folder / "a003.txt").write_text((folder / "a002.txt").read_text())  # a duplicate
    (folder / "empty.txt").write_text("")
    args = run_args(folder, out, server.base_url, "--engine", "ray", "--workers", "2")
    first = runner.invoke(app, [*args, "--max-calls", "4"])
    assert first.exit_code == 3, first.output
    assert "empty.txt: empty article" in first.output and "duplicate of" in first.output
    assert 4 <= len(sources(out)) < 7
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    names = sources(out)
    assert sorted(names) == sorted(f"a{i:03d}.txt" for i in range(8) if i != 3)
    assert all(len(r.quotes) == 1 for r in read_records(out))
