"""`extract train` on a tiny gold set of a user kind written here (seconds), then `extract run
--trained` and `extract eval` over its records; what enters the record keys; the review file."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extract import Article, Extractor, train
from extract.analysis.evaluate import score
from extract.cli import app
from extract.errors import ExtractError
from extract.run.jsonl import read_records
from extract.schemas import ArticleRecord
from extract.training.data import split_dev
from tests.conftest import CORPORA

runner = CliRunner()

SCHEMA = '''
from typing import Annotated, Literal
from pydantic import BaseModel, Field
from extract import Verbatim


class Pledge(BaseModel):
    """A promise a politician makes about a policy area."""

    words: Annotated[str, Verbatim] = Field(description="The sentence stating the promise.")
    area: Literal["tax", "health", "school"] = Field(description="The policy area.")
'''
_NAMES = ["Mayor Ana Silva", "Senator Tom Reed", "Governor Li Wei", "Councillor Omar Haddad", "Ms Jane Roe"]
_VERBS = ["pledged", "promised", "vowed", "committed"]
_AREAS = {
    "tax": ["to cut property taxes", "to freeze the local levy", "to lower income taxes"],
    "health": [
        "to build two new hospitals",
        "to hire more nurses for the clinics",
        "to fund the health service",
    ],
    "school": ["to repair every school", "to raise teachers' pay", "to open a new primary school"],
}
_FILLER = [
    "The council met on Tuesday in the old town hall.",
    "Rain fell across the region for most of the week.",
    "Local shops reported a busy weekend.",
    "The bridge on Main Street reopened after repairs.",
    "About 300 residents attended the meeting.",
    "The river rose by half a metre overnight.",
]


def _gold_line(article_id: str, kind: str, items: list[dict[str, Any]], text: str) -> str:
    """One gold record of ``kind`` with its text, as a JSONL line of the training data."""
    record = ArticleRecord(
        article_id=article_id, source=f"{article_id}.txt", text_sha256=Article("", "", text).sha256,
        items={kind: items}, model="human", strategy="gold", prompt_version="gold",
    )  # fmt: skip
    return json.dumps(record.model_dump(mode="json") | {"text": text})


def gold_set(folder: Path, n: int = 40, seed: int = 3, who: bool = False) -> Path:
    """``n`` short articles, each with a few promises among ordinary sentences, as review JSONL
    (records with their text inline)."""
    rng = random.Random(seed)
    lines = []
    for a in range(n):
        sentences, items, text = [], [], ""
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.45:
                area = rng.choice(list(_AREAS))
                when, name = rng.randint(2025, 2030), rng.choice(_NAMES)
                s = f"{name} {rng.choice(_VERBS)} {rng.choice(_AREAS[area])} by {when}."
                items.append({"words": s, "evidence": s, "start": len(text), "end": len(text) + len(s),
                              "area": area, **({"who": name} if who else {})})  # fmt: skip
            else:
                s = rng.choice(_FILLER)
            sentences.append(s)
            text += s + (" " if rng.random() < 0.6 else "\n\n")
        lines.append(_gold_line(f"town-{a}", "pledge", items, text))
    path = folder / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def kinds_file(tmp_path: Path) -> Path:
    path = tmp_path / "pledges.py"
    path.write_text(SCHEMA, encoding="utf-8")
    return path


def test_a_user_kind_trains_and_beats_the_untrained_path(
    tmp_path: Path, kinds_file: Path, fake_server
) -> None:
    data = gold_set(tmp_path)
    made = train([data], tmp_path / "models" / "pledges", schema=[f"{kinds_file}:Pledge"], dev=0.25)
    assert made.kinds == ("pledge",) and made.dev_articles == 10 and made.dev_score is not None
    trained = made.dev_score.kinds["pledge"]

    # The untrained path for a kind no rules know: the model, whole; here one that finds each
    # promise but always answers the first area (what a weak model does).
    def weak(request: dict) -> tuple[int, str]:
        text = request["messages"][-1]["content"].split("<<<", 1)[1].split(">>>", 1)[0]
        found = [s.strip() + "." for s in text.split(".") if any(v in s for v in _VERBS)]
        return 200, json.dumps({"pledge": [{"words": s, "area": "tax"} for s in found]})

    server = fake_server(weak)
    held_out = split_dev([(a, r) for a, r in _pairs(data)], 0.25)[1]
    with Extractor(schema=[f"{kinds_file}:Pledge"], strategy="whole", base_url=server.base_url, model="m",
                   cache_dir=None) as ex:  # fmt: skip
        asked = [ex.extract(a) for a, _ in held_out]
        baseline = score(asked, [g for _, g in held_out]).kinds["pledge"]
    assert trained.lenient.f1 > baseline.lenient.f1
    assert trained.strict.f1 > 0.8  # the span and the area, both right, on unseen articles
    meta = json.loads((made.folder / "model.json").read_text())
    assert meta["train_articles"] == 30 and meta["kinds"]["pledge"]["roles"] == ["words"]
    assert set(meta["versions"]) >= {"news-extract", "spacy"} and len(meta["data_sha256"]) == 16
    assert meta["dev_scores"]["pledge"]["strict"]["f1"] == trained.strict.f1


def _pairs(path: Path) -> list[tuple[Article, ArticleRecord]]:
    from extract.training.data import read_data

    return read_data([path])


def test_trained_round_trips_through_run_and_eval(
    tmp_path: Path, kinds_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = gold_set(tmp_path)
    schema = f"{kinds_file}:Pledge"
    folder = tmp_path / "models" / "pledges"
    result = runner.invoke(app, ["train", str(data), "--schema", schema, "-o", str(folder), "--dev", "0.25"])
    assert result.exit_code == 0, result.output
    dev = split_dev(_pairs(data), 0.25)[1]
    inputs = tmp_path / "dev.jsonl"
    inputs.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a, _ in dev))
    gold = tmp_path / "dev-gold.jsonl"
    gold.write_text("".join(g.model_dump_json() + "\n" for _, g in dev))
    out, ledger = tmp_path / "r.jsonl", tmp_path / "ledger.json"
    cache = tmp_path / "cache"
    args = [
        "run",
        str(inputs),
        "--schema",
        schema,
        "--trained",
        str(folder),
        "-o",
        str(out),
        "--cache-dir",
        str(cache),
    ]
    result = runner.invoke(app, [*args, "--ledger", str(ledger)])
    assert result.exit_code == 0, result.output
    records = list(read_records(out))
    assert {r.strategy for r in records} == {"trained"} and sum(len(r.of("pledge")) for r in records) > 0
    assert json.loads(ledger.read_text())["run"]["trained"].startswith("pledges@")
    result = runner.invoke(app, ["eval", str(out), str(gold), "--schema", schema, "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)["pledge"]["strict"]["f1"]
    assert scored == json.loads((folder / "model.json").read_text())["dev_scores"]["pledge"]["strict"]["f1"]
    monkeypatch.chdir(tmp_path)
    listed = runner.invoke(app, ["info", "--cache-dir", str(cache)])
    assert listed.exit_code == 0 and "trained model: models/pledges (pledge; 30 articles" in listed.stdout


def test_a_retrained_model_misses_the_record_cache(tmp_path: Path, kinds_file: Path) -> None:
    schema = [f"{kinds_file}:Pledge"]
    data = gold_set(tmp_path)
    first = train([data], tmp_path / "a", schema=schema, dev=0)
    (tmp_path / "b").mkdir()
    other = gold_set(tmp_path / "b", n=30, seed=9)
    second = train([other], tmp_path / "c", schema=schema, dev=0)
    keys = []
    for folder in (first.folder, second.folder, first.folder):
        with Extractor(schema=schema, trained=folder, cache_dir=tmp_path / "cache") as ex:
            keys.append(ex._config_key)
    assert keys[0] != keys[1] and keys[0] == keys[2]


def test_trained_needs_a_model_folder_and_says_so_in_one_line(tmp_path: Path, kinds_file: Path) -> None:
    with pytest.raises(ExtractError, match="needs --trained"):
        Extractor(schema=[f"{kinds_file}:Pledge"], strategy="trained", cache_dir=None)
    with pytest.raises(ExtractError, match="not a trained model folder"):
        Extractor(schema=[f"{kinds_file}:Pledge"], trained=tmp_path, cache_dir=None)


WHO = SCHEMA.replace(
    '    area: Literal["tax", "health", "school"] = Field(description="The policy area.")',
    '    area: Literal["tax", "health", "school"] = Field(description="The policy area.")\n'
    '    who: str = Field(description="Who makes the promise.")',
)


def test_trained_model_asks_only_for_the_fields_nothing_learned(tmp_path: Path, fake_server) -> None:
    kinds_file = tmp_path / "pledges_who.py"
    kinds_file.write_text(WHO, encoding="utf-8")
    schema = [f"{kinds_file}:Pledge"]
    made = train([gold_set(tmp_path, who=True)], tmp_path / "m", schema=schema, dev=0)
    with pytest.raises(ExtractError, match="use --strategy trained\\+model"):
        Extractor(schema=schema, trained=made.folder, cache_dir=None)
    server = fake_server(lambda r: (200, json.dumps({"who": "Mayor Ana Silva"})))
    text = "Rain fell all week. Mayor Ana Silva vowed to build two new hospitals by 2027."
    with Extractor(schema=schema, trained=made.folder, strategy="trained+model", base_url=server.base_url,
                   model="m", cache_dir=None) as ex:  # fmt: skip
        record = ex.extract(Article("a", "a.txt", text))
    [item] = record.of("pledge")
    assert (item.words, item.area, item.who) == (text[20:], "health", "Mayor Ana Silva")
    [asked] = server.requests
    assert list(asked["tools"][0]["function"]["parameters"]["properties"]) == ["who"]
    assert record.usage.calls == 1


@pytest.mark.skipif(not (CORPORA / "plover").is_dir(), reason="../shared/corpora/plover is absent")
def test_train_on_a_corpus_scores_its_own_dev_split(tmp_path: Path) -> None:
    folder = tmp_path / "plover"
    args = ["train", "--corpus", "plover", "--schema", "news:events", "--dev", "dev", "--limit", "30"]
    result = runner.invoke(app, [*args, "-o", str(folder)])
    assert result.exit_code == 0, result.output
    meta = json.loads((folder / "model.json").read_text())
    assert (meta["train_articles"], meta["dev_articles"]) == (30, 250) and meta["config"]["dev"] == "dev"


# News quotes: direct quotes annotated, reported speech ("X said that ...") left out of the gold,
# so a tagger trained on it leaves those to the rules.
_SAID = [
    "We will cut taxes for every family in this state",
    "Nobody in this town should wait a year for a doctor",
    "Our schools deserve the best teachers in the country",
    "I have never seen a budget this badly written",
    "This bridge will be finished before the winter comes",
]
_REPORTED = ["the plan would cost too much", "the vote was delayed again", "the council had lost its way"]


def quote_gold(folder: Path, n: int = 30, seed: int = 5) -> Path:
    """``n`` short articles of paragraphs: direct quotes (annotated), reported speech (not) and
    filler, as review JSONL."""
    rng = random.Random(seed)
    lines = []
    for a in range(n):
        text, items = "", []
        for _ in range(rng.randint(3, 6)):
            name, roll = rng.choice(_NAMES), rng.random()
            if roll < 0.4:
                said = rng.choice(_SAID)
                start = len(text) + 1
                text += f'"{said}," {name} said.'
                src = text.rindex(name)
                spans = {"source": {"start": src, "end": src + len(name)},
                         "cue": {"start": src + len(name) + 1, "end": src + len(name) + 5}}  # fmt: skip
                items.append({"text": said, "evidence": said, "start": start, "end": start + len(said),
                              "source": name, "speaker": {"name": name, "kind": "person"}, "cue": "said",
                              "direct": True, "spans": spans})  # fmt: skip
            elif roll < 0.6:
                text += f"{name} said that {rng.choice(_REPORTED)}."
            else:
                text += rng.choice(_FILLER)
            text += "\n\n"
        lines.append(_gold_line(f"q-{a}", "quotes", items, text))
    path = folder / "quotes.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_grounded_beside_adds_only_the_items_that_share_no_character() -> None:
    from extract.grounding.ground import Grounded
    from extract.schemas import Actor, Quote

    def q(start: int, end: int) -> Quote:
        words = "x" * (end - start)
        return Quote(text=words, evidence=words, start=start, end=end, speaker=Actor(name="A"), direct=False)

    mine, other = Grounded(), Grounded()
    mine.add("quotes", q(10, 20))
    for s, e in [(0, 10), (19, 30), (5, 25), (40, 50)]:
        other.add("quotes", q(s, e))
    got = [(i.start, i.end) for i in mine.beside(other).items["quotes"]]
    assert got == [(10, 20), (0, 10), (40, 50)]


def test_rules_trained_adds_the_rules_items_the_tagger_left(tmp_path: Path) -> None:
    made = train([quote_gold(tmp_path)], tmp_path / "q", schema=["news:quotes"], dev=0)
    assert json.loads((made.folder / "model.json").read_text())["kinds"]["quotes"]["stacked"] is True
    text = (
        f'"{_SAID[0]}," Mayor Ana Silva said.\n\nSenator Tom Reed said that the budget was far too large.\n\n'
        f"{_FILLER[0]}\n"
    )
    article = Article("t", "t.txt", text)
    got = {}
    for strategy in ("rules", "trained", "rules+trained"):
        options = {"trained": made.folder} if strategy != "rules" else {}
        with Extractor(schema=["news:quotes"], strategy=strategy, cache_dir=None, **options) as ex:
            record = ex.extract(article)
        assert record.strategy == strategy
        got[strategy] = [(q.start, q.end, q.speaker.name) for q in record.of("quotes")]
    assert [text[s:e] for s, e, _ in got["trained"]] == [_SAID[0]]
    disjoint = [r for r in got["rules"] if not any(min(r[1], t[1]) > max(r[0], t[0]) for t in got["trained"])]
    assert disjoint and "the budget was far too large" in text[disjoint[0][0] : disjoint[0][1]]
    both = got["rules+trained"]
    assert both[: len(got["trained"])] == got["trained"] and len(both) == len(got["trained"]) + len(disjoint)
    # each rules' item the tagger left is there, its edges as the chooser set them, its speaker kept
    for (s, e, who), (rs, re, rwho) in zip(both[len(got["trained"]) :], disjoint, strict=True):
        assert min(e, re) > max(s, rs) and who == rwho


def test_a_stacked_tagger_reads_the_rules_labels_and_the_paragraphs_place() -> None:
    from extract.learned.features import bio, doc_features, lines
    from extract.rules.parse import nlp

    text = 'Headline here\n\n"It will rain all week," he said.\n\nNothing else.'
    cut = list(lines(nlp()(text)))
    start = text.index("It will")
    marks = bio(cut, [(start, start + len("It will rain all week"), "text"), (text.index("he said"),
                text.index("he said") + 2, "source")])  # fmt: skip
    feats = doc_features(cut, marks)
    words = [[f["w"] for f in line] for line in feats]
    second = dict(zip(words[1], feats[1], strict=True))
    assert second["it"]["rule"] == "B-text" and second["week"]["rule"] == "I-text"
    assert second["he"]["rule"] == "B-source" and second["said"]["rule"] == "O"
    assert second["said"]["-1:rule"] == "source" and second["it"]["-1:rule"] == "O"
    assert [line[0]["para"] for line in feats] == ["0", "1", "2"]
    assert "rule" not in doc_features(cut)[1][0]


def test_a_content_without_a_tagged_source_takes_the_rules_source_and_speaker(tmp_path: Path) -> None:
    # Gold whose speakers are never named in the text: the tagger learns contents, never a source.
    data = quote_gold(tmp_path)
    rows = [json.loads(line) for line in data.read_text().splitlines()]
    for row in rows:
        for item in row["items"]["quotes"]:
            item.update(
                source=None, cue=None, spans={}, speaker={"name": "An Unnamed Aide", "kind": "person"}
            )
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    made = train([data], tmp_path / "q", schema=["news:quotes"], dev=0)
    text = f'"{_SAID[1]}," Mayor Ana Silva said.\n\n{_FILLER[1]}\n'
    with Extractor(schema=["news:quotes"], trained=made.folder, cache_dir=None) as ex:
        [item] = ex.extract(Article("t", "t.txt", text)).of("quotes")
    assert (item.text, item.source, item.speaker.name) == (_SAID[1], "Mayor Ana Silva", "Mayor Ana Silva")


def test_the_choice_classifier_sees_which_words_bear_on_whom() -> None:
    from extract.learned.features import bag
    from extract.rules.parse import nlp

    text = "Senator Tom Reed did not condemn the mayor, but he attacked the council."
    words = bag(
        nlp()(text), 0, len(text), {"holder": "Tom Reed", "target": "the council"}, {"stance": "oppose"}
    )
    assert {"btw:condemn", "btw:attack", "order:holder_first", "rule:stance=oppose"} <= set(words)
    assert "lex:oppose_neg" in words and "lex:oppose" in words  # 'did not condemn', 'attacked'
    assert any(w.startswith("path:") for w in words) and "head:condemn" in words


def test_distillation_mechanics_with_the_rules_as_teacher(tmp_path: Path) -> None:
    from benchmarks.distil import teach
    from extract.training.data import read_data

    articles = [a for a, _ in read_data([quote_gold(tmp_path, n=12)])]
    silver = tmp_path / "silver.jsonl"
    assert teach(articles, silver, strategy="rules", cache_dir=None) >= 0
    back = read_data([silver])
    assert [a.text for a, _ in back] == [a.text for a in articles]
    assert {r.strategy for _, r in back} == {"rules"} and sum(len(r.of("quotes")) for _, r in back) > 0
    made = train([silver], tmp_path / "student", schema=["news:quotes"], dev=0)
    text = f'"{_SAID[2]}," Governor Li Wei said.\n\n{_FILLER[2]}\n'
    with Extractor(schema=["news:quotes"], trained=made.folder, cache_dir=None) as ex:
        [item] = ex.extract(Article("t", "t.txt", text)).of("quotes")
    # The student keeps its teacher's convention (the rules', PolNeAR's: the comma inside).
    # The source as written, the speaker the rules resolved it to (the title off).
    assert (made.train_articles, item.text) == (12, _SAID[2] + ",")
    assert (item.source, item.speaker.name) == ("Governor Li Wei", "Li Wei")


def _quote_model(tmp_path: Path) -> object:
    from extract.learned.model import TrainedModel
    from extract.schemas import QUOTES

    made = train([quote_gold(tmp_path)], tmp_path / "q", schema=["news:quotes"], dev=0)
    return TrainedModel(made.folder).of(QUOTES)


_TWO_HES = 'The mayor said he would come, and "it will rain all week," he said.'


def test_a_tagged_part_is_grounded_where_it_was_tagged_not_nearest_the_content(tmp_path: Path) -> None:
    from extract.grounding.ground import ground
    from extract.rules.parse import nlp
    from extract.schemas import QUOTES
    from extract.strategies.trained import _draft

    text = _TWO_HES
    content, he = text.index("it will"), text.rindex("he said")
    spans = {"text": (content, text.index(',"')), "source": (he, he + 2), "cue": (he + 3, he + 7)}
    draft, hints, _ = _draft(QUOTES, _quote_model(tmp_path), nlp()(text), text, spans, [], None)  # type: ignore[arg-type]
    assert draft is not None
    [item] = ground([(QUOTES, draft, hints)], text).items["quotes"]
    # The first 'he' and 'said' stand nearer the content's start: grounding used to take them.
    assert (item.spans["source"].start, item.spans["cue"].start) == (he, he + 3)


def test_the_rules_source_and_cue_for_the_same_content_come_before_the_tagged_ones(tmp_path: Path) -> None:
    from extract.rules.parse import nlp
    from extract.schemas import QUOTES, Actor, Quote
    from extract.schemas.kinds import FieldSpan
    from extract.strategies.trained import _draft

    text = _TWO_HES
    content, end, he = text.index("it will"), text.index(',"'), text.rindex("he said")
    located = {"source": FieldSpan(start=he, end=he + 2), "cue": FieldSpan(start=he + 3, end=he + 7)}
    ruled = Quote(text=text[content:end], evidence=text[content:end], start=content, end=end, source="he",
                  speaker=Actor(name="Mayor Ana Silva"), cue="said", direct=True, spans=located)  # fmt: skip
    mayor = text.index("The mayor")
    spans = {"text": (content, end), "source": (mayor, mayor + 9), "cue": (mayor + 10, mayor + 14)}
    draft, hints, _ = _draft(QUOTES, _quote_model(tmp_path), nlp()(text), text, spans, [ruled], None)  # type: ignore[arg-type]
    assert draft is not None
    # The speaker is the one the rules resolved the source to, not the pronoun.
    assert (draft.source, draft.cue, draft.speaker.name) == ("he", "said", "Mayor Ana Silva")  # type: ignore[attr-defined]
    assert (hints["source"], hints["cue"]) == (he, he + 3)


_CLAUSES = [
    "the bridge will reopen in May",
    "taxes would not rise this year",
    "the school needs a new roof",
    "the river is safe for swimming",
    "the budget was balanced",
    "nurses deserve higher pay",
]


def test_the_boundary_chooser_learns_where_a_content_starts_and_ends() -> None:
    from extract.learned.bounds import View, choose, labelled
    from extract.rules.parse import nlp
    from extract.training.fit import FitConfig, fit_chooser

    def said(name: str, clause: str) -> tuple[object, tuple[int, int], tuple[int, int]]:
        """A sentence, the seed a tagger finds ("that ..., she added") and the gold content."""
        text = f"{name} said on Monday that {clause}, she added. {_FILLER[0]}"
        seed = (text.index("that "), text.index(". "))
        gold = (text.index(clause), text.index(clause) + len(clause))
        return nlp()(text), seed, gold

    rows: list[tuple[list[str], int]] = []
    for name in _NAMES[:4]:
        for clause in _CLAUSES[:5]:
            doc, seed, gold = said(name, clause)
            rows += labelled(View(doc), seed, [], gold)
    chooser = fit_chooser(rows, FitConfig())
    assert chooser is not None
    doc, seed, gold = said(_NAMES[4], _CLAUSES[5])  # a name and a clause it never saw
    assert seed != gold  # the seed itself is wrong on both sides
    assert choose(chooser, doc, [(seed, [])]) == [gold]


def test_a_chosen_edge_takes_back_the_quotation_mark_its_words_open() -> None:
    from extract.learned.bounds import _balanced

    text = "He said the talks were \u201cuseful\u201d but \u201chard\u201d, she added."
    end = text.index("\u201d,")
    assert _balanced(text, text.index("the talks"), end) == (text.index("the talks"), end + 1)
    assert _balanced(text, text.index("the talks"), text.index(" but")) == (
        text.index("the talks"),
        text.index(" but"),
    )


def test_rules_trained_sets_the_edges_of_the_rules_items_with_the_chooser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.strategies import trained as strategy

    made = train([quote_gold(tmp_path)], tmp_path / "q", schema=["news:quotes"], dev=0)
    assert json.loads((made.folder / "model.json").read_text())["kinds"]["quotes"]["bounds"] is True
    text = f'"{_SAID[0]}," Mayor Ana Silva said.\n\nSenator Tom Reed said that the budget was far too large.'
    seen: list[tuple[int, int]] = []

    def chooser(clf: object, doc: object, items: list[tuple[tuple[int, int], list[Any]]]) -> list[Any]:
        """Each seed as it is, but the budget's cut to its last three words."""
        seen.extend(seed for seed, _ in items)
        far = text.index("far too large")
        return [(far, far + 13) if seed[0] <= far < seed[1] else seed for seed, _ in items]

    monkeypatch.setattr(strategy, "choose_bounds", chooser)
    options: dict[str, Any] = {"strategy": "rules+trained", "trained": made.folder, "cache_dir": None}
    with Extractor(schema=["news:quotes"], **options) as ex:
        got = {(q.text, q.speaker.name) for q in ex.extract(Article("t", "t.txt", text)).of("quotes")}
    # The rules' item the tagger left went through the chooser, and kept the rules' speaker.
    assert any(s[0] <= text.index("the budget") < s[1] for s in seen)
    assert ("far too large", "Tom Reed") in got or ("far too large", "Senator Tom Reed") in got
    assert not any("the budget" in words for words, _ in got)


