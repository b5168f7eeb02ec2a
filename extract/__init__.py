"""Typed, validated, source-grounded records from news articles: quotes, events, positions, or
any kind a Pydantic model declares.

The names below load on first use, so ``import extract.schemas`` (the contract alone) does not
load the engine, and the CLI's start-up pays only for what a command uses.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.analysis.export import records_to_pandas
    from extract.api import extract_article, extract_batch
    from extract.errors import ArticleError, ExtractError, ModelError, ServerError
    from extract.inputs.load import Article, load_articles
    from extract.run.batch import Batch
    from extract.run.config import RunConfig
    from extract.run.extractor import Extractor
    from extract.schemas import Example, Verbatim
    from extract.training.train import train

# Public name -> the module that defines it.
_EXPORTS = {
    "records_to_pandas": "extract.analysis.export",
    "extract_article": "extract.api",
    "extract_batch": "extract.api",
    "ArticleError": "extract.errors",
    "ExtractError": "extract.errors",
    "ModelError": "extract.errors",
    "ServerError": "extract.errors",
    "Article": "extract.inputs.load",
    "load_articles": "extract.inputs.load",
    "Batch": "extract.run.batch",
    "RunConfig": "extract.run.config",
    "Extractor": "extract.run.extractor",
    "Example": "extract.schemas",
    "Verbatim": "extract.schemas",
    "train": "extract.training.train",
}

__all__ = [
    "Article",
    "ArticleError",
    "Batch",
    "Example",
    "ExtractError",
    "Extractor",
    "ModelError",
    "RunConfig",
    "ServerError",
    "Verbatim",
    "extract_article",
    "extract_batch",
    "load_articles",
    "records_to_pandas",
    "train",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
