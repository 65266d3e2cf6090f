"""Dates as Chinese documents print them: 2018年11月22日, 二〇一八年十一月二十二日, 2018-11-22.

Shared by the metadata guesses (``index.library.metadata``) and the history
header parser (``index.library.history``). Matching runs on normalised text.
"""

from __future__ import annotations

import re

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_RE = re.compile(rf"((?:19|20)\d{{2}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def cn_number(text: str) -> int:
    """一二 → 12, 十二 → 12, 二〇一七 → 2017 (digit by digit), 7 → 7."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGIT.get(ch, 0)
    return value


def parse_date(match: re.Match) -> str | None:
    """A YYYY年M月D日 match as ``YYYY-MM-DD`` (None if not a real date)."""
    year, month, day = (cn_number(g) for g in match.groups()[:3])
    if not (1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
