"""Every use of Whoosh's internals, in one place: writing and reading postings blocks.

ZoneRef keeps Whoosh as its index engine (files, segments, term tables,
deletions, locking, generations) but writes and reads the gram postings
itself, in Whoosh's own block format, because going through Whoosh's
per-posting Python calls took minutes to build and tens of milliseconds to
read a long list:

* a term's postings are blocks of ``BLOCK`` postings; each block is a
  pickled ``(id deltas, weights, values)`` tuple behind a pickled block
  header, exactly as ``whoosh.codec.whoosh3`` writes them, so Whoosh's own
  matchers read them too;
* compact: ids as 16-bit deltas where they fit, weights (term counts) as
  8-bit integers where they fit (``None`` when all are 1), and in field
  ``t`` each bigram's positions (offsets in the clause text) in the values
  slot as 8- or 16-bit integers; every block is then compressed with zlib
  (the header's compression flag, which Whoosh honours);
* reading decodes a whole block at once into numpy arrays.

The pinned version is ``whoosh-reloaded==2.7.5``. ``check_internals`` names
every attribute relied on; ``tests/index/search/test_postings.py`` calls it
and round-trips real blocks through Whoosh's own matcher, so an upgrade that
changes them fails there, clearly, not in a user's search.
"""

from __future__ import annotations

from array import array
from operator import sub
from pickle import dumps as _dumps
from zlib import compress as _compress

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3LeafMatcher, W3TermInfo
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

#: The Whoosh release these internals were written against.
PINNED = (2, 7, 5)
#: Postings per block. Whoosh's default is 128; we read whole lists at once.
BLOCK = 4096
_COMPRESSION = 1  # zlib level: fast to inflate, most of the size gain
_COMPRESS_OVER = 64

#: (object, attributes) this module reads or writes.
INTERNALS = (
    (W3FieldWriter, ("_postfile", "_tindex", "_fieldid", "add_postings", "start_field", "finish_field")),
    (W3LeafMatcher, ("_data", "_read_data", "_lastblock", "_goto", "_nextoffset")),
    (W3TermInfo, ("_weight", "_maxweight", "_df", "_minid", "_maxid", "set_extent", "to_bytes")),
    (FilterMatcher, ("child",)),
    (SegmentWriter, ("perdocwriter", "docnum", "_added", "fieldwriter")),
)


class WhooshChanged(RuntimeError):
    """The installed Whoosh is not the one these internals were written for."""


def check_internals() -> None:
    """Raise ``WhooshChanged`` naming what differs from the pinned Whoosh, if anything does."""
    problems = []
    installed = tuple(whoosh.__version__)[:3]
    if installed != PINNED:
        problems.append(f"Whoosh {installed} is installed, {PINNED} is pinned")
    for owner, names in INTERNALS:
        for name in names:
            if not hasattr(owner, name) and name not in getattr(owner, "__slots__", ()) \
                    and name not in _instance_attributes(owner):
                problems.append(f"{owner.__module__}.{owner.__name__}.{name} is gone")
    if problems:
        raise WhooshChanged("; ".join(problems))


def _instance_attributes(cls) -> set[str]:
    """Attribute names a class's methods assign to ``self`` (instance attributes are not on the class)."""
    import inspect
    import re

    found: set[str] = set()
    for klass in cls.__mro__:
        try:
            source = inspect.getsource(klass)
        except (OSError, TypeError):
            continue
        found.update(re.findall(r"self\.(\w+)\s*=", source))
    return found


# -- writing -----------------------------------------------------------------------

def field_writer(writer) -> W3FieldWriter:
    """The Whoosh 3 field writer of a ``SegmentWriter`` (``TypeError`` if it is another codec's)."""
    fw = writer.fieldwriter
    if not isinstance(fw, W3FieldWriter):
        raise TypeError(f"unexpected Whoosh field writer {type(fw).__name__}")
    return fw


