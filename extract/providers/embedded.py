"""The embedded default: a local llama.cpp OpenAI-compatible server on a free loopback port."""

from __future__ import annotations

import atexit
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from extract.errors import CallTimeout, ServerError, SetupError
from extract.providers.base import Endpoint, Message, Provider, T, Tools, Wrapper
from extract.providers.models import LOCAL_MODELS
from extract.providers.openai_compat import OpenAICompatible
from extract.schemas import Usage

notes = logging.getLogger("extract")
# The server's log: beside the cache (kept for diagnosis), the newest few only.
DEFAULT_LOG_DIR = Path(tempfile.gettempdir()) / "news-extract-logs"
LOG_FILES_KEPT = 3


def log_file(folder: Path) -> Path:
    """A new log file in ``folder``, the oldest beyond :data:`LOG_FILES_KEPT` removed."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"llama-server-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}.log"
    path.touch()
    logs = sorted(folder.glob("llama-server-*.log"), key=lambda p: (p.stat().st_mtime_ns, p.name))
    for old in logs[:-LOG_FILES_KEPT]:
        old.unlink(missing_ok=True)
    return path


# Measured (README, benchmarks/quality.py): with hybrid+paragraph the 1.5B model adds quotes the
# rules miss; every choice handed to SmolLM2-135M measured worse than the rules.
DEFAULT_LOCAL_MODEL = "qwen2.5-1.5b"


_REUSED = re.compile(r"Llama\.generate: (\d+) prefix-match hit")
_EVALUATED = re.compile(r"prompt eval time =\s+[\d.]+ ms /\s+(\d+) tokens")
_BUSY = re.compile(r"llama_perf_context_print:\s+(?:prompt )?eval time =\s+([\d.]+) ms")


@dataclass(frozen=True)
class ServerStats:
    """Prompt tokens the server reused (prefix cache) and evaluated, and its busy seconds."""

    reused: int
    evaluated: int
    busy_s: float

    @property
    def reuse_share(self) -> float:
        return self.reused / max(1, self.reused + self.evaluated)

    def since(self, before: ServerStats) -> ServerStats:
        """What the server did between the reading ``before`` and this one."""
        return ServerStats(
            self.reused - before.reused, self.evaluated - before.evaluated, self.busy_s - before.busy_s
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """Start ``llama_cpp.server`` for a packaged model; stop it on exit or on ``stop()``."""

    def __init__(
        self,
        model: str = DEFAULT_LOCAL_MODEL,
        n_ctx: int = 8192,
        startup_s: float = 120,
        log_dir: Path = DEFAULT_LOG_DIR,
    ) -> None:
        if model not in LOCAL_MODELS:
            raise ServerError(f"unknown local model {model!r}; choose from {', '.join(LOCAL_MODELS)}")
        self.model = LOCAL_MODELS[model]
        self.n_ctx = n_ctx
        self.startup_s = startup_s
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._failed: ServerError | None = None
        self.log_path: Path | None = None
        self.log_dir = log_dir

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LocalServer:
        """Start the server (again, if it has died) and wait until it answers.

        A failed start is not retried: every later call raises the same error at once.
        """
        if self._failed is not None:
            raise self._failed
        if find_spec("llama_cpp") is None:  # a core-only install: the backend is an extra
            raise SetupError(
                f"the embedded model {self.model.name} needs llama.cpp's server: "
                "install news-extract[local], or pass --base-url for an OpenAI-compatible server"
            )
        if self._proc is not None and self._proc.poll() is None:
            return self
        self._proc = None
        try:
            return self._start()
        except ServerError as exc:
            self._failed = exc
            raise

    def _start(self) -> LocalServer:
        import urllib.request

        self.port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "extract.providers.serve_child",
            "--model",
            str(self.model.path()),
            "--model_alias",
            self.model.name,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.n_ctx),
            "--n_threads",
            str(max(1, os.cpu_count() or 1)),
            # Logits for the last token only: the others cost time and are never read. The prompt
            # cache is the server's own prefix reuse: each call evaluates only what follows the
            # longest prefix it shares with the previous one, so prompts keep their fixed part
            # first. (llama-cpp-python's --cache, a RAM cache of saved states, measured slower:
            # each call saved a state, and the server's memory grew with every call.)
            "--logits_all",
            "false",
        ]
        if self.model.chat_format:
            cmd += ["--chat_format", self.model.chat_format]
        # The server's output goes to a file: read back when it fails to start, kept for diagnosis.
        self.log_path = log_file(self.log_dir)
        notes.info(f"starting local model {self.model.name} (llama.cpp server)")
        notes.debug(f"its log: {self.log_path}")
        with self.log_path.open("wb") as log:
            self._proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        atexit.register(self.stop)
        deadline = time.monotonic() + self.startup_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise ServerError(f"local llama.cpp server exited at start: {self._tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2):
                    return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise ServerError(f"local llama.cpp server not ready after {self.startup_s:.0f}s")

    def stats(self) -> ServerStats:
        """What the server's log says it did so far: prompt tokens reused from its prefix cache
        and evaluated, and its own time spent on prompts and generation."""
        text = self.log_path.read_text(errors="replace") if self.log_path is not None else ""
        reused = sum(int(n) for n in _REUSED.findall(text))
        evaluated = sum(int(n) for n in _EVALUATED.findall(text))
        busy = sum(float(ms) for ms in _BUSY.findall(text)) / 1000
        return ServerStats(reused, evaluated, busy)

    def _tail(self) -> str:
        if self.log_path is None:
            return "no output"
        lines = self.log_path.read_text(errors="replace").strip().splitlines()
        return lines[-1] if lines else "no output"

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        self._proc = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def local_server(provider: Provider) -> LocalServer | None:
    """The embedded server behind ``provider`` and its wrappers (cache, budget, log), if any."""
    while isinstance(provider, Wrapper):
        provider = provider.inner
    return provider.server if isinstance(provider, Embedded) else None


class Embedded:
    """The packaged model behind its own llama.cpp server, started on the first call (a fully
    cached run never starts it) and restarted after it dies."""

    def __init__(self, local_model: str, settings: Endpoint, log_dir: Path = DEFAULT_LOG_DIR) -> None:
        self.server = LocalServer(local_model, log_dir=log_dir)
        self.settings = settings
        self._inner: OpenAICompatible | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> str:
        return self.server.model.name

    def identity(self) -> dict[str, Any]:
        # One endpoint whatever its port: answers do not depend on it.
        return {"endpoint": "embedded", "model": self.model, "params": self.settings.params()}

    def _connected(self) -> OpenAICompatible:
        with self._lock:
            if self._inner is None:
                url = self.server.start().base_url
                # No HTTP retries: a timed-out request is not sent again (the server is restarted
                # instead, below), and a lost connection means the server died (restarted too).
                endpoint = replace(self.settings, base_url=url, model=self.model, http_retries=0)
                self._inner = OpenAICompatible(endpoint, identity="embedded")
            return self._inner

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        inner = self._connected()
        try:
            return inner.structured(messages, response_model, prompt_version, context, reply_tokens, tools)
        except CallTimeout:
            # llama-cpp-python's server runs a non-streaming completion to its end after the client
            # hangs up (it looks for a disconnect only before it starts), holding its one slot:
            # every later request would wait for the runaway. Stopping the server ends it.
            with self._lock:
                self._inner = None
                self.server.stop()
            notes.warning("a model call timed out: the embedded server is restarted")
            raise
        except ServerError as lost:
            with self._lock:
                self._inner = None  # the next call starts the server again
            said = ServerError(
                "the embedded llama.cpp server stopped answering (restarted for the next article)"
            )
            said.usage = lost.usage  # the requests it sent still count against budgets
            raise said from None

    def check(self) -> None:
        return None  # checked when it starts

    def close(self) -> None:
        self.server.stop()
