"""The reference method for clause alignment: character-bigram TF-IDF cosine.

Plain on purpose: every bigram of the clause text (after ``normalise``, so
the traditional-script documents are not unfairly lost), IDF over the clauses
being compared, cosine similarity, nothing else. ``bench_align.py`` reports
it beside ``index.compare.align`` on the labelled set.
"""

from __future__ import annotations

import math
from collections import Counter

from index.base.text import normalise
from index.compare.align import bigrams, cosine, is_candidate


class BigramTfidf:
    """Bigram TF-IDF vectors for every clause of a corpus."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.counts = {}
        df: Counter[str] = Counter()
        for clause in corpus.all_clauses():
            counts = Counter(bigrams(normalise(clause.text)))
            self.counts[clause.id] = counts
            df.update(counts.keys())
        n = len(self.counts)
        self.idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self.vectors = {cid: self._vector(c) for cid, c in self.counts.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        vec = {g: c * self.idf[g] for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def rank(self, clause, doc_id: str) -> list[tuple[float, object]]:
        """Candidate clauses of ``doc_id`` by cosine with ``clause``, best first."""
        clauses = self.corpus.clauses(doc_id)
        parents = {c.parent for c in clauses if c.parent}
        src = self.vectors[clause.id]
        scored = [(cosine(src, self.vectors[c.id]), c) for c in clauses if is_candidate(c, c.id in parents)]
        scored.sort(key=lambda x: (-x[0], x[1].start))
        return scored
