"""The record contract: what the model fills (drafts) and what the toolkit writes (records).

Field descriptions are read by people and sent to the model as part of the JSON schema.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class EventType(StrEnum):
    """Closed event vocabulary for diplomatic and political news."""

    MEET = "meet"
    NEGOTIATE = "negotiate"
    STATEMENT = "statement"
    THREATEN = "threaten"
    SANCTION = "sanction"
    REFERENDUM = "vote_referendum"
    DEPLOY_FORCE = "deploy_force"
    DEMAND = "demand"
    AGREE = "agree"
    REJECT = "reject"
    PROTEST = "protest"
    OTHER = "other"


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral_or_mixed"


class Actor(BaseModel):
    """A person, organisation, country or group named in the article."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        description="The actor's name as the article writes it, e.g. 'John Kerry', 'Russia'.",
        min_length=1,
    )
    kind: Literal["person", "organization", "country", "group", "other"] = Field(
        default="other", description="What sort of actor this is."
    )


class EventActor(BaseModel):
    """An actor taking part in an event, with its role."""

    actor: Actor
    role: Literal["source", "target", "other"] = Field(
        description="'source' does the action, 'target' receives it, 'other' takes part otherwise."
    )


class QuoteDraft(BaseModel):
    """Words the article attributes to a speaker."""

    text: str = Field(
        description="The exact words of the quote, copied character for character from the article.",
        min_length=1,
    )
    speaker: Actor = Field(description="Who said the words.")
    cue: str | None = Field(
        default=None, description="The verb introducing the quote as written, e.g. 'said', 'told'."
    )
    direct: bool = Field(
        description="True if the words stand inside quotation marks, false for reported speech."
    )


class EventDraft(BaseModel):
    """Who did what to whom, when and where."""

    type: EventType = Field(description="The kind of event, from the closed vocabulary.")
    actors: list[EventActor] = Field(default_factory=list, description="Actors and their roles.")
    time: str | None = Field(
        default=None, description="The time as written in the article, e.g. 'on Sunday'."
    )
    date: str | None = Field(
        default=None,
        description="The time normalised to an ISO date (YYYY-MM-DD) when the article's date allows.",
    )
    place: str | None = Field(default=None, description="Where it happened, as written.")
    evidence: str = Field(
        description="The sentence or clause of the article that states the event, copied exactly.",
        min_length=1,
    )


class PositionDraft(BaseModel):
    """An actor's stance on an issue."""

    holder: Actor = Field(description="Who holds the position.")
    issue: str = Field(
        description="The issue, in a few words, e.g. 'legitimacy of the Crimea referendum'.",
        min_length=1,
    )
    stance: Stance = Field(description="The holder's stance on the issue.")
    evidence: str = Field(
        description="The sentence of the article that shows the stance, copied exactly.",
        min_length=1,
    )


class Extraction(BaseModel):
    """Everything the model reports for one article (or one chunk of it)."""

    quotes: list[QuoteDraft] = Field(default_factory=list, description="Every quote, direct or indirect.")
    events: list[EventDraft] = Field(default_factory=list, description="Every event.")
    positions: list[PositionDraft] = Field(default_factory=list, description="Every stated position.")


class Grounding(BaseModel):
    """Where an item's evidence stands in the article: text[start:end] == evidence."""

    evidence: str = Field(description="The exact supporting text from the article.")
    start: int = Field(ge=0, description="Offset of the evidence's first character.")
    end: int = Field(ge=0, description="Offset just past the evidence's last character.")
    match: Literal["exact", "normalised", "fuzzy", "rule"] = Field(
        default="exact", description="How the evidence was aligned to the text."
    )


class Quote(QuoteDraft, Grounding):
    """A grounded quote; its evidence is the quote's words as they stand in the article."""


class Event(EventDraft, Grounding):
    """A grounded event."""


class Position(PositionDraft, Grounding):
    """A grounded position."""


class Usage(BaseModel):
    """What producing a record cost."""

    calls: int = 0
    cache_hits: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    dropped: int = Field(default=0, description="Items the model gave that could not be grounded.")
    seconds: float = 0.0

    def add(self, other: Usage) -> Usage:
        """Return the field-wise sum of two usages."""
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in Usage.model_fields})


class ArticleRecord(BaseModel):
    """All grounded items of one article, with what produced them."""

    article_id: str
    source: str = Field(description="Path (or path:line for JSONL) the article came from.")
    text_sha256: str
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    model: str
    strategy: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
