"""Fast bulk writing of gram postings into a Whoosh segment.

Whoosh's writer spends ~15 µs on every posting (a tuple through its external
sort pool, then one ``add_posting`` call and a doc-length lookup each), and a
50 MB library has ~30 million gram postings: building took many minutes.
Here the gram fields bypass the pool: the clauses' normalised texts are
collected, their postings computed for the whole segment at once with numpy
(``analysis.gram_postings``), and written straight into Whoosh's postings
file and term table in Whoosh's own format: per block a pickled
``(id deltas, weights, values)`` tuple, zlib-compressed, behind a pickled
block header. The blocks hold ``array`` objects instead of tuples and are
larger than Whoosh's default, which Whoosh's own readers accept (they only
iterate them) and which makes reading a long posting list ~10x cheaper.
The small ``cid``/``doc`` fields still take the normal path.

This reaches into ``whoosh.codec.whoosh3`` internals; ``whoosh-reloaded`` is
pinned, and the tests build and read real indexes (with Whoosh's own
searcher too), so a change there shows.
"""

from __future__ import annotations

from array import array
from operator import sub
from pickle import dumps as _dumps
from zlib import compress as _compress

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.system import pack_ushort

from index.search.analysis import GramPostings, gram_postings, occurrence_starts

GRAM_FIELDS = ("h", "t")  # sorted: Whoosh's term table wants fields in order
#: Postings per block. Whoosh's default is 128; we read whole lists at once.
BLOCK = 4096
#: Characters of clause text whose postings are computed at once (memory bound).
CHUNK_CHARS = 4_000_000
#: In this field a CJK bigram's blocks also hold where it occurs: the offsets
#: in each clause's normalised text, posting after posting (as many as its
#: count), in the values slot of Whoosh's block tuple. Whoosh itself ignores
#: that slot for this format (``Existence`` has fixed-size empty values); the
#: executor uses the offsets to prove a longer string is really there.
POSITIONS_FIELD = "t"
_COMPRESSION = 1
_COMPRESS_OVER = 400


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
        self.texts: dict[str, list[str]] = {f: [] for f in GRAM_FIELDS}
        self.lengths: np.ndarray | None = None
        fw = writer.fieldwriter
        if not isinstance(fw, W3FieldWriter):
            raise TypeError(f"unexpected Whoosh field writer {type(fw).__name__}")
        original = fw.add_postings

        def add_postings(schema, lengths, items):
            original(schema, lengths, items)
            self._write(fw, schema)

        fw.add_postings = add_postings  # runs inside writer.commit(), after the pooled fields

    def add(self, cid: str, doc: str, **norms: str) -> None:
        """Add one clause: its ids through Whoosh, its normalised texts (per gram field) here."""
        self.docnums.append(self.writer.docnum)
        self.writer.add_document(cid=cid, doc=doc)
        for field in GRAM_FIELDS:
            self.texts[field].append(norms.get(field, ""))

    def _write(self, fw: W3FieldWriter, schema) -> None:
        docnums = np.asarray(self.docnums, dtype=np.int64)
        for field in GRAM_FIELDS:
            texts, self.texts[field] = self.texts[field], []
            # A chunk at a time: the sort behind gram_postings needs ~40 bytes
            # per character, the postings it returns ~5.
            parts = [(lo, gram_postings(texts[lo:hi])) for lo, hi in _chunks(texts, CHUNK_CHARS)]
            del texts
            if field == "t":
                self.lengths = np.concatenate([gp.lengths for _, gp in parts]) if parts else np.zeros(0, np.int64)
            if not any(gp.terms for _, gp in parts):
                continue
            fw.start_field(field, schema[field])
            _write_terms(fw, _merged(parts, docnums, with_positions=field == POSITIONS_FIELD))
            fw.finish_field()


def _chunks(texts: list[str], budget: int) -> list[tuple[int, int]]:
    """Consecutive ``(lo, hi)`` ranges of ``texts`` holding about ``budget`` characters each."""
    out, lo, size = [], 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= budget:
            out.append((lo, i + 1))
            lo, size = i + 1, 0
    if lo < len(texts):
        out.append((lo, len(texts)))
    return out


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


def _write_terms(fw: W3FieldWriter, items) -> None:
    """Write each term's postings (ascending ids) as Whoosh blocks plus its term-table row.

    ``items`` yields ``(term, ids, counts, positions)``; where ``positions``
    is not None the blocks carry them in the values slot (see
    ``POSITIONS_FIELD``), ``counts[j]`` of them for posting ``j``.
    """
    postfile = fw._postfile  # noqa: SLF001 - pinned whoosh-reloaded
    tindex = fw._tindex  # noqa: SLF001
    prefix = pack_ushort(fw._fieldid)  # noqa: SLF001
    for term, ids, counts, positions in items:
        n = len(ids)
        occ = occurrence_starts(counts) if positions is not None and n > BLOCK else None
        info = W3TermInfo()
        start = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        weight = maxweight = 0.0
        for at in range(0, n, BLOCK):
            end = min(at + BLOCK, n)
            # Most terms are rare: plain lists beat numpy calls for a few postings.
            block_ids = ids[at:end].tolist()
            block_w = counts[at:end].tolist()
            deltas = [block_ids[0], *map(sub, block_ids[1:], block_ids)]  # deltas restart every block
            top = max(block_w)
            weight += sum(block_w)
            maxweight = max(maxweight, top)
            values = None
            if positions is not None:
                where = positions[occ[at]:occ[end]] if occ is not None else positions
                values = array("H" if int(where.max()) < 65536 else "I")
                values.frombytes(where.astype(np.uint16 if values.typecode == "H" else np.uint32).tobytes())
            data = _dumps((array("H" if max(deltas) < 65536 else "I", deltas),
                           None if top == 1 else array("f", block_w), values), 4)
            # Small blocks (most terms) are not worth compressing, and blocks
            # with positions are read on every query with their bigram, where
            # inflating them cost more than the rest of the query; the block
            # header says which are compressed.
            comp = _COMPRESSION if values is None and len(data) > _COMPRESS_OVER else 0
            if comp:
                data = _compress(data, comp)
            head = _dumps((end - at, block_ids[-1], float(top), comp, 0, 0), 2)
            length = len(head) + len(data)
            postfile.write_int(-length if end == n else length)
            postfile.write(head)
            postfile.write(data)
        info._weight, info._maxweight, info._df = float(weight), float(maxweight), n  # noqa: SLF001
        info._minid, info._maxid = int(ids[0]), int(ids[-1])  # noqa: SLF001
        info.set_extent(start, postfile.tell() - start)
        tindex.add(prefix + term.encode("utf-8"), info.to_bytes())
