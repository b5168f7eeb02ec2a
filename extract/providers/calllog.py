"""A log of every request sent to a model: the messages, the raw answer, what it cost.

Like ``llm logs``: JSON lines beside the cache (``<cache>/logs/calls.jsonl``), read back with
``extract logs``. Cache hits are not calls and are not logged; the API key is never part of a
request's messages, and the endpoint is logged as its identity (no key, no credentials in URLs).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from extract.providers.base import Message, Provider, T, Wrapper
from extract.schemas import Usage

CALL_LOG = "calls.jsonl"


def call_log(cache_dir: Path) -> Path:
    """Where runs with ``cache_dir`` log their calls (and ``extract logs`` reads them)."""
    return cache_dir / "logs" / CALL_LOG


class Logged(Wrapper):
    """A provider whose requests and answers are appended to ``path`` (one JSON line each)."""

    def __init__(self, inner: Provider, path: Path) -> None:
        super().__init__(inner)
        self.path = path
        self._lock = threading.Lock()

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
    ) -> tuple[T, Usage]:
        started = time.time()
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
            **self.inner.identity(),
            "prompt_version": prompt_version,
            "response_model": response_model.__name__,
            "messages": messages,
        }
        try:
            answer, cost = self.inner.structured(
                messages, response_model, prompt_version, context, reply_tokens
            )
        except Exception as exc:
            self._write({**entry, "seconds": round(time.time() - started, 3), "error": str(exc)})
            raise
        reply = {"reply": answer.model_dump(mode="json"), "usage": cost.model_dump(mode="json")}
        self._write({**entry, "seconds": round(time.time() - started, 3), **reply})
        return answer, cost

    def _write(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as log:
                    log.write(line)
        except OSError:
            pass  # a log that cannot be written never stops a run


def read_calls(path: Path) -> list[dict[str, Any]]:
    """The logged calls, oldest first (a damaged line is skipped)."""
    if not path.is_file():
        return []
    calls = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            calls.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return calls
