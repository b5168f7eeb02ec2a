"""A self-contained HTML page showing records highlighted over their article text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from html import escape
from itertools import pairwise

from extract.evaluate import fields_agree, match
from schemas import ArticleRecord, Event, Position, Quote, Usage

Item = Quote | Event | Position


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


def describe(item: Item) -> tuple[str, str, tuple[str, ...]]:
    if isinstance(item, Quote):
        cue = f" ({item.cue})" if item.cue else ""
        kind = "direct" if item.direct else "indirect"
        return "quote", f"{item.speaker.name}{cue}, {kind}", (item.speaker.name,)
    if isinstance(item, Event):
        actors = tuple(a.actor.name for a in item.actors)
        roles = ", ".join(f"{a.actor.name} ({a.role})" for a in item.actors)
        when = f" · {item.date or item.time}" if (item.date or item.time) else ""
        return "event", f"{item.type.value}: {roles or 'no actors'}{when}", actors
    return "position", f"{item.holder.name} · {item.stance.value} · {item.issue}", (item.holder.name,)


def shown_items(record: ArticleRecord, gold: ArticleRecord | None, prefix: str) -> list[Shown]:
    """The record's items, plus gold misses, each marked against gold when it is given."""
    out: list[Shown] = []
    for kind in ("quotes", "events", "positions"):
        preds: list[Item] = list(getattr(record, kind))
        golds: list[Item] = list(getattr(gold, kind)) if gold else []
        matched_p: set[int] = set()
        matched_g: set[int] = set()
        if gold is not None:
            _, pairs = match(preds, golds, partial(fields_agree, lenient=True), False)
            matched_p = {id(p) for p, _ in pairs}
            matched_g = {id(g) for _, g in pairs}
        for i, item in enumerate(preds):
            k, label, actors = describe(item)
            verdict = "false-positive" if gold is not None and id(item) not in matched_p else ""
            out.append(
                Shown(f"{prefix}-{k[0]}{i}", k, label, item.start, item.end, item.evidence, actors, verdict)
            )
        for i, item in enumerate(golds):
            if id(item) not in matched_g:
                k, label, actors = describe(item)
                out.append(
                    Shown(
                        f"{prefix}-g{k[0]}{i}", k, label, item.start, item.end, item.evidence, actors, "miss"
                    )
                )
    return out


def highlight(text: str, items: list[Shown]) -> str:
    """The text cut at every item boundary; each piece lists the items covering it."""
    cuts = sorted({0, len(text), *(i.start for i in items), *(i.end for i in items)})
    parts: list[str] = []
    for a, b in pairwise(cuts):
        covering = [i for i in items if i.start <= a and b <= i.end]
        piece = escape(text[a:b])
        if not covering:
            parts.append(piece)
            continue
        kinds = " ".join(sorted({f"k-{i.kind}" for i in covering}))
        ids = " ".join(i.id for i in covering)
        parts.append(f'<span class="seg {kinds}" data-items="{ids}">{piece}</span>')
    return "".join(parts)


def ledger(records: list[ArticleRecord]) -> str:
    total = Usage()
    for r in records:
        total = total.add(r.usage)
    counts = {k: sum(len(getattr(r, k)) for r in records) for k in ("quotes", "events", "positions")}
    models = ", ".join(sorted({f"{r.model} ({r.strategy}, {r.prompt_version})" for r in records}))
    return (
        f"{len(records)} articles · {counts['quotes']} quotes · {counts['events']} events · "
        f"{counts['positions']} positions · {total.calls} model calls · {total.cache_hits} cache hits · "
        f"{total.reasks} re-asks · {total.prompt_tokens + total.completion_tokens} tokens · "
        f"{total.dropped} ungrounded dropped · {total.seconds:.1f} s · {models}"
    )


