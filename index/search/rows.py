"""The records a search generation holds besides Whoosh's postings: clause rows and the side table.

``ClauseRow`` is one clause as a build hands it to Whoosh and the side
table; ``Side`` is a loaded side table (see ``index.search.store`` for the
files). The side table is compact and opened lazily, so that a process that
runs one query (``zoneref search``) pays for what that query reads only:

* numbers per record (document, BM25 length, order, offsets) are one binary
  file of little-endian arrays, memory-mapped;
* the normalised texts are one UTF-16 file (2 bytes a CJK character, 3 in
  UTF-8), memory-mapped, sliced per record;
* the original text is not stored again: it differs from the normalised
  text only where normalising changed a character (full-width punctuation,
  traditional characters), so a record keeps just those runs (``text_diff``);
* clause ids are kept without their document id, heading paths once each.
"""

from __future__ import annotations

import dataclasses
import functools
import mmap
import os
import re
from pathlib import Path

import numpy as np

from index.base.text import normalise_many
from index.search.analysis import close_letter_spacing, letter_spaced

#: Records are separated by this in the text file (never in a normalised text: control characters are not).
SEP = "\x00"
_RUN_SEP = "\x1e"
_FIELD_SEP = "\x1f"


def doc_info(doc) -> dict:
    """The document metadata filters need, kept in the side table."""
    year = doc.get("year")
    return {"id": doc.id, "region": doc.region or "", "city": doc.get("city") or "",
            "level": doc.get("level") or "", "year": int(year) if str(year or "").isdigit() else None}


@dataclasses.dataclass
class ClauseRow:
    """One clause as the builder hands it to Whoosh and the side table."""

    cid: str
    doc: str
    norm: str  # normalised text, letter-spaced runs closed up (``analysis.close_letter_spacing``; same length as ``text``)
    length: int  # terms of ``norm`` (BM25 length), filled in at commit
    order: int  # document order key
    heading: str = ""
    path: tuple[str, ...] = ()
    diff: str = ""  # ``text_diff(text, norm)``
    signpost: bool = False  # its text is its number and heading only, over the clauses under it (``signpost``)

    @property
    def text(self) -> str:
        """The clause text in its original script."""
        return apply_diff(self.norm, self.diff)


def text_diff(text: str, norm: str) -> str:
    """Where ``text`` differs from its normalised form (same length): ``start,chars`` runs.

    Most of a simplified-script clause is its own normalised form; a
    traditional one differs in perhaps a third of its characters. Keeping
    only the differing runs costs a tenth of a copy of the text.
    """
    if text == norm:
        return ""
    runs = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != norm[i]:
            j = i + 1
            while j < n and text[j] != norm[j]:
                j += 1
            runs.append(f"{i},{text[i:j]}")
            i = j
        else:
            i += 1
    return _RUN_SEP.join(runs)


def apply_diff(norm: str, diff: str) -> str:
    """The original text back from its normalised form and ``text_diff``."""
    if not diff:
        return norm
    out, at = [], 0
    for run in diff.split(_RUN_SEP):
        start, _, chars = run.partition(",")
        start = int(start)
        out.append(norm[at:start])
        out.append(chars)
        at = start + len(chars)
    out.append(norm[at:])
    return "".join(out)


#: A clause's document order key: its document's position times this, plus its own position in the document.
ORDER_STRIDE = 100_000


def rows_for(corpus, doc, doc_pos: int) -> list[tuple[ClauseRow, str]]:
    """(row, normalised heading) for each clause of ``doc``; ``length`` is filled in at commit."""
    clauses = corpus.clauses(doc.id)
    texts = [c.text for c in clauses]
    heads = [c.heading or "" for c in clauses]
    # Letter-spaced headings closed up (总　　则 is searched as 总则), found in the text as written.
    norms = [close_letter_spacing(norm, letter_spaced(raw)) for raw, norm in zip(texts + heads,
                                                                                 normalise_many(texts + heads),
                                                                                 strict=True)]
    n = len(clauses)
    names = _path_names(corpus, clauses)
    diffs = text_diffs(texts, norms[:n])
    parents = {c.parent for c in clauses if c.parent}
    return [(ClauseRow(c.id, doc.id, norms[i], 0, doc_pos * ORDER_STRIDE + i, c.heading or "",
                       names[c.id], diffs[i], c.id in parents and signpost(c.text, c.label, c.heading)), norms[n + i])
            for i, c in enumerate(clauses)]


_SPACES = re.compile(r"\s+")
# A run-in heading ends in a full stop ((二)目标要求。); a sentence that ends in one is a rule, not a heading.
RUN_IN_HEADING_CHARS = 12


