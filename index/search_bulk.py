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

from index.analysis import GramPostings, gram_postings

GRAM_FIELDS = ("h", "t")  # sorted: Whoosh's term table wants fields in order
#: Postings per block. Whoosh's default is 128; we read whole lists at once.
BLOCK = 4096
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
            gp = gram_postings(self.texts[field])
            self.texts[field] = []
            if field == "t":
                self.lengths = gp.lengths
            if not gp.terms:
                continue
            fw.start_field(field, schema[field])
            _write_terms(fw, gp, docnums[gp.recs], with_positions=field == POSITIONS_FIELD)
            fw.finish_field()


def _write_terms(fw: W3FieldWriter, gp: GramPostings, ids: np.ndarray, with_positions: bool) -> None:
    """Write each term's postings (ascending ids) as Whoosh blocks plus its term-table row.

    With ``with_positions``, a bigram's blocks carry the offsets of its
    occurrences in the block's values slot (see ``POSITIONS_FIELD``).
    """
    postfile = fw._postfile  # noqa: SLF001 - pinned whoosh-reloaded
    tindex = fw._tindex  # noqa: SLF001
    prefix = pack_ushort(fw._fieldid)  # noqa: SLF001
    bounds_l = gp.bounds.tolist()
    counts, positions = gp.counts, gp.positions
    occ = gp.occurrence_starts() if with_positions else None
    for k, term in enumerate(gp.terms):
        lo, hi = bounds_l[k], bounds_l[k + 1]
        keep_positions = with_positions and len(term) == 2 and not term.isascii()
        info = W3TermInfo()
        start = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        weight = maxweight = 0.0
        for at in range(lo, hi, BLOCK):
            end = min(at + BLOCK, hi)
            # Most terms are rare: plain lists beat numpy calls for a few postings.
            block_ids = ids[at:end].tolist()
            block_w = counts[at:end].tolist()
            deltas = [block_ids[0], *map(sub, block_ids[1:], block_ids)]  # deltas restart every block
            top = max(block_w)
            weight += sum(block_w)
            maxweight = max(maxweight, top)
            values = None
            if keep_positions:
                where = positions[occ[at]:occ[end]]
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
            postfile.write_int(-length if end == hi else length)
            postfile.write(head)
            postfile.write(data)
        info._weight, info._maxweight, info._df = float(weight), float(maxweight), hi - lo  # noqa: SLF001
        info._minid, info._maxid = int(ids[lo]), int(ids[hi - 1])  # noqa: SLF001
        info.set_extent(start, postfile.tell() - start)
        tindex.add(prefix + term.encode("utf-8"), info.to_bytes())
