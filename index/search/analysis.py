"""How clause text becomes index terms, identically for documents and queries.

Text is first normalised (``index.base.text.normalise``: NFKC, traditional→
simplified, case-folded; same length as the original). Then:

* every CJK character is a unigram term (``开``);
* every pair of adjacent CJK characters is a bigram term (``开发``);
* every run of Latin letters or digits is a word term (``rcep``, ``2021``).

A query string of n CJK characters needs its n-1 bigrams (or its one
unigram): every clause that contains the string contains them, so looking
them up can never miss a clause (exact recall). Clauses that hold the bigrams
apart are then dropped, using the bigrams' positions in the clause (kept in
the postings, see ``search_bulk``) or the clause's normalised text, so the
answer is exact both ways. Word segmentation (jieba) is deliberately not
used: it misses substrings that cross word boundaries, and its dictionary
would slow app start.

``term_counts`` is the definition of a text's terms; ``gram_postings``
computes the same for a whole batch of texts with numpy (the index build is
dominated by it), and the tests hold the two to each other. The postings
reach Whoosh's files directly (``search_bulk``); ``GramField`` only declares
the fields in the schema.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from operator import add

import numpy as np
from whoosh import fields, formats

from index.base.text import LazyPattern, normalise

#: Bump when the terms produced for a text change: the index fingerprint
#: includes it, so every existing index is rebuilt.
ANALYZER_VERSION = 2  # 2: letter-spaced headings closed up (``close_letter_spacing``)

# The CJK blocks index.base.text.is_cjk accepts, as one regex class.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Compiled on first use (~4 ms for the two with CJK ranges): a comparison imports this module and never matches them.
CJK_RUN = LazyPattern(f"[{_CJK}]+")
WORD_RUN = re.compile(r"[a-z0-9]+")
# A query literal splits into these pieces; anything else (punctuation,
# spaces, emoji, control characters) only separates them.
PIECE = LazyPattern(f"[{_CJK}]+|[a-z0-9]+")


# A heading printed letter-spaced (第一章　总　　则, 附　　则, 法 律 责 任): single characters with spaces (not line
# breaks) between them. A search for 总则 found none of them: the characters were never neighbours.
LETTER_SPACED = LazyPattern(rf"(?<![{_CJK}])[{_CJK}](?:[^\S\r\n]+[{_CJK}](?![{_CJK}]))+")


def letter_spaced(text: str, apart: str = "") -> list[tuple[int, int]]:
    """Spans of ``text`` written letter-spaced (see ``LETTER_SPACED``), in order.

    Args:
        text: any text.
        apart: characters that stay apart, the runs split at them (a query's 或, 且, 非 are operators).
    """
    spans = [m.span() for m in LETTER_SPACED.finditer(text)]
    if not apart:
        return spans
    out = []
    for a, b in spans:
        letters = [i for i in range(a, b) if not text[i].isspace()] + [b]
        first = None
        for i, nxt in zip(letters, letters[1:], strict=False):
            if text[i] in apart:
                first = None
                continue
            first = i if first is None else first
            if (nxt == b or text[nxt] in apart) and i > first:
                out.append((first, i + 1))
    return out


def close_letter_spacing(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """``text`` with each letter-spaced run closed up, its spaces moved after it: 总　　则 → 总则　　. Same length.

    Documents and queries are closed up alike, so that 总则 finds 第一章　总　　则. ``spans`` are the runs
    (``letter_spaced``) found in the original text when ``text`` is its normalised form; by default
    ``text``'s own. ``closed_positions`` gives the original offsets back (highlights).
    """
    spans = letter_spaced(text) if spans is None else spans
    if not spans:
        return text
    out, at = [], 0
    for a, b in spans:
        run = text[a:b]
        out += [text[at:a], "".join(run.split()), "".join(ch for ch in run if ch.isspace())]
        at = b
    out.append(text[at:])
    return "".join(out)


def closed_positions(text: str) -> list[int] | None:
    """For each offset of ``close_letter_spacing(text)``, its offset in ``text``; None if nothing was closed up."""
    spans = letter_spaced(text)
    if not spans:
        return None
    pos = list(range(len(text)))
    for a, b in spans:
        run = range(a, b)
        pos[a:b] = [i for i in run if not text[i].isspace()] + [i for i in run if text[i].isspace()]
    return pos


def term_counts(norm: str) -> Counter[str]:
    """Unigram, bigram and word terms of already-normalised text, with counts."""
    counts: Counter[str] = Counter()
    for run in CJK_RUN.findall(norm):
        counts.update(run)  # a str iterates by character: the unigrams
        if len(run) > 1:
            counts.update(map(add, run, run[1:]))
    counts.update(WORD_RUN.findall(norm))
    return counts


# Term keys for the vectorised postings below: a unigram is ``cp << 19``, a
# bigram ``cp1 << 19 | cp2 + 1`` (every CJK code point is below 2**18), so
# numeric order is the terms' UTF-8 byte order, which Whoosh's term table
# needs. Sorting ``key << 27 | position`` then groups each term's
# occurrences in text order, which gives records, counts and positions.
_KEY_SHIFT = 19
_POS_BITS = 27
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


@dataclasses.dataclass
class GramPostings:
    """The terms of many normalised texts ("records"), as ``term_counts`` would give them, in arrays.

    Attributes:
        terms: every term, in UTF-8 byte order (Whoosh's term order).
        bounds: the postings of ``terms[k]`` are ``bounds[k]:bounds[k+1]``.
        recs: each posting's record, ascending within a term.
        counts: each posting's term count.
        positions: offsets of every occurrence inside its record, posting
            after posting (``counts[j]`` of them for posting ``j``), ascending.
        lengths: terms per record (``sum(term_counts(norms[i]).values())``).
    """

    terms: list[str]
    bounds: np.ndarray
    recs: np.ndarray
    counts: np.ndarray
    positions: np.ndarray
    lengths: np.ndarray

    def occurrence_starts(self) -> np.ndarray:
        """Where each posting's positions begin in ``positions`` (one extra entry at the end)."""
        return occurrence_starts(self.counts)

    def term_occurrence_starts(self) -> np.ndarray:
        """Where each term's positions begin in ``positions`` (one extra entry at the end).

        Per term, not per posting: a 4-million-character batch has ~45,000
        terms but ~5 million postings.
        """
        return self.occurrence_starts()[self.bounds]


def occurrence_starts(counts: np.ndarray) -> np.ndarray:
    """Where each posting's occurrences begin, given each posting's count (one extra entry at the end)."""
    return np.concatenate([np.zeros(1, np.int64), np.cumsum(counts, dtype=np.int64)])


def gram_postings(norms: list[str]) -> GramPostings:
    """Every term of many normalised texts at once, with positions (see ``GramPostings``)."""
    n = len(norms)
    joined = "\n".join(norms)  # "\n" is neither CJK nor a word character: no term crosses it
    if len(joined) >= 1 << _POS_BITS:
        raise ValueError("too much text for one batch")
    lens = np.fromiter(map(len, norms), dtype=np.int64, count=n)
    starts = np.zeros(n, dtype=np.int64)
    if n:
        starts[1:] = np.cumsum(lens[:-1] + 1)
    # Latin/digit words: few, handled in Python; ASCII sorts before every CJK term.
    found = sorted((m.group(), m.start()) for m in WORD_RUN.finditer(joined))
    w_terms = sorted({w for w, _ in found})
    w_pos = np.fromiter((p for _, p in found), dtype=np.int64, count=len(found))
    w_term_ix = np.searchsorted(np.asarray(w_terms, dtype=object), np.asarray([w for w, _ in found], dtype=object)) \
        if found else np.zeros(0, dtype=np.int64)
    # CJK unigrams and bigrams, all occurrences, then one sort. Arrays are
    # built in place and narrowed to 32 bits where they fit: a 50 MB library
    # has ~34 million occurrences.
    arr = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    del joined
    cjk = np.zeros(len(arr) + 1, dtype=bool)
    for lo, hi in _CJK_RANGES:
        cjk[:-1] |= (arr >= lo) & (arr <= hi)
    uni = np.flatnonzero(cjk)
    bi = uni[cjk[uni + 1]]
    del cjk
    shift, pbits = np.uint64(_KEY_SHIFT), np.uint64(_POS_BITS)
    keys = np.empty(len(uni) + len(bi), dtype=np.uint64)
    head, tail = keys[:len(uni)], keys[len(uni):]
    head[:] = arr[uni]
    head <<= shift + pbits
    head |= uni.view(np.uint64)
    tail[:] = arr[bi]
    tail <<= shift
    tail |= arr[bi + 1]
    tail += np.uint64(1)
    tail <<= pbits
    tail |= bi.view(np.uint64)
    del arr, uni, bi, head, tail
    keys.sort()
    gpos = (keys & np.uint64((1 << _POS_BITS) - 1)).astype(np.int32)
    keys >>= pbits  # now the term keys
    # Words first (their term index), then CJK terms (their key), as one occurrence list.
    occ_term = np.concatenate([w_term_ix.astype(np.int32), (_dense(keys) + len(w_terms)).astype(np.int32)])
    occ_pos = np.concatenate([w_pos.astype(np.int32), gpos])
    del gpos
    cjk_firsts = keys[np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))] if len(keys) else keys
    del keys
    # Each occurrence's record: a lookup by character (a binary search per occurrence took ~10x longer).
    occ_rec = np.repeat(np.arange(n, dtype=np.int32), lens + 1)[occ_pos]
    lengths = np.bincount(occ_rec, minlength=n).astype(np.int64)
    # Occurrences are grouped by term, in text order inside a term: postings
    # start wherever the term or the record changes.
    new_post = np.ones(len(occ_rec), dtype=bool)
    if len(occ_rec):
        new_post[1:] = (occ_term[1:] != occ_term[:-1]) | (occ_rec[1:] != occ_rec[:-1])
    post_first = np.flatnonzero(new_post)
    del new_post
    counts = np.diff(np.append(post_first, len(occ_rec))).astype(np.int32)
    recs = occ_rec[post_first]
    post_term = occ_term[post_first]
    del occ_term, post_first
    bounds = np.searchsorted(post_term, np.arange(len(w_terms) + len(cjk_firsts) + 1), side="left")
    mask = (1 << _KEY_SHIFT) - 1
    cjk_terms = [chr(k >> _KEY_SHIFT) + (chr((k & mask) - 1) if k & mask else "") for k in cjk_firsts.tolist()]
    occ_pos -= starts[occ_rec].astype(np.int32)  # now offsets inside each record
    # Kept until the whole segment is written: as narrow as the values allow
    # (records in a batch, counts and clause lengths mostly fit 16 bits).
    return GramPostings(w_terms + cjk_terms, bounds.astype(np.int64), _narrow(recs), _narrow(counts),
                        _narrow(occ_pos), lengths)


