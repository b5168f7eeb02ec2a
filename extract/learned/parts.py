"""Which parts of a kind are learned: its spans (verbatim fields, and the quote triple's source
and cue) and its choices (enum, Literal and bool fields)."""

from __future__ import annotations

import types
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from extract.grounding.ground import span_of
from extract.schemas import QUOTES, Kind
from extract.schemas.kinds import GROUNDING_FIELDS, dotted

# A role's words (a quote's speaker, say) are looked for this far from the item's anchor.
NEAR_CHARS = 400


@dataclass(frozen=True)
class Role:
    """A span of an item the tagger learns: its name, the field path holding its words, and
    other paths its words are also written to."""

    name: str
    path: tuple[str, ...]
    also: tuple[tuple[str, ...], ...] = ()
    rules_first: bool = False  # a run takes the part from the rules' item at the same place if it has one


def roles_of(kind: Kind) -> tuple[Role, ...]:
    """The spans learned for ``kind``: its verbatim fields, anchor first, as the quote triple's
    parts where the kind is the news quotes."""
    parts = {r.path[0]: r for r in quote_parts(kind)}
    own = tuple(parts.get(f, Role(f, (f,))) for f in kind.verbatim)
    return own + tuple(r for r in parts.values() if r.path[0] not in kind.verbatim)


def quote_parts(kind: Kind) -> tuple[Role, ...]:
    """Citron's triple for the news quotes: the content is the anchor; the source and the cue are
    learned as spans too, the source's words also naming the ``speaker`` (as PolNeAR's gold does).
    In a run the rules' source and cue for the same content come first: the rules find them from
    the cue's parse, where the tagger's link only takes the nearest tagged span (on 100 held-out
    PolNeAR train articles: source overlap 0.742 -> 0.749, cue exact 0.649 -> 0.655, linked
    0.675 -> 0.692). The one place the quote kind's fields are mapped to the triple."""
    if kind.name != QUOTES.name:
        return ()
    cue = Role("cue", ("cue",), rules_first=True)
    if "source" in kind.draft.model_fields:  # the triple: source and cue are verbatim fields
        return (Role("source", ("source",), also=(("speaker", "name"),), rules_first=True), cue)
    return (Role("source", ("speaker", "name"), rules_first=True), cue)


def value_at(item: BaseModel | dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` in an item (a model or its JSON), None where a part is missing."""
    value: Any = item
    for part in path:
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value is None:
            return None
    return value


def set_at(values: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Write ``value`` at ``path`` in an item's JSON, making the dicts on the way."""
    for part in path[:-1]:
        values = values.setdefault(part, {})
    values[path[-1]] = value


def options_of(annotation: Any) -> list[Any] | None:
    """The closed set of values a field takes (an enum, a Literal, a bool; optional or not)."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return options_of(inner[0]) if len(inner) == 1 else None
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [m.value for m in annotation]
    if annotation is bool:
        return [True, False]
    return None


def choice_fields(kind: Kind) -> dict[str, list[Any]]:
    """The kind's fields a classifier learns, with their options."""
    out: dict[str, list[Any]] = {}
    for name, info in kind.draft.model_fields.items():
        if name in GROUNDING_FIELDS or name in kind.verbatim:
            continue
        if (options := options_of(info.annotation)) is not None:
            out[name] = options
    return out


def context_fields(kind: Kind) -> tuple[str, ...]:
    """The kind's free-text and actor fields: their words (when the rules or the data give them)
    help a classifier, e.g. a position's holder and issue for its stance."""
    roles = roles_of(kind)
    learned = {r.path[0] for r in roles} | {p[0] for r in roles for p in r.also} | set(choice_fields(kind))
    return tuple(n for n in kind.draft.model_fields if n not in GROUNDING_FIELDS and n not in learned)


def words_of(value: Any) -> str | None:
    """A field's words for the classifier: a string, or an actor's name."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def unlearned_required(kind: Kind) -> tuple[str, ...]:
    """The required fields of ``kind`` no learner fills: the rules or a model must."""
    fields = kind.draft.model_fields
    return tuple(f for f in context_fields(kind) if fields[f].is_required())


def role_spans(kind: Kind, item: BaseModel, text: str) -> dict[str, tuple[int, int]]:
    """Where each role of ``item`` stands: the anchor at the item's offsets, the other roles at
    their own offsets where the item keeps them (``spans``: a corpus's, grounding's), else at the
    occurrence of their words nearest to it (none when they are not within reach)."""
    start, end = int(getattr(item, "start", 0)), int(getattr(item, "end", 0))
    kept = getattr(item, "spans", {}) or {}
    out: dict[str, tuple[int, int]] = {}
    for role in roles_of(kind):
        if role.name == kind.anchor:
            out[role.name] = (start, end)
            continue
        words = value_at(item, role.path)
        at = kept.get(dotted(role.path))
        if isinstance(words, str) and at is not None and text[at.start : at.end] == words:
            out[role.name] = (at.start, at.end)
            continue
        for path in role.also:  # a record of the triple without its source: the speaker's name
            words = words if words is not None else value_at(item, path)
        if isinstance(words, str) and words.strip():
            found = nearest(text, words.strip(), start, end)
            if found is not None:
                out[role.name] = found
    return out


def nearest(text: str, words: str, start: int, end: int) -> tuple[int, int] | None:
    """The occurrence of ``words`` nearest to [start, end) outside it, within NEAR_CHARS."""
    best: tuple[int, int] | None = None
    lo = max(0, start - NEAR_CHARS - len(words))
    at = text.find(words, lo)
    while 0 <= at <= end + NEAR_CHARS:
        stop = at + len(words)
        if stop <= start or at >= end:
            gap = start - stop if stop <= start else at - end
            if best is None or gap < best[0]:
                best = (gap, at)
        at = text.find(words, at + 1)
    return (best[1], best[1] + len(words)) if best is not None else None


def item_spans(kind: Kind, items: list[BaseModel], text: str) -> list[tuple[int, int, str]]:
    """Every role span of ``items`` as (start, end, role): what a tagger's BIO labels mark."""
    return [(s, e, role) for item in items for role, (s, e) in role_spans(kind, item, text).items()]


def shared(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two spans share (0 or less where they share none)."""
    return min(a[1], b[1]) - max(a[0], b[0])


def overlapping(items: list[BaseModel], start: int, end: int) -> BaseModel | None:
    """The item sharing the most characters with [start, end), None if none shares any."""
    best = max(items, key=lambda item: shared(span_of(item), (start, end)), default=None)
    return best if best is not None and shared(span_of(best), (start, end)) > 0 else None


def overlapping_span(spans: list[tuple[int, int]], at: tuple[int, int]) -> tuple[int, int] | None:
    """The span among ``spans`` sharing the most characters with ``at``, None if none shares any."""
    best = max(spans, key=lambda s: shared(s, at), default=None)
    return best if best is not None and shared(best, at) > 0 else None


def spans_at(items: list[BaseModel], at: tuple[int, int]) -> list[tuple[int, int]]:
    """The span of the item among ``items`` that overlaps ``at`` most, if one does (the other
    finders' span a boundary chooser reads beside its seed)."""
    same = overlapping(items, *at)
    return [] if same is None else [span_of(same)]


def choices_of(kind: Kind, item: BaseModel | None) -> dict[str, str]:
    """An item's values of the kind's choice fields, as text (what a stacked classifier reads)."""
    if item is None:
        return {}
    out = {}
    for name in choice_fields(kind):
        value = value_at(item, (name,))
        if value is not None:
            out[name] = str(getattr(value, "value", value))
    return out
