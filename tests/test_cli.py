from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from extract.cli import app
from extract.run.jsonl import read_records
from tests.conftest import extraction, quote

runner = CliRunner()


def test_run_show_and_cache(fake_server: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text('Kerry said the talks were "constructive but difficult".')
    (tmp_path / "empty.txt").write_text("")
    server = fake_server(lambda r: (200, extraction([quote("constructive but difficult")])))
    out, cache = tmp_path / "r.jsonl", tmp_path / "cache"
    args = ["run", str(tmp_path), "-o", str(out), "--base-url", server.base_url, "--model", "fake"]
    args += ["--cache-dir", str(cache)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "empty.txt: empty article" in result.output
    assert "1 articles, 1 failed, 0 already done | 1 quotes" in result.output
    [rec] = read_records(out)
    assert rec.quotes[0].speaker.name == "Kerry"
    again = runner.invoke(app, args)  # r.jsonl now sits in the input folder: it is not read
    assert again.exit_code == 0, again.output
    assert "0 articles, 1 failed, 1 already done" in again.output  # resumed: nothing to do
    fresh = runner.invoke(app, [*args, "--overwrite"])
    assert "1 articles, 1 failed, 0 already done" in fresh.output
    assert "0 model calls, 1 cache hits" in fresh.output
    assert len(list(read_records(out))) == 1
    shown = runner.invoke(app, ["show", str(out)])
    assert shown.exit_code == 0 and "constructive but difficult" in shown.output
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(cache)])
    assert "2 entries" in info.output
    kept = runner.invoke(app, ["cache", "clear", "--cache-dir", str(cache)], input="n\n")
    assert kept.exit_code == 1 and "nothing deleted" in kept.output  # it asks first
    assert "2 entries" in runner.invoke(app, ["cache", "info", "--cache-dir", str(cache)]).output
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(cache), "--yes"])
    assert cleared.exit_code == 0 and "removed 2 entries" in cleared.output


def test_unreachable_server_is_one_line_and_nonzero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kerry met Lavrov.")
    args = ["run", str(tmp_path), "-o", str(tmp_path / "r.jsonl"), "--base-url", "http://127.0.0.1:9/v1"]
    result = runner.invoke(app, [*args, "--model", "x", "--no-cache"])
    assert result.exit_code == 2
    assert "cannot reach model server at http://127.0.0.1:9/v1" in result.output
    assert "Traceback" not in result.output


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("news-extract ")
    short = runner.invoke(app, ["run", "-h"])
    assert short.exit_code == 0 and "--schema" in short.output


def test_export_round_trips_a_dataframe(tmp_path: Path) -> None:
    import pandas as pd

    from extract import records_to_pandas

    data = tmp_path / "a.jsonl"
    rows = [{"id": "r1", "text": 'Kerry said "we will act now on Crimea" in London.', "outlet": "Reuters"}]
    data.write_text(json.dumps(rows[0]) + "\n")
    out = tmp_path / "r.jsonl"
    assert (
        runner.invoke(app, ["run", str(data), "-o", str(out), "--strategy", "rules", "--no-cache"]).exit_code
        == 0
    )
    frames = records_to_pandas(read_records(out))
    quotes = frames["quotes"]
    assert list(quotes["meta_outlet"]) == ["Reuters"] and list(quotes["speaker"]) == ["Kerry"]
    for suffix in (".csv", ".parquet"):
        table = tmp_path / f"q{suffix}"
        result = runner.invoke(app, ["export", str(out), "--kind", "quotes", "-o", str(table)])
        assert result.exit_code == 0, result.output
        back = pd.read_csv(table) if suffix == ".csv" else pd.read_parquet(table)
        assert back[["article_id", "speaker", "evidence", "start", "end"]].equals(
            quotes[["article_id", "speaker", "evidence", "start", "end"]]
        )
    text = rows[0]["text"]
    assert all(
        text[s:e] == ev for s, e, ev in zip(quotes["start"], quotes["end"], quotes["evidence"], strict=True)
    )
    refused = runner.invoke(app, ["run", str(data), "-o", str(tmp_path / "x.csv"), "--strategy", "rules"])
    assert refused.exit_code == 2 and "extract export" in refused.output