def signpost(text: str, label: str | None, heading: str | None) -> bool:
    """Whether a clause's text is its number and heading and nothing else (第四节　招商引资项目库, （二）目标要求。):
    a heading over the clauses under it, which say what it is about. Search lists such a clause after the
    clauses that say something: at 3,500 documents, 183 of the first 200 hits of 招商引资 were section titles.
    A one-sentence rule over its items (三、对…的开发区给予奖励。, 一、申请…应当提交下列材料：) is not one."""
    if not heading:
        return False
    rest = text
    for part in (label, heading):
        if part:
            rest = rest.replace(part, "", 1)
    rest = _SPACES.sub("", rest)
    return not rest or (rest in ("。", ".") and len(heading) <= RUN_IN_HEADING_CHARS)


def text_diffs(texts: list[str], norms: list[str]) -> list[str]:
    """``text_diff`` of many texts at once (one array comparison for a whole document)."""
    joined = SEP.join(texts)
    joined_norm = SEP.join(norms)
    if joined == joined_norm:
        return [""] * len(texts)
    a = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(joined_norm.encode("utf-32-le"), dtype=np.uint32)
    if len(a) != len(b):  # normalising changed a length (never expected): one by one
        return [text_diff(t, n) for t, n in zip(texts, norms, strict=True)]
    where = np.flatnonzero(a != b)
    breaks = np.flatnonzero(np.diff(where) != 1) + 1
    starts = where[np.concatenate([[0], breaks])]
    ends = where[np.concatenate([breaks - 1, [len(where) - 1]])] + 1
    # Runs never cross records: the separator is the same in both.
    rec_starts = np.zeros(len(texts), dtype=np.int64)
    rec_starts[1:] = np.cumsum(np.fromiter(map(len, texts[:-1]), dtype=np.int64, count=len(texts) - 1) + 1)
    recs = np.searchsorted(rec_starts, starts, side="right") - 1
    runs: list[list[str]] = [[] for _ in texts]
    base = rec_starts.tolist()
    for s, e, r in zip(starts.tolist(), ends.tolist(), recs.tolist(), strict=True):
        runs[r].append(f"{s - base[r]},{joined[s:e]}")
    return [_RUN_SEP.join(r) for r in runs]


def _path_names(corpus, clauses) -> dict[str, tuple[str, ...]]:
    """Each clause's heading path (``Corpus.path``), built parent by parent in one pass."""
    from index.library.corpus import display_name

    out: dict[str, tuple[str, ...]] = {}
    for c in clauses:  # parents come before their children
        if c.parent is None:
            out[c.id] = ()
        else:
            parent = corpus.clause(c.parent)
            name = display_name(parent)
            out[c.id] = out[parent.id] + ((name,) if name else ())
    return out


