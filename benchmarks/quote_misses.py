"""What the rules' quotes miss on PolNeAR, by class (the rules path only).

Usage: python benchmarks/quote_misses.py [--split train|dev] [--limit 200] [--skip 0] [--examples 2]

Runs ``--strategy rules`` over PolNeAR articles and prints the scores (lenient P/R/F1 with the
speaker accuracy; each part's F1, P and R exact, by overlap and by Jaccard >= 0.5, as ``extract
eval`` and ``benchmarks/quality.py`` compute them). Then it pairs each gold attribution with the
prediction whose content overlaps it most (one to one, spans trimmed as ``extract eval`` trims
them), and prints, by the gold cue's words (lowercased): the gold attributions no prediction
overlaps (recall lost to no rule firing), the pairs whose cue or source differs, and the
predictions that overlap no gold one (precision lost), with counts and a few examples.
Develop on train; dev is the fair check. Skips when ../shared/corpora is absent.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from content_spans import rules_over_polnear

from extract.analysis.evaluate import score
from extract.analysis.spans import CONTENT, CRITERIA, Bounds, greedy, part_scores, parts, shared
from extract.schemas import Quote


def _said(text: str, at: Bounds | None) -> str:
    return " ".join(text[at[0] : at[1]].lower().split()) if at else "(none)"


def main() -> None:
    started = rules_over_polnear(25, "classes printed per table")
    if started is None:
        return
    args, _root, pairs, preds = started

    tables: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)

    def note(table: str, key: str, example: str) -> None:
        tables[table][key] += 1
        if len(examples[table, key]) < args.examples:
            examples[table, key].append(example)

    for article, gold in pairs:
        text = article.text
        record = preds.get(article.sha256)
        ps = [parts(q) for q in (record.of(Quote) if record is not None else [])]
        gs = [parts(q) for q in gold.of(Quote)]
        weights = [
            (shared(p[CONTENT], g[CONTENT]), i, j)
            for i, p in enumerate(ps)
            for j, g in enumerate(gs)
            if shared(p[CONTENT], g[CONTENT]) > 0
        ]
        used_p: dict[int, int] = {}
        used_g: set[int] = set()
        for _, i, j in sorted(weights, reverse=True):
            if i not in used_p and j not in used_g:
                used_p[i] = j
                used_g.add(j)
        assert len(used_p) == greedy(weights)
        for j, g in enumerate(gs):
            cue = _said(text, g.get("cue"))
            if j not in used_g:
                s, e = g[CONTENT]
                note("missed", cue, f"[{_said(text, g.get('source'))}] {cue} :: {text[s:e][:100]!r}")
        for i, j in used_p.items():
            p, g = ps[i], gs[j]
            for part in ("cue", "source"):
                if p.get(part) != g.get(part):
                    key = f"gold {_said(text, g.get(part))!r} / pred {_said(text, p.get(part))!r}"
                    kind = "same" if p.get(part) and g.get(part) and shared(p[part], g[part]) else "apart"
                    s, e = g[CONTENT]
                    note(f"{part} differs ({kind})", key, f"{text[s:e][:90]!r}")
        for i, p in enumerate(ps):
            if i not in used_p:
                s, e = p[CONTENT]
                cue = _said(text, p.get("cue"))
                note("unmatched prediction", cue, f"[{_said(text, p.get('source'))}] {text[s:e][:100]!r}")

    gold_n = sum(len(g.of(Quote)) for _, g in pairs)
    print(f"PolNeAR {args.split}, articles {args.skip}..{args.skip + len(pairs)}, rules: {gold_n} gold")
    lenient = score(preds.values(), [g for _, g in pairs], only=("quotes",)).kinds["quotes"]
    print(f"lenient {lenient.lenient.as_dict()}  speaker accuracy {lenient.attribute_accuracy:.3f}")
    by_part = part_scores(preds.values(), [g for _, g in pairs], ("quotes",))["quotes"]
    for part, by in by_part.parts.items():
        cells = (f"  {c} {by[c].f1:.3f} (P {by[c].precision:.3f} R {by[c].recall:.3f})" for c in CRITERIA)
        print(f"  {part:<8}" + "".join(cells))
    for table, counts in tables.items():
        print(f"\n{table}: {sum(counts.values())}")
        for key, n in counts.most_common(args.top):
            print(f"  {n:5d}  {key}")
            for example in examples[table, key]:
                print(f"           {example}")


if __name__ == "__main__":
    main()
