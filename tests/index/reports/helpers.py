"""What the report tests share: spans we know exactly."""

from __future__ import annotations


def span_of(text: str, needle: str) -> list[int]:
    """The last occurrence of ``needle`` in ``text`` as [start, end]: the first is often in the clause's own heading."""
    at = text.rindex(needle)
    return [at, at + len(needle)]
