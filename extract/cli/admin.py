"""``extract info``, ``logs`` and ``cache``: what is installed, what was asked, what is kept."""

from __future__ import annotations

import json
import sys
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from extract.cli.app import app, cache_app
from extract.cli.console import fail, out, plain
from extract.cli.options import CacheDir
from extract.errors import ExtractError
from extract.providers.cache import DEFAULT_CACHE_DIR, AnswerCache
from extract.providers.calllog import call_log, read_call, read_calls
from extract.providers.embedded import DEFAULT_LOCAL_MODEL
from extract.providers.models import LOCAL_MODELS
from extract.providers.registry import BACKENDS
from extract.run.settings import settings_file
from extract.strategies import STRATEGIES


@app.command()
def info(cache_dir: CacheDir = DEFAULT_CACHE_DIR) -> None:
    """Show the version, the embedded models (installed, assembled), the cache, the strategies
    and their defaults, and the settings file in use.

    Example: extract info
    """
    version = package_version("news-extract")
    out.print(plain(f"news-extract {version} (English news; other languages are untested)"))
    table = Table("embedded model", "what", "licence", "state", box=None)
    for name, m in LOCAL_MODELS.items():
        if not m.installed():
            state = "not installed"
        elif (assembled := m.assembled()) is not None:
            state = f"assembled: {assembled}" if assembled.exists() else "installed (assembled on first use)"
        else:
            state = "installed"
        default = " (default)" if name == DEFAULT_LOCAL_MODEL else ""
        table.add_row(plain(name + default), plain(m.about), plain(m.licence), plain(state))
    out.print(table)
    cached = AnswerCache(cache_dir).info()
    out.print(plain(f"cache: {cached['directory']} ({cached['entries']} entries, {cached['bytes']:,} bytes)"))
    defaults = f"default {BACKENDS['embedded'].default_strategy} (embedded), "
    defaults += f"{BACKENDS['openai'].default_strategy} (--base-url)"
    out.print(plain(f"strategies: {', '.join(STRATEGIES)}; {defaults}"))
    out.print(plain(f"providers: {', '.join(BACKENDS)}; default embedded, openai with --base-url"))
    from extract.training.train import trained_models

    for line in trained_models(Path.cwd() / "models"):
        out.print(plain(f"trained model: {line}"))
    try:
        found = settings_file(Path.cwd())
    except ExtractError as exc:
        raise fail(exc) from None
    out.print(plain(f"settings: {found[0] if found else 'none (put them in extract.toml)'}"))


@app.command()
def logs(
    cache_dir: CacheDir = DEFAULT_CACHE_DIR,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many of the newest calls.")] = 20,
    show: Annotated[
        int | None,
        typer.Option(help="Print call N (the list's # column) in full: its messages and raw reply."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The listed calls as JSON lines.")] = False,
) -> None:
    """List the model calls runs made (newest last), or show one in full.

    Example: extract logs -n 5; extract logs --show 3
    """
    path = call_log(cache_dir)
    if show is not None:
        call = read_call(path, show)
        if call is None:
            raise fail(f"--show {show}: line {show} of {path} holds no call (see `extract logs`)")
        out.print_json(json.dumps(call, ensure_ascii=False))
        return
    listed = read_calls(path, count)
    if not listed:
        raise fail(f"{cache_dir}: no model calls logged (runs with this --cache-dir log them)", code=1)
    if as_json:
        for _, call in listed:
            sys.stdout.write(json.dumps(call, ensure_ascii=False) + "\n")
        return
    table = Table("#", "time", "model", "prompt", "tokens", "s", "asked", box=None)
    for n, call in listed:
        usage = call.get("usage") if isinstance(call.get("usage"), dict) else {}
        tokens = f"{usage.get('prompt_tokens', 0)}+{usage.get('completion_tokens', 0)}" if usage else "error"
        messages = call.get("messages")
        said = [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []
        asked = next((m.get("content", "") for m in reversed(said) if m.get("role") == "user"), "")
        table.add_row(
            str(n),
            plain(call.get("time", "")),
            plain(call.get("model", "")),
            plain(call.get("prompt_version", "")),
            tokens,
            str(call.get("seconds", "")),
            plain(" ".join(str(asked).split())[-60:]),
        )
    out.print(table)


@cache_app.command("info")
def cache_info(cache_dir: CacheDir = DEFAULT_CACHE_DIR) -> None:
    """Show where the cache is, how many answers it holds and its size.

    Example: extract cache info --cache-dir cache
    """
    info = AnswerCache(cache_dir).info()
    out.print(plain(f"{info['directory']}: {info['entries']} entries, {info['bytes']:,} bytes"))


@cache_app.command("clear")
def cache_clear(
    cache_dir: CacheDir = DEFAULT_CACHE_DIR,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every cached answer (asks first, unless --yes).

    Example: extract cache clear --yes
    """
    cache = AnswerCache(cache_dir)
    entries = cache.info()["entries"]
    if not yes and not typer.confirm(f"Delete {entries} cached entries in {cache_dir}?", default=False):
        raise fail("nothing deleted", code=1)
    out.print(plain(f"removed {cache.clear()} entries from {cache_dir}"))
