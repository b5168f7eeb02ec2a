from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_openai import FakeOpenAI, Script

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPORA = ROOT.parent / "shared" / "corpora"


def user_text(request: dict[str, Any]) -> str:
    return "\n".join(m.get("content") or "" for m in request["messages"] if m["role"] == "user")


def extraction(
    quotes: list[dict[str, Any]] = (),
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    positions: list[dict[str, Any]] = (),
) -> str:  # type: ignore[assignment]
    return json.dumps({"quotes": list(quotes), "events": list(events), "positions": list(positions)})


def quote(text: str, speaker: str = "Kerry") -> dict[str, Any]:
    return {"text": text, "speaker": {"name": speaker, "kind": "person"}, "cue": "said", "direct": True}


@pytest.fixture
def fake_server() -> Iterator[Any]:
    servers: list[FakeOpenAI] = []

    def start(script: Script, **options: Any) -> FakeOpenAI:
        server = FakeOpenAI(script, **options).__enter__()
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.__exit__()
