"""Adapters: public annotated corpora → (Article, gold ArticleRecord) pairs in our schema."""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from extract.inputs.load import Article
from extract.schemas import Actor, ArticleRecord, Event, EventType, Position, Quote, Stance, Target
from extract.schemas.kinds import FieldSpan
from extract.schemas.news import TargetKind

DEFAULT_CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
# SEESAW's subject 'None': the article's own stance, held by no actor in it.
AUTHOR = "(the article)"
# SEESAW's name for an entity its annotators left out of the article's entity list.
UNLISTED_NAME = "Not in the list"
_SEESAW_KIND: dict[str, TargetKind] = {"People": "person", "Organization": "organization", "GPE": "country"}
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


def _gold(article: Article, kind: str, items: list[Quote] | list[Position] | list[Event]) -> ArticleRecord:
    return ArticleRecord(
        article_id=article.id,
        source=article.source,
        text_sha256=article.sha256,
        items={kind: items},
        model="human",
        strategy="gold",
        prompt_version="corpus",
    )


def _brat_spans(field: str) -> tuple[int, int]:
    """'10 20;25 30' (possibly discontinuous) → the covering [start, end)."""
    pairs = [tuple(map(int, part.split())) for part in field.split(";")]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def polnear(
    root: Path = DEFAULT_CORPORA / "polnear", split: str = "dev"
) -> Iterator[tuple[Article, ArticleRecord]]:
    """PolNeAR attributions as quotes: content, source and cue, each at its own offsets (a
    discontinuous span as its covering one); the speaker is the source as written (PolNeAR names
    no antecedents); direct if quoted."""
    base = root / split
    for txt in sorted((base / "text").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        article = Article(txt.stem, str(txt), text)
        spans: dict[str, tuple[str, int, int]] = {}
        relations: list[dict[str, str]] = []
        # Annotation files carry a suffix after the article's name: NAME_ab12.ann.
        anns = sorted((base / "attributions").glob(txt.stem + "*.ann"))
        for line in anns[0].read_text(encoding="utf-8").splitlines() if anns else []:
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, _, offsets = parts[1].partition(" ")
                start, end = _brat_spans(offsets)
                spans[parts[0]] = (label, start, end)
            elif line.startswith("E") and len(parts) >= 2:
                relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
        quotes: list[Quote] = []
        for rel in relations:
            content, source = spans.get(rel.get("Content", "")), spans.get(rel.get("Source", ""))
            if content is None or source is None:
                continue
            cue = spans.get(rel.get("Cue", ""))
            cue = cue if cue is not None and cue[2] > cue[1] else None  # a few Cue spans are empty
            words, said = text[content[1] : content[2]], text[source[1] : source[2]]
            located = {"source": FieldSpan(start=source[1], end=source[2])}
            if cue:
                located["cue"] = FieldSpan(start=cue[1], end=cue[2])
            quotes.append(
                Quote(
                    text=words,
                    evidence=words,
                    start=content[1],
                    end=content[2],
                    source=said,
                    speaker=Actor(name=said),
                    cue=text[cue[1] : cue[2]] if cue else None,
                    direct=bool(_QUOTE_MARKS.search(words)),
                    spans=located,
                )
            )
        yield article, _gold(article, "quotes", quotes)


def seesaw(
    root: Path = DEFAULT_CORPORA / "seesaw", split: str | None = None
) -> Iterator[tuple[Article, ArticleRecord]]:
    """SEESAW sentence-level stance triplets as positions (holder=subject, target=object, its
    kind from the article's entity list); ``split``
    ('train' or 'valid', from each story's meta file) keeps one split, None keeps both."""
    for path in sorted((root / "articles").glob("*.json")):
        if split is not None and _seesaw_split(root, path.stem) != split:
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        sentences = [s["text"] for s in doc.get("text", [])]
        starts, pos = [], 0
        for s in sentences:
            starts.append(pos)
            pos += len(s) + 1
        text = "\n".join(sentences)
        article = Article(path.stem, str(path), text, meta=_seesaw_meta(root, path.stem))
        ann_path = root / "annotations" / path.name
        if not ann_path.exists() or not text.strip():
            continue
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        kinds: dict[str, TargetKind] = {
            e[0]: _SEESAW_KIND.get(e[1][0], "issue") for e in ann.get("entity lists", []) if e[1]
        }
        positions: list[Position] = []
        for idx, triples in ann.get("sentence-level stances", {}).items():
            i = int(idx)
            if i >= len(sentences):
                continue
            for t in triples:
                holder = AUTHOR if t["subject"] == "None" else t["subject"]
                positions.append(
                    Position(
                        holder=Actor(name=holder, kind=_holder_kind(kinds.get(holder))),
                        target=Target(name=t["object"], kind=kinds.get(t["object"], "issue")),
                        stance=Stance.SUPPORT if t["sentiment"] == "POS" else Stance.OPPOSE,
                        evidence=sentences[i],
                        start=starts[i],
                        end=starts[i] + len(sentences[i]),
                    )
                )
        yield article, _gold(article, "positions", positions)


def _holder_kind(kind: str | None) -> Literal["person", "organization", "country", "other"]:
    return kind if kind in ("person", "organization", "country") else "other"  # type: ignore[return-value]


def _seesaw_meta(root: Path, article: str) -> dict[str, str]:
    """The article's outlet, url and story date, from its story's meta file: what merge groups by."""
    story, _, k = article.rpartition("_DOCUMENT_")
    meta = root / "meta" / f"{story}.json"
    if not meta.exists():
        return {}
    data = json.loads(meta.read_text(encoding="utf-8"))
    own = data.get(f"Meta info for article {k}", {})
    found = {"outlet": own.get("source"), "url": own.get("url"), "date": data.get("story_time")}
    return {key: str(value) for key, value in found.items() if value}


def _seesaw_split(root: Path, article: str) -> str | None:
    """The split of a SEESAW article, from its story's meta file (TRIPLET_nnn_DOCUMENT_k)."""
    meta = root / "meta" / (article.rsplit("_DOCUMENT", 1)[0] + ".json")
    if not meta.exists():
        return None
    split = json.loads(meta.read_text(encoding="utf-8")).get("Split")
    return str(split) if split is not None else None


# The PLOVER sentences' dev part: held out of train.csv once, with a fixed seed, so that every
# benchmark and eval scores the same sentences and rules are written against the rest.
PLOVER_DEV_SIZE = 250
# What the coders wrote where an event has no such actor: PLOVER's field names, not a name
# (20 of train.csv's targets are 'recipient': 'agreed to resign', 'lifted the state of emergency').
_UNCODED = {"", "actor", "recipient", "source", "target"}
PLOVER_SEED = 0


def plover_split(rows: list[dict[str, str]], split: str) -> list[dict[str, str]]:
    """The ``split`` ('dev', 'train' or 'all') of the PLOVER sentences ``rows`` (in file order)."""
    if split == "all":
        return rows
    dev = set(random.Random(PLOVER_SEED).sample(range(len(rows)), min(PLOVER_DEV_SIZE, len(rows))))
    if split not in ("dev", "train"):
        raise ValueError(f"unknown PLOVER split {split!r}: dev, train or all")
    return [r for i, r in enumerate(rows) if (i in dev) == (split == "dev")]


def plover(
    root: Path = DEFAULT_CORPORA / "plover", split: str = "dev", file: str = "train.csv"
) -> Iterator[tuple[Article, ArticleRecord]]:
    """PLOVER-coded sentences (CSV: text, label, source, target), one article each, whose one gold
    event is the whole sentence with its category, source and target; ``split`` as
    :func:`plover_split`."""
    path = root / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for n, row in enumerate(plover_split(rows, split)):
        text = row["text"]
        article = Article(
            f"plover-{row.get('sentence_id') or n}", f"{path}#{row.get('sentence_id', n)}", text
        )
        names = {
            role: [Actor(name=name)] if (name := row.get(role, "").strip()).lower() not in _UNCODED else []
            for role in ("source", "target")
        }
        event = Event(
            type=EventType(row["label"].strip().upper()),
            source=names["source"],
            target=names["target"],
            evidence=text,
            start=0,
            end=len(text),
        )
        yield article, _gold(article, "events", [event])


CORPORA = {"polnear": polnear, "seesaw": seesaw, "plover": plover}
CORPUS_KINDS: dict[str, tuple[str, ...]] = {
    "polnear": ("quotes",),
    "seesaw": ("positions",),
    "plover": ("events",),
}
