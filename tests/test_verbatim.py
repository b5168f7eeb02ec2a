"""Verbatim fields wherever they sit (optional, list, nested), each grounded to its own offsets,
and the grounding kept out of the user's own field names."""

from __future__ import annotations

from typing import Annotated, ClassVar, Optional

import pytest
from pydantic import BaseModel, Field

from extract.grounding.ground import ground
from extract.schemas import Example, Verbatim, kind_of

TEXT = "Officials said 12 civilians were killed in Donetsk on Monday, the army said."
WORDS = "12 civilians were killed in Donetsk"


@pytest.mark.parametrize(
    ("name", "annotation"),
    [("match", str), ("start", int), ("start", str), ("flags", list[str]), ("end", int), ("spans", dict)],
)
def test_a_field_named_like_the_grounding_is_refused_naming_it(name: str, annotation: type) -> None:
    model = type(
        "Clash",
        (BaseModel,),
        {"__annotations__": {"words": Annotated[str, Verbatim], name: annotation}, "__doc__": "A clash."},
    )
    with pytest.raises(ValueError, match=f"field {name!r}") as err:
        kind_of(model)
    assert len(str(err.value).splitlines()) == 1


def test_an_evidence_field_that_is_not_the_anchor_is_refused() -> None:
    class Claim(BaseModel):
        """A claim."""

        evidence: int

    with pytest.raises(ValueError, match="field 'evidence'"):
        kind_of(Claim)


def _one(kind_model: type[BaseModel], **values: object) -> tuple[list[BaseModel], list[str]]:
    kind = kind_of(kind_model)
    out = ground([(kind, kind.draft.model_validate(values), None)], TEXT)
    return out.items.get(kind.name, []), out.missing


class OptionalOnly(BaseModel):
    """A figure."""

    words: Annotated[str, Verbatim] | None = None


class OptionalOld(BaseModel):
    """A figure."""

    words: Optional[Annotated[str, Verbatim]] = None  # noqa: UP045 - the spelling under test


class Listed(BaseModel):
    """A figure."""

    words: Annotated[str, Verbatim]
    places: list[Annotated[str, Verbatim]] = Field(default_factory=list)


class Where(BaseModel):
    place: Annotated[str, Verbatim]


class Nested(BaseModel):
    """A figure."""

    words: Annotated[str, Verbatim]
    where: Where | None = None


class TwoOptional(BaseModel):
    """A figure."""

    words: Annotated[str, Verbatim]
    day: Annotated[str, Verbatim] | None = None


@pytest.mark.parametrize("model", [OptionalOnly, OptionalOld])
def test_an_only_optional_verbatim_field_is_the_anchor(model: type[BaseModel]) -> None:
    kind = kind_of(model)
    assert kind.anchor == "words" and "evidence" not in kind.draft.model_fields
    [item], _ = _one(model, words=WORDS)
    assert TEXT[item.start : item.end] == WORDS  # type: ignore[attr-defined]
    assert _one(model, words="15 soldiers died in Kyiv") == ([], ["15 soldiers died in Kyiv"])
    assert _one(model)[0] == []  # no anchor: nothing to stand on


@pytest.mark.parametrize(
    ("model", "good", "invented"),
    [
        (Listed, {"places": ["Donetsk"]}, {"places": ["Donetsk", "Mariupol"]}),
        (Nested, {"where": {"place": "Donetsk"}}, {"where": {"place": "Mariupol"}}),
        (TwoOptional, {"day": "on Monday"}, {"day": "on Tuesday"}),
    ],
)
def test_every_verbatim_value_is_checked(
    model: type[BaseModel], good: dict[str, object], invented: dict[str, object]
) -> None:
    kept, missing = _one(model, words=WORDS, **good)
    assert len(kept) == 1 and missing == []
    kept, missing = _one(model, words=WORDS, **invented)
    assert kept == [] and len(missing) == 1
    assert any(v in missing[0] for v in ("Mariupol", "on Tuesday"))


def test_a_list_of_verbatim_values_is_copied_from_the_text() -> None:
    [item], _ = _one(Listed, words=WORDS, places=["donetsk"])  # case folded: normalised match
    assert item.places == ["Donetsk"]  # type: ignore[attr-defined]


def test_an_example_whose_verbatim_words_are_not_in_its_text_is_refused() -> None:
    class Figure(BaseModel):
        """A figure."""

        words: Annotated[str, Verbatim]
        examples: ClassVar[list[Example]] = [Example(text=TEXT, items=[{"words": "15 soldiers died"}])]

    with pytest.raises(ValueError, match="'15 soldiers died' is not in its text") as err:
        kind_of(Figure)
    assert len(str(err.value).splitlines()) == 1


def test_an_example_with_nested_verbatim_words_is_checked() -> None:
    class Figure(BaseModel):
        """A figure."""

        words: Annotated[str, Verbatim]
        where: Where | None = None
        examples: ClassVar[list[Example]] = [
            Example(text=TEXT, items=[{"words": WORDS, "where": {"place": "Mariupol"}}])
        ]

    with pytest.raises(ValueError, match="'Mariupol' is not in its text"):
        kind_of(Figure)
