"""Reference line, never shipped: a plain TF-IDF + logistic regression classifier trained on the
PLOVER sentences' train part, scored on the dev part (the split of extract.analysis.corpora), beside
the rules, and the rules with the classifier's category where they find no event.

Nothing trained here enters the package: train.csv has no licence to ship a model from.

    python benchmarks/plover_tfidf.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.analysis.corpora import DEFAULT_CORPORA, plover
from extract.rules.news import drafts
from extract.schemas import EVENTS, EventDraft


class RulesOnly:
    decide_all = False

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str:
        return options[0]


def macro_f1(gold: list[str], pred: list[str | None]) -> float:
    scores = []
    for c in sorted(set(gold)):
        tp = sum(g == p == c for g, p in zip(gold, pred, strict=True))
        predicted, support = sum(p == c for p in pred), sum(g == c for g in gold)
        prec, rec = tp / predicted if predicted else 0.0, tp / support
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def main() -> int:
    root = DEFAULT_CORPORA / "plover"
    if not root.is_dir():
        print(f"skipped: {root} is absent", file=sys.stderr)
        return 0
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    def rows(split: str) -> tuple[list[str], list[str]]:
        pairs = list(plover(root, split))
        return [a.text for a, _ in pairs], [str(g.of("events")[0].type) for _, g in pairs]  # type: ignore[attr-defined]

    train_x, train_y = rows("train")
    dev_x, dev_y = rows("dev")
    clf = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, C=10.0),
    )
    clf.fit(train_x, train_y)
    learned = list(clf.predict(dev_x))
    from extract.inputs.load import Article

    ruled: list[str | None] = []
    for n, text in enumerate(dev_x):
        found = [d for _, d, _ in drafts(Article(str(n), str(n), text), (EVENTS,), RulesOnly())]
        ruled.append(found[0].type.value if found and isinstance(found[0], EventDraft) else None)
    both = [r if r is not None else c for r, c in zip(ruled, learned, strict=True)]
    top, count = Counter(dev_y).most_common(1)[0]
    share = count / len(dev_y)
    print(f"PLOVER dev part: {len(dev_y)} sentences (trained on {len(train_y)}); majority {top} {share:.2f}")
    for name, pred in (
        ("rules", ruled),
        ("tf-idf + logistic regression", learned),
        ("rules, else the classifier", both),
    ):
        acc = sum(p == g for p, g in zip(pred, dev_y, strict=True)) / len(dev_y)
        print(f"  {name:<30} type accuracy {acc:.2f}, macro-F1 {macro_f1(dev_y, pred):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
