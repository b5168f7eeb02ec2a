"""Verbatim fields wherever they sit (optional, list, nested), each grounded to its own offsets,
and the grounding kept out of the user's own field names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, ClassVar, Optional

import pytest
from pydantic import BaseModel, Field
from typer.testing import CliRunner

from extract.analysis.export import rows
from extract.analysis.report import render
from extract.cli import app
from extract.grounding.ground import ground, ground_one, holds
from extract.schemas import ArticleRecord, Example, Quote, Verbatim, kind_of
from extract.schemas.kinds import FieldSpan

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


@pytest.mark.parametrize(
    ("model", "values", "path", "words"),
    [
        (Listed, {"places": ["Donetsk"]}, "places.0", "Donetsk"),
        (Nested, {"where": {"place": "Donetsk"}}, "where.place", "Donetsk"),
        (TwoOptional, {"day": "on Monday"}, "day", "on Monday"),
    ],
)
def test_every_verbatim_value_gets_its_own_offsets(
    model: type[BaseModel], values: dict[str, object], path: str, words: str
) -> None:
    [item], _ = _one(model, words=WORDS, **values)
    span = item.spans[path]  # type: ignore[attr-defined]
    assert TEXT[span.start : span.end] == words and set(item.spans) == {path}  # type: ignore[attr-defined]
    assert TEXT[item.start : item.end] == WORDS  # type: ignore[attr-defined]


def test_a_cached_item_whose_part_offsets_moved_is_not_trusted() -> None:
    kind = kind_of(TwoOptional)
    [item], _ = _one(TwoOptional, words=WORDS, day="on Monday")
    assert holds(kind, item, TEXT)
    moved = item.model_copy(update={"spans": {"day": FieldSpan(start=0, end=9)}})
    assert not holds(kind, moved, TEXT)
    assert not holds(kind, item.model_copy(update={"spans": {}}), TEXT)


def test_part_offsets_are_columns_of_their_own() -> None:
    kind = kind_of(Nested)
    [item], _ = _one(Nested, words=WORDS, where={"place": "Donetsk"})
    record = ArticleRecord(
        article_id="a",
        source="a.txt",
        text_sha256="h",
        items={kind.name: [item]},
        model="none",
        strategy="rules",
        prompt_version="-",
    )
    [row] = rows([record], kind.name)
    assert TEXT[row["where.place.start"] : row["where.place.end"]] == "Donetsk"
    assert "spans" not in row and TEXT[row["start"] : row["end"]] == WORDS


def test_the_report_marks_each_part_beside_its_content() -> None:
    [item], _ = _one(Nested, words=WORDS, where={"place": "Donetsk"})
    record = ArticleRecord(
        article_id="a",
        source="a.txt",
        text_sha256="h",
        items={"nested": [item]},
        model="none",
        strategy="rules",
        prompt_version="-",
    )
    page = render([record], {"h": TEXT})
    [ident] = set(re.findall(r'data-items="([^"]+)"', page))
    [part] = re.findall(r'<span class="seg[^"]* part" data-parts="([^"]+)"[^>]*>([^<]*)</span>', page)
    assert part == (ident, "Donetsk")
    assert "where.place \u201cDonetsk\u201d" in page


def test_a_one_letter_part_grounds_beside_its_anchor() -> None:
    # 'I' is too short to be evidence alone, but as the source of a quote it stands next to it.
    text = "Smith spoke. \u201cWe will win this race,\u201d I said to him."
    kind = kind_of(TwoOptional)
    near = {"words": text.index("We"), "day": text.index("I said")}
    item = ground_one(
        kind, kind.draft.model_validate({"words": "We will win this race", "day": "I"}), text, near
    )
    assert not isinstance(item, str) and item.spans["day"].start == text.index("I said")  # type: ignore[attr-defined]
    far = "I said so. " + "and so on " * 30 + "\u201cWe will win this race,\u201d said Smith."
    assert isinstance(
        ground_one(kind, kind.draft.model_validate({"words": "We will win this race", "day": "I"}), far), str
    )


def test_a_schema_file_with_a_grounding_field_is_one_line_at_the_cli(tmp_path: Path) -> None:
    schema = tmp_path / "clash.py"
    schema.write_text(
        "from typing import Annotated\nfrom pydantic import BaseModel\n"
        "from extract.schemas import Verbatim\n\n"
        "class Clash(BaseModel):\n    '''A clash.'''\n    words: Annotated[str, Verbatim]\n    match: str\n"
    )
    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    result = CliRunner().invoke(app, ["run", str(article), "--schema", f"{schema}:Clash", "--no-cache"])
    assert result.exit_code == 2 and "field 'match'" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_quotes_source_mention_and_its_articles_path_are_both_exported() -> None:
    words = "12 civilians were killed"
    quote = Quote.model_validate(
        {
            "text": words,
            "evidence": words,
            "start": 15,
            "end": 39,
            "source": "Officials",
            "speaker": {"name": "Officials"},
            "direct": False,
            "spans": {"source": {"start": 0, "end": 9}},
        }
    )
    record = ArticleRecord(
        article_id="a",
        source="in/a.txt",
        text_sha256="h",
        items={"quotes": [quote]},
        model="none",
        strategy="rules",
        prompt_version="-",
    )
    [row] = rows([record], "quotes")
    assert row["article_source"] == "in/a.txt" and row["source"] == "Officials"
    assert (row["source.start"], row["source.end"]) == (0, 9)
