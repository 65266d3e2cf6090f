"""What comparisons read of a document's units, kept on disk per document (a cache, never a source of truth).

A comparison reads every unit of a dozen or two documents through their
inverted lists (``inverted.DocTerms``), built from each unit's bigram counts
and its sentences' (``units.first_features``). Counting them is a fact of
the units' texts alone, yet it was a third of a comparison's own work at
scale, every command again. The library's ``features/`` folder (beside the
manifest) keeps, per document:

* ``<doc>.units``: those counts as a few integer arrays (``Encoded``, one
  vocabulary per document; ``load_or_encode``);
* ``<doc>.words``: the segmenter's words of each unit (``load_or_segment``):
  the shared wording of the matches then needs no segmenter loaded;
* ``<doc>.facts``: the ``units.Features`` (heading, context, topics, length)
  of the units comparisons needed, the candidates (``Facts``).

Each is written when missing, damaged or stale, by the command that needed
it. A file is trusted only for what it was made from: a digest of the unit
texts (and headings, labels, contexts for ``facts``), ``VERSION`` (the code
that made it), the segmenter's or the taxonomy's identity, and a checksum of
its bytes. Anything else (a truncated or altered file, another document's,
an old version) is made again; a failed write only costs the same work next
time.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import struct
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, count
from pathlib import Path

import numpy as np

from index.base.durable import read_cache, write_cache
from index.compare.units import Features, features

log = logging.getLogger(__name__)

VERSION = 1  # bump when ``units.first_features`` (normalisation, bigrams, sentences) or this format changes
FOLDER = "features"  # beside the library manifest
_MAGIC = b"ZRUNITS\n"  # then a header naming the kind: "units" or "words"
_HEAD = struct.Struct("<I")
_ARRAYS = ("ids", "counts", "sizes", "sentences")
_TYPES = ("<u1", "<u2", "<u4")  # the arrays' stored types (values above 2**32 are never met: ids of one document)
_SEP = "\x00"  # between bigrams (a bigram is two word characters: never this)


@dataclasses.dataclass(frozen=True)
class Encoded:
    """A document's units' bigram counts as arrays.

    Attributes:
        grams: the document's bigrams, in order of first use; a bigram's id is its place.
        ids, counts: the entries, row after row: first each unit's text, then every sentence of every unit.
        sizes: entries per row (``units`` text rows, then the sentence rows).
        sentences: how many sentence rows each unit has.
        units: how many units.
    """

    grams: list[str]
    ids: np.ndarray
    counts: np.ndarray
    sizes: np.ndarray
    sentences: np.ndarray
    units: int


def encode(features: Sequence[tuple[Mapping[str, int], Sequence[Mapping[str, int]]]]) -> Encoded:
    """``units.first_features`` of some units as arrays (each row's entries in its counts' order)."""
    rows = [text for text, _ in features] + [s for _, sentences in features for s in sentences]
    vocab: dict[str, int] = {}
    # Each entry's bigram as the place of its first entry (at C speed), then as its place among the bigrams.
    first = np.fromiter(map(vocab.setdefault, chain.from_iterable(rows), count()), dtype=np.intp)
    n = len(first)
    ids = np.searchsorted(np.fromiter(vocab.values(), dtype=np.intp, count=len(vocab)), first)
    counts = np.fromiter(chain.from_iterable(r.values() for r in rows), dtype=np.intp, count=n)
    sizes = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    sentences = np.fromiter((len(s) for _, s in features), dtype=np.intp, count=len(features))
    return Encoded(list(vocab), ids, counts, sizes, sentences, len(features))


def digest(texts: Sequence[str]) -> str:
    """What a stored file must have been made from: the units' texts, in order, and ``VERSION``."""
    h = hashlib.blake2b(f"{VERSION}:{len(texts)}:".encode(), digest_size=16)
    if texts:  # each text and a NUL after it: one encoding of them all (the same bytes as text by text)
        h.update(("\x00".join(texts) + "\x00").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _texts_digest(texts: tuple[str, ...]) -> str:
    """``digest`` of a document's unit texts, made once a process for its units' and its words' files."""
    return _digest_of(texts, VERSION)


@functools.lru_cache(maxsize=64)
def _digest_of(texts: tuple[str, ...], version: int) -> str:
    return digest(texts)  # ``version``: the key of the cache (``digest`` reads ``VERSION``)


def _pack(kind: str, key: str, strings: Sequence[str], arrays: Mapping[str, np.ndarray], **facts) -> bytes:
    """The file form: magic, header length, JSON header, the strings, the arrays (little-endian unsigned
    integers, each as narrow as its values allow), CRC-32 of all before."""
    text = _SEP.join(strings).encode("utf-8", "surrogatepass")
    types = {name: _narrowest(a) for name, a in arrays.items()}
    raw = [a.astype(types[name]).tobytes() for name, a in arrays.items()]
    head = json.dumps({"kind": kind, "version": VERSION, "key": key, "strings": len(strings), "types": types,
                       "bytes": [len(text), *map(len, raw)], **facts}, separators=(",", ":")).encode()
    body = b"".join([_MAGIC, _HEAD.pack(len(head)), head, text, *raw])
    return body + _HEAD.pack(zlib.crc32(body))


def _narrowest(a: np.ndarray) -> str:
    if a.dtype.kind == "f":
        return "<f8"  # floats as they are (to the bit)
    top = int(a.max()) if len(a) else 0
    return next(t for t in _TYPES if top < 1 << (8 * np.dtype(t).itemsize))


def _unpack(data: bytes, kind: str, key: str) -> tuple[dict, list[str], dict[str, np.ndarray]]:
    """(header, strings, arrays) of ``_pack``'s form; ValueError if damaged, of another kind or version, or not
    made for ``key``."""
    if len(data) < len(_MAGIC) + 2 * _HEAD.size or not data.startswith(_MAGIC):
        raise ValueError("not a unit store file")
    body = memoryview(data)[: -_HEAD.size]
    if zlib.crc32(body) != _HEAD.unpack_from(data, len(data) - _HEAD.size)[0]:
        raise ValueError("checksum")
    at = len(_MAGIC)
    (size,) = _HEAD.unpack_from(data, at)
    head = json.loads(bytes(body[at + _HEAD.size: at + _HEAD.size + size]))
    if head.get("kind") != kind or head.get("version") != VERSION or head.get("key") != key:
        raise ValueError("made from something else")
    at += _HEAD.size + size
    lengths = head["bytes"]
    if at + sum(lengths) != len(body) or len(lengths) != len(head["types"]) + 1:
        raise ValueError("sizes")
    text = bytes(body[at: at + lengths[0]]).decode("utf-8", "surrogatepass")
    strings = text.split(_SEP) if text else []
    if len(strings) != head["strings"]:
        raise ValueError("strings")
    at += lengths[0]
    arrays = {}
    for n, (name, t) in zip(lengths[1:], head["types"].items(), strict=True):
        if t not in (*_TYPES, "<f8") or n % np.dtype(t).itemsize:
            raise ValueError("array type")
        raw = np.frombuffer(body, dtype=t, count=n // np.dtype(t).itemsize, offset=at)
        arrays[name] = raw.astype(np.float64 if t == "<f8" else np.intp)
        at += n
    return head, strings, arrays


_DAMAGE = (ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error)  # UnicodeDecodeError: a ValueError


def to_bytes(enc: Encoded, key: str) -> bytes:
    """``Encoded`` in the file form (``_pack``)."""
    return _pack("units", key, enc.grams, {name: getattr(enc, name) for name in _ARRAYS}, units=enc.units)


def from_bytes(data: bytes, key: str) -> Encoded | None:
    """``Encoded`` from ``to_bytes``'s form, or None if it is damaged, of another version or not made for ``key``."""
    try:
        head, grams, arrays = _unpack(data, "units", key)
        ids, counts, sizes, sentences = (arrays[name] for name in _ARRAYS)
        units = int(head["units"])
        if (len(sentences) != units or len(sizes) != units + int(sentences.sum()) or len(ids) != len(counts)
                or int(sizes.sum()) != len(ids) or (len(ids) and int(ids.max()) >= len(grams))):
            return None
        return Encoded(grams, ids, counts, sizes, sentences, units)
    except _DAMAGE:
        return None


KINDS = ("units", "words", "facts")  # the files kept per document


def path_for(folder: Path, doc_id: str, kind: str = "units") -> Path:
    return folder / f"{doc_id}.{kind}"


def forget(folder: Path, doc_id: str) -> None:
    """Delete what is kept of a document (it was removed from the library); a file that will not go stays,
    harmless: a document's files are only read for texts they were made from."""
    for kind in KINDS:
        try:
            path_for(folder, doc_id, kind).unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete %s", path_for(folder, doc_id, kind), exc_info=True)


def load_or_encode(folder: Path | None, doc_id: str, texts: Sequence[str],
                   compute: Callable[[], Sequence[tuple[Mapping[str, int], Sequence[Mapping[str, int]]]]]) -> Encoded:
    """The document's ``Encoded`` units: read from ``folder`` if a file made from these texts is there,
    else counted (``compute()``: each unit's ``first_features``) and written for the next command.

    Args:
        folder: where the library keeps them (None: nowhere, always counted).
        doc_id: the document.
        texts: its units' texts, in order (the key).
        compute: returns the units' ``first_features`` when they must be counted.
    """
    if folder is None:
        return encode(compute())
    key = _texts_digest(tuple(texts))
    path = path_for(folder, doc_id)
    enc = from_bytes(read_cache(path), key)
    if enc is not None and enc.units == len(texts):
        return enc
    enc = encode(compute())
    write_cache(path, to_bytes(enc, key))
    return enc


def load_or_segment(folder: Path | None, doc_id: str, texts: Sequence[str], segmenter: str,
                    compute: Callable[[], Sequence[Sequence[int]]]) -> list[list[int]]:
    """Each unit's words (their lengths, ``wording.word_lengths`` of its ``matching_text``): read from
    ``folder`` if a file made from these texts by this segmenter is there, else segmented and written.

    Args:
        texts: the units' texts, original script (their normalisation is a function of them and ``VERSION``).
        segmenter: the segmenter's identity (``wording.segmenter_key``): another one's words are not used.
        compute: returns every unit's word lengths when they must be segmented.
    """
    key = f"{_texts_digest(tuple(texts))}:{segmenter}"
    if folder is not None:
        try:
            _, _, arrays = _unpack(read_cache(path_for(folder, doc_id, "words")), "words", key)
            lengths, sizes = arrays["lengths"], arrays["sizes"]
            if len(sizes) == len(texts) and int(sizes.sum()) == len(lengths):
                ends = np.cumsum(sizes).tolist()
                flat = lengths.tolist()
                return [flat[e - n:e] for e, n in zip(ends, sizes.tolist(), strict=True)]
        except _DAMAGE:
            pass
    words = [list(w) for w in compute()]
    if folder is not None:
        arrays = {"lengths": np.fromiter(chain.from_iterable(words), dtype=np.intp),
                  "sizes": np.fromiter(map(len, words), dtype=np.intp, count=len(words))}
        write_cache(path_for(folder, doc_id, "words"), _pack("words", key, [], arrays))
    return words


class Facts:
    """The ``units.Features`` of a document's units that comparisons needed (the candidates'), kept on disk.

    Read when made (the file, if it was made from these units with this taxonomy), each unit's decoded when
    first asked; a unit not kept is described (``units.features``) and ``keep`` writes the file again with
    it. A damaged or stale file counts as empty.

    Args:
        folder: the library's store folder.
        doc_id: the document.
        doc_units: all its units, in order.
        tagger: the taxonomy's identity (``topics.tagger_version``): topic weights depend on it.
    """

    def __init__(self, folder: Path, doc_id: str, doc_units: Sequence, tagger: str):
        self.path = path_for(folder, doc_id, "facts")
        self.key = digest([f"{u.clause.heading or ''}\x1f{u.clause.label or ''}\x1f{u.context}\x1f{u.text}"
                           for u in doc_units]) + ":" + tagger
        self._count = len(doc_units)
        self._known: dict[int, Features] = {}
        self._kept: dict[int, int] = {}  # unit → its place in the file
        self._new = False
        try:
            _, self._strings, a = _unpack(read_cache(self.path), "facts", self.key)
            self._arrays = a
            self._starts = {part: np.concatenate([[0], np.cumsum(a[f"{part}_sizes"])]).tolist()
                            for part in ("lead", "context", "topic")}
            kept = a["units"].tolist()
            if (any(not 0 <= u < self._count for u in kept) or len(a["lengths"]) != len(kept)
                    or len(a["topic_values"]) != len(a["topic_ids"])
                    or any(len(a[f"{p}_sizes"]) != len(kept) or self._starts[p][-1] != len(a[f"{p}_ids"])
                           for p in ("lead", "context", "topic"))
                    or len(a["lead_counts"]) != len(a["lead_ids"]) or len(a["context_counts"]) != len(a["context_ids"])
                    or any(len(a[f"{p}_ids"]) and int(a[f"{p}_ids"].max()) >= len(self._strings)
                           for p in ("lead", "context", "topic"))):
                raise ValueError("inconsistent")
            self._kept = {u: k for k, u in enumerate(kept)}
        except _DAMAGE:
            self._kept = {}

    def get(self, i: int, unit) -> Features:
        """Unit ``i``'s features: as kept, else described now (and kept by the next ``keep``)."""
        hit = self._known.get(i)
        if hit is None:
            k = self._kept.get(i)
            if k is None:
                hit = features(unit)
                self._new = True
            else:
                hit = self._decode(k)
            self._known[i] = hit
        return hit

    def _decode(self, k: int) -> Features:
        a, names = self._arrays, self._strings

        def part(name: str, values: str) -> tuple[list[str], list]:
            lo, hi = self._starts[name][k], self._starts[name][k + 1]
            return list(map(names.__getitem__, a[f"{name}_ids"][lo:hi].tolist())), a[values][lo:hi].tolist()

        lead = Counter(dict(zip(*part("lead", "lead_counts"), strict=True)))
        context = Counter(dict(zip(*part("context", "context_counts"), strict=True)))
        topics = dict(zip(*part("topic", "topic_values"), strict=True))
        return Features(lead, topics, int(a["lengths"][k]), context)

    def keep(self) -> None:
        """Write the file again if a unit was described since it was read (a failed write costs a recount)."""
        if not self._new:
            return
        for i, k in self._kept.items():
            if i not in self._known:
                self._known[i] = self._decode(k)
        order = sorted(self._known)
        vocab: dict[str, int] = {}
        arrays: dict[str, list] = {name: [] for name in (
            "lead_ids", "lead_counts", "lead_sizes", "context_ids", "context_counts", "context_sizes", "topic_ids",
            "topic_sizes")}
        values: list[float] = []
        for i in order:
            f = self._known[i]
            for name, items in (("lead", f.lead.items()), ("context", f.context.items()),
                                ("topic", f.topics.items())):
                items = list(items)
                arrays[f"{name}_ids"] += [vocab.setdefault(g, len(vocab)) for g, _ in items]
                arrays[f"{name}_sizes"].append(len(items))
                if name == "topic":
                    values += [x for _, x in items]
                else:
                    arrays[f"{name}_counts"] += [c for _, c in items]
        packed = {"units": np.array(order, dtype=np.intp), **{n: np.array(v, dtype=np.intp) for n, v in arrays.items()},
                  "topic_values": np.array(values, dtype=np.float64),
                  "lengths": np.array([self._known[i].length for i in order], dtype=np.intp)}
        write_cache(self.path, _pack("facts", self.key, list(vocab), packed))
        self._new = False
