"""A self-contained HTML page showing records highlighted over their article text."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from html import escape
from itertools import pairwise

from pydantic import BaseModel

from extract.analysis.evaluate import score
from extract.analysis.matching import by_name, fields_agree, kinds_in, match
from extract.analysis.plover_report import category_legend, category_style, plover_summary
from extract.schemas import NEWS_KINDS, Actor, ArticleRecord, EventType, Kind, Usage
from extract.schemas.kinds import DEFAULT_COLOUR, GROUNDING_FIELDS, describe, hex_colour


@dataclass(frozen=True)
class Shown:
    """One item as the page shows it: id, kind, label, span, actors, and its verdict against gold."""

    id: str
    kind: str
    label: str
    start: int
    end: int
    evidence: str
    actors: tuple[str, ...]
    verdict: str = ""  # "", "miss" (gold only) or "false-positive"
    category: str = ""  # an event's PLOVER category: its colour
    parts: tuple[tuple[str, int, int], ...] = ()  # (path, start, end) of its other verbatim values


def actors_of(value: object) -> tuple[str, ...]:
    """Every actor named in an item (any field holding an object with a ``name``), in order."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    found: list[str] = []
    if isinstance(value, dict):
        if isinstance(value.get("name"), str) and set(value) <= set(Actor.model_fields):
            return (value["name"],)
        for v in value.values():
            found += actors_of(v)
    elif isinstance(value, list):
        for v in value:
            found += actors_of(v)
    return tuple(dict.fromkeys(found))


def label_of(kind: Kind | str, item: BaseModel) -> str:
    """A declared kind labels its items its own way; a kind known by name shows its fields."""
    return kind.label(item) if isinstance(kind, Kind) else describe(item, GROUNDING_FIELDS)


def _shown(kind: Kind | str, item: BaseModel, ident: str, verdict: str) -> Shown:
    start, end, evidence = getattr(item, "start", 0), getattr(item, "end", 0), getattr(item, "evidence", "")
    name = kind.name if isinstance(kind, Kind) else kind
    etype = getattr(item, "type", None)
    category = etype.value if isinstance(etype, EventType) else ""
    parts = tuple((path, at.start, at.end) for path, at in (getattr(item, "spans", None) or {}).items())
    shown = (ident, name, label_of(kind, item), start, end, evidence, actors_of(item), verdict)
    return Shown(*shown, category, parts)


def shown_items(
    record: ArticleRecord, gold: ArticleRecord | None, prefix: str, declared: Mapping[str, Kind]
) -> list[Shown]:
    """The record's items, plus gold misses, each marked against gold when it is given."""
    out: list[Shown] = []
    for n, name in enumerate(kinds_in([record], [gold] if gold else [])):
        preds, golds = record.of(name), gold.of(name) if gold else []
        kind = declared.get(name, name)
        matched_p: set[int] = set()
        matched_g: set[int] = set()
        if gold is not None:
            _, pairs = match(preds, golds, partial(fields_agree, kind, lenient=True), False)
            matched_p = {id(p) for p, _ in pairs}
            matched_g = {id(g) for _, g in pairs}
        for i, item in enumerate(preds):
            verdict = "false-positive" if gold is not None and id(item) not in matched_p else ""
            out.append(_shown(kind, item, f"{prefix}-k{n}-{i}", verdict))
        out += [
            _shown(kind, g, f"{prefix}-g{n}-{i}", "miss")
            for i, g in enumerate(golds)
            if id(g) not in matched_g
        ]
    return out


def colour(kind: str, declared: Mapping[str, Kind]) -> str:
    """The kind's colour as ``#rrggbb`` (a kind built by hand may hold anything: not used)."""
    known = declared.get(kind)
    return (hex_colour(known.colour) if known is not None else None) or DEFAULT_COLOUR


