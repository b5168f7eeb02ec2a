"""The report's PLOVER parts: events coloured by category with a legend and, against gold, the
per-category scores and the confusion as a heatmap (HTML fragments; pure functions)."""

from __future__ import annotations

from html import escape

from extract.analysis.plover import NONE, plover_score
from extract.schemas import ArticleRecord, EventType

# By PLOVER's quad classes: verbal cooperation greens, material cooperation blues, verbal conflict
# oranges, material conflict reds, so a page's balance of conflict and cooperation shows at once.
CATEGORY_COLOURS: dict[EventType, str] = {
    EventType.AGREE: "#2e9e44",
    EventType.CONSULT: "#5cbf6b",
    EventType.SUPPORT: "#8fd694",
    EventType.COOPERATE: "#2a6fdb",
    EventType.AID: "#5b95f0",
    EventType.YIELD: "#93bbf7",
    EventType.REQUEST: "#f0a030",
    EventType.ACCUSE: "#e07b1a",
    EventType.REJECT: "#c9620e",
    EventType.THREATEN: "#a34f0b",
    EventType.PROTEST: "#f06b6b",
    EventType.SANCTION: "#e04848",
    EventType.MOBILIZE: "#c23030",
    EventType.COERCE: "#9c1f1f",
    EventType.ASSAULT: "#6e1010",
}


def category_style() -> str:
    """CSS giving each category's events its colour, in the text and in the side list."""
    return "\n".join(
        f".item.c-{c.value} {{ border-color: {hue}; }} .seg.c-{c.value} {{ background: {hue}40; }}"
        for c, hue in CATEGORY_COLOURS.items()
    )


def category_legend(categories: set[str]) -> str:
    """A swatch per category the page shows, in PLOVER's order."""
    shown = [c for c in CATEGORY_COLOURS if c.value in categories]
    if not shown:
        return ""
    swatches = "".join(
        f'<span class="legend"><span class="swatch" style="background:{CATEGORY_COLOURS[c]}"></span> '
        f"{c.value}</span>"
        for c in shown
    )
    return f'<div id="categories">events: {swatches}</div>'


def plover_summary(records: list[ArticleRecord], golds: dict[str, ArticleRecord]) -> str:
    """Against gold: per-category P/R/F1 and the confusion as a heatmap (rows gold, columns
    predicted; a cell's shade is its share of the largest cell); empty without gold events."""
    paired = [gold for r in records if (gold := golds.get(r.text_sha256)) is not None]
    ps = plover_score(records, paired)
    if ps is None:
        return ""
    rows = "".join(
        f"<tr><td>{c}</td><td>{p:.2f}</td><td>{r:.2f}</td><td><b>{f:.2f}</b></td><td>{n}</td></tr>"
        for c in ps.categories
        for p, r, f, n in [ps.prf(c)]
    )
    majority = f" (majority {ps.majority[0]} {ps.majority[1]:.2f})" if ps.majority else ""
    scores = (
        f'<table id="plover"><caption>events by PLOVER category: type accuracy {ps.accuracy:.2f}'
        f"{majority}, macro-F1 {ps.macro_f1:.2f}</caption>"
        f"<tr><th>category</th><th>P</th><th>R</th><th>F1</th><th>gold</th></tr>{rows}</table>"
    )
    cols = [*ps.categories, NONE]
    top = max(ps.confusion.values(), default=1)
    head = "".join(f'<th title="{c}">{escape(c[:3])}</th>' for c in cols)
    body = ""
    for g in cols:
        cells = ""
        for p in cols:
            n = ps.confusion[(g, p)]
            hue = "46,158,68" if g == p else "224,72,72"
            cells += (
                f'<td title="gold {g}, predicted {p}: {n}" style="background:rgba({hue},{n / top:.2f})">'
                f"{n or ''}</td>"
            )
        body += f"<tr><th>{escape(g)}</th>{cells}</tr>"
    heatmap = (
        f'<table id="confusion"><caption>confusion (rows: gold, columns: predicted)</caption>'
        f"<tr><th></th>{head}</tr>{body}</table>"
    )
    return scores + heatmap
