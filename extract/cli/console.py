"""Where the CLI speaks: stdout for results, stderr for notes, warnings and one-line errors."""

from __future__ import annotations

import re

import typer
from rich.console import Console
from rich.text import Text

err = Console(stderr=True)
out = Console()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: object) -> Text:
    """Text shown as it is: never read as rich markup ('[/x]'), control characters removed."""
    return Text(_CONTROL.sub("", str(value)))


def say(console: Console, label: str, style: str, message: object) -> None:
    """One line: a coloured label, then the message as plain text."""
    console.print(Text.assemble((label, style), " ", plain(message)), highlight=False, soft_wrap=True)


def fail(message: object, code: int = 2) -> typer.Exit:
    """Print one error line and return the exit to raise."""
    say(err, "error:", "red", message)
    return typer.Exit(code)
