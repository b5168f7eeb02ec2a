"""Records as tables: one row per item of a kind, with its article's id, path, metadata and offsets.

CSV needs nothing more; pandas DataFrames and Parquet need the `tables` extra (pandas, pyarrow).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract.analysis.matching import kinds_in
from extract.errors import ExtractError
from extract.schemas import Actor, ArticleRecord

# The article's own columns, by the record field each holds: its path is ``article_source``, apart
# from an item's fields (a quote's ``source`` is the mention that names its speaker).
ARTICLE_FIELDS = {"article_id": "article_id", "article_source": "source", "text_sha256": "text_sha256"}
ARTICLE_COLUMNS = tuple(ARTICLE_FIELDS)


def _cell(value: Any) -> Any:
    """A nested value as one cell: an actor by its name, lists and objects as JSON."""
    if isinstance(value, dict) and set(value) <= set(Actor.model_fields) and "name" in value:
        return value["name"]
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat(fields: dict[str, Any]) -> dict[str, Any]:
    """An item's fields as cells, each verbatim value's own offsets as ``<path>.start`` and
    ``<path>.end`` columns (a dot no Python field name has, so no clash with the kind's fields)."""
    spans = fields.pop("spans", None) or {}
    out = {k: _cell(v) for k, v in fields.items()}
    for path, at in spans.items():
        out |= {f"{path}.start": at["start"], f"{path}.end": at["end"]}
    return out


def rows(records: Iterable[ArticleRecord], kind: str) -> list[dict[str, Any]]:
    """One dict per item of ``kind``: article columns, ``meta_*`` columns, then the item's fields."""
    out: list[dict[str, Any]] = []
    for rec in records:
        article = {c: getattr(rec, f) for c, f in ARTICLE_FIELDS.items()} | {
            f"meta_{k}": _cell(v) for k, v in rec.meta.items()
        }
        for item in rec.of(kind):
            fields = item.model_dump(mode="json") if isinstance(item, BaseModel) else dict(item)
            out.append(article | _flat(fields))
    return out


def columns(table: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for row in table for k in row))


def write_table(records: Iterable[ArticleRecord], kind: str, path: Path) -> int:
    """Write ``kind``'s items to ``path`` (.csv or .parquet); return the number of rows."""
    table = rows(records, kind)
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns(table) or list(ARTICLE_COLUMNS))
            writer.writeheader()
            writer.writerows(table)
    elif path.suffix == ".parquet":
        to_frame(table).to_parquet(path, index=False)
    else:
        raise ExtractError(f"{path}: write .csv or .parquet (JSONL is what `extract run` writes)")
    return len(table)


def to_frame(table: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of ``rows(...)``."""
    try:
        import pandas as pd
    except ImportError:
        raise ExtractError("DataFrames and Parquet need pandas: pip install 'news-extract[tables]'") from None
    return pd.DataFrame(table, columns=columns(table) or list(ARTICLE_COLUMNS))


def records_to_pandas(records: Iterable[ArticleRecord]) -> dict[str, Any]:
    """One DataFrame per kind the records hold, one row per item."""
    recs = list(records)
    return {kind: to_frame(rows(recs, kind)) for kind in kinds_in(recs)}
