"""Records and scores as terminal tables."""

from __future__ import annotations

import json

from rich import box
from rich.table import Table

from extract.analysis.evaluate import KindScore, Score, attribute_label
from extract.analysis.matching import PRF
from extract.analysis.plover import NONE, PloverScore
from extract.analysis.spans import CRITERIA, PartScores
from extract.cli.console import err, plain, say
from extract.schemas import Kind
from extract.schemas.kinds import GROUNDING_FIELDS


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