def render(
    records: list[ArticleRecord], texts: dict[str, str], golds: dict[str, ArticleRecord] | None = None
) -> str:
    """The whole page; ``texts`` and ``golds`` are keyed by the article text's sha256."""
    sections: list[str] = []
    actors: set[str] = set()
    for n, rec in enumerate(records):
        text = texts.get(rec.text_sha256)
        if text is None:
            sections.append(
                f"<section><h2>{escape(rec.article_id)}</h2><p>article text not found</p></section>"
            )
            continue
        items = shown_items(rec, (golds or {}).get(rec.text_sha256) if golds is not None else None, f"a{n}")
        actors.update(a for i in items for a in i.actors)
        side = "".join(
            f'<li class="item k-{i.kind} {i.verdict}" data-id="{i.id}" data-kind="{i.kind}" '
            f"data-actors='{escape(json.dumps(list(i.actors)))}' data-evidence=\"{escape(i.evidence)}\">"
            f"<b>{i.kind}</b>{' · ' + i.verdict if i.verdict else ''}<br>{escape(i.label)}"
            f"<div class=ev>{escape(i.evidence[:160])}</div></li>"
            for i in sorted(items, key=lambda i: (i.kind, i.start))
        )
        sections.append(
            f'<section><h2>{escape(rec.article_id)}</h2><div class="article"><pre class="text">'
            f'{highlight(text, items)}</pre><ul class="side">{side}</ul></div></section>'
        )
    options = "".join(f"<option>{escape(a)}</option>" for a in sorted(actors))
    return PAGE.format(ledger=escape(ledger(records)), options=options, body="".join(sections))


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>extraction report</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 0 1.5em; color: #222; }}
header {{ position: sticky; top: 0; background: #fff; padding: .6em 0; border-bottom: 1px solid #ccc; }}
.article {{ display: grid; grid-template-columns: 3fr 2fr; gap: 1.5em; }}
pre.text {{ white-space: pre-wrap; font: inherit; }}
.side {{ list-style: none; padding: 0; max-height: 80vh; overflow: auto; position: sticky; top: 5em;
  align-self: start; }}
.item {{ border-left: 4px solid #999; margin: .3em 0; padding: .2em .5em; cursor: pointer; }}
.item.k-quote {{ border-color: #2a7de1; }} .item.k-event {{ border-color: #e1952a; }}
.item.k-position {{ border-color: #2aa84a; }}
.item.miss {{ background: #fde8e8; }} .item.false-positive {{ background: #fff6d6; }}
.item.selected {{ outline: 2px solid #000; }} .ev {{ color: #666; font-size: 12px; }}
.seg.k-event {{ border-bottom: 2px solid #e1952a; }} .seg.k-position {{ background: #dcf3e2; }}
.seg.k-quote {{ background: #dbe9fb; }}
.seg.active {{ background: #ffe14d !important; outline: 1px solid #c9a800; }}
.hidden {{ display: none; }} .seg.off {{ background: none !important; border: none !important; }}
</style></head><body>
<header><div class="ledger">{ledger}</div>
<label><input type="checkbox" class="kind" value="quote" checked> quotes</label>
<label><input type="checkbox" class="kind" value="event" checked> events</label>
<label><input type="checkbox" class="kind" value="position" checked> positions</label>
<select id="actor"><option value="">all actors</option>{options}</select></header>
{body}
<script>
function select(li) {{
  document.querySelectorAll('.seg.active').forEach(s => s.classList.remove('active'));
  document.querySelectorAll('.item.selected').forEach(s => s.classList.remove('selected'));
  li.classList.add('selected');
  const segs = [...document.querySelectorAll('.seg')]
    .filter(s => s.dataset.items.split(' ').includes(li.dataset.id));
  segs.forEach(s => s.classList.add('active'));
  if (segs.length) segs[0].scrollIntoView({{block: 'center'}});
}}
document.querySelectorAll('.item').forEach(li => li.addEventListener('click', () => select(li)));
function filter() {{
  const kinds = [...document.querySelectorAll('.kind:checked')].map(c => c.value);
  const actor = document.getElementById('actor').value;
  const visible = new Set();
  document.querySelectorAll('.item').forEach(li => {{
    const ok = kinds.includes(li.dataset.kind) && (!actor || JSON.parse(li.dataset.actors).includes(actor));
    li.classList.toggle('hidden', !ok);
    if (ok) visible.add(li.dataset.id);
  }});
  document.querySelectorAll('.seg').forEach(s =>
    s.classList.toggle('off', !s.dataset.items.split(' ').some(id => visible.has(id))));
}}
document.querySelectorAll('.kind, #actor').forEach(c => c.addEventListener('change', filter));
</script></body></html>
"""
