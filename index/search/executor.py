"""Running a parsed query against one open index generation.

Postings come from Whoosh, a block at a time, into numpy arrays of clause
records; intersections, BM25 and facets are array operations. Whether a
string of 3+ characters is really there (not just its bigrams) is proved by
bigram positions when there are many candidates, else by reading the
candidates' normalised text; phrases across punctuation always by the text.
"""

from __future__ import annotations

import functools
import math
from collections import OrderedDict
from functools import reduce
from typing import TYPE_CHECKING

import numpy as np
from whoosh.reading import TermNotFound

from index.base.text import normalise
from index.search.analysis import CJK_RUN, phrase_pattern, pieces, pieces_terms
from index.search.postings import block_arrays
from index.search.rows import Side

if TYPE_CHECKING:  # the parsed queries of a search; a comparison's ``similar`` loads no query parser
    from index.search.query import Literal, ParsedQuery

K1, B = 1.2, 0.75
#: A match in the clause heading counts this many times a match in its text.
HEAD_BOOST = 2.0
_EMPTY = np.zeros(0, dtype=np.int64)
_CACHE_TERMS = 512
_CACHE_POSITIONS = 64
#: Above this many candidates, strings of 3+ characters are proved by positions, not by the text.
TEXT_CHECK_MAX = 2000
#: A long string's rarest bigrams are read until this few candidates remain (``Executor._few``).
FEW = 300
#: ``similar`` sorts this many best records first, the rest only if it reads past them. A comparison's query at
#: 3,440 documents reaches ~276,000 records and reads ~120: 1,024 against 4,096 took ``similar`` 16.5 → 12.1 ms.
BEST_FIRST = 1024


