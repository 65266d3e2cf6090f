"""Term statistics of the user's whole library, for weighting shared wording.

A bigram that most clauses of the library contain (开发, 推进, 应当) says
little about a clause's subject; one that few contain (链长, 标准地) says a
lot. The weights come from the library the user has, bundled and imported
documents together, so that an imported regulation's own vocabulary (应当,
管理机构, 本条例) is weighed by how common it is there, not by how rare it
was in five bundled policies. Nothing here is a hand list.

Two sources give the same numbers (clause frequency of each bigram):

* ``CorpusStats`` counts them over the corpus's clauses; cached per library
  state (every document's content hash), so it follows imports and removals.
  Counting costs ~0.1 s per 1,000 clauses: used for small libraries.
* ``IndexStats`` asks the search index, which already holds every clause's
  bigrams and is kept current as documents come and go: used for large ones.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from operator import add
from typing import Protocol

from index.compare.wording import matching_text

# A library with more clauses than this takes its statistics from the search index.
SMALL_LIBRARY_CLAUSES = 20_000

_RUN = re.compile(r"[^\W_]+")  # letters, digits and CJK: text between punctuation and spaces


def bigrams(norm: str) -> list[str]:
    """Character bigrams of normalised text, never across punctuation or spaces."""
    out: list[str] = []
    for run in _RUN.findall(norm):
        out.extend(map(add, run, run[1:]))  # pairs of neighbours, at C speed
    return out


class TermStats(Protocol):
    """Clause frequencies of bigrams over a library."""

    key: tuple  # changes whenever the numbers may change (cache key for derived vectors)
    clauses: int

    def df(self, gram: str) -> int: ...


class CorpusStats:
    """Bigram clause frequencies counted over every clause of a corpus."""

    def __init__(self, corpus, key: tuple | None = None):
        counts: Counter[str] = Counter()
        n = 0
        for clause in corpus.all_clauses():
            n += 1
            counts.update(set(bigrams(matching_text(clause.text))))
        self._df = counts
        self.clauses = n
        self.key = ("corpus", key if key is not None else library_key(corpus))

    def df(self, gram: str) -> int:
        return self._df.get(gram, 0)


class IndexStats:
    """Bigram clause frequencies read from the search index (``SearchIndex.term_frequency``)."""

    def __init__(self, search_index):
        self._index = search_index
        self.clauses = search_index.record_count()
        self.key = ("index", search_index.generation_key())
        self._cache: dict[str, int] = {}

    def df(self, gram: str) -> int:
        hit = self._cache.get(gram)
        if hit is None:
            hit = self._cache[gram] = self._index.term_frequency(gram)
        return hit


def library_key(corpus) -> tuple:
    """Identity of a library's state: every document's id and content hash."""
    return tuple((d.id, d.content_hash) for d in corpus.documents())


_lock = threading.Lock()
_cache: dict[tuple, CorpusStats] = {}


def corpus_stats(corpus) -> CorpusStats:
    """``CorpusStats`` of the corpus as it is now (recounted after any document changes)."""
    key = library_key(corpus)
    with _lock:
        hit = _cache.get(key)
        if hit is None:
            if len(_cache) >= 4:
                _cache.pop(next(iter(_cache)))
            hit = _cache[key] = CorpusStats(corpus, key)
        return hit


def stats_for(corpus, search_index=None) -> TermStats:
    """The statistics to use for ``corpus``: counted for a small library, else from its search index."""
    if search_index is not None:
        try:
            if search_index.record_count() > SMALL_LIBRARY_CLAUSES:
                return IndexStats(search_index)
        except Exception:  # noqa: BLE001 - an index that cannot answer: count instead
            pass
    return corpus_stats(corpus)


class Idf:
    """Inverse clause frequency of bigrams, from ``TermStats`` (memoised per bigram)."""

    def __init__(self, stats: TermStats):
        self.stats = stats
        self.n = max(stats.clauses, 1)
        self._memo: dict[str, float] = {}

    def __call__(self, gram: str) -> float:
        hit = self._memo.get(gram)
        if hit is None:
            # No +1 floor: a bigram in nearly every clause weighs nearly nothing.
            hit = self._memo[gram] = max(0.0, math.log((self.n + 1) / (self.stats.df(gram) + 0.5)))
        return hit
