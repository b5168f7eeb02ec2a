"""The provider for strategies that never ask a model (the rules alone)."""

from __future__ import annotations

from typing import Any

from extract.errors import ModelError
from extract.providers.base import Message, T, Tools
from extract.schemas import Usage


class NoModel:
    """Answers nothing: a strategy that calls it is a bug, reported as one line."""

    model = "none"

    def identity(self) -> dict[str, Any]:
        return {"endpoint": "none", "model": self.model}

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        raise ModelError(f"no model in this run, but {prompt_version} asked one")

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None
