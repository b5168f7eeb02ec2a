"""The paragraph-prompted strategy and hybrid+paragraph, against the scripted fake server."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from extract import Extractor, kinds
from extract.inputs.load import Article
from extract.rules.pack import NEWS
from extract.schemas import ArticleRecord
from extract.strategies.paragraph import context_before, windows
from tests.conftest import quote, user_text

TEXT = (
    "Kerry met Lavrov in London on Friday.\n\n"
    'Kerry said the talks were "frank and very direct" and would go on.\n\n'
    "The weather was cold.\n\n"
    "Lavrov's message was clear: the West has no right to judge Russia."
)


@pytest.fixture
def quotes_recalled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The news pack with the paragraph pass over quotes that the shipped default leaves out
    (it added too little for its cost): the mechanism any pack can declare."""
    pack = replace(NEWS, recall_from_model=("quotes",))
    monkeypatch.setattr(kinds, "packs", lambda: {pack.name: pack})


def _passage(request: dict[str, Any]) -> str:
    return user_text(request).split("Passage:\n<<<\n", 1)[1].split("\n>>>", 1)[0]


def test_windows_are_paragraphs_and_context_is_the_text_before() -> None:
    spans = windows(TEXT)
    assert [TEXT[s:e] for s, e in spans] == [p for p in TEXT.split("\n\n")]
    assert context_before(TEXT, spans[1][0]).endswith("on Friday.")
    assert "opens the article" in context_before(TEXT, 0)
    long = "word " * 400
    assert all(e - s <= 600 for s, e in windows(long))


def test_paragraph_asks_one_kind_per_pass_with_a_fixed_prefix(fake_server: Any, tmp_path: Path) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, str]:
        tool = request["tools"][0]["function"]["parameters"]["properties"]
        if "quotes" in tool and "frank" in _passage(request):
            return 200, json.dumps({"quotes": [quote("frank and very direct")]})
        return 200, json.dumps({name: [] for name in tool})

    server = fake_server(answer)
    article = Article("a", "a.txt", TEXT)
    with Extractor(base_url=server.base_url, model="m", strategy="paragraph", cache_dir=None) as ex:
        record = ex.extract(article)
    assert [q.evidence for q in record.quotes] == ["frank and very direct"]
    asked = [r for r in server.requests if "quotes" in r["tools"][0]["function"]["parameters"]["properties"]]
    # The news sieve: quotes are asked only of passages with a quote mark or a speech/belief word.
    assert sorted(_passage(r)[:10] for r in asked) == ["Kerry said", "Lavrov's m"]
    # The fixed part (system message: instructions, examples) is the same in every call of a pass.
    assert len({r["messages"][0]["content"] for r in asked}) == 1
    assert "Anna Berg" in asked[0]["messages"][0]["content"]  # the kinds' worked example
    assert len(server.requests) == 2 + 2 * 4  # quotes: 2 sieved passages; events, positions: all 4


@pytest.mark.usefixtures("quotes_recalled")
def test_hybrid_paragraph_adds_only_attributed_quotes_where_the_rules_found_none(
    fake_server: Any, tmp_path: Path
) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, str]:
        choice = request["tools"][0]["function"]["parameters"]["properties"].get("choice")
        if choice is not None:  # a rules' open choice (an event's category): the rules' guess
            return 200, json.dumps({"choice": choice["enum"][0]})
        found = []
        if "Lavrov's message" in _passage(request):
            # The second is no attribution: its sentence has no speech word outside it.
            found = [quote("the West has no right to judge Russia", "Lavrov"), quote("The weather was cold")]
        return 200, json.dumps({"quotes": found})

    server = fake_server(answer)
    article = Article("a", "a.txt", TEXT)
    with Extractor(base_url=server.base_url, model="m", strategy="hybrid+paragraph", cache_dir=None) as ex:
        record = ex.extract(article)
    record = ArticleRecord.model_validate_json(record.model_dump_json())
    texts = [q.evidence for q in record.quotes]
    passages = {_passage(r)[:12] for r in server.requests if "Passage:" in user_text(r)}
    # The rules found Kerry's quote: his paragraph is not asked; the Lavrov paragraph is.
    assert "Kerry said t" not in passages and "Lavrov's mes" in passages
    assert any("frank and very direct" in t for t in texts)
    assert "the West has no right to judge Russia" in texts
    assert "The weather was cold" not in texts


@pytest.mark.usefixtures("quotes_recalled")
def test_a_record_says_whether_the_model_or_the_rules_decided(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, json.dumps({"quotes": []})))
    quiet = Article("b", "b.txt", "The weather was cold in London on Friday.")  # nothing to ask
    with Extractor(base_url=server.base_url, model="m", strategy="hybrid+paragraph", cache_dir=None) as ex:
        assert ex.extract(quiet).decided_by == "rules"
        record = ex.extract(Article("a", "a.txt", TEXT))
    assert record.decided_by == "m" and '"decided_by":"m"' in record.model_dump_json()
    assert ArticleRecord.model_validate_json(record.model_dump_json()).decided_by == "m"


@pytest.mark.usefixtures("quotes_recalled")
def test_a_failed_model_pass_keeps_the_rules_items_and_is_asked_again(
    fake_server: Any, tmp_path: Path, caplog: Any
) -> None:
    """A recall pass that failed (timeout, garbage) failed the whole article, rules' items too."""
    server = fake_server(lambda r: (200, "not json at all"))
    article = Article("a", "a.txt", TEXT)
    config = {"base_url": server.base_url, "model": "m", "strategy": "hybrid+paragraph"}
    with Extractor(**config, cache_dir=tmp_path) as ex:
        record = ex.attempt(article)
        assert isinstance(record, ArticleRecord)  # before: ArticleError: output failed validation
        assert any("frank and very direct" in q.evidence for q in record.quotes)
        assert record.usage.incomplete == 1  # the paragraph pass (an unsure category asks no model)
        assert ex.cached(article) is None  # not cached: a later run asks the model again
    assert any("a.txt: a passage at" in m and "not extracted" in m for m in caplog.messages)
