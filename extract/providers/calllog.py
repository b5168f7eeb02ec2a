"""A log of every request sent to a model: the messages, the raw answer, what it cost.

Like ``llm logs``: JSON lines beside the cache (``<cache>/logs/calls.jsonl``), read back with
``extract logs``. Cache hits are not calls and are not logged; the API key is never part of a
request's messages, and the endpoint is logged as its identity (no key, no credentials in URLs).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from extract.providers.base import Message, Provider, T, Tools, Wrapper
from extract.schemas import Usage

CALL_LOG = "calls.jsonl"
# Past this size the log is rotated (see ``older``); ``extract logs`` reads from its end.
MAX_LOG_BYTES = 64 << 20
BLOCK = 1 << 16


def call_log(cache_dir: Path) -> Path:
    """Where runs with ``cache_dir`` log their calls (and ``extract logs`` reads them)."""
    return cache_dir / "logs" / CALL_LOG


class Logged(Wrapper):
    """A provider whose requests and answers are appended to ``path`` (one JSON line each)."""

    def __init__(self, inner: Provider, path: Path, redact: Callable[[str], str] = str) -> None:
        super().__init__(inner)
        self.path = path
        self.redact = redact  # the endpoint's: no credential is written, whatever echoes it
        self._lock = threading.Lock()

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
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
                messages, response_model, prompt_version, context, reply_tokens, tools
            )
        except Exception as exc:
            self._write({**entry, "seconds": round(time.time() - started, 3), "error": str(exc)})
            raise
        reply = {"reply": answer.model_dump(mode="json"), "usage": cost.model_dump(mode="json")}
        self._write({**entry, "seconds": round(time.time() - started, 3), **reply})
        return answer, cost

    def _write(self, entry: dict[str, Any]) -> None:
        line = self.redact(json.dumps(entry, ensure_ascii=False)) + "\n"
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if self.path.is_file() and self.path.stat().st_size + len(line) > MAX_LOG_BYTES:
                    # One older file is kept; the log never holds more than twice the cap.
                    os.replace(self.path, older(self.path))
                with self.path.open("a", encoding="utf-8") as log:
                    log.write(line)
        except OSError:
            pass  # a log that cannot be written never stops a run


def older(path: Path) -> Path:
    """Where the log's older calls go when it is rotated."""
    return path.with_name(path.name + ".1")


def _call(line: bytes) -> dict[str, Any] | None:
    """One logged call, or None for a damaged line or one that is not a JSON object."""
    try:
        found = json.loads(line.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    return found if isinstance(found, dict) else None


def count_lines(path: Path) -> int:
    """Lines in ``path`` (a last one without its newline included), read a block at a time."""
    if not path.is_file():
        return 0
    count, last = 0, b"\n"
    with path.open("rb") as fh:
        while block := fh.read(BLOCK):
            count, last = count + block.count(b"\n"), block[-1:]
    return count + (last != b"\n")


def _lines_from_end(path: Path) -> Iterator[bytes]:
    """The lines of ``path``, last first, reading it backwards a block at a time."""
    with path.open("rb") as fh:
        pos = fh.seek(0, os.SEEK_END)
        rest = b""
        while pos > 0:
            step = min(BLOCK, pos)
            pos -= step
            fh.seek(pos)
            *lines, rest = (fh.read(step) + rest).split(b"\n")[::-1]
            yield from (line for line in lines if line)
        if rest:
            yield rest


def read_calls(path: Path, last: int) -> list[tuple[int, dict[str, Any]]]:
    """The newest ``last`` calls, oldest first, each with its line number (lines that are
    damaged or not calls are skipped); only the end of the file is read."""
    if not path.is_file():
        return []
    number = count_lines(path) + 1
    found: list[tuple[int, dict[str, Any]]] = []
    for line in _lines_from_end(path):
        number -= 1
        if (call := _call(line)) is not None:
            found.append((number, call))
            if len(found) == last:
                break
    return found[::-1]


def read_call(path: Path, number: int) -> dict[str, Any] | None:
    """The call on line ``number`` (1-based), or None."""
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            if n == number:
                return _call(line)
    return None
