"""Versioned prompt templates from ``prompts/``; code never writes prompt prose inline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from string import Template
from typing import Any

# Package data of the top-level ``prompts`` package: found in a wheel as in a checkout.
PROMPTS_DIR: Traversable = resources.files("extract.prompts")
_FILE = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.txt$")
_SECTION = re.compile(r"^\[(system|user)\]\s*$", re.M)

Message = dict[str, Any]


@dataclass(frozen=True)
class Prompt:
    """One template; ``version`` (e.g. ``whole/v1``) enters every cache key and record."""

    name: str
    version: str
    sections: tuple[tuple[str, str], ...]

    def render(self, **values: str) -> list[Message]:
        """Fill ``$placeholders``; missing values are an error, not a silent blank."""
        return [{"role": role, "content": Template(body).substitute(values)} for role, body in self.sections]


@cache
def load_prompt(name: str, directory: Traversable = PROMPTS_DIR) -> Prompt:
    """Load the newest version of prompt ``name``."""
    found = [
        (int(m["version"]), p)
        for p in directory.iterdir()
        if (m := _FILE.match(p.name)) and m["name"] == name
    ]
    if not found:
        raise FileNotFoundError(f"no prompt template {name}.v*.txt in {directory}")
    version, path = max(found, key=lambda f: f[0])
    parts = _SECTION.split(path.read_text(encoding="utf-8"))
    sections = tuple((parts[i], parts[i + 1].strip("\n")) for i in range(1, len(parts) - 1, 2))
    return Prompt(name, f"{name}/v{version}", sections)
