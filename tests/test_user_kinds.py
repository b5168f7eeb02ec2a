"""A user's kind on the default path for small local models: sieved paragraphs, one pass per kind,
bounded replies, and each item checked against the kind's own definition (the fake server)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.dry import Tokens, _pieces, _plain
from benchmarks.user_kinds import DRY_HEADER, HEADER, HERE, gold_pairs, rows
from extract import Article, Extractor
from extract.analysis.report import ledger
from extract.errors import CallTimeout
from extract.kinds import resolve
from extract.providers.base import Endpoint
from extract.providers.embedded import Embedded
from extract.rules.kind_sieve import may_hold, needs_number, units_of
from extract.run.ledger import Ledger
from extract.strategies.check import CHECK_REPLY_TOKENS, VERDICT, settled
from tests.conftest import CORPORA, user_text
from tests.test_user_schema import RIGHT, TEXT, readme_schema


def _tool(request: dict[str, Any]) -> dict[str, Any]:
    """The properties of the tool the request asks for (it may list others beside it)."""
    name = request["tool_choice"]["function"]["name"]
    [tool] = [t for t in request["tools"] if t["function"]["name"] == name]
    props: dict[str, Any] = tool["function"]["parameters"]["properties"]
    return props


def _passage(request: dict[str, Any]) -> str:
    text = user_text(request)
    return text.split("Passage:\n<<<\n", 1)[1].split("\n>>>", 1)[0] if "Passage:" in text else text


def _is_check(request: dict[str, Any]) -> bool:
    return all(p.get("enum") == ["yes", "no"] for p in _tool(request).values())


def _record(request: dict[str, Any]) -> str:
    """The record a check call asks about."""
    return user_text(request).split("Record: ", 1)[1].split("\n", 1)[0]


def _answer(request: dict[str, Any]) -> tuple[int, str]:
    """Casualty items where the passage has one; 'yes' to every check; nothing else."""
    props = _tool(request)
    if _is_check(request):
        return 200, json.dumps({"answer": "yes"})
    if "casualty" in props and "12 civilians" in _passage(request):
        return 200, json.dumps({"casualty": [RIGHT]})
    return 200, json.dumps({name: [] for name in props})


def test_the_default_path_asks_a_user_kind_once_per_paragraph(fake_server: Any, tmp_path: Path) -> None:
    """hybrid+paragraph asked a kind without rules of the whole article, then again paragraph by
    paragraph: three extraction calls where two are due on a two-paragraph article."""
    server = fake_server(_answer)
    spec = f"{readme_schema(tmp_path)}:Casualty"
    with Extractor(
        schema=("news", spec),
        base_url=server.base_url,
        model="m",
        strategy="hybrid+paragraph",
        cache_dir=None,
    ) as ex:
        record = ex.extract(Article("d", "d.txt", TEXT))
        assert "whole/" not in ex.prompt_version and "kind_check/v3" in ex.prompt_version
    asked = [r for r in server.requests if "casualty" in _tool(r)]
    assert len(asked) == 2
    assert all("Passage:" in user_text(r) for r in asked)  # paragraph windows, never the whole article
    assert [c.count for c in record.casualty] == [12]


def test_the_kinds_own_definition_sieves_the_paragraphs(tmp_path: Path) -> None:
    [kind] = resolve([f"{readme_schema(tmp_path)}:Casualty"])
    assert needs_number(kind)  # `count: int` is required: a passage without a number holds none
    assert may_hold("Three soldiers were wounded near the airport.", (kind,))  # 'wounded': a Literal option
    assert may_hold("Shelling killed 4 people.", (kind,))  # 'killed', from the field's options
    assert not may_hold("The minister was killed off in the novel's last chapter.", (kind,))  # no number
    assert not may_hold("Officials met 12 times in Geneva to discuss the budget.", (kind,))  # no cue
    assert not may_hold("Two gunmen were shot dead.", (kind,))


def test_a_kinds_declared_cues_widen_its_sieve(tmp_path: Path) -> None:
    path = readme_schema(tmp_path)
    path.write_text(path.read_text() + "    cues: ClassVar[tuple[str, ...]] = ('dead',)\n", encoding="utf-8")
    [kind] = resolve([f"{path}:Casualty"])
    assert may_hold("Two gunmen were shot dead.", (kind,))
    assert may_hold("Three soldiers were wounded near the airport.", (kind,))


CANDIDATE_TEXT = (
    "Senator Ann Park said on Monday that she would be a candidate for governor.\n\n"
    "Her husband, Tom Park, a dentist, will manage the candidate's campaign for the office."
)


def _candidate_kind(tmp_path: Path) -> str:
    """A kind whose definition admits persons: whether a name is one is the model's question."""
    path = tmp_path / "candidates.py"
    path.write_text(
        "from typing import Annotated\n"
        "from pydantic import BaseModel, Field\n"
        "from extract import Verbatim\n\n"
        "class Candidate(BaseModel):\n"
        '    """Candidates for an elected office the article names."""\n'
        '    name: Annotated[str, Verbatim] = Field(description="The candidate, as written.")\n'
        '    office: str = Field(description="The office sought.")\n',
        encoding="utf-8",
    )
    return f"{path}:Candidate"


