"""The user's comparison decisions: pins, saved comparison sets, and their export.

A *pin* is the user's answer for one pair (source clause, other document):
either "this clause is the counterpart" or "there is no counterpart". Pins
live in the ``pins`` table of the user database and override the automatic
alignment everywhere (``index.compare.align.counterparts`` reads them).

A *comparison set* is a named view: a source clause or a topic, the chosen
documents, and the pins that belong to it. It is stored as JSON in
``comparison_sets`` and can be exported to a small file a colleague imports.
Every write runs in ``transaction``; an import is validated whole
before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.base import jsondata
from index.base.clock import utc_iso
from index.base.durable import write_whole
from index.base.errors import KnownError, UnknownIdError
from index.base.text import has_surrogates
from index.userdata.connection import transaction

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

FILE_FORMAT = "zoneref-comparison-set"
FILE_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_NAME = 200


class ComparisonSetError(KnownError, code="comparison_set"):
    """A comparison set or pin request that cannot be carried out (bad payload, name taken)."""


class SetFileError(ComparisonSetError, code="comparison_set_file"):
    """An import file that is not a valid comparison-set file."""


# -- pins ------------------------------------------------------------------

def _check_pin_args(source_clause_id: str, doc_id: str, clause_id: str | None) -> None:
    for label, value in (("source clause id", source_clause_id), ("document id", doc_id)):
        if not isinstance(value, str) or not value.strip():
            raise ComparisonSetError(f"{label} must be a non-empty string")
    if source_clause_id.split("/", 1)[0] == doc_id:
        raise ComparisonSetError(f"cannot pin a counterpart in the source's own document {doc_id}")
    if clause_id is not None and not clause_id.startswith(doc_id + "/"):
        raise ComparisonSetError(f"clause {clause_id} is not in document {doc_id}")


def set_pin(db: sqlite_utils.Database, source_clause_id: str, doc_id: str, clause_id: str) -> dict:
    """Pin ``clause_id`` as the counterpart of ``source_clause_id`` in ``doc_id``.

    Raises:
        ComparisonSetError: the clause is not in ``doc_id``, or ``doc_id`` is the source's document.
    """
    _check_pin_args(source_clause_id, doc_id, clause_id)
    return _write_pin(db, source_clause_id, doc_id, clause_id, "pin")


def set_none(db: sqlite_utils.Database, source_clause_id: str, doc_id: str) -> dict:
    """Record that ``doc_id`` has no counterpart for ``source_clause_id``."""
    _check_pin_args(source_clause_id, doc_id, None)
    return _write_pin(db, source_clause_id, doc_id, None, "none")


def _write_pin(db, source_clause_id: str, doc_id: str, clause_id: str | None, decision: str) -> dict:
    row = {"source_clause_id": source_clause_id, "doc_id": doc_id, "clause_id": clause_id,
           "decision": decision, "updated": utc_iso()}
    with transaction(db):
        db["pins"].upsert(row, pk=("source_clause_id", "doc_id"))
    return row


def clear_pin(db: sqlite_utils.Database, source_clause_id: str, doc_id: str) -> bool:
    """Forget the user's decision for a pair; ``True`` if there was one."""
    with transaction(db):
        cur = db.execute("DELETE FROM pins WHERE source_clause_id = ? AND doc_id = ?", [source_clause_id, doc_id])
        return cur.rowcount > 0


def pins_for(db: sqlite_utils.Database | sqlite3.Connection, source_clause_id: str) -> list[dict]:
    """The user's decisions for one source clause, by document id."""
    rows = db.execute(
        "SELECT source_clause_id, doc_id, clause_id, decision, updated FROM pins "
        "WHERE source_clause_id = ? ORDER BY doc_id", [source_clause_id]).fetchall()
    keys = ("source_clause_id", "doc_id", "clause_id", "decision", "updated")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def pins_map(db: sqlite_utils.Database | sqlite3.Connection, source_clause_id: str) -> dict[str, dict]:
    """``pins_for`` keyed by document id: the ``pins`` argument of ``align.counterparts``."""
    return {p["doc_id"]: p for p in pins_for(db, source_clause_id)}


# -- comparison sets ------------------------------------------------------------

def _check_text(label: str, value: str) -> None:
    """A lone surrogate (``"\\ud800"`` in a file) is no character: it cannot be stored, and an id holding one
    names nothing."""
    if has_surrogates(value):
        bad = next(ch for ch in value if 0xD800 <= ord(ch) <= 0xDFFF)
        raise ComparisonSetError(f"{label} holds \\u{ord(bad):04x}, half of a character (a lone surrogate), "
                                 "which is not text")


