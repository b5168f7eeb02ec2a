"""The batch driver: load, skip what the output already holds, extract (threads or Ray), write each
record as it completes, list failures and keep the ledger. The CLI and the Python API both run it."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO

from extract.errors import ArticleError, ExtractError, NotStarted
from extract.inputs.guard import Outputs, write_atomic
from extract.inputs.load import Article, InputWarning, count_inputs, load_articles
from extract.run.config import RunConfig
from extract.run.extractor import Extractor
from extract.run.jsonl import JsonlWriter, lock_output
from extract.run.ledger import Ledger
from extract.run.resume import finished
from extract.schemas import ArticleRecord


@dataclass
class Batch:
    """One batch run. Iterate it for each result (a record, or the error that stopped an article)
    in completion order; ``ledger`` holds the totals, ``total`` the articles to extract.

    ``output`` None writes nothing (results are only yielded); ``"-"`` is stdout. Without
    ``overwrite`` an existing output is resumed: articles it holds (by text hash) are skipped.
    Setup errors (an unreachable server, a foreign output file) raise :class:`ExtractError`.
    """

    config: RunConfig
    inputs: Iterable[str | Article | ArticleError]  # paths, articles, and texts refused on the way in
    output: str | Path | None = None
    overwrite: bool = False
    failures: Path | None = None
    ledger_file: Path | None = None  # written by the caller (``ledger.write``); checked here
    ledger: Ledger = field(init=False)
    total: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        given = list(self.inputs)
        self._articles = [i for i in given if isinstance(i, Article | ArticleError)]
        self._paths = [str(i) for i in given if not isinstance(i, Article | ArticleError)]
        self.extractor = Extractor(self.config)
        trained = self.extractor.trained
        self.ledger = Ledger(
            self.extractor.budget, trained=f"{trained.name}@{trained.identity}" if trained else None
        )
        self._lock: IO[bytes] | None = None
        out = None if self.output in (None, "-") else Path(str(self.output))
        try:
            outputs = Outputs(self._paths)
            for path, option in ((out, "-o"), (self.failures, "--failures"), (self.ledger_file, "--ledger")):
                outputs.claim(path, option)
            if out is not None:
                self._lock = lock_output(out)
            self.extractor.check()
            resume = out is not None and not self.overwrite
            done = set()
            if resume and out is not None:
                done = finished(out, self.extractor.made_by())
                # Dropping incomplete records renames a new file into place: lock that one.
                if self._lock is not None:
                    self._lock.close()
                self._lock = lock_output(out)
        except BaseException:
            self.close()
            raise
        self._done, self._out = done, out
        self._failed: list[str] = []  # the --failures lines
        # Counted, not read: articles are loaded one at a time as the batch reaches them.
        # The output and the cache (its call log is JSONL) may sit in an input folder: skipped.
        self._skip = (out, self.config.cache_dir)
        self.total = count_inputs(self._paths, exclude=self._skip) + len(self._articles)

    def _pending(self) -> Iterator[Article | ArticleError]:
        for item in self._load():
            if isinstance(item, Article) and item.sha256 in self._done:
                self.ledger.resumed += 1
            else:
                yield item

    def _load(self) -> Iterator[Article | ArticleError]:
        loaded = load_articles(self._paths, exclude=self._skip)
        first: dict[str, str] = {}
        for item in chain(self._articles, loaded):
            if isinstance(item, Article):
                if item.id in first:
                    warnings.warn(
                        f"{item.source}: duplicate id {item.id!r} (also at {first[item.id]})",
                        InputWarning,
                        stacklevel=2,
                    )
                first.setdefault(item.id, item.source)
            yield item

    def _results(self) -> Iterator[ArticleRecord | ArticleError]:
        if self.config.engine == "ray":
            from extract.run.ray_engine import run_on_ray

            return run_on_ray(self.config, self._pending(), self.extractor.budget)
        return self.extractor.batch(self._pending())

    def __iter__(self) -> Iterator[ArticleRecord | ArticleError]:
        writer = JsonlWriter(self.output, append=bool(self._done)) if self.output is not None else None
        try:
            for result in self._results():
                self._account(result, writer)
                yield result
        except KeyboardInterrupt:
            self.ledger.stopped = "interrupted"
            # Every article neither written nor failed is left for the re-run.
            done = self.ledger.resumed + self.ledger.articles + self.ledger.failures
            self.ledger.unfinished = max(self.ledger.unfinished, self.total - done)
            raise
        finally:
            if writer is not None:
                writer.close()
            if self.failures is not None:  # whole, even after Ctrl-C: what failed so far
                write_atomic(self.failures, "".join(self._failed))
            self.close()
            self.ledger.finish()

    def close(self) -> None:
        """Release the model, the cache and the output's lock (iterating to the end does it)."""
        self.extractor.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _account(self, result: ArticleRecord | ArticleError, writer: JsonlWriter | None) -> None:
        if isinstance(result, NotStarted):
            self.ledger.not_started(result.source, result.reason)
            self.ledger.stopped = self.ledger.stopped or result.reason.split(": ", 1)[-1]
        elif isinstance(result, ArticleError):
            self.ledger.fail(result.source, result.reason)
            self._failed.append(f"{_tsv_field(result.source)}\t{' '.join(result.reason.split())}\n")
        else:
            if writer is not None:
                try:
                    writer.write(result)
                except OSError as exc:  # a full disk, say: stop, with the ledger of what was done
                    self.ledger.stopped = f"cannot write {self.output} ({exc.strerror})"
                    raise ExtractError(
                        f"{self.output}: cannot write ({exc.strerror}); the run stops"
                    ) from None
            self.ledger.record(result)


def _tsv_field(text: str) -> str:
    """A file name as one TSV field: tabs and line breaks in it would split the line."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