def kind_class(kind: str) -> str:
    """A CSS class for the kind: a slug of its name, with a hash of the name when the slug
    differs (so two names never share a class and a space never adds one)."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", kind.lower()).strip("-")
    if slug == kind:
        return f"k-{slug}"
    return f"k-{slug}-{hashlib.sha256(kind.encode()).hexdigest()[:6]}"


def highlight(text: str, items: list[Shown]) -> str:
    """The text cut at every item and part boundary; each piece lists the items whose content
    covers it (``data-items``) and those whose source, cue or other verbatim part does
    (``data-parts``): the page underlines parts and draws the link to their content."""
    marks = [(i.start, i.end) for i in items] + [(s, e) for i in items for _, s, e in i.parts]
    cuts = sorted({0, len(text), *(s for s, _ in marks), *(e for _, e in marks)})
    pieces: list[str] = []
    for a, b in pairwise(cuts):
        covering = [i for i in items if i.start <= a and b <= i.end]
        linked = [i for i in items if any(s <= a and b <= e for _, s, e in i.parts)]
        piece = escape(text[a:b])
        if not covering and not linked:
            pieces.append(piece)
            continue
        kinds = " ".join(
            sorted(
                {kind_class(i.kind) for i in covering} | {f"c-{i.category}" for i in covering if i.category}
            )
        )
        ids = " ".join(i.id for i in covering)
        part = ' part" data-parts="' + " ".join(i.id for i in linked) if linked else ""
        pieces.append(f'<span class="seg {kinds}{part}" data-items="{ids}">{piece}</span>')
    return "".join(pieces)


def parts_line(item: Shown, text: str) -> str:
    """The item's other verbatim parts as the side list shows them: 'source “he” · cue “said”'."""
    return " · ".join(f"{escape(path)} \u201c{escape(text[s:e][:60])}\u201d" for path, s, e in item.parts)


def ledger(records: list[ArticleRecord]) -> str:
    total = Usage()
    for r in records:
        total = total.add(r.usage)
    counts = " · ".join(f"{sum(len(r.of(k)) for r in records)} {k}" for k in kinds_in(records))
    models = ", ".join(sorted({f"{r.model} ({r.strategy}, {r.prompt_version})" for r in records}))
    return (
        f"{len(records)} articles · {counts} · {total.calls} model calls · {total.cache_hits} cache hits · "
        f"{total.reasks} re-asks · {total.prompt_tokens + total.completion_tokens} tokens · "
        f"{total.dropped} ungrounded dropped · {total.rejected} rejected by the kind's check · "
        f"{f'{total.unchecked} left unchecked · ' if total.unchecked else ''}"
        f"{total.timeouts} timed-out calls · {total.seconds:.1f} s · {models}"
    )


def render(
    records: list[ArticleRecord],
    texts: dict[str, str],
    golds: dict[str, ArticleRecord] | None = None,
    kinds: Iterable[Kind] = NEWS_KINDS,
) -> str:
    """The whole page; ``texts`` and ``golds`` are keyed by the article text's sha256. ``kinds``
    are the declared kinds (the news pack's by default): their labels, colours and key fields;
    a kind the records hold but ``kinds`` lacks shows every field."""
    declared = by_name(kinds)
    sections: list[str] = []
    actors: set[str] = set()
    categories: set[str] = set()
    for n, rec in enumerate(records):
        text = texts.get(rec.text_sha256)
        if text is None:
            sections.append(
                f'<section data-n="{n}"><h2>{escape(rec.article_id)}</h2>'
                "<p>article text not found</p></section>"
            )
            continue
        gold = (golds or {}).get(rec.text_sha256) if golds is not None else None
        items = shown_items(rec, gold, f"a{n}", declared)
        actors.update(a for i in items for a in i.actors)
        categories.update(i.category for i in items if i.category)
        side = "".join(
            f'<li class="item {kind_class(i.kind)}{" c-" + i.category if i.category else ""} {i.verdict}" '
            f'data-id="{i.id}" data-kind="{escape(i.kind)}" '
            f'data-article="{escape(rec.article_id)}" data-label="{escape(i.label)}" '
            f"data-actors='{escape(json.dumps(list(i.actors)))}' data-evidence=\"{escape(i.evidence)}\">"
            f"<b>{escape(i.kind)}</b>{' · ' + i.verdict if i.verdict else ''}<br>{escape(i.label)}"
            f"<div class=ev>{escape(i.evidence[:160])}</div><div class=parts>{parts_line(i, text)}</div></li>"
            for i in sorted(items, key=lambda i: (i.kind, i.start))
        )
        sections.append(
            f'<section data-n="{n}"><h2>{escape(rec.article_id)}</h2><div class="article"><pre class="text">'
            f'{highlight(text, items)}</pre><ul class="side">{side}</ul></div></section>'
        )
    options = "".join(f"<option>{escape(a)}</option>" for a in sorted(actors))
    names = kinds_in(records, (golds or {}).values())
    jump = "".join(f'<option value="{n}">{escape(r.article_id)}</option>' for n, r in enumerate(records))
    summary = ""
    if golds is not None:
        summary = score_summary(records, golds, names, declared) + plover_summary(records, golds)
    return PAGE.format(
        ledger=escape(ledger(records)),
        options=options,
        body="".join(sections),
        kinds=kind_controls(names, declared) + category_legend(categories),
        style=f"{kind_style(names, declared)}\n{category_style()}",
        jump=jump,
        summary=summary,
    )


