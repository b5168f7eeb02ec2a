"""A user's own kind, defined only here (the README's casualty example), end to end: run, cache,
re-ask on its validator, eval, report, show, the Python API, and cache keys that follow edits."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

import extract.run.extractor as extractor_module
from extract import Article, Extractor, extract_article, extract_batch
from extract.cli import app
from extract.errors import ExtractError
from extract.grounding.ground import ground
from extract.kinds import load_model, resolve
from extract.run.jsonl import read_records
from extract.schemas import ArticleRecord, kind_of
from tests.conftest import ROOT, SEEDS

runner = CliRunner()
TEXT = (
    "DONETSK, Ukraine - Officials said 12 civilians were killed in Donetsk on Monday.\n\n"
    "Three soldiers were wounded near the airport, the army said."
)
RIGHT = {
    "count": 12,
    "who": "civilians",
    "status": "killed",
    "place": "Donetsk",
    "words": "12 civilians were killed in Donetsk",
}


def readme_schema(folder: Path) -> Path:
    """The README's casualties.py, written where the test can import it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [code] = re.findall(r"```python\n(# casualties\.py\n.*?)```", readme, re.S)
    path = folder / "casualties.py"
    path.write_text(code, encoding="utf-8")
    return path


def casualties(*items: dict[str, Any]) -> str:
    return json.dumps({"casualty": list(items)})


