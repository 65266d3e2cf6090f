"""Running a parsed query against one open index generation.

Postings come from Whoosh, a block at a time, into numpy arrays of clause
records; intersections, BM25 and facets are array operations. Only the
phrase check (is the string really there, not just its bigrams?) touches
text, and only for candidates that hold every bigram.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from functools import reduce

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from index.analysis import CJK_RUN, piece_terms, pieces
from index.query import Literal, ParsedQuery
from index.search_store import Side
from index.text import normalise

K1, B = 1.2, 0.75
#: A match in the clause heading counts this many times a match in its text.
HEAD_BOOST = 2.0
_EMPTY = np.zeros(0, dtype=np.int64)
_CACHE_TERMS = 512


def _block_arrays(m) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Every posting of a Whoosh matcher as (ids, weights) arrays."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    if isinstance(m, FilterMatcher):
        m = m.child  # deleted documents map to record -1 and drop out later
    if isinstance(m, W3LeafMatcher):
        # Whoosh keeps each block as a pickled (id deltas, weights, values)
        # tuple; decoding it whole is ~50x faster than next()/id() per posting.
        while True:
            if m._data is None:  # noqa: SLF001 - whoosh-reloaded is pinned
                m._read_data()  # noqa: SLF001
            deltas, wts = m._data[0], m._data[1]  # noqa: SLF001
            block = np.cumsum(np.asarray(deltas, dtype=np.int64))
            ids.append(block)
            if wts is None:
                weights.append(np.ones(len(block)))
            elif isinstance(wts, float):
                weights.append(np.full(len(block), wts))
            else:
                weights.append(np.asarray(wts, dtype=np.float64))
            if m._lastblock:  # noqa: SLF001
                break
            m._goto(m._nextoffset)  # noqa: SLF001
    else:  # inlined or list postings
        got_i, got_w = [], []
        while m.is_active():
            got_i.append(m.id())
            got_w.append(m.weight())
            m.next()
        ids.append(np.asarray(got_i, dtype=np.int64))
        weights.append(np.asarray(got_w, dtype=np.float64))
    return ids, weights


class Executor:
    """Answers parsed queries with (records, scores) over one generation."""

    def __init__(self, searcher, side: Side):
        self.side = side
        self.leaves = list(searcher.reader().leaf_readers())
        self.n = len(side.cids)
        avgdl = float(side.lengths.mean()) if self.n else 1.0
        # The BM25 length normalisation per record, computed once.
        self.norm_t = K1 * (1 - B + B * side.lengths / max(avgdl, 1.0))
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()

    # -- postings ------------------------------------------------------------
    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(records, term counts) of ``term`` in ``field``; records sorted."""
        key = (field, term)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        tb = term.encode("utf-8")
        all_ids, all_w = [], []
        for leaf, offset in self.leaves:
            try:
                matcher = leaf.postings(field, tb)
            except TermNotFound:
                continue
            ids, weights = _block_arrays(matcher)
            all_ids.extend(i + offset for i in ids)
            all_w.extend(weights)
        if all_ids:
            recs = self.side.docrec[np.concatenate(all_ids)]
            tf = np.concatenate(all_w)
            keep = recs >= 0
            result = (recs[keep], tf[keep])
        else:
            result = (_EMPTY, np.zeros(0))
        self._cache[key] = result
        if len(self._cache) > _CACHE_TERMS:
            self._cache.popitem(last=False)
        return result

    def _bm25(self, term: str, recs: np.ndarray) -> np.ndarray:
        """BM25 of ``term`` for each of ``recs`` (all of which contain it), plus the heading boost."""
        trecs, tf = self.postings("t", term)
        df = max(len(trecs), 1)
        idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        tf_r = tf[np.searchsorted(trecs, recs)]
        score = idf * tf_r * (K1 + 1) / (tf_r + self.norm_t[recs])
        hrecs, htf = self.postings("h", term)
        if len(hrecs):
            at = np.minimum(np.searchsorted(hrecs, recs), len(hrecs) - 1)
            inhead = hrecs[at] == recs
            score = score + HEAD_BOOST * idf * np.where(inhead, htf[at] * (K1 + 1) / (htf[at] + K1), 0.0)
        return score

    # -- literals ------------------------------------------------------------
    def literal(self, lit: Literal, score: bool = True) -> tuple[np.ndarray, np.ndarray] | None:
        """Records containing the literal, with scores; None if it has nothing searchable."""
        norm = normalise(lit.text)
        found = pieces(norm)
        if not found:
            return None
        terms = list(dict.fromkeys(t for p in found for t in piece_terms(p)))
        lists = sorted((self.postings("t", t)[0] for t in terms), key=len)
        recs = reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), lists) if len(lists) > 1 else lists[0]
        # Bigrams prove adjacency only for two characters; longer strings and
        # phrases with punctuation are confirmed against the clause text.
        checks = [p for p in found if len(p) > 2 and CJK_RUN.fullmatch(p)]
        phrase = norm.strip()
        if lit.phrase and (len(found) > 1 or phrase != found[0]):
            checks = [phrase]
        if checks and len(recs):
            recs = self._confirm(recs, checks)
        if not score:
            return recs, np.zeros(len(recs))
        scores = np.zeros(len(recs))
        for t in terms:
            scores += self._bm25(t, recs)
        return recs, scores

    def _confirm(self, recs: np.ndarray, strings: list[str]) -> np.ndarray:
        text, starts, ends = self.side.text, self.side.starts, self.side.ends
        find = text.find
        keep = [r for r, s, e in zip(recs.tolist(), starts[recs].tolist(), ends[recs].tolist(), strict=True)
                if all(find(q, s, e) >= 0 for q in strings)]
        return np.asarray(keep, dtype=np.int64)

    # -- whole queries -------------------------------------------------------
    def run(self, parsed: ParsedQuery, allowed_docs: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, bool]:
        """(records, scores, had_terms) for a parsed query, before ranking."""
        recs: np.ndarray | None = None
        scores: np.ndarray | None = None
        had_terms = False
        for group in parsed.groups:
            parts = [r for r in (self.literal(lit) for lit in group) if r is not None]
            if not parts:
                continue
            had_terms = True
            g_recs, g_scores = _union(parts)
            if recs is None:
                recs, scores = g_recs, g_scores
            else:
                common = np.intersect1d(recs, g_recs, assume_unique=True)
                scores = scores[np.searchsorted(recs, common)] + g_scores[np.searchsorted(g_recs, common)]
                recs = common
        if recs is None:
            if parsed.groups and not parsed.filters:
                return _EMPTY, np.zeros(0), False
            recs, scores = np.arange(self.n, dtype=np.int64), np.zeros(self.n)
        for lit in parsed.excluded:
            got = self.literal(lit, score=False)
            if got is not None and len(got[0]):
                keep = ~np.isin(recs, got[0], assume_unique=True)
                recs, scores = recs[keep], scores[keep]
        if allowed_docs is not None:
            keep = np.isin(self.side.doc_of[recs], allowed_docs)
            recs, scores = recs[keep], scores[keep]
        return recs, scores, had_terms

    def rank(self, recs: np.ndarray, scores: np.ndarray, upto: int) -> np.ndarray:
        """The first ``upto`` records by score, ties in document order."""
        rounded = -np.round(scores, 6)
        if len(recs) > max(4 * upto, 1000):
            cut = np.partition(rounded, upto - 1)[upto - 1]
            pick = np.flatnonzero(rounded <= cut)
            recs, rounded = recs[pick], rounded[pick]
        order = np.lexsort((self.side.order[recs], rounded))
        return recs[order[:upto]]

    def facets(self, recs: np.ndarray) -> dict[str, dict[str, int]]:
        docs = self.side.meta["docs"]
        counts = np.bincount(self.side.doc_of[recs], minlength=len(docs))
        by_doc: dict[str, int] = {}
        by_region: dict[str, int] = {}
        for i in np.flatnonzero(counts).tolist():
            c = int(counts[i])
            by_doc[docs[i]["id"]] = c
            by_region[docs[i]["region"]] = by_region.get(docs[i]["region"], 0) + c
        return {"region": dict(sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0]))),
                "doc": dict(sorted(by_doc.items(), key=lambda kv: (-kv[1], kv[0])))}


def _union(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    if len(parts) == 1:
        return parts[0]
    recs, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    return recs, np.bincount(inverse, weights=np.concatenate([p[1] for p in parts]), minlength=len(recs))
