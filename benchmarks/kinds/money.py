"""A user kind for the benchmark: sums of money an article states (guideline: money.md)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, Field

from extract import Example, Verbatim


class MoneyFigure(BaseModel):
    """Sums of money the article states: amounts raised, spent, donated, paid, earned, invested,
    owed or proposed, in dollars or another currency (e.g. '$1.3 million')."""

    amount: Annotated[str, Verbatim] = Field(
        description="The sum as written, copied exactly: currency sign, number and scale word, "
        "e.g. '$1.3 million', '$30,000'."
    )
    what: str = Field(description="What the money is, in a few words, e.g. 'raised by the campaign'.")

    examples: ClassVar[list[Example]] = [
        Example(
            text="The group spent $2.4 million on ads in March, and 40 percent of it in Ohio.",
            items=[{"amount": "$2.4 million", "what": "spent by the group on ads"}],
        )
    ]
    key_fields: ClassVar[tuple[str, ...]] = ("amount",)
    lenient_fields: ClassVar[tuple[str, ...]] = ("amount",)
