"""A document's units as inverted lists, to score every unit against one text at once.

The first stage (``scoring.first_stage``) scores every unit of a target
document, and a comparison asks it of the source's document ~60 times more
(each column's best candidates compared back, ``align.Session``). Unit by
unit in Python that was most of a comparison at scale. Here a text's
products with every unit's text vector (the cosines) and with every
sentence of every unit (the sentence score) are a few numpy operations over
the document's inverted lists: bigram → the rows holding it, with their
weights. The lists are built from the units' bigram counts (``units.first_features``),
weighted as ``units.weigh`` does, so no per-unit ``Vectors`` is made for
the ~2,000 units a 12-column comparison scores; only the best few
candidates get one. The numbers are the sums ``units.cosine`` and
``scoring.sentence_score`` make, added in another order (equal to the last
bits; a test holds them to 1e-12).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np

from index.compare.stats import Idf
from index.compare.units import Vectors, sublinear_tf
from index.compare.unitstore import Encoded, encode


class Lists:
    """Inverted lists of a set of weighted vectors (the rows): each bigram's rows contiguous in two arrays.

    Built from bigram counts weighted as ``units.weigh`` does (sublinear tf × library IDF, each row scaled
    to length 1), the same products and sums in the same order: the weights are ``weigh``'s to the bit.

    Args:
        vocab: bigram → id (ids of bigrams no row holds are allowed).
        ids, counts: every row's bigram ids and counts, row after row, each row's in its counts' order.
        sizes: how many entries each row has.
        idfs: each id's library IDF (``idf_of``).
    """

    def __init__(self, vocab: Mapping[str, int], ids: np.ndarray, counts: np.ndarray, sizes: np.ndarray,
                 idfs: np.ndarray):
        n = len(ids)
        top = int(counts.max()) if n else 1
        tf = np.array(sublinear_tf(top)[:top + 1])  # as ``weigh``
        weights = tf[counts] * idfs[ids]
        self.n = len(sizes)
        rows_of = np.repeat(np.arange(self.n, dtype=np.intp), sizes)
        norms = np.sqrt(np.bincount(rows_of, weights=weights * weights, minlength=self.n))  # summed in row order
        weights = weights / np.where(norms > 0, norms, 1.0)[rows_of]  # a row of zeros stays zeros (``unit_vector``)
        # Each bigram's entries together, rows in order. A stable sort has one answer whatever its algorithm:
        # ids below 2**16 (a document's bigrams, nearly always) sort as uint16, by numpy's radix sort (~10x faster).
        order = np.argsort(ids.astype(np.uint16) if len(vocab) <= 1 << 16 else ids, kind="stable")
        self._entries = (ids, weights, np.cumsum(sizes) - sizes, norms > 0)  # row by row, for ``vector``
        self.rows = rows_of[order]
        self.weights = weights[order]
        self.vocab = vocab
        self.lengths = np.bincount(ids, minlength=len(vocab))
        self.starts = np.cumsum(self.lengths) - self.lengths

    def vector(self, row: int, grams: Sequence[str]) -> dict[str, float]:
        """One row as ``units.weigh`` makes it from the same counts: the same bigrams in the same order, the
        same floats (``{}`` for a row of zeros). ``grams``: each id's bigram."""
        ids, weights, starts, nonzero = self._entries
        if not nonzero[row]:
            return {}
        at = int(starts[row])
        end = at + (int(starts[row + 1]) - at if row + 1 < self.n else len(ids) - at)
        return dict(zip(map(grams.__getitem__, ids[at:end].tolist()), weights[at:end].tolist(), strict=True))

    def products(self, queries: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The dot product of every row with every query: a rows × queries array (0.0 where nothing is shared)."""
        m = len(queries)
        # Every query entry in order (query by query, each in its items' order: the sums below add in the same
        # order as entry by entry), its bigram's id (-1: no row holds it) looked up at C speed.
        entries = sum(map(len, queries))
        ids = np.fromiter(map(self.vocab.get, chain.from_iterable(queries), repeat(-1)), dtype=np.intp, count=entries)
        found = ids >= 0
        if not found.any() or not self.n:
            return np.zeros((self.n, m))
        grams = ids[found]
        values = np.fromiter(chain.from_iterable(q.values() for q in queries), dtype=float, count=entries)[found]
        which = np.repeat(np.arange(m, dtype=np.intp), np.fromiter(map(len, queries), dtype=np.intp, count=m))[found]
        lens = self.lengths[grams]
        starts = self.starts[grams]
        total = int(lens.sum())
        # Every entry of the query's lists: its list's start plus its place in the list.
        first = np.repeat(starts - (np.cumsum(lens) - lens), lens)
        idx = first + np.arange(total)
        weights = self.weights[idx] * np.repeat(values, lens)
        cells = self.rows[idx] * m + np.repeat(which, lens)
        return np.bincount(cells, weights=weights, minlength=self.n * m).reshape(self.n, m)


def idf_of(vocab: Mapping[str, int], idf: Idf) -> np.ndarray:
    """The library IDF of each bigram of ``vocab`` (bigram → id, ids in order from 0), by id."""
    table = idf.table(vocab.keys())
    return np.fromiter(map(table.__getitem__, vocab), dtype=float, count=len(vocab))


class DocTerms:
    """Units of one document (their text and sentence bigram counts) weighted by one library state, as
    inverted lists: no per-unit ``Vectors`` are made for the first stage.

    Args:
        features: each unit's bigram counts and its sentences' (``units.first_features``), or
            ``unitstore.Encoded`` (the same, as arrays: kept on disk per document).
    """

    def __init__(self, features: Sequence[tuple[Mapping[str, int], Sequence[Mapping[str, int]]]] | Encoded,
                 idf: Idf):
        enc = features if isinstance(features, Encoded) else encode(features)
        vocab = {g: i for i, g in enumerate(enc.grams)}
        idfs = idf_of(vocab, idf)
        split = int(enc.sizes[: enc.units].sum())
        self.text = Lists(vocab, enc.ids[:split], enc.counts[:split], enc.sizes[: enc.units], idfs)
        self.sentences = Lists(vocab, enc.ids[split:], enc.counts[split:], enc.sizes[enc.units:], idfs)
        counts = enc.sentences
        self._grams = enc.grams
        self._first_sentence = np.cumsum(counts) - counts
        self._sentence_counts = counts
        self._has = counts > 0
        self._counts = counts[self._has]
        self._starts = (np.cumsum(counts) - counts)[self._has]

    def vectors(self, i: int) -> tuple[dict[str, float], tuple[dict[str, float], ...]]:
        """Unit ``i``'s weighted text and sentence vectors, as ``units.Vectors`` makes them (to the bit)."""
        first = int(self._first_sentence[i])
        return (self.text.vector(i, self._grams),
                tuple(self.sentences.vector(r, self._grams)
                      for r in range(first, first + int(self._sentence_counts[i]))))

    def cosines(self, text: Mapping[str, float]) -> np.ndarray:
        """Every unit's text cosine with a text vector (``units.cosine``)."""
        return self.text.products([text])[:, 0]

    def sentence_scores(self, sentences: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Every unit's ``scoring.sentence_score`` against a text's sentence vectors."""
        if not sentences or not len(self._starts):
            return np.zeros(self.text.n)
        return self._sentence_scores(self.sentences.products(sentences), len(sentences))

    def _sentence_scores(self, dots: np.ndarray, m: int) -> np.ndarray:
        """``sentence_scores`` from the products of the document's sentences with a text's ``m`` sentences."""
        out = np.zeros(self.text.n)
        # Each of the text's sentences' best in the unit, and each of the unit's sentences' best in the text
        # (the weights are not negative: a best is never below 0.0, as in ``sentence_score``).
        ours = np.maximum.reduceat(dots, self._starts, axis=0).sum(axis=1)
        theirs = np.add.reduceat(dots.max(axis=1), self._starts)
        out[self._has] = 0.5 * (ours / m + theirs / self._counts)
        return out

    def stages(self, q: Vectors) -> list[float]:
        """Every unit's first-stage score against ``q`` (``scoring.first_stage``), in document order."""
        return (0.5 * self.cosines(q.text) + 0.5 * self.sentence_scores(q.sentences)).tolist()

    def stages_of(self, qs: Sequence[Vectors]) -> list[list[float]]:
        """``stages`` of several texts: each text's products with the lists in one step (a column each: every
        cell summed as alone, the same floats)."""
        if len(qs) == 1:
            return [self.stages(qs[0])]
        cosines = self.text.products([q.text for q in qs])
        sentences = [s for q in qs for s in q.sentences]
        dots = self.sentences.products(sentences) if sentences and len(self._starts) else None
        out = []
        at = 0
        for j, q in enumerate(qs):
            m = len(q.sentences)
            if dots is None or not m:
                scores = np.zeros(self.text.n)
            else:  # the text's own columns, contiguous as its products alone would be
                scores = self._sentence_scores(np.ascontiguousarray(dots[:, at:at + m]), m)
            at += m
            out.append((0.5 * cosines[:, j] + 0.5 * scores).tolist())
        return out
