"""One client path to every model: instructor over the openai client, with a disk cache."""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from extract.cache import AnswerCache, cache_key
from extract.errors import ModelError, ServerError
from extract.ledger import Budget
from extract.prompt import Message
from schemas import Usage

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Endpoint:
    """Where the model lives and how it is asked; the API key never enters keys or records.

    ``identity`` names the endpoint in cache keys; it differs from ``base_url`` for the embedded
    server, whose port changes from run to run while its answers do not.
    """

    base_url: str
    model: str
    identity: str = ""
    api_key: str = field(default="not-needed", repr=False)
    temperature: float = 0.0
    max_tokens: int = 2048
    timeout: float = 120.0
    max_retries: int = 2  # re-asks after invalid output
    http_retries: int = 2  # retries of failed requests (connection errors, 429, 5xx)

    def params(self) -> dict[str, Any]:
        """Generation parameters that change answers (and so enter the cache key)."""
        return {"temperature": self.temperature, "max_tokens": self.max_tokens}

    def key_parts(self) -> dict[str, Any]:
        """What identifies this endpoint's answers in a cache key (never the API key)."""
        return {"endpoint": self.identity or self.base_url, "model": self.model, "params": self.params()}


class LLM:
    """Structured calls: grammar-constrained (tool-call mode), validated, re-asked, cached.

    The client is made on the first cache miss, so a fully cached run neither imports
    instructor nor starts the embedded server (``connect`` returns its base URL).
    """

    def __init__(
        self,
        endpoint: Endpoint,
        cache: AnswerCache | None = None,
        connect: Callable[[], str] | None = None,
        budget: Budget | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.cache = cache
        self.budget = budget
        self._connect = connect
        self._client: Any = None
        self._lock = threading.Lock()  # workers share one client and one embedded server
        self._local = threading.local()  # re-asks are counted per thread, one call at a time

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client

    def _make_client(self) -> Any:
        import instructor
        import openai

        # Its per-attempt log lines would repeat what our one-line errors already say.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)

        base_url = self._connect() if self._connect is not None else self.endpoint.base_url
        raw = openai.OpenAI(
            base_url=base_url,
            api_key=self.endpoint.api_key,
            timeout=self.endpoint.timeout,
            max_retries=self.endpoint.http_retries,
        )
        # TOOLS mode: llama.cpp's server compiles the tool's JSON schema into a grammar, and
        # OpenAI, vLLM and Ollama accept forced tool calls too (JSON_SCHEMA mode's
        # response_format is rejected by llama.cpp's server).
        client = instructor.from_openai(raw, mode=instructor.Mode.TOOLS)
        client.on("parse:error", self._count_parse_error)
        return client

    def _count_parse_error(self, *_: Any, **__: Any) -> None:
        self._local.parse_errors = getattr(self._local, "parse_errors", 0) + 1

    def ping(self) -> None:
        """Raise ServerError if the endpoint cannot be reached at all."""
        if self._connect is not None:
            return  # the embedded server is checked when it starts
        import openai

        try:
            self.client.client.models.list()
        except openai.APIConnectionError:
            raise ServerError(f"cannot reach model server at {self.endpoint.base_url}") from None
        except openai.APIStatusError:
            pass  # reachable; some servers do not list models

    def _transport_failed(self, exc: BaseException) -> ModelError | ServerError:
        """The one-line error for a failed request; a lost embedded server is restarted next call."""
        import openai

        if self._connect is not None and isinstance(exc, openai.APIConnectionError):
            with self._lock:
                self._client = None
        return _transport_error(exc, self.endpoint)

    def structured(
        self, messages: list[Message], response_model: type[T], prompt_version: str
    ) -> tuple[T, Usage]:
        """Ask for one ``response_model``; return it and what the call cost."""
        key = cache_key(
            **self.endpoint.key_parts(),
            prompt=prompt_version,
            schema=_json_schema(response_model),
            messages=messages,
        )
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            try:
                return response_model.model_validate(hit["data"]), Usage(cache_hits=1)
            except (ValidationError, KeyError):
                pass  # a stale or damaged entry is a miss, never a wrong record
        # Imported on a miss only: openai and instructor take seconds to import.
        import openai
        from instructor.core.exceptions import InstructorRetryException

        if self.budget is not None:
            self.budget.check()
        started = time.perf_counter()
        client = self.client
        self._local.parse_errors = 0
        try:
            obj, completion = client.chat.completions.create_with_completion(
                model=self.endpoint.model,
                messages=messages,
                response_model=_tool_schema(response_model),
                max_retries=self.endpoint.max_retries,
                **self.endpoint.params(),
            )
        except InstructorRetryException as exc:
            cause = _api_cause(exc, openai.APIError)
            if cause is not None:  # instructor wraps transport errors too: report the real one
                raise self._transport_failed(cause) from None
            raise ModelError(
                f"model output failed validation after {exc.n_attempts} attempts: {_first_line(exc)}"
            ) from None
        except openai.APIError as exc:
            raise self._transport_failed(exc) from None
        except ValidationError as exc:
            raise ModelError(f"model output invalid: {_first_line(exc)}") from None
        usage = getattr(completion, "usage", None)
        reasks: int = self._local.parse_errors
        cost = Usage(
            calls=1 + reasks,
            reasks=reasks,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            seconds=time.perf_counter() - started,
        )
        if self.budget is not None:
            self.budget.spend(cost)
        if self.cache is not None:
            self.cache.set(key, {"data": obj.model_dump(mode="json")})
        return obj, cost


@functools.cache
def _json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema, made once: pydantic takes milliseconds to build it."""
    return model.model_json_schema()


@functools.cache
def _tool_schema(model: type[T]) -> type[T]:
    """The model wrapped once for instructor: a fresh wrapper per call would rebuild its
    tool schema every call (tens of milliseconds of CPU per request at high concurrency)."""
    import instructor

    wrapped: type[T] = instructor.openai_schema(model)
    return wrapped


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _api_cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of ``kind`` in ``exc``'s cause/context chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _transport_error(exc: BaseException, endpoint: Endpoint) -> ModelError | ServerError:
    """One line for an openai transport error: timeout, unreachable, or an HTTP status."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return ModelError(f"model call timed out after {endpoint.timeout:g}s")
    if isinstance(exc, openai.APIConnectionError):
        if endpoint.identity == "embedded":
            return ServerError(
                "the embedded llama.cpp server stopped answering (restarted for the next article)"
            )
        return ServerError(f"cannot reach model server at {endpoint.base_url}")
    if isinstance(exc, openai.APIStatusError):
        return ModelError(f"model server answered HTTP {exc.status_code}: {_first_line(exc)}")
    return ModelError(f"model call failed: {_first_line(exc)}")
