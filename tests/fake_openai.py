"""A scripted OpenAI-compatible server on loopback: real HTTP for the real openai client."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# A script maps a chat request to (HTTP status, the tool-call arguments as a JSON string).
Script = Callable[[dict[str, Any]], tuple[int, str]]


def tool_reply(request: dict[str, Any], arguments: str) -> dict[str, Any]:
    """A chat.completion whose only content is a forced tool call, as TOOLS mode expects."""
    name = request.get("tool_choice", {}).get("function", {}).get("name", "fn")
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_0",
                            "type": "function",
                            "function": {"name": name, "arguments": arguments},
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # many workers connect at once


class FakeOpenAI:
    """Serve ``script`` on a free loopback port; ``requests`` records every chat request.

    ``latency`` delays every chat answer (a real server's think time); ``max_in_flight`` is the
    most requests it held at once; error answers carry ``Retry-After: retry_after`` when set.
    """

    def __init__(self, script: Script, latency: float = 0.0, retry_after: str | None = None) -> None:
        self.script = script
        self.latency = latency
        self.retry_after = retry_after
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if status != 200 and fake.retry_after is not None:
                    self.send_header("Retry-After", fake.retry_after)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with fake._lock:
                    fake.requests.append(request)
                    fake.times.append(time.monotonic())
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                try:
                    time.sleep(fake.latency)
                    status, arguments = fake.script(request)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1
                if status == 0:  # a dropped connection: no answer at all
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if status != 200:
                    self._send(status, {"error": {"message": arguments, "type": "server_error"}})
                else:
                    self._send(200, tool_reply(request, arguments))

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.handle_error = lambda *_: None  # type: ignore[method-assign]  # clients that hang up
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
