"""What the rules' PLOVER source and target miss, by class (the rules path only).

Usage: python benchmarks/plover_roles.py [--split train|dev] [--limit 800] [--role target]
       [--examples 3] [--category ASSAULT]

Runs ``--strategy rules`` over the PLOVER sentences of ``--split`` and sorts each gold event's
``--role`` actor by what the prediction made of it, as the agreement in
``extract/analysis/plover.py`` scores it (names by words): agreed; agreed as a dyad of a
reciprocal prediction (several actors, no recipient); no event predicted; an event
with no such actor; the actor of the other role (source for target); a partial name (words shared,
neither name within the other); a wrong phrase (no word shared); and, not scored, an actor where
the gold codes none, or none on either side. Counts per class and per gold category, with
examples. Develop on train; dev is the fair check. Skips when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import Extractor
from extract.analysis.corpora import DEFAULT_CORPORA, plover
from extract.analysis.names import name_tokens, same_actor
from extract.analysis.plover import paired, role_agrees
from extract.schemas import ArticleRecord, Event

CLASSES = (
    "agree",
    "reciprocal",
    "no event",
    "no actor",
    "other role",
    "partial",
    "wrong phrase",
    "not in gold",
)


def classify(pred: Event | None, gold: Event, role: str) -> str:
    """The class of ``pred``'s ``role`` actors against ``gold``'s (see the module's docstring)."""
    other = "source" if role == "target" else "target"
    wanted = [a.name for a in getattr(gold, role)]
    said = [a.name for a in getattr(pred, role)] if pred is not None else []
    if not wanted:  # the agreement scores gold actors only
        return "not in gold" if said else "none either"
    if pred is None:
        return "no event"
    agreed, reciprocal = role_agrees(pred, gold, role)
    if agreed:
        return "reciprocal" if reciprocal else "agree"
    if not said:
        return "no actor"
    if any(same_actor(p, g) for p in said for g in [a.name for a in getattr(gold, other)]):
        return "other role"
    shared = any(name_tokens(p) & name_tokens(g) for p in said for g in wanted)
    return "partial" if shared else "wrong phrase"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train", help="train (development) or dev (the fair check)")
    ap.add_argument("--limit", type=int, default=800)
    ap.add_argument("--role", default="target", choices=("source", "target"))
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--category", help="examples of this gold category only")
    args = ap.parse_args()
    root = DEFAULT_CORPORA / "plover"
    if not root.is_dir():
        print(f"skipped: {root} is absent")
        return
    pairs = list(islice(plover(root, args.split), args.limit))
    with tempfile.TemporaryDirectory() as cache, Extractor(strategy="rules", cache_dir=cache) as ex:
        preds = {r.text_sha256: r for r in ex.batch(a for a, _ in pairs) if isinstance(r, ArticleRecord)}
    counts: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for article, gold in pairs:
        record = preds.get(article.sha256)
        found = record.of(Event) if record is not None else []
        g = gold.of(Event)[0]
        # the event the scorer pairs with the gold's, as quality.py's agreement does
        p = next((a for a, b in paired(found, [g]) if b is g), None)
        cls = classify(p, g, args.role)
        counts[cls] += 1
        by_category[g.type.value][cls] += 1
        if cls != "agree" and len(examples[cls]) < args.examples and args.category in (None, g.type.value):
            said = [a.name for a in getattr(p, args.role)] if p is not None else None
            wanted = [a.name for a in getattr(g, args.role)]
            typed = p.type.value if p is not None else "-"
            examples[cls].append(
                f"  {g.type.value}/{typed} gold {wanted} pred {said} :: {article.text[:160]!r}"
            )
    checked = sum(n for c, n in counts.items() if c not in ("not in gold", "none either"))
    agreed = counts["agree"] + counts["reciprocal"]
    share = agreed / max(1, checked)
    print(f"{args.role} on PLOVER {args.split}, first {len(pairs)} sentences (rules), agreement {share:.3f}:")
    for cls in CLASSES:
        print(f"  {cls:<14}{counts[cls]:5d}  {counts[cls] / max(1, checked):.2f}")
    print(f"\n{'category':<11}" + "".join(f"{c[:10]:>11}" for c in CLASSES))
    for cat, row in sorted(by_category.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{cat:<11}" + "".join(f"{row[c]:11d}" for c in CLASSES))
    for cls in CLASSES[1:]:
        if examples[cls]:
            print(f"\n{cls}:", *examples[cls], sep="\n")


if __name__ == "__main__":
    main()
