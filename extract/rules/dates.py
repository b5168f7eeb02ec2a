"""Find an article's date and normalise relative times ("on Sunday") against it."""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = "january february march april may june july august september october november december"
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), 1)}
_MONTH_RE = "|".join(m.capitalize() for m in _MONTHS)
_FULL = re.compile(rf"\b(\d{{1,2}}) ({_MONTH_RE}) (\d{{4}})\b|\b({_MONTH_RE}) (\d{{1,2}}),? (\d{{4}})\b")
_DATELINE = re.compile(rf"\b({_MONTH_RE}) (\d{{1,2}})\b")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def article_date(text: str) -> dt.date | None:
    """The first full date in the article's head ("14 March 2014", "March 14, 2014")."""
    head = text[:1500]
    m = _FULL.search(head)
    if m:
        if m.group(1):
            return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        return dt.date(int(m.group(6)), _MONTHS[m.group(4).lower()], int(m.group(5)))
    return None


def date_field(value: object) -> dt.date | None:
    """A metadata date ("2014-03-14", "2014-03-14T11:08:00Z"), if it is one."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def normalise_time(expression: str | None, anchor: dt.date | None) -> str | None:
    """ISO date for a weekday, 'today' or an explicit date, relative to ``anchor``."""
    if not expression:
        return None
    m = _FULL.search(expression)
    if m:
        return (article_date(expression) or anchor or dt.date.min).isoformat()
    if anchor is None:
        return None
    low = expression.lower()
    if re.search(r"\b(today|this morning|tonight)\b", low):
        return anchor.isoformat()
    if "yesterday" in low:
        return (anchor - dt.timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (anchor + dt.timedelta(days=1)).isoformat()
    wd = _WEEKDAY_RE.search(low)
    if wd:
        # News uses a bare weekday for the nearest such day: within three days either side.
        delta = (_WEEKDAYS.index(wd.group(1)) - anchor.weekday()) % 7
        if delta > 3:
            delta -= 7
        return (anchor + dt.timedelta(days=delta)).isoformat()
    m2 = _DATELINE.search(expression)
    if m2:
        return dt.date(anchor.year, _MONTHS[m2.group(1).lower()], int(m2.group(2))).isoformat()
    return None
