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

from extract.grounding.ground import span_of
from extract.inputs.load import Article
from extract.kinds import rules_for
from extract.learned.bounds import Span, View, labelled
from extract.learned.features import bag, bio, lines
from extract.learned.model import (
    KindModel,
    bounds_file,
    classifiers_file,
    features_of,
    tagged_spans,
    tagger_file,
)
from extract.learned.parts import (
    choice_fields,
    choices_of,
    context_fields,
    item_spans,
    overlapping,
    overlapping_span,
    roles_of,
    shared,
    spans_at,
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
    bounds: bool = True  # learn the anchor's boundary chooser (extract/learned/bounds.py)
    bounds_folds: int = 2  # its training seeds come from taggers cross-fitted on this many folds
    bounds_c: float = 5.0  # of 0.2 / 1 / 5 on 100 held-out PolNeAR train articles (trained on 300)
    bounds_min: int = 20  # gold edges among the candidates needed to learn it


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


def rules_items(kind: Kind, article: Article, doc: Any | None = None) -> list[BaseModel] | None:
    """The rules' items of ``kind`` in ``article`` (what a stacked tagger reads; over ``doc``, the
    article's parse, where the caller has one), None for a kind no rules know."""
    if rules_for(kind) is None:
        return None
    found, _ = run_rules(article, (kind,), NoModel(), doc=doc)
    return found.items.get(kind.name, [])


def labels(kind: Kind, parsed: Parsed) -> list[list[str]]:
    """BIO labels per token of each line: the role of the gold span it falls in."""
    article, record = parsed.example
    return bio(parsed.lines, item_spans(kind, record.of(kind.name), article.text))


def fit_kind(kind: Kind, parsed: list[Parsed], folder: Path, config: FitConfig) -> dict[str, Any]:
    """Train one kind's tagger and classifiers into ``folder``; what was learned, for model.json."""
    import joblib

    stacked = config.stacked and rules_for(kind) is not None
    ruled = [rules_items(kind, p.example[0], p.doc) if stacked else None for p in parsed]
    _fit_tagger(kind, parsed, ruled, folder / tagger_file(kind.name), config)
    bounds = fit_bounds(kind, parsed, ruled, folder, config) if config.bounds else False
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
    return {"roles": [r.name for r in roles_of(kind)], "items": items, "choices": seen, "stacked": stacked,
            "bounds": bounds}  # fmt: skip


def _fit_tagger(
    kind: Kind, parsed: list[Parsed], ruled: list[list[BaseModel] | None], path: Path, config: FitConfig
) -> None:
    """A CRF tagger of ``kind``'s role spans over ``parsed``, written to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.iterations,
                        "feature.possible_transitions": True})  # fmt: skip
    for p, rule_items in zip(parsed, ruled, strict=True):
        feats = features_of(kind, p.lines, p.example[0].text, rule_items)
        for line_feats, row in zip(feats, labels(kind, p), strict=True):
            trainer.append(line_feats, row)
    trainer.train(str(path))


def seeds(
    kind: Kind, parsed: list[Parsed], ruled: list[list[BaseModel] | None], folder: Path, config: FitConfig
) -> Iterator[tuple[Parsed, list[tuple[Span, list[Span]]]]]:
    """Each training article's anchor spans as a run would find them, with the other finders'
    spans for the same item: the tagger's (cross-fitted, each fold tagged by a tagger that did not
    see it, so its boundaries are as wrong as on new text) beside the rules' at the same place,
    and the rules' items no tagged span overlaps."""
    import pycrfsuite

    folds = max(2, config.bounds_folds)
    for k in range(folds):
        held = [i for i in range(len(parsed)) if i % folds == k]
        rest = [i for i in range(len(parsed)) if i % folds != k]
        if not held or not rest:
            continue
        path = folder / f".fold{k}.crfsuite"
        _fit_tagger(kind, [parsed[i] for i in rest], [ruled[i] for i in rest], path, config)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        model = KindModel(kind.name, roles_of(kind), tagger, {}, ruled[0] is not None)
        for i in held:
            p, rule_items = parsed[i], ruled[i] or []
            found: list[tuple[Span, list[Span]]] = []
            for spans in tagged_spans(model, kind, p.doc, rule_items):
                at = spans[kind.anchor]
                found.append((at, spans_at(rule_items, at)))
            for item in rule_items:
                span = span_of(item)
                if not any(shared(s, span) > 0 for s, _ in found):
                    found.append((span, []))
            yield p, found
        tagger.close()
        path.unlink()


def fit_bounds(
    kind: Kind, parsed: list[Parsed], ruled: list[list[BaseModel] | None], folder: Path, config: FitConfig
) -> bool:
    """The boundary chooser of ``kind``'s anchor, learned from how the seeds' candidate edges
    stand to the gold item each seed overlaps most; False (none written) with too few items."""
    import joblib

    rows: list[tuple[list[str], int]] = []
    for p, found in seeds(kind, parsed, ruled, folder, config):
        view = View(p.doc)
        golds = [(int(g.start), int(g.end)) for g in p.example[1].of(kind.name)]
        for seed, others in found:
            gold = overlapping_span(golds, seed)
            if gold is not None:  # a seed no gold item overlaps has no boundary to learn
                rows += labelled(view, seed, others, gold)
    chooser = fit_chooser(rows, config)
    if chooser is None:
        return False
    joblib.dump(chooser, folder / bounds_file(kind.name))
    return True


def fit_chooser(rows: list[tuple[list[str], int]], config: FitConfig) -> Any | None:
    """A logistic regression over candidate edges' features (extract/learned/bounds.py), None
    with too few gold edges among the candidates to learn from."""
    from sklearn.linear_model import LogisticRegression

    from extract.learned.hashed import hashed

    ys = [y for _, y in rows]
    if sum(ys) < config.bounds_min or sum(ys) == len(ys):
        return None
    clf = hashed(config.hash_features, LogisticRegression(C=config.bounds_c, max_iter=1000))
    return clf.fit([f for f, _ in rows], ys)


def _classifier(bags: list[list[str]], ys: list[str], config: FitConfig) -> Any:
    """A hashed bag-of-words logistic regression, its regularisation chosen by cross-validation
    where each fold can hold every common value, or the one value the data shows."""
    if len(set(ys)) < 2:
        return ("constant", json.loads(ys[0])) if ys else ("constant", None)
    import warnings

    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV

    from extract.learned.hashed import hashed

    folds = config.classifier_folds
    learner: Any = (
        LogisticRegressionCV(Cs=list(config.classifier_cs), cv=folds, scoring="accuracy", max_iter=2000)
        if len(config.classifier_cs) > 1 and max(Counter(ys).values()) >= folds
        else LogisticRegression(C=config.classifier_cs[-1], max_iter=2000)
    )
    pipeline = hashed(config.hash_features, learner)
    with warnings.catch_warnings():  # a rare value with fewer items than folds; defaults to change
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", FutureWarning)
        return pipeline.fit(bags, ys)
