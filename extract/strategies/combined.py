"""Rules and model together on one article: the rules' grounded items (the model settling their
open choices), plus the model's items that no rule item covers, for recall beyond the rules."""

from __future__ import annotations

import logging

from extract.errors import ModelError
from extract.grounding.ground import Grounded, span_of
from extract.inputs.chunk import sentence_around
from extract.inputs.load import Article
from extract.kinds import pack_of
from extract.providers.base import Provider
from extract.schemas import Kind, Usage
from extract.strategies.hybrid import run_hybrid, run_rules_of
from extract.strategies.paragraph import run_paragraph
from extract.strategies.whole import run_whole

notes = logging.getLogger("extract")


def run_combined(article: Article, kinds: tuple[Kind, ...], provider: Provider) -> tuple[Grounded, Usage]:
    """Hybrid first (its spans and speakers win), then the whole-article call's new items."""
    rules_part, cost = run_hybrid(article, kinds, provider)
    model_part, more = run_whole(article, kinds, provider)
    return rules_part.union(model_part), cost.add(more)


def run_rules_paragraph(
    article: Article, kinds: tuple[Kind, ...], provider: Provider
) -> tuple[Grounded, Usage]:
    """Hybrid first (its spans and speakers win), then the paragraph pass's new items.

    The model is asked, a paragraph at a time and once, about the kinds no rules know (sieved
    and checked against their own definitions: see ``paragraph``) and those their pack names in
    ``recall_from_model``. Of its items that no rule item covers, a kind's pack may keep only
    those its ``verify`` accepts: on the seeds with Qwen2.5-1.5B the model's quotes scored below
    the rules' and their plain union no better than the rules, and the extras the news pack's
    check rejects (no quote mark, no speech or belief word in their sentence) were all false.
    """
    rules_part, cost = run_rules_of(article, kinds, provider)
    packs = {k.name: pack_of(k) for k in kinds}
    asked = tuple(
        k for k in kinds if (p := packs[k.name]) is None or p.rules is None or k.name in p.recall_from_model
    )
    if not asked:
        return rules_part, cost
    try:
        model_part, more = run_paragraph(article, asked, provider, known=rules_part)
    except ModelError as exc:
        # The model only adds recall here: a call that times out or answers garbage must not cost
        # the article the rules' items.
        notes.warning(f"{article.source}: the model's pass failed, the rules' items are kept: {exc}")
        return rules_part, cost.model_copy(update={"incomplete": cost.incomplete + 1})
    checks = {k.name: p.verify if (p := packs[k.name]) else None for k in asked}
    extra = Grounded(missing=model_part.missing)
    for kind_name, item in model_part.pairs():
        start, end = span_of(item)
        verify = checks[kind_name]
        if verify is None or verify(article.text, sentence_around(article.text, start, end), start, end):
            extra.add(kind_name, item)
    return rules_part.union(extra), cost.add(more)
