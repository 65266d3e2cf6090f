"""Highlighted text as HTML: the one implementation behind every view and export that marks spans.

Search hits in the result list, shared wording and numbers in the compare
columns, annotations in an exported document: each is text with marked
spans. ``runs`` cuts the text where the set of marks covering it changes;
``marked_html`` escapes each run and wraps it in the inline style its marks
ask for. Pure and Qt-free (Qt's rich text and browsers read the same HTML).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Iterable

Mark = tuple[int, int, Hashable]  # start, end, a key naming what the span is


def runs(length: int, marks: Iterable[Mark]) -> list[tuple[int, int, frozenset]]:
    """Cut ``range(length)`` into maximal runs covered by the same set of mark keys.

    Spans are clipped to the text; empty ones are ignored.
    """
    edges: dict[int, list[tuple[Hashable, int]]] = {}
    for start, end, key in marks:
        s, e = max(0, int(start)), min(length, int(end))
        if e > s:
            edges.setdefault(s, []).append((key, 1))
            edges.setdefault(e, []).append((key, -1))
    cuts = sorted({0, length, *edges})
    open_counts: dict[Hashable, int] = {}
    out: list[tuple[int, int, frozenset]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for key, step in edges.get(a, ()):
            open_counts[key] = open_counts.get(key, 0) + step
        keys = frozenset(k for k, n in open_counts.items() if n > 0)
        if out and out[-1][2] == keys:
            out[-1] = (out[-1][0], b, keys)
        elif b > a:
            out.append((a, b, keys))
    return out


def marked_html(text: str, marks: Iterable[Mark], style: Callable[[frozenset], str], newline: str = "<br>") -> str:
    """``text`` as escaped HTML, each run of marked text in a ``<span style>``.

    Args:
        text: the plain text.
        marks: ``(start, end, key)`` spans into ``text``.
        style: the inline CSS for a run covered by these keys ("" for none).
        newline: what a line break becomes.
    """
    out = []
    for a, b, keys in runs(len(text), marks):
        piece = html.escape(text[a:b]).replace("\n", newline)
        css = style(keys) if keys else ""
        out.append(f'<span style="{css}">{piece}</span>' if css else piece)
    return "".join(out)
