"""Training data: (article, record) pairs from gold or silver records, review files or a corpus
adapter; the held-out part; the data's hash."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extract.analysis.corpora import CORPORA, DEFAULT_CORPORA
from extract.errors import ExtractError
from extract.inputs.load import Article, load_articles
from extract.schemas import NEWS_KINDS, ArticleRecord, Kind

Example = tuple[Article, ArticleRecord]
DEV_SEED = 13


def read_data(
    paths: Iterable[Path],
    corpus: str | None = None,
    corpora: Path = DEFAULT_CORPORA,
    split: str = "train",
    kinds: Iterable[Kind] = NEWS_KINDS,
) -> list[Example]:
    """Pairs from record files (JSON, JSONL, review files with the text inline, folders of them)
    and a corpus adapter's ``split``."""  # fmt: skip
    out: list[Example] = []
    if corpus is not None:
        if corpus not in CORPORA:
            raise ExtractError(f"--corpus {corpus!r}: choose from {', '.join(CORPORA)}")
        root = corpora / corpus
        if not root.is_dir():
            raise ExtractError(f"--corpus {corpus}: no corpus folder {root}")
        out += list(CORPORA[corpus](root, split=split))
    for path in paths:
        files = (
            sorted(p for p in path.rglob("*") if p.suffix in (".json", ".jsonl")) if path.is_dir() else [path]
        )
        for file in files:
            out += _pairs_in(file, tuple(kinds))
    return out


def _pairs_in(file: Path, kinds: tuple[Kind, ...]) -> list[Example]:
    if not file.is_file():
        raise ExtractError(f"{file}: no such file")
    raw = file.read_text(encoding="utf-8")
    rows: list[Any]
    try:
        rows = [json.loads(line) for line in raw.splitlines() if line.strip()] if file.suffix == ".jsonl" \
            else [json.loads(raw)]  # fmt: skip
    except json.JSONDecodeError as exc:
        raise ExtractError(f"{file}: not JSON ({exc.msg}, line {exc.lineno})") from None
    rows = [r for row in rows for r in (row if isinstance(row, list) else [row])]
    out: list[Example] = []
    for n, row in enumerate(rows, 1):
        where = f"{file}:{n}" if file.suffix == ".jsonl" else str(file)
        if not isinstance(row, dict):
            raise ExtractError(f"{where}: not a record")
        text = row.pop("text", None)
        try:
            record = ArticleRecord.load(row, kinds)
        except ValidationError as exc:
            first = exc.errors()[0]
            at = ".".join(map(str, first["loc"]))
            raise ExtractError(f"{where}: not a record ({at}: {first['msg']})") from None
        article = article_of(record, text, file.parent, where)
        out.append((article, record))
    return out


def article_of(record: ArticleRecord, text: str | None, base: Path, where: str) -> Article:
    """The record's article: its text given inline (a review file), else read from its source."""
    if text is None:
        path, _, _line = record.source.rpartition(":") if record.source.rpartition(":")[2].isdigit() \
            else (record.source, "", "")  # fmt: skip
        candidates = [Path(path), base / path, base.parent / path]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None:
            raise ExtractError(f"{where}: the article {record.source} is not found (give its text inline)")
        articles = [a for a in load_articles([str(found)]) if isinstance(a, Article)]
        match = [a for a in articles if a.sha256 == record.text_sha256]
        if not match:
            raise ExtractError(f"{where}: {record.source} no longer has the text the record was made from")
        return match[0]
    article = Article(record.article_id, record.source, text, meta=record.meta)
    if article.sha256 != record.text_sha256:
        raise ExtractError(f"{where}: its text does not match its text_sha256")
    return article


def split_dev(data: list[Example], dev: float) -> tuple[list[Example], list[Example]]:
    """A fixed-seed held-out share of the articles (by id, so a re-run holds out the same ones)."""
    if not 0 <= dev < 1:
        raise ExtractError(f"--dev {dev}: a share between 0 and 1, or a file")
    order = sorted(data, key=lambda e: e[0].id)
    random.Random(DEV_SEED).shuffle(order)
    cut = round(len(order) * dev)
    return order[cut:], order[:cut]


def data_hash(data: Iterable[Example]) -> str:
    """What the model was trained on: each article's text hash and its record's items."""
    digest = hashlib.sha256()
    for article, record in sorted(data, key=lambda e: e[0].sha256):
        items = {k: [i.model_dump(mode="json") for i in v] for k, v in sorted(record.items.items())}
        digest.update(article.sha256.encode() + json.dumps(items, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def write_review(records: Iterable[ArticleRecord], path: Path, texts: dict[str, str] | None = None) -> int:
    """Each record with its article's text inline: a file to correct by hand (fix, add or delete
    items, keeping each item's evidence equal to text[start:end]) and give to ``extract train``.
    The texts are read from the records' sources unless ``texts`` (by text_sha256) has them."""
    lines = []
    for record in records:
        known = (texts or {}).get(record.text_sha256)
        text = known if known is not None else article_of(record, None, Path.cwd(), record.source).text
        row = record.model_dump(mode="json", exclude={"decided_by"}) | {"text": text}
        lines.append(json.dumps(row, ensure_ascii=False))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    tmp.replace(path)
    return len(lines)
