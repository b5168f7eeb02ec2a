"""Paragraph-prompted strategy, designed for small local models and open to any kind.

The article is asked a window of paragraphs at a time, with the text just before it as context
(for "he said"). Instructions and worked examples come first and never change within a run, so
they are one prompt prefix that llama.cpp's prompt cache evaluates once; only the window and its
context are new in each call. Answers are grammar-constrained, grounded and re-asked as in
``whole``. A pack may name a sieve: windows it rejects are not asked (they cannot hold its kinds);
a user's kind is sieved by its own definition (``rules/kind_sieve.py``) and its items checked
against it (``check.py``). Replies are bounded by the window's size and a cap on items.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable

from pydantic import BaseModel

from extract.errors import ModelError
from extract.grounding.ground import Grounded, span_of
from extract.inputs.chunk import paragraphs
from extract.inputs.load import Article
from extract.kinds import pack_of
from extract.prompting.build import describe_kinds, worked_examples
from extract.prompting.templates import load_prompt
from extract.providers.base import Message, Provider, Tools
from extract.rules.kind_sieve import may_hold
from extract.schemas import Kind, Usage
from extract.strategies.check import VERDICT, check_items
from extract.strategies.whole import ask_grounded, extraction_model

# On the seeds with Qwen2.5-1.5B, larger windows asked for all three news kinds at once found few
# quotes; a paragraph at a time, one kind per pass, is what the model can do.
WINDOW_CHARS = 600
CONTEXT_CHARS = 400
# Replies bounded by the window: its items are copied from it, so a reply needs about as many
# tokens as the window has characters over two, plus the JSON around them; and a list of a
# window's items closes after MAX_ITEMS (one constant, so every window's tool schema, and so
# the prompt prefix the server caches, is the same).
REPLY_BASE_TOKENS = 96
MAX_ITEMS = 8
Sieve = Callable[[str, tuple[Kind, ...]], bool]
notes = logging.getLogger("extract")


def reply_limit(chars: int) -> int:
    """The reply limit for a window of ``chars`` characters."""
    return REPLY_BASE_TOKENS + chars // 2


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
    """The sieve of the pack that ships all of ``kinds``, if it has one; for kinds no pack ships
    (a user's own), the sieve their definitions give; otherwise none."""
    packs = {pack_of(k) for k in kinds}
    if packs == {None}:
        return may_hold
    pack = packs.pop() if len(packs) == 1 else None
    return pack.sieve if pack is not None else None


def ask_windows(
    article: Article,
    kinds: tuple[Kind, ...],
    provider: Provider,
    asked: Callable[[int, int], bool],
    tools: Tools = (),
) -> tuple[Grounded, Usage]:
    """Ask about every window ``asked(start, end)`` accepts; merge what grounds (``tools``: the
    models every call of the pass lists, see ``Provider.structured``)."""
    prompt = load_prompt("paragraph")
    fixed = _fixed(kinds)
    model = extraction_model(kinds, MAX_ITEMS)
    result, usage = Grounded(), Usage()
    for start, end in windows(article.text):
        if not asked(start, end):
            continue
        messages = prompt.render(
            **fixed, context=context_before(article.text, start), passage=article.text[start:end]
        )
        try:
            found, cost = ask_grounded(
                messages,
                prompt.version,
                start,
                article.text,
                kinds,
                provider,
                model,
                reply_limit(end - start),
                article.source,
                tools,
            )
        except ModelError as exc:
            # One window's runaway or garbage costs that window, not the article: the record is
            # marked incomplete (not cached, asked again by a later run).
            notes.warning(f"{article.source}: a passage at {start} was not extracted: {exc}")
            spent = exc.usage or Usage(calls=1)
            usage = usage.add(spent).add(Usage(incomplete=1))
            continue
        result, usage = result.merge(found, keep_missing=True), usage.add(cost)
    return result, usage


def _fixed(kinds: tuple[Kind, ...]) -> dict[str, str]:
    return {"kinds": describe_kinds(kinds), "examples": worked_examples(kinds)}


def system_message(kinds: tuple[Kind, ...]) -> Message:
    """The pass's system message for ``kinds``: the same in every call of the pass."""
    system: Message = load_prompt("paragraph").render(**_fixed(kinds), context="", passage="")[0]
    return system


def pass_tools(kind: Kind) -> Tools:
    """The tools every call of a checked kind's pass lists, extraction and check alike: with the
    same system message, the one-slot server evaluates their common prefix once, where a prompt
    of the check's own cost two prefixes an article (the check's, then the pass's again)."""
    return (extraction_model((kind,), MAX_ITEMS), VERDICT)


def run_paragraph(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, known: Grounded | None = None
) -> tuple[Grounded, Usage]:
    """One pass per kind over the windows its sieve lets through (all windows without one),
    skipping those where ``known`` already has an item of the kind."""
    result, usage = Grounded(), Usage()
    for kind in kinds:
        had = known.items.get(kind.name, []) if known is not None else []
        checked = pack_of(kind) is None  # a user's kind: its items checked against its definition
        tools = pass_tools(kind) if checked else ()
        found, cost = ask_windows(article, (kind,), provider, _unknown(article.text, kind, had), tools)
        if checked:
            system = system_message((kind,))
            found, more = check_items(article.text, kind, found, provider, system, tools)
            cost = cost.add(more)
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
