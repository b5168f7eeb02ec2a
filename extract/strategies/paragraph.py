"""Paragraph-prompted strategy, designed for small local models and open to any kind.

The article is asked a window of paragraphs at a time, with the text just before it as context
(for "he said"). Instructions and worked examples come first and never change within a run, so
they are one prompt prefix that llama.cpp's prompt cache evaluates once; only the window and its
context are new in each call. Answers are grammar-constrained, grounded and re-asked as in
``whole``. A pack may name a sieve: windows it rejects are not asked (they cannot hold its kinds).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from pydantic import BaseModel

from extract.grounding.ground import Grounded, span_of
from extract.inputs.chunk import paragraphs
from extract.inputs.load import Article
from extract.kinds import pack_of
from extract.prompting.build import describe_kinds, worked_examples
from extract.prompting.templates import load_prompt
from extract.providers.base import Provider
from extract.schemas import Kind, Usage
from extract.strategies.whole import ask_grounded

# On the seeds with Qwen2.5-1.5B, larger windows asked for all three news kinds at once found few
# quotes; a paragraph at a time, one kind per pass, is what the model can do.
WINDOW_CHARS = 600
CONTEXT_CHARS = 400
Sieve = Callable[[str, tuple[Kind, ...]], bool]


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """[start, end) of each paragraph, a longer one cut every ``size`` characters."""
    return [(s, min(s + size, end)) for start, end in paragraphs(text) for s in range(start, end, size)]


def context_before(text: str, start: int, size: int = CONTEXT_CHARS) -> str:
    """Up to ``size`` characters before ``start``, from a word boundary on."""
    before = text[max(0, start - size) : start]
    if start > size:
        before = before[before.find(" ") + 1 :]
    return before.strip() or "(none: the passage opens the article)"


def sieve_for(kinds: tuple[Kind, ...]) -> Sieve | None:
    """The sieve of the pack that ships all of ``kinds``, if it has one; otherwise none."""
    packs = {pack_of(k) for k in kinds}
    pack = packs.pop() if len(packs) == 1 else None
    return pack.sieve if pack is not None else None


def ask_windows(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, asked: Callable[[int, int], bool]
) -> tuple[Grounded, Usage]:
    """Ask about every window ``asked(start, end)`` accepts; merge what grounds."""
    prompt = load_prompt("paragraph")
    fixed = {"kinds": describe_kinds(kinds), "examples": worked_examples(kinds)}
    result, usage = Grounded(), Usage()
    for start, end in windows(article.text):
        if not asked(start, end):
            continue
        messages = prompt.render(
            **fixed, context=context_before(article.text, start), passage=article.text[start:end]
        )
        found, cost = ask_grounded(messages, prompt.version, start, article.text, kinds, provider)
        result, usage = result.merge(found, keep_missing=True), usage.add(cost)
    return result, usage


def run_paragraph(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, known: Grounded | None = None
) -> tuple[Grounded, Usage]:
    """One pass per kind over the windows its sieve lets through (all windows without one),
    skipping those where ``known`` already has an item of the kind."""
    result, usage = Grounded(), Usage()
    for kind in kinds:
        had = known.items.get(kind.name, []) if known is not None else []
        found, cost = ask_windows(article, (kind,), provider, _unknown(article.text, kind, had))
        result, usage = result.merge(found, keep_missing=True), usage.add(cost)
    return result, usage


def _unknown(text: str, kind: Kind, had: list[BaseModel]) -> Callable[[int, int], bool]:
    """Windows the kind's sieve lets through (all without one) where no item of ``had`` starts."""
    sieve = sieve_for((kind,))
    starts = sorted(span_of(i)[0] for i in had)

    def asked(s: int, e: int) -> bool:
        passes = sieve is None or sieve(text[s:e], (kind,))
        return passes and bisect_left(starts, s) == bisect_left(starts, e)

    return asked
