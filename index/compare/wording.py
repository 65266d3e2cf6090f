"""Shared and distinctive wording between two clauses (numbers: ``index.compare.numbers``).

Everything here works on ``normalise``d text, which has the same length as the
original, so every offset returned is an offset into the *original* text: the
GUI highlights exactly what the user reads, in either script.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import re
import sys
import threading
from operator import add

from index.base.text import is_cjk, normalise

Span = tuple[int, int]

MIN_SHARED = 3

# Who-is-responsible notes: "(省商务厅……按职责分工负责)", "(落实单位:…)".
# They name departments, not subjects, so matching and tagging ignore them.
_ATTRIBUTION = re.compile(
    r"[(（](?:[^()（）]|[(（][^()（）]*[)）])*?(?:负责|落实单位)(?:[^()（）]|[(（][^()（）]*[)）])*?[)）]"
    r"|〔落实单位[^〕]*〕"
)
_RUN = re.compile(r"[^\W_]+")  # letters, digits and CJK: text between punctuation and spaces
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
    # Each character classified once: content, or a quote a phrase may run through (“链长制”).
    content = [_is_content(ch) for ch in norm]
    inner = [c or ch in "“”\"'" for c, ch in zip(content, norm, strict=True)]
    out: dict[str, list[int]] = {}
    for i in range(len(norm) - n + 1):
        if content[i] and all(inner[i + 1 : i + n]):
            out.setdefault(norm[i : i + n], []).append(i)
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


def load_segmenter_ahead() -> None:
    """Start loading the segmenter on a thread of its own, unless it is loaded.

    Loading its dictionary takes ~0.1 s, and holds the GIL all along (measured:
    another thread waits ~100 ms): a comparison starts it first so that its
    scoring overlaps the import's file reads (the first ``word_bounds`` waits
    for the import to finish, as any import of a module being imported does).
    """
    if "rjieba" not in sys.modules:
        threading.Thread(target=importlib.import_module, args=("rjieba",), name="segmenter", daemon=True).start()


_KNOWN: dict[str, list[int]] = {}  # normalised text → its words' lengths, kept elsewhere (``know_words``)
_KNOWN_KEPT = 20_000


def know_words(norm: str, lengths: list[int]) -> None:
    """Tell how the segmenter cuts ``norm`` (its words' lengths, as ``word_lengths`` gave them before and a
    store kept), so that a comparison whose texts are all known never loads the segmenter."""
    if len(_KNOWN) >= _KNOWN_KEPT:
        _KNOWN.pop(next(iter(_KNOWN)))
    _KNOWN[norm] = lengths


def word_lengths(norm: str) -> list[int]:
    """The lengths of the segmenter's words of normalised text, in order (they add up to its length).

    The segmenter (rjieba, jieba's dictionary compiled into a small native
    library; ~0.15 s to load, holding the GIL) is imported on the first text
    no store knew (``know_words``), never at start-up.
    """
    known = _KNOWN.get(norm)
    if known is not None:
        return known
    import rjieba

    return [len(word) for word in rjieba.cut(norm)]


@functools.cache
def segmenter_key() -> str:
    """The installed segmenter's identity (its files' names, sizes and times), without loading it: words a
    store kept for one segmenter are not used with another."""
    try:
        spec = importlib.util.find_spec("rjieba")
        folder = spec.submodule_search_locations[0] if spec.submodule_search_locations else os.path.dirname(
            spec.origin)
        files = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder)
                       if e.is_file() and e.name.startswith(("rjieba.", "__init__.py")))
        return f"rjieba:{files}"
    except (AttributeError, ImportError, OSError, TypeError, ValueError):
        return f"rjieba:unknown:{sys.version}"


@functools.lru_cache(maxsize=20_000)
def word_bounds(norm: str) -> tuple[frozenset[int], frozenset[int]]:
    """Where words start and end in normalised (simplified) text (``word_lengths``)."""
    starts, ends, at = set(), set(), 0
    for n in word_lengths(norm):
        starts.add(at)
        at += n
        ends.add(at)
    return frozenset(starts), frozenset(ends)


@functools.lru_cache(maxsize=20_000)
def words(norm: str) -> tuple[str, ...]:
    """The words of normalised text (two characters or more), in order."""
    starts, ends = word_bounds(norm)
    cuts = sorted(starts | ends)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = norm[a:b]
        if b - a >= 2 and a in starts and b in ends and all(_is_content(ch) for ch in piece):
            out.append(piece)
    return tuple(out)


# One-character function words a phrase does not start or end with (开发区与 → 开发区, 和产业投资 → 产业投资).
EDGE_FUNCTION_WORDS = frozenset("的与和及并或等对在为将把被从向于以之其而且也")


def snap_to_words(span: Span, norm: str, min_len: int = 2) -> Span | None:
    """Shrink ``span`` to whole words of ``norm`` (no 业招商 or 绩效考), without a function word
    (与, 和, 的 …) at either end; None if too little is left."""
    starts, ends = word_bounds(norm)
    s, e = span
    while True:
        while s < e and s not in starts:
            s += 1
        while e > s and e not in ends:
            e -= 1
        while s < e and not _is_content(norm[s]):
            s += 1
        while e > s and not _is_content(norm[e - 1]):
            e -= 1
        if e - s > 1 and s + 1 in ends and norm[s] in EDGE_FUNCTION_WORDS:
            s += 1
        elif e - s > 1 and e - 1 in starts and norm[e - 1] in EDGE_FUNCTION_WORDS:
            e -= 1
        else:
            return (s, e) if e - s >= min_len else None


def bigrams(norm: str) -> list[str]:
    """Character bigrams of normalised text, never across punctuation or spaces."""
    out: list[str] = []
    for run in _RUN.findall(norm):
        out.extend(map(add, run, run[1:]))  # pairs of neighbours, at C speed
    return out


def _weighty(phrase: str, weight, floor: float) -> bool:
    grams = bigrams(phrase)
    return bool(grams) and max(map(weight, grams)) >= floor


def shared_spans(text_a: str, text_b: str, min_len: int = MIN_SHARED, weight=None,
                 floor: float = 0.0) -> tuple[list[Span], list[Span]]:
    """Phrases two texts share, as ``[start, end)`` offsets into each original text.

    A phrase is shared when it is at least ``min_len`` characters long after
    normalisation (so 標準地 in one text matches 标准地 in the other); it is
    then shrunk to whole words, so no highlight starts or ends inside a word.
    With ``weight`` (a bigram's library IDF), phrases whose every bigram is
    common in the library (开发区, 进一步, 应当) are left out: which phrases are
    boilerplate is read from the user's library, not from a list.

    Args:
        text_a: first text, original script.
        text_b: second text, original script.
        min_len: shortest shared phrase, in characters.
        weight: bigram → weight (``stats.Idf``); None keeps every phrase.
        floor: a phrase is kept if one of its bigrams weighs at least this.

    Returns:
        ``(spans_a, spans_b)``, each sorted and non-overlapping.
    """
    na, nb = matching_text(text_a), matching_text(text_b)
    ga, gb = set(_grams(na, min_len)), set(_grams(nb, min_len))
    out = []
    for norm, other in ((na, gb), (nb, ga)):
        spans = []
        for raw in _runs(_covered(norm, other, min_len), norm, True):
            if raw[1] - raw[0] < min_len:
                continue
            span = snap_to_words(raw, norm)
            if span is None or (weight is not None and not _weighty(norm[span[0]:span[1]], weight, floor)):
                continue
            spans.append(span)
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
