"""The news pack: quotes, events and positions, declared as kinds like any user model.

Field descriptions are read by people and sent to the model as part of the JSON schema.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.schemas.kinds import Example, Grounding, Verbatim, kind_of

# One invented paragraph, worked for each kind: the examples every prompt shows the model.
_EXAMPLE = (
    "Foreign Minister Anna Berg met her Danish counterpart in Geneva on Monday. She said the trade "
    'deal was "a mistake we will not repeat," and warned that Norway would leave the talks.'
)
_BERG = {"name": "Anna Berg", "kind": "person"}


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

    text: Annotated[str, Verbatim] = Field(
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

    examples: ClassVar[list[Example]] = [
        Example(
            text=_EXAMPLE,
            items=[
                {"text": "a mistake we will not repeat", "speaker": _BERG, "cue": "said", "direct": True},
                {"text": "Norway would leave the talks", "speaker": _BERG, "cue": "warned", "direct": False},
            ],
        )
    ]


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
    evidence: Annotated[str, Verbatim] = Field(
        description="The sentence or clause of the article that states the event, copied exactly.",
        min_length=1,
    )

    examples: ClassVar[list[Example]] = [
        Example(
            text=_EXAMPLE,
            items=[
                {
                    "type": "meet",
                    "time": "on Monday",
                    "place": "Geneva",
                    "actors": [
                        {"actor": _BERG, "role": "source"},
                        {"actor": {"name": "her Danish counterpart", "kind": "person"}, "role": "target"},
                    ],
                    "evidence": "Foreign Minister Anna Berg met her Danish counterpart in Geneva on Monday.",
                }
            ],
        )
    ]


TargetKind = Literal["person", "organization", "country", "group", "other", "issue"]


class Target(BaseModel):
    """What a position is about: an actor, or an issue in a few words."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        description="The actor's name as for a holder ('Loretta Lynch', 'Congress'), or the issue in a"
        " few words ('the Crimea referendum', 'her nomination').",
        min_length=1,
    )
    kind: TargetKind = Field(
        default="issue", description="What sort of actor the target is, or 'issue' for a policy, act or idea."
    )


class PositionDraft(BaseModel):
    """An actor's stance on another actor or on an issue, as one sentence states it."""

    evidence: Annotated[str, Verbatim] = Field(
        description="The sentence of the article that shows the stance, copied exactly.",
        min_length=1,
    )
    holder: Actor = Field(description="Who holds the position, named as for a quote's speaker.")
    holder_mention: Annotated[str | None, Verbatim] = Field(
        default=None,
        description="The holder as the sentence writes it ('Mr. Obama', 'she', 'Republicans'), copied"
        " exactly; none when the sentence does not name it (a quote running on from an earlier one).",
    )
    target: Target = Field(description="Whom or what the holder supports or opposes.")
    target_mention: Annotated[str | None, Verbatim] = Field(
        default=None,
        description="The target as the sentence writes it, copied exactly; none when it is not named.",
    )
    stance: Stance = Field(
        description="'support' or 'oppose'; 'neutral_or_mixed' only where the sentence itself says"
        " the holder is undecided or torn."
    )
    quote: Annotated[str | None, Verbatim] = Field(
        default=None,
        description="When the stance is stated in a quote, the quote's words, copied exactly.",
    )

    examples: ClassVar[list[Example]] = [
        Example(
            text=_EXAMPLE,
            items=[
                {
                    "holder": _BERG,
                    "holder_mention": "She",
                    "target": {"name": "the trade deal", "kind": "issue"},
                    "target_mention": "the trade deal",
                    "stance": "oppose",
                    "quote": "a mistake we will not repeat",
                    "evidence": 'She said the trade deal was "a mistake we will not repeat," and warned '
                    "that Norway would leave the talks.",
                }
            ],
        )
    ]


class Quote(QuoteDraft, Grounding):
    """A grounded quote; its evidence is the quote's words as they stand in the article."""

    def label(self) -> str:
        cue = f" ({self.cue})" if self.cue else ""
        return f"{self.speaker.name}{cue}, {'direct' if self.direct else 'indirect'}"


class Event(EventDraft, Grounding):
    """A grounded event."""

    def label(self) -> str:
        roles = ", ".join(f"{a.actor.name} ({a.role})" for a in self.actors)
        when = f" · {self.date or self.time}" if (self.date or self.time) else ""
        return f"{self.type.value}: {roles or 'no actors'}{when}"


class Position(PositionDraft, Grounding):
    """A grounded position."""

    def label(self) -> str:
        return f"{self.holder.name} · {self.stance.value} · {self.target.name}"


# The pack's kinds, declared as any user kind is; the spaCy rules are its candidate generator
# (extract/rules/pack.py). Lenient quote matching leaves out ``direct``: a span's quote
# marks are trimmed before matching, so the span cannot tell.
QUOTES = kind_of(
    QuoteDraft,
    name="quotes",
    record=Quote,
    key_fields=("speaker", "direct"),
    lenient_fields=("speaker",),
    attribute="speaker",
    colour="#2a7de1",
)
EVENTS = kind_of(
    EventDraft,
    name="events",
    record=Event,
    key_fields=("type", "actors", "date", "place"),
    lenient_fields=("type",),
    attribute="type",
    colour="#e1952a",
)
POSITIONS = kind_of(
    PositionDraft,
    name="positions",
    record=Position,
    key_fields=("stance", "holder", "target"),
    lenient_fields=("holder", "target"),
    attribute="stance",
    colour="#2aa84a",
)
NEWS_KINDS = (QUOTES, EVENTS, POSITIONS)