class Executor:
    """Answers parsed queries with (records, scores) over one generation."""

    def __init__(self, reader, side: Side):
        self.side = side
        self.leaves = list(reader.leaf_readers())
        # The segments holding a record: one whose documents are all deleted (an update replaced them) is left by
        # its postings' reads; Whoosh would walk every one of its postings to find none alive (each term's matcher
        # skips to its first live document). Its term statistics still count (``doc_frequency``).
        self._live = [(leaf, offset) for leaf, offset in self.leaves if leaf.doc_count()]
        self.n = side.n
        self.deletions = any(leaf.has_deletions() for leaf, _ in self.leaves)
        # A generation built whole and never updated numbers its records as Whoosh numbers its documents: a term's
        # postings are then its records as they are (no lookup, nothing deleted to drop). One pass here instead
        # of two over every term's postings (~890,000 for a comparison's query at 3,440 documents).
        docrec = side.docrec
        self._same_numbers = bool(len(docrec) == 0 or (docrec[0] == 0 and (np.diff(docrec) == 1).all()))
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._pos_cache: OrderedDict[str, np.ndarray | None] = OrderedDict()
        self._facet_keys: tuple | None = None
        self._bitmap: np.ndarray | None = None  # a scratch bitmap over text offsets, for _located

    @functools.cached_property
    def norm_t(self) -> np.ndarray:
        """The BM25 length normalisation per record, computed once (when a search first needs it: a comparison's
        ``similar`` does not)."""
        avgdl = float(self.side.lengths.mean()) if self.n else 1.0
        return K1 * (1 - B + B * self.side.lengths / max(avgdl, 1.0))

    def warm(self) -> None:
        """Touch the scratch bitmap (one byte per character of the library: ~58 MB for 3,500 documents) now,
        off the GUI thread, so that the first query does not fault its pages in; a one-query process
        (the CLI) does not call this and pays only for the pages it touches), and make the BM25 lengths and
        what the hits read (``Side.warm``)."""
        self._scratch().fill(False)
        self.norm_t  # noqa: B018 - made here, off the GUI thread
        self.side.warm()

    def _scratch(self) -> np.ndarray:
        if self._bitmap is None:
            self._bitmap = np.zeros(self.side.text_chars + 2, dtype=bool)  # calloc: pages zeroed when touched
        return self._bitmap

    # -- postings ------------------------------------------------------------
    def postings(self, field: str, term: str, cached: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(records, term counts) of ``term`` in ``field``; records sorted.

        Kept for the next query unless not ``cached`` (a term read once: its arrays are then freed after use).
        """
        key = (field, term)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        tb = term.encode("utf-8")
        all_ids, all_w = [], []
        for leaf, offset in self._live:
            try:
                matcher = leaf.postings(field, tb)
            except TermNotFound:
                continue
            ids, weights, _ = block_arrays(matcher)
            all_ids.extend(i + offset for i in ids)
            all_w.extend(weights)
        if all_ids:
            ids = np.concatenate(all_ids)
            tf = np.concatenate(all_w)
            if self._same_numbers:
                result = (ids, tf)
            else:
                recs = self.side.docrec[ids]
                keep = recs >= 0  # a deleted record is -1: most often there is none to drop (no copy then)
                result = (recs, tf) if keep.all() else (recs[keep], tf[keep])
        else:
            result = (_EMPTY, np.zeros(0))
        if not cached:
            return result
        self._cache[key] = result
        if len(self._cache) > _CACHE_TERMS:
            self._cache.popitem(last=False)
        return result

    def doc_frequency(self, field: str, term: str) -> int:
        """How many records hold ``term`` in ``field`` (Whoosh's term info; deleted records may still count)."""
        tb = term.encode("utf-8")
        return sum(leaf.doc_frequency(field, tb) for leaf, _ in self.leaves)

    def similar(self, terms: dict[str, float], per_doc: int, limit: int,
                allowed_docs: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Records sharing the weighted terms, best first: at most ``per_doc`` per document, ``limit`` in all.

        Args:
            terms: term of field ``t`` → weight (a clause's most distinctive bigrams).
            per_doc: keep this many records of any one document.
            limit: keep this many records in all.
            allowed_docs: document indexes (``side.doc_of`` values) to keep; None: all.
        """
        score = np.zeros(self.n)
        for term, weight in terms.items():
            # Not kept: a comparison's bigrams are its own (the next comparison shares few). Kept, they were ~14 MB
            # of a comparison at 3,440 documents (~3,500 page faults, ~2% of `zoneref compare`), and an app's 512
            # kept terms ~60 MB after 28 comparisons, for ~1 ms of each next comparison's ~20 ms index query.
            recs, tf = self.postings("t", term, cached=False)
            if len(recs):
                score[recs] += weight * np.minimum(tf, 3)
        recs = np.flatnonzero(score)
        if allowed_docs is not None:
            recs = recs[np.isin(self.side.doc_of[recs], allowed_docs)]
        out, taken = [], {}
        for part in _best_first(recs, score[recs]):
            for lo in range(0, len(part), BEST_FIRST):
                chunk = part[lo:lo + BEST_FIRST]  # records, their documents and scores as lists, a chunk at a time
                for rec, d, x in zip(chunk.tolist(), self.side.doc_of[chunk].tolist(), score[chunk].tolist(),
                                     strict=True):
                    if taken.get(d, 0) >= per_doc:
                        continue
                    taken[d] = taken.get(d, 0) + 1
                    out.append((rec, x))
                    if len(out) >= limit:
                        return out
        return out

    def starts(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Where a bigram of field ``t`` occurs: ascending offsets in the side table's record text space, and their records.

        None if the index holds no positions for it (then the text is checked).
        """
        hit = self._pos_cache.get(term)
        if hit is not None or term in self._pos_cache:
            self._pos_cache.move_to_end(term)
            return hit
        tb = term.encode("utf-8")
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        result: tuple[np.ndarray, np.ndarray] | None = (_EMPTY, _EMPTY)
        for leaf, offset in self._live:
            try:
                matcher = leaf.postings("t", tb)
            except TermNotFound:
                continue
            ids, weights, values = block_arrays(matcher, with_values=True)
            if values is None:
                result = None
                break
            recs = self.side.docrec[np.concatenate(ids) + offset]
            tf = np.concatenate(weights).astype(np.int64)
            local = np.concatenate(values)
            if len(local) != int(tf.sum()):
                result = None
                break
            rec_each = np.repeat(recs, tf)
            keep = rec_each >= 0
            rec_each = rec_each[keep]
            parts.append((self.side.starts[rec_each] + local[keep], rec_each))
        if result is not None and parts:
            if len(parts) == 1:
                result = parts[0]
            else:  # segments (and record numbers across them) need not be in order
                at = np.concatenate([p[0] for p in parts])
                order = np.argsort(at, kind="stable")
                result = (at[order], np.concatenate([p[1] for p in parts])[order])
        self._pos_cache[term] = result
        if len(self._pos_cache) > _CACHE_POSITIONS:
            self._pos_cache.popitem(last=False)
        return result

    def _located(self, piece: str, candidates: np.ndarray) -> np.ndarray | None:
        """Records that contain the CJK run ``piece`` (3+ characters), from bigram positions.

        Bigrams chosen to cover every character (``_cover``) must each occur
        where they should relative to one start; then the run is there. None
        if positions are missing (an old segment): the caller reads the text.
        """
        wanted = np.zeros(self.n, dtype=bool)
        wanted[candidates] = True
        lists = []
        for o in self._cover(piece):
            got = self.starts(piece[o:o + 2])
            if got is None:
                return None
            # Only occurrences in candidate records matter; dropping the rest
            # first (a small per-record table) spares the big bitmap below.
            keep = wanted[got[1]]
            lists.append((got[0][keep] - o, got[1][keep]))
        lists.sort(key=lambda pair: len(pair[0]))
        found, recs = lists[0]
        bitmap = self._scratch()
        for other, _ in lists[1:]:
            if not len(found):
                break
            other = other[other >= 0]
            bitmap[other] = True  # a scratch bitmap over text offsets, cleared again below
            keep = bitmap[np.maximum(found, 0)] & (found >= 0)
            bitmap[other] = False
            found, recs = found[keep], recs[keep]
        return _distinct(recs)

    def _cover(self, piece: str) -> list[int]:
        """Offsets of the cheapest bigrams of ``piece`` that cover every character.

        Bigram ``i`` covers characters ``i`` and ``i + 1``; chosen offsets may
        be at most 2 apart and must include the first and the last. Cost is
        the bigram's document frequency (how many positions to read).
        """
        costs = [len(self.postings("t", piece[i:i + 2])[0]) for i in range(len(piece) - 1)]
        best: list[tuple[int, list[int]]] = []
        for i, cost in enumerate(costs):
            prev = [best[j] for j in (i - 1, i - 2) if j >= 0]
            base = min(prev, key=lambda b: b[0]) if prev else (0, [])
            best.append((base[0] + cost, [*base[1], i]))
        return best[-1][1]

    def _bm25(self, term: str, recs: np.ndarray) -> np.ndarray:
        """BM25 of ``term`` for each of ``recs`` (all of which contain it), plus the heading boost."""
        trecs, tf = self.postings("t", term)
        df = max(len(trecs), 1)
        idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        # Dense per-record arrays: scattering and gathering beats binary search.
        dense = np.zeros(self.n)
        dense[trecs] = tf
        tf_r = dense[recs]
        score = idf * tf_r * (K1 + 1) / (tf_r + self.norm_t[recs])
        hrecs, htf = self.postings("h", term)
        if len(hrecs):
            dense = np.zeros(self.n)
            dense[hrecs] = htf * (K1 + 1) / (htf + K1)
            score = score + HEAD_BOOST * idf * dense[recs]
        return score

    # -- literals ------------------------------------------------------------
    def literal(self, lit: Literal, score: bool = True) -> tuple[np.ndarray, np.ndarray] | None:
        """Records containing the literal, with scores; None if it has nothing searchable."""
        norm = normalise(lit.text)
        found = pieces(norm)
        if not found:
            return None
        terms = pieces_terms(found)
        quick = self._few(found, terms, norm, lit.phrase)
        if quick is not None:
            recs = quick
            if not score:
                return recs, np.zeros(len(recs))
            return recs, self._scores_from_text(recs, terms)
        lists = sorted((self.postings("t", t)[0] for t in terms), key=len)
        recs = reduce(_intersect, lists) if len(lists) > 1 else lists[0]
        # Bigrams prove adjacency only for two characters. Longer strings are
        # proved by bigram positions when there are many candidates, else by
        # reading the candidates' text (cheaper for a few hundred).
        checks = [p for p in found if len(p) > 2 and CJK_RUN.fullmatch(p)]
        if len(recs) > TEXT_CHECK_MAX:
            for piece in list(checks):
                located = self._located(piece, recs)
                if located is not None:
                    recs = _intersect(recs, located)
                    checks.remove(piece)
        phrase = norm.strip()
        if lit.phrase and (len(found) > 1 or phrase != found[0]):
            checks = [phrase]  # spans punctuation or spaces: only the text can tell
        if checks and len(recs):
            recs = self._confirm(recs, checks)
        if not score:
            return recs, np.zeros(len(recs))
        scores = np.zeros(len(recs))
        for t in terms:
            scores += self._bm25(t, recs)
        return recs, scores

    def _few(self, found: list[str], terms: list[str], norm: str, phrase: bool) -> np.ndarray | None:
        """The records of a long literal read from its rarest bigrams' postings only, then its text; None if not fit.

        A string of many characters has common bigrams (管理, 部门: tens of
        thousands of postings each) and rare ones. Reading the rarest lists
        until a few hundred candidates remain, then checking each candidate's
        text for every piece, gives the same records as intersecting every
        list, without inflating the common ones. Only for CJK pieces (words
        are whole-word terms, which a substring check would not match) and
        an index without deletions (the term table's document frequencies
        then equal the posting lists' lengths, so scores stay the same).
        """
        if len(terms) < 3 or self.deletions or not all(CJK_RUN.fullmatch(p) for p in found):
            return None
        dfs = {t: self.doc_frequency("t", t) for t in terms}
        if not all(dfs.values()):
            return _EMPTY
        recs = None
        for t in sorted(terms, key=dfs.get):
            got = self.postings("t", t)[0]
            recs = got if recs is None else _intersect(recs, got)
            if len(recs) <= FEW:
                break
        if len(recs) > FEW:
            return None
        checks = [norm.strip()] if phrase and (len(found) > 1 or norm.strip() != found[0]) else found
        return self._confirm(recs, checks)

    def _scores_from_text(self, recs: np.ndarray, terms: list[str]) -> np.ndarray:
        """BM25 (with the heading boost) of a few records, their term counts read from their texts."""
        scores = np.zeros(len(recs))
        norms = [self.side.norm(r) for r in recs.tolist()]
        lengths = self.norm_t[recs]
        for term in terms:
            df = max(self.doc_frequency("t", term), 1)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            tf = np.fromiter((_count(text, term) for text in norms), dtype=np.float64, count=len(norms))
            scores += idf * tf * (K1 + 1) / (tf + lengths)
            hrecs, htf = self.postings("h", term)
            if len(hrecs):
                dense = np.zeros(self.n)
                dense[hrecs] = htf * (K1 + 1) / (htf + K1)
                scores += HEAD_BOOST * idf * dense[recs]
        return scores

    def _confirm(self, recs: np.ndarray, strings: list[str]) -> np.ndarray:
        """The records whose normalised text holds every string (a phrase as ``phrase_pattern`` reads it)."""
        find, norm = self.side.find, self.side.norm
        for q in strings:
            pattern = phrase_pattern(q)
            if pattern is None:
                recs = np.asarray([r for r in recs.tolist() if find(q, r)], dtype=np.int64)
            else:
                recs = np.asarray([r for r in recs.tolist() if pattern.search(norm(r))], dtype=np.int64)
        return recs

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
                common = _intersect(recs, g_recs)
                scores = scores[np.searchsorted(recs, common)] + g_scores[np.searchsorted(g_recs, common)]
                recs = common
        if recs is None:
            if parsed.groups and not parsed.filters:
                return _EMPTY, np.zeros(0), False
            recs, scores = np.arange(self.n, dtype=np.int64), np.zeros(self.n)
        for lit in parsed.excluded:
            got = self.literal(lit, score=False)
            if got is not None and len(got[0]):
                keep = ~_member(recs, got[0])
                recs, scores = recs[keep], scores[keep]
        if allowed_docs is not None:
            ok = np.zeros(len(self.side.meta["docs"]), dtype=bool)
            ok[allowed_docs] = True
            keep = ok[self.side.doc_of[recs]]
            recs, scores = recs[keep], scores[keep]
        return recs, scores, had_terms

    def rank(self, recs: np.ndarray, scores: np.ndarray, upto: int) -> np.ndarray:
        """Indices into ``recs`` of the first ``upto`` records: the clauses that say something by score, then
        the signposts (a heading over its clauses, ``rows.signpost``) by score; ties in document order."""
        rounded = -np.round(scores, 6)
        if len(recs):  # signposts after every other hit: their keys past the largest of the rest
            rounded = rounded + self.side.signpost[recs] * (float(rounded.max() - rounded.min()) + 1.0)
        pick = np.arange(len(recs))
        if len(recs) > max(4 * upto, 1000):
            cut = np.partition(rounded, upto - 1)[upto - 1]
            pick = np.flatnonzero(rounded <= cut)
        order = np.lexsort((self.side.order[recs[pick]], rounded[pick]))
        return pick[order[:upto]]

    def facets(self, recs: np.ndarray) -> dict[str, dict[str, int]]:
        """Hits per region and per document, most first; ties of regions in the provinces' official order
        (``regions.region_key``), of documents by id."""
        if self._facet_keys is None:
            from index.library.regions import region_key

            docs = self.side.meta["docs"]
            regions = sorted({d["region"] for d in docs}, key=region_key)
            region_ix = {r: i for i, r in enumerate(regions)}
            self._facet_keys = (
                [d["id"] for d in docs], np.argsort(np.argsort([d["id"] for d in docs], kind="stable")),
                regions, np.asarray([region_ix[d["region"]] for d in docs], dtype=np.int64),
            )
        ids, id_rank, regions, region_of = self._facet_keys
        per_doc = np.bincount(self.side.doc_of[recs], minlength=len(ids))
        per_region = np.bincount(region_of, weights=per_doc, minlength=len(regions)).astype(np.int64)
        out = {}
        for name, counts, rank, names in (("region", per_region, np.arange(len(regions)), regions),
                                          ("doc", per_doc, id_rank, ids)):
            nz = np.flatnonzero(counts)
            nz = nz[np.lexsort((rank[nz], -counts[nz]))]
            out[name] = dict(zip([names[i] for i in nz.tolist()], counts[nz].tolist(), strict=True))
        return out


def _count(text: str, bigram: str) -> int:
    """Occurrences of a term (a bigram, or a unigram: a piece of one character) in a text, overlapping ones too
    (常常 twice in 常常常), as ``term_counts`` counts."""
    if len(bigram) < 2 or bigram[0] != bigram[1]:
        return text.count(bigram)
    n, at = 0, text.find(bigram)
    while at >= 0:
        n += 1
        at = text.find(bigram, at + 1)
    return n


def _union(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    if len(parts) == 1:
        return parts[0]
    recs, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    return recs, np.bincount(inverse, weights=np.concatenate([p[1] for p in parts]), minlength=len(recs))


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The records in both of two ascending arrays of distinct records (no sort)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return _EMPTY
    return a[_member(a, b)]


def _member(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each record of ``a``, whether ``b`` holds it (records are small non-negative ints)."""
    if not len(b) or not len(a):
        return np.zeros(len(a), dtype=bool)
    mask = np.zeros(max(int(a.max()), int(b.max())) + 1, dtype=bool)
    mask[b] = True
    return mask[a]


def _distinct(ascending: np.ndarray) -> np.ndarray:
    """``np.unique`` of an already ascending array."""
    if not len(ascending):
        return ascending
    keep = np.ones(len(ascending), dtype=bool)
    keep[1:] = ascending[1:] != ascending[:-1]
    return ascending[keep]


def _best_first(recs: np.ndarray, scores: np.ndarray):
    """``recs`` by descending score, ties in their order (a stable sort), in two parts: the ``BEST_FIRST`` best
    (and every record tied with the last of them), then the rest, sorted only if the caller reads on.

    A query of common bigrams reaches ~130,000 records and ``similar`` reads a few hundred: one partition
    and a small sort instead of sorting them all (~9 ms). The parts joined are the whole stable sort: every
    score of the first is above every score of the second.
    """
    if len(recs) <= BEST_FIRST:
        yield recs[np.argsort(-scores, kind="stable")]
        return
    cut = np.partition(-scores, BEST_FIRST - 1)[BEST_FIRST - 1]
    head = -scores <= cut
    yield recs[head][np.argsort(-scores[head], kind="stable")]
    rest = ~head
    yield recs[rest][np.argsort(-scores[rest], kind="stable")]
