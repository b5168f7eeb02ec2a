"""Fitting: a CRF span tagger per kind (python-crfsuite) over the parse's token features, and a
logistic regression per choice field (scikit-learn) over the words around each item."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract.inputs.load import Article
from extract.kinds import rules_for
from extract.learned.features import bag, bio, lines
from extract.learned.model import classifiers_file, features_of, tagger_file
from extract.learned.parts import (
    choice_fields,
    choices_of,
    context_fields,
    item_spans,
    overlapping,
    roles_of,
    value_at,
    words_of,
)
from extract.providers.none import NoModel
from extract.rules.parse import nlp
from extract.schemas import Kind
from extract.strategies.hybrid import run_rules
from extract.training.data import Example


@dataclass(frozen=True)
class FitConfig:
    """The learners' settings; kept in the model folder."""

    c1: float = 0.05  # the tagger's L1 and L2 penalties
    c2: float = 0.01
    iterations: int = 150
    # The classifiers' inverse regularisation: the best of these by cross-validation over the
    # training items (in their order, so mostly by article), each choice field on its own.
    classifier_cs: tuple[float, ...] = (0.1, 0.5, 4.0)
    classifier_folds: int = 3
    hash_features: int = 2**18
    stacked: bool = True  # a kind with rules: its tagger reads the rules' items as features


@dataclass
class Parsed:
    """One training article, parsed once for every kind: its doc and its lines."""

    example: Example
    doc: Any
    lines: list[list[Any]]


def parse(data: list[Example]) -> Iterator[Parsed]:
    texts = (article.text for article, _ in data)
    for example, doc in zip(data, nlp().pipe(texts, batch_size=16), strict=True):
        yield Parsed(example, doc, list(lines(doc)))


def rules_items(kind: Kind, article: Article) -> list[BaseModel] | None:
    """The rules' items of ``kind`` in ``article`` (what a stacked tagger reads), None for a kind
    no rules know."""
    if rules_for(kind) is None:
        return None
    found, _ = run_rules(article, (kind,), NoModel())
    return found.items.get(kind.name, [])


def labels(kind: Kind, parsed: Parsed) -> list[list[str]]:
    """BIO labels per token of each line: the role of the gold span it falls in."""
    article, record = parsed.example
    return bio(parsed.lines, item_spans(kind, record.of(kind.name), article.text))


def fit_kind(kind: Kind, parsed: list[Parsed], folder: Path, config: FitConfig) -> dict[str, Any]:
    """Train one kind's tagger and classifiers into ``folder``; what was learned, for model.json."""
    import joblib
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.iterations,
                        "feature.possible_transitions": True})  # fmt: skip
    stacked = config.stacked and rules_for(kind) is not None
    ruled = [rules_items(kind, p.example[0]) if stacked else None for p in parsed]
    for p, rule_items in zip(parsed, ruled, strict=True):
        feats = features_of(kind, p.lines, p.example[0].text, rule_items)
        for line_feats, row in zip(feats, labels(kind, p), strict=True):
            trainer.append(line_feats, row)
    trainer.train(str(folder / tagger_file(kind.name)))
    classifiers: dict[str, Any] = {}
    seen: dict[str, dict[str, int]] = {}
    for name in choice_fields(kind):
        bags, ys = [], []
        for p, rule_items in zip(parsed, ruled, strict=True):
            for item in p.example[1].of(kind.name):
                value = value_at(item, (name,))
                if value is None:
                    continue
                context = {f: w for f in context_fields(kind) if (w := words_of(value_at(item, (f,))))}
                rules = (
                    choices_of(kind, overlapping(rule_items or [], item.start, item.end)) if stacked else None
                )
                bags.append(bag(p.doc, item.start, item.end, context, rules))
                ys.append(json.dumps(getattr(value, "value", value)))
        seen[name] = {y: ys.count(y) for y in sorted(set(ys))}
        classifiers[name] = _classifier(bags, ys, config)
    joblib.dump(classifiers, folder / classifiers_file(kind.name))
    items = sum(len(p.example[1].of(kind.name)) for p in parsed)
    return {"roles": [r.name for r in roles_of(kind)], "items": items, "choices": seen, "stacked": stacked}


def _classifier(bags: list[list[str]], ys: list[str], config: FitConfig) -> Any:
    """A hashed bag-of-words logistic regression, its regularisation chosen by cross-validation
    where each fold can hold every common value, or the one value the data shows."""
    if len(set(ys)) < 2:
        return ("constant", json.loads(ys[0])) if ys else ("constant", None)
    import warnings

    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.pipeline import make_pipeline

    folds = config.classifier_folds
    learner: Any = (
        LogisticRegressionCV(Cs=list(config.classifier_cs), cv=folds, scoring="accuracy", max_iter=2000)
        if len(config.classifier_cs) > 1 and max(Counter(ys).values()) >= folds
        else LogisticRegression(C=config.classifier_cs[-1], max_iter=2000)
    )
    pipeline = make_pipeline(FeatureHasher(config.hash_features, input_type="string"), learner)
    with warnings.catch_warnings():  # a rare value with fewer items than folds; defaults to change
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", FutureWarning)
        return pipeline.fit(bags, ys)
