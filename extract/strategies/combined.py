"""Both strategies on one article: the hybrid's grounded candidates, plus whatever the whole-article
call finds that they do not cover. For strong models, where recall beyond the rules pays."""

from __future__ import annotations

from extract.ground import Grounded
from extract.llm import LLM
from extract.load import Article
from extract.strategies.hybrid import run_hybrid
from extract.strategies.whole import run_whole
from schemas import Usage


def run_combined(article: Article, llm: LLM) -> tuple[Grounded, Usage]:
    """Hybrid first (its spans and speakers win), then the whole-article call's new items."""
    rules_part, cost = run_hybrid(article, llm)
    model_part, more = run_whole(article, llm)
    return rules_part.union(model_part), cost.add(more)
