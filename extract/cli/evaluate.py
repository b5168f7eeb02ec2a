"""``extract eval``: records against gold, or the pipeline over a corpus, scored."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer

from extract.analysis.corpora import CORPORA, CORPUS_KINDS, DEFAULT_CORPORA
from extract.analysis.evaluate import score
from extract.analysis.plover import plover_score
from extract.analysis.resolution import load_antecedents, resolution
from extract.analysis.seesaw import CORPUS_SCORERS
from extract.analysis.spans import part_scores
from extract.cli.app import app
from extract.cli.console import err, fail, out, plain, say
from extract.cli.options import config_of, known_kinds, model_options, records_of
from extract.cli.tables import parts_table, plover_tables, score_table, warn_unpaired
from extract.errors import ExtractError
from extract.run.batch import Batch
from extract.schemas import ArticleRecord


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
