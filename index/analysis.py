"""How clause text becomes index terms, identically for documents and queries.

Text is first normalised (``index.text.normalise``: NFKC, traditional→
simplified, case-folded; same length as the original). Then:

* every CJK character is a unigram term (``开``);
* every pair of adjacent CJK characters is a bigram term (``开发``);
* every run of Latin letters or digits is a word term (``rcep``, ``2021``).

A query string of n CJK characters needs its n-1 bigrams (or its one
unigram): every clause that contains the string contains them, so looking
them up can never miss a clause (exact recall). Clauses that hold the bigrams
apart are then dropped by checking the string against the clause's
normalised text, so the answer is exact both ways. Word segmentation (jieba)
is deliberately not used: it misses substrings that cross word boundaries,
and its dictionary would slow app start.

The term counts feed Whoosh through ``GramField``, which takes ready-made
counts instead of re-tokenising through Whoosh's analyzer chain (that chain
costs a Python object per token; counting with ``Counter`` is several times
faster and the index build is dominated by it).
"""

from __future__ import annotations

import re
from collections import Counter
from operator import add

import numpy as np
from whoosh import fields, formats

from index.text import _char_nfkc, normalise, to_simplified

#: Bump when the terms produced for a text change: the index fingerprint
#: includes it, so every existing index is rebuilt.
ANALYZER_VERSION = 1

# The CJK blocks index.text.is_cjk accepts, as one regex class.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_RUN = re.compile(f"[{_CJK}]+")
WORD_RUN = re.compile(r"[a-z0-9]+")
# A query literal splits into these pieces; anything else (punctuation,
# spaces, emoji, control characters) only separates them.
PIECE = re.compile(f"[{_CJK}]+|[a-z0-9]+")


_FOLD: dict[int, str] = {}


def fast_normalise(text: str) -> str:
    """``index.text.normalise``, several times faster on long texts.

    The per-character NFKC/case fold is memoised in a ``str.translate``
    table instead of calling Python per character; OpenCC then runs on the
    whole text exactly as ``normalise`` does. A test checks both agree.
    """
    if text.isascii():
        return text.lower()
    fold = _FOLD
    for ch in set(text):
        if ord(ch) not in fold:
            fold[ord(ch)] = _char_nfkc(ch)
    return to_simplified(text.translate(_FOLD))


def term_counts(norm: str) -> Counter[str]:
    """Unigram, bigram and word terms of already-normalised text, with counts."""
    counts: Counter[str] = Counter()
    for run in CJK_RUN.findall(norm):
        counts.update(run)  # a str iterates by character: the unigrams
        if len(run) > 1:
            counts.update(map(add, run, run[1:]))
    counts.update(WORD_RUN.findall(norm))
    return counts


def normalise_many(texts: list[str]) -> list[str]:
    """``fast_normalise`` of each text, with one OpenCC call for them all.

    OpenCC's phrase rules never span a line break, so converting the texts
    joined by ``\n`` and cutting the result at the same lengths gives what
    converting each alone gives; a length-changing rule (rare) falls back to
    one call per text, as ``to_simplified`` does.
    """
    joined = "\n".join(texts)
    if not joined or joined.isascii():
        return [t.lower() for t in texts]
    fold = _FOLD
    for ch in set(joined):
        if ord(ch) not in fold:
            fold[ord(ch)] = _char_nfkc(ch)
    folded = joined.translate(fold)
    out = to_simplified_whole(folded)
    if out is None:
        return [fast_normalise(t) for t in texts]
    parts, at = [], 0
    for t in texts:
        parts.append(out[at:at + len(t)])
        at += len(t) + 1
    return parts


def to_simplified_whole(text: str) -> str | None:
    """OpenCC t2s of ``text`` if it keeps the length, else None."""
    from index.text import _converter

    out = _converter().convert(text)
    return out if len(out) == len(text) else None


# Term keys for the vectorised postings below: a unigram is ``cp << 19``, a
# bigram ``cp1 << 19 | cp2 + 1`` (every CJK code point is below 2**18), so
# numeric order is the terms' UTF-8 byte order, which Whoosh's term table
# needs. The record number takes the low bits.
_KEY_SHIFT = 19
_REC_BITS = 26
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