class Side:
    """The loaded side table of one Whoosh generation (memory maps; ``close`` releases them).

    Attributes:
        meta: the JSON part (documents, hashes, fingerprint, array layout).
        gen: the Whoosh generation this table belongs to (``side-<gen>.*``).
        docrec: Whoosh docnum -> record (-1: deleted).
        doc_of: record -> index into ``meta["docs"]``.
        lengths: record -> BM25 length (float64).
        order: record -> document order key.
        starts, ends: record -> offsets of its text in the record text
            space (characters, records one apart): where bigram positions point.
    """

    def __init__(self, files: dict[str, Path], meta: dict, gen: int):
        self.meta = meta
        self.gen = gen
        self.files = files
        self._maps: dict[str, mmap.mmap | bytes] = {}
        # Every part mapped now, not when a query first needs it: an update in another process drops the
        # previous generation's side files, and one not yet opened here was gone (a search failed mid-way).
        # A mapped file outlives its name (POSIX); on Windows the drop leaves it (``store._drop_other_sides``).
        for part in files:
            self._map(part)
        self._layout = {name: (np.dtype(dtype).newbyteorder("<"), offset, count)
                        for name, (dtype, offset, count) in meta["arrays"].items()}
        self.n = int(meta["records"])
        self.docrec = self._array("docrec").astype(np.int64)
        self.doc_of = self._array("doc_of").astype(np.int64)
        self._ids = _starts(self._array("id_lens").astype(np.int64))
        for name in self._layout:  # every stored array is checked against the file now, read when first asked
            self._array(name)

    def warm(self) -> None:
        """Make what a search's ranking and its hits read (the order, the texts' and headings' offsets) now:
        the app's worker calls this after opening, so that its first query does not."""
        for name in ("order", "_u16", "_hits", "_paths", "_path_of"):
            getattr(self, name)

    # The texts' offsets, the BM25 lengths and the ranking order, made when first asked: a comparison's
    # candidates (``Executor.similar``) read none of them (~20 ms of opening 375,000 records).
    @functools.cached_property
    def _path_of(self) -> np.ndarray:
        return self._array("path_of").copy()

    @functools.cached_property
    def _lens(self) -> dict[str, np.ndarray]:
        return {name: self._array(name).copy() for name in ("char_lens", "u16_lens", "hit_lens", "path_lens",
                                                           "lengths", "order")}

    @functools.cached_property
    def lengths(self) -> np.ndarray:
        return self._lens["lengths"].astype(np.float64)

    @functools.cached_property
    def order(self) -> np.ndarray:
        return self._lens["order"].astype(np.int64)

    @functools.cached_property
    def signpost(self) -> np.ndarray:
        """record -> 1 if its text is only its number and heading (``rows.signpost``), else 0."""
        return self._array("signpost").astype(np.uint8)

    @functools.cached_property
    def starts(self) -> np.ndarray:
        return _starts(self._lens["char_lens"].astype(np.int64) + 1)[:-1]

    @functools.cached_property
    def ends(self) -> np.ndarray:
        return self.starts + self._lens["char_lens"].astype(np.int64)

    @functools.cached_property
    def text_chars(self) -> int:
        return int(self.ends[-1]) if self.n else 0

    @functools.cached_property
    def _u16(self) -> np.ndarray:
        return _starts(self._lens["u16_lens"].astype(np.int64) + 1)

    @functools.cached_property
    def _hits(self) -> np.ndarray:
        return _starts(self._lens["hit_lens"].astype(np.int64))

    @functools.cached_property
    def _paths(self) -> np.ndarray:
        return _starts(self._lens["path_lens"].astype(np.int64))

    # -- files -------------------------------------------------------------
    def _map(self, part: str):
        if part not in self._maps:
            with open(self.files[part], "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                self._maps[part] = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return self._maps[part]

    def _array(self, name: str) -> np.ndarray:
        """A stored array as a view of the map: whoever keeps it copies it (``astype``, ``copy``), so that no
        array keeps the map alive and ``close`` releases the file (Windows)."""
        dtype, offset, count = self._layout[name]
        return np.frombuffer(self._map("arr"), dtype=dtype, count=count, offset=offset)

    def close(self) -> None:
        for buf in self._maps.values():
            if isinstance(buf, mmap.mmap):
                buf.close()
        self._maps.clear()

    # -- one record ----------------------------------------------------------
    def norm(self, rec: int) -> str:
        """The record's normalised text."""
        lo = 2 * int(self._u16[rec])
        hi = 2 * int(self._u16[rec + 1]) - 2
        return self._map("txt")[lo:hi].decode("utf-16-le")

    def cid(self, rec: int) -> str:
        doc = self.meta["docs"][int(self.doc_of[rec])]["id"]
        rel = self._map("ids")[int(self._ids[rec]):int(self._ids[rec + 1])].decode("utf-8")
        return f"{doc}/{rel}"

    def cids(self) -> list[str]:
        return [self.cid(r) for r in range(self.n)]

    def shown(self, rec: int) -> tuple[str, list[str], str]:
        """(heading, heading path, text in the original script) of a record."""
        raw = self._map("hits")[int(self._hits[rec]):int(self._hits[rec + 1])].decode("utf-8")
        ref, _, diff = raw.partition(_FIELD_SEP)
        text = apply_diff(self.norm(rec), diff)
        return _heading_of(ref, text), list(self.path(rec)), text

    def path(self, rec: int) -> tuple[str, ...]:
        k = int(self._path_of[rec])
        raw = self._map("paths")[int(self._paths[k]):int(self._paths[k + 1])].decode("utf-8")
        return tuple(raw.split(_RUN_SEP)) if raw else ()

    def kept_parts(self, keep: np.ndarray) -> tuple[dict[str, np.ndarray | None], dict[str, list]]:
        """``side_parts`` of the records ``keep`` (ascending), copied as stored: nothing decoded.

        An update keeps most of a large table: each run of consecutive kept
        records is one slice of each file (views of the maps: valid until
        ``close``), and heading paths no kept record uses are dropped.
        ``doc_of`` is the caller's, as in ``side_parts``.
        """
        keep = np.asarray(keep, dtype=np.int64)
        used, path_of = np.unique(self._path_of[keep], return_inverse=True)
        arrays: dict[str, np.ndarray | None] = {
            "doc_of": None,
            "lengths": self.lengths[keep].astype(np.int64),
            "order": self.order[keep],
            "char_lens": (self.ends - self.starts)[keep],
            "u16_lens": (np.diff(self._u16) - 1)[keep],
            "hit_lens": np.diff(self._hits)[keep],
            "id_lens": np.diff(self._ids)[keep],
            "path_of": path_of.astype(np.int64),
            "path_lens": np.diff(self._paths)[used],
            "signpost": self.signpost[keep],
        }
        breaks = np.flatnonzero(np.diff(keep) != 1) + 1
        runs = np.split(keep, breaks) if len(keep) else []
        parts: dict[str, list] = {}
        for part, offsets, width in (("txt", self._u16, 2), ("hits", self._hits, 1), ("ids", self._ids, 1)):
            view = memoryview(self._map(part))
            parts[part] = [view[width * int(offsets[run[0]]):width * int(offsets[run[-1] + 1])] for run in runs]
        view = memoryview(self._map("paths"))
        parts["paths"] = [view[int(self._paths[k]):int(self._paths[k + 1])] for k in used.tolist()]
        return arrays, parts

    def texts(self) -> list[str]:
        """Every record's normalised text (a scan; the benchmarks' brute force)."""
        return bytes(self._map("txt")).decode("utf-16-le").split(SEP)[:self.n]

    def find(self, needle: str, rec: int) -> bool:
        """Whether the record's normalised text contains ``needle`` (without decoding the text)."""
        buf = self._map("txt")
        pattern = needle.encode("utf-16-le")
        lo, hi = 2 * int(self._u16[rec]), 2 * int(self._u16[rec + 1]) - 2
        at = buf.find(pattern, lo, hi)
        while at >= 0 and (at - lo) % 2:  # a match must start on a code unit
            at = buf.find(pattern, at + 1, hi)
        return at >= 0


def _heading_ref(row: ClauseRow) -> str:
    """The heading as stored: most headings are in the clause's own text, then only where (``\x01start,length``)."""
    if row.heading:
        at = row.text.find(row.heading)
        if at >= 0:
            return f"\x01{at},{len(row.heading)}"
    return row.heading


def _heading_of(ref: str, text: str) -> str:
    if ref.startswith("\x01"):
        at, _, length = ref[1:].partition(",")
        return text[int(at):int(at) + int(length)]
    return ref


def _starts(lengths: np.ndarray) -> np.ndarray:
    """Offsets of consecutive pieces of these lengths (one extra at the end)."""
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def side_parts(rows: list[ClauseRow]) -> tuple[dict[str, np.ndarray], dict[str, list[bytes]]]:
    """The arrays and byte pieces of a side table holding ``rows`` in record order.

    Returns:
        (arrays by name, the pieces of each file by part name: ``txt``,
        ``hits``, ``ids``, ``paths``); ``docrec`` is the caller's.
    """
    path_ix: dict[tuple[str, ...], int] = {}
    path_of = np.zeros(len(rows), dtype=np.int32)
    u16_lens = np.zeros(len(rows), dtype=np.uint32)
    txt: list[bytes] = []
    hits: list[bytes] = []
    ids: list[bytes] = []
    for k, r in enumerate(rows):
        path_of[k] = path_ix.setdefault(r.path, len(path_ix))
        t = r.norm.encode("utf-16-le") + b"\x00\x00"
        u16_lens[k] = len(t) // 2 - 1
        txt.append(t)
        hits.append(f"{_heading_ref(r)}{_FIELD_SEP}{r.diff}".encode())
        ids.append(r.cid.split("/", 1)[1].encode())
    paths = [_RUN_SEP.join(p).encode() for p in path_ix]
    arrays = {
        "doc_of": None,  # the caller's: an index into its document list
        "lengths": np.fromiter((r.length for r in rows), dtype=np.uint32, count=len(rows)),
        "order": np.fromiter((r.order for r in rows), dtype=np.int64, count=len(rows)),
        "char_lens": np.fromiter((len(r.norm) for r in rows), dtype=np.uint32, count=len(rows)),
        "u16_lens": u16_lens,
        "hit_lens": np.fromiter(map(len, hits), dtype=np.uint32, count=len(rows)),
        "id_lens": np.fromiter(map(len, ids), dtype=np.uint32, count=len(rows)),
        "path_of": path_of,
        "path_lens": np.fromiter(map(len, paths), dtype=np.uint32, count=len(paths)),
        "signpost": np.fromiter((r.signpost for r in rows), dtype=np.uint8, count=len(rows)),
    }
    return arrays, {"txt": txt, "hits": hits, "ids": ids, "paths": paths}


def joined_parts(first: tuple[dict, dict], then: tuple[dict, dict]) -> tuple[dict[str, np.ndarray], dict[str, list]]:
    """Two tables' ``side_parts`` (or ``Side.kept_parts``) as one, ``then``'s records after ``first``'s."""
    (arrays_a, parts_a), (arrays_b, parts_b) = first, then
    arrays: dict[str, np.ndarray] = {}
    for name, a in arrays_a.items():  # ``doc_of`` filled in by the caller in both
        b = arrays_b[name]
        if name == "path_of":  # ``then``'s paths come after ``first``'s
            b = np.asarray(b, dtype=np.int64) + len(arrays_a["path_lens"])
        arrays[name] = np.concatenate([np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)])
    return arrays, {part: [*parts_a[part], *parts_b[part]] for part in parts_a}
