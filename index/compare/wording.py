"""Shared and distinctive wording between two clauses, and the numbers in a clause.

Everything here works on ``normalise``d text, which has the same length as the
original, so every offset returned is an offset into the *original* text: the
GUI highlights exactly what the user reads, in either script.
"""

from __future__ import annotations

import functools
import re
from typing import TypedDict

from index.base.text import is_cjk, normalise
from index.library.clauses import cn_to_int

Span = tuple[int, int]

MIN_SHARED = 3

# Phrases every development-zone policy uses. A shared span made only of these
# says nothing about the two clauses, so it is not highlighted.
BOILERPLATE_PHRASES = (
    "国家级开发区", "国家级经济技术开发区", "经济技术开发区", "高新技术产业开发区", "产业集聚区",
    "经济开发区", "开发区", "国家级", "省级以上", "管委会按职责分工负责", "按职责分工负责",
    "所在地市", "所在地", "各国家级", "进一步", "加快推进", "积极推进", "大力推进", "深入推进",
    "支持国家级", "鼓励国家级", "支持开发区", "鼓励开发区", "推动开发区", "有条件的", "符合条件的",
)

# Who-is-responsible notes: "(省商务厅……按职责分工负责)", "(落实单位:…)".
# They name departments, not subjects, so matching and tagging ignore them.
_ATTRIBUTION = re.compile(
    r"[(（](?:[^()（）]|[(（][^()（）]*[)）])*?(?:负责|落实单位)(?:[^()（）]|[(（][^()（）]*[)）])*?[)）]"
    r"|〔落实单位[^〕]*〕"
)
_CONTENT = re.compile(r"[\w+]")  # characters that can belong to a phrase (CJK, digits, letters, +)


def mask_attributions(norm: str) -> str:
    """Blank out responsibility notes in normalised text, keeping its length."""
    return _ATTRIBUTION.sub(lambda m: " " * (m.end() - m.start()), norm)


_normalised = functools.lru_cache(maxsize=100_000)(normalise)


@functools.lru_cache(maxsize=100_000)
def matching_text(text: str) -> str:
    """``normalise(text)`` with responsibility notes blanked (cached: clauses are compared often)."""
    return mask_attributions(_normalised(text))


def _is_content(ch: str) -> bool:
    return bool(_CONTENT.match(ch)) or is_cjk(ch)


@functools.lru_cache(maxsize=20_000)
def _grams(norm: str, n: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in range(len(norm) - n + 1):
        gram = norm[i : i + n]
        if all(_is_content(ch) or ch in "“”\"'" for ch in gram) and _is_content(gram[0]):
            out.setdefault(gram, []).append(i)
    return out


def _covered(norm: str, other: set[str], n: int) -> list[bool]:
    mark = [False] * len(norm)
    for gram, starts in _grams(norm, n).items():
        if gram in other:
            for i in starts:
                for k in range(i, i + n):
                    mark[k] = True
    return mark


def _runs(mark: list[bool], norm: str, want: bool) -> list[Span]:
    spans: list[Span] = []
    i = 0
    while i < len(mark):
        if mark[i] == want:
            j = i
            while j < len(mark) and mark[j] == want:
                j += 1
            # Trim punctuation and spaces at both ends: highlight words, not commas.
            s, e = i, j
            while s < e and not _is_content(norm[s]):
                s += 1
            while e > s and not _is_content(norm[e - 1]):
                e -= 1
            if e > s:
                spans.append((s, e))
            i = j
        else:
            i += 1
    return spans


def _boilerplate_only(phrase: str) -> bool:
    rest = phrase
    for bp in sorted(BOILERPLATE_PHRASES, key=len, reverse=True):
        rest = rest.replace(bp, "")
    return sum(1 for ch in rest if _is_content(ch)) < 2


def shared_spans(text_a: str, text_b: str, min_len: int = MIN_SHARED) -> tuple[list[Span], list[Span]]:
    """Phrases two texts share, as ``[start, end)`` offsets into each original text.

    A phrase is shared when it is at least ``min_len`` characters long after
    normalisation (so 標準地 in one text matches 标准地 in the other).
    Phrases made only of boilerplate (开发区, 国家级 …) are left out.

    Args:
        text_a: first text, original script.
        text_b: second text, original script.
        min_len: shortest shared phrase, in characters.

    Returns:
        ``(spans_a, spans_b)``, each sorted and non-overlapping.
    """
    na, nb = matching_text(text_a), matching_text(text_b)
    ga, gb = set(_grams(na, min_len)), set(_grams(nb, min_len))
    out = []
    for norm, other in ((na, gb), (nb, ga)):
        spans = [s for s in _runs(_covered(norm, other, min_len), norm, True)
                 if s[1] - s[0] >= min_len and not _boilerplate_only(norm[s[0] : s[1]])]
        out.append(spans)
    return out[0], out[1]


def distinct_spans(text_a: str, text_b: str, min_len: int = 2) -> tuple[list[Span], list[Span]]:
    """Wording only one of two texts has: the stretches not covered by a shared phrase.

    Each stretch is cut at punctuation, so a span is a phrase of the text
    (at least ``min_len`` characters); responsibility notes are left out.

    Returns:
        ``(spans_a, spans_b)`` as offsets into each original text.
    """
    na, nb = matching_text(text_a), matching_text(text_b)
    ga, gb = set(_grams(na, MIN_SHARED)), set(_grams(nb, MIN_SHARED))
    out = []
    for norm, other in ((na, gb), (nb, ga)):
        mark = _covered(norm, other, MIN_SHARED)
        # Punctuation and masked notes count as "covered" so runs break there.
        mark = [m or not _is_content(ch) for m, ch in zip(mark, norm, strict=True)]
        out.append([s for s in _runs(mark, norm, False) if s[1] - s[0] >= min_len])
    return out[0], out[1]


# -- numbers -------------------------------------------------------------

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
    ("家", "count"), ("个", "count"), ("项", "count"), ("块", "count"), ("所", "count"), ("名", "count"),
    ("强", "rank"), ("位", "rank"), ("倍", "multiple"), ("岁", "age"), ("年", "year"),
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
