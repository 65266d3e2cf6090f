"""Quantities in a clause: percentages, money, areas, years, counts, rankings.

The one implementation of "what is a number" in ZoneRef: the comparison
highlights them, evidence lists the ones two clauses share, and every
export (``index.reports``) emphasises the same characters.
"""

from __future__ import annotations

import functools
import re
from typing import TypedDict

from index.base.text import normalise
from index.library.clauses import cn_to_int

_normalised = functools.lru_cache(maxsize=100_000)(normalise)


class Number(TypedDict, total=False):
    text: str
    value: float
    max: float
    unit: str
    kind: str
    start: int
    end: int


_CN = "零〇一二三四五六七八九十百千万两"
_NUMERAL = rf"(?:\d+(?:\.\d+)?(?:\s*[-—~至到]\s*\d+(?:\.\d+)?)?|[{_CN}]+)"
# Longest units first inside each group; the kind follows the unit.
_UNITS: list[tuple[str, str]] = [
    ("万亿元", "money"), ("亿美元", "money"), ("万美元", "money"), ("亿元", "money"), ("万元", "money"),
    ("美元", "money"), ("元", "money"),
    ("万平方米", "area"), ("平方公里", "area"), ("平方米", "area"), ("平米", "area"), ("公顷", "area"),
    ("万亩", "area"), ("亩", "area"),
    ("亿级", "scale"), ("万级", "scale"),
    ("个百分点", "percent"),
    ("家", "count"), ("个月", "duration"), ("个", "count"), ("人", "count"), ("项", "count"), ("块", "count"), ("所", "count"), ("名", "count"),
    ("强", "rank"), ("位", "rank"), ("倍", "multiple"), ("岁", "age"), ("天", "duration"), ("年", "year"),
]
_QUALIFIER = r"(?:以上|以下|以内|左右|多)?"
_NUMBER_RX = re.compile(
    rf"(?P<pct>百分之(?P<pctn>[{_CN}]+(?:点[{_CN}]+)?)|(?P<pnum>\d+(?:\.\d+)?)\s*%)"
    rf"|(?P<num>{_NUMERAL})(?P<scale>[万亿]?)\s*(?P<unit>{'|'.join(re.escape(u) for u, _ in _UNITS)}){_QUALIFIER}"
)
_UNIT_KIND = dict(_UNITS)


def _to_float(numeral: str) -> float | None:
    numeral = numeral.strip()
    try:
        return float(numeral)
    except ValueError:
        pass
    if "万" in numeral:
        head, _, tail = numeral.partition("万")
        h = cn_to_int(head) if head else 1
        t = cn_to_int(tail) if tail else 0
        return None if h is None or t is None else float(h * 10000 + t)
    n = cn_to_int(numeral)
    return None if n is None else float(n)


def extract_numbers(text: str) -> list[Number]:
    """Quantitative commitments in ``text``: percentages, money, areas, years, counts.

    Args:
        text: a clause, original script.

    Returns:
        One dict per number, in text order: ``text`` (as printed, with 以上/左右
        qualifiers), ``value`` (float; the lower bound of a range such as 1-2个,
        whose upper bound is ``max``), ``unit`` (万元, 亩, 家, % …, with any
        万/亿 scale folded into ``value``), ``kind`` (percent, money, area,
        scale, count, rank, multiple, age, year, duration) and ``start``/``end``
        offsets into ``text``.
    """
    norm = _normalised(text)
    out: list[Number] = []
    for m in _NUMBER_RX.finditer(norm):
        start = m.start()
        if start > 0 and norm[start - 1] in "第":
            continue  # 第十次党代会 is an ordinal, not a commitment
        if m.group("pct"):
            value = _to_float(m.group("pnum")) if m.group("pnum") else _to_float(m.group("pctn").split("点")[0])
            if value is None:
                continue
            out.append({"text": text[m.start() : m.end()], "value": value, "unit": "%", "kind": "percent",
                        "start": m.start(), "end": m.end()})
            continue
        numeral, scale, unit = m.group("num"), m.group("scale"), m.group("unit")
        parts = re.split(r"\s*[-—~至到]\s*", numeral) if re.match(r"\d", numeral) else [numeral]
        values = [_to_float(p) for p in parts]
        if any(v is None for v in values):
            continue
        kind = _UNIT_KIND[unit]
        if unit == "年":
            if len(parts) == 1 and values[0] is not None and 1900 <= values[0] <= 2100 and "." not in numeral:
                kind = "year"
            elif values[0] is not None and values[0] < 100:
                kind = "duration"
            else:
                continue
        if kind in ("count", "rank") and not re.match(r"\d", numeral) and len(numeral) == 1 and numeral in "一两":
            # 一个/一批 are idiom, not a commitment (引进一个、带来一串).
            continue
        factor = {"万": 1e4, "亿": 1e8, "": 1.0}[scale]
        rec: Number = {"text": text[m.start() : m.end()], "value": values[0] * factor,
                       "unit": unit, "kind": kind, "start": m.start(), "end": m.end()}
        if kind == "year":
            rec["value"] = values[0]
        if len(values) > 1:
            rec["max"] = values[1] * factor
        if scale and kind in ("count", "area", "money"):
            rec["unit"] = unit  # the scale is folded into value
        out.append(rec)
    return out
