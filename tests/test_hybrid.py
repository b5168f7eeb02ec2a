"""The hybrid strategy's model questions: enums of candidates, safe for llama.cpp's grammar."""

from __future__ import annotations

import json
from typing import Any

from extract import Article, Extractor
from extract.providers.base import Endpoint
from extract.providers.openai_compat import OpenAICompatible
from extract.rules.news import decide_stance
from extract.schemas import Stance
from extract.strategies.hybrid import Asker
from tests.conftest import extraction, quote


def test_choices_are_an_enum_without_grammar_breaking_values(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, json.dumps({"choice": "Bob"})))
    ask = Asker(OpenAICompatible(Endpoint(server.base_url, "fake")))
    picked = ask.choose("speaker", ['Marcia "', "Bob", "Ann"], "who", context="c", quote="q", source="he")
    assert picked == "Bob" and ask.usage.calls == 1
    [request] = server.requests
    schema = request["tools"][0]["function"]["parameters"]
    assert schema["properties"]["choice"]["enum"] == ["Bob", "Ann"]


def test_rules_only_never_calls(fake_server: Any) -> None:
    server = fake_server(lambda r: (500, "must not be called"))
    ask = Asker(OpenAICompatible(Endpoint(server.base_url, "fake")), use_model=False)
    assert ask.choose("speaker", ["Kerry", "Lavrov"], "who", context="c", quote="q") == "Kerry"
    assert server.requests == []


def test_the_model_decides_stance_only_where_the_rules_are_unsure(fake_server: Any) -> None:
    server = fake_server(lambda r: (200, json.dumps({"choice": "oppose"})))
    ask = Asker(OpenAICompatible(Endpoint(server.base_url, "fake")))
    sure = decide_stance(ask, "Kerry praised the excellent agreement.", "Kerry", "the agreement", "support")
    assert sure is Stance.SUPPORT and server.requests == []  # the domain lexicon fired
    unsure = decide_stance(ask, "Kerry met Lavrov on Tuesday.", "Kerry", "Lavrov")
    assert unsure is Stance.OPPOSE and len(server.requests) == 1
    options = server.requests[0]["tools"][0]["function"]["parameters"]["properties"]["choice"]["enum"]
    assert options[0] == "neutral_or_mixed"  # the rules' guess comes first
    # VADER's valence alone is a guess the model checks (a sentence's valence is not one stance).
    decide_stance(ask, "Kerry praised the excellent agreement.", "Kerry", "the agreement")
    assert len(server.requests) == 2


def test_combined_keeps_hybrid_items_and_adds_only_what_they_do_not_cover(fake_server: Any) -> None:
    text = (
        'Kerry said: "The talks were constructive but difficult for everyone." Lavrov deemed the '
        "sanctions pointless and harmful to all."
    )

    def script(request: dict[str, Any]) -> tuple[int, str]:
        choice = request["tools"][0]["function"]["parameters"]["properties"].get("choice")
        if choice is not None:  # a rules' open choice (the event's category): the rules' guess
            return 200, json.dumps({"choice": choice["enum"][0]})
        found = [quote("constructive but difficult", "Lavrov"), quote("the sanctions pointless", "Lavrov")]
        return 200, extraction(found)

    server = fake_server(script)
    with Extractor(base_url=server.base_url, model="fake", strategy="hybrid+whole", cache_dir=None) as ex:
        rec = ex.extract(Article("a", "a.txt", text))
    by_text = {q.evidence: q.speaker.name for q in rec.quotes}
    assert by_text["The talks were constructive but difficult for everyone."] == "Kerry"  # the hybrid's, kept
    assert by_text["the sanctions pointless"] == "Lavrov"  # new: added from the whole-article call
    assert "constructive but difficult" not in by_text  # covered by the hybrid's quote: dropped
    assert rec.usage.dropped == 0
    assert all(text[q.start : q.end] == q.evidence for q in rec.quotes)