def _narrow(a: np.ndarray) -> np.ndarray:
    """Non-negative integers in the smallest unsigned type that holds them."""
    top = int(a.max()) if len(a) else 0
    for dtype in (np.uint8, np.uint16, np.uint32):
        if top <= np.iinfo(dtype).max:
            return a.astype(dtype)
    return a.astype(np.uint64)


def _dense(sorted_keys: np.ndarray) -> np.ndarray:
    """0, 1, 2 … numbering of the distinct values of a sorted array, per element."""
    step = np.zeros(len(sorted_keys), dtype=np.int32)
    step[1:] = sorted_keys[1:] != sorted_keys[:-1]
    return np.cumsum(step)


# A phrase matches the text as typed, except that a space stands for any separators (none too: 标准地 承诺制 is
# in 标准地+承诺制 and in 标准地承诺制) and a bracket for any other bracket (a document number 浙政发[2021]12号 is
# printed 浙政发〔2021〕12号). Phrases are normalised first: （）［］ are then ()[].
_OPENING = "〔[(【〖{"
_CLOSING = "〕])】〗}"
_SEPARATORS = f"[^{_CJK}a-z0-9]"


def phrase_pattern(phrase: str) -> re.Pattern | None:
    """What a normalised phrase matches (see above); None if only the phrase itself (a plain substring search)."""
    phrase = phrase.strip()
    if not any(ch.isspace() or ch in _OPENING or ch in _CLOSING for ch in phrase):
        return None
    out = []
    parts = re.split(r"(\s+)", phrase)
    for i, part in enumerate(parts):
        if part.isspace():
            # Two words need a separator still (2017 7 is not 20177).
            between_words = WORD_RUN.match(parts[i - 1][-1:]) and WORD_RUN.match(parts[i + 1][:1])
            out.append(_SEPARATORS + ("+" if between_words else "*"))
            continue
        for ch in part:
            if ch in _OPENING:
                out.append(f"[{re.escape(_OPENING)}]")
            elif ch in _CLOSING:
                out.append(f"[{re.escape(_CLOSING)}]")
            else:
                out.append(re.escape(ch))
    return re.compile("".join(out))


