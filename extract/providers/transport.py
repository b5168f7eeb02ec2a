"""The HTTP transport under the openai client: a whole-request deadline, a cap on reply size, and a
count of every request sent (retries included), for budgets that count what was paid for."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx2 as httpx  # the HTTP library openai 3 is built on

# A reply of a few thousand tokens is tens of kilobytes; anything near this is a runaway server.
MAX_REPLY_BYTES = 4_000_000


class ReplyTooLarge(httpx.TransportError):
    """The server's reply passed the size cap; it is dropped unread."""


class _Guarded(httpx.SyncByteStream):
    """A reply body read under the request's deadline and the size cap."""

    def __init__(self, inner: httpx.SyncByteStream, deadline: float, limit: int) -> None:
        self.inner, self.deadline, self.limit = inner, deadline, limit

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        for chunk in self.inner:
            size += len(chunk)
            if size > self.limit:
                raise ReplyTooLarge(f"model reply larger than {self.limit:,} bytes; refused")
            if time.monotonic() > self.deadline:
                # A server dripping a byte a second never trips a per-read timeout.
                raise httpx.ReadTimeout("the reply did not finish within the request's deadline")
            yield chunk

    def close(self) -> None:
        self.inner.close()


class GuardedTransport(httpx.HTTPTransport):
    """Counts chat requests per thread; bounds each reply by ``timeout`` seconds in all (not per
    read) and by ``MAX_REPLY_BYTES``."""

    def __init__(self, timeout: float, limit: int = MAX_REPLY_BYTES) -> None:
        super().__init__()
        self.timeout, self.limit = timeout, limit
        self._local = threading.local()

    @property
    def requests(self) -> int:
        """Requests this thread has sent since :meth:`reset`."""
        return int(getattr(self._local, "requests", 0))

    def reset(self) -> None:
        self._local.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = time.monotonic() + self.timeout
        if request.url.path.endswith("/chat/completions"):
            self._local.requests = self.requests + 1
        response = super().handle_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            response.close()
            raise ReplyTooLarge(f"model reply of {int(declared):,} bytes is over {self.limit:,}; refused")
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _Guarded(response.stream, deadline, self.limit)
        return response