class _CountingParser:
    """spaCy's pipeline, counting the texts it parses (a call or one of ``pipe``'s)."""

    def __init__(self, real: Any) -> None:
        self.real, self.parses = real, 0

    def __call__(self, text: str) -> Any:
        self.parses += 1
        return self.real(text)

    def pipe(self, texts: Any, **options: Any) -> Any:
        for doc in self.real.pipe(texts, **options):
            self.parses += 1
            yield doc


def test_training_and_a_trained_run_parse_each_article_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.rules import candidates
    from extract.rules.parse import nlp
    from extract.strategies import trained as strategy
    from extract.training import fit

    counter = _CountingParser(nlp())
    for module in (candidates, strategy, fit):
        monkeypatch.setattr(module, "nlp", lambda: counter)
    made = train([quote_gold(tmp_path, n=12)], tmp_path / "q", schema=["news:quotes"], dev=0)
    assert counter.parses == 12  # the rules a stacked tagger reads run over the same parse
    text = f'"{_SAID[0]}," Mayor Ana Silva said.\n\nSenator Tom Reed said the budget was far too large.\n'
    article = Article("t", "t.txt", text)
    with Extractor(strategy="rules", cache_dir=None) as ex:
        rules = ex.extract(article)
    for name in ("trained", "rules+trained"):
        with Extractor(strategy=name, trained=made.folder, cache_dir=None) as ex:
            counter.parses = 0
            record = ex.extract(article)
        # one parse for the rules' pre-pass over every kind and the tagger; the untrained kinds
        # are the rules' own
        assert counter.parses == 1 and record.of("quotes")
        assert {k: v for k, v in record.items.items() if k != "quotes"} == {
            k: v for k, v in rules.items.items() if k != "quotes"
        }


def test_the_classifiers_fit_only_the_hashed_columns_their_data_uses() -> None:
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from extract.learned.hashed import hashed

    rng = random.Random(7)
    words = [f"w{n}" for n in range(60)]
    rows = [rng.sample(words, 6) for _ in range(200)]
    ys = [int("w1" in r or "w2" in r) for r in rows]
    narrow = hashed(2**18, LogisticRegression(C=5.0, max_iter=1000)).fit(rows, ys)
    wide = make_pipeline(FeatureHasher(2**18, input_type="string"), LogisticRegression(C=5.0, max_iter=1000))
    wide.fit(rows, ys)
    assert narrow[-1].coef_.shape[1] <= 60  # not 2**18
    unseen = [[*rng.sample(words, 6), "never-seen"] for _ in range(20)]
    assert narrow.predict_proba(unseen)[:, 1] == pytest.approx(wide.predict_proba(unseen)[:, 1], abs=1e-3)
