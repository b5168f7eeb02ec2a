"""The disk cache of model answers, keyed by everything that could change an answer."""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path
from typing import Any

import diskcache
from pydantic import ValidationError

from extract.providers.base import Message, Provider, T, Tools, Wrapper, json_schema
from extract.schemas import Usage

DEFAULT_CACHE_DIR = Path("cache")
# Entries are JSON text since format 2 (1 pickled them): older entries are never looked up.
CACHE_FORMAT = 2


def cache_key(**parts: Any) -> str:
    """A stable key across processes: sha256 of the canonical JSON of ``parts``."""
    blob = json.dumps(
        {**parts, "cache_format": CACHE_FORMAT}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class JsonOnlyDisk(diskcache.Disk):  # type: ignore[misc]
    """diskcache's storage, refusing pickled values: whoever can write the cache folder could
    otherwise run code in every run that reads it (values here are JSON text)."""

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == diskcache.core.MODE_PICKLE:
            raise ValueError("a pickled entry (this cache stores JSON only); refused")
        return super().fetch(mode, filename, value, read)


class AnswerCache:
    """A diskcache wrapper that degrades to misses (with a warning) instead of failing a run."""

    def __init__(self, directory: Path | str = DEFAULT_CACHE_DIR) -> None:
        self.directory = Path(directory)
        self._cache: diskcache.Cache | None
        try:
            self._cache = diskcache.Cache(str(self.directory), disk=JsonOnlyDisk)
        except Exception as exc:
            warnings.warn(f"cache {self.directory} unusable ({exc}); running without cache", stacklevel=2)
            self._cache = None

    def get(self, key: str) -> dict[str, Any] | None:
        if self._cache is None:
            return None
        try:
            text = self._cache.get(key)
            value = json.loads(text) if isinstance(text, str) else None
        except Exception as exc:
            warnings.warn(f"cache read failed ({exc}); treating as a miss", stacklevel=2)
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        if self._cache is None:
            return
        try:
            self._cache.set(key, json.dumps(value, ensure_ascii=False))
        except Exception as exc:
            warnings.warn(f"cache write failed ({exc}); answer not cached", stacklevel=2)

    def info(self) -> dict[str, Any]:
        if self._cache is None:
            return {"directory": str(self.directory), "entries": 0, "bytes": 0}
        return {
            "directory": str(self.directory),
            "entries": len(self._cache),
            "bytes": self._cache.volume(),
        }

    def clear(self) -> int:
        return self._cache.clear() if self._cache is not None else 0

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()


class Cached(Wrapper):
    """A provider whose answers are kept on disk, keyed by everything that could change them:
    the endpoint's identity, model and parameters, the prompt version, the response model's JSON
    schema (so its field descriptions), the messages and the validation context."""

    def __init__(self, inner: Provider, cache: AnswerCache) -> None:
        super().__init__(inner)
        self.cache = cache

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        key = cache_key(
            **self.inner.identity(),
            prompt=prompt_version,
            schema=json_schema(response_model),
            messages=messages,
            **({"context": context} if context else {}),
            **({"reply_tokens": reply_tokens} if reply_tokens is not None else {}),
            **({"tools": [json_schema(m) for m in tools]} if tools else {}),
        )
        if (hit := self.cache.get(key)) is not None:
            try:
                return response_model.model_validate(hit["data"], context=context), Usage(cache_hits=1)
            except (ValidationError, KeyError):
                pass  # a stale or damaged entry is a miss, never a wrong record
        answer, cost = self.inner.structured(
            messages, response_model, prompt_version, context, reply_tokens, tools
        )
        self.cache.set(key, {"data": answer.model_dump(mode="json")})
        return answer, cost
