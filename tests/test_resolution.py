"""Speaker resolution against hand antecedents: pairing by content, joint names, the gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.analysis.resolution import Antecedent, load_antecedents, resolution, same_actors
from extract.errors import ExtractError
from extract.schemas import Actor, ArticleRecord, Quote
from tests.conftest import CORPORA, ROOT

TEXT = 'Lavrov spoke first. "We disagree," he said. The two men said they had a lot to talk about.'


def quote(words: str, speaker: str) -> Quote:
    i = TEXT.index(words)
    return Quote(text=words, evidence=words, start=i, end=i + len(words), speaker=Actor(name=speaker),
                 cue="said", direct=True)  # fmt: skip


def record(*quotes: Quote) -> ArticleRecord:
    return ArticleRecord(article_id="a", source="a.txt", text_sha256="h", items={"quotes": list(quotes)},
                         model="m", strategy="s", prompt_version="p")  # fmt: skip


def entry(mention: str, content: str, antecedent: str) -> Antecedent:
    s, c = TEXT.index(mention), TEXT.index(content)
    return Antecedent(article="a", source=(s, s + len(mention)), mention=mention,
                      content=(c, c + len(content)), antecedent=antecedent)  # fmt: skip


GOLD = [
    entry("he", "We disagree", "Sergei Lavrov"),
    entry("The two men", "they had a lot to talk about", "John Kerry and Sergei Lavrov"),
]


def test_a_source_is_right_when_its_quote_names_the_antecedent_and_unfound_ones_are_counted_apart() -> None:
    got = resolution([record(quote("We disagree", "Lavrov"))], GOLD)
    assert (got.entries, got.found, got.right, got.accuracy) == (2, 1, 1, 1.0)


def test_a_joint_antecedent_needs_every_actor_and_no_other() -> None:
    assert same_actors("Kerry and Lavrov", "John Kerry and Sergei Lavrov")
    assert not same_actors("Sergei Lavrov", "John Kerry and Sergei Lavrov")
    assert not same_actors("Kerry and Lavrov and Hague", "John Kerry and Sergei Lavrov")
    got = resolution([record(quote("they had a lot to talk about", "Sergei Lavrov"))], GOLD)
    assert (got.found, got.right) == (1, 0)
    assert got.wrong == [("a", "The two men", "John Kerry and Sergei Lavrov", "Sergei Lavrov")]


def test_a_bad_line_fails_with_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "antecedents.jsonl"
    path.write_text('{"article": "a", "source": [1, 2]}\n', encoding="utf-8")
    with pytest.raises(ExtractError, match=r"antecedents.jsonl:1: not an antecedent"):
        load_antecedents(path)


@pytest.mark.parametrize(
    "gold, texts",
    [
        (ROOT / "tests/gold/antecedents.jsonl", ROOT / "seeds"),
        (ROOT / "benchmarks/data/polnear_antecedents.jsonl", CORPORA / "polnear/train/text"),
    ],
    ids=["seeds", "polnear"],
)
def test_each_annotated_mention_stands_at_its_offsets(gold: Path, texts: Path) -> None:
    if not texts.is_dir():
        pytest.skip(f"{texts} is absent")
    for a in load_antecedents(gold):
        text = (texts / f"{a.article}.txt").read_text(encoding="utf-8")
        assert text[a.source[0] : a.source[1]] == a.mention, a
        assert a.content[0] < a.content[1] <= len(text) and a.antecedent.strip(), a
    assert json.loads(gold.read_text(encoding="utf-8").splitlines()[0])["antecedent"]
