"""Both strategies on one article: the hybrid's grounded candidates, plus whatever the whole-article
call finds that they do not cover. For strong models, where recall beyond the rules pays."""

from __future__ import annotations

from extract.grounding.ground import Grounded
from extract.inputs.load import Article
from extract.providers.base import Provider
from extract.strategies.hybrid import run_hybrid
from extract.strategies.whole import run_whole
from schemas import Kind, Usage


def run_combined(article: Article, kinds: tuple[Kind, ...], provider: Provider) -> tuple[Grounded, Usage]:
    """Hybrid first (its spans and speakers win), then the whole-article call's new items."""
    rules_part, cost = run_hybrid(article, kinds, provider)
    model_part, more = run_whole(article, kinds, provider)
    return rules_part.union(model_part), cost.add(more)
