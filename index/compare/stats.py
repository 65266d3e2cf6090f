"""Term statistics of the user's whole library, for weighting shared wording.

A bigram that most clauses of the library contain (开发, 推进, 应当) says
little about a clause's subject; one that few contain (链长, 标准地) says a
lot. The weights come from the library the user has, bundled and imported
documents together, so that an imported regulation's own vocabulary (应当,
管理机构, 本条例) is weighed by how common it is there, not by how rare it
was in five bundled policies. Nothing here is a hand list.

Two sources give the same numbers (clause frequency of each bigram):

* ``CorpusStats`` counts them over the corpus's clauses, per document, so it
  follows imports and removals by counting only the documents that changed
  (~0.1 s per 1,000 clauses: a whole library once, then a few milliseconds
  per imported document): used for small and mid-size libraries.
* ``IndexStats`` asks the search index, which already holds every clause's
  bigrams and is kept current as documents come and go: used for large ones.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections import Counter
from itertools import filterfalse
from typing import Protocol

import numpy as np

from index.compare.wording import bigrams, matching_text

# A library with more clauses than this takes its statistics from the search index.
SMALL_LIBRARY_CLAUSES = 20_000
STORED_NAME = "compare-df"  # the manifest's ``derived`` entry holding the frequencies asked of the index
STORED_TERMS = 100_000  # at most this many kept (~1.5 MB, read in ~10 ms)



class TermStats(Protocol):
    """Clause frequencies of bigrams over a library."""

    key: tuple  # changes whenever the numbers may change (cache key for derived vectors)
    clauses: int

    def df(self, gram: str) -> int: ...


class CorpusStats:
    """Bigram clause frequencies over every clause of a corpus: a snapshot of ``_Counts`` for one library state."""

    def __init__(self, counts: np.ndarray, vocab: dict[str, int], clauses: int, key: tuple,
                 documents: dict[str, tuple[np.ndarray, np.ndarray, float]]):
        self._counts = counts
        self._vocab = vocab
        self._documents = documents
        self.clauses = clauses
        self.key = ("corpus", key)

    def df(self, gram: str) -> int:
        i = self._vocab.get(gram)
        return int(self._counts[i]) if i is not None and i < len(self._counts) else 0

    def document_scores(self, weights: dict[str, float]) -> dict[str, float]:
        """How much of a weighted set of bigrams each document holds (cosine-like, from its clause counts).

        For each document: Σ weight × (how many of its clauses contain the
        bigram), over the length of its count vector. Cheap (no per-clause
        work): picks the documents most like a clause on a library without a
        search index.
        """
        ids = [(self._vocab[g], w) for g, w in weights.items() if g in self._vocab]
        if not ids:
            return {d: 0.0 for d in self._documents}
        wanted = np.array([i for i, _ in ids], dtype=np.int64)
        w = np.array([x for _, x in ids])
        out = {}
        for doc_id, (sorted_ids, counts, norm) in self._documents.items():
            at = np.minimum(np.searchsorted(sorted_ids, wanted), len(sorted_ids) - 1)
            found = sorted_ids[at] == wanted if len(sorted_ids) else np.zeros(len(wanted), bool)
            out[doc_id] = float((w * np.where(found, counts[at], 0)).sum() / norm) if norm else 0.0
        return out


class _Counts:
    """Running bigram clause frequencies, kept per document so that an import counts only what it adds.

    Each document's contribution (bigram ids and how many of its clauses
    contain each) is kept as two small integer arrays keyed by the
    document's id and content hash; the library's totals are updated by
    adding the documents that appeared and subtracting those that went or
    changed. Counting a 300-document library from scratch takes ~1 s; the
    first comparison after importing a document then costs only that
    document.
    """

    def __init__(self):
        self.vocab: dict[str, int] = {}
        self.totals = np.zeros(1024, dtype=np.int64)
        self.clauses = 0
        self.docs: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, int]] = {}
        self.profiles: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, float]] = {}
        self.current: frozenset[tuple[str, str]] = frozenset()

    def _count(self, corpus, doc_id: str) -> tuple[np.ndarray, np.ndarray, int]:
        counts: Counter[str] = Counter()
        n = 0
        for clause in corpus.clauses(doc_id):
            n += 1
            counts.update(set(bigrams(matching_text(clause.text))))
        vocab = self.vocab
        ids = np.fromiter((vocab.setdefault(g, len(vocab)) for g in counts), dtype=np.int64, count=len(counts))
        return ids, np.fromiter(counts.values(), dtype=np.int64, count=len(counts)), n

    def _apply(self, part: tuple[np.ndarray, np.ndarray, int], sign: int) -> None:
        ids, values, n = part
        if len(self.vocab) > len(self.totals):
            grown = np.zeros(max(2 * len(self.totals), len(self.vocab)), dtype=np.int64)
            grown[: len(self.totals)] = self.totals
            self.totals = grown
        np.add.at(self.totals, ids, sign * values)
        self.clauses += sign * n

    def snapshot(self, corpus, key: tuple) -> CorpusStats:
        wanted = frozenset((doc_id, content_hash) for doc_id, content_hash in key)
        for gone in self.current - wanted:
            self._apply(self.docs.pop(gone), -1)
            self.profiles.pop(gone, None)
        for new in wanted - self.current:
            ids, values, n = part = self.docs[new] = self._count(corpus, new[0])
            self._apply(part, +1)
            order = np.argsort(ids)
            self.profiles[new] = (ids[order], values[order], float(np.sqrt((values.astype(float) ** 2).sum())))
        self.current = wanted
        return CorpusStats(self.totals[: len(self.vocab)].copy(), self.vocab, self.clauses, key,
                           {doc_id: self.profiles[(doc_id, h)] for doc_id, h in key})


def library_key(corpus) -> tuple:
    """Identity of a library's state: every document's id and content hash."""
    return tuple((d.id, d.content_hash) for d in corpus.documents())


_lock = threading.Lock()
_cache: dict[tuple, CorpusStats] = {}
_running = _Counts()


def corpus_stats(corpus) -> CorpusStats:
    """``CorpusStats`` of the corpus as it is now (after a change, only the documents that changed are counted)."""
    key = library_key(corpus)
    with _lock:
        hit = _cache.get(key)
        if hit is None:
            if len(_cache) >= 4:
                _cache.pop(next(iter(_cache)))
            hit = _cache[key] = _running.snapshot(corpus, key)
        return hit


class IndexStats:
    """Bigram clause frequencies read from the search index (``SearchIndex.term_frequency``).

    A comparison on 3,500 documents asks for ~10,000 bigrams, a tenth of
    its time in the index's term dictionary. The frequencies asked are kept
    in the library manifest (``derived``, under the index generation's key:
    they hold until the index changes) by ``keep``, and the next command
    reads them from there: the first comparison after an import asks the
    index, the next ones mostly do not.
    """

    def __init__(self, search_index, manifest=None):
        self._index = search_index
        self.clauses = search_index.record_count()
        self.key = ("index", search_index.generation_key())
        self._manifest = manifest
        self._cache: dict[str, int] = self._stored()
        self._asked = 0  # frequencies read from the index since the last ``keep``

    def df(self, gram: str) -> int:
        hit = self._cache.get(gram)
        if hit is None:
            hit = self._cache[gram] = self._index.term_frequency(gram)
            self._asked += 1
        return hit

    def _stored(self) -> dict[str, int]:
        if self._manifest is None:
            return {}
        try:
            text = self._manifest.derived(STORED_NAME, self.key[1])
            stored = json.loads(text) if text else {}
        except (sqlite3.Error, ValueError):  # a locked manifest, a damaged value: a cache, asked again
            return {}
        return stored if isinstance(stored, dict) else {}

    def keep(self) -> None:
        """Store the frequencies known so far, the latest ``STORED_TERMS`` (nothing if none was new)."""
        if self._manifest is None or not self._asked:
            return
        items = list(self._cache.items())[-STORED_TERMS:]
        self._manifest.put_derived(STORED_NAME, self.key[1],
                                   json.dumps(dict(items), ensure_ascii=False, separators=(",", ":")))
        self._asked = 0


def stats_for(corpus, search_index=None) -> TermStats:
    """The statistics to use for ``corpus``: counted for a small library, else from its search index."""
    if search_index is not None:
        try:
            if search_index.record_count() > SMALL_LIBRARY_CLAUSES:
                return IndexStats(search_index, getattr(corpus, "manifest", None))
        except Exception:  # noqa: BLE001 - an index that cannot answer: count instead
            pass
    return corpus_stats(corpus)


def keep(stats: TermStats) -> None:
    """Store what ``stats`` looked up for the next command, if it is kept anywhere (``IndexStats.keep``)."""
    keep_it = getattr(stats, "keep", None)
    if keep_it is not None:
        keep_it()


class Idf:
    """Inverse clause frequency of bigrams, from ``TermStats`` (memoised per bigram)."""

    def __init__(self, stats: TermStats):
        self.stats = stats
        self.n = max(stats.clauses, 1)
        self._memo: dict[str, float] = {}
        self._by_df: dict[int, float] = {}  # the weight of each frequency met (``_weights``)

    def __call__(self, gram: str) -> float:
        hit = self._memo.get(gram)
        if hit is None:
            hit = self._memo[gram] = self._weights([self.stats.df(gram)])[0]
        return hit

    def _weights(self, dfs: list[int]) -> list[float]:
        """The weight of each clause frequency of ``dfs``.

        A function of the frequency alone, so computed once per distinct one (a comparison's ~10,000 bigrams
        have ~1,500): the same expression, the same floats.
        """
        by_df = self._by_df
        for df in set(dfs).difference(by_df):
            # No +1 floor: a bigram in nearly every clause weighs nearly nothing.
            by_df[df] = max(0.0, math.log((self.n + 1) / (df + 0.5)))
        return list(map(by_df.__getitem__, dfs))

    def weights(self, grams) -> list[float]:
        """The weight of each bigram of ``grams``, in order (``__call__``'s, the same floats)."""
        try:
            return list(map(self._memo.__getitem__, grams))  # most often every one is known: one pass, at C speed
        except KeyError:
            return list(map(self.table(grams).__getitem__, grams))

    def table(self, grams) -> dict[str, float]:
        """The memo, holding the weight of every bigram of ``grams`` (for loops that weigh thousands at once)."""
        memo = self._memo
        new = list(filterfalse(memo.__contains__, grams))  # at C speed, in order (~1,000 calls a comparison)
        if new:
            memo.update(zip(new, self._weights(list(map(self.stats.df, new))), strict=True))
        return memo
