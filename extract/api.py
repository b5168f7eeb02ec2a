"""The Python API: one article, or a batch with the CLI's resume, ledger and budgets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extract.errors import ArticleError
from extract.inputs.load import Article, article_from, check_text
from extract.run.batch import Batch
from extract.run.config import RunConfig
from extract.run.extractor import Extractor
from extract.schemas import ArticleRecord


def as_article(item: str | Article, article_id: str = "article") -> Article:
    """Accept raw text or an Article."""
    if isinstance(item, Article):
        return item
    return Article(article_id, "<string>", check_text(item, "<string>"))


def text_article(item: str | dict[str, Any], n: int) -> Article | ArticleError:
    """The ``n``-th of ``texts``: a string, or a dict with ``text`` (and ``id``, metadata),
    checked as a JSONL line is."""
    try:
        obj = item if isinstance(item, dict) else {"text": item}
        return article_from(obj, f"<text {n}>", f"text-{n}", what="item")
    except ArticleError as exc:
        return exc


def extract_article(
    article: str | Article, *, id: str = "article", config: RunConfig | None = None, **options: Any
) -> ArticleRecord:
    """Extract one article (text or Article). ``options`` are :class:`RunConfig` fields, e.g.
    ``schema=[Claim]``, ``base_url=...``, ``model=...``, ``strategy=...``, ``cache_dir=...``."""
    with Extractor(RunConfig.of(config, **options)) as ex:
        return ex.extract(as_article(article, id))


def extract_batch(
    inputs: Iterable[str | Path | Article] = (),
    *,
    texts: Iterable[str | dict[str, Any]] = (),
    output: str | Path | None = None,
    overwrite: bool = False,
    config: RunConfig | None = None,
    **options: Any,
) -> Iterator[ArticleRecord | ArticleError]:
    """Records (or the error that stopped each article) for files, folders, globs, JSONL or
    Articles, and for ``texts``: strings, or dicts as JSONL lines are (``text``, ``id``, any
    metadata). With ``output`` the records are also appended to that JSONL, resuming it as the CLI
    does. ``options`` are :class:`RunConfig` fields (``schema``, ``workers``, ``max_calls``...)."""
    given: list[str | Article | ArticleError] = [i if isinstance(i, Article) else str(i) for i in inputs]
    given += [text_article(t, n) for n, t in enumerate(texts, 1)]
    yield from Batch(RunConfig.of(config, **options), given, output=output, overwrite=overwrite)
