"""Resume a batch: which articles an output file already holds, after a clean stop or a kill."""

from __future__ import annotations

import json
import os
from pathlib import Path

from extract.errors import ExtractError
from extract.inputs.guard import write_atomic
from extract.schemas import SCHEMA_VERSION


def finished(path: Path, made_by: dict[str, str]) -> set[str]:
    """Text hashes of the articles already written to ``path``.

    A line torn by a killed run is cut off (that article is extracted again), and so is an
    incomplete record (a model pass failed: it is asked again). Records made by another model,
    strategy, prompt version or kinds are refused: one file, one configuration.
    """
    if not path.is_file():
        return set()
    _cut_torn_tail(path)
    done: set[str] = set()
    incomplete: set[int] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                sha = rec["text_sha256"]
            except (ValueError, KeyError, TypeError):
                raise ExtractError(
                    f"{path}:{number}: not a record line; use --overwrite or another -o"
                ) from None
            if rec.get("schema_version") != SCHEMA_VERSION:
                raise ExtractError(
                    f"{path}:{number}: a record of schema version {rec.get('schema_version')}, not "
                    f"{SCHEMA_VERSION}; use --overwrite or another -o"
                )
            other = {k: rec.get(k) for k in made_by if rec.get(k) != made_by[k]}
            if "kinds" in other:
                raise ExtractError(
                    f"{path} holds records of other kinds (the --schema or its file changed); "
                    "use --overwrite or another -o"
                )
            if other:
                raise ExtractError(
                    f"{path} holds records made with {other}, not {made_by}; use --overwrite or another -o"
                )
            if (rec.get("usage") or {}).get("incomplete"):
                incomplete.add(number)
            else:
                done.add(sha)
    if incomplete:
        _drop_lines(path, incomplete)
    return done


def _drop_lines(path: Path, numbers: set[int]) -> None:
    """Rewrite ``path`` without the lines ``numbers`` (1-based), atomically."""
    with path.open(encoding="utf-8") as fh:
        kept = "".join(line for number, line in enumerate(fh, 1) if number not in numbers)
    write_atomic(path, kept)


def _cut_torn_tail(path: Path) -> None:
    """Drop a last line without its newline: the record a killed run was writing."""
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                fh.truncate(start + cut + 1)
                return
            pos = start
        fh.truncate(0)
