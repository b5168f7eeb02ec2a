"""Hybrid strategy: a pack's rules find the candidates and the model settles their open choices
under a grammar; kinds no rules know (a user's own) are asked of the model whole.

Each choice is one small question whose answer is an enum (speaker among candidate actors, event
type, stance), so a tiny model cannot invent text.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from extract.errors import ModelError
from extract.grounding.ground import Grounded, ground
from extract.inputs.load import Article
from extract.kinds import pack_of, rules_for
from extract.prompting.templates import load_prompt
from extract.providers.base import Provider
from extract.schemas import Kind, Usage
from extract.schemas.kinds import Drafted
from extract.strategies.whole import run_whole

notes = logging.getLogger("extract")


def choice_model(name: str, options: list[str], description: str) -> type[BaseModel]:
    """A one-field model whose JSON schema is an enum of ``options`` (a grammar for the server)."""
    literal: Any = Literal[tuple(options)]  # a runtime-built enum: opaque to the type checker
    return create_model(name, choice=(literal, Field(description=description)))


def choices_model(name: str, options: list[list[str]], descriptions: list[str]) -> type[BaseModel]:
    """A model with one enum field per question, in order (``answer_1``, ``answer_2``, ...): several
    choices asked of the model in one grammar-constrained call."""
    fields: dict[str, Any] = {
        f"answer_{n}": (Literal[tuple(opts)], Field(description=text))
        for n, (opts, text) in enumerate(zip(options, descriptions, strict=True), 1)
    }
    return create_model(name, **fields)


def _safe(options: list[str]) -> list[str]:
    """The options a grammar can hold: llama-cpp-python's schema-to-grammar breaks on quotes and
    backslashes inside enum values."""
    return [o for o in options if not set(o) & {'"', "\\"}]


class Asker:
    """Puts the rules' open choices to the model and adds up what they cost (a rules Chooser).

    With ``decide_all`` the model makes every choice (the rules' guess listed first);
    otherwise only those the rules leave open, of the kinds ``decides`` names (the packs'
    ``model_decides``: the others keep the rules' guess). Without ``use_model`` the rules' guess (the first
    option) stands everywhere: the no-model baseline the model's choices are measured against.
    """

    def __init__(
        self,
        provider: Provider,
        decide_all: bool = False,
        use_model: bool = True,
        decides: frozenset[str] | None = None,
    ) -> None:
        self.provider = provider
        self.decide_all = decide_all
        self.use_model = use_model
        self.decides = decides
        self.usage = Usage()

    def asks(self, prompt_name: str) -> bool:
        """Whether choices of ``prompt_name`` go to the model (else the rules' guess stands)."""
        if not self.use_model:
            return False
        return self.decide_all or self.decides is None or prompt_name in self.decides

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str:
        if not self.asks(prompt_name):
            return options[0]
        safe = _safe(options)
        if len(safe) <= 1:
            return safe[0] if safe else options[0]
        options = safe
        prompt = load_prompt(prompt_name)
        model = choice_model(f"{prompt_name.title().replace('_', '')}Choice", options, description)
        try:
            answer, cost = self.provider.structured(prompt.render(**values), model, prompt.version)
        except ModelError as exc:
            # A choice the model could not make (timeout, garbage) keeps the rules' guess rather than
            # failing the article; the record is incomplete, so a later run asks again.
            notes.warning(f"a {prompt_name} choice kept the rules' guess {options[0]!r}: {exc}")
            self.usage = self.usage.add(exc.usage or Usage(calls=1)).add(Usage(incomplete=1))
            return options[0]
        self.usage = self.usage.add(cost)
        return str(answer.choice)  # type: ignore[attr-defined]

    def choose_each(
        self, prompt_name: str, options: list[list[str]], descriptions: list[str], **values: str
    ) -> list[str]:
        """Several choices in one call (each question's options, the rules' guess first, and what
        it asks); every rules' guess where the model is not asked or fails."""
        guesses = [opts[0] for opts in options]
        options = [_safe(opts) or opts[:1] for opts in options]
        if not self.asks(prompt_name) or all(len(opts) <= 1 for opts in options):
            return guesses
        prompt = load_prompt(prompt_name)
        model = choices_model(f"{prompt_name.title().replace('_', '')}Choices", options, descriptions)
        try:
            answer, cost = self.provider.structured(prompt.render(**values), model, prompt.version)
        except ModelError as exc:
            notes.warning(f"{len(options)} {prompt_name} choices kept the rules' guesses: {exc}")
            self.usage = self.usage.add(exc.usage or Usage(calls=1)).add(Usage(incomplete=1))
            return guesses
        self.usage = self.usage.add(cost)
        return [str(getattr(answer, f"answer_{n}")) for n in range(1, len(options) + 1)]


RulesFn = Callable[..., list[Drafted]]  # (article, kinds, asker[, doc=parse]) -> drafts


def _run(
    article: Article, kinds: tuple[Kind, ...], ask: Asker, whole_unruled: bool = True, doc: Any | None = None
) -> tuple[Grounded, Usage]:
    """Each pack's rules over its kinds (over ``doc``, the article's parse, where the caller has
    one); the model, whole, over the kinds no rules know (unless ``whole_unruled`` is off: a
    later pass asks them)."""
    by_rules: dict[RulesFn, list[Kind]] = {}
    unruled: list[Kind] = []
    for kind in kinds:
        if (rules := rules_for(kind)) is not None:
            by_rules.setdefault(rules, []).append(kind)
        else:
            unruled.append(kind)
    drafted = [d for rules, ks in by_rules.items() for d in _rules_of(rules, article, tuple(ks), ask, doc)]
    result, usage = ground(drafted, article.text), ask.usage
    if unruled and whole_unruled:
        asked, cost = run_whole(article, tuple(unruled), ask.provider)
        result, usage = result.union(asked), usage.add(cost)
    return result, usage


def _rules_of(
    rules: RulesFn, article: Article, kinds: tuple[Kind, ...], ask: Asker, doc: Any | None
) -> list[Drafted]:
    """A pack's drafts, handed the caller's parse where it has one and the pack's rules take a
    ``doc`` (a pack written before they could is called as it was)."""
    if doc is not None and "doc" in inspect.signature(rules).parameters:
        return rules(article, kinds, ask, doc=doc)
    return rules(article, kinds, ask)


def _deciding(provider: Provider, kinds: tuple[Kind, ...], also: tuple[str, ...] = ()) -> Asker:
    """A chooser asking the model the open choices its kinds' packs hand it (and ``also``)."""
    packs = {pack for kind in kinds if (pack := pack_of(kind)) is not None}
    return Asker(provider, decides=frozenset([*(p for pack in packs for p in pack.model_decides), *also]))


def run_hybrid(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, doc: Any | None = None
) -> tuple[Grounded, Usage]:
    """Candidates from the rules (over ``doc``, the article's parse, if given); the model settles
    the choices the rules leave open."""
    return _run(article, kinds, _deciding(provider, kinds), doc=doc)


def run_hybrid_stances(
    article: Article, kinds: tuple[Kind, ...], provider: Provider
) -> tuple[Grounded, Usage]:
    """:func:`run_hybrid`, the model also settling the stances no word states, one call per
    sentence (a candidate for the default, measured against its time budget)."""
    return _run(article, kinds, _deciding(provider, kinds, also=("stances",)))


def run_rules_of(article: Article, kinds: tuple[Kind, ...], provider: Provider) -> tuple[Grounded, Usage]:
    """The rules' items of the kinds they know, the model settling their open choices; the
    kinds no rules know are left to the caller."""
    return _run(article, kinds, _deciding(provider, kinds), whole_unruled=False)


def run_hybrid_all(article: Article, kinds: tuple[Kind, ...], provider: Provider) -> tuple[Grounded, Usage]:
    """Candidates from the rules; the model makes every choice (for comparison)."""
    return _run(article, kinds, Asker(provider, decide_all=True))


def run_rules(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, doc: Any | None = None
) -> tuple[Grounded, Usage]:
    """Candidates and the rules' guesses only, no model call (the baseline for the model); over
    ``doc``, the article's parse, where the caller has one."""
    return _run(article, kinds, Asker(provider, use_model=False), doc=doc)
