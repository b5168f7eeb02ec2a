"""The options commands share, declared once, and what turns them into a run's config and kinds."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from extract.cli.console import fail
from extract.errors import ExtractError
from extract.inputs.guard import Outputs, write_atomic
from extract.kinds import packs, resolve
from extract.providers.cache import DEFAULT_CACHE_DIR
from extract.providers.models import LOCAL_MODELS
from extract.providers.registry import BACKENDS
from extract.run.config import RunConfig
from extract.run.jsonl import read_any
from extract.schemas import ArticleRecord, Kind
from extract.strategies import STRATEGIES

CacheDir = Annotated[
    Path, typer.Option("--cache-dir", envvar="EXTRACT_CACHE_DIR", help="Where model answers are cached.")
]
Schema = Annotated[
    list[str] | None,
    typer.Option(
        "--schema",
        help=f"Record kinds: a pack ({', '.join(packs())}) or FILE.py:Model, a Pydantic model. Repeatable; "
        "default: news.",
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option(
        envvar="EXTRACT_BASE_URL", help="OpenAI-compatible endpoint; omit to start the embedded local model."
    ),
]
ModelName = Annotated[str | None, typer.Option(envvar="EXTRACT_MODEL", help="Model name at --base-url.")]
# Literals built from the registries: --help lists the choices and a typo is refused by name.
LocalModelChoice: Any = Literal[tuple(LOCAL_MODELS)]
StrategyChoice: Any = Literal[tuple(STRATEGIES)]
LocalModel = Annotated[
    LocalModelChoice,
    typer.Option(envvar="EXTRACT_LOCAL_MODEL", help="Embedded model when no --base-url (`extract info`)."),
]
ProviderChoice: Any = Literal[tuple(BACKENDS)]
StrategyName = Annotated[
    StrategyChoice | None,
    typer.Option(
        envvar="EXTRACT_STRATEGY",
        help=f"Default: {BACKENDS['embedded'].default_strategy} for the embedded model, "
        f"{BACKENDS['openai'].default_strategy} otherwise.",
    ),
]
ProviderName = Annotated[
    ProviderChoice | None,
    typer.Option(
        envvar="EXTRACT_PROVIDER",
        help="The model backend: "
        + "; ".join(f"{b.name}, {b.about}" for b in BACKENDS.values())
        + ". Default: embedded without --base-url, openai with it.",
    ),
]
Trained = Annotated[
    Path | None,
    typer.Option("--trained", help="A model folder from `extract train` (strategy trained by default)."),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
Timeout = Annotated[float, typer.Option(help="Seconds per model request, the whole reply included.")]
ReplyTokens = Annotated[int, typer.Option(min=1, help="Most tokens the model may write per reply.")]
Temperature = Annotated[
    float, typer.Option(min=0.0, help="Sampling temperature (0: the same answer each time).")
]
Retries = Annotated[
    int, typer.Option(help="Retries of a failed request (connection, 429, 5xx; Retry-After honoured).")
]


TABLE_SUFFIXES = {".csv", ".tsv", ".parquet", ".json", ".xlsx"}

_DEFAULTS = {f.name: f.default for f in fields(RunConfig)}
# The options `run` and `eval --corpus` share, declared once: `model_options` adds them to a
# command's signature and hands them to its body as one dict, for `config_of`.
MODEL_OPTIONS = tuple(
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for name, annotation, default in (
        ("schema", Schema, None),
        ("provider", ProviderName, None),
        ("base_url", BaseUrl, None),
        ("model", ModelName, None),
        ("local_model", LocalModel, _DEFAULTS["local_model"]),
        ("strategy", StrategyName, None),
        ("cache_dir", CacheDir, DEFAULT_CACHE_DIR),
        ("no_cache", NoCache, False),
        ("timeout", Timeout, _DEFAULTS["timeout"]),
        ("retries", Retries, _DEFAULTS["retries"]),
        ("reply_tokens", ReplyTokens, _DEFAULTS["reply_tokens"]),
        ("temperature", Temperature, _DEFAULTS["temperature"]),
        ("trained", Trained, None),
    )
)


def model_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with :data:`MODEL_OPTIONS` as options, passed to it as ``options``."""
    own = inspect.signature(command, eval_str=True)
    kept = [p for p in own.parameters.values() if p.name != "options"]

    @functools.wraps(command)
    def with_options(**given: Any) -> None:
        options = {p.name: given.pop(p.name) for p in MODEL_OPTIONS}
        command(**given, options=options)

    with_options.__signature__ = own.replace(parameters=[*kept, *MODEL_OPTIONS])  # type: ignore[attr-defined]
    return with_options


def claim(inputs: Iterable[str | Path], *outputs: tuple[Path | None, str]) -> None:
    """Refuse, with one line, an output that is one of the command's inputs or another output."""
    checked = Outputs(inputs)
    try:
        for path, option in outputs:
            checked.claim(path, option)
    except ExtractError as exc:
        raise fail(exc) from None


def write_file(path: Path, text: str) -> None:
    """Write a command's output whole (a temporary file renamed), or fail with one line."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise fail(f"{path}: cannot write ({exc.strerror})") from None


def config_of(options: dict[str, Any], **more: Any) -> RunConfig:
    """The run's one config from the :data:`MODEL_OPTIONS` and ``more`` of a command (the
    settings file is already in the options' values)."""
    given = dict(options)
    schema, no_cache, cache_dir = given.pop("schema"), given.pop("no_cache"), given.pop("cache_dir")
    try:
        return RunConfig(
            schema=tuple(schema or ("news",)), cache_dir=None if no_cache else cache_dir, **given, **more
        )
    except ExtractError as exc:
        raise fail(exc) from None


def records_of(paths: list[Path], kinds: tuple[Kind, ...]) -> list[ArticleRecord]:
    """Records from JSONL (or gold .json) files, typed by ``kinds``; a file that holds none is one
    error line."""
    try:
        return [rec for path in paths for rec in read_any(path, kinds)]
    except ExtractError as exc:
        raise fail(exc) from None


def known_kinds(schema: list[str] | None) -> tuple[Kind, ...]:
    """The kinds records are read, shown and scored by: the user's (``--schema``), then the news
    pack's for the names left."""
    try:
        return resolve([*(schema or ()), "news"])
    except ExtractError as exc:
        raise fail(exc) from None
