"""Run budgets on model calls and tokens, and the provider wrapper that enforces them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from extract.errors import BudgetExceeded, ExtractError
from extract.providers.base import Message, Provider, T, Tools, Wrapper
from extract.schemas import Usage


@dataclass
class Budget:
    """Limits on model calls and tokens, shared by every worker; cache hits cost nothing."""

    max_calls: int | None = None
    token_budget: int | None = None
    calls: int = 0
    tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def exceeded(self) -> str | None:
        """Which budget is spent, if any."""
        with self._lock:
            if self.max_calls is not None and self.calls >= self.max_calls:
                return f"--max-calls {self.max_calls} reached"
            if self.token_budget is not None and self.tokens >= self.token_budget:
                return f"--token-budget {self.token_budget} reached"
        return None

    def check(self) -> None:
        """Raise before a model call that the budget no longer allows."""
        if (why := self.exceeded()) is not None:
            raise BudgetExceeded(why)

    def spend(self, usage: Usage) -> None:
        with self._lock:
            self.calls += usage.calls
            self.tokens += usage.prompt_tokens + usage.completion_tokens


class Budgeted(Wrapper):
    """A provider whose calls are checked against, and charged to, a :class:`Budget`."""

    def __init__(self, inner: Provider, budget: Budget) -> None:
        super().__init__(inner)
        self.budget = budget

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        self.budget.check()
        try:
            answer, cost = self.inner.structured(
                messages, response_model, prompt_version, context, reply_tokens, tools
            )
        except ExtractError as exc:
            self.budget.spend(exc.usage or Usage(calls=1))  # a failed request counts as sent
            raise
        self.budget.spend(cost)
        return answer, cost
