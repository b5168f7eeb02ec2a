"""The ``extract`` command line: run, show, cache."""

from __future__ import annotations

import json
import sys
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from extract.cache import DEFAULT_CACHE_DIR, AnswerCache
from extract.corpora import CORPORA, CORPUS_KINDS, DEFAULT_CORPORA
from extract.errors import ArticleError, ExtractError, NotStarted
from extract.evaluate import ATTRIBUTE, KINDS, Score, score
from extract.ledger import Budget, Ledger
from extract.load import Article, article_texts, load_articles
from extract.merge import merge as consolidate
from extract.pipeline import STRATEGIES, Extractor
from extract.ray_engine import run_on_ray
from extract.report import render as render_report
from extract.resume import finished
from extract.server import DEFAULT_LOCAL_MODEL, LOCAL_MODELS
from extract.write import JsonlWriter, read_any, read_records
from schemas import ArticleRecord

app = typer.Typer(
    help="Typed, grounded events, quotes and positions from news articles.", no_args_is_help=True
)
cache_app = typer.Typer(help="Inspect or clear the answer cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
err = Console(stderr=True)
out = Console()

CacheDir = Annotated[Path, typer.Option("--cache-dir", help="Where model answers are cached.")]


Engine = Literal["threads", "ray"]


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs or .jsonl files (id/text).")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="JSONL output file, '-' for stdout.")
    ] = "records.jsonl",
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint; omit to start the embedded local model.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name at --base-url.")] = None,
    local_model: Annotated[
        str, typer.Option(help=f"Embedded model when no --base-url: {', '.join(LOCAL_MODELS)}.")
    ] = DEFAULT_LOCAL_MODEL,
    strategy: Annotated[
        str | None,
        typer.Option(
            help=f"{' | '.join(STRATEGIES)}; default: hybrid for the embedded model, whole otherwise."
        ),
    ] = None,
    cache_dir: CacheDir = DEFAULT_CACHE_DIR,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds per model request.")] = 120.0,
    retries: Annotated[
        int, typer.Option(help="Retries of a failed request (connection, 429, 5xx; Retry-After honoured).")
    ] = 2,
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
    max_tokens: Annotated[
        int | None, typer.Option(help="Stop starting articles after this many tokens.")
    ] = None,
    ledger_file: Annotated[
        Path | None,
        typer.Option("--ledger", help="Write the run's cost ledger (totals, per article) as JSON."),
    ] = None,
    failures: Annotated[
        Path | None, typer.Option(help="Also write each failed article as 'source<TAB>reason' lines here.")
    ] = None,
) -> None:
    """Extract records from articles and append them to JSONL, resuming what the file holds.

    Exit status: 0 done, 1 every article failed, 2 bad setup, 3 a budget stopped the run,
    130 interrupted (re-run the same command to finish).
    """
    budget = Budget(max_calls=max_calls, max_tokens=max_tokens)
    options: dict[str, Any] = {
        "base_url": base_url, "model": model, "strategy": strategy, "local_model": local_model,
        "cache_dir": None if no_cache else cache_dir, "timeout": timeout, "http_retries": retries,
    }  # fmt: skip
    ledger = Ledger(budget)
    try:
        extractor = Extractor(**options, budget=budget)
        extractor.check()
        resume = output != "-" and not overwrite
        done = finished(Path(output), extractor.made_by()) if resume else set()
    except ExtractError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    # The output file may sit in an input folder: never read it back as an article.
    articles: list[Article | ArticleError] = []
    for item in load_articles(inputs, exclude=None if output == "-" else Path(output)):
        if isinstance(item, Article) and item.sha256 in done:
            ledger.resumed += 1
        else:
            articles.append(item)
    if engine == "ray":
        results = run_on_ray(options, articles, workers, budget)
    else:
        results = extractor.batch(articles, workers)
    writer = JsonlWriter(output, append=bool(done))
    failed = failures.open("w", encoding="utf-8") if failures is not None else None
    interrupted = False
    try:
        with Progress(console=err, transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("extracting", total=len(articles))
            for result in results:
                if isinstance(result, NotStarted):
                    ledger.not_started(result.source, result.reason)
                    ledger.stopped = ledger.stopped or result.reason.split(": ", 1)[-1]
                elif isinstance(result, ArticleError):
                    ledger.fail(result.source, result.reason)
                    err.print(f"[red]failed:[/red] {result}", highlight=False, soft_wrap=True)
                    if failed is not None:
                        failed.write(f"{result.source}\t{' '.join(result.reason.split())}\n")
                        failed.flush()
                else:
                    writer.write(result)
                    ledger.record(result)
                bar.advance(task)
    except KeyboardInterrupt:
        interrupted = True
        ledger.stopped = "interrupted"
    finally:
        writer.close()
        if failed is not None:
            failed.close()
        extractor.close()
    ledger.finish()
    err.print(ledger.line(), highlight=False, soft_wrap=True)
    if ledger_file is not None:
        ledger.write(ledger_file)
    if interrupted:
        raise typer.Exit(130)
    if ledger.unfinished:
        raise typer.Exit(3)
    if ledger.articles == ledger.resumed == 0 and ledger.failures:
        raise typer.Exit(1)


@app.command()
def merge(
    records: Annotated[list[Path], typer.Argument(help="JSONL files written by `extract run`.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Also write the consolidation as JSON here.")
    ] = None,
    top: Annotated[int, typer.Option(help="Rows per table.")] = 20,
) -> None:
    """Group the same actor, event and position across articles and outlets, keeping every source."""
    merged = consolidate(rec for path in records for rec in read_records(path))
    if output is not None:
        output.write_text(merged.model_dump_json(indent=2) + "\n", encoding="utf-8")
    actors = Table("actor", "also named", "kind", "articles", title=f"actors ({len(merged.actors)})")
    for a in merged.actors[:top]:
        actors.add_row(a.name, ", ".join(a.aliases), a.kind, str(len(a.articles)))
    events = Table("type", "actors", "date", "outlets", "reports", title=f"events ({len(merged.events)})")
    for e in merged.events[:top]:
        events.add_row(e.type.value, ", ".join(e.actors), e.date or "", str(e.outlets), str(len(e.mentions)))
    positions = Table(
        "holder", "issue", "stances (outlets)", "", title=f"positions ({len(merged.positions)})"
    )
    for p in merged.positions[:top]:
        said = "; ".join(
            f"{stance.value}: {', '.join(sorted({m.article_id for m in ms}))}"
            for stance, ms in p.stances.items()
        )
        positions.add_row(p.holder, p.issue, said, "[red]outlets disagree[/red]" if p.disagreement else "")
    for table in (actors, events, positions):
        out.print(table)


@app.command()
def show(records: Annotated[Path, typer.Argument(help="A JSONL file written by `extract run`.")]) -> None:
    """Print the records of a JSONL file as readable tables."""
    for rec in read_records(records):
        out.rule(f"{rec.article_id}  ({rec.model}, {rec.strategy}, {rec.prompt_version})")
        quotes = Table("speaker", "cue", "direct", "quote", title="quotes")
        for q in rec.quotes:
            quotes.add_row(q.speaker.name, q.cue or "", "yes" if q.direct else "no", q.text)
        events = Table("type", "actors", "date", "place", "evidence", title="events")
        for e in rec.events:
            actors = ", ".join(f"{a.actor.name} ({a.role})" for a in e.actors)
            events.add_row(e.type.value, actors, e.date or e.time or "", e.place or "", e.evidence)
        positions = Table("holder", "stance", "issue", "evidence", title="positions")
        for p in rec.positions:
            positions.add_row(p.holder.name, p.stance.value, p.issue, p.evidence)
        for table in (quotes, events, positions):
            out.print(table)


def score_table(result: Score, title: str) -> Table:
    table = Table("kind", "strict P / R / F1", "lenient P / R / F1", "attribute accuracy", title=title)
    for kind, ks in result.kinds.items():
        table.add_row(
            kind,
            " / ".join(f"{v:.2f}" for v in (ks.strict.precision, ks.strict.recall, ks.strict.f1)),
            " / ".join(f"{v:.2f}" for v in (ks.lenient.precision, ks.lenient.recall, ks.lenient.f1)),
            f"{ATTRIBUTE[kind]} {ks.attribute_accuracy:.2f}",
        )
    table.caption = f"{result.articles} articles, grounding rate {result.grounding_rate:.2f}"
    return table


@app.command("eval")
def evaluate(
    pred: Annotated[Path | None, typer.Argument(help="Predicted records (JSONL from `extract run`).")] = None,
    gold: Annotated[
        Path | None, typer.Argument(help="Gold records: a folder of .json, a .json or .jsonl.")
    ] = None,
    corpus: Annotated[
        str | None,
        typer.Option(help=f"Run the pipeline over a public corpus and score it: {', '.join(CORPORA)}."),
    ] = None,
    corpora_dir: Annotated[Path, typer.Option(help="Where the corpora live.")] = DEFAULT_CORPORA,
    limit: Annotated[int | None, typer.Option(help="Only the first N corpus articles.")] = None,
    base_url: Annotated[str | None, typer.Option(help="Endpoint for --corpus (default: embedded).")] = None,
    model: Annotated[str | None, typer.Option(help="Model name at --base-url.")] = None,
    strategy: Annotated[str | None, typer.Option(help=f"{' | '.join(STRATEGIES)}.")] = None,
    cache_dir: CacheDir = DEFAULT_CACHE_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score predictions against gold (P/R/F1 strict and lenient, attribute accuracy, grounding)."""
    if corpus is not None:
        if corpus not in CORPORA:
            err.print(f"[red]error:[/red] unknown corpus {corpus!r}; choose from {', '.join(CORPORA)}")
            raise typer.Exit(2)
        root = corpora_dir / corpus
        if not root.is_dir():
            err.print(f"skipped: corpus folder {root} is absent", highlight=False)
            raise typer.Exit(0)
        pairs = list(islice(CORPORA[corpus](root), limit))
        golds = [g for _, g in pairs]
        with Extractor(base_url=base_url, model=model, strategy=strategy, cache_dir=cache_dir) as ex:
            preds = []
            for r in ex.batch(a for a, _ in pairs):
                if isinstance(r, ArticleRecord):
                    preds.append(r)
                else:  # scored as an empty prediction, and said so
                    err.print(f"[red]failed:[/red] {r}", highlight=False, soft_wrap=True)
        title, kinds = f"{corpus} ({len(pairs)} articles)", CORPUS_KINDS[corpus]
    elif pred is not None and gold is not None:
        preds, golds, title = list(read_records(pred)), read_any(gold), f"{pred} vs {gold}"
        kinds = KINDS
    else:
        err.print("[red]error:[/red] give PRED and GOLD, or --corpus NAME")
        raise typer.Exit(2)
    result = score(preds, golds, kinds)
    if as_json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        out.print(score_table(result, title))


@app.command()
def report(
    records: Annotated[Path, typer.Argument(help="A JSONL file written by `extract run`.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    gold: Annotated[
        Path | None,
        typer.Option(help="Gold records (folder of .json, .json or .jsonl): show misses and FPs."),
    ] = None,
) -> None:
    """Write one self-contained HTML page: records highlighted over each article's text."""
    recs = list(read_records(records))
    texts = {a.sha256: a.text for a in article_texts(r.source for r in recs)}
    golds = {g.text_sha256: g for g in read_any(gold)} if gold is not None else None
    output.write_text(render_report(recs, texts, golds), encoding="utf-8")
    err.print(f"wrote {output} ({len(recs)} articles)", highlight=False)


@cache_app.command("info")
def cache_info(cache_dir: CacheDir = DEFAULT_CACHE_DIR) -> None:
    """Show where the cache is, how many answers it holds and its size."""
    info = AnswerCache(cache_dir).info()
    out.print(f"{info['directory']}: {info['entries']} entries, {info['bytes']:,} bytes")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDir = DEFAULT_CACHE_DIR) -> None:
    """Delete every cached answer."""
    out.print(f"removed {AnswerCache(cache_dir).clear()} entries from {cache_dir}")


def main() -> None:
    app()


__all__ = ["Article", "app", "main"]
