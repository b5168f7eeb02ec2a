"""One client path to every model: instructor over the openai client, with a disk cache."""

from __future__ import annotations

import functools
import logging
import threading
import time
from typing import Any

from pydantic import BaseModel, ValidationError

from extract.errors import CallTimeout, ExtractError, ModelError, ServerError, SetupError
from extract.providers.base import Endpoint, Message, T, Tools
from extract.schemas import Usage


class OpenAICompatible:
    """Structured calls to any OpenAI-compatible server: grammar-constrained (tool-call mode),
    validated and re-asked by instructor. The client is made on the first call, so a run whose
    answers are all cached never imports instructor or openai."""

    def __init__(self, endpoint: Endpoint, identity: str = "") -> None:
        self.endpoint = endpoint
        # Names the endpoint in cache keys; the embedded server's port changes, its answers do not.
        self._identity = identity or endpoint.shown_url
        self._client: Any = None
        self._lock = threading.Lock()  # workers share one client
        self._local = threading.local()  # re-asks are counted per thread, one call at a time
        self.transport: Any = None  # made with the client: httpx2 is imported on a cache miss only

    @property
    def model(self) -> str:
        return self.endpoint.model

    def identity(self) -> dict[str, Any]:
        return {"endpoint": self._identity, "model": self.endpoint.model, "params": self.endpoint.params()}

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client

    def _make_client(self) -> Any:
        import httpx2
        import instructor
        import openai

        from extract.providers.transport import GuardedTransport

        self.transport = GuardedTransport(self.endpoint.timeout)

        # Its per-attempt log lines would repeat what our one-line errors already say.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
        raw = openai.OpenAI(
            base_url=self.endpoint.base_url,
            api_key=self.endpoint.api_key,
            timeout=self.endpoint.timeout,
            max_retries=self.endpoint.http_retries,
            http_client=httpx2.Client(transport=self.transport, timeout=self.endpoint.timeout),
        )
        # TOOLS mode: llama.cpp's server compiles the tool's JSON schema into a grammar, and
        # OpenAI, vLLM and Ollama accept forced tool calls too (JSON_SCHEMA mode's
        # response_format is rejected by llama.cpp's server).
        client = instructor.from_openai(raw, mode=instructor.Mode.TOOLS)
        client.on("parse:error", self._count_parse_error)
        return client

    def _count_parse_error(self, *_: Any, **__: Any) -> None:
        self._local.parse_errors = getattr(self._local, "parse_errors", 0) + 1

    def check(self) -> None:
        """Raise ServerError if the endpoint cannot be reached at all."""
        import openai

        try:
            self.client.client.models.list()
        except openai.APIConnectionError:
            raise ServerError(f"cannot reach model server at {self.endpoint.shown_url}") from None
        except openai.APIStatusError:
            pass  # reachable; some servers do not list models

    def close(self) -> None:
        return None

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        """Ask for one ``response_model``; return it and what the call cost. A validator's error
        (``context`` is its ``info.context``) becomes the re-ask message, as in instructor."""
        started = time.perf_counter()
        client = self.client
        self._local.parse_errors = 0
        self.transport.reset()
        try:
            obj, completion = self._ask(client, messages, response_model, context, reply_tokens, tools)
        except ExtractError as exc:
            # Failed requests were sent (and maybe paid for): budgets count them too.
            asked_again = exc.usage.reasks if exc.usage is not None else 0
            exc.usage = Usage(
                calls=max(1, self.transport.requests),
                reasks=asked_again,
                timeouts=int(isinstance(exc, CallTimeout)),
                seconds=time.perf_counter() - started,
            )
            raise
        usage = getattr(completion, "usage", None)
        reasks: int = self._local.parse_errors
        return obj, Usage(
            calls=max(1 + reasks, self.transport.requests),
            reasks=reasks,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            seconds=time.perf_counter() - started,
        )

    def _ask(
        self,
        client: Any,
        messages: list[Message],
        response_model: type[T],
        context: dict[str, Any] | None,
        reply_tokens: int | None,
        tools: Tools = (),
    ) -> tuple[T, Any]:
        """instructor's call, its failures turned into our one-line errors."""
        import openai
        from instructor.core.exceptions import InstructorRetryException

        params = self.endpoint.params()
        if reply_tokens is not None:
            params["max_tokens"] = max(1, min(reply_tokens, self.endpoint.reply_tokens))
        if tools:
            # instructor sends the response model's tool alone; the body's own list replaces it
            # (tool_choice still names the response model's).
            params["extra_body"] = {"tools": tools_listed(response_model, tools)}
        try:
            answer: tuple[T, Any] = client.chat.completions.create_with_completion(
                model=self.endpoint.model,
                messages=messages,
                response_model=_tool_schema(response_model),
                max_retries=self.endpoint.max_retries,
                context=context,
                **params,
            )
            return answer
        except InstructorRetryException as exc:
            cause = _api_cause(exc, openai.APIError)
            if cause is not None:  # instructor wraps transport errors too: report the real one
                raise _transport_error(cause, self.endpoint) from None
            # The last attempt's own error, not the exception's '<failed_attempts>' XML dump.
            attempts = getattr(exc, "failed_attempts", None) or []
            last = attempts[-1].exception if attempts else exc
            error = ModelError(
                f"model output failed validation after {exc.n_attempts} attempts: "
                f"{_validation_line(last, self.endpoint)}"
            )
            # Each attempt after the first was a re-ask with the error.
            error.usage = Usage(reasks=max(0, exc.n_attempts - 1))
            raise error from None
        except openai.APIError as exc:
            raise _transport_error(exc, self.endpoint) from None
        except ValidationError as exc:
            raise ModelError(f"model output invalid: {_first_line(exc, self.endpoint)}") from None


