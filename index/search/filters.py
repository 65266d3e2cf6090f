"""Document filters of a search: ``region:``, ``doc:``, ``level:``, ``year:`` and the CLI's --region/--doc.

They select documents from the side table's document list; the executor
then keeps only clauses of those documents.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from index.base.text import normalise, normalise_many


class DocFilters:
    """The documents of one index generation, with their filterable fields normalised once.

    Args:
        docs: the side table's document records (id, region, city, level, year).
    """

    def __init__(self, docs: list[dict]):
        self.docs = docs
        self.ids = [d["id"] for d in docs]
        self.years = [d["year"] for d in docs]

    @functools.cached_property
    def _normalised(self) -> list[str]:
        # Made when a region: or level: filter first needs it, not for the default search (which only
        # leaves out earlier versions): one OpenCC call for every field of every document (thousands
        # of calls took ~50 ms; this one, with loading OpenCC, ~60 ms on 3,500 documents).
        docs = self.docs
        return normalise_many([d["region"] for d in docs] + [d["city"] for d in docs] + [d["level"] for d in docs])

    @functools.cached_property
    def places(self) -> list[tuple[str, str]]:
        n = len(self.docs)
        return list(zip(self._normalised[:n], self._normalised[n:2 * n], strict=True))

    @functools.cached_property
    def levels(self) -> list[str]:
        return self._normalised[2 * len(self.docs):]

    def allowed(self, filters: dict[str, list[str]], exclude: set[str] | frozenset = frozenset()) -> np.ndarray | None:
        """Indices of the documents that pass every filter key (any of its values) and are not in ``exclude``.

        None if there are neither filters nor exclusions.
        """
        if not filters and not exclude:
            return None
        keep = np.ones(len(self.docs), dtype=bool)
        if exclude:
            keep &= np.asarray([i not in exclude for i in self.ids], dtype=bool)
        for key, values in filters.items():
            passes = np.zeros(len(self.docs), dtype=bool)
            for value in values:
                passes |= self._passes(key, value)
            keep &= passes
        return np.flatnonzero(keep)

    def unmatched(self, filters: dict[str, list[str]]) -> list[str]:
        """The ``key:value`` filters no document of the library passes (any version), in the given order."""
        return [f"{key}:{value}" for key, values in filters.items() for value in values
                if not self._passes(key, value).any()]

    def _passes(self, key: str, value: str) -> np.ndarray:
        v = normalise(value).strip()
        if key == "doc":
            return np.asarray([i == value.strip() for i in self.ids], dtype=bool)
        if key == "region":
            return np.asarray([_place_ok(v, region, city) for region, city in self.places], dtype=bool)
        if key == "level":
            return np.asarray([_level_ok(v, level) for level in self.levels], dtype=bool)
        if key == "year":
            span = year_range(v)
            return np.asarray([_year_ok(span, year) for year in self.years], dtype=bool)
        return np.zeros(len(self.docs), dtype=bool)


def _place_ok(value: str, region: str, city: str) -> bool:
    """Whether a ``region:`` value names the document's province, its city, or both as officials write them
    (浙江省杭州市, 浙江杭州). A province is named in full (河南省), short (河南) or by its abbreviation (豫); a
    city in full (郑州市) or short (郑州); national documents by 全国. Whole names only: region:南 named 河南, 湖南,
    海南 and 云南 (a part of their names), region:宁 宁夏 but also 辽宁, 西宁市, 南宁市 and 宁波市."""
    if not value:
        return False
    if _names_region(value, region) or (city and _names_city(value, city)):
        return True
    return bool(city) and any(_names_region(value[:k], region) and _names_city(value[k:], city)
                              for k in range(1, len(value)))


def _names_region(value: str, region: str) -> bool:
    from index.library.regions import PROVINCE_BY_ABBREV, PROVINCE_BY_SHORT

    return region in (value, PROVINCE_BY_SHORT.get(value), PROVINCE_BY_ABBREV.get(value))


def _names_city(value: str, city: str) -> bool:
    from index.library.short_titles import city_short

    return value in (city, city_short(city))


def _level_ok(value: str, level: str) -> bool:
    """Whether a ``level:`` value names the document's level: 省级, or 省 (level:级 named every level)."""
    return bool(value) and value in (level, level.removesuffix("级"))


# A year or a range (open at either end): 2017, 2017年, 2015-2018, 2015年至2018年, 2015~, -2018 (full-width
# forms are normalised before). A range given backwards (2018-2015) means the same years.
_YEAR = re.compile(r"^(\d{4})年?$")
_YEAR_RANGE = re.compile(r"^(\d{4})?年?(?:-|~|至|到|–|—|\.\.)(\d{4})?年?$")
# Open ranges in words: 2015年以来 / 以后 / 至今 (2015 on), 2010年以前 / 之前 (up to 2010), the year itself included.
_YEAR_SINCE = re.compile(r"^(\d{4})年?(?:以来|以后|之后|后|起|至今|迄今|及以后)$")
_YEAR_UNTIL = re.compile(r"^(\d{4})年?(?:以前|之前|前|及以前)$")


def year_range(value: str) -> tuple[int, int] | None:
    """``value`` of a ``year:`` filter as (first, last) year, inclusive; None if it names no year."""
    v = re.sub(r"\s+", "", value)
    if m := _YEAR.match(v):
        return int(m[1]), int(m[1])
    if m := _YEAR_SINCE.match(v):
        return int(m[1]), 9999
    if m := _YEAR_UNTIL.match(v):
        return 0, int(m[1])
    m = _YEAR_RANGE.match(v)
    if not m or not (m[1] or m[2]):
        return None
    lo, hi = int(m[1] or 0), int(m[2] or 9999)
    return min(lo, hi), max(lo, hi)


def _year_ok(span: tuple[int, int] | None, year: int | None) -> bool:
    return span is not None and year is not None and span[0] <= year <= span[1]
