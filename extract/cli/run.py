"""``extract run``: a batch with progress, resume, budgets and one ledger line."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress

from extract.cli.app import app
from extract.cli.console import err, fail, plain, say
from extract.cli.options import TABLE_SUFFIXES, config_of, model_options
from extract.errors import ArticleError, ExtractError, NotStarted
from extract.run.batch import Batch
from extract.run.config import Engine
from extract.schemas import ArticleRecord


@app.command()
@model_options
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs or .jsonl files (id/text).")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="JSONL output file, '-' for stdout.")
    ] = "records.jsonl",
    workers: Annotated[int, typer.Option(min=1, help="Articles extracted at once.")] = 1,
    engine: Annotated[
        Engine, typer.Option(help="threads (default) or ray (Ray Data; needs `pip install ray[data]`).")
    ] = "threads",
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Start the output afresh instead of resuming it.")
    ] = False,
    max_calls: Annotated[
        int | None, typer.Option(help="Stop starting articles after this many model calls.")
    ] = None,
    token_budget: Annotated[
        int | None, typer.Option(help="Stop starting articles after this many tokens.")
    ] = None,
    ledger_file: Annotated[
        Path | None,
        typer.Option("--ledger", help="Write the run's cost ledger (totals, per article) as JSON."),
    ] = None,
    failures: Annotated[
        Path | None, typer.Option(help="Also write each failed article as 'source<TAB>reason' lines here.")
    ] = None,
    *,
    options: dict[str, Any],
) -> None:
    """Extract records from articles and append them to JSONL, resuming what the file holds.

    Exit status: 0 done, 1 every article failed, 2 bad setup, 3 a budget stopped the run,
    130 interrupted (re-run the same command to finish).

    Example: extract run seeds/ -o records.jsonl --workers 2
    """
    if Path(output).suffix.lower() in TABLE_SUFFIXES:
        raise fail(f"-o {output}: `extract run` writes JSONL; then `extract export ... -o {output}`")
    config = config_of(
        options, workers=workers, engine=engine, max_calls=max_calls, token_budget=token_budget
    )
    try:
        batch = Batch(
            config, inputs, output=output, overwrite=overwrite, failures=failures, ledger_file=ledger_file
        )
    except ExtractError as exc:
        raise fail(exc) from None
    ledger = batch.ledger
    stop: ExtractError | None = None
    interrupted = False
    quiet = not logging.getLogger("extract").isEnabledFor(logging.INFO)
    lines = ProgressLines(batch.total, every_s=PROGRESS_EVERY_S)
    try:
        # A bar (with ETA) on a terminal; otherwise (a log file of a long job) a line now and then.
        with Progress(console=err, transient=True, disable=quiet or not sys.stderr.isatty()) as bar:
            task = bar.add_task("extracting", total=batch.total)
            for result in batch:
                if isinstance(result, ArticleError) and not isinstance(result, NotStarted):
                    say(err, "failed:", "red", result)
                elif isinstance(result, ArticleRecord):
                    logging.getLogger("extract").debug(f"{result.source}: {result.counts()}")
                bar.advance(task)
                if not quiet and not sys.stderr.isatty() and (line := lines.advance()):
                    say(err, "progress:", "cyan", line)
    except KeyboardInterrupt:
        interrupted = True
    except ExtractError as exc:  # the endpoint refuses every request (bad key, wrong URL)
        stop = exc
    err.print(plain(ledger.line()), highlight=False, soft_wrap=True)
    if ledger_file is not None:
        try:
            ledger.write(ledger_file)
        except OSError as exc:
            say(err, "warning:", "yellow", f"{ledger_file}: ledger not written ({exc.strerror})")
    if stop is not None:
        raise fail(stop)
    if interrupted:
        raise typer.Exit(130)
    if ledger.unfinished:
        raise typer.Exit(3)
    if ledger.articles == ledger.resumed == 0 and ledger.failures:
        raise typer.Exit(1)


PROGRESS_EVERY_S = 30.0


class ProgressLines:
    """One progress line at most every ``every_s`` seconds: done, total, rate and ETA."""

    def __init__(self, total: int, every_s: float) -> None:
        self.total, self.every_s, self.done = total, every_s, 0
        self.started = self.last = time.monotonic()

    def advance(self) -> str | None:
        self.done += 1
        now = time.monotonic()
        if now - self.last < self.every_s and self.done < self.total:
            return None
        self.last = now
        rate = self.done / max(now - self.started, 1e-9)
        eta = (self.total - self.done) / rate if rate else 0.0
        return f"{self.done}/{self.total} articles, {rate * 60:.1f}/min, ETA {_duration(eta)}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