def gram_postings(norms: list[str]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every term of many normalised texts at once: what ``term_counts`` gives for each, as arrays.

    Args:
        norms: normalised texts (record ``i`` is ``norms[i]``).

    Returns:
        ``(terms, bounds, recs, counts, lengths)``: ``terms`` sorted in UTF-8
        byte order; the postings of ``terms[k]`` are ``recs[bounds[k]:bounds[k+1]]``
        (ascending) with term counts ``counts[...]``; ``lengths[i]`` is the
        number of terms in record ``i`` (``sum(term_counts(norms[i]).values())``).
    """
    n = len(norms)
    if n >= 1 << _REC_BITS:
        raise ValueError("too many texts for one batch")
    joined = "\n".join(norms)  # "\n" is neither CJK nor a word character: no term crosses it
    lengths = np.zeros(n, dtype=np.int64)
    # Latin/digit words: few, counted in Python.
    words: Counter[tuple[str, int]] = Counter()
    if n:
        starts = np.zeros(n, dtype=np.int64)
        starts[1:] = np.cumsum(np.fromiter(map(len, norms), dtype=np.int64, count=n)[:-1] + 1)
        found = [(m.group(), m.start()) for m in WORD_RUN.finditer(joined)]
        if found:
            where = np.searchsorted(starts, np.fromiter((s for _, s in found), dtype=np.int64), side="right") - 1
            words.update(zip((w for w, _ in found), where.tolist(), strict=True))
            lengths += np.bincount(where, minlength=n)
    arr = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cjk = np.zeros(len(arr) + 1, dtype=bool)
    for lo, hi in _CJK_RANGES:
        cjk[:-1] |= (arr >= lo) & (arr <= hi)
    uni = np.flatnonzero(cjk)
    bi = uni[cjk[uni + 1]]
    del cjk
    ends = np.empty(n, dtype=np.int64)  # the separator after each record
    if n:
        ends[:-1] = np.cumsum(np.fromiter(map(len, norms), dtype=np.int64, count=n))[:-1] + np.arange(n - 1)
        ends[-1] = len(arr)
    rec_uni = np.searchsorted(ends, uni, side="right")
    rec_bi = np.searchsorted(ends, bi, side="right")
    lengths += np.bincount(rec_uni, minlength=n) + np.bincount(rec_bi, minlength=n)
    cps = arr.astype(np.uint64)
    shift, rbits, one = np.uint64(_KEY_SHIFT), np.uint64(_REC_BITS), np.uint64(1)
    keys = np.concatenate([
        ((cps[uni] << shift) << rbits) | rec_uni.astype(np.uint64),
        (((cps[bi] << shift) | (cps[bi + 1] + one)) << rbits) | rec_bi.astype(np.uint64),
    ])
    del cps, uni, bi, rec_uni, rec_bi
    keys.sort()
    if len(keys):
        first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        counts = np.diff(np.append(first, len(keys)))
        keys = keys[first]
    else:
        counts = np.zeros(0, dtype=np.int64)
    term_keys = keys >> rbits
    recs = (keys & np.uint64((1 << _REC_BITS) - 1)).astype(np.int64)
    del keys
    cut = np.flatnonzero(term_keys[1:] != term_keys[:-1]) + 1
    firsts = term_keys[np.concatenate([[0], cut])] if len(term_keys) else term_keys
    mask = (1 << _KEY_SHIFT) - 1
    cjk_terms = [chr(k >> _KEY_SHIFT) + (chr((k & mask) - 1) if k & mask else "") for k in firsts.tolist()]
    # Words are ASCII, so they sort before every CJK term.
    word_terms = sorted({w for w, _ in words})
    w_recs: list[int] = []
    w_counts: list[int] = []
    w_bounds = [0]
    by_word: dict[str, list[tuple[int, int]]] = {}
    for (w, r), c in words.items():
        by_word.setdefault(w, []).append((r, c))
    for w in word_terms:
        for r, c in sorted(by_word[w]):
            w_recs.append(r)
            w_counts.append(c)
        w_bounds.append(len(w_recs))
    bounds = np.concatenate([np.asarray(w_bounds, dtype=np.int64),
                             len(w_recs) + np.concatenate([cut, [len(term_keys)]]).astype(np.int64)
                             if len(term_keys) else np.zeros(0, dtype=np.int64)])
    return (word_terms + cjk_terms, bounds,
            np.concatenate([np.asarray(w_recs, dtype=np.int64), recs]),
            np.concatenate([np.asarray(w_counts, dtype=np.int64), counts.astype(np.int64)]), lengths)


def pieces(norm: str) -> list[str]:
    """The searchable pieces of a normalised literal: CJK runs and Latin/digit words."""
    return PIECE.findall(norm)


def piece_terms(piece: str) -> list[str]:
    """The index terms every clause containing ``piece`` must have."""
    if len(piece) == 1 or not CJK_RUN.fullmatch(piece):
        return [piece]
    return list(dict.fromkeys(map(add, piece, piece[1:])))


def literal_terms(literal: str) -> list[str]:
    """All index terms for a literal in original script (normalised here)."""
    out: list[str] = []
    for piece in pieces(normalise(literal)):
        out.extend(t for t in piece_terms(piece) if t not in out)
    return out


class GramField(fields.FieldType):
    """A Whoosh field whose value is a ``{term: count}`` mapping, not text.

    Postings store counts only (no positions): exact phrase matching is
    done against the normalised clause text, which is cheaper than decoding
    Whoosh's pickled position lists. The index is opened with an explicit
    schema, so the pickled copy of this class in the index's table of
    contents is never loaded and moving this module cannot break an index.
    """

    def __init__(self, field_boost: float = 1.0):
        # Existence stores no per-posting value; the term count travels as the
        # posting's weight, which Whoosh keeps in every block anyway.
        self.format = formats.Existence(field_boost=field_boost)
        self.analyzer = None
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded value) for each term."""
        for term, freq in value.items():
            yield term.encode("utf-8"), freq, float(freq), b""

    def self_parsing(self) -> bool:
        return False
