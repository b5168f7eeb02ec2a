"""Kinds are passed to whatever reads, scores or shows records: nothing depends on what the
process declared earlier."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any, ClassVar

import pytest
from pydantic import BaseModel, Field

from extract.analysis.evaluate import score
from extract.errors import ExtractError
from extract.kinds import resolve
from extract.schemas import ArticleRecord, Quote, Verbatim
from extract.schemas.kinds import GroundedItem
from tests.conftest import ROOT

TEXT = "Kerry said the talks would go on."


class Claim(BaseModel):
    """A claim someone makes."""

    kind_name: ClassVar[str] = "quotes"  # the same name as a news kind, in a user's own file
    claimant: str = Field(description="Who makes it.")
    words: Annotated[str, Verbatim] = Field(description="The claim, copied.")


class Figure(BaseModel):
    """A figure the article states."""

    count: int = Field(description="How many.")
    unit: str = Field(description="Of what.")
    key_fields: ClassVar[tuple[str, ...]] = ("count",)


def news_record() -> ArticleRecord:
    words = "the talks would go on"
    quote = dict(text=words, speaker={"name": "Kerry"}, evidence=words, start=11, end=32, direct=False)
    return ArticleRecord.load(record_data({"quotes": [quote]}))


def record_data(items: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return dict(
        article_id="a",
        source="a.txt",
        text_sha256="h",
        items=items,
        model="m",
        strategy="s",
        prompt_version="p",
    )


def test_reading_a_record_does_not_depend_on_kinds_declared_earlier() -> None:
    data = news_record().model_dump_json()
    resolve([Claim])  # a user kind named like a news kind, declared in the same process
    [item] = ArticleRecord.model_validate_json(data).quotes
    assert isinstance(item, Quote) and item.speaker.name == "Kerry"
    words = "the talks would go on"
    claim = dict(claimant="Kerry", words=words, evidence=words, start=11, end=32)
    [theirs] = ArticleRecord.load(record_data({"quotes": [claim]}), resolve([Claim])).quotes
    assert isinstance(theirs, Claim) and theirs.claimant == "Kerry"


def test_a_kind_not_given_is_read_untyped_and_scored_on_every_field() -> None:
    figure = {"count": 3, "unit": "tanks", "evidence": "three tanks", "start": 0, "end": 11}
    gold = ArticleRecord.load(record_data({"figure": [figure]}))
    pred = ArticleRecord.load(record_data({"figure": [{**figure, "unit": "armoured vehicles"}]}))
    assert isinstance(pred.figure[0], GroundedItem)
    assert score([pred], [gold]).kinds["figure"].strict.tp == 0  # the unit differs
    declared = resolve([Figure])
    assert score([pred], [gold], kinds=declared).kinds["figure"].strict.tp == 1  # count is the key


def test_a_new_provider_is_one_declaration(monkeypatch: Any) -> None:
    from extract import Article, Extractor
    from extract.providers import registry
    from extract.providers.none import NoModel

    class Echo(NoModel):
        model = "echo"

    built: list[registry.Built] = []
    echo = registry.Backend("echo", "a test's backend", lambda b: built.append(b) or Echo(), "rules")
    monkeypatch.setitem(registry.BACKENDS, "echo", echo)
    with Extractor(provider="echo", strategy="whole", cache_dir=None, timeout=7.0) as ex:
        assert ex.config.strategy_name == "whole" and built[0].endpoint.timeout == 7.0
        with pytest.raises(ExtractError, match="no model in this run"):  # Echo answers nothing
            ex.extract(Article("a", "a.txt", TEXT))
    assert Extractor(provider="echo", cache_dir=None).config.strategy_name == "rules"  # its default


def test_a_provider_names_what_it_lacks_in_one_line() -> None:
    from extract.run.config import RunConfig

    with pytest.raises(ExtractError, match=r"^--base-url, --model required with the openai provider"):
        RunConfig(provider="openai")
    with pytest.raises(ExtractError, match="asks a model; --provider none has none"):
        RunConfig(provider="none", strategy="whole")
    with pytest.raises(ExtractError, match="unknown provider 'vllm'"):
        RunConfig(provider="vllm")
    assert RunConfig(provider="none").strategy_name == "rules"


def test_run_and_eval_take_the_same_model_options_from_one_declaration() -> None:
    import typer

    from extract.cli import MODEL_OPTIONS, app

    group = typer.main.get_command(app)
    shared = {p.name for p in MODEL_OPTIONS}
    assert {"provider", "base_url", "model", "strategy", "temperature", "cache_dir"} <= shared
    for name in ("run", "eval"):
        params = {p.name: p for p in group.commands[name].params}  # type: ignore[attr-defined]
        assert shared <= set(params), name
    run, evaluate = (group.commands[n] for n in ("run", "eval"))  # type: ignore[attr-defined]
    helps = [{p.name: p.help for p in c.params if p.name in shared} for c in (run, evaluate)]
    assert helps[0] == helps[1]


TOY_PACK = '''
from typing import Annotated
from pydantic import BaseModel, Field
from extract.kinds import Pack
from extract.schemas import Verbatim, kind_of


class Tank(BaseModel):
    """A tank the article mentions."""

    words: Annotated[str, Verbatim] = Field(description="The word.")


TANKS = kind_of(Tank, name="tanks")


def every_tank(article, kinds, chooser):
    at = article.text.find("tank")
    return [(TANKS, TANKS.draft(words="tank"), at)] if at >= 0 else []


PACK = Pack("toy", (TANKS,), rules=every_tank)
'''


def test_a_third_party_pack_is_a_plugin(tmp_path: Path, monkeypatch: Any) -> None:
    from extract import Article, Extractor
    from extract.kinds import packs

    (tmp_path / "toy_pack.py").write_text(TOY_PACK)
    info = tmp_path / "toy_pack-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-pack\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[news_extract.packs]\ntoy = toy_pack:PACK\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    packs.cache_clear()
    try:
        assert {"news", "toy"} <= set(packs())
        with Extractor(schema=["toy"], strategy="rules", cache_dir=None) as ex:
            record = ex.extract(Article("a", "a.txt", "A tank rolled in."))
        assert [(t.words, t.start) for t in record.tanks] == [("tank", 2)]
    finally:
        monkeypatch.undo()
        packs.cache_clear()


def test_a_fully_cached_run_loads_no_parser(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kerry said the talks would go on.")
    script = (
        "import sys\nfrom extract import Extractor, load_articles\n"
        f"[a] = load_articles([{str(tmp_path / 'a.txt')!r}])\n"
        f"with Extractor(strategy='rules', cache_dir={str(tmp_path / 'c')!r}) as ex:\n"
        "    ex.cached(a) or ex.extract(a)\n"
        "print('spacy' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert first.stdout.strip() == "True", first.stderr  # the first run parsed the article
    assert again.stdout.strip() == "False", again.stderr
