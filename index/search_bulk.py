"""Fast bulk writing of gram postings into a Whoosh segment.

Whoosh's writer spends ~15 µs on every posting (a tuple through its external
sort pool, then one ``add_posting`` call and a doc-length lookup each), and a
50 MB library has ~30 million gram postings: building took many minutes.
Here the gram fields bypass the pool: postings are collected per term in
memory (one int per posting) and handed to Whoosh's own block writer a block
at a time, so the files are exactly what Whoosh writes and reads, at a
fraction of the cost. The small ``cid``/``doc`` fields still take the normal
path.

This reaches into ``whoosh.codec.whoosh3`` internals; ``whoosh-reloaded`` is
pinned, and the tests build and read real indexes, so a change there shows.
"""

from __future__ import annotations

from array import array
from collections import defaultdict

from whoosh.codec.whoosh3 import W3FieldWriter

GRAM_FIELDS = ("h", "t")  # sorted: Whoosh's term table wants fields in order
_FREQ_BITS = 8
_FREQ_MAX = (1 << _FREQ_BITS) - 1


def _codes() -> array:
    return array("Q")


class BulkGrams:
    """Collects gram postings for one Whoosh ``SegmentWriter`` and writes them at commit.

    Commit the writer with ``merge=False``: a merge would send old gram
    postings through the pool as well, and one field cannot be written twice.
    """

    def __init__(self, writer):
        self.writer = writer
        # One machine word per posting: a list of ints costs ~36 bytes each (1.4 GB peak on a 50 MB library).
        self.postings: dict[str, defaultdict[str, array]] = {f: defaultdict(_codes) for f in GRAM_FIELDS}
        fw = writer.fieldwriter
        if not isinstance(fw, W3FieldWriter):
            raise TypeError(f"unexpected Whoosh field writer {type(fw).__name__}")
        original = fw.add_postings

        def add_postings(schema, lengths, items):
            original(schema, lengths, items)
            self._write(fw, schema)

        fw.add_postings = add_postings  # runs inside writer.commit(), after the pooled fields

    def add(self, cid: str, doc: str, **grams: dict[str, int]) -> None:
        """Add one clause: its ids through Whoosh, its gram counts per field here."""
        docnum = self.writer.docnum
        self.writer.add_document(cid=cid, doc=doc)
        base = docnum << _FREQ_BITS
        for field, counts in grams.items():
            table = self.postings[field]
            for term, freq in counts.items():
                table[term].append(base | (freq if freq < _FREQ_MAX else _FREQ_MAX))

    def _write(self, fw: W3FieldWriter, schema) -> None:
        for field in GRAM_FIELDS:
            table = self.postings[field]
            if not table:
                continue
            fw.start_field(field, schema[field])
            pw = fw._postwriter  # noqa: SLF001 - pinned whoosh-reloaded
            limit = pw._blocklimit  # noqa: SLF001
            # Code point order is UTF-8 byte order, which the term table needs.
            for term in sorted(table):
                codes = table[term]
                fw.start_term(term.encode("utf-8"))
                for at in range(0, len(codes), limit):
                    chunk = codes[at:at + limit]
                    pw._ids = array("I", [c >> _FREQ_BITS for c in chunk])  # noqa: SLF001
                    weights = [float(c & _FREQ_MAX) for c in chunk]
                    pw._weights = array("f", weights)  # noqa: SLF001
                    pw._maxweight = max(weights)  # noqa: SLF001
                    pw._write_block(last=at + limit >= len(codes))  # noqa: SLF001
                fw.finish_term()
            fw.finish_field()
            table.clear()
