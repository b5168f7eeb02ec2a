"""``extract train``: learn a kind's spans and choices from annotated records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from extract.cli.app import app
from extract.cli.console import err, fail, out, say
from extract.cli.options import Schema, known_kinds
from extract.cli.tables import score_table
from extract.errors import ExtractError


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
