"""Settings a team shares in a file: ``extract.toml``, or ``[tool.extract]`` in ``pyproject.toml``.

Top-level keys apply to every command that has the option, a table named after a command
(``[run]``) to that command only; keys are the options' names (``base-url`` or ``base_url``).
The CLI checks every key against its commands' options; the Python API takes the keys that are
:class:`~extract.run.config.RunConfig` fields, from the top level and ``[run]``
(:func:`extract.run.config.file_options`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import ExtractError

SETTINGS_FILES = ("extract.toml", "pyproject.toml")


@dataclass(frozen=True)
class Settings:
    """One settings file: its top-level keys and its tables, keys spelled with underscores."""

    path: Path | None = None
    common: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def where(self, key: str, table: str | None = None) -> str:
        """'extract.toml: [run] workers': where a key stands, for an error line."""
        return f"{self.path}: {f'[{table}] ' if table else ''}{key.replace('_', '-')}"

    def for_command(self, name: str) -> dict[str, Any]:
        """The values a command takes: the top-level keys, then its own table's."""
        return {**self.common, **self.tables.get(name, {})}


def settings_file(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The settings table a team shares in ``folder`` and its file; None when there is none."""
    for name in SETTINGS_FILES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ExtractError(f"{path}: not valid TOML ({str(exc).splitlines()[0]})") from None
        if name == "pyproject.toml":
            tool = data.get("tool")
            table = tool.get("extract") if isinstance(tool, dict) else None
            if table is None:
                continue
            if not isinstance(table, dict):
                raise ExtractError(f"{path}: tool.extract must be a table ([tool.extract])")
            return path, table
        return path, data
    return None


def load_settings(folder: Path) -> Settings:
    """The settings file in ``folder``, split into top-level keys and tables (empty settings
    when there is none)."""
    found = settings_file(folder)
    if found is None:
        return Settings()
    path, table = found
    common: dict[str, Any] = {}
    tables: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            tables[key.replace("-", "_")] = {k.replace("-", "_"): v for k, v in value.items()}
        else:
            common[key.replace("-", "_")] = value
    return Settings(path, common, tables)


@dataclass(frozen=True)
class Option:
    """One option of a command, as a settings file may set it: ``name`` keys it in the command's
    defaults, ``keys`` are the spellings a file may use (underscored: the flag's, the
    parameter's), ``check`` raises ``ValueError`` with the reason for a value it refuses and
    returns the value the command takes from a file."""

    name: str
    keys: frozenset[str]
    check: Callable[[Any], Any]


def option_defaults(settings: Settings, commands: Mapping[str, Sequence[Option]]) -> dict[str, Any]:
    """The file's values as option defaults, nested by command (``commands`` by dotted name:
    'run', 'cache.info'). Top-level keys go to every command with the option, a table's to its
    command (or group's commands). A key no command takes, a table no command is named after, a
    command's name used as a key, or a value an option refuses is one line naming file and key."""
    tops = {n.split(".")[0] for n in commands}
    defaults: dict[str, Any] = {}

    def put(names: Sequence[str], key: str, value: Any, table: str | None) -> None:
        where = settings.where(key, table)
        takers = [(n, o) for n in names for o in commands[n] if key in o.keys and not isinstance(value, dict)]
        if not takers:
            why = f"{table} has no such option" if table else "no command has this option"
            raise ExtractError(f"{where}: {why}")
        for dotted, option in takers:
            try:
                given = option.check(value)
            except ValueError as exc:
                raise ExtractError(f"{where} = {value!r}: {exc}") from None
            at = defaults
            for part in dotted.split("."):
                at = at.setdefault(part, {})
            at[option.name] = given

    for key, value in settings.common.items():
        if key in tops:
            table = key.replace("_", "-")
            raise ExtractError(
                f"{settings.where(key)} = {value!r}: a command, whose settings go in [{table}]"
            )
        put(list(commands), key, value, None)
    for name, values in settings.tables.items():
        table = name.replace("_", "-")
        if not (names := [n for n in commands if name in (n, n.split(".")[0])]):
            raise ExtractError(
                f"{settings.path}: [{table}] is no command (commands: {', '.join(sorted(tops))})"
            )
        for key, value in values.items():
            put(names, key, value, table)
    return defaults
