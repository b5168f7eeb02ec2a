"""Mechanics against the scripted fake server: real HTTP through the real openai client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract import Article, Extractor
from extract.errors import ExtractError
from extract.schemas import ArticleRecord
from tests.conftest import extraction, quote, user_text

TEXT = 'Kerry said the talks were "constructive but difficult". Lavrov said nothing.'


def run(base_url: str, articles: list[Article], cache: Path | None) -> list[ArticleRecord | ExtractError]:
    with Extractor(base_url=base_url, model="fake", strategy="whole", cache_dir=cache) as ex:
        return list(ex.batch(articles))


def test_second_run_makes_no_calls_and_returns_identical_records(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(lambda r: (200, extraction([quote("constructive but difficult")])))
    article = Article("a1", "a1.txt", TEXT)
    first = run(server.base_url, [article], tmp_path / "c")
    calls = len(server.requests)
    second = run(server.base_url, [article], tmp_path / "c")
    assert calls == 1 and len(server.requests) == calls
    assert isinstance(first[0], ArticleRecord) and isinstance(second[0], ArticleRecord)
    assert first[0].quotes == second[0].quotes and second[0].usage.cache_hits == 1
    assert second[0].usage.calls == 0


def test_reask_on_schema_invalid_output(fake_server: Any) -> None:
    replies = iter(
        [(200, '{"quotes": [{"text": 5}]}'), (200, extraction([quote("constructive but difficult")]))]
    )
    server = fake_server(lambda r: next(replies))
    [rec] = run(server.base_url, [Article("a", "a.txt", TEXT)], None)
    assert isinstance(rec, ArticleRecord)
    assert len(server.requests) == 2 and rec.usage.reasks == 1
    assert [q.text for q in rec.quotes] == ["constructive but difficult"]


def test_ungrounded_quote_is_reasked_then_dropped_and_counted(fake_server: Any) -> None:
    invented = extraction([quote("constructive but difficult"), quote("Russia will pay dearly for this")])
    server = fake_server(lambda r: (200, invented))
    [rec] = run(server.base_url, [Article("a", "a.txt", TEXT)], None)
    assert isinstance(rec, ArticleRecord)
    assert len(server.requests) == 2  # the re-ask names the missing quote
    assert "Russia will pay dearly" in user_text(server.requests[1])
    assert [q.text for q in rec.quotes] == ["constructive but difficult"]
    assert rec.usage.dropped == 1


def test_one_bad_article_does_not_stop_the_batch(fake_server: Any) -> None:
    def script(request: dict[str, Any]) -> tuple[int, str]:
        if "POISON" in user_text(request):
            return 500, "model crashed"
        return 200, extraction([quote("constructive but difficult")])

    server = fake_server(script)
    articles = [Article(str(i), f"{i}.txt", TEXT + (" POISON" if i == 1 else f" ({i})")) for i in range(3)]
    results = run(server.base_url, articles, None)
    assert [type(r).__name__ for r in results] == ["ArticleRecord", "ArticleError", "ArticleRecord"]
    assert "1.txt" in str(results[1]) and "500" in str(results[1])


def test_every_offset_points_at_its_evidence(fake_server: Any) -> None:
    server = fake_server(
        lambda r: (
            200,
            extraction(
                [quote("constructive but difficult")],
                events=[{"type": "REJECT", "evidence": "Lavrov said nothing."}],
                positions=[
                    {
                        "holder": {"name": "Kerry"},
                        "target": {"name": "talks"},
                        "stance": "neutral_or_mixed",
                        "evidence": "the talks were",
                    }
                ],
            ),
        )
    )
    [rec] = run(server.base_url, [Article("a", "a.txt", TEXT)], None)
    assert isinstance(rec, ArticleRecord)
    items = [*rec.quotes, *rec.events, *rec.positions]
    assert len(items) == 3
    assert all(TEXT[i.start : i.end] == i.evidence for i in items)
    assert ArticleRecord.model_validate_json(rec.model_dump_json()) == rec


def test_python_api_on_plain_text(fake_server: Any, tmp_path: Path) -> None:
    from extract import extract_article, extract_batch

    server = fake_server(lambda r: (200, extraction([quote("constructive but difficult")])))
    rec = extract_article(TEXT, base_url=server.base_url, model="fake", cache_dir=None)
    assert rec.strategy == "whole" and rec.quotes[0].start == TEXT.index("constructive")
    (tmp_path / "data.csv").write_text("a,b")
    [only] = extract_batch([str(tmp_path)], base_url=server.base_url, model="fake", cache_dir=None)
    assert isinstance(only, ExtractError) and "no .txt" in str(only)


def test_duplicate_articles_are_reported_once(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, extraction([quote("constructive but difficult")])))
    articles = [Article("a", "a.txt", TEXT), Article("b", "b.txt", TEXT)]
    first, second = run(server.base_url, articles, None)
    assert isinstance(first, ArticleRecord)
    assert isinstance(second, ExtractError) and "b.txt: duplicate of a.txt" in str(second)
    assert len(server.requests) == 1


def test_the_python_api_makes_no_cache_folder_where_it_runs(tmp_path: Path, monkeypatch: Any) -> None:
    from extract import extract_article

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    record = extract_article("Kerry said the talks were useful, officials said on Friday.", strategy="rules")
    assert record.strategy == "rules" and not (tmp_path / "cache").exists()
    assert (tmp_path / "xdg" / "news-extract").is_dir()


def test_a_model_quotes_parts_are_grounded_and_an_invented_cue_is_reasked_then_dropped(
    fake_server: Any,
) -> None:
    good = quote("constructive but difficult") | {"source": "Kerry"}
    invented_cue = quote("Lavrov said nothing") | {"cue": "insisted"}
    server = fake_server(lambda r: (200, extraction([good, invented_cue])))
    [rec] = run(server.base_url, [Article("a", "a.txt", TEXT)], None)
    assert isinstance(rec, ArticleRecord)
    [kept] = rec.quotes
    assert TEXT[kept.spans["source"].start : kept.spans["source"].end] == kept.source == "Kerry"
    assert TEXT[kept.spans["cue"].start : kept.spans["cue"].end] == "said"
    assert len(server.requests) == 2 and "cue: insisted" in user_text(server.requests[1])
    assert rec.usage.dropped == 1
