"""Where an annotation sits in a document, and finding it again after the text changes.

An annotation stores a W3C-style selector: the exact quote, ~32 characters of
context on each side, and character offsets into the document body (original
script). When the body changes, ``reanchor`` tries, in order:

1. the stored offsets, if the text there is still the quote;
2. every exact occurrence of the quote (original script, then the normalised
   matching form, so a traditional↔simplified re-import still matches),
   scored by how well the surrounding text agrees with the stored prefix and
   suffix, ties broken by distance from the old position;
3. a fuzzy match of the quote within the same document, accepted only above
   a strict similarity threshold (rapidfuzz's Indel similarity) and, for
   short quotes, only when the context also agrees.

Anything else is an orphan (``None``): the caller keeps the note and lists it
for review. A note is never moved to another document — this module only
ever sees one body (Hypothesis client #7571 shows what silent re-attachment
does to users' trust).
"""

from __future__ import annotations

import dataclasses

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from index.base.text import find_all, normalise, without_invisibles

CONTEXT_CHARS = 32
FUZZY_MIN_SCORE = 90.0  # percent similarity of the quote
FUZZY_SHORT_QUOTE = 16  # below this length, the context must agree too
FUZZY_MIN_CONTEXT = 0.6
FUZZY_MIN_LENGTH = 4  # shorter quotes are never fuzzy-matched


@dataclasses.dataclass(frozen=True)
class Selector:
    """A quote with its context and offsets (W3C TextQuoteSelector + TextPositionSelector)."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclasses.dataclass(frozen=True)
class Anchor:
    """Where a selector landed in the current text.

    Attributes:
        start, end: offsets into the body.
        method: ``offsets``, ``exact``, ``normalised`` or ``fuzzy``.
        score: 1.0 for an exact placement, else the similarity found.
    """

    start: int
    end: int
    method: str
    score: float = 1.0


def make_selector(body: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
    """The selector for ``body[start:end]``.

    Raises:
        ValueError: the span is empty or outside the body.
    """
    if not 0 <= start < end <= len(body):
        raise ValueError(f"bad span {start}:{end} for a body of {len(body)} characters")
    return Selector(body[start:end], body[max(0, start - context):start], body[end:end + context], start, end)


def find_quote(body: str, quote: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The first place of ``quote`` within ``body[lo:hi]``, in either script.

    Tries the text as written first, then the normalised forms (which keep
    offsets, see ``index.base.text.normalise``), so a simplified quote finds a
    traditional clause. Leading and trailing whitespace of the quote and characters that show nothing in it
    (a zero-width space pasted from a web page) are ignored.

    Returns:
        ``(start, end)`` offsets into ``body``, or ``None``.
    """
    hi = len(body) if hi is None else hi
    quote = quote.strip()
    if not quote:
        return None
    # As written first (the document may hold the same invisible character), then without them.
    for needle in dict.fromkeys((quote, without_invisibles(quote).strip())):
        if not needle:
            continue
        at = body.find(needle, lo, hi)
        if at < 0:
            at = normalise(body[lo:hi]).find(normalise(needle))
            at = at + lo if at >= 0 else -1
        if at >= 0:
            return at, at + len(needle)
    return None


def _context_score(body: str, sel: Selector, start: int, end: int) -> float:
    """How well the text around ``start:end`` matches the stored prefix and suffix (0..1)."""
    parts = []
    if sel.prefix:
        before = body[max(0, start - len(sel.prefix)):start]
        parts.append(Indel.normalized_similarity(normalise(sel.prefix), normalise(before)))
    if sel.suffix:
        after = body[end:end + len(sel.suffix)]
        parts.append(Indel.normalized_similarity(normalise(sel.suffix), normalise(after)))
    return sum(parts) / len(parts) if parts else 1.0


def _best_exact(body: str, sel: Selector) -> Anchor | None:
    for method, hay, needle in (("exact", body, sel.quote), ("normalised", None, None)):
        if method == "normalised":
            hay, needle = normalise(body), normalise(sel.quote)
        starts = find_all(hay, needle, overlapping=True)
        if starts:
            n = len(needle)
            best = max(starts, key=lambda s: (_context_score(body, sel, s, s + n), -abs(s - sel.start)))
            return Anchor(best, best + n, method, 1.0)
    return None


def _best_fuzzy(body: str, sel: Selector) -> Anchor | None:
    quote = normalise(sel.quote)
    if len(quote) < FUZZY_MIN_LENGTH or len(body) < FUZZY_MIN_LENGTH:
        return None
    norm_body = normalise(body)
    hit = fuzz.partial_ratio_alignment(quote, norm_body, score_cutoff=FUZZY_MIN_SCORE - 5)
    if hit is None:
        return None
    # partial_ratio compares windows of the quote's length; an insertion or
    # deletion in the new text shifts the true ends, so widen or narrow them.
    # One end at a time keeps this linear in the slack even for long quotes.
    slack = min(max(2, len(quote) // 8), 32)
    start, end = hit.dest_start, hit.dest_end
    score = fuzz.ratio(quote, norm_body[start:end])
    for s in range(max(0, start - slack), min(end - 1, start + slack) + 1):
        if (r := fuzz.ratio(quote, norm_body[s:end])) > score:
            score, start = r, s
    for e in range(max(start + 1, end - slack), min(len(body), end + slack) + 1):
        if (r := fuzz.ratio(quote, norm_body[start:e])) > score:
            score, end = r, e
    if score < FUZZY_MIN_SCORE:
        return None
    if len(quote) < FUZZY_SHORT_QUOTE and _context_score(body, sel, start, end) < FUZZY_MIN_CONTEXT:
        return None
    return Anchor(start, end, "fuzzy", score / 100)


def reanchor(body: str, sel: Selector) -> Anchor | None:
    """Place ``sel`` in ``body`` (the same document's current text), or ``None`` for an orphan.

    Args:
        body: the document's current body, original script.
        sel: the stored selector.

    Returns:
        The new anchor; ``None`` when the quote is gone.
    """
    if 0 <= sel.start < sel.end <= len(body) and body[sel.start:sel.end] == sel.quote:
        return Anchor(sel.start, sel.end, "offsets")
    if not sel.quote:
        return None
    return _best_exact(body, sel) or _best_fuzzy(body, sel)
