"""Adapters: public annotated corpora → (Article, gold ArticleRecord) pairs in our schema."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from extract.inputs.load import Article
from extract.schemas import Actor, ArticleRecord, Position, Quote, Stance

DEFAULT_CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


def _gold(article: Article, kind: str, items: list[Quote] | list[Position]) -> ArticleRecord:
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
    """PolNeAR attributions as quotes: content, source (speaker), cue; direct if quoted."""
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
            words = text[content[1] : content[2]]
            quotes.append(
                Quote(
                    text=words,
                    evidence=words,
                    start=content[1],
                    end=content[2],
                    speaker=Actor(name=text[source[1] : source[2]]),
                    cue=text[cue[1] : cue[2]] if cue else None,
                    direct=bool(_QUOTE_MARKS.search(words)),
                )
            )
        yield article, _gold(article, "quotes", quotes)


def seesaw(
    root: Path = DEFAULT_CORPORA / "seesaw", split: str | None = None
) -> Iterator[tuple[Article, ArticleRecord]]:
    """SEESAW sentence-level stance triplets as positions (holder=subject, issue=object); ``split``
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
        article = Article(path.stem, str(path), text)
        ann_path = root / "annotations" / path.name
        if not ann_path.exists() or not text.strip():
            continue
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        positions: list[Position] = []
        for idx, triples in ann.get("sentence-level stances", {}).items():
            i = int(idx)
            if i >= len(sentences):
                continue
            for t in triples:
                positions.append(
                    Position(
                        holder=Actor(name=t["subject"]),
                        issue=t["object"],
                        stance=Stance.SUPPORT if t["sentiment"] == "POS" else Stance.OPPOSE,
                        evidence=sentences[i],
                        start=starts[i],
                        end=starts[i] + len(sentences[i]),
                    )
                )
        yield article, _gold(article, "positions", positions)


def _seesaw_split(root: Path, article: str) -> str | None:
    """The split of a SEESAW article, from its story's meta file (TRIPLET_nnn_DOCUMENT_k)."""
    meta = root / "meta" / (article.rsplit("_DOCUMENT", 1)[0] + ".json")
    if not meta.exists():
        return None
    split = json.loads(meta.read_text(encoding="utf-8")).get("Split")
    return str(split) if split is not None else None


# PLOVER's root categories are not the news pack's event types: its sentences are items of their
# own kind, `plover_event` (docs/plover_kind.py declares it for `extract train`).
PLOVER_KIND = "plover_event"
PLOVER_DEV_SHARE = 0.2  # the dev part: every fifth sentence, by sentence_id


def plover(
    root: Path = DEFAULT_CORPORA / "plover", split: str | None = None
) -> Iterator[tuple[Article, ArticleRecord]]:
    """PLOVER-coded sentences (``train.csv``), one article each, the whole sentence an item with
    its root ``category`` and its source and target as written; ``split`` 'train' or 'dev' keeps
    the part of ``train.csv`` it names (every fifth sentence is dev), None keeps all."""
    import csv

    with (root / "train.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    every = round(1 / PLOVER_DEV_SHARE)
    for n, row in enumerate(rows):
        part = "dev" if n % every == every - 1 else "train"
        if split is not None and part != split:
            continue
        text = row["text"]
        article = Article(f"plover-{row.get('sentence_id') or n}-{n}", f"{root / 'train.csv'}:{n + 2}", text)
        item = {"evidence": text, "start": 0, "end": len(text), "category": row["label"],
                "source": row.get("source") or None, "target": row.get("target") or None}  # fmt: skip
        yield article, ArticleRecord(
            article_id=article.id, source=article.source, text_sha256=article.sha256,
            items={PLOVER_KIND: [item]}, model="human", strategy="gold", prompt_version="corpus",
        )  # fmt: skip


CORPORA = {"polnear": polnear, "seesaw": seesaw, "plover": plover}
CORPUS_KINDS: dict[str, tuple[str, ...]] = {
    "polnear": ("quotes",), "seesaw": ("positions",), "plover": (PLOVER_KIND,),
}  # fmt: skip
