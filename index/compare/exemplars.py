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
import hashlib
import itertools
import json
import math
import zipfile
from collections.abc import Iterable, Mapping, Sequence
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

    def __init__(self, items: Iterable[tuple[str, str, Sequence[str]]], k: int = K, index: Mapping | None = None):
        rows = sorted(((doc, text, tuple(tids)) for doc, text, tids in items), key=lambda r: r[0])
        self.k = k
        self.size = len(rows)
        self.topics = [tids for _, _, tids in rows]
        self.doc_ranges: dict[str, tuple[int, int]] = {}
        for i, (doc, _, _) in enumerate(rows):
            start, _ = self.doc_ranges.get(doc, (i, i))
            self.doc_ranges[doc] = (start, i + 1)
        self.unknown_idf = math.log(self.size + 1) + 1.0  # a bigram no exemplar has
        if index is not None:  # the same arrays, saved by ``save_index``
            self.gram_ids = {g: n for n, g in enumerate(index["grams"].tolist())}
            self.gram_idf, self.rows = index["idf"], index["rows"]
            self.weights, self.starts = index["weights"], index["starts"]
            return
        self.gram_ids: dict[str, int] = {}
        owner, gid, n = _counted([text for _, text, _ in rows], self.gram_ids)
        df = np.bincount(gid, minlength=len(self.gram_ids))
        self.gram_idf = np.log((self.size + 1) / (df + 1)) + 1.0
        weights = _unit_vectors(owner, n * self.gram_idf[gid], self.size)
        # Postings in flat arrays, grouped by bigram (one pair of arrays per bigram would weigh more than the data).
        order = np.lexsort((owner, gid))
        self.rows, self.weights = owner[order], weights[order]
        self.starts = np.concatenate(([0], np.cumsum(df)))

    def save_index(self, path: Path, source: bytes) -> None:
        """Write the postings (``shipped`` reads them instead of counting the texts again: ~0.1 s of every
        comparison process), marked with the digest of the exemplar file ``source`` they were built from.
        Uncompressed: 0.6 MB, read in 2 ms, against 0.2 MB and 12 ms compressed."""
        np.savez(path, grams=np.array(list(self.gram_ids), dtype=str), idf=self.gram_idf, rows=self.rows,
                 weights=self.weights, starts=self.starts, source=np.array(_digest(source)))

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine of each text with every exemplar: ``len(texts)`` × ``size``, in one numpy pass (numpy's per-call
        cost, paid text by text, was most of a text's time)."""
        known = len(self.gram_ids)
        owner, gid, n = _counted(texts, self.gram_ids, grow=False)
        idf = np.append(self.gram_idf, self.unknown_idf)[np.minimum(gid, known)]  # numbers past ``known``: unknown
        scale = _unit_vectors(owner, n * idf, len(texts))
        mine = gid < known
        owner, gid, scale = owner[mine], gid[mine], scale[mine]
        starts, lengths = self.starts[gid], self.starts[gid + 1] - self.starts[gid]
        # Every posting of the texts' bigrams, gathered in one step: each run starts at its bigram's start.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        cells = np.repeat(owner, lengths) * self.size + self.rows[offsets]
        sims = np.bincount(cells, weights=self.weights[offsets] * np.repeat(scale, lengths),
                           minlength=len(texts) * self.size)
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
        k = min(self.k, self.size)
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        values = np.take_along_axis(sims, nearest, axis=1)
        totals = values.sum(axis=1)
        out = []
        for near, vals, total in zip(nearest.tolist(), values.tolist(), totals.tolist(), strict=True):
            shares: dict[str, float] = {}
            for i, v in zip(near, vals, strict=True):
                if v > 0:
                    for tid in self.topics[i]:
                        shares[tid] = shares.get(tid, 0.0) + v / total
            out.append(shares)
        return out

    def vote(self, doc_id: str, text: str) -> dict[str, float]:
        """``votes`` of one text."""
        return self.votes(doc_id, [text])[0]


def _counted(texts: Sequence[str], gram_ids: dict[str, int], grow: bool = True
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(text index, bigram number, count)`` of every distinct bigram of each text (``wording.matching_text``:
    both scripts folded). A bigram has its number in ``gram_ids``; one it lacks is added to it (``grow``) or else
    numbered after them for this call only (it still counts towards its text's length).

    Every step runs in C over all the texts' bigrams at once (half a million bigrams for a hundred documents).
    """
    grams: list[str] = []
    lengths = []
    for text in texts:
        found = bigrams(matching_text(text))
        grams.extend(found)
        lengths.append(len(found))
    numbers = np.fromiter(map(gram_ids.get, grams, itertools.repeat(-1)), dtype=np.int64, count=len(grams))
    new = numbers < 0
    if new.any():
        fresh, which = np.unique(np.array(grams, dtype=object)[new].astype(str), return_inverse=True)
        numbers[new] = len(gram_ids) + which
        if grow:
            gram_ids.update(zip(fresh.tolist(), range(len(gram_ids), len(gram_ids) + len(fresh)), strict=True))
    owners = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    width = int(numbers.max()) + 1 if len(numbers) else 1
    keys, n = np.unique(owners * width + numbers, return_counts=True)
    return keys // width, keys % width, n.astype(np.float64)


def _unit_vectors(owner: np.ndarray, weights: np.ndarray, texts: int) -> np.ndarray:
    """``weights`` (one per (text, bigram)) divided by the length of their text's vector."""
    norms = np.sqrt(np.bincount(owner, weights=weights * weights, minlength=texts))
    return weights / np.where(norms > 0, norms, 1.0)[owner]


def dump(items: Iterable[tuple[str, str, str, Sequence[str]]], path: Path, about: str) -> None:
    """Write ``(document id, unit id, text, topic ids)`` as ``content/topic_exemplars.json``, and beside it their
    postings (``topic_exemplars.npz``, ``Exemplars.save_index``)."""
    items = list(items)
    data = {"about": about, "k": K,
            "units": [{"doc": doc, "unit": uid, "text": text, "topics": list(tids)} for doc, uid, text, tids in items]}
    source = (json.dumps(data, ensure_ascii=False, indent=0) + "\n").encode("utf-8")
    path.write_bytes(source)
    Exemplars([(doc, text, tids) for doc, _, text, tids in items]).save_index(index_path(path), source)


def index_path(path: Path) -> Path:
    """Where the postings of the exemplar file ``path`` are kept."""
    return path.with_suffix(".npz")


def _digest(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


@functools.cache
def shipped(path: Path | None = None) -> Exemplars:
    """The shipped exemplars (``content/topic_exemplars.json``, or ``path``), indexed once a process: the postings
    saved beside them when they were built from this very file, else counted from the texts.

    Raises:
        ContentError: the file is missing or malformed.
    """
    path = path or paths.topic_exemplars()
    try:
        source = path.read_bytes()
        data = json.loads(source.decode("utf-8"))
        items = [(u["doc"], u["text"], u["topics"]) for u in data["units"]]
        k = int(data.get("k", K))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{path}: cannot read the topic exemplars ({exc})") from exc
    try:
        with np.load(index_path(path)) as saved:
            if str(saved["source"]) == _digest(source):
                return Exemplars(items, k, index={key: saved[key] for key in saved.files})
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass  # no postings, or damaged ones: count them
    return Exemplars(items, k)
