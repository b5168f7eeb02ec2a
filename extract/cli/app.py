"""The ``extract`` app: its command groups, the global flags, and the settings file as option defaults."""

from __future__ import annotations

import logging
import warnings
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup, TyperOption

from extract.cli.console import err, fail, out, say
from extract.errors import ExtractError
from extract.run.settings import Option, load_settings, option_defaults

HELP = {"help_option_names": ["-h", "--help"]}
# Plain click help: flags read as flags (rich panels show them as "<bool>"), choices in brackets.
app = typer.Typer(
    help="Typed, grounded records from news articles: quotes, events, positions, or your own kinds.",
    no_args_is_help=True,
    context_settings=HELP,
    rich_markup_mode=None,
    add_completion=False,
)
cache_app = typer.Typer(
    help="Inspect or clear the answer cache.",
    no_args_is_help=True,
    context_settings=HELP,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        out.print(f"news-extract {package_version('news-extract')}")
        raise typer.Exit()


class _Notes(logging.Handler):
    """The package's notices ('assembling model...', 'starting local model...') as one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        say(err, "note:" if record.levelno < logging.WARNING else "warning:", "cyan", record.getMessage())


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also a line per article and where logs are.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors and the final ledger only.")] = False,
) -> None:
    """Typed, grounded records from news articles: quotes, events, positions, or your own kinds."""
    logger = logging.getLogger("extract")
    logger.handlers = [_Notes()]
    logger.propagate = False
    logger.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    # Read here, not before the app: --version and -h work whatever the file holds, and a
    # command's options are parsed after this, with the file's values as their defaults.
    if ctx.default_map is None:
        try:
            ctx.default_map = settings(Path.cwd())
        except ExtractError as exc:
            raise fail(exc) from None


app.add_typer(cache_app, name="cache")


def _warn(message: Warning | str, *_: object, **__: object) -> None:
    say(err, "warning:", "yellow", message)


def settings(folder: Path) -> dict[str, Any]:
    """Option defaults from the settings file in ``folder``, for click's ``default_map``, every
    key and value checked against the commands' options (:func:`extract.run.settings.option_defaults`).
    The command line and ``EXTRACT_*`` variables win over the file."""
    found = load_settings(folder)
    if found.path is None:
        return {}
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return option_defaults(found, _commands(group, typer.Context(group)))


def _commands(group: TyperGroup, ctx: typer.Context, prefix: str = "") -> dict[str, list[Option]]:
    """Every command's options by dotted command name ('run', 'cache.info'), groups opened."""
    out: dict[str, list[Option]] = {}
    for name, cmd in group.commands.items():
        if isinstance(cmd, TyperGroup):
            out |= _commands(cmd, ctx, f"{prefix}{name}.")
        else:
            out[prefix + name] = [
                _option(p, ctx) for p in cmd.params if isinstance(p, TyperOption) and p.name
            ]
    return out


def _option(param: TyperOption, ctx: typer.Context) -> Option:
    """A settings key names an option by its flag (``ledger``) or its parameter (``ledger_file``);
    its value is checked as the command line's would be."""
    assert param.name is not None
    flags = (o.lstrip("-").replace("-", "_") for o in param.opts if o.startswith("--"))

    def check(value: Any) -> Any:
        if param.multiple and isinstance(value, str):
            value = [value]
        try:
            param.process_value(ctx, value)
        except typer.BadParameter as exc:
            raise ValueError(str(exc)) from None
        return value

    return Option(param.name, frozenset({param.name, *flags}), check)


def main() -> None:
    # Warnings (a stray byte replaced, a cache that cannot be used) are one line, like errors.
    warnings.showwarning = _warn
    app()
