"""The real embedded model (llama.cpp server + a model shipped on PyPI) on one seed article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract import Extractor, load_articles
from extract.schemas import ArticleRecord
from tests.conftest import SEEDS


@pytest.mark.slow
# hybrid-all asks the model every choice (the default hybrid may need none on this article).
@pytest.mark.parametrize("strategy", ["hybrid-all", "whole"])
def test_embedded_model_gives_valid_grounded_records(strategy: str, tmp_path: Path) -> None:
    [article] = load_articles([str(SEEDS / "reuters_kerry_lavrov_2014-03-14.txt")])
    assert not isinstance(article, Exception)
    # The tiny model for the mechanics (fast); the default model runs in test_gold's quality floor.
    # A generous call timeout: on a 2-core AVX2 machine (an AMD EPYC seen here) the tiny model
    # reads the whole-article prompt at ~125 tokens/s and one call outlasts the default 120 s.
    with Extractor(
        strategy=strategy, local_model="smollm2-135m", cache_dir=tmp_path / "cache", timeout=600
    ) as ex:
        record = ex.extract(article)
    record = ArticleRecord.model_validate_json(record.model_dump_json())
    items = [*record.quotes, *record.events, *record.positions]
    assert record.usage.calls > 0 and record.model == "smollm2-135m"
    assert all(article.text[i.start : i.end] == i.evidence for i in items)
    if strategy == "hybrid-all":
        assert len(record.quotes) >= 5  # candidates come from the text, the model only picks


@pytest.mark.slow
def test_embedded_server_dies_with_a_killed_run(tmp_path: Path) -> None:
    """SIGKILL leaves no chance to clean up: the server must notice and exit by itself."""
    script = (
        "import sys, time\n"
        "from extract.providers.embedded import LocalServer\n"
        "s = LocalServer('smollm2-135m').start()\n"
        "print(s._proc.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    server_pid = int(proc.stdout.readline())
    os.kill(server_pid, 0)  # it runs
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _alive(server_pid):
        time.sleep(0.2)
    if _alive(server_pid):
        os.kill(server_pid, signal.SIGKILL)
        raise AssertionError("the embedded server outlived the run that started it")


def _alive(pid: int) -> bool:
    """Running, and not a zombie (a container's init may be slow to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
