"""What a user may write in an imported document's metadata: one set of rules for every way in.

The import dialog's table, the 编辑文件信息 dialog and ``zoneref edit`` all check
a value here (``problem`` per field, ``checked`` for a set of changes), so a
year such as 二〇二一年 or 20210, a region that is no place (火星) or an empty
title is refused the same way everywhere. The GUI translates a problem by its
code; the message is the CLI's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from index.base.errors import KnownError
from index.base.text import to_simplified
from index.library import national
from index.library.readers.candidates import UNKNOWN_REGION
from index.library.regions import PROVINCE_BY_SHORT, PROVINCES

#: The years a document's metadata holds (``index.library.dates.parse_date`` reads dates of these years only).
YEARS = (1949, 2100)
#: The regions a document may be in: a province-level division's full name, 全国 or 不详 (its short name is
#: taken for the full one).
REGIONS = frozenset([name for name, *_ in PROVINCES] + [national.NATIONAL, UNKNOWN_REGION])
#: Fields that may not be emptied.
REQUIRED = ("title", "region")
#: Fields that hold a date, written YYYY-MM-DD.
DATES = ("issued", "published", "adopted", "effective")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

# Why a value is refused (``MetadataError.problem``), with the CLI's text.
PROBLEMS = {
    "empty": "cannot be empty",
    "year": f"must be a year of four digits, {YEARS[0]} to {YEARS[1]}, e.g. 2017",
    "date": "must be a date written YYYY-MM-DD, e.g. 2017-12-12",
    "region": "must be a province-level region (e.g. 湖北省 or 湖北), 全国 or 不详",
}


class MetadataError(KnownError, code="metadata"):
    """A metadata value the rules refuse.

    Attributes:
        field: the field, e.g. ``year``.
        problem: why, one of ``PROBLEMS``' keys.
        value: the value as given.
    """

    def __init__(self, field: str, problem: str, value: Any, doc_id: str | None = None):
        where = f"{doc_id}: " if doc_id else ""
        super().__init__(f"{where}{field} {PROBLEMS[problem]} (got {value!r})")
        self.field = field
        self.problem = problem
        self.value = value


def _clean(field: str, value: Any) -> tuple[Any, str | None]:
    """``value`` as the front matter holds it, and the problem with it (None if none)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ("empty" if field in REQUIRED else None)
    if field == "year":
        text = unicodedata.normalize("NFKC", str(value)).strip()  # full-width ２０２１ is a year
        if isinstance(value, bool) or not (text.isascii() and text.isdigit() and len(text) == 4):
            return value, "year"
        year = int(text)
        return year, (None if YEARS[0] <= year <= YEARS[1] else "year")
    if not isinstance(value, str):
        return value, None
    text = value.strip()
    if field in DATES:
        try:
            ok = bool(_ISO.fullmatch(text)) and YEARS[0] <= dt.date.fromisoformat(text).year <= YEARS[1]
        except ValueError:
            ok = False
        return text, (None if ok else "date")
    if field == "region":
        text = to_simplified(text)  # 廣東 and 廣東省 are 广东省: regions are kept by their simplified names
        text = PROVINCE_BY_SHORT.get(text, text)
        return text, (None if text in REGIONS else "region")
    return text, None


def problem(field: str, value: Any) -> str | None:
    """Why ``value`` cannot be ``field``'s (a ``PROBLEMS`` key), or None if it can; an empty value is None's."""
    return _clean(field, value)[1]


def checked(changes: dict[str, Any], doc_id: str | None = None) -> dict[str, Any]:
    """``changes`` typed and cleaned as the front matter holds them: a year as a number, a region by its full
    name, surrounding spaces dropped, an empty optional value as None.

    Raises:
        MetadataError: the first value the rules refuse.
    """
    out = {}
    for field, value in changes.items():
        clean, trouble = _clean(field, value)
        if trouble:
            raise MetadataError(field, trouble, value, doc_id)
        out[field] = clean
    return out
