"""Emphasis spans: merging them and cutting a text into styled segments.

Every writer shows shared wording in bold and numbers highlighted; they all
cut the text the same way here so a .docx run, a Markdown ``**…**`` and an
HTML ``<strong>`` cover exactly the same characters.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

Span = tuple[int, int]

# Fallback for when the Compare engine (index.compare.wording) is absent: Arabic and
# full-width numbers with an optional unit, and Chinese numerals followed by a
# unit — the quantities briefings care about (亩, 亿元, %, 年 …).
_UNITS = r"(?:%|％|‰|个百分点|平方公里|平方米|公顷|万亩|亩|亿元|万元|千元|元|亿美元|万美元|美元|倍|年|个月|个|家|项|条|天|日|人|名|次|万|亿)"
_NUMBER = re.compile(
    rf"(?:[0-9０-９]+(?:[.．,，][0-9０-９]+)*\s*{_UNITS}?)"
    rf"|(?:[零一二三四五六七八九十百千万亿两]+(?:点[零一二三四五六七八九]+)?{_UNITS})"
)


@dataclasses.dataclass(frozen=True)
class Segment:
    """A run of text with the same emphasis."""

    text: str
    shared: bool = False
    number: bool = False


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters."""
    out: list[Span] = []
    for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def find_numbers(text: str) -> list[Span]:
    """Offsets of quantities in ``text`` (the engine's extractor when present)."""
    try:
        from index.compare.wording import extract_numbers
    except ImportError:
        extract_numbers = None
    if extract_numbers is not None:
        try:
            return merge_spans((n["start"], n["end"]) for n in extract_numbers(text))
        except (KeyError, TypeError):
            pass  # an unexpected record shape: fall back rather than fail an export
    found = []
    for m in _NUMBER.finditer(text):
        # A lone Chinese numeral before 、 or ） is a list label, not a quantity.
        if m.group().strip() and not (m.end() < len(text) and text[m.end()] in "、）)"):
            found.append((m.start(), m.end()))
    return merge_spans(found)


def segments(text: str, shared: Iterable[Span] = (), numbers: Iterable[Span] = (),
             start: int = 0) -> list[Segment]:
    """Cut ``text[start:]`` into segments flagged shared/number.

    Args:
        text: the full clause text the spans point into.
        shared: spans of wording shared with the other documents.
        numbers: spans of quantities.
        start: first character to show (the title line is shown apart).

    Returns:
        Consecutive segments whose texts join to ``text[start:]``.
    """
    shared_s = merge_spans(shared)
    number_s = merge_spans(numbers)
    cuts = {start, len(text)}
    for s, e in (*shared_s, *number_s):
        cuts.update(x for x in (s, e) if start <= x <= len(text))
    points = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        if b <= a:
            continue
        is_shared = any(s <= a and b <= e for s, e in shared_s)
        is_number = any(s <= a and b <= e for s, e in number_s)
        if out and out[-1].shared == is_shared and out[-1].number == is_number:
            out[-1] = Segment(out[-1].text + text[a:b], is_shared, is_number)
        else:
            out.append(Segment(text[a:b], is_shared, is_number))
    return out
