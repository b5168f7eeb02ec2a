"""Fitting: a CRF span tagger per kind (python-crfsuite) over the parse's token features, and a
logistic regression per choice field (scikit-learn) over the words around each item."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.learned.features import bag, lines, token_features
from extract.learned.model import classifiers_file, tagger_file
from extract.learned.parts import choice_fields, context_fields, roles_of, value_at, words_of
from extract.rules.parse import nlp
from extract.schemas import Kind
from extract.training.data import Example, role_spans


@dataclass(frozen=True)
class FitConfig:
    """The learners' settings; kept in the model folder."""

    c1: float = 0.05  # the tagger's L1 and L2 penalties
    c2: float = 0.01
    iterations: int = 150
    classifier_c: float = 4.0  # the classifiers' inverse regularisation
    hash_features: int = 2**18


@dataclass
class Parsed:
    """One training article, parsed once for every kind: its doc and each line's features."""

    example: Example
    doc: Any
    lines: list[list[Any]]
    features: list[list[dict[str, str]]]


def parse(data: list[Example]) -> Iterator[Parsed]:
    texts = (article.text for article, _ in data)
    for example, doc in zip(data, nlp().pipe(texts, batch_size=16), strict=True):
        cut = list(lines(doc))
        yield Parsed(example, doc, cut, [token_features(line) for line in cut])


def labels(kind: Kind, parsed: Parsed) -> list[list[str]]:
    """BIO labels per token of each line: the role of the gold span it falls in (the first span
    to claim a token keeps it)."""
    article, record = parsed.example
    found = [role_spans(kind, item, article.text) for item in record.of(kind.name)]
    spans = sorted(((s, e, role) for f in found for role, (s, e) in f.items()), key=lambda t: (t[0], -t[1]))
    out: list[list[str]] = []
    for line in parsed.lines:
        row = ["O"] * len(line)
        for s, e, role in spans:
            inside = [i for i, t in enumerate(line) if t.idx < e and t.idx + len(t) > s and row[i] == "O"]
            for n, i in enumerate(inside):
                row[i] = f"{'B' if n == 0 else 'I'}-{role}"
        out.append(row)
    return out


def fit_kind(kind: Kind, parsed: list[Parsed], folder: Path, config: FitConfig) -> dict[str, Any]:
    """Train one kind's tagger and classifiers into ``folder``; what was learned, for model.json."""
    import joblib
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.iterations,
                        "feature.possible_transitions": True})  # fmt: skip
    for p in parsed:
        for feats, row in zip(p.features, labels(kind, p), strict=True):
            trainer.append(feats, row)
    trainer.train(str(folder / tagger_file(kind.name)))
    classifiers: dict[str, Any] = {}
    seen: dict[str, dict[str, int]] = {}
    for name in choice_fields(kind):
        bags, ys = [], []
        for p in parsed:
            for item in p.example[1].of(kind.name):
                value = value_at(item, (name,))
                if value is None:
                    continue
                context = {f: w for f in context_fields(kind) if (w := words_of(value_at(item, (f,))))}
                bags.append(bag(p.doc, item.start, item.end, context))
                ys.append(json.dumps(getattr(value, "value", value)))
        seen[name] = {y: ys.count(y) for y in sorted(set(ys))}
        classifiers[name] = _classifier(bags, ys, config)
    joblib.dump(classifiers, folder / classifiers_file(kind.name))
    items = sum(len(p.example[1].of(kind.name)) for p in parsed)
    return {"roles": [r.name for r in roles_of(kind)], "items": items, "choices": seen}


def _classifier(bags: list[list[str]], ys: list[str], config: FitConfig) -> Any:
    """A hashed bag-of-words logistic regression, or the one value the data shows."""
    if len(set(ys)) < 2:
        return ("constant", json.loads(ys[0])) if ys else ("constant", None)
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(
        FeatureHasher(config.hash_features, input_type="string"),
        LogisticRegression(C=config.classifier_c, max_iter=2000),
    )
    return pipeline.fit(bags, ys)
