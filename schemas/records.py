"""The article record: every grounded item of one article, by kind, with what produced it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, overload

from pydantic import BaseModel, Field, ValidationInfo, computed_field, field_validator

from extract.schemas.kinds import Kind, typed_item
from extract.schemas.news import NEWS_KINDS

# 2.0: items of any kind under ``items`` (1.0 had fixed quotes/events/positions fields).
# 3.0: every verbatim value grounded (``spans``); quotes as source, cue and content; events coded in
# PLOVER (categories, source and target actor lists with countries, mode, context); usage counts
# timed-out calls and the items a kind's check rejected; a position has a target (an actor or
# an issue) and the mentions and quote it stands on; ``kinds``,
# the fingerprint of the kinds asked for, is part of what made the record.
SCHEMA_VERSION = "3.0"

T = TypeVar("T", bound=BaseModel)


class Usage(BaseModel):
    """What producing a record cost."""

    calls: int = 0
    cache_hits: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    dropped: int = Field(default=0, description="Items the model gave that could not be grounded.")
    flagged: int = Field(default=0, description="Items kept with a flag (see Grounding.flags).")
    incomplete: int = Field(
        default=0,
        description="Model passes that failed where the rules' items stand alone: the record lacks the"
        " model's additions and is not cached, so a later run asks again.",
    )
    timeouts: int = Field(
        default=0, description="Model calls that ran past the time limit (the window they asked is skipped)."
    )
    rejected: int = Field(
        default=0,
        description="Items dropped as not of their kind: refused by the kind's validators (after one "
        "re-ask), or grounded in the text but rejected by the kind's check (its rules, or the model "
        "asked whether the item is an instance of the kind as defined).",
    )
    unchecked: int = Field(
        default=0,
        description="Items dropped because the kind's check could not answer for them (its call timed "
        "out or answered garbage); the record is incomplete, so a later run asks again.",
    )
    seconds: float = 0.0

    def add(self, other: Usage) -> Usage:
        """Return the field-wise sum of two usages."""
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in Usage.model_fields})


class ArticleRecord(BaseModel):
    """All grounded items of one article, by kind, with what produced them.

    ``record.items["quotes"]``, ``record.of(Quote)`` and ``record.quotes`` give one kind's items.
    Read back with :meth:`load` (or validated with ``context={"kinds": kinds}``), items are typed
    by the kinds given, the news kinds by default; a kind not given keeps its fields untyped.
    """

    schema_version: str = Field(default=SCHEMA_VERSION, description="The record format's version.")
    article_id: str
    source: str = Field(description="Path (or path:line for JSONL) the article came from.")
    text_sha256: str
    encoding: str = Field(default="utf-8", description="How the article's file was decoded.")
    meta: dict[str, Any] = Field(
        default_factory=dict,
        description="The article's own fields from its JSONL line (date, outlet, url...), passed through.",
    )
    items: dict[str, list[Any]] = Field(
        default_factory=dict,
        description="Grounded items by kind name (e.g. 'quotes'); every kind asked for has a list.",
    )
    model: str = Field(description="The model the run was set up with ('none' for the rules alone).")
    strategy: str
    prompt_version: str
    kinds: str = Field(
        default="",
        description="A fingerprint of the kinds asked for (their models and examples): a run resumes "
        "only a file whose records asked for the same kinds.",
    )
    usage: Usage = Field(default_factory=Usage)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def decided_by(self) -> str:
        """Who made this record's choices: the model when it was asked (or its cached answer was
        used), else 'rules' (a hybrid run where the rules were sure makes no call)."""
        return self.model if self.usage.calls or self.usage.cache_hits else "rules"

    @field_validator("schema_version", mode="before")
    @classmethod
    def _known_version(cls, value: Any) -> Any:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"a record of schema version {value}; this toolkit reads {SCHEMA_VERSION}: "
                "re-run `extract run --overwrite` to rewrite it"
            )
        return value

    @field_validator("items", mode="after")
    @classmethod
    def _typed(cls, items: dict[str, list[Any]], info: ValidationInfo) -> dict[str, list[Any]]:
        given = (info.context or {}).get("kinds", NEWS_KINDS)
        kinds = given if isinstance(given, Mapping) else {k.name: k for k in given}
        return {name: [typed_item(kinds.get(name), i) for i in found] for name, found in items.items()}

    @classmethod
    def load(cls, data: str | bytes | dict[str, Any], kinds: Iterable[Kind] = NEWS_KINDS) -> ArticleRecord:
        """A record read back (JSON text or a dict), its items typed by ``kinds``."""
        context = {"kinds": {k.name: k for k in kinds}}
        if isinstance(data, dict):
            return cls.model_validate(data, context=context)
        return cls.model_validate_json(data, context=context)

    @overload
    def of(self, kind: type[T]) -> list[T]: ...
    @overload
    def of(self, kind: str) -> list[Any]: ...
    def of(self, kind: type[T] | str) -> list[T] | list[Any]:
        """One kind's items: by name (``"quotes"``) or by record class (``Quote``)."""
        if isinstance(kind, str):
            return self.items.get(kind, [])
        return [i for found in self.items.values() for i in found if isinstance(i, kind)]

    def counts(self) -> dict[str, int]:
        return {name: len(found) for name, found in self.items.items()}

    def __getattr__(self, name: str) -> list[Any]:
        # record.quotes, record.casualty, ...: a kind's items by name, for people at a prompt.
        items = self.__dict__.get("items")
        if items is not None and name in items:
            return list(items[name])
        return super().__getattr__(name)  # type: ignore[misc,no-any-return]
