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

from index.search.analysis import GramPostings, gram_postings, occurrence_starts
from index.search.postings import TermBatch, add_blank_document, after_pooled_fields, write_terms

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
        docnums = np.asarray(self.docnums, dtype=np.int32)
        if self.docs:  # the "doc" field first (fields go in name order): a document's clauses, by which an update deletes
            by_doc: dict[str, list[int]] = {}
            for docnum, doc in zip(self.docnums, self.docs, strict=True):
                by_doc.setdefault(doc, []).append(docnum)
            terms = sorted(by_doc, key=lambda d: d.encode("utf-8"))
            ids = np.asarray([n for d in terms for n in by_doc[d]], dtype=np.int64)
            bounds = np.zeros(len(terms) + 1, dtype=np.int64)
            np.cumsum([len(by_doc[d]) for d in terms], out=bounds[1:])
            write_terms(fw, "doc", schema["doc"], [TermBatch(terms, bounds, ids, np.ones(len(ids), dtype=np.int64))])
        for field in GRAM_FIELDS:
            self._flush(field)
            parts, self._parts[field] = self._parts[field], []
            if field == "t":
                self.lengths = np.concatenate([gp.lengths for _, gp in parts]) if parts else np.zeros(0, np.int64)
            if not any(gp.terms for _, gp in parts):
                continue
            write_terms(fw, field, schema[field], _batches(parts, docnums, with_positions=field == POSITIONS_FIELD))


#: Terms written per batch: the batch's postings are gathered from every chunk and put in term order at once.
BATCH_TERMS = 2048


def _batches(parts: list[tuple[int, GramPostings]], docnums: np.ndarray, with_positions: bool):
    """``TermBatch``es of every term of the chunks, in term order, a few thousand terms at a time.

    Chunks are consecutive runs of records, so a term's postings from one
    chunk after the other are still in ascending order: a stable sort by
    term of the batch's postings, gathered chunk after chunk, gives each
    term's list.
    """
    terms = sorted(set().union(*(gp.terms for _, gp in parts)))  # code point order = UTF-8 byte order
    where = {t: k for k, t in enumerate(terms)}
    # Per chunk: each of its terms' number in ``terms`` (ascending), and where each term's positions start.
    numbers = [np.fromiter(map(where.__getitem__, gp.terms), dtype=np.int32, count=len(gp.terms)) for _, gp in parts]
    occs = [gp.term_occurrence_starts() for _, gp in parts] if with_positions else [None] * len(parts)
    for first in range(0, len(terms), BATCH_TERMS):
        after = min(first + BATCH_TERMS, len(terms))
        term_of, ids, counts, positions = [], [], [], []
        for (offset, gp), number, occ in zip(parts, numbers, occs, strict=True):
            a, b = np.searchsorted(number, (first, after))
            if a == b:
                continue
            lo, hi = gp.bounds[a], gp.bounds[b]
            term_of.append(np.repeat(number[a:b], np.diff(gp.bounds[a:b + 1])))
            # recs are narrow (uint16 for a batch's records): index docnums from the batch's offset.
            ids.append(docnums[offset:][gp.recs[lo:hi]])
            counts.append(gp.counts[lo:hi].astype(np.int32))
            if occ is not None:
                positions.append(gp.positions[occ[a]:occ[b]].astype(np.int32))
        term_of, ids, counts = np.concatenate(term_of), np.concatenate(ids), np.concatenate(counts)
        order = np.argsort(term_of, kind="stable")
        bounds = np.searchsorted(term_of[order], np.arange(first, after + 1))
        batch_terms = terms[first:after]
        if not with_positions:
            yield TermBatch(batch_terms, bounds, ids[order], counts[order])
            continue
        # Each posting's occurrences follow it: gather them in the new posting order.
        moved = counts[order]
        gather = np.repeat(occurrence_starts(counts)[:-1][order] - occurrence_starts(moved)[:-1], moved) \
            + np.arange(int(moved.sum()))
        yield TermBatch(batch_terms, bounds, ids[order], moved, np.concatenate(positions)[gather],
                        [_has_positions(t) for t in batch_terms])


def _has_positions(term: str) -> bool:
    return len(term) == 2 and not term.isascii()
