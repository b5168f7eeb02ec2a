"""A trained model folder, loaded: per kind a CRF span tagger (python-crfsuite) over the parse
and a scikit-learn classifier per choice field. ``extract train`` writes it (extract/training)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract.errors import ExtractError
from extract.learned.features import bag, bio, doc_features, lines
from extract.learned.parts import Role, item_spans, roles_of
from extract.schemas import Kind

# 2: the tagger sees the paragraph's place, the quotation left open and (stacked) the rules' labels.
MODEL_FORMAT = 2
META_FILE = "model.json"
Span = tuple[int, int]  # characters [start, end)


@dataclass
class KindModel:
    """What was learned for one kind: its span roles, tagger and choice classifiers."""

    kind: str
    roles: tuple[Role, ...]
    tagger: Any  # pycrfsuite.Tagger
    classifiers: dict[str, Any] = field(default_factory=dict)  # a Pipeline, or ("constant", value)
    stacked: bool = False  # the tagger reads the rules' items of the kind as features
    bounds: Any = None  # the anchor's boundary chooser (extract/learned/bounds.py), if learned


def tagger_file(kind: str) -> str:
    return f"{kind}.crfsuite"


def classifiers_file(kind: str) -> str:
    return f"{kind}.classifiers.joblib"


def bounds_file(kind: str) -> str:
    return f"{kind}.bounds.joblib"


class TrainedModel:
    """A model folder: ``model.json`` (what, on what, how well) and each kind's learned parts."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        meta_path = self.folder / META_FILE
        if not meta_path.is_file():
            raise ExtractError(f"--trained {folder}: not a trained model folder (no {META_FILE})")
        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            raise ExtractError(f"--trained {folder}: {META_FILE} is not JSON") from None
        if self.meta.get("format") != MODEL_FORMAT:
            raise ExtractError(
                f"--trained {folder}: model format {self.meta.get('format')}; this toolkit reads "
                f"{MODEL_FORMAT}: train it again"
            )
        self._kinds: dict[str, KindModel] = {}

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or self.folder.name)

    @property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(self.meta.get("kinds", {}))

    @cached_property
    def identity(self) -> str:
        """A hash of every file of the folder: a retrained model misses the record cache."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.folder.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()[:16]

    def of(self, kind: Kind) -> KindModel | None:
        """The learned parts of ``kind`` (loaded on first use), None if it was not trained."""
        if kind.name not in self.meta.get("kinds", {}):
            return None
        if kind.name not in self._kinds:
            import joblib
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.folder / tagger_file(kind.name)))
            classifiers = joblib.load(self.folder / classifiers_file(kind.name))
            learned = self.meta["kinds"][kind.name]
            bounds = joblib.load(self.folder / bounds_file(kind.name)) if learned.get("bounds") else None
            self._kinds[kind.name] = KindModel(kind.name, roles_of(kind), tagger, classifiers,
                                               bool(learned.get("stacked")), bounds)  # fmt: skip
        return self._kinds[kind.name]


def features_of(
    kind: Kind, cut: list[list[Any]], text: str, rule_items: list[BaseModel] | None
) -> list[list[dict[str, str]]]:
    """The tagger's features for the lines ``cut`` of ``text``, with the rules' items of ``kind``
    as labels where the tagger is stacked on them (``rule_items`` not None)."""
    marks = bio(cut, item_spans(kind, rule_items, text)) if rule_items is not None else None
    return doc_features(cut, marks)


def tagged_spans(
    model: KindModel, kind: Kind, doc: Any, rule_items: list[BaseModel] | None = None
) -> list[dict[str, Span]]:
    """The items the tagger finds in ``doc``: each anchor span with the nearest span of every
    other role in its line (Citron's link: a content's cue, then the cue's source). A stacked
    tagger reads ``rule_items``, the rules' items of the kind in the same text."""
    anchor = model.roles[0].name
    out: list[dict[str, Span]] = []
    cut = list(lines(doc))
    stacked = (rule_items or []) if model.stacked else None
    for line, feats in zip(cut, features_of(kind, cut, doc.text, stacked), strict=True):
        labels = model.tagger.tag(feats)
        found = runs(labels)
        for a_start, a_end in found.get(anchor, []):
            item = {anchor: (line[a_start].idx, line[a_end - 1].idx + len(line[a_end - 1]))}
            at = (a_start, a_end)
            for role in model.roles[1:]:
                near = _nearest_run(found.get(role.name, []), at)
                if near is not None:
                    item[role.name] = (line[near[0]].idx, line[near[1] - 1].idx + len(line[near[1] - 1]))
                    if role.name == "cue":
                        at = near  # the source is linked to the cue, where there is one
            out.append(item)
    return out


def runs(labels: list[str]) -> dict[str, list[tuple[int, int]]]:
    """BIO labels → each role's token runs [start, end): a run starts at B-, or at an I- after
    another label."""
    out: dict[str, list[tuple[int, int]]] = {}
    current: tuple[str, int] | None = None
    for i, label in enumerate([*labels, "O"]):
        tag, _, role = label.partition("-")
        continues = current is not None and tag == "I" and role == current[0]
        if current is not None and not continues:
            out.setdefault(current[0], []).append((current[1], i))
            current = None
        if tag in ("B", "I") and current is None:
            current = (role, i)
    return out


def _nearest_run(candidates: list[tuple[int, int]], at: tuple[int, int]) -> tuple[int, int] | None:
    def gap(run: tuple[int, int]) -> int:
        return max(at[0] - run[1], run[0] - at[1], 0)

    return min(candidates, key=gap, default=None)


def choose(
    model: KindModel, doc: Any, span: Span, context: dict[str, str], rules: dict[str, str] | None = None
) -> dict[str, Any]:
    """Each choice field's value for the item at ``span``, from its classifier; a stacked model
    also reads ``rules``, the rules' choices for the item at the same place."""
    words = bag(doc, span[0], span[1], context, (rules or {}) if model.stacked else None)
    out: dict[str, Any] = {}
    for name, clf in model.classifiers.items():
        if isinstance(clf, tuple):
            out[name] = clf[1]
        else:
            out[name] = json.loads(clf.predict([words])[0])
    return out
