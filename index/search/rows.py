"""The records a search generation holds besides Whoosh's postings: clause rows and the side table.

``ClauseRow`` is one clause as a build hands it to Whoosh and the side
table; ``Side`` is a loaded side table (see ``search_store`` for the files).
"""

from __future__ import annotations

import dataclasses
import mmap
import os
from pathlib import Path

import numpy as np

from index.base.text import normalise_many


def doc_info(doc) -> dict:
    """The document metadata filters need, kept in the side table."""
    year = doc.meta.get("year")
    return {"id": doc.id, "region": doc.region or "", "city": doc.meta.get("city") or "",
            "level": doc.meta.get("level") or "", "year": int(year) if str(year or "").isdigit() else None}


@dataclasses.dataclass
class ClauseRow:
    """One clause as the builder hands it to Whoosh and the side table."""

    cid: str
    doc: str
    norm: str
    length: int
    order: int
    shown: bytes = b""  # what a hit shows, see ``shown_record``


def shown_record(heading: str, path: list[str], text: str) -> bytes:
    """A hit's display fields (original script) as stored in ``side-<n>.hits``."""
    return f"{heading}\x1f{chr(0x1e).join(path)}\x1f{text}".encode()


def parse_shown(record: bytes) -> tuple[str, list[str], str]:
    """(heading, path, text) back from ``shown_record``."""
    heading, path, text = record.decode("utf-8").split("\x1f", 2)
    return heading, path.split("\x1e") if path else [], text


@dataclasses.dataclass
class Side:
    """The loaded side table of one Whoosh generation."""

    meta: dict
    gen: int  # the Whoosh generation this table belongs to (side-<gen>.*)
    docrec: np.ndarray  # Whoosh docnum -> record, -1 for deleted
    cids: list[str]
    doc_of: np.ndarray  # record -> index into meta["docs"]
    lengths: np.ndarray  # record -> number of terms (BM25 length)
    order: np.ndarray  # record -> document order key
    starts: np.ndarray  # record -> offset of its text in ``text``
    ends: np.ndarray
    text: str  # normalised texts, SEP-separated
    hits_path: Path | None = None  # side-<n>.hits: each record's shown_record, back to back
    hit_starts: np.ndarray | None = None  # record -> byte offset in hits_path (one extra at the end)
    _hits: mmap.mmap | None = None

    def norm(self, rec: int) -> str:
        return self.text[self.starts[rec]:self.ends[rec]]

    def shown(self, rec: int) -> bytes:
        """The record's display fields, read from a memory map of the hits file (not kept in memory)."""
        if self._hits is None:
            with open(self.hits_path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                self._hits = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return bytes(self._hits[self.hit_starts[rec]:self.hit_starts[rec + 1]])

    def close(self) -> None:
        if isinstance(self._hits, mmap.mmap):
            self._hits.close()
        self._hits = None


def rows_for(corpus, doc, doc_pos: int) -> list[tuple[ClauseRow, str]]:
    """(row, normalised heading) for each clause of ``doc``; ``length`` is filled in at commit."""
    clauses = corpus.clauses(doc.id)
    norms = normalise_many([c.text for c in clauses] + [c.heading or "" for c in clauses])
    n = len(clauses)
    return [(ClauseRow(c.id, doc.id, norms[i], 0, doc_pos * 100_000 + i,
                       shown_record(c.heading or "", corpus.path(c), c.text)), norms[n + i])
            for i, c in enumerate(clauses)]


def rows_from_side(side: Side) -> dict[str, ClauseRow]:
    """The previous generation's rows, so an update need not re-analyse old documents."""
    docs = side.meta["docs"]
    return {cid: ClauseRow(cid, docs[int(side.doc_of[r])]["id"], side.norm(r), int(side.lengths[r]),
                           int(side.order[r]), side.shown(r)) for r, cid in enumerate(side.cids)}
