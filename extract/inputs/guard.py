"""The one rule for every file a command writes: never one of its inputs (the same file, by device
and inode, so a hard link or another spelling of the path is caught), never another output of
the same command, and written to a temporary file that is renamed over the target when whole."""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import ExtractError

FileId = tuple[int, int]


def _file_id(path: Path) -> FileId | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _named(item: str | Path) -> list[Path]:
    """The files an input names: itself, or what its glob matches (a folder's own files are the
    reader's business: it skips the outputs it is told of)."""
    given = Path(item)
    if given.is_file():
        return [given]
    return [Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).is_file()]


@dataclass
class Outputs:
    """The files one command reads (``inputs``) and those it has claimed to write."""

    inputs: Iterable[str | Path]
    _read: dict[FileId, str] = field(init=False, default_factory=dict)
    _claimed: dict[Path, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for item in self.inputs:
            for path in _named(item):
                if (ident := _file_id(path)) is not None:
                    self._read.setdefault(ident, str(item))

    def claim(self, path: Path | str | None, option: str) -> None:
        """Refuse ``path`` (written by ``option``) if it is an input or another output; ``None``
        and ``-`` (stdout) are no file."""
        if path is None or str(path) == "-":
            return
        target = Path(path)
        if (ident := _file_id(target)) is not None and ident in self._read:
            raise ExtractError(
                f"{option} {target} is one of the inputs ({self._read[ident]}); choose another"
            )
        where = target.resolve()
        for other, other_option in self._claimed.items():
            if other == where or (ident is not None and _file_id(other) == ident):
                raise ExtractError(f"{option} {target} is also {other_option}; give each its own file")
        self._claimed[where] = option


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed over ``path`` when the block succeeds,
    removed when it fails, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        # mkstemp's file is private (0600): keep the target's mode, or give a new file the usual one.
        temp.chmod(path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> None:
    """``text`` as the whole of ``path`` (UTF-8), written atomically."""
    with atomic(path) as temp:
        temp.write_text(text, encoding="utf-8")