def _candidate_answer(garbage_for: str = "") -> Any:
    """Both persons as candidates; the check says no to the husband (garbage for ``garbage_for``)."""

    def answer(request: dict[str, Any]) -> tuple[int, str]:
        if _is_check(request):
            if garbage_for and garbage_for in _record(request):
                return 200, json.dumps({"answer": "maybe"})
            return 200, json.dumps({"answer": "no" if "Tom Park" in _record(request) else "yes"})
        passage = _passage(request)
        found = [{"name": n, "office": "governor"} for n in ("Ann Park", "Tom Park") if n in passage]
        return 200, json.dumps({"candidate": found})

    return answer


def _candidate_extractor(server: Any, tmp_path: Path, **settings: Any) -> Extractor:
    return Extractor(
        schema=(_candidate_kind(tmp_path),),
        base_url=server.base_url,
        model="m",
        strategy="paragraph",
        **{"cache_dir": None, **settings},
    )


def test_the_model_decides_a_name_the_definition_admits_item_by_item(
    fake_server: Any, tmp_path: Path
) -> None:
    server = fake_server(_candidate_answer())
    with _candidate_extractor(server, tmp_path) as ex:
        record = ex.extract(Article("c", "c.txt", CANDIDATE_TEXT))
        assert "kind_check/v3" in ex.prompt_version
    assert [c.name for c in record.candidate] == ["Ann Park"]
    assert record.usage.rejected == 1
    checks = [r for r in server.requests if _is_check(r)]
    assert [_record(r) for r in checks] == [
        '{"name": "Ann Park", "office": "governor"}',
        '{"name": "Tom Park", "office": "governor"}',
    ]  # one call per item: a call answering several answered by position on the benchmark
    assert all(r["max_tokens"] == CHECK_REPLY_TOKENS for r in checks)
    extraction = next(r for r in server.requests if not _is_check(r))
    assert checks[0]["messages"][0] == extraction["messages"][0]  # the pass's system message, reused
    assert "Candidates for an elected office" in checks[0]["messages"][0]["content"]
    assert "The office sought." in user_text(checks[0])  # the fields' descriptions
    assert "Her husband, Tom Park, a dentist" in user_text(checks[1])  # the item's sentence
    # Extraction and check calls share their prompt's prefix: one system message, one list of tools.
    assert len({json.dumps([r["messages"][0], r["tools"]]) for r in server.requests}) == 1
    assert [t["function"]["name"] for t in server.requests[0]["tools"]] == ["Extraction", "KindCheck"]
    assert "1 rejected by the kind's check" in ledger([record])


