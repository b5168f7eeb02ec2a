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
from extract.inputs.guard import atomic
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


# OWASP's CSV-injection rule: a cell starting with one of these is read as a formula by
# spreadsheets; a leading quote makes it text. Excel holds at most EXCEL_CELL characters a cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL = 32_767


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading quote before a formula character, and
    no more than Excel keeps."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    return value[:EXCEL_CELL]


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


def write_table(records: Iterable[ArticleRecord], kind: str, path: Path, raw_cells: bool = False) -> int:
    """Write ``kind``'s items to ``path`` (.csv or .parquet); return the number of rows. CSV cells
    are made safe for spreadsheets (:func:`safe_cell`) unless ``raw_cells``."""
    if path.suffix not in (".csv", ".parquet"):
        raise ExtractError(f"{path}: write .csv or .parquet (JSONL is what `extract run` writes)")
    table = rows(records, kind)
    with atomic(path) as temp:
        if path.suffix == ".csv":
            with temp.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=columns(table) or list(ARTICLE_COLUMNS))
                writer.writeheader()
                if raw_cells:
                    writer.writerows(table)
                else:
                    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in table)
        else:
            _one_type_per_column(to_frame(table)).to_parquet(temp, index=False)
    return len(table)


def _one_type_per_column(frame: Any) -> Any:
    """Parquet holds one type per column: a column mixing types (a meta field that is 5 in one
    article and "A5" in another) is written as text."""
    for name in frame.columns:
        values = frame[name].dropna()
        if frame[name].dtype == object and len({type(v) for v in values}) > 1:
            frame[name] = frame[name].map(lambda v: v if v is None else str(v))
    return frame


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
