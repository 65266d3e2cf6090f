"""A document's clauses as parsed, kept on disk per document (a cache, never a source of truth).

A comparison reads the clauses of a dozen or two documents, and every
command parsed their Markdown again (``clauses.parse_clauses``: ~2 ms a
document, a twentieth of a 12-column comparison at 3,440 documents). The
library's ``clauses/`` folder (beside the manifest) keeps, per document, what
the parse found: each clause's last id segment, label, heading, parent,
offsets and kind. Its text is the body's own span (``body[start:end]``),
so the file holds no text of the document.

A file is trusted only for the body it was made from: the SHA-256 of the
body just read (not the manifest's word for it), its length, the document
id, ``PARSER_VERSION`` and ``FORMAT``, and a CRC-32 of its bytes. Anything
else (a truncated or altered file, another document's, an older parser's)
is parsed again and written over; a failed write only costs the same parse
next time.
"""

from __future__ import annotations

import json
import logging
import struct
import zlib
from pathlib import Path

from index.base.durable import read_cache, write_cache
from index.library import clauses
from index.library.clauses import Clause

log = logging.getLogger(__name__)

FOLDER = "clauses"  # beside the library manifest
FORMAT = 1  # bump when this file form changes
_MAGIC = b"ZRCLAUSES\n"
_CRC = struct.Struct("<I")


def path_for(folder: Path, doc_id: str) -> Path:
    return folder / f"{doc_id}.clauses"


def key_for(doc_id: str, body: str, body_hash: str) -> dict:
    """What a file must have been made from to be trusted for ``body`` (see the module docstring)."""
    return {"format": FORMAT, "parser": clauses.PARSER_VERSION, "doc": doc_id, "hash": body_hash, "length": len(body)}


def load_or_parse(folder: Path | None, doc_id: str, body: str, body_hash: str, keep: bool = True) -> list[Clause]:
    """``parse_clauses(doc_id, body)``: read from ``folder`` if a file made from this body is there, else
    parsed and (with ``keep``) written for the next command.

    Args:
        folder: where the library keeps them (None: nowhere, always parsed).
        doc_id: the document.
        body: its body as just read.
        body_hash: the SHA-256 (hex) of ``body`` as UTF-8, computed from it (the key).
        keep: write what was parsed (an index build reading each document once only reads what is kept).
    """
    if folder is None:
        return clauses.parse_clauses(doc_id, body)
    key = key_for(doc_id, body, body_hash)
    path = path_for(folder, doc_id)
    found = from_bytes(read_cache(path), key, body)
    if found is not None:
        return found
    found = clauses.parse_clauses(doc_id, body)
    if keep:
        write_cache(path, to_bytes(found, key))
    return found


def keep(folder: Path, doc_id: str, data: bytes) -> None:
    """Write a file ``to_bytes`` made elsewhere (an import's reader process parsed the document): it is read,
    like any, only for the body its key names."""
    write_cache(path_for(folder, doc_id), data)


def to_bytes(found: list[Clause], key: dict) -> bytes:
    """The file form: magic, JSON (``key`` and a row per clause), CRC-32 of all before."""
    place = {c.id: k for k, c in enumerate(found)}
    rows = [[c.id.rsplit("/", 1)[1], c.label, c.heading, -1 if c.parent is None else place[c.parent], c.start, c.end,
             c.kind] for c in found]
    body = _MAGIC + json.dumps({**key, "rows": rows}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return body + _CRC.pack(zlib.crc32(body))


def from_bytes(data: bytes, key: dict, body: str) -> list[Clause] | None:
    """The clauses of ``to_bytes``'s form with their texts from ``body``, or None if it is damaged or was not
    made with ``key`` (another body, document, parser or format)."""
    if len(data) < len(_MAGIC) + _CRC.size or not data.startswith(_MAGIC):
        return None
    end = len(data) - _CRC.size
    if zlib.crc32(memoryview(data)[:end]) != _CRC.unpack_from(data, end)[0]:
        return None
    try:
        stored = json.loads(data[len(_MAGIC):end])
        if any(stored.get(name) != value for name, value in key.items()):
            return None
        return _clauses(key["doc"], stored["rows"], body)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):  # UnicodeDecodeError: a ValueError
        return None


def _clauses(doc_id: str, rows: list, body: str) -> list[Clause]:
    """The clauses the rows describe, as ``clauses._finish`` makes them; ValueError if they cannot be a parse.

    Rows whose bytes passed the checksum and whose key names this very body were written by ``to_bytes``:
    only what would fail unseen (a parent after its child, a span outside the body) is checked.
    """
    out: list[Clause] = []
    ids: list[str] = []
    levels: list[int] = []
    size = len(body)
    top = f"{doc_id}/"
    for k, (segment, label, heading, parent, start, end, kind) in enumerate(rows):
        if not (-1 <= parent < k and 0 <= start <= end <= size):
            raise ValueError(f"clause row {k}")
        if parent < 0:
            up, cid, level = None, top + segment, 1
        else:
            up = ids[parent]
            cid, level = f"{up}/{segment}", levels[parent] + 1
        ids.append(cid)
        levels.append(level)
        out.append(Clause(cid, doc_id, label, heading, level, up, body[start:end], start, end, kind, k))
    return out


def forget(folder: Path, doc_id: str) -> None:
    """Delete what is kept of a document (it was removed); a file that will not go stays, harmless: it is only
    read for the body it was made from."""
    try:
        path_for(folder, doc_id).unlink(missing_ok=True)
    except OSError:
        log.warning("could not delete %s", path_for(folder, doc_id), exc_info=True)
