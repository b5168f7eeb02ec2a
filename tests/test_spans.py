"""Per-part span scores: content, source and cue each scored exact, by overlap and by Jaccard,
and the linked triple; any kind's verbatim parts alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.analysis.spans import part_scores
from extract.cli import app
from extract.schemas import Actor, ArticleRecord, Quote
from tests.conftest import ROOT

TEXT = 'Mr Lavrov said the talks had been "useful" and he said that Crimea means more to Russia.'


def quote(text: str, source: str | None, cue: str | None, at: int = 0) -> Quote:
    start = TEXT.index(text, at)
    located = {}
    for name, words in (("source", source), ("cue", cue)):
        if words is not None:
            s = TEXT.index(words)
            located[name] = {"start": s, "end": s + len(words)}
    return Quote.model_validate(
        {
            "text": text,
            "evidence": text,
            "start": start,
            "end": start + len(text),
            "source": source,
            "cue": cue,
            "speaker": Actor(name="Sergei Lavrov"),
            "direct": False,
            "spans": located,
        }
    )


def record(*quotes: Quote) -> ArticleRecord:
    return ArticleRecord(
        article_id="a",
        source="a.txt",
        text_sha256="h",
        items={"quotes": list(quotes)},
        model="m",
        strategy="s",
        prompt_version="p",
    )


def scored(pred: list[Quote], gold: list[Quote]) -> dict[str, dict[str, float]]:
    found = part_scores([record(*pred)], [record(*gold)], ("quotes",))["quotes"]
    out = {f"{n}.{c}": s.f1 for n, by in found.parts.items() for c, s in by.items()}
    return out | {"linked": found.linked.f1}


def test_exact_trims_quote_marks_and_end_punctuation() -> None:
    gold = [quote('the talks had been "useful"', "Mr Lavrov", "said")]
    pred = [quote('the talks had been "useful', "Mr Lavrov", "said")]
    assert scored(pred, gold)["content.exact"] == 1.0


def test_a_fragment_overlaps_but_is_neither_exact_nor_half_the_union() -> None:
    gold = [quote('the talks had been "useful"', "Mr Lavrov", "said")]
    pred = [quote("talks", "Mr Lavrov", "said")]
    got = scored(pred, gold)
    assert (got["content.exact"], got["content.overlap"], got["content.jaccard"]) == (0.0, 1.0, 0.0)
    assert got["source.exact"] == got["cue.exact"] == 1.0


def test_the_linked_triple_needs_every_gold_part() -> None:
    gold = [quote('the talks had been "useful"', "Mr Lavrov", "said")]
    wrong_source = [quote('the talks had been "useful"', "he", "said")]
    got = scored(wrong_source, gold)
    assert got["content.exact"] == 1.0 and got["source.overlap"] == 0.0 and got["linked"] == 0.0


def test_a_shared_source_mention_is_one_span() -> None:
    gold = [quote("the talks had been", "Mr Lavrov", "said"), quote('"useful"', "Mr Lavrov", "said")]
    found = part_scores([record(gold[0])], [record(*gold)], ("quotes",))["quotes"]
    assert found.parts["source"]["exact"].as_dict()["tp"] == 1 and found.parts["source"]["exact"].fn == 0
    assert found.parts["content"]["exact"].fn == 1


def test_eval_prints_and_serialises_the_per_part_table(tmp_path: Path) -> None:
    gold_path, pred_path = tmp_path / "gold.json", tmp_path / "pred.jsonl"
    gold_path.write_text(record(quote("the talks had been", "Mr Lavrov", "said")).model_dump_json())
    pred_path.write_text(record(quote("the talks had been", "he", "said")).model_dump_json() + "\n")
    runner = CliRunner()
    shown = runner.invoke(app, ["eval", str(pred_path), str(gold_path)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "per part" in shown.output and "source" in shown.output and "linked" in shown.output
    as_json = runner.invoke(app, ["eval", str(pred_path), str(gold_path), "--json"])
    parts = json.loads(as_json.output)["parts"]["quotes"]
    assert parts["parts"]["cue"]["exact"]["f1"] == 1.0 and parts["parts"]["source"]["overlap"]["f1"] == 0.0


CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.mark.skipif(not (CORPORA / "polnear").is_dir(), reason="../shared/corpora/polnear is absent")
def test_polnear_gold_carries_source_and_cue_at_their_offsets() -> None:
    from extract.analysis.corpora import polnear

    article, gold = next(iter(polnear(CORPORA / "polnear", "train")))
    quotes = gold.quotes
    assert quotes and all(q.source and "source" in q.spans for q in quotes)
    for q in quotes:
        for name in ("source", "cue"):
            if name in q.spans:
                at = q.spans[name]
                assert article.text[at.start : at.end] == getattr(q, name)


def test_a_part_of_punctuation_alone_is_scored_as_it_stands() -> None:
    # PolNeAR marks a transcript's colon as the cue: trimmed to nothing it could never overlap.
    from extract.analysis.spans import trim

    assert trim(":", 10) == (10, 11) and trim(' "said," ', 3) == (5, 9)


def test_the_item_matcher_and_the_part_scorer_trim_alike() -> None:
    from extract.analysis.matching import trimmed
    from extract.analysis.spans import trim

    text = 'He asked: "Who pays?\u00a0" and left!'
    for words in ('"Who pays?\u00a0"', "and left!"):
        start = text.index(words)
        item = Quote(text=words, evidence=words, start=start, end=start + len(words),
                     speaker=Actor(name="He"), direct=True)  # fmt: skip
        # the matcher kept '?', '!' and the no-break space the part scorer trims
        assert trimmed(item) == trim(words, start)
