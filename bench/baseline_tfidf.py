"""The reference method for clause alignment: character-bigram TF-IDF cosine.

Plain on purpose: every bigram of the unit text (after ``normalise``, so
the traditional-script documents are not unfairly lost), IDF over the units
being compared, cosine similarity, nothing else. It ranks the same candidate
units as the method (``index.compare.units``). ``bench_align.py`` reports it
beside ``index.compare.align`` on the labelled set.
"""

from __future__ import annotations

import math
from collections import Counter

from index.base.text import normalise
from index.compare.units import cosine, units
from index.compare.wording import bigrams


class BigramTfidf:
    """Bigram TF-IDF vectors for every unit of a corpus."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.counts = {}
        df: Counter[str] = Counter()
        for doc in corpus.documents():
            for u in units(corpus, doc.id):
                counts = Counter(bigrams(normalise(u.text)))
                self.counts[u.id] = counts
                df.update(counts.keys())
        n = len(self.counts)
        self.idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self.vectors = {cid: self._vector(c) for cid, c in self.counts.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        vec = {g: c * self.idf.get(g, 1.0) for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def rank(self, unit, doc_id: str) -> list[tuple[float, str]]:
        """(score, unit id) of every unit of ``doc_id`` by cosine with ``unit``, best first."""
        src = self.vectors.get(unit.id) or self._vector(Counter(bigrams(normalise(unit.text))))
        scored = [(cosine(src, self.vectors[u.id]), u.id, u.clause.start) for u in units(self.corpus, doc_id)]
        scored.sort(key=lambda x: (-x[0], x[2]))
        return [(s, uid) for s, uid, _ in scored]