@pytest.fixture
def schema_file(tmp_path: Path) -> Path:
    return readme_schema(tmp_path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "donetsk.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_cli_run_is_grounded_cached_reasked_scored_and_reported(
    fake_server: Any, tmp_path: Path, schema_file: Path, article: Path
) -> None:
    # First answer: a count the validator rejects; the re-ask carries its message.
    replies = iter([casualties({**RIGHT, "count": 13}), casualties(RIGHT)])
    server = fake_server(lambda r: (200, next(replies)))
    spec = f"{schema_file}:Casualty"
    out, cache = tmp_path / "c.jsonl", tmp_path / "cache"
    args = [
        "run",
        str(article),
        "-o",
        str(out),
        "--schema",
        spec,
        "--base-url",
        server.base_url,
        "--model",
        "fake",
        "--cache-dir",
        str(cache),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 casualty" in result.output and "1 re-asks" in result.output
    assert len(server.requests) == 2
    assert "count 13 is not among the numbers" in json.dumps(server.requests[1]["messages"])
    system = server.requests[0]["messages"][0]["content"]
    assert "Casualty figures the article reports" in system and "Shelling killed 12 civilians" in system
    [rec] = read_records(out)
    [item] = rec.items["casualty"]
    assert TEXT[item.start : item.end] == item.evidence == item.words == RIGHT["words"]
    assert item.count == 12 and rec.schema_version == "3.0"

    again = runner.invoke(app, [*args, "--overwrite"])  # the record cache: no model call
    assert again.exit_code == 0 and "0 model calls, 1 cache hits" in again.output
    assert len(server.requests) == 2

    gold = tmp_path / "gold.json"
    gold.write_text(rec.model_copy(update={"model": "human", "strategy": "gold"}).model_dump_json())
    scored = runner.invoke(app, ["eval", str(out), str(gold), "--schema", spec, "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)["casualty"]["strict"]["f1"] == 1.0

    page = tmp_path / "r.html"
    reported = runner.invoke(
        app, ["report", str(out), "-o", str(page), "--schema", spec, "--inputs", str(article)]
    )
    assert reported.exit_code == 0, reported.output
    html = page.read_text()
    assert 'class="item k-casualty ' in html and 'value="casualty"' in html  # item and legend
    assert "12 civilians were killed in Donetsk</span>" in html

    shown = runner.invoke(app, ["show", str(out), "--kind", "casualty"])
    assert shown.exit_code == 0 and "civilians" in shown.output


def test_editing_the_schema_misses_the_cache(
    fake_server: Any, tmp_path: Path, schema_file: Path, article: Path
) -> None:
    server = fake_server(lambda r: (200, casualties(RIGHT)))
    options = {"base_url": server.base_url, "model": "fake", "cache_dir": tmp_path / "cache"}
    text = Article("a", str(article), TEXT)
    with Extractor(schema=(f"{schema_file}:Casualty",), **options) as ex:
        assert ex.extract(text).usage.calls == 1
    with Extractor(schema=(f"{schema_file}:Casualty",), **options) as ex:
        assert ex.extract(text).usage.cache_hits == 1 and len(server.requests) == 1
    edited = schema_file.read_text().replace("How many people, as a number.", "How many people.")
    schema_file.write_text(edited)
    with Extractor(schema=(f"{schema_file}:Casualty",), **options) as ex:
        assert ex.extract(text).usage.calls == 1 and len(server.requests) == 2
    assert "How many people." in json.dumps(server.requests[1]["tools"])


def test_a_changed_rule_misses_the_record_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article("s", "s.txt", (SEEDS / "reuters_kerry_lavrov_2014-03-14.txt").read_text())
    with Extractor(strategy="rules", cache_dir=tmp_path / "cache") as ex:
        first = ex.extract(article)
        assert ex.extract(article).usage.cache_hits == 1
    monkeypatch.setattr(extractor_module, "rules_version", lambda: "edited rules")  # the next run's rules
    with Extractor(strategy="rules", cache_dir=tmp_path / "cache") as ex:
        fresh = ex.extract(article)
    assert fresh.usage.cache_hits == 0 and fresh.items == first.items


def test_python_api_takes_the_class(fake_server: Any, tmp_path: Path, schema_file: Path) -> None:
    server = fake_server(lambda r: (200, casualties(RIGHT)))
    casualty = load_model(f"{schema_file}:Casualty")
    record = extract_article(
        TEXT, id="d", schema=[casualty], base_url=server.base_url, model="fake", cache_dir=None
    )
    [item] = record.casualty
    assert isinstance(item, casualty) and item.count == 12 and record.article_id == "d"
    assert ArticleRecord.load(record.model_dump_json(), resolve([casualty])) == record


def test_extract_batch_takes_config_options_and_resumes(
    fake_server: Any, tmp_path: Path, schema_file: Path, article: Path
) -> None:
    server = fake_server(lambda r: (200, casualties(RIGHT)))
    out = tmp_path / "b.jsonl"
    options: dict[str, Any] = {
        "schema": [f"{schema_file}:Casualty"],
        "base_url": server.base_url,
        "model": "fake",
        "cache_dir": None,
        "workers": 8,
        "output": out,
    }
    [rec] = extract_batch([article], **options)
    assert isinstance(rec, ArticleRecord) and len(list(read_records(out))) == 1
    assert list(extract_batch([article], **options)) == []  # resumed: already in the output
    with pytest.raises(ExtractError, match="unknown option"):
        list(extract_batch([article], worker=2))


def test_a_kind_without_a_verbatim_field_gets_evidence(fake_server: Any) -> None:
    class Claim(BaseModel):
        """A factual claim the article makes."""

        claim: str

    kind = kind_of(Claim)
    assert kind.name == "claim" and kind.verbatim == ("evidence",)
    reply = {"claim": [{"claim": "civilians died", "evidence": "12 civilians were killed"}]}
    server = fake_server(lambda r: (200, json.dumps(reply)))
    record = extract_article(TEXT, schema=Claim, base_url=server.base_url, model="fake", cache_dir=None)
    [item] = record.claim
    assert TEXT[item.start : item.end] == "12 civilians were killed"
    assert "evidence" in json.dumps(server.requests[0]["tools"])


def test_grounding_a_user_kind_keeps_its_type() -> None:
    # ground() used to treat any item it did not know as a Position and fail validation.
    class Figure(BaseModel):
        """A number."""

        value: int

    kind = kind_of(Figure)
    draft = kind.draft.model_validate({"value": 3, "evidence": "Three soldiers were wounded"})
    out = ground([(kind, draft, None)], TEXT)
    [item] = out.items["figure"]
    assert isinstance(item, kind.record) and item.value == 3  # type: ignore[attr-defined]


def test_rules_refuse_a_kind_they_do_not_know(schema_file: Path) -> None:
    with pytest.raises(ExtractError, match="no rules for casualty"):
        Extractor(schema=("news", f"{schema_file}:Casualty"), strategy="rules", cache_dir=None)


def test_bad_schema_specs_are_one_line(tmp_path: Path, schema_file: Path, article: Path) -> None:
    for spec, expected in [
        ("nosuch.py:X", "no such file"),
        (f"{schema_file}:Nope", "defines no Pydantic model Nope"),
        ("justaname", "expected a pack (news) or FILE.py:ClassName"),
    ]:
        result = runner.invoke(app, ["run", str(article), "--schema", spec, "--no-cache"])
        assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('boom')\n")
    with pytest.raises(ExtractError, match="failed to import: RuntimeError: boom"):
        resolve([f"{broken}:X"])


def test_records_of_another_schema_version_are_refused_with_one_line(tmp_path: Path) -> None:
    old = tmp_path / "old.jsonl"
    old.write_text(json.dumps({"schema_version": "1.0", "article_id": "a", "quotes": []}) + "\n")
    result = runner.invoke(app, ["show", str(old)])
    assert result.exit_code == 2 and "schema version 1.0" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 2


def test_user_rule_free_kinds_ride_along_with_the_news_rules(fake_server: Any, schema_file: Path) -> None:
    # hybrid: the news pack's rules for its kinds, the model (whole) for the user's.
    server = fake_server(lambda r: (200, casualties(RIGHT)))
    with Extractor(
        schema=("news", f"{schema_file}:Casualty"),
        base_url=server.base_url,
        model="fake",
        strategy="hybrid",
        cache_dir=None,
    ) as ex:
        record = ex.extract(Article("d", "d.txt", TEXT))
        assert ex.prompt_version.endswith("whole/v2+reask/v2")
    assert set(record.items) == {"quotes", "events", "positions", "casualty"}
    assert len(record.casualty) == 1 and len(server.requests) == 1


def test_extract_batch_takes_raw_texts_with_ids_and_metadata(fake_server: Any) -> None:
    from extract import extract_batch
    from extract.errors import ArticleError
    from tests.conftest import extraction, quote

    server = fake_server(lambda r: (200, extraction([quote("the talks were frank")])))
    said = 'Kerry said "the talks were frank" today.'
    texts = [said, {"id": "n2", "text": said.replace("today", "again"), "outlet": "Reuters"}, "   "]
    results = list(
        extract_batch(texts=texts, base_url=server.base_url, model="m", strategy="whole", cache_dir=None)
    )
    records = {r.article_id: r for r in results if not isinstance(r, ArticleError)}
    assert set(records) == {"text-1", "n2"} and records["n2"].meta == {"outlet": "Reuters"}
    [error] = [r for r in results if isinstance(r, ArticleError)]
    assert error.source == "<text 3>" and "empty" in error.reason


def test_extract_batch_texts_are_checked_as_jsonl_lines_are() -> None:
    from extract.api import text_article
    from extract.errors import ArticleError

    # A lone surrogate in an id could not be written as UTF-8 JSONL: refused, as in a JSONL file.
    bad = text_article({"id": "a\udc80", "text": "Kerry spoke."}, 1)
    assert isinstance(bad, ArticleError) and "surrogate" in bad.reason
    missing = text_article({"id": "x", "body": "no text here"}, 2)
    assert isinstance(missing, ArticleError) and "no string 'text'" in missing.reason
