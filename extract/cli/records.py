"""Commands over records: ``show``, ``export``, ``merge``, ``report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from extract.analysis.export import write_table
from extract.analysis.merge import merge as consolidate
from extract.analysis.report import render as render_report
from extract.cli.app import app
from extract.cli.console import err, fail, out, plain, say
from extract.cli.options import Schema, claim, known_kinds, records_of, write_file
from extract.cli.tables import kind_table
from extract.errors import ExtractError
from extract.inputs.load import Article, article_texts, load_articles


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
