"""The ``extract`` command line: run, show, eval, report, merge, cache."""

from __future__ import annotations

import functools
import inspect
import json
import logging
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import fields
from importlib.metadata import version as package_version
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup, TyperOption

from extract.analysis.corpora import CORPORA, CORPUS_KINDS, DEFAULT_CORPORA
from extract.analysis.evaluate import KindScore, Score, attribute_label, score
from extract.analysis.export import write_table
from extract.analysis.matching import PRF
from extract.analysis.merge import merge as consolidate
from extract.analysis.plover import NONE, PloverScore, plover_score
from extract.analysis.report import render as render_report
from extract.analysis.resolution import load_antecedents, resolution
from extract.analysis.seesaw import CORPUS_SCORERS
from extract.analysis.spans import CRITERIA, PartScores, part_scores
from extract.errors import ArticleError, ExtractError, NotStarted
from extract.inputs.guard import Outputs, write_atomic
from extract.inputs.load import Article, article_texts, load_articles
from extract.kinds import packs, resolve
from extract.providers.cache import DEFAULT_CACHE_DIR, AnswerCache
from extract.providers.calllog import call_log, read_call, read_calls
from extract.providers.embedded import DEFAULT_LOCAL_MODEL
from extract.providers.models import LOCAL_MODELS
from extract.providers.registry import BACKENDS
from extract.run.batch import Batch
from extract.run.config import Engine, RunConfig
from extract.run.jsonl import read_any
from extract.run.settings import Option, load_settings, option_defaults, settings_file
from extract.schemas import ArticleRecord, Kind
from extract.schemas.kinds import GROUNDING_FIELDS
from extract.strategies import STRATEGIES

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
err = Console(stderr=True)
out = Console()