def validate_payload(payload: Any) -> dict:
    """A clean copy of a set's payload, or ``ComparisonSetError`` saying what is wrong.

    A payload is ``{"source_clause_id": str}`` or ``{"topic": str}`` (exactly
    one), ``"doc_ids": [str, ...]`` and ``"pins": [{"source_clause_id",
    "doc_id", "clause_id" (null for none), "decision": "pin"|"none"}]``.
    """
    if not isinstance(payload, dict):
        raise ComparisonSetError("payload must be an object")
    has_source, has_topic = bool(payload.get("source_clause_id")), bool(payload.get("topic"))
    if has_source == has_topic:
        raise ComparisonSetError("payload needs exactly one of source_clause_id and topic")
    clean: dict[str, Any] = {}
    key = "source_clause_id" if has_source else "topic"
    if not isinstance(payload[key], str):
        raise ComparisonSetError(f"{key} must be a string")
    _check_text(key, payload[key])
    clean[key] = payload[key]
    doc_ids = payload.get("doc_ids", [])
    if not isinstance(doc_ids, list) or not all(isinstance(d, str) and d for d in doc_ids):
        raise ComparisonSetError("doc_ids must be a list of document ids")
    for d in doc_ids:
        _check_text("doc_ids", d)
    clean["doc_ids"] = list(dict.fromkeys(doc_ids))
    pins = payload.get("pins", [])
    if not isinstance(pins, list):
        raise ComparisonSetError("pins must be a list")
    clean_pins = []
    for i, pin in enumerate(pins):
        if not isinstance(pin, dict):
            raise ComparisonSetError(f"pin {i} must be an object")
        decision = pin.get("decision")
        if decision not in ("pin", "none"):
            raise ComparisonSetError(f"pin {i}: decision must be 'pin' or 'none'")
        src, doc, clause = pin.get("source_clause_id"), pin.get("doc_id"), pin.get("clause_id")
        if decision == "pin" and not isinstance(clause, str):
            raise ComparisonSetError(f"pin {i}: a 'pin' decision needs a clause_id")
        if decision == "none":
            clause = None
        try:
            _check_pin_args(src, doc, clause)
            for label, value in (("source_clause_id", src), ("doc_id", doc), ("clause_id", clause or "")):
                _check_text(label, value)
        except ComparisonSetError as exc:
            raise ComparisonSetError(f"pin {i}: {exc}") from None
        clean_pins.append({"source_clause_id": src, "doc_id": doc, "clause_id": clause, "decision": decision})
    clean["pins"] = clean_pins
    return clean


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise ComparisonSetError(f"a set name must be 1-{MAX_NAME} characters")
    _check_text("the name", name)
    return name.strip()


def save_set(db: sqlite_utils.Database, name: str, payload: dict, overwrite: bool = True) -> dict:
    """Save (or replace) the comparison set ``name``.

    Raises:
        ComparisonSetError: bad name or payload, or the name exists and ``overwrite`` is false.
    """
    name = _check_name(name)
    clean = validate_payload(payload)
    now = utc_iso()
    with transaction(db):
        row = db.execute("SELECT created FROM comparison_sets WHERE name = ?", [name]).fetchone()
        if row and not overwrite:
            raise ComparisonSetError(f"a comparison set named {name!r} already exists")
        created = row[0] if row else now
        db["comparison_sets"].upsert(
            {"name": name, "payload": json.dumps(clean, ensure_ascii=False), "created": created, "updated": now},
            pk="name")
    return {"name": name, "created": created, "updated": now, **clean}


def list_sets(db: sqlite_utils.Database) -> list[dict]:
    """Saved sets, most recently updated first: name, times, source or topic, documents, pin count."""
    out = []
    for name, payload, created, updated in db.execute(
            "SELECT name, payload, created, updated FROM comparison_sets ORDER BY updated DESC, name").fetchall():
        data = json.loads(payload)
        out.append({"name": name, "created": created, "updated": updated,
                    "source_clause_id": data.get("source_clause_id"), "topic": data.get("topic"),
                    "doc_ids": data.get("doc_ids", []), "pin_count": len(data.get("pins", []))})
    return out


def load_set(db: sqlite_utils.Database, name: str) -> dict:
    """The saved set ``name``: ``{"name", "created", "updated", <payload keys>}``.

    Raises:
        UnknownIdError: no set of that name.
    """
    row = db.execute("SELECT payload, created, updated FROM comparison_sets WHERE name = ?", [name]).fetchone()
    if row is None:
        raise UnknownIdError("comparison set", name)
    return {"name": name, "created": row[1], "updated": row[2], **json.loads(row[0])}


