"""One frozen object holds every setting of a run; the CLI, the Python API and Ray share it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from extract.errors import ExtractError
from extract.kinds import DEFAULT_SCHEMA, SchemaSpec
from extract.providers.embedded import DEFAULT_LOCAL_MODEL
from extract.providers.models import LOCAL_MODELS, user_cache_dir
from extract.strategies import STRATEGIES, default_strategy

API_KEY_VARS = ("EXTRACT_API_KEY", "OPENAI_API_KEY")


Engine = Literal["threads", "ray"]


@dataclass(frozen=True)
class RunConfig:
    """What to extract, with which model and strategy, and how the batch runs.

    ``schema``: pack names (``"news"``), ``"file.py:Class"`` specs or Pydantic classes.
    ``base_url`` None starts the embedded ``local_model``. ``strategy`` None picks the default
    for the endpoint. ``cache_dir`` None disables the cache. Budgets stop the run, not a call.
    """

    schema: tuple[SchemaSpec, ...] = DEFAULT_SCHEMA
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    local_model: str = DEFAULT_LOCAL_MODEL
    strategy: str | None = None
    cache_dir: Path | None = field(default_factory=user_cache_dir)
    timeout: float = 120.0
    retries: int = 2
    reply_tokens: int = 2048
    temperature: float = 0.0
    workers: int = 1
    engine: Engine = "threads"
    max_calls: int | None = None
    token_budget: int | None = None
    trained: Path | None = None  # a model folder from ``extract train``

    def __post_init__(self) -> None:
        # Python callers may pass one class or a list; the frozen config keeps a tuple.
        schema = self.schema
        if isinstance(schema, str | type):
            schema = (schema,)
        object.__setattr__(self, "schema", tuple(schema))
        if self.cache_dir is not None:
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if self.trained is not None:
            object.__setattr__(self, "trained", Path(self.trained))
        if self.trained is not None and self.strategy is not None and not STRATEGIES[self.strategy].trained:
            raise ExtractError(
                f"--trained runs with --strategy trained or trained+model, not {self.strategy}"
            )
        if self.strategy is not None and self.strategy not in STRATEGIES:
            raise ExtractError(f"unknown strategy {self.strategy!r}; choose from {', '.join(STRATEGIES)}")
        if self.base_url is None and self.local_model not in LOCAL_MODELS:
            raise ExtractError(
                f"unknown local model {self.local_model!r}; choose from {', '.join(LOCAL_MODELS)}"
            )
        if self.base_url is not None and not self.model:
            raise ExtractError("--model is required with --base-url")
        if self.workers < 1:
            raise ExtractError("workers must be at least 1")

    @classmethod
    def of(cls, config: RunConfig | None = None, **options: Any) -> RunConfig:
        """``config`` with ``options`` replaced, or a new config; an unknown option is one line."""
        known = {f.name for f in fields(cls)}
        if unknown := sorted(set(options) - known):
            raise ExtractError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(config, **options) if config is not None else cls(**options)

    @property
    def strategy_name(self) -> str:
        if self.strategy is None and self.trained is not None:
            return "trained"
        return self.strategy or default_strategy(self.base_url)

    def key(self) -> str:
        """The API key: given, else from the environment; never cached, logged or recorded."""
        return self.api_key or next((os.environ[v] for v in API_KEY_VARS if os.environ.get(v)), "not-needed")
