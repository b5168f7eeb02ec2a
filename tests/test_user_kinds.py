"""A user's kind on the default path for small local models: sieved paragraphs, one pass per kind,
bounded replies, and each item checked against the kind's own definition (the fake server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract import Article, Extractor
from tests.conftest import user_text
from tests.test_user_schema import RIGHT, TEXT, readme_schema


def _tool(request: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = request["tools"][0]["function"]["parameters"]["properties"]
    return props


def _passage(request: dict[str, Any]) -> str:
    text = user_text(request)
    return text.split("Passage:\n<<<\n", 1)[1].split("\n>>>", 1)[0] if "Passage:" in text else text


def _answer(request: dict[str, Any]) -> tuple[int, str]:
    """Casualty items where the passage has one; 'yes' to every check; nothing else."""
    props = _tool(request)
    if "choice" in props:
        return 200, json.dumps({"choice": "yes"})
    if "casualty" in props and "12 civilians" in _passage(request):
        return 200, json.dumps({"casualty": [RIGHT]})
    return 200, json.dumps({name: [] for name in props})


def test_the_default_path_asks_a_user_kind_once_per_paragraph(fake_server: Any, tmp_path: Path) -> None:
    """hybrid+paragraph asked a kind without rules of the whole article, then again paragraph by
    paragraph: three extraction calls where two are due on a two-paragraph article."""
    server = fake_server(_answer)
    spec = f"{readme_schema(tmp_path)}:Casualty"
    with Extractor(schema=("news", spec), base_url=server.base_url, model="m", strategy="hybrid+paragraph",
                   cache_dir=None) as ex:  # fmt: skip
        record = ex.extract(Article("d", "d.txt", TEXT))
    asked = [r for r in server.requests if "casualty" in _tool(r)]
    assert len(asked) == 2
    assert all("Passage:" in user_text(r) for r in asked)  # paragraph windows, never the whole article
    assert [c.count for c in record.casualty] == [12]