def delete_set(db: sqlite_utils.Database, name: str) -> bool:
    """Delete a saved set; ``True`` if it existed."""
    with transaction(db):
        return db.execute("DELETE FROM comparison_sets WHERE name = ?", [name]).rowcount > 0


def _has_clause(corpus, clause_id: str) -> bool:
    try:
        corpus.clause(clause_id)
    except UnknownIdError:
        return False
    return True


def missing_ids(payload: dict, corpus) -> list[str]:
    """The clause and document ids a set names that ``corpus`` does not hold, in the set's order.

    A set is shared between colleagues, whose libraries hold documents this one may not: such a set is
    imported all the same, and these are the ids to tell the user about.
    """
    missing = []
    src = payload.get("source_clause_id")
    if src and not _has_clause(corpus, src):
        missing.append(src)
    missing += [d for d in payload.get("doc_ids", []) if not corpus.has_document(d)]
    missing += [p["clause_id"] for p in payload.get("pins", [])
                if p.get("clause_id") and corpus.has_document(p["doc_id"]) and not _has_clause(corpus, p["clause_id"])]
    return list(dict.fromkeys(missing))


def usable_set(saved: dict, corpus) -> tuple[dict, list[str]]:
    """A saved set (``load_set``) as this library can show it: its documents that are here, and those left out.

    Raises:
        ComparisonSetError: its source clause is not in the library, or none of its documents is.
    """
    src = saved.get("source_clause_id")
    if src and not _has_clause(corpus, src):
        raise ComparisonSetError(f"set {saved['name']!r} refers to clause {src}, which is not in your library")
    doc_ids = saved.get("doc_ids") or []
    here = [d for d in doc_ids if corpus.has_document(d)]
    left_out = [d for d in doc_ids if d not in here]
    if doc_ids and not here:
        raise ComparisonSetError(f"set {saved['name']!r} refers to document(s) {', '.join(left_out)}, none of which "
                                 "is in your library")
    return {**saved, "doc_ids": here}, left_out


def set_pins_map(payload: dict, source_clause_id: str) -> dict[str, dict]:
    """The set's pins for one source clause, keyed by document id."""
    return {p["doc_id"]: p for p in payload.get("pins", []) if p["source_clause_id"] == source_clause_id}


# -- files ---------------------------------------------------------------------

def export_set(db: sqlite_utils.Database, name: str, path: Path) -> Path:
    """Write the set ``name`` to a small JSON file (atomically: never a half-written file).

    Raises:
        UnknownIdError: no set of that name.
        ComparisonSetError: the file cannot be written.
    """
    data = load_set(db, name)
    doc = {"format": FILE_FORMAT, "version": FILE_VERSION, "name": name, "exported": utc_iso(),
           "payload": {k: v for k, v in data.items() if k not in ("name", "created", "updated")}}
    path = Path(path)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    try:
        write_whole(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), suffix=".partial")
    except OSError as exc:
        raise ComparisonSetError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def read_set_file(path: Path) -> tuple[str, dict]:
    """Parse and validate an exported set file without touching the database.

    Returns:
        ``(name, clean payload)``.

    Raises:
        SetFileError: unreadable, too large, not JSON, wrong format/version, or a bad payload.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SetFileError(f"{path}: too large for a comparison-set file")
        doc = jsondata.parse(path.read_bytes())
    except SetFileError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, not JSON, nested too deeply
        raise SetFileError(f"{path}: not a readable comparison-set file ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        raise SetFileError(f"{path}: not a ZoneRef comparison-set file")
    if doc.get("version") != FILE_VERSION:
        raise SetFileError(f"{path}: unsupported comparison-set file version {doc.get('version')!r}")
    try:
        name = _check_name(doc.get("name"))
        payload = validate_payload(doc.get("payload"))
    except ComparisonSetError as exc:
        raise SetFileError(f"{path}: {exc}") from None
    return name, payload


def import_set(db: sqlite_utils.Database, path: Path, name: str | None = None, overwrite: bool = False) -> dict:
    """Import a set exported by ``export_set`` (validated first; a bad file changes nothing).

    Args:
        db: the user database.
        path: the file.
        name: save under this name instead of the file's.
        overwrite: replace an existing set of the same name.

    Returns:
        The saved set, as ``save_set`` returns it.

    Raises:
        SetFileError: the file is not a valid set file.
        ComparisonSetError: the name is taken and ``overwrite`` is false.
    """
    file_name, payload = read_set_file(path)
    return save_set(db, file_name if name is None else name, payload, overwrite=overwrite)  # "": refused