CacheDir = Annotated[
    Path, typer.Option("--cache-dir", envvar="EXTRACT_CACHE_DIR", help="Where model answers are cached.")
]
Schema = Annotated[
    list[str] | None,
    typer.Option(
        "--schema",
        help=f"Record kinds: a pack ({', '.join(packs())}) or FILE.py:Model, a Pydantic model. Repeatable; "
        "default: news.",
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option(
        envvar="EXTRACT_BASE_URL", help="OpenAI-compatible endpoint; omit to start the embedded local model."
    ),
]
ModelName = Annotated[str | None, typer.Option(envvar="EXTRACT_MODEL", help="Model name at --base-url.")]
# Literals built from the registries: --help lists the choices and a typo is refused by name.
LocalModelChoice: Any = Literal[tuple(LOCAL_MODELS)]
StrategyChoice: Any = Literal[tuple(STRATEGIES)]
LocalModel = Annotated[
    LocalModelChoice,
    typer.Option(envvar="EXTRACT_LOCAL_MODEL", help="Embedded model when no --base-url (`extract info`)."),
]
ProviderChoice: Any = Literal[tuple(BACKENDS)]
StrategyName = Annotated[
    StrategyChoice | None,
    typer.Option(
        envvar="EXTRACT_STRATEGY",
        help=f"Default: {BACKENDS['embedded'].default_strategy} for the embedded model, "
        f"{BACKENDS['openai'].default_strategy} otherwise.",
    ),
]
ProviderName = Annotated[
    ProviderChoice | None,
    typer.Option(
        envvar="EXTRACT_PROVIDER",
        help="The model backend: "
        + "; ".join(f"{b.name}, {b.about}" for b in BACKENDS.values())
        + ". Default: embedded without --base-url, openai with it.",
    ),
]
Trained = Annotated[
    Path | None,
    typer.Option("--trained", help="A model folder from `extract train` (strategy trained by default)."),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
Timeout = Annotated[float, typer.Option(help="Seconds per model request, the whole reply included.")]
ReplyTokens = Annotated[int, typer.Option(min=1, help="Most tokens the model may write per reply.")]
Temperature = Annotated[
    float, typer.Option(min=0.0, help="Sampling temperature (0: the same answer each time).")
]
Retries = Annotated[
    int, typer.Option(help="Retries of a failed request (connection, 429, 5xx; Retry-After honoured).")
]


# Terminal control characters and bidi overrides: names and ids come from articles and models.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: object) -> Text:
    """Text shown as it is: never read as rich markup ('[/x]'), control characters removed."""
    return Text(_CONTROL.sub("", str(value)))


def say(console: Console, label: str, style: str, message: object) -> None:
    """One line: a coloured label, then the message as plain text."""
    console.print(Text.assemble((label, style), " ", plain(message)), highlight=False, soft_wrap=True)


TABLE_SUFFIXES = {".csv", ".tsv", ".parquet", ".json", ".xlsx"}

_DEFAULTS = {f.name: f.default for f in fields(RunConfig)}
# The options `run` and `eval --corpus` share, declared once: `model_options` adds them to a
# command's signature and hands them to its body as one dict, for `config_of`.
MODEL_OPTIONS = tuple(
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for name, annotation, default in (
        ("schema", Schema, None),
        ("provider", ProviderName, None),
        ("base_url", BaseUrl, None),
        ("model", ModelName, None),
        ("local_model", LocalModel, _DEFAULTS["local_model"]),
        ("strategy", StrategyName, None),
        ("cache_dir", CacheDir, DEFAULT_CACHE_DIR),
        ("no_cache", NoCache, False),
        ("timeout", Timeout, _DEFAULTS["timeout"]),
        ("retries", Retries, _DEFAULTS["retries"]),
        ("reply_tokens", ReplyTokens, _DEFAULTS["reply_tokens"]),
        ("temperature", Temperature, _DEFAULTS["temperature"]),
        ("trained", Trained, None),
    )
)


def model_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with :data:`MODEL_OPTIONS` as options, passed to it as ``options``."""
    own = inspect.signature(command, eval_str=True)
    kept = [p for p in own.parameters.values() if p.name != "options"]

    @functools.wraps(command)
    def with_options(**given: Any) -> None:
        options = {p.name: given.pop(p.name) for p in MODEL_OPTIONS}
        command(**given, options=options)

    with_options.__signature__ = own.replace(parameters=[*kept, *MODEL_OPTIONS])  # type: ignore[attr-defined]
    return with_options


def fail(message: object, code: int = 2) -> typer.Exit:
    """Print one error line and return the exit to raise."""
    say(err, "error:", "red", message)
    return typer.Exit(code)


def claim(inputs: Iterable[str | Path], *outputs: tuple[Path | None, str]) -> None:
    """Refuse, with one line, an output that is one of the command's inputs or another output."""
    checked = Outputs(inputs)
    try:
        for path, option in outputs:
            checked.claim(path, option)
    except ExtractError as exc:
        raise fail(exc) from None


def write_file(path: Path, text: str) -> None:
    """Write a command's output whole (a temporary file renamed), or fail with one line."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise fail(f"{path}: cannot write ({exc.strerror})") from None


def config_of(options: dict[str, Any], **more: Any) -> RunConfig:
    """The run's one config from the :data:`MODEL_OPTIONS` and ``more`` of a command (the
    settings file is already in the options' values)."""
    given = dict(options)
    schema, no_cache, cache_dir = given.pop("schema"), given.pop("no_cache"), given.pop("cache_dir")
    try:
        return RunConfig(
            schema=tuple(schema or ("news",)), cache_dir=None if no_cache else cache_dir, **given, **more
        )
    except ExtractError as exc:
        raise fail(exc) from None


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


def records_of(paths: list[Path], kinds: tuple[Kind, ...]) -> list[ArticleRecord]:
    """Records from JSONL (or gold .json) files, typed by ``kinds``; a file that holds none is one
    error line."""
    try:
        return [rec for path in paths for rec in read_any(path, kinds)]
    except ExtractError as exc:
        raise fail(exc) from None


def known_kinds(schema: list[str] | None) -> tuple[Kind, ...]:
    """The kinds records are read, shown and scored by: the user's (``--schema``), then the news
    pack's for the names left."""
    try:
        return resolve([*(schema or ()), "news"])
    except ExtractError as exc:
        raise fail(exc) from None


@app.command()
def export(
    records: Annotated[
        list[Path], typer.Argument(help="JSONL files written by `extract run` (or gold .json).")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="A .csv or .parquet file.")],
    kind: Annotated[str | None, typer.Option("--kind", help="The kind to export, e.g. quotes.")] = None,
    schema: Schema = None,
    raw_cells: Annotated[
        bool,
        typer.Option(
            "--raw-cells",
            help="CSV cells exactly as extracted: no quote before a leading = + - @ (which spreadsheets "
            "run as formulas) and no cut at Excel's 32,767 characters.",
        ),
    ] = False,
    for_review: Annotated[
        bool,
        typer.Option(
            "--for-review",
            help="JSONL: each record with its article's text, to correct by hand "
            "and give back to `extract train` (docs/training.md).",
        ),
    ] = False,
) -> None:
    """One row per item of a kind: the article's id, path (article_source), metadata (meta_*), offsets;
    or (--for-review) the records with their texts, to correct and train on.

    Example: extract export records.jsonl --kind quotes -o quotes.csv"""
    claim(records, (output, "-o"))
    if for_review:
        from extract.training.data import write_review

        try:
            n = write_review(records_of(records, known_kinds(schema)), output)
        except (ExtractError, OSError) as exc:
            raise fail(exc) from None
        say(err, "wrote", "", f"{output} ({n} records to review)")
        return
    if kind is None:
        raise fail("export: give --kind KIND (a table of one kind) or --for-review")
    try:
        written = write_table(records_of(records, known_kinds(schema)), kind, output, raw_cells=raw_cells)
    except (ExtractError, OSError) as exc:
        raise fail(exc) from None
    say(err, "wrote", "", f"{output} ({written} {kind})")


@app.command()
def merge(
    records: Annotated[list[Path], typer.Argument(help="JSONL files written by `extract run`.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Also write the consolidation as JSON here.")
    ] = None,
    top: Annotated[int, typer.Option(help="Rows per table.")] = 20,
) -> None:
    """Group the same actor, event and position across articles and outlets, keeping every source.

    Example: extract merge records.jsonl -o merged.json
    """
    claim(records, (output, "-o"))
    merged = consolidate(records_of(records, known_kinds(None)))
    if output is not None:
        write_file(output, merged.model_dump_json(indent=2) + "\n")
    actors = Table("actor", "also named", "kind", "articles", title=f"actors ({len(merged.actors)})")
    for a in merged.actors[:top]:
        actors.add_row(plain(a.name), plain(", ".join(a.aliases)), a.kind, str(len(a.articles)))
    events = Table(
        "type", "source → target", "date", "outlets", "reports", title=f"events ({len(merged.events)})"
    )
    for e in merged.events[:top]:
        events.add_row(
            e.type.value,
            plain(", ".join(e.source) + " → " + ", ".join(e.target)),
            plain(e.date or ""),
            str(e.outlets),
            str(len(e.mentions)),
        )
    positions = Table(
        "holder", "target", "stances (outlets)", "", title=f"positions ({len(merged.positions)})"
    )
    for p in merged.positions[:top]:
        said = "; ".join(
            f"{stance.value}: {', '.join(sorted({m.outlet or m.article_id for m in ms}))}"
            for stance, ms in p.stances.items()
        )
        positions.add_row(
            plain(p.holder),
            plain(p.target),
            plain(said),
            f"[red]outlets disagree: {plain(', '.join(p.disagreeing))}[/red]" if p.disagreement else "",
        )
    for table in (actors, events, positions):
        out.print(table)


@app.command()
def show(
    records: Annotated[Path, typer.Argument(help="A JSONL file written by `extract run`, or gold .json.")],
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these kinds (repeatable).")] = None,
    schema: Schema = None,
) -> None:
    """Print the records of a JSONL file (or gold .json) as readable tables, one per kind.

    Example: extract show records.jsonl --kind quotes
    """
    kinds = known_kinds(schema)
    declared = {k.name: k for k in kinds}
    for rec in records_of([records], kinds):
        made = f"{rec.model}, {rec.strategy}, {rec.prompt_version}; decided by {rec.decided_by}"
        out.rule(plain(f"{rec.article_id}  ({made})"))
        for name in kind or list(rec.items):
            out.print(kind_table(name, rec.of(name), declared.get(name)))


def kind_table(name: str, items: list[object], declared: Kind | None) -> Table:
    """One kind's items: its own fields, then the evidence (the grounding offsets left out)."""
    hidden = declared.hidden if declared is not None else GROUNDING_FIELDS
    dumped = [i.model_dump(mode="json") for i in items if hasattr(i, "model_dump")]
    columns = list(dict.fromkeys(k for d in dumped for k in d if k not in hidden))
    table = Table(title=plain(name))
    for column in [*columns, "evidence"]:
        table.add_column(plain(column))
    for d in dumped:
        table.add_row(*(plain(_cell(d.get(c))) for c in columns), plain(d.get("evidence", "")))
    return table


def _cell(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("name", json.dumps(value)))
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return "" if value is None else str(value)


def score_table(result: Score, title: str, kinds: tuple[Kind, ...]) -> Table:
    declared = {k.name: k for k in kinds}
    table = Table("kind", "strict P / R / F1", "lenient P / R / F1", "attribute accuracy", title=plain(title))
    for kind, ks in result.kinds.items():
        table.add_row(
            plain(kind),
            prf(ks.strict),
            prf(ks.lenient),
            attribute_cell(declared.get(kind, kind), ks),
        )
    compared = "; ".join(
        f"{kind}: span + {', '.join(declared[kind].key_fields) or 'nothing else'}"
        for kind in result.kinds
        if kind in declared
    )
    table.caption = f"{result.articles} articles, grounding rate {result.grounding_rate:.2f}"
    if compared:
        table.caption += f"\nstrict compares {compared} (lenient: overlapping spans, names by words)"
    return table


def plover_tables(ps: PloverScore) -> tuple[Table, Table]:
    """The event kind in PLOVER: per-category P/R/F1 with the headline figures, and the confusion."""
    per = Table("category", "P", "R", "F1", "gold", title="events by PLOVER category")
    for c in ps.categories:
        p, r, f, n = ps.prf(c)
        per.add_row(c, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", str(n))
    majority = f" (majority {ps.majority[0]} {ps.majority[1]:.2f})" if ps.majority else ""
    per.caption = (
        f"type accuracy {ps.accuracy:.2f}{majority}, macro-F1 {ps.macro_f1:.2f}; source agreement "
        f"{ps.agreement('source'):.2f}, target {ps.agreement('target'):.2f} (names by words; over paired "
        f"events {ps.agreement('source', True):.2f} / {ps.agreement('target', True):.2f})"
    )
    cols = [*ps.categories, NONE]
    title = "confusion (rows: gold, columns: predicted)"
    confusion = Table("gold", *(c[:3] for c in cols), title=title, box=box.SIMPLE, pad_edge=False)
    for g in cols:
        confusion.add_row(g, *(str(ps.confusion[(g, p)] or "·") for p in cols))
    return per, confusion


def parts_table(scores: dict[str, PartScores], title: str) -> Table | None:
    """Per kind and part (a quote's content, source, cue...), P / R / F1 exact, by overlap and by
    Jaccard >= 0.5, and the linked items; None when no kind has a part beyond its content."""
    columns = ("kind", "part", "exact P / R / F1", "overlap P / R / F1", "Jaccard>=0.5 P / R / F1")
    table = Table(*columns, title=plain(f"{title}: per part"))
    for kind, ps in scores.items():
        if len(ps.parts) < 2:
            continue
        for name, by in ps.parts.items():
            table.add_row(plain(kind), plain(name), *(prf(by[c]) for c in CRITERIA))
        table.add_row(plain(kind), "linked (every part overlaps)", "", prf(ps.linked), "")
    table.caption = "exact: same span after trimming quote marks, space and end punctuation"
    return table if table.rows else None


def attribute_cell(kind: Kind | str, ks: KindScore) -> str:
    """'stance accuracy A (majority 'oppose' M)': the accuracy beside the baseline it must beat."""
    if not ks.attribute_checked or ks.majority is None:
        return "–"
    value, share = ks.majority
    cell = f"{attribute_label(kind)} {ks.attribute_accuracy:.2f} (majority {value!r} {share:.2f})"
    note = ks.pronoun_note()
    return f"{cell}; {note}" if note else cell


def prf(counts: PRF) -> str:
    """P / R / F1, with '–' for a precision (or recall) that has nothing to divide."""
    p = f"{counts.precision:.2f}" if counts.tp + counts.fp else "–"
    r = f"{counts.recall:.2f}" if counts.tp + counts.fn else "–"
    return f"{p} / {r} / {counts.f1:.2f}"


def warn_unpaired(result: Score) -> None:
    """Say which articles were not scored as a pair, so a low score cannot hide a mismatch."""
    for label, ids in (
        ("gold articles with no prediction (scored as empty)", result.missing_predictions),
        ("predictions with no gold (not scored)", result.unmatched_predictions),
        ("matched by id but their text changed (offsets may differ)", result.changed_text),
    ):
        if ids:
            shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
            say(err, "warning:", "yellow", f"{len(ids)} {label}: {shown}")


@app.command("eval")
@model_options
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
    split: Annotated[
        str | None,
        typer.Option(
            help="The corpus split: PolNeAR 'dev' (default) or 'train'; SEESAW 'train' or 'valid'"
            " (default: both)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="With --corpus: also write the predictions as JSONL."),
    ] = None,
    antecedents: Annotated[
        Path | None,
        typer.Option(
            help="Hand antecedents of pronoun and description sources (JSONL, as "
            "tests/gold/antecedents.jsonl): also score speaker resolution on them."
        ),
    ] = None,
    *,
    options: dict[str, Any],
) -> None:
    """Score predictions against gold of any kind: P/R/F1 strict (same span, key fields) and
    lenient (overlapping span, names loosely), attribute accuracy, grounding rate.

    With --schema, your kinds' key fields decide what is compared; without, every field.

    Example: extract eval records.jsonl tests/gold
    """
    only: tuple[str, ...] | None = None
    kinds = known_kinds(options["schema"])
    if corpus is not None:
        if corpus not in CORPORA:
            raise fail(f"unknown corpus {corpus!r}; choose from {', '.join(CORPORA)}")
        root = corpora_dir / corpus
        if not root.is_dir():
            say(err, "skipped:", "yellow", f"corpus folder {root} is absent")
            raise typer.Exit(0)
        config = config_of(options)
        read = CORPORA[corpus]
        pairs = list(islice(read(root) if split is None else read(root, split), limit))
        golds = [g for _, g in pairs]
        preds = []
        try:
            for r in Batch(config, [a for a, _ in pairs], output=output, overwrite=True):
                if isinstance(r, ArticleRecord):
                    preds.append(r)
                else:  # scored as an empty prediction, and said so
                    say(err, "failed:", "red", r)
        except ExtractError as exc:
            raise fail(exc) from None
        title, only = f"{corpus} ({len(pairs)} articles)", CORPUS_KINDS[corpus]
    elif pred is not None and gold is not None:
        preds, golds, title = records_of([pred], kinds), records_of([gold], kinds), f"{pred} vs {gold}"
    else:
        raise fail("give PRED and GOLD, or --corpus NAME")
    result, by_part = score(preds, golds, kinds=kinds, only=only), part_scores(preds, golds, only)
    events = plover_score(preds, golds) if "events" in result.kinds else None
    try:
        resolved = resolution(preds, load_antecedents(antecedents)) if antecedents is not None else None
    except ExtractError as exc:
        raise fail(exc) from None
    pairs_score = CORPUS_SCORERS[corpus](preds, golds) if corpus in CORPUS_SCORERS else None
    if as_json:
        extra: dict[str, Any] = {"parts": {kind: ps.as_dict() for kind, ps in by_part.items()}}
        extra |= {"plover": events.as_dict()} if events else {}
        extra |= {"speaker_resolution": resolved.as_dict()} if resolved is not None else {}
        extra |= {str(corpus): pairs_score.as_dict()} if pairs_score is not None else {}
        print(json.dumps(result.as_dict() | extra, indent=2))
    else:
        out.print(score_table(result, title, kinds))
        if (table := parts_table(by_part, title)) is not None:
            out.print(table)
        if events is not None:
            for table in plover_tables(events):
                out.print(table)
        if resolved is not None:
            out.print(resolved.note())
        for line in pairs_score.lines() if pairs_score is not None else []:
            out.print(plain(line))
    warn_unpaired(result)
    if result.articles and len(result.missing_predictions) == result.articles:
        raise fail("the predictions and the gold share no article (by text hash or id)", code=1)


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
    schema: Schema = None,
    inputs: Annotated[
        list[str] | None,
        typer.Option(
            "--inputs",
            help="The articles (files, folders, globs, JSONL); default: the records' "
            "sources, if they lie under the current folder.",
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML page: each kind's items highlighted over the article's text,
    in the kind's colour, with a legend and filters.

    Example: extract report records.jsonl -o report.html --gold tests/gold
    """
    claim([records, *([gold] if gold else []), *(inputs or [])], (output, "-o"))
    kinds = known_kinds(schema)
    recs = records_of([records], kinds)
    found = load_articles(inputs) if inputs else article_texts((r.source for r in recs), Path.cwd())
    texts = {a.sha256: a.text for a in found if isinstance(a, Article)}
    golds = {g.text_sha256: g for g in records_of([gold], kinds)} if gold is not None else None
    write_file(output, render_report(recs, texts, golds, kinds))
    say(err, "wrote", "", f"{output} ({len(recs)} articles)")


@app.command("train")
def train_command(
    data: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Records to learn from: gold (.json), `extract run` output or review files (.jsonl)."
        ),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="The model folder to write.")] = Path(
        "models/trained"
    ),
    schema: Schema = None,
    corpus: Annotated[
        str | None, typer.Option(help="Also learn from a corpus's train split (polnear, seesaw, ...).")
    ] = None,
    corpora: Annotated[
        Path | None, typer.Option(help="The corpora folder (default ../shared/corpora).")
    ] = None,
    dev: Annotated[
        str, typer.Option(help="Held-out share of the articles (fixed seed), or a file of gold records.")
    ] = "0.2",
    limit: Annotated[int | None, typer.Option(help="Learn from the first N training articles only.")] = None,
) -> None:
    """Learn each kind's spans and choices from annotated records, then score the held-out part
    with `extract eval`'s scorer; the folder keeps the scores, the data's hash and the versions.

    Example: extract train gold.jsonl --schema kinds.py:Claim -o models/claims
    """
    from extract.training.train import train

    try:
        held: float | str = float(dev)
    except ValueError:
        held = dev  # a file of gold records, or the corpus's own split (dev, valid)
    options: dict[str, Any] = {"corpora": corpora} if corpora is not None else {}
    try:
        made = train(data or [], output, schema=tuple(schema or ("news",)), corpus=corpus, dev=held,
                     limit=limit, **options)  # fmt: skip
    except (ExtractError, OSError) as exc:
        raise fail(exc) from None
    say(err, "trained", "", f"{made.folder}: {', '.join(made.kinds)} on {made.train_articles} articles "
        f"in {made.seconds:.0f} s")  # fmt: skip
    if made.dev_score is not None:
        out.print(score_table(made.dev_score, f"held-out part ({made.dev_articles} articles)",
                              known_kinds(schema)))  # fmt: skip


@app.command()
def info(cache_dir: CacheDir = DEFAULT_CACHE_DIR) -> None:
    """Show the version, the embedded models (installed, assembled), the cache, the strategies
    and their defaults, and the settings file in use.

    Example: extract info
    """
    version = package_version("news-extract")
    out.print(plain(f"news-extract {version} (English news; other languages are untested)"))
    table = Table("embedded model", "what", "licence", "state", box=None)
    for name, m in LOCAL_MODELS.items():
        if not m.installed():
            state = "not installed"
        elif (assembled := m.assembled()) is not None:
            state = f"assembled: {assembled}" if assembled.exists() else "installed (assembled on first use)"
        else:
            state = "installed"
        default = " (default)" if name == DEFAULT_LOCAL_MODEL else ""
        table.add_row(plain(name + default), plain(m.about), plain(m.licence), plain(state))
    out.print(table)
    cached = AnswerCache(cache_dir).info()
    out.print(plain(f"cache: {cached['directory']} ({cached['entries']} entries, {cached['bytes']:,} bytes)"))
    defaults = f"default {BACKENDS['embedded'].default_strategy} (embedded), "
    defaults += f"{BACKENDS['openai'].default_strategy} (--base-url)"
    out.print(plain(f"strategies: {', '.join(STRATEGIES)}; {defaults}"))
    out.print(plain(f"providers: {', '.join(BACKENDS)}; default embedded, openai with --base-url"))
    from extract.training.train import trained_models

    for line in trained_models(Path.cwd() / "models"):
        out.print(plain(f"trained model: {line}"))
    try:
        found = settings_file(Path.cwd())
    except ExtractError as exc:
        raise fail(exc) from None
    out.print(plain(f"settings: {found[0] if found else 'none (put them in extract.toml)'}"))


@app.command()
def logs(
    cache_dir: CacheDir = DEFAULT_CACHE_DIR,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many of the newest calls.")] = 20,
    show: Annotated[
        int | None,
        typer.Option(help="Print call N (the list's # column) in full: its messages and raw reply."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The listed calls as JSON lines.")] = False,
) -> None:
    """List the model calls runs made (newest last), or show one in full.

    Example: extract logs -n 5; extract logs --show 3
    """
    path = call_log(cache_dir)
    if show is not None:
        call = read_call(path, show)
        if call is None:
            raise fail(f"--show {show}: line {show} of {path} holds no call (see `extract logs`)")
        out.print_json(json.dumps(call, ensure_ascii=False))
        return
    listed = read_calls(path, count)
    if not listed:
        raise fail(f"{cache_dir}: no model calls logged (runs with this --cache-dir log them)", code=1)
    if as_json:
        for _, call in listed:
            sys.stdout.write(json.dumps(call, ensure_ascii=False) + "\n")
        return
    table = Table("#", "time", "model", "prompt", "tokens", "s", "asked", box=None)
    for n, call in listed:
        usage = call.get("usage") if isinstance(call.get("usage"), dict) else {}
        tokens = f"{usage.get('prompt_tokens', 0)}+{usage.get('completion_tokens', 0)}" if usage else "error"
        messages = call.get("messages")
        said = [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []
        asked = next((m.get("content", "") for m in reversed(said) if m.get("role") == "user"), "")
        table.add_row(
            str(n),
            plain(call.get("time", "")),
            plain(call.get("model", "")),
            plain(call.get("prompt_version", "")),
            tokens,
            str(call.get("seconds", "")),
            plain(" ".join(str(asked).split())[-60:]),
        )
    out.print(table)


@cache_app.command("info")
def cache_info(cache_dir: CacheDir = DEFAULT_CACHE_DIR) -> None:
    """Show where the cache is, how many answers it holds and its size.

    Example: extract cache info --cache-dir cache
    """
    info = AnswerCache(cache_dir).info()
    out.print(plain(f"{info['directory']}: {info['entries']} entries, {info['bytes']:,} bytes"))


@cache_app.command("clear")
def cache_clear(
    cache_dir: CacheDir = DEFAULT_CACHE_DIR,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every cached answer (asks first, unless --yes).

    Example: extract cache clear --yes
    """
    cache = AnswerCache(cache_dir)
    entries = cache.info()["entries"]
    if not yes and not typer.confirm(f"Delete {entries} cached entries in {cache_dir}?", default=False):
        raise fail("nothing deleted", code=1)
    out.print(plain(f"removed {cache.clear()} entries from {cache_dir}"))


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


__all__ = ["app", "main"]