def test_a_malformed_check_answer_drops_only_its_item(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(_candidate_answer(garbage_for="Tom Park"))
    with _candidate_extractor(server, tmp_path, cache_dir=tmp_path / "cache", retries=0) as ex:
        article = Article("c", "c.txt", CANDIDATE_TEXT)
        record = ex.extract(article)
        assert ex.cached(article) is None  # incomplete: a later run asks again
    assert [c.name for c in record.candidate] == ["Ann Park"] and record.usage.rejected == 0
    assert record.usage.unchecked == 1 and record.usage.incomplete == 1
    line = Ledger()
    line.record(record)
    assert "1 left unchecked" in line.line() and "1 left unchecked" in ledger([record])


def test_a_kind_that_declares_its_check_is_not_asked(fake_server: Any, tmp_path: Path) -> None:
    path = tmp_path / "money.py"
    path.write_text(
        "from typing import Annotated\n"
        "from pydantic import BaseModel, Field\n"
        "from extract import Verbatim\n\n"
        "class Money(BaseModel):\n"
        '    """Sums of money the article states."""\n'
        "    amount: Annotated[str, Verbatim] = Field(description=\"The sum, e.g. '$5 million'.\")\n\n"
        "    def accept(self, sentence: str) -> bool:\n"
        '        return "$" in self.amount\n',
        encoding="utf-8",
    )
    text = "The campaign raised $5 million in May.\n\nIt spent 40 million euros, not 5 million."

    def answer(request: dict[str, Any]) -> tuple[int, str]:
        assert not _is_check(request)
        return 200, json.dumps({"money": [{"amount": "$5 million"}, {"amount": "40 million euros"}]})

    server = fake_server(answer)
    with Extractor(
        schema=(f"{path}:Money",), base_url=server.base_url, model="m", strategy="paragraph", cache_dir=None
    ) as ex:
        record = ex.extract(Article("m", "m.txt", text))
    assert [m.amount for m in record.money] == ["$5 million"] and record.usage.rejected == 1


def test_replies_are_bounded_by_the_window(fake_server: Any, tmp_path: Path) -> None:
    server = fake_server(_answer)
    spec = f"{readme_schema(tmp_path)}:Casualty"
    with Extractor(
        schema=(spec,), base_url=server.base_url, model="m", strategy="paragraph", cache_dir=None
    ) as ex:
        ex.extract(Article("d", "d.txt", TEXT))
    asked = [r for r in server.requests if "casualty" in _tool(r)]
    first, second = TEXT.split("\n\n")
    assert [r["max_tokens"] for r in asked] == [96 + len(first) // 2, 96 + len(second) // 2]
    assert all(_tool(r)["casualty"]["maxItems"] == 8 for r in asked)  # the grammar closes the list


def test_a_timed_out_call_costs_its_window_not_the_article(fake_server: Any, tmp_path: Path) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, str]:
        if "casualty" in _tool(request) and "12 civilians" in _passage(request):
            time.sleep(2)  # a runaway generation
        return _answer(request)

    server = fake_server(answer)
    spec = f"{readme_schema(tmp_path)}:Casualty"
    with Extractor(
        schema=(spec,),
        base_url=server.base_url,
        model="m",
        strategy="paragraph",
        timeout=0.5,
        cache_dir=tmp_path / "cache",
    ) as ex:
        article = Article("d", "d.txt", TEXT)
        record = ex.extract(article)
        assert ex.cached(article) is None  # incomplete: a later run asks again
    assert record.usage.timeouts >= 1 and record.usage.incomplete == 1
    assert record.casualty == []  # the second paragraph's answer (none) still came
    ledger = Ledger()
    ledger.record(record)
    assert f"{record.usage.timeouts} timed out" in ledger.line()
    assert ledger.as_dict()["run"]["timeouts"] == record.usage.timeouts


def test_the_embedded_server_is_restarted_after_a_timeout(fake_server: Any) -> None:
    """llama-cpp-python's server finishes a non-streaming completion after the client hangs up;
    the runaway is ended by stopping the server, and the request is not sent again."""

    def slow(request: dict[str, Any]) -> tuple[int, str]:
        time.sleep(1.5)
        return 200, json.dumps({"answer": "yes"})

    server = fake_server(slow)

    class Stub:
        base_url = server.base_url
        model = type("Model", (), {"name": "m"})
        stops = starts = 0

        def start(self) -> Stub:
            self.starts += 1
            return self

        def stop(self) -> None:
            self.stops += 1

    embedded = Embedded("smollm2-135m", Endpoint("unused", "m", timeout=0.5))
    stub = Stub()
    embedded.server = stub  # type: ignore[assignment]
    with pytest.raises(CallTimeout) as failed:
        embedded.structured([{"role": "user", "content": "x"}], VERDICT, "p")
    assert stub.stops == 1 and len(server.requests) == 1  # stopped, and not retried
    assert failed.value.usage is not None and failed.value.usage.timeouts == 1
    server.script = lambda r: (200, json.dumps({"answer": "yes"}))
    embedded.structured([{"role": "user", "content": "x"}], VERDICT, "p")
    assert stub.starts == 2  # the next call starts it again


def test_the_user_kind_gold_points_at_its_figures() -> None:

    if not (CORPORA / "polnear").is_dir():
        pytest.skip(f"{CORPORA / 'polnear'} is absent")
    for spec, pattern in (("polls.py:PollFigure", r"percent|%"), ("money.py:MoneyFigure", r"^\$\d")):
        [kind] = resolve([f"{HERE / spec}"])
        pairs = gold_pairs(kind, CORPORA)
        assert len(pairs) == 20
        items = [i for _, g in pairs for i in g.of(kind.name)]
        assert len(items) >= 30
        assert all(re.search(pattern, i.evidence) for i in items)


def test_the_user_kind_benchmark_runs_its_three_approaches(fake_server: Any) -> None:

    if not (CORPORA / "polnear").is_dir():
        pytest.skip(f"{CORPORA / 'polnear'} is absent")

    def answer(request: dict[str, Any]) -> tuple[int, str]:
        props = _tool(request)
        return 200, json.dumps({"answer": "yes"} if _is_check(request) else {name: [] for name in props})

    server = fake_server(answer)
    table = rows(
        ["default", "whole", "before"], "polls.py:PollFigure", 2, base_url=server.base_url, model="m"
    )
    assert table[0] == HEADER and [r.split()[0] for r in table[2:]] == ["default", "whole", "before"]
    calls = [float(r.split()[7]) for r in table[2:]]
    assert calls[1] == 1.0 and calls[2] > calls[0] > 0  # whole: one call; before asked the most


def test_a_kind_whose_examples_all_hold_a_number_needs_one() -> None:
    [polls] = resolve([f"{HERE / 'polls.py:PollFigure'}"])
    [money] = resolve([f"{HERE / 'money.py:MoneyFigure'}"])
    assert needs_number(polls) and needs_number(money)
    assert may_hold("Thirty-seven percent would vote for Sanders.", (polls,))
    assert not may_hold("The survey asked voters about Sanders and the economy.", (polls,))
    assert may_hold("The group spent $2 million on ads.", (money,))
    assert not may_hold("Trump led the poll with 40 percent.", (money,))


def test_the_parse_rejects_a_person_as_equipment_without_asking(fake_server: Any, tmp_path: Path) -> None:
    path = tmp_path / "equipment.py"
    path.write_text(
        "from typing import Annotated, Literal\n"
        "from pydantic import BaseModel, Field\n"
        "from extract import Verbatim\n\n"
        "class MilitaryEquipment(BaseModel):\n"
        '    """Weapons and military platforms (aircraft, ships, vehicles) the article names."""\n'
        '    name: Annotated[str, Verbatim] = Field(description="The weapon or platform, as written.")\n'
        '    category: Literal["weapon", "platform"] = Field(description="Which of the two.")\n',
        encoding="utf-8",
    )
    text = "Sergeant John Miller flew the F-16 aircraft over the base.\n\nThe weather was mild."
    found = [
        {"name": "John Miller", "category": "platform"},
        {"name": "F-16 aircraft", "category": "platform"},
    ]

    def answer(request: dict[str, Any]) -> tuple[int, str]:
        assert not _is_check(request)  # neither item is a name the definition admits
        return 200, json.dumps({"military_equipment": found if "F-16" in _passage(request) else []})

    server = fake_server(answer)
    with Extractor(
        schema=(f"{path}:MilitaryEquipment",),
        base_url=server.base_url,
        model="m",
        strategy="paragraph",
        cache_dir=None,
    ) as ex:
        record = ex.extract(Article("e", "e.txt", text))
    assert [i.name for i in record.military_equipment] == ["F-16 aircraft"]
    assert record.usage.rejected == 1
    assert len(server.requests) == 1  # one paragraph asked, no item left to the model


POLLS_TEXT = (
    "A new survey finds Smith at 41 percent and Jones at 38%, with a margin of error of 3 points.\n\n"
    "The campaign said on Monday that it was pleased.\n\n"
    "Among young voters, Smith has 52 percent, up 4 percentage points."
)


def test_figures_are_settled_by_the_kinds_unit_without_asking(fake_server: Any) -> None:
    def answer(request: dict[str, Any]) -> tuple[int, str]:
        assert not _is_check(request)  # a figure is no name: the rules settle it
        passage = _passage(request)
        found = [
            {"figure": f, "subject": s}
            for f, s in (
                ("41 percent", "Smith"),
                ("38%", "Jones"),
                ("3 points", "margin of error"),
                ("52 percent", "Smith"),
                ("4 percentage points", "Smith"),
            )
            if f in passage
        ]
        return 200, json.dumps({"poll_figure": found})

    server = fake_server(answer)
    with Extractor(
        schema=(f"{HERE / 'polls.py:PollFigure'}",),
        base_url=server.base_url,
        model="m",
        strategy="paragraph",
        cache_dir=None,
    ) as ex:
        record = ex.extract(Article("p", "p.txt", POLLS_TEXT))
    # The examples state shares in percent: points and percentage points are no share.
    assert [i.figure for i in record.poll_figure] == ["41 percent", "38%", "52 percent"]
    assert record.usage.rejected == 2 and record.usage.unchecked == 0
    assert [t["function"]["name"] for t in server.requests[0]["tools"]] == ["Extraction", "KindCheck"]


def test_a_kind_whose_examples_state_a_unit_needs_a_figure_in_it() -> None:
    [polls] = resolve([f"{HERE / 'polls.py:PollFigure'}"])
    [money] = resolve([f"{HERE / 'money.py:MoneyFigure'}"])
    assert units_of(polls) == ("percent",) and units_of(money) == ("money",)
    assert may_hold("Thirty-seven percent would vote for Sanders in the poll.", (polls,))
    assert may_hold("Clinton leads with 48% of likely voters.", (polls,))
    # A cue and a number, but no share: asked before, not now.
    assert not may_hold("In a poll of 1,000 adults taken Dec. 6-9, Clinton led.", (polls,))
    assert may_hold("The campaign raised 40 million euros.", (money,)) and may_hold("It spent $5m.", (money,))
    assert not may_hold("The campaign has 20,000 employees and 1 million donors.", (money,))


def test_the_rules_settle_what_they_can_and_leave_admitted_names_to_the_model(tmp_path: Path) -> None:
    [casualty] = resolve([f"{readme_schema(tmp_path)}:Casualty"])
    [candidate] = resolve([_candidate_kind(tmp_path)])
    text = "Three soldiers were wounded near Kabul. Senator Ann Park said so."
    words = "Three soldiers were wounded"
    figure = casualty.record.model_validate(
        {
            "count": 3,
            "who": "soldiers",
            "status": "wounded",
            "words": words,
            "evidence": words,
            "start": 0,
            "end": len(words),
        }
    )
    first, second = (0, text.index(" Senator")), (text.index("Senator"), len(text))
    assert settled(casualty, figure, text, first) is True  # no name: kept as grounded
    start = text.index("Ann Park")
    person = candidate.record.model_validate(
        {"name": "Ann Park", "office": "x", "evidence": "Ann Park", "start": start, "end": start + 8}
    )
    assert settled(candidate, person, text, second) is None  # a person, and the kind admits candidates
    start = text.index("Kabul")
    place = candidate.record.model_validate(
        {"name": "Kabul", "office": "x", "evidence": "Kabul", "start": start, "end": start + 5}
    )
    assert settled(candidate, place, text, first) is False  # a place: the kind admits none


def test_a_kind_without_a_unit_in_its_examples_needs_none(tmp_path: Path) -> None:
    [kind] = resolve([f"{readme_schema(tmp_path)}:Casualty"])
    assert units_of(kind) == ()
    assert may_hold("Three soldiers were wounded near the airport.", (kind,))


def test_the_dry_count_sees_the_calls_the_path_makes() -> None:
    if not (CORPORA / "polnear").is_dir():
        pytest.skip(f"{CORPORA / 'polnear'} is absent")
    estimate = Tokens(_plain, _pieces, exact=False)
    table = rows(["default", "whole"], "polls.py:PollFigure", 4, dry=estimate)
    assert table[1] == DRY_HEADER
    default, whole = (r.split() for r in table[3:])
    assert float(whole[2]) == 1.0 and float(default[2]) > 0  # whole: one call an article
    assert 0 < float(default[4]) <= float(default[3])  # evaluated: at most the prompt
    assert float(default[-1]) > 0.5  # the oracle's items come back through the path
