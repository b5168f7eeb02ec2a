"""The cost ledger: what a run spent, per article and in total, and the budgets that stop it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.inputs.guard import write_atomic
from extract.providers.budget import Budget
from extract.schemas import ArticleRecord, Usage


@dataclass
class Ledger:
    """Totals for a run and one entry per article; printed as one line, written as JSON."""

    budget: Budget = field(default_factory=Budget)
    articles: int = 0
    failures: int = 0
    resumed: int = 0
    unfinished: int = 0
    items: dict[str, int] = field(default_factory=dict)  # per kind
    usage: Usage = field(default_factory=Usage)
    entries: list[dict[str, Any]] = field(default_factory=list)
    stopped: str | None = None
    trained: str | None = None  # the model folder a trained strategy ran: name@identity
    started: float = field(default_factory=time.perf_counter)
    wall_seconds: float = 0.0

    def record(self, rec: ArticleRecord) -> None:
        self.articles += 1
        for kind, n in rec.counts().items():
            self.items[kind] = self.items.get(kind, 0) + n
        self.usage = self.usage.add(rec.usage)
        self.entries.append(
            {
                "article_id": rec.article_id,
                "source": rec.source,
                "text_sha256": rec.text_sha256,
                "status": "done",
                **rec.usage.model_dump(),
            }
        )

    def fail(self, source: str, reason: str) -> None:
        self.failures += 1
        self.entries.append({"source": source, "status": "failed", "reason": reason})

    def not_started(self, source: str, reason: str) -> None:
        self.unfinished += 1
        self.entries.append({"source": source, "status": "not started", "reason": reason})

    @property
    def calls(self) -> int:
        """Requests sent: the budget also counts those of articles that failed."""
        return max(self.usage.calls, self.budget.calls)

    def finish(self) -> Ledger:
        self.wall_seconds = time.perf_counter() - self.started
        return self

    def line(self) -> str:
        u = self.usage
        rate = self.articles / self.wall_seconds if self.wall_seconds else 0.0
        text = (
            f"{self.articles} articles, {self.failures} failed, {self.resumed} already done | "
            f"{', '.join(f'{n} {kind}' for kind, n in self.items.items()) or 'no items'} | "
            f"{self.calls} model calls, {u.cache_hits} cache hits, {u.reasks} re-asks, "
            f"{u.prompt_tokens} + {u.completion_tokens} tokens | "
            f"{u.dropped} ungrounded dropped, {u.rejected} rejected by the kind's check, "
            f"{f'{u.unchecked} left unchecked, ' if u.unchecked else ''}"
            f"{u.flagged} flagged, {u.timeouts} timed out | "
            f"{self.wall_seconds:.1f} s ({rate:.1f} articles/s)"
        )
        if self.trained:
            text += f" | trained model {self.trained}"
        if self.stopped:
            text += f" | stopped: {self.stopped}; {self.unfinished} articles left for a re-run"
        return text

    def as_dict(self) -> dict[str, Any]:
        b = self.budget
        return {
            "run": {
                "articles": self.articles,
                "failed": self.failures,
                "already_done": self.resumed,
                "not_started": self.unfinished,
                "items": self.items,
                **self.usage.model_dump(exclude={"seconds"}),
                "calls": self.calls,
                "wall_seconds": round(self.wall_seconds, 3),
                "budget": {"max_calls": b.max_calls, "token_budget": b.token_budget},
                "stopped": self.stopped,
                "trained": self.trained,
            },
            "articles": self.entries,
        }

    def write(self, path: Path) -> None:
        write_atomic(path, json.dumps(self.as_dict(), indent=2) + "\n")
