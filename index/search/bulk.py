"""Fast bulk writing of gram postings into a Whoosh segment.

Whoosh's writer spends ~15 µs on every posting (a tuple through its external
sort pool, then one ``add_posting`` call and a doc-length lookup each), and a
50 MB library has ~30 million gram postings: building took many minutes.
Here the gram fields bypass the pool: the clauses' normalised texts are
collected, their postings computed for the whole segment at once with numpy
(``analysis.gram_postings``), and written straight into Whoosh's postings
file and term table in Whoosh's own format (``index.search.postings``, the
one module that touches Whoosh's internals). The small ``doc`` field still
takes the normal path.
"""

from __future__ import annotations

import numpy as np

from index.search.analysis import GramPostings, gram_postings
from index.search.postings import add_blank_document, after_pooled_fields, write_terms

GRAM_FIELDS = ("h", "t")  # sorted, after "doc": Whoosh's term table wants fields in order
#: Characters of clause text whose postings are computed at once (memory bound).
CHUNK_CHARS = 4_000_000
#: In this field a CJK bigram's blocks also hold where it occurs: the offsets
#: in each clause's normalised text, posting after posting (as many as its
#: count), in the values slot of Whoosh's block tuple. Whoosh itself ignores
#: that slot for this format (``Existence`` has fixed-size empty values); the
#: executor uses the offsets to prove a longer string is really there.
POSITIONS_FIELD = "t"


class BulkGrams:
    """Collects clauses for one Whoosh ``SegmentWriter`` and writes their gram postings at commit.

    Commit the writer with ``merge=False``: a merge would send old gram
    postings through the pool as well, and one field cannot be written twice.

    Attributes:
        lengths: after the commit, the number of terms of each added clause's
            text (field ``t``), in the order added: BM25's lengths.
    """

    def __init__(self, writer):
        self.writer = writer
        self.docnums: list[int] = []
        self.docs: list[str] = []
        # Per gram field: the texts of the chunk being filled, its size, how many texts came before it, and
        # the postings of the chunks before (computed as each fills: while the clauses are still coming).
        self.texts: dict[str, list[str]] = {f: [] for f in GRAM_FIELDS}
        self._chars = dict.fromkeys(GRAM_FIELDS, 0)
        self._before = dict.fromkeys(GRAM_FIELDS, 0)
        self._parts: dict[str, list[tuple[int, GramPostings]]] = {f: [] for f in GRAM_FIELDS}
        self.lengths: np.ndarray | None = None
        after_pooled_fields(writer, self._write)  # runs inside writer.commit()

    def add(self, doc: str, **norms: str) -> None:
        """Add one clause: its document id and its normalised texts (per gram field), all written at commit."""
        self.docnums.append(add_blank_document(self.writer))
        self.docs.append(doc)
        for field in GRAM_FIELDS:
            text = norms.get(field, "")
            self.texts[field].append(text)
            self._chars[field] += len(text) + 1
            if self._chars[field] >= CHUNK_CHARS:
                self._flush(field)

    def _flush(self, field: str) -> None:
        """Compute the postings of the chunk being filled (a chunk at a time: the sort behind gram_postings
        needs ~40 bytes per character, the postings it returns ~5)."""
        texts = self.texts[field]
        if texts:
            self._parts[field].append((self._before[field], gram_postings(texts)))
            self._before[field] += len(texts)
            self.texts[field], self._chars[field] = [], 0

    def _write(self, fw, schema) -> None:
        docnums = np.asarray(self.docnums, dtype=np.int64)
        if self.docs:  # the "doc" field first (fields go in name order): a document's clauses, by which an update deletes
            by_doc: dict[str, list[int]] = {}
            for docnum, doc in zip(self.docnums, self.docs, strict=True):
                by_doc.setdefault(doc, []).append(docnum)
            write_terms(fw, "doc", schema["doc"],
                        ((d, np.asarray(by_doc[d], dtype=np.int64), np.ones(len(by_doc[d]), dtype=np.int64), None)
                         for d in sorted(by_doc, key=lambda d: d.encode("utf-8"))))
        for field in GRAM_FIELDS:
            self._flush(field)
            parts, self._parts[field] = self._parts[field], []
            if field == "t":
                self.lengths = np.concatenate([gp.lengths for _, gp in parts]) if parts else np.zeros(0, np.int64)
            if not any(gp.terms for _, gp in parts):
                continue
            write_terms(fw, field, schema[field], _merged(parts, docnums, with_positions=field == POSITIONS_FIELD))


def _merged(parts: list[tuple[int, GramPostings]], docnums: np.ndarray, with_positions: bool):
    """(term, ids, counts, positions or None) for every term of the chunks, in term order.

    Chunks are consecutive runs of records, so a term's postings from one
    chunk after the other are still in ascending order.
    """
    # Per term (not per posting) where its positions start: the per-posting
    # table would hold 8 bytes for each of a 50 MB library's ~24 million postings.
    occs = [gp.term_occurrence_starts().tolist() for _, gp in parts] if with_positions else [None] * len(parts)
    bounds = [gp.bounds.tolist() for _, gp in parts]
    where = [{t: k for k, t in enumerate(gp.terms)} for _, gp in parts]
    for term in sorted(set().union(*(gp.terms for _, gp in parts))):  # code point order = UTF-8 byte order
        ids, counts, positions = [], [], []
        for (offset, gp), b, occ, index in zip(parts, bounds, occs, where, strict=True):
            k = index.get(term)
            if k is None:
                continue
            lo, hi = b[k], b[k + 1]
            # recs are narrow (uint16 for a batch's records): index docnums from the batch's offset.
            ids.append(docnums[offset:][gp.recs[lo:hi]])
            counts.append(gp.counts[lo:hi])
            if occ is not None and _has_positions(term):
                positions.append(gp.positions[occ[k]:occ[k + 1]])
        yield term, _joined(ids), _joined(counts), _joined(positions) if positions else None


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


def _has_positions(term: str) -> bool:
    return len(term) == 2 and not term.isascii()
