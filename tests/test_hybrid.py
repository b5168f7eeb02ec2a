"""The hybrid strategy's model questions: enums of candidates, safe for llama.cpp's grammar."""

from __future__ import annotations

import json
from typing import Any

from extract.llm import LLM, Endpoint
from extract.strategies.hybrid import Asker


def test_choices_are_an_enum_without_grammar_breaking_values(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, json.dumps({"choice": "Bob"})))
    ask = Asker(LLM(Endpoint(server.base_url, "fake")))
    picked = ask.choose("speaker", ['Marcia "', "Bob", "Ann"], "who", context="c", quote="q")
    assert picked == "Bob" and ask.usage.calls == 1
    [request] = server.requests
    schema = request["tools"][0]["function"]["parameters"]
    assert schema["properties"]["choice"]["enum"] == ["Bob", "Ann"]


def test_rules_only_never_calls(fake_server: Any) -> None:
    server = fake_server(lambda r: (500, "must not be called"))
    ask = Asker(LLM(Endpoint(server.base_url, "fake")), use_model=False)
    assert ask.choose("speaker", ["Kerry", "Lavrov"], "who", context="c", quote="q") == "Kerry"
    assert server.requests == []
