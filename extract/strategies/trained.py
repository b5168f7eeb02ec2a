"""Trained strategies: a model folder from ``extract train`` finds each kind's spans and makes its
choices; the fields it cannot learn (free text, actors) come from the rules' item at the same
place, and with ``trained+model`` from one short call about the span already found."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from extract.grounding.ground import Grounded, ground, span_of
from extract.inputs.load import Article
from extract.kinds import rules_for
from extract.learned.bounds import choose as choose_bounds
from extract.learned.model import KindModel, TrainedModel, choose, tagged_spans
from extract.learned.parts import (
    choices_of,
    context_fields,
    overlapping,
    roles_of,
    set_at,
    shared,
    spans_at,
    unlearned_required,
    value_at,
    words_of,
)
from extract.prompting.templates import load_prompt
from extract.providers.base import Provider
from extract.rules.parse import nlp, paragraph_context
from extract.schemas import Kind, Usage
from extract.schemas.kinds import Drafted, dotted
from extract.strategies.hybrid import run_hybrid, run_rules


def run_trained(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, trained: TrainedModel
) -> tuple[Grounded, Usage]:
    """Spans and choices from the trained model; other fields from the rules, no model call."""
    return _trained(article, kinds, provider, trained, ask_model=False)


def run_rules_trained(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, trained: TrainedModel
) -> tuple[Grounded, Usage]:
    """The trained model's items, and the rules' items that share no character with one of
    them (the rules' recall where the tagger found nothing), no model call."""
    return _trained(article, kinds, provider, trained, ask_model=False, rules_fill=True)


def run_trained_model(
    article: Article, kinds: tuple[Kind, ...], provider: Provider, trained: TrainedModel
) -> tuple[Grounded, Usage]:
    """Spans and choices from the trained model; a field neither it nor the rules fill is asked
    of the model about the span found."""
    return _trained(article, kinds, provider, trained, ask_model=True)


def _trained(
    article: Article,
    kinds: tuple[Kind, ...],
    provider: Provider,
    trained: TrainedModel,
    ask_model: bool,
    rules_fill: bool = False,
) -> tuple[Grounded, Usage]:
    learned = {k.name: m for k in kinds if (m := trained.of(k)) is not None}
    others = tuple(k for k in kinds if k.name not in learned)
    untrained = run_hybrid if ask_model else run_rules
    mine = tuple(k for k in kinds if k.name in learned)
    if not mine:
        return untrained(article, others, provider) if others else (Grounded(), Usage())
    # The rules' items give the fields the model cannot learn, a stacked tagger's features and
    # rules+trained's extra items; only kinds that need them run them.
    needy = tuple(
        k
        for k in mine
        if rules_for(k) is not None and (unlearned_required(k) or learned[k.name].stacked or rules_fill)
    )
    # One parse for the rules and the tagger: a second parse was most of what a trained run cost
    # beyond the rules (2.1x their CPU time then, 1.1-1.4x now: docs/training.md).
    doc = nlp()(article.text)
    if ask_model:  # the untrained kinds' open choices go to the model, the trained kinds' rules not
        result, usage = run_hybrid(article, others, provider, doc=doc) if others else (Grounded(), Usage())
        rules, _ = run_rules(article, needy, provider, doc=doc) if needy else (Grounded(), Usage())
    else:  # one pre-pass of the rules for the untrained kinds and the trained kinds' rules' items
        both, usage = run_rules(article, others + needy, provider, doc=doc)  # none: nothing runs
        result, rules = both.only(k.name for k in others), both.only(k.name for k in needy)
    drafted: list[Drafted] = []
    for kind in mine:
        model = learned[kind.name]
        rule_items = rules.items.get(kind.name, [])
        found = tagged_spans(model, kind, doc, rule_items)
        seeds = [(s[kind.anchor], spans_at(rule_items, s[kind.anchor])) for s in found]
        if rules_fill:
            # The rules' items no tagged anchor touches are drafted as the tagged ones are: their
            # edges set by the chooser (trained on such seeds too, fit.py's seeds), their other
            # parts from the rules' item itself.
            tagged = [s for s, _ in seeds]
            left = [span_of(i) for i in rule_items if not any(shared(span_of(i), t) > 0 for t in tagged)]
            found += [{kind.anchor: span} for span in left]
            seeds += [(span, []) for span in left]
        if model.bounds is not None:  # the learned chooser sets each anchor's two edges
            for (seed, _), spans, chosen in zip(
                seeds, found, choose_bounds(model.bounds, doc, seeds), strict=True
            ):
                # an edge pair that left its seed altogether is not the same item any more
                spans[kind.anchor] = chosen if shared(chosen, seed) > 0 else seed
        for spans in found:
            draft, hints, cost = _draft(kind, model, doc, article.text, spans, rule_items,
                                        provider if ask_model else None)  # fmt: skip
            usage = usage.add(cost)
            if draft is not None:
                drafted.append((kind, draft, hints))
    mine_found = ground(drafted, article.text)
    if rules_fill:
        mine_found = mine_found.beside(rules)
    return result.union(mine_found), usage


def _draft(
    kind: Kind, model: KindModel, doc: Any, text: str, spans: dict[str, tuple[int, int]],
    rule_items: list[BaseModel], ask: Provider | None,
) -> tuple[BaseModel | None, dict[str, int], Usage]:  # fmt: skip
    """One item's draft: its learned spans and choices, the rules' item at the same place for the
    rest, then (with a model) one call for the fields still missing; None if it stays invalid.
    Also where each part was found (grounding's hints: the tagged 'he', not the 'he' nearest the
    content)."""
    start, end = spans[kind.anchor]
    values: dict[str, Any] = {}
    hints = {kind.anchor: start}
    same = overlapping(rule_items, start, end)
    theirs = same.model_dump(mode="json") if same is not None else {}
    values.update({f: v for f in context_fields(kind) if (v := theirs.get(f)) is not None})
    for role in roles_of(kind):
        ruled = value_at(theirs, role.path)
        if role.name in spans and not (role.rules_first and ruled is not None):
            s, e = spans[role.name]
            set_at(values, role.path, text[s:e])
            hints[dotted(role.path)] = s
            for path in role.also:
                if path[0] not in values:
                    set_at(values, path, text[s:e])
        elif ruled is not None:
            # The rules' item at the same place gives the part: the tagger found none near the
            # item (a quote's source a paragraph up), or the rules' finder is the better one.
            values[role.path[0]] = theirs[role.path[0]]
            # and what it also fills: the speaker it resolved the source to ('he' -> 'Mayor Ana
            # Silva'), the actor a reader wants; PolNeAR's gold speaker is the source's words, so
            # its lenient score is about 0.015 lower for it (docs/training.md)
            values.update({p[0]: theirs[p[0]] for p in role.also if p[0] not in values and p[0] in theirs})
            if (at := (theirs.get("spans") or {}).get(dotted(role.path))) is not None:
                hints[dotted(role.path)] = int(at["start"])
    context = {f: w for f in context_fields(kind) if (w := words_of(values.get(f)))}
    chosen = choose(model, doc, (start, end), context, choices_of(kind, same))
    values.update({k: v for k, v in chosen.items() if v is not None})
    try:
        return kind.draft.model_validate(values), hints, Usage()
    except ValidationError as exc:
        if ask is None:
            return None, hints, Usage()
        missing = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]} - set(values))
        draft, cost = _ask_missing(kind, values, missing, text, (start, end), ask)
        return draft, hints, cost


def _ask_missing(
    kind: Kind, values: dict[str, Any], missing: list[str], text: str, span: tuple[int, int], ask: Provider
) -> tuple[BaseModel | None, Usage]:
    """The fields still missing, asked of the model about the item already found (a short call
    whose reply is only those fields)."""
    fields = kind.draft.model_fields
    if not missing or any(m not in fields for m in missing):
        return None, Usage()
    reply_model = create_model(
        f"{kind.draft.__name__}Rest", **{m: (fields[m].annotation, fields[m]) for m in missing}
    )  # type: ignore[call-overload]
    prompt = load_prompt("fill")
    messages = prompt.render(context=paragraph_context(text, *span), item=text[span[0] : span[1]],
                             kind=kind.instructions)  # fmt: skip
    answer, cost = ask.structured(messages, reply_model, prompt.version)
    try:
        return kind.draft.model_validate(values | answer.model_dump(mode="json")), cost
    except ValidationError:
        return None, cost