def score_summary(
    records: list[ArticleRecord],
    golds: dict[str, ArticleRecord],
    names: tuple[str, ...],
    declared: Mapping[str, Kind],
) -> str:
    """Per kind, lenient and strict P/R/F1 against the gold of the articles shown."""
    paired = [g for r in records if (g := golds.get(r.text_sha256)) is not None]
    result = score(records, paired, kinds=declared.values(), only=names)
    rows = "".join(
        f"<tr><td>{escape(kind)}</td><td>{ks.lenient.precision:.2f}</td><td>{ks.lenient.recall:.2f}</td>"
        f"<td><b>{ks.lenient.f1:.2f}</b></td><td>{ks.strict.f1:.2f}</td></tr>"
        for kind, ks in result.kinds.items()
    )
    return (
        f'<table id="summary"><caption>against gold ({len(paired)} of {len(records)} articles)</caption>'
        f"<tr><th>kind</th><th>P</th><th>R</th><th>F1</th><th>strict F1</th></tr>{rows}</table>"
    )


def kind_controls(kinds: tuple[str, ...], declared: Mapping[str, Kind]) -> str:
    """One checkbox per kind, its colour beside it: the filter and the legend at once."""
    return "".join(
        f'<label class="legend"><input type="checkbox" class="kind" value="{escape(k)}" checked>'
        f'<span class="swatch" style="background:{escape(colour(k, declared))}"></span> {escape(k)}</label>'
        for k in kinds
    )


