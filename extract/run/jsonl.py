"""Write and read records as JSONL, one article per line, flushed as each completes."""

from __future__ import annotations

import errno
import fcntl
import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from extract.errors import ExtractError
from extract.schemas import NEWS_KINDS, ArticleRecord, Kind


def lock_output(path: Path) -> IO[bytes]:
    """Hold an exclusive lock on ``path`` (created if absent) for as long as the handle is open:
    a second run writing the same file is refused instead of interleaving and losing records."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("ab")
    except OSError as exc:
        raise ExtractError(f"{path}: cannot write the output ({exc.strerror})") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise ExtractError(
                f"{path} is being written by another extract run; wait or use another -o"
            ) from None
        raise
    return handle


def refuse_input_as_output(path: Path, inputs: Iterable[str]) -> None:
    """An output that is one of the inputs (named, or matched by a glob) would be overwritten."""
    target = path.resolve()
    for item in inputs:
        given = Path(item)
        named = [given] if given.is_file() else [Path(p) for p in glob.glob(item, recursive=True)]
        if any(p.resolve() == target for p in named):
            raise ExtractError(f"output {path} is one of the inputs ({item}); choose another -o")


class JsonlWriter:
    """Append records to a JSONL file (or stdout when path is '-')."""

    def __init__(self, path: Path | str, append: bool = False) -> None:
        self.path = str(path)
        self._fh: IO[str] | None = None
        if self.path != "-":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, record: ArticleRecord) -> None:
        line = record.model_dump_json() + "\n"
        if self._fh is None:
            try:
                print(line, end="", flush=True)
            except BrokenPipeError:
                # Whoever read stdout went away: say so once, and let Python's exit flush nowhere.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise ExtractError("standard output was closed (broken pipe); the run stops") from None
        else:
            self._fh.write(line)
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def _record(data: str, where: str, kinds: Iterable[Kind]) -> ArticleRecord:
    try:
        return ArticleRecord.load(data, kinds)
    except ValidationError as exc:
        first = exc.errors()[0]
        at = ".".join(str(p) for p in first["loc"])
        raise ExtractError(f"{where}: not a record of this toolkit ({at}: {first['msg']})") from None


def read_records(path: Path | str, kinds: Iterable[Kind] = NEWS_KINDS) -> Iterator[ArticleRecord]:
    """Records from a JSONL file written by :class:`JsonlWriter`, their items typed by ``kinds``;
    a line that is not one is an :class:`ExtractError` naming the file and line (a record of
    another schema version says so)."""
    kinds = tuple(kinds)
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield _record(line, f"{path}:{number}", kinds)
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read ({exc.strerror})") from None


def read_any(path: Path, kinds: Iterable[Kind] = NEWS_KINDS) -> list[ArticleRecord]:
    """Records from a .jsonl file, a .json file (one record), or a folder of .json files, their
    items typed by ``kinds``."""
    kinds = tuple(kinds)
    if path.suffix == ".jsonl":
        return list(read_records(path, kinds))
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    try:
        return [_record(f.read_text(encoding="utf-8"), str(f), kinds) for f in files]
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read ({exc.strerror})") from None
