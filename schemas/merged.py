"""The cross-article contract: one actor, event or position as several articles report it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from extract.schemas.news import EventType, Stance


class Mention(BaseModel):
    """Where one article says it: the record's evidence and offsets, kept as they were."""

    article_id: str
    source: str
    outlet: str | None = Field(default=None, description="The article's outlet, from its metadata.")
    evidence: str
    start: int
    end: int


class MergedActor(BaseModel):
    """One actor across articles: every name it goes by, and where it appears."""

    name: str = Field(description="The fullest name used for the actor.")
    aliases: list[str] = Field(description="Every other name the articles use for it.")
    kind: str
    articles: list[str] = Field(description="Ids of the articles that name it.")


class MergedEvent(BaseModel):
    """One event as every outlet reports it (same category, source and target, same or unknown date)."""

    type: EventType
    source: list[str] = Field(description="Its sources: a state's ISO3 code, else the merged actor name.")
    target: list[str] = Field(description="Its targets, named as the sources are.")
    date: str | None
    mentions: list[Mention]

    @property
    def outlets(self) -> int:
        """Outlets reporting it: by their ``outlet`` field, else one per article."""
        return len({m.outlet or m.article_id for m in self.mentions})


class MergedPosition(BaseModel):
    """One holder's stance on one target across outlets; ``disagreement`` when outlets differ."""

    holder: str
    target: str = Field(
        description="The target: its merged actor name, or the issue as its most specific report words it."
    )
    stances: dict[Stance, list[Mention]]
    disagreement: bool = Field(description="True when outlets report different stances.")
    disagreeing: list[str] = Field(
        default_factory=list,
        description="The outlets (else articles) whose reported stances differ from another outlet's.",
    )


class Consolidation(BaseModel):
    """What ``extract merge`` writes."""

    articles: int
    actors: list[MergedActor]
    events: list[MergedEvent]
    positions: list[MergedPosition]
