"""Typed, validated, source-grounded events, quotes and positions from news articles."""

from extract.load import Article, load_articles
from extract.pipeline import Extractor, extract_article, extract_batch

__all__ = ["Article", "Extractor", "extract_article", "extract_batch", "load_articles"]
