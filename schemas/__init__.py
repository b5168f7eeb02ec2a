"""Pydantic models: the single contract for extracted records, and the kinds they hold."""

from extract.schemas.kinds import (
    Example,
    GroundedItem,
    Grounding,
    Kind,
    Verbatim,
    kind_of,
)
from extract.schemas.merged import Consolidation, Mention, MergedActor, MergedEvent, MergedPosition
from extract.schemas.news import (
    EVENTS,
    NEWS_KINDS,
    POSITIONS,
    QUOTES,
    Actor,
    Event,
    EventActor,
    EventDraft,
    EventType,
    Position,
    PositionDraft,
    Quote,
    QuoteDraft,
    Stance,
)
from extract.schemas.records import SCHEMA_VERSION, ArticleRecord, Usage

__all__ = [
    "EVENTS",
    "NEWS_KINDS",
    "POSITIONS",
    "QUOTES",
    "SCHEMA_VERSION",
    "Actor",
    "ArticleRecord",
    "Consolidation",
    "Event",
    "EventActor",
    "EventDraft",
    "EventType",
    "Example",
    "GroundedItem",
    "Grounding",
    "Kind",
    "Mention",
    "MergedActor",
    "MergedEvent",
    "MergedPosition",
    "Position",
    "PositionDraft",
    "Quote",
    "QuoteDraft",
    "Stance",
    "Usage",
    "Verbatim",
    "kind_of",
]