def after_pooled_fields(writer, write) -> None:
    """Call ``write(field_writer, schema)`` inside ``writer.commit()``, after Whoosh wrote its own fields."""
    fw = field_writer(writer)
    original = fw.add_postings

    def add_postings(schema, lengths, items):
        original(schema, lengths, items)
        write(fw, schema)

    fw.add_postings = add_postings


def add_blank_document(writer) -> int:
    """Add a document with no stored field and no pooled posting (its postings come from ``write_terms``).

    ``SegmentWriter.add_document`` costs ~30 µs a clause in Python for the
    one small field; this keeps only what makes the document exist. Returns
    its document number in the segment.
    """
    docnum = writer.docnum
    per_doc = writer.perdocwriter
    per_doc.start_doc(docnum)
    per_doc.finish_doc()
    writer._added = True  # noqa: SLF001 - see check_internals
    writer.docnum = docnum + 1
    return docnum


def _narrowest(values: list[int], codes: str = "BHI", top: int | None = None) -> array:
    if top is None:
        top = max(values) if values else 0
    for code in codes:
        if top < 1 << (8 * array(code).itemsize):
            return array(code, values)
    return array("Q", values)


def write_terms(fw: W3FieldWriter, field: str, field_type, items) -> None:
    """Write one field's terms: each term's postings (ascending ids) as blocks, plus its term-table row.

    ``items`` yields ``(term, ids, counts, positions)`` in term order (UTF-8
    byte order); where ``positions`` is not None the blocks carry them in
    the values slot, ``counts[j]`` of them for posting ``j``.
    """
    from index.search.analysis import occurrence_starts

    fw.start_field(field, field_type)
    postfile = fw._postfile  # noqa: SLF001 - see check_internals
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
                values = _narrowest(where.tolist(), "BHI", int(where.max()))
            data = _dumps((_narrowest(deltas, "HI"), None if top == 1 else _narrowest(block_w, "BH", top), values), 4)
            comp = _COMPRESSION if len(data) > _COMPRESS_OVER else 0
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
    fw.finish_field()


# -- reading -----------------------------------------------------------------------

def block_arrays(m, with_values: bool = False) -> tuple[list[np.ndarray], list[np.ndarray], list | None]:
    """Every posting of a Whoosh matcher as (ids, weights[, values]) arrays, a block at a time.

    ``values`` (positions, see ``write_terms``) is None when not asked for
    or when a block has none.
    """
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    values: list[np.ndarray] | None = [] if with_values else None
    if isinstance(m, FilterMatcher):
        m = m.child  # deleted documents map to record -1 and drop out later
    if isinstance(m, W3LeafMatcher):
        # Decoding a whole block is ~50x faster than next()/id() per posting.
        while True:
            if m._data is None:  # noqa: SLF001 - see check_internals
                m._read_data()  # noqa: SLF001
            deltas, wts, vals = m._data  # noqa: SLF001
            block = np.cumsum(np.asarray(deltas), dtype=np.int64)
            ids.append(block)
            if wts is None:
                weights.append(np.ones(len(block)))
            elif isinstance(wts, float):
                weights.append(np.full(len(block), wts))
            else:
                weights.append(np.asarray(wts, dtype=np.float64))
            if values is not None:
                if isinstance(vals, array):
                    values.append(np.asarray(vals, dtype=np.int64))
                else:
                    values = None
            if m._lastblock:  # noqa: SLF001
                break
            m._goto(m._nextoffset)  # noqa: SLF001
    else:  # inlined or list postings
        got_i, got_w = [], []
        while m.is_active():
            got_i.append(m.id())
            got_w.append(m.weight())
            m.next()
        ids.append(np.asarray(got_i, dtype=np.int64))
        weights.append(np.asarray(got_w, dtype=np.float64))
        values = None
    return ids, weights, values


def segment_count(ix) -> int:
    """How many segments a Whoosh index has."""
    return len(ix._segments())  # noqa: SLF001
