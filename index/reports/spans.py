"""Emphasis spans: merging them and cutting a text into styled segments.

Every writer shows shared wording in bold and numbers highlighted; they all
cut the text the same way here so a .docx run, a Markdown ``**…**`` and an
HTML ``<strong>`` cover exactly the same characters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from index.compare.numbers import extract_numbers

Span = tuple[int, int]


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
    """Offsets of quantities in ``text`` (``index.compare.numbers``, the one definition)."""
    return merge_spans((n["start"], n["end"]) for n in extract_numbers(text))


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
