"""Pydantic models: the single contract for extracted records."""

from schemas.merged import Consolidation, Mention, MergedActor, MergedEvent, MergedPosition
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
    "Consolidation",
    "Event",
    "EventActor",
    "EventDraft",
    "EventType",
    "Extraction",
    "Grounding",
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
]
