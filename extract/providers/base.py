"""The one interface every model sits behind, and the settings of a request."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote

from pydantic import BaseModel

from extract.schemas import Usage

T = TypeVar("T", bound=BaseModel)
Message = dict[str, Any]
# Response models a request lists as tools beside its own (see ``Provider.structured``).
Tools = tuple[type[BaseModel], ...]


@dataclass(frozen=True)
class Endpoint:
    """Where a model lives and how it is asked; the API key never enters keys or records."""

    base_url: str
    model: str
    api_key: str = field(default="not-needed", repr=False)
    temperature: float = 0.0
    reply_tokens: int = 2048
    timeout: float = 120.0
    max_retries: int = 2  # re-asks after invalid output
    http_retries: int = 2  # retries of failed requests (connection errors, 429, 5xx)

    @property
    def shown_url(self) -> str:
        """The base URL as messages, logs and cache keys show it: credentials in it replaced."""
        return re.sub(r"(?<=//)[^/@]+@", "***@", self.base_url)

    @functools.cached_property
    def secrets(self) -> tuple[str, ...]:
        """Every form in which the key or the URL's credentials may come back (a server echoes
        ``user:pass@host`` without the port, or percent-decoded), longest first."""
        found = {self.api_key} if self.api_key != "not-needed" else set()
        userinfo = re.match(r"[^:/]+://([^/@]+)@", self.base_url)
        if userinfo is not None:
            user, _, password = userinfo.group(1).partition(":")
            found |= {userinfo.group(1), password, unquote(password), unquote(userinfo.group(1))}
            if not password:
                found |= {user, unquote(user)}
        return tuple(sorted((s for s in found if len(s) >= 4), key=len, reverse=True))

    def redact(self, text: str) -> str:
        """``text`` (a server's error message, say) without the API key or the URL's credentials."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def params(self) -> dict[str, Any]:
        """Generation parameters that change answers (and so enter the cache key)."""
        return {"temperature": self.temperature, "max_tokens": self.reply_tokens}


class Provider(Protocol):
    """A model that fills a Pydantic model from messages (OpenAI-compatible, embedded, none)."""

    @property
    def model(self) -> str:
        """The model's name as records state it."""
        ...

    def identity(self) -> dict[str, Any]:
        """What identifies this provider's answers in a cache key (never the API key)."""
        ...

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        """One ``response_model`` and what it cost; ``context`` reaches its validators;
        ``reply_tokens`` lowers the endpoint's reply limit for this call (a short passage cannot
        need the whole limit, and a runaway reply stops there). ``tools``, when given, are the
        response models every call of a pass lists as its tools, ``response_model`` among them,
        the answer always ``response_model``'s: chat templates put the tools in the system turn,
        so calls of a pass that answer different models share one prompt prefix."""
        ...

    def check(self) -> None:
        """Fail fast, with one line, when the model cannot be reached."""
        ...

    def close(self) -> None: ...


@functools.cache
def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema, made once: pydantic takes milliseconds to build it."""
    return model.model_json_schema()


class Wrapper:
    """A provider around another (cache, budget): everything but ``structured`` passes through."""

    def __init__(self, inner: Provider) -> None:
        self.inner = inner

    @property
    def model(self) -> str:
        return self.inner.model

    def identity(self) -> dict[str, Any]:
        return self.inner.identity()

    def check(self) -> None:
        self.inner.check()

    def close(self) -> None:
        self.inner.close()
