"""Pydantic models: the single contract for extracted records."""

from schemas.records import (
    SCHEMA_VERSION,
    Actor,
    ArticleRecord,
    Event,
    EventActor,
    EventDraft,
    EventType,
    Extraction,
    Grounding,
    Position,
    PositionDraft,
    Quote,
    QuoteDraft,
    Stance,
    Usage,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ArticleRecord",
    "Event",
    "EventActor",
    "EventDraft",
    "EventType",
    "Extraction",
    "Grounding",
    "Position",
    "PositionDraft",
    "Quote",
    "QuoteDraft",
    "Stance",
    "Usage",
]
