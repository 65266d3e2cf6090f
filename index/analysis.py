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