def kind_style(kinds: tuple[str, ...], declared: Mapping[str, Kind]) -> str:
    # Kind names come from user schemas: classes are slugs of them, colours only #rrggbb.
    return "\n".join(
        f".item.{css} {{ border-color: {c}; }} .seg.{css} {{ background: {c}33; }}"
        for k in kinds
        for css, c in ((kind_class(k), colour(k, declared)),)
    )


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>extraction report</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 0 1.5em; color: #222; }}
header {{ position: sticky; top: 0; background: #fff; padding: .6em 0; border-bottom: 1px solid #ccc; }}
.article {{ display: grid; grid-template-columns: 3fr 2fr; gap: 1.5em; }}
pre.text {{ white-space: pre-wrap; font: inherit; }}
.side {{ list-style: none; padding: 0; max-height: 75vh; overflow: auto; position: sticky; top: 8em;
  align-self: start; }}
.item {{ border-left: 4px solid #999; margin: .3em 0; padding: .2em .5em; cursor: pointer; }}
.item.miss {{ background: #fde8e8; }} .item.false-positive {{ background: #fff6d6; }}
.item.selected {{ outline: 2px solid #000; }} .ev {{ color: #666; font-size: 12px; }}
.seg {{ background: #8a63d233; }} .swatch {{ display: inline-block; width: .9em; height: .9em;
  vertical-align: middle; border-radius: 2px; }} .legend {{ margin-right: .8em; }}
{style}
.seg.active {{ background: #ffe14d !important; outline: 1px solid #c9a800; }}
.seg.part {{ border-bottom: 2px solid #555; }} .seg.linked {{ outline: 2px dashed #c9a800; }}
.parts {{ color: #444; font-size: 12px; }}
#links {{ position: absolute; left: 0; top: 0; pointer-events: none; overflow: visible; }}
.hidden {{ display: none; }} .seg.off {{ background: none !important; }}
.seg.partoff {{ border-bottom: none !important; }}
#summary {{ border-collapse: collapse; float: right; font-size: 12px; }} select {{ max-width: 18em; }}
#summary td, #summary th {{ padding: 0 .6em; }}
#plover, #confusion {{ border-collapse: collapse; float: right; font-size: 12px; margin-left: 1em; }}
#plover td, #plover th, #confusion td, #confusion th {{ padding: 0 .4em; text-align: right; }}
#table table {{ border-collapse: collapse; }} #table td {{ border-top: 1px solid #ddd; padding: .2em .5em;
  vertical-align: top; }}
</style></head><body>
<header><div class="ledger">{ledger}</div>
{summary}
{kinds}
<select id="actor"><option value="">all actors</option>{options}</select>
<select id="article"><option value="all">all articles</option>{jump}</select>
<button id="prev">&larr;</button><button id="next">&rarr;</button>
<button id="view">table view</button> <a id="csv" download="items.csv" href="#">download CSV</a></header>
<div id="table" class="hidden"></div>
<div id="articles">{body}</div>
<svg id="links" width="1" height="1"></svg>
<script>
function partsOf(s) {{ return (s.dataset.parts || '').split(' '); }}
function link(from, to) {{
  // A line from a part (source, cue) to its content, in page coordinates.
  const a = from.getBoundingClientRect(), b = to.getBoundingClientRect();
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
  const at = (r, side) => [r.left + window.scrollX + r.width / 2, r[side] + window.scrollY];
  const down = a.top < b.top;
  const [x1, y1] = at(a, down ? 'bottom' : 'top'), [x2, y2] = at(b, down ? 'top' : 'bottom');
  const attrs = {{x1, y1, x2, y2, stroke: '#c9a800', 'stroke-width': 2}};
  Object.entries(attrs).forEach(([k, v]) => line.setAttribute(k, v));
  document.getElementById('links').appendChild(line);
}}
function select(li) {{
  document.querySelectorAll('.seg.active, .seg.linked').forEach(s => s.classList.remove('active', 'linked'));
  document.querySelectorAll('.item.selected').forEach(s => s.classList.remove('selected'));
  document.getElementById('links').replaceChildren();
  li.classList.add('selected');
  const all = [...document.querySelectorAll('.seg')];
  const segs = all.filter(s => s.dataset.items.split(' ').includes(li.dataset.id));
  const parts = all.filter(s => partsOf(s).includes(li.dataset.id));
  segs.forEach(s => s.classList.add('active'));
  parts.forEach(s => s.classList.add('linked'));
  if (segs.length) segs[0].scrollIntoView({{block: 'center'}});
  if (segs.length) parts.forEach(p => link(p, segs[0]));
}}
document.querySelectorAll('.item').forEach(li => li.addEventListener('click', () => select(li)));
function shownItems() {{
  const kinds = [...document.querySelectorAll('.kind:checked')].map(c => c.value);
  const actor = document.getElementById('actor').value;
  return [...document.querySelectorAll('.item')].filter(li =>
    kinds.includes(li.dataset.kind) && (!actor || JSON.parse(li.dataset.actors).includes(actor)));
}}
function filter() {{
  const shown = new Set(shownItems());
  const visible = new Set([...shown].map(li => li.dataset.id));
  document.querySelectorAll('.item').forEach(li => li.classList.toggle('hidden', !shown.has(li)));
  // A piece loses its kind's colour when no shown item covers it, and its underline when no
  // shown item has it as a part: a hidden quote's colour goes even under a shown event's source.
  document.querySelectorAll('.seg').forEach(s => {{
    s.classList.toggle('off', !s.dataset.items.split(' ').some(id => visible.has(id)));
    s.classList.toggle('partoff', !partsOf(s).some(id => visible.has(id)));
  }});
  // One article at a time when one is chosen; with an actor chosen, articles with nothing left go.
  const actor = document.getElementById('actor').value;
  const one = document.getElementById('article').value;
  document.querySelectorAll('#articles section').forEach(sec => {{
    const left = sec.querySelectorAll('.item:not(.hidden)').length;
    sec.classList.toggle('hidden', (one !== 'all' && sec.dataset.n !== one) || (actor && !left));
  }});
  table(shown);
}}
function cell(v) {{
  let s = String(v);
  if (/^[=+\\-@\\t\\r]/.test(s)) s = "'" + s;  // a spreadsheet reads these as formulas (OWASP)
  return '"' + s.slice(0, 32767).replace(/"/g, '""') + '"';
}}
function table(shown) {{
  const rows = [...shown].map(li => [li.dataset.article, li.dataset.kind, li.dataset.label,
                                     li.dataset.evidence]);
  const esc = v => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  document.getElementById('table').innerHTML = '<table><tr><th>article</th><th>kind</th><th>item</th>' +
    '<th>evidence</th></tr>' + rows.map(r => '<tr>' + r.map(v => '<td>' + esc(v) + '</td>').join('') +
    '</tr>').join('') + '</table>';
  const csv = [['article', 'kind', 'item', 'evidence'], ...rows].map(r => r.map(cell).join(',')).join('\\n');
  document.getElementById('csv').href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(csv);
}}
function step(by) {{
  const pick = document.getElementById('article');
  const n = Math.min(Math.max(pick.selectedIndex + by, 1), pick.options.length - 1);
  pick.selectedIndex = n; filter();
}}
document.getElementById('prev').addEventListener('click', () => step(-1));
document.getElementById('next').addEventListener('click', () => step(1));
document.getElementById('view').addEventListener('click', e => {{
  const toTable = document.getElementById('table').classList.toggle('hidden') === false;
  document.getElementById('articles').classList.toggle('hidden', toTable);
  e.target.textContent = toTable ? 'article view' : 'table view';
}});
document.querySelectorAll('.kind, #actor, #article').forEach(c => c.addEventListener('change', filter));
filter();
</script></body></html>
"""
