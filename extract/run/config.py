"""One frozen object holds every setting of a run; the CLI, the Python API and Ray share it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, get_type_hints

from pydantic import TypeAdapter, ValidationError

from extract.errors import ExtractError
from extract.kinds import DEFAULT_SCHEMA, SchemaSpec
from extract.providers.embedded import DEFAULT_LOCAL_MODEL
from extract.providers.models import user_cache_dir
from extract.providers.registry import Backend, backend_for
from extract.run.settings import Settings, load_settings
from extract.strategies import STRATEGIES

API_KEY_VARS = ("EXTRACT_API_KEY", "OPENAI_API_KEY")


Engine = Literal["threads", "ray"]


@dataclass(frozen=True)
class RunConfig:
    """What to extract, with which model and strategy, and how the batch runs.

    ``schema``: pack names (``"news"``), ``"file.py:Class"`` specs or Pydantic classes.
    ``provider`` names a backend (``extract.providers.registry``); None: the embedded
    ``local_model`` without a ``base_url``, an OpenAI-compatible server with one. ``strategy``
    None picks the backend's default. ``cache_dir`` None disables the cache. Budgets stop the
    run, not a call.
    """

    schema: tuple[SchemaSpec, ...] = DEFAULT_SCHEMA
    provider: str | None = None
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
        if self.strategy is not None and self.strategy not in STRATEGIES:
            raise ExtractError(f"unknown strategy {self.strategy!r}; choose from {', '.join(STRATEGIES)}")
        if self.trained is not None and self.strategy is not None and not STRATEGIES[self.strategy].trained:
            runs = " or ".join(n for n, s in STRATEGIES.items() if s.trained)
            raise ExtractError(f"--trained runs with --strategy {runs}, not {self.strategy}")
        self.backend.refuse({f.name: getattr(self, f.name) for f in fields(self)})
        if self.provider == "none" and STRATEGIES[self.strategy_name].needs_model:
            raise ExtractError(f"strategy {self.strategy_name!r} asks a model; --provider none has none")
        if self.workers < 1:
            raise ExtractError("workers must be at least 1")

    @classmethod
    def of(cls, config: RunConfig | None = None, **options: Any) -> RunConfig:
        """``config`` with ``options`` replaced; without a config, a new one from the settings
        file of the current folder (``extract.toml``) under ``options``. An unknown option is
        one line."""
        known = {f.name for f in fields(cls)}
        if unknown := sorted(set(options) - known):
            raise ExtractError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        if config is not None:
            return replace(config, **options)
        return cls(**{**file_options(load_settings(Path.cwd())), **options})

    @property
    def backend(self) -> Backend:
        """The model backend the run asks."""
        return backend_for(self.provider, self.base_url)

    @property
    def strategy_name(self) -> str:
        if self.strategy is None and self.trained is not None:
            return "trained"
        return self.strategy or self.backend.default_strategy

    def key(self) -> str:
        """The API key: given, else from the environment; never cached, logged or recorded."""
        return self.api_key or next((os.environ[v] for v in API_KEY_VARS if os.environ.get(v)), "not-needed")


# Not from a file: a checked-in settings file must not choose where the user's key goes
# unannounced, nor hold the key itself.
_NOT_FROM_FILES = frozenset({"api_key"})


def file_options(settings: Settings) -> dict[str, Any]:
    """The :class:`RunConfig` fields a settings file gives (its top level and ``[run]``), each
    checked against the field's type; a bad value is one line naming the file and key. Keys
    that are other commands' options are left to the CLI."""
    hints = get_type_hints(RunConfig)
    given = settings.for_command("run")
    options: dict[str, Any] = {}
    for name, value in given.items():
        if name == "no_cache":
            if value is True:
                options["cache_dir"] = None
            continue
        if name not in hints or name in _NOT_FROM_FILES:
            continue
        if name == "schema" and isinstance(value, str):
            value = [value]
        try:
            # Strict but for what TOML cannot spell: a path and a tuple come as a string and a list.
            lax = name in {"cache_dir", "schema"}
            options[name] = TypeAdapter(hints[name]).validate_python(value, strict=not lax)
        except ValidationError as exc:
            table = "run" if name in settings.tables.get("run", {}) else None
            why = exc.errors()[0]["msg"]
            raise ExtractError(f"{settings.where(name, table)} = {value!r}: {why}") from None
    return options
