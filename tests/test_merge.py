"""Cross-article consolidation: actors, events and positions across outlets."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

import extract.analysis.merge as merge_module
from extract.analysis.merge import merge
from extract.cli import app
from extract.run.jsonl import JsonlWriter, read_records
from extract.schemas import ArticleRecord, Stance


def record(
    article_id: str, text: str, quotes: Any = (), events: Any = (), positions: Any = ()
) -> ArticleRecord:
    def ground(item: dict[str, Any]) -> dict[str, Any]:
        start = text.index(item["evidence"])
        return {**item, "start": start, "end": start + len(item["evidence"]), "match": "exact"}

    return ArticleRecord.model_validate(
        {
            "article_id": article_id,
            "source": f"{article_id}.txt",
            "text_sha256": article_id,
            "model": "m",
            "strategy": "s",
            "prompt_version": "p",
            "items": {
                "quotes": [ground(q) for q in quotes],
                "events": [ground(e) for e in events],
                "positions": [ground(p) for p in positions],
            },
        }
    )


def actor(name: str, kind: str = "person") -> dict[str, str]:
    return {"name": name, "kind": kind}


A = "U.S. Secretary of State John Kerry met Sergei Lavrov on Friday. The U.S. rejects the referendum."
B = "Kerry and Lavrov met in London. The United States says the Crimea referendum is legitimate, oddly."
C = "Ed Miliband spoke. David Miliband spoke. Miliband said so."


def meeting(evidence: str, who: tuple[str, str], date: str | None) -> dict[str, Any]:
    return {
        "type": "CONSULT",
        "evidence": evidence,
        "date": date,
        "source": [actor(who[0])],
        "target": [actor(who[1])],
    }


def records() -> list[ArticleRecord]:
    a = record(
        "reuters",
        A,
        quotes=[{"text": "met", "evidence": "met", "speaker": actor("John Kerry"), "direct": False}],
        events=[meeting("John Kerry met Sergei Lavrov", ("John Kerry", "Sergei Lavrov"), "2014-03-14")],
        positions=[
            {
                "holder": actor("U.S.", "country"),
                "target": {"name": "the Crimea referendum"},
                "stance": "oppose",
                "evidence": "The U.S. rejects the referendum.",
            }
        ],
    )
    b = record(
        "tv",
        B,
        events=[meeting("Kerry and Lavrov met", ("Kerry", "Lavrov"), None)],
        positions=[
            {
                "holder": actor("the United States", "country"),
                "target": {"name": "Crimea referendum legitimacy"},
                "stance": "support",
                "evidence": "the Crimea referendum is legitimate",
            }
        ],
    )
    said = {
        "Ed Miliband": "Ed Miliband spoke",
        "David Miliband": "David Miliband spoke",
        "Miliband": "said so",
    }
    c = record(
        "other",
        C,
        quotes=[
            {"text": t, "evidence": t, "speaker": actor(who), "direct": False} for who, t in said.items()
        ],
    )
    return [a, b, c]


def test_same_actor_across_outlets_and_ambiguous_surnames() -> None:
    merged = merge(records())
    names = {a.name: a for a in merged.actors}
    assert set(names["John Kerry"].aliases) == {"Kerry"} and names["John Kerry"].articles == ["reuters", "tv"]
    assert "Lavrov" in names["Sergei Lavrov"].aliases
    assert names["United States"].aliases == [] and names["United States"].articles == ["reuters", "tv"]
    assert {"Ed Miliband", "David Miliband", "Miliband"} <= set(names)  # 'Miliband' could be either


def test_same_event_across_outlets_keeps_every_source() -> None:
    [event] = [e for e in merge(records()).events if e.type.value == "CONSULT"]
    assert (event.source, event.target) == (["John Kerry"], ["Sergei Lavrov"])
    assert event.date == "2014-03-14" and event.outlets == 2
    for m in event.mentions:
        text = A if m.article_id == "reuters" else B
        assert text[m.start : m.end] == m.evidence


def test_outlets_that_disagree_are_flagged() -> None:
    [position] = merge(records()).positions
    assert position.holder == "United States" and position.disagreement
    assert {s: [m.article_id for m in ms] for s, ms in position.stances.items()} == {
        Stance.OPPOSE: ["reuters"],
        Stance.SUPPORT: ["tv"],
    }


def test_merge_command_prints_and_writes_json(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    writer = JsonlWriter(path)
    for rec in records():
        writer.write(rec)
    writer.close()
    result = CliRunner().invoke(app, ["merge", str(path), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    assert "outlets disagree" in result.output and "John Kerry" in result.output
    data = json.loads((tmp_path / "m.json").read_text())
    assert data["articles"] == 3 and len(data["events"]) >= 1


def _naive_clusters(issues: list[str]) -> dict[str, str]:
    """The former all-pairs clustering, the reference for the indexed one."""
    clusters: list[tuple[set[str], list[str]]] = []
    for issue in sorted(set(issues), key=len, reverse=True):
        words = merge_module._content_words(issue) or {issue.lower()}
        for rep, phrasings in clusters:
            if merge_module._same_issue(words, rep):
                phrasings.append(issue)
                break
        else:
            clusters.append((words, [issue]))
    return {p: phrasings[0] for _, phrasings in clusters for p in phrasings}


def test_issue_clusters_match_the_all_pairs_reference_without_all_pairs(monkeypatch: Any) -> None:
    """Issue grouping compared every phrasing with every cluster (20,000 issues: 59 s)."""
    rng = random.Random(7)
    vocab = [
        "crimea",
        "referendum",
        "sanctions",
        "legitimacy",
        "troops",
        "border",
        "gas",
        "prices",
        "annexation",
        "talks",
    ]
    issues = [" ".join(rng.sample(vocab, rng.randint(1, 4))) for _ in range(400)]
    assert merge_module._issue_clusters(issues) == _naive_clusters(issues)

    def word(i: int) -> str:  # letters only: content words drop digits
        return "".join(chr(97 + int(d)) for d in f"{i:05d}")

    distinct = [f"topic{word(i)} matter{word(i)} question{word(i)}" for i in range(3000)]
    calls = 0
    same = merge_module._same_issue

    def counted(words: set[str], rep: set[str]) -> bool:
        nonlocal calls
        calls += 1
        return same(words, rep)

    monkeypatch.setattr(merge_module, "_same_issue", counted)
    merge_module._issue_clusters(distinct)
    assert calls == 0  # all-pairs made 4.5 million comparisons here


def test_article_metadata_passes_through_anchors_dates_and_counts_outlets(tmp_path: Path) -> None:
    """Extra JSONL fields were dropped: no outlet to count by, no date for 'on Tuesday'."""
    text = "Kerry met Lavrov in London on Tuesday."
    rows = [
        {"id": "r1", "text": text, "date": "2014-03-14", "outlet": "Reuters", "url": "http://r/1"},
        {"id": "r2", "text": text + " They talked.", "date": "2014-03-14", "outlet": "Reuters"},
        {"id": "b1", "text": text + " Then they left.", "date": "2014-03-14", "outlet": "BBC"},
    ]
    data, out = tmp_path / "a.jsonl", tmp_path / "r.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = CliRunner().invoke(app, ["run", str(data), "-o", str(out), "--strategy", "rules", "--no-cache"])
    assert result.exit_code == 0, result.output
    records = {r.article_id: r for r in read_records(out)}
    assert records["r1"].meta == {"date": "2014-03-14", "outlet": "Reuters", "url": "http://r/1"}
    [event] = [e for e in records["r1"].events if e.type.value == "CONSULT"]
    assert event.date == "2014-03-11"  # the Tuesday before Friday 14 March 2014
    merged = merge(records.values())
    [meeting] = [e for e in merged.events if e.type.value == "CONSULT"]
    assert len(meeting.mentions) == 3 and meeting.outlets == 2  # Reuters twice, BBC once


def test_state_actors_meet_by_country_across_outlets() -> None:
    def threat(source: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "THREATEN",
            "evidence": "warned",
            "source": [source],
            "target": [actor("Ukraine", "country")],
        }

    a = record(
        "one", "Moscow warned Kyiv.", events=[threat({"name": "Moscow", "kind": "country", "country": "RUS"})]
    )
    b = record(
        "two",
        "The Kremlin warned.",
        events=[threat({"name": "the Kremlin", "kind": "organization", "country": "RUS"})],
    )
    [event] = merge([a, b]).events
    assert event.source == ["RUS"] and event.outlets == 2  # before: one event per spelling
