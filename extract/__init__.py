"""Typed, validated, source-grounded records from news articles: quotes, events, positions, or
any kind a Pydantic model declares."""

from extract.analysis.export import records_to_pandas
from extract.api import extract_article, extract_batch
from extract.errors import ArticleError, ExtractError, ModelError, ServerError
from extract.inputs.load import Article, load_articles
from extract.run.batch import Batch
from extract.run.config import RunConfig
from extract.run.extractor import Extractor
from schemas import Example, Verbatim

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
]
