"""Labelled example units and the topic vote of a text's nearest ones.

``content/topic_exemplars.json`` holds the labelled units of ``tests/data/alignment`` (their text and the topics
their hand-labelled subjects map to; ``bench/bench_align.py --fit`` writes it). A unit's nearest exemplars in
*other* documents (character-bigram TF-IDF cosine) vote for the topics they are labelled with, each in proportion
to its similarity: a clause on 予以资金支持 whose nearest exemplars treat 财政资金支持 gains that topic's evidence
although it names few of the topic's words. ``topics.unit_values`` reads the vote as the ``knn`` signal of
topic membership.

The IDF is the exemplars' own, part of the shipped model like the weights: a document's tags (stored at import)
do not depend on what else the library holds. Exemplars of the unit's own document never vote, so a bundled
document is tagged by the labels of the others, not by its own.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from index.base import paths
from index.base.errors import ContentError
from index.compare.wording import bigrams, matching_text

K = 10  # nearest exemplars that vote


class Exemplars:
    """Labelled units, indexed for the nearest-neighbour vote (``vote``).

    Args:
        items: ``(document id, unit text, topic ids)``; the text as the unit has it (matched as
            ``wording.matching_text``, both scripts folded).
        k: how many nearest exemplars vote.
    """

    def __init__(self, items: Iterable[tuple[str, str, Sequence[str]]], k: int = K):
        rows = sorted(((doc, matching_text(text), tuple(tids)) for doc, text, tids in items), key=lambda r: r[0])
        self.k = k
        self.size = len(rows)
        self.topics = [tids for _, _, tids in rows]
        self.doc_ranges: dict[str, tuple[int, int]] = {}
        for i, (doc, _, _) in enumerate(rows):
            start, _ = self.doc_ranges.get(doc, (i, i))
            self.doc_ranges[doc] = (start, i + 1)
        counts = [Counter(bigrams(norm)) for _, norm, _ in rows]
        df = Counter(g for c in counts for g in c)
        self.idf = {g: math.log((self.size + 1) / (d + 1)) + 1.0 for g, d in df.items()}
        self.unknown_idf = math.log(self.size + 1) + 1.0  # a bigram no exemplar has
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, c in enumerate(counts):
            vec = {g: n * self.idf[g] for g, n in c.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            for g, v in vec.items():
                postings.setdefault(g, []).append((i, v / norm))
        # Postings in flat arrays (one pair for every bigram: 40,000 small arrays would weigh more than the data).
        self.gram_ids = {g: n for n, g in enumerate(postings)}
        self.gram_idf = np.array([self.idf[g] for g in postings], dtype=np.float64)
        lengths = np.array([len(p) for p in postings.values()], dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(lengths)))
        self.rows = np.array([i for p in postings.values() for i, _ in p], dtype=np.int64)
        self.weights = np.array([w for p in postings.values() for _, w in p], dtype=np.float64)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine of each text with every exemplar: ``len(texts)`` × ``size``, in one numpy pass (numpy's per-call
        cost, paid text by text, was most of a text's time)."""
        gram_ids = self.gram_ids
        lines, gids, known_n, known_len, all_n, all_len = [], [], [], [], [], []
        for line, text in enumerate(texts):
            counts = Counter(bigrams(matching_text(text)))
            known = [g for g in counts if g in gram_ids]  # the text's bigrams some exemplar has
            if known:
                lines.append(line)
                gids.extend(map(gram_ids.__getitem__, known))
                known_n.extend(map(counts.__getitem__, known))
                known_len.append(len(known))
                all_n.extend(counts.values())
                all_len.append(len(counts))
        sims = np.zeros(len(texts) * self.size)
        if not lines:
            return sims.reshape(len(texts), self.size)
        gid = np.array(gids, dtype=np.int64)
        n_known, n_all = np.array(known_n, dtype=np.float64), np.array(all_n, dtype=np.float64)
        known_len = np.array(known_len, dtype=np.int64)
        w = n_known * self.gram_idf[gid]
        # Each text's norm: its bigrams no exemplar has weigh ``unknown_idf`` each.
        at_known = np.concatenate(([0], np.cumsum(known_len)[:-1]))
        at_all = np.concatenate(([0], np.cumsum(all_len)[:-1]))
        norm2 = (np.add.reduceat(w * w, at_known)
                 + self.unknown_idf ** 2 * (np.add.reduceat(n_all * n_all, at_all) - np.add.reduceat(n_known * n_known, at_known)))
        scale = w / np.repeat(np.sqrt(norm2), known_len)
        starts, lengths = self.starts[gid], self.starts[gid + 1] - self.starts[gid]
        # Every posting of the texts' bigrams, gathered in one step: each run starts at its bigram's start.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        cells = np.repeat(np.repeat(np.array(lines, dtype=np.int64), known_len), lengths) * self.size + self.rows[offsets]
        sims += np.bincount(cells, weights=self.weights[offsets] * np.repeat(scale, lengths), minlength=sims.size)
        return sims.reshape(len(texts), self.size)

    def votes(self, doc_id: str, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text of document ``doc_id``, ``{topic id: share}``: the similarity-weighted share of the ``k``
        nearest exemplars outside that document labelled with the topic (0–1; a text with no bigram in common
        with any exemplar gets none)."""
        if not self.size or not texts:
            return [{} for _ in texts]
        sims = self.similarities(texts)
        if doc_id in self.doc_ranges:
            start, stop = self.doc_ranges[doc_id]
            sims[:, start:stop] = 0.0
        nearest = np.argsort(-sims, axis=1, kind="stable")[:, : self.k]
        out = []
        for row, near in zip(sims.tolist(), nearest.tolist(), strict=True):
            near = [i for i in near if row[i] > 0]
            total = sum(row[i] for i in near)
            shares: dict[str, float] = {}
            for i in near:
                for tid in self.topics[i]:
                    shares[tid] = shares.get(tid, 0.0) + row[i] / total
            out.append(shares)
        return out

    def vote(self, doc_id: str, text: str) -> dict[str, float]:
        """``votes`` of one text."""
        return self.votes(doc_id, [text])[0]


def dump(items: Iterable[tuple[str, str, str, Sequence[str]]], path: Path, about: str) -> None:
    """Write ``(document id, unit id, text, topic ids)`` as ``content/topic_exemplars.json``."""
    data = {"about": about, "k": K,
            "units": [{"doc": doc, "unit": uid, "text": text, "topics": list(tids)} for doc, uid, text, tids in items]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@functools.cache
def shipped(path: Path | None = None) -> Exemplars:
    """The shipped exemplars (``content/topic_exemplars.json``, or ``path``), indexed once a process.

    Raises:
        ContentError: the file is missing or malformed.
    """
    path = path or paths.topic_exemplars()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Exemplars(((u["doc"], u["text"], u["topics"]) for u in data["units"]), int(data.get("k", K)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{path}: cannot read the topic exemplars ({exc})") from exc
