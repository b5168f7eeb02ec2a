# plover_kind.py: PLOVER's root event categories as a kind of its own, for
#   extract train --corpus plover --schema docs/plover_kind.py:PloverEvent --dev dev -o models/plover
from typing import ClassVar, Literal

from pydantic import BaseModel, Field

Category = Literal[
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
    "YIELD",
]


class PloverEvent(BaseModel):
    """A political event a sentence reports, coded with a PLOVER root category."""

    kind_name: ClassVar[str] = "plover_event"
    category: Category = Field(description="The PLOVER root category of the event.")
    source: str | None = Field(default=None, description="Who acts, as written.")
    target: str | None = Field(default=None, description="Who is acted upon, as written.")
    key_fields: ClassVar[tuple[str, ...]] = ("category",)
    attribute: ClassVar[str] = "category"