@functools.cache
def _tool_schema(model: type[T]) -> type[T]:
    """The model wrapped once for instructor: a fresh wrapper per call would rebuild its
    tool schema every call (tens of milliseconds of CPU per request at high concurrency)."""
    import instructor

    wrapped: type[T] = instructor.openai_schema(model)
    return wrapped


def tool_of(model: type[BaseModel]) -> dict[str, Any]:
    """A model as a request lists it among its tools (as instructor's TOOLS mode does)."""
    return {"type": "function", "function": _tool_schema(model).openai_schema}


def tools_listed(response_model: type[BaseModel], tools: Tools) -> list[dict[str, Any]]:
    """The tool list a request sends: ``tools``, with the response model's first when absent."""
    listed: Tools = tools if response_model in tools else (response_model, *tools)
    return [tool_of(m) for m in listed]


def _first_line(exc: BaseException, endpoint: Endpoint) -> str:
    """The first line of an error, without the API key (some servers echo the request)."""
    text = endpoint.redact(str(exc)).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _validation_line(exc: BaseException, endpoint: Endpoint) -> str:
    """A validation error as 'field: message'; any other error's first line."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return endpoint.redact(f"{where}: {first['msg']}")[:300]
    return _first_line(exc, endpoint)


def _api_cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of ``kind`` in ``exc``'s cause/context chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


# Statuses that every later request would get too: the run stops at the first (exit 2).
SETUP_STATUSES = {
    401: "check the API key",
    403: "check the API key",
    404: "check --base-url (…/v1?) and --model",
}


def _transport_error(exc: BaseException, endpoint: Endpoint) -> ExtractError:
    """One line for an openai transport error: timeout, unreachable, or an HTTP status."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return CallTimeout(f"model call timed out after {endpoint.timeout:g}s")
    from extract.providers.transport import ReplyTooLarge

    if (too_large := _api_cause(exc, ReplyTooLarge)) is not None:
        return ModelError(str(too_large))
    if isinstance(exc, openai.APIConnectionError):
        return ServerError(f"cannot reach model server at {endpoint.shown_url}")
    if isinstance(exc, openai.APIStatusError) and exc.status_code in SETUP_STATUSES:
        return SetupError(
            f"model server at {endpoint.shown_url} answered HTTP {exc.status_code} "
            f"({SETUP_STATUSES[exc.status_code]}): {_first_line(exc, endpoint)}"
        )
    if isinstance(exc, openai.APIStatusError):
        return ModelError(f"model server answered HTTP {exc.status_code}: {_first_line(exc, endpoint)}")
    return ModelError(f"model call failed: {_first_line(exc, endpoint)}")
