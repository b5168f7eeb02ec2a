"""Records as tables: one row per item of a kind, with its article's id, source, metadata and offsets.

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
from extract.schemas import ArticleRecord

ARTICLE_COLUMNS = ("article_id", "source", "text_sha256")


def _cell(value: Any) -> Any:
    """A nested value as one cell: an actor by its name, lists and objects as JSON."""
    if isinstance(value, dict) and set(value) <= {"name", "kind"} and "name" in value:
        return value["name"]
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def rows(records: Iterable[ArticleRecord], kind: str) -> list[dict[str, Any]]:
    """One dict per item of ``kind``: article columns, ``meta_*`` columns, then the item's fields."""
    out: list[dict[str, Any]] = []
    for rec in records:
        article = {c: getattr(rec, c) for c in ARTICLE_COLUMNS} | {
            f"meta_{k}": _cell(v) for k, v in rec.meta.items()
        }
        for item in rec.of(kind):
            fields = item.model_dump(mode="json") if isinstance(item, BaseModel) else dict(item)
            out.append(article | {k: _cell(v) for k, v in fields.items()})
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
