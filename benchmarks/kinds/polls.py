"""A user kind for the benchmark: shares of respondents in opinion polls (guideline: polls.md)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, Field

from extract import Example, Verbatim


class PollFigure(BaseModel):
    """Poll results: the share of respondents in an opinion poll, survey or exit poll who back a
    candidate, an option or a view (e.g. '46 percent' for Clinton). Not margins of error, leads or
    changes in points, vote counts or election results."""

    figure: Annotated[str, Verbatim] = Field(
        description="The share as written, copied exactly: the number and its unit, e.g. '46 percent', '52%'."
    )
    subject: str = Field(
        description="The candidate, option or view the share backs, named as in the article, e.g. 'Clinton'."
    )

    examples: ClassVar[list[Example]] = [
        Example(
            text="A new Marist survey finds Smith at 41 percent and Jones at 38%, with a margin of error of "
            "3 points; Smith's lead grew by 2 points.",
            items=[{"figure": "41 percent", "subject": "Smith"}, {"figure": "38%", "subject": "Jones"}],
        )
    ]
    key_fields: ClassVar[tuple[str, ...]] = ("subject",)
    lenient_fields: ClassVar[tuple[str, ...]] = ("subject",)
