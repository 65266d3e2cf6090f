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

import math
from collections.abc import Mapping, Sequence
from itertools import chain, count

import numpy as np

from index.compare.stats import Idf
from index.compare.units import Vectors


class Lists:
    """Inverted lists of a set of weighted vectors (the rows): each bigram's rows contiguous in two arrays.

    Built from bigram counts weighted as ``units.weigh`` does (sublinear tf × library IDF, each row scaled
    to length 1), the same products and sums in the same order: the weights are ``weigh``'s to the bit.
    """

    def __init__(self, rows: Sequence[Mapping[str, int]], idf: Idf):
        # A bigram's id is the place of its first entry (ids with gaps: the arrays below are indexed by it).
        vocab: dict[str, int] = {}
        ids = np.fromiter(map(vocab.setdefault, chain.from_iterable(rows), count()), dtype=np.intp)
        n = len(ids)
        counts = np.fromiter(chain.from_iterable(r.values() for r in rows), dtype=np.intp, count=n)
        table = idf.table(vocab.keys())
        idfs = np.zeros(n)
        idfs[np.fromiter(vocab.values(), dtype=np.intp, count=len(vocab))] = np.fromiter(
            map(table.__getitem__, vocab), dtype=float, count=len(vocab))
        top = int(counts.max()) if n else 1
        tf = np.array([1.0, 1.0, *(1.0 + math.log(c) for c in range(2, top + 1))])  # math.log: as ``weigh``
        weights = tf[counts] * idfs[ids]
        self.n = len(rows)
        rows_of = np.repeat(np.arange(self.n, dtype=np.intp), [len(r) for r in rows])
        norms = np.sqrt(np.bincount(rows_of, weights=weights * weights, minlength=self.n))  # summed in row order
        weights = weights / np.where(norms > 0, norms, 1.0)[rows_of]  # a row of zeros stays zeros (``unit_vector``)
        order = np.argsort(ids, kind="stable")  # each bigram's entries together, rows in order
        self.rows = rows_of[order]
        self.weights = weights[order]
        self.vocab = vocab
        self.lengths = np.bincount(ids, minlength=n)
        self.starts = np.cumsum(self.lengths) - self.lengths

    def products(self, queries: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The dot product of every row with every query: a rows × queries array (0.0 where nothing is shared)."""
        m = len(queries)
        which: list[int] = []
        found: list[int] = []
        values: list[float] = []
        vocab = self.vocab
        for j, q in enumerate(queries):
            for g, x in q.items():
                i = vocab.get(g)
                if i is not None:
                    found.append(i)
                    values.append(x)
                    which.append(j)
        if not found or not self.n:
            return np.zeros((self.n, m))
        grams = np.array(found, dtype=np.intp)
        lens = self.lengths[grams]
        starts = self.starts[grams]
        total = int(lens.sum())
        # Every entry of the query's lists: its list's start plus its place in the list.
        first = np.repeat(starts - (np.cumsum(lens) - lens), lens)
        idx = first + np.arange(total)
        weights = self.weights[idx] * np.repeat(np.array(values), lens)
        cells = self.rows[idx] * m + np.repeat(np.array(which, dtype=np.intp), lens)
        return np.bincount(cells, weights=weights, minlength=self.n * m).reshape(self.n, m)


class DocTerms:
    """Units of one document (their text and sentence bigram counts) weighted by one library state, as
    inverted lists: no per-unit ``Vectors`` are made for the first stage."""

    def __init__(self, features: Sequence[tuple[Mapping[str, int], Sequence[Mapping[str, int]]]], idf: Idf):
        self.text = Lists([text for text, _ in features], idf)
        self.sentences = Lists([s for _, sentences in features for s in sentences], idf)
        counts = np.array([len(sentences) for _, sentences in features], dtype=np.intp)
        self._has = counts > 0
        self._counts = counts[self._has]
        self._starts = (np.cumsum(counts) - counts)[self._has]

    def cosines(self, text: Mapping[str, float]) -> np.ndarray:
        """Every unit's text cosine with a text vector (``units.cosine``)."""
        return self.text.products([text])[:, 0]

    def sentence_scores(self, sentences: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Every unit's ``scoring.sentence_score`` against a text's sentence vectors."""
        out = np.zeros(self.text.n)
        if not sentences or not len(self._starts):
            return out
        dots = self.sentences.products(sentences)  # the document's sentences × the text's
        # Each of the text's sentences' best in the unit, and each of the unit's sentences' best in the text
        # (the weights are not negative: a best is never below 0.0, as in ``sentence_score``).
        ours = np.maximum.reduceat(dots, self._starts, axis=0).sum(axis=1)
        theirs = np.add.reduceat(dots.max(axis=1), self._starts)
        out[self._has] = 0.5 * (ours / len(sentences) + theirs / self._counts)
        return out

    def stages(self, q: Vectors) -> list[float]:
        """Every unit's first-stage score against ``q`` (``scoring.first_stage``), in document order."""
        return (0.5 * self.cosines(q.text) + 0.5 * self.sentence_scores(q.sentences)).tolist()
