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

import dataclasses
from array import array
from pickle import dumps as _dumps
from zlib import compress as _compress

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3LeafMatcher, W3TermInfo
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_int, pack_ushort
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


@dataclasses.dataclass
class TermBatch:
    """Consecutive terms of one field with their postings, packed in arrays (what ``write_terms`` writes).

    Attributes:
        terms: the terms, in UTF-8 byte order, after the previous batch's.
        bounds: term ``k``'s postings are ``bounds[k]:bounds[k+1]`` (``bounds[0]`` is 0; every term has one).
        ids: each posting's document number, ascending within a term.
        counts: each posting's term count (≥ 1).
        positions: every posting's occurrence offsets, posting after posting (``counts[j]`` of them for
            posting ``j``), or None when no term of the batch keeps them.
        positioned: per term, whether its blocks carry its positions (None: no term does).
    """

    terms: list[str]
    bounds: np.ndarray
    ids: np.ndarray
    counts: np.ndarray
    positions: np.ndarray | None = None
    positioned: list[bool] | None = None


def _narrow_bytes(values: np.ndarray, tops: list[int], codes: str) -> dict[str, bytes]:
    """``values`` as the raw bytes of each array code in ``codes`` (or "Q") that some block's top needs."""
    out = {}
    for code in {_code(top, codes) for top in tops}:
        out[code] = values.astype(np.dtype(code)).tobytes()  # array and numpy share the C type codes
    return out


_LIMITS = {code: 1 << (8 * array(code).itemsize) for code in "BHIQ"}
_SIZES = {code: array(code).itemsize for code in "BHIQ"}


def _code(top: int, codes: str) -> str:
    """The narrowest array code of ``codes`` holding values up to ``top`` ("Q" if none does)."""
    for code in codes:
        if top < _LIMITS[code]:
            return code
    return "Q"


def write_terms(fw: W3FieldWriter, field: str, field_type, batches) -> None:
    """Write one field's terms: each term's postings (ascending ids) as blocks, plus its term-table row.

    ``batches`` yields ``TermBatch``es in term order. A block is Whoosh 3's
    ``(id deltas, weights, values)``: deltas as 16-bit integers where they
    fit, weights None when all are 1 else 8- or 16-bit, and for a positioned
    term its occurrence offsets in the values slot, as narrow as they fit.
    What each block needs (deltas, tops, sums, narrowest types) is computed
    for the whole batch at once with numpy; only the framing is per block.
    """
    fw.start_field(field, field_type)
    postfile = fw._postfile  # noqa: SLF001 - see check_internals
    tindex = fw._tindex  # noqa: SLF001
    prefix = pack_ushort(fw._fieldid)  # noqa: SLF001
    offset = postfile.tell()
    for batch in batches:
        offset = _write_batch(postfile, tindex, prefix, batch, offset)
    fw.finish_field()


def _write_batch(postfile, tindex, prefix: bytes, batch: TermBatch, offset: int) -> int:
    """Write ``batch``'s terms from ``offset`` in the postings file; returns the offset after them."""
    from index.search.analysis import occurrence_starts

    bounds = np.asarray(batch.bounds, dtype=np.int64)
    ids = np.asarray(batch.ids, dtype=np.int64)
    counts = np.asarray(batch.counts, dtype=np.int64)
    # Blocks: every term's start, and every BLOCK-th posting inside a longer term.
    sizes = np.diff(bounds)
    starts = bounds[:-1]
    longer = np.flatnonzero(sizes > BLOCK)
    if len(longer):
        inner = [np.arange(bounds[k] + BLOCK, bounds[k + 1], BLOCK) for k in longer.tolist()]
        starts = np.sort(np.concatenate([starts, *inner]))
    ends = np.append(starts[1:], bounds[-1])
    term_blocks = np.searchsorted(starts, bounds).tolist()  # term k's blocks: term_blocks[k]:term_blocks[k+1]
    deltas = np.empty_like(ids)
    deltas[1:] = ids[1:] - ids[:-1]
    deltas[starts] = ids[starts]  # deltas restart every block
    top_delta = np.maximum.reduceat(deltas, starts).tolist()
    tops = np.maximum.reduceat(counts, starts).tolist()
    sums = np.add.reduceat(counts, starts).tolist()
    lasts = ids[ends - 1].tolist()
    delta_bytes = _narrow_bytes(deltas, top_delta, "HI")
    weight_bytes = _narrow_bytes(counts, [t for t in tops if t != 1], "BH")
    positioned = batch.positioned
    if batch.positions is not None and positioned is not None and any(positioned):
        occ = occurrence_starts(counts)
        positions = np.asarray(batch.positions)
        occ_lo, occ_hi = occ[starts].tolist(), occ[ends].tolist()
        top_pos = np.maximum.reduceat(positions, occ[starts]).tolist()
        block_positioned = np.repeat(np.asarray(positioned, dtype=bool), np.diff(term_blocks))
        value_bytes = _narrow_bytes(positions, [p for p, keep in zip(top_pos, block_positioned.tolist(), strict=True)
                                                if keep], "BHI")
    else:
        positioned = None
    lo_l, hi_l = starts.tolist(), ends.tolist()
    write = postfile.write
    for k, term in enumerate(batch.terms):
        first, after = term_blocks[k], term_blocks[k + 1]
        pieces = [WHOOSH3_HEADER_MAGIC]
        weight = maxweight = 0
        for j in range(first, after):
            lo, hi, top = lo_l[j], hi_l[j], tops[j]
            code = _code(top_delta[j], "HI")
            size = _SIZES[code]
            block_ids = array(code, delta_bytes[code][lo * size:hi * size])
            weights = None
            if top != 1:
                code = _code(top, "BH")
                size = _SIZES[code]
                weights = array(code, weight_bytes[code][lo * size:hi * size])
            values = None
            if positioned is not None and positioned[k]:
                code = _code(top_pos[j], "BHI")
                size = _SIZES[code]
                values = array(code, value_bytes[code][occ_lo[j] * size:occ_hi[j] * size])
            data = _dumps((block_ids, weights, values), 4)
            comp = _COMPRESSION if len(data) > _COMPRESS_OVER else 0
            if comp:
                data = _compress(data, comp)
            head = _dumps((hi - lo, lasts[j], float(top), comp, 0, 0), 2)
            length = len(head) + len(data)
            pieces += (pack_int(-length if j == after - 1 else length), head, data)
            weight += sums[j]
            maxweight = max(maxweight, top)
        chunk = b"".join(pieces)
        write(chunk)
        info = W3TermInfo()
        info._weight, info._maxweight = float(weight), float(maxweight)  # noqa: SLF001 - see check_internals
        info._df = hi_l[after - 1] - lo_l[first]  # noqa: SLF001
        info._minid, info._maxid = int(ids[lo_l[first]]), lasts[after - 1]  # noqa: SLF001
        info.set_extent(offset, len(chunk))
        offset += len(chunk)
        tindex.add(prefix + term.encode("utf-8"), info.to_bytes())
    return offset


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
