"""The real embedded model (llama.cpp server + a model shipped on PyPI) on one seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Extractor, load_articles
from schemas import ArticleRecord
from tests.conftest import SEEDS


@pytest.mark.slow
# hybrid-all asks the model every choice (the default hybrid may need none on this article).
@pytest.mark.parametrize("strategy", ["hybrid-all", "whole"])
def test_embedded_model_gives_valid_grounded_records(strategy: str, tmp_path: Path) -> None:
    [article] = load_articles([str(SEEDS / "reuters_kerry_lavrov_2014-03-14.txt")])
    assert not isinstance(article, Exception)
    with Extractor(strategy=strategy, cache_dir=tmp_path / "cache") as ex:
        record = ex.extract(article)
    record = ArticleRecord.model_validate_json(record.model_dump_json())
    items = [*record.quotes, *record.events, *record.positions]
    assert record.usage.calls > 0 and record.model == "smollm2-135m"
    assert all(article.text[i.start : i.end] == i.evidence for i in items)
    if strategy == "hybrid-all":
        assert len(record.quotes) >= 5  # candidates come from the text, the model only picks