def pieces(norm: str) -> list[str]:
    """The searchable pieces of a normalised literal: CJK runs and Latin/digit words."""
    return PIECE.findall(norm)


def piece_terms(piece: str) -> list[str]:
    """The index terms every clause containing ``piece`` must have."""
    if len(piece) == 1 or not CJK_RUN.fullmatch(piece):
        return [piece]
    return list(dict.fromkeys(map(add, piece, piece[1:])))


def pieces_terms(found: list[str]) -> list[str]:
    """The index terms of several pieces, each once, in order."""
    return list(dict.fromkeys(t for piece in found for t in piece_terms(piece)))


def literal_terms(literal: str) -> list[str]:
    """All index terms for a literal in original script (normalised here)."""
    return pieces_terms(pieces(normalise(literal)))


class GramField(fields.FieldType):
    """A Whoosh field whose value is a ``{term: count}`` mapping, not text.

    Postings carry the term count as their weight; ``search_bulk`` writes
    them (with bigram positions in field ``t``) straight into Whoosh's
    format, so Whoosh's own position lists are never used. The index is
    opened with an explicit schema, so the pickled copy of this class in the
    index's table of contents is never loaded and moving this module cannot
    break an index.
    """

    def __init__(self, field_boost: float = 1.0):
        # Existence stores no per-posting value; the term count travels as the
        # posting's weight, which Whoosh keeps in every block anyway.
        # Not stored, not unique, no vectors, not sortable (Whoosh's defaults); no analyzer: values are counts.
        super().__init__(formats.Existence(field_boost=field_boost), None, scorable=True)

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded value) for each term."""
        for term, freq in value.items():
            yield term.encode("utf-8"), freq, float(freq), b""

    def self_parsing(self) -> bool:
        return False
