"""Export and import of annotations.

Export formats:

- ``w3c``: W3C Web Annotation JSON-LD, an ``AnnotationCollection`` whose
  items carry a ``TextQuoteSelector`` (exact, prefix, suffix) and a
  ``TextPositionSelector`` (start, end) on ``urn:zoneref:doc:<doc_id>``; the
  note, tags and colour are ``TextualBody`` bodies (purposes commenting,
  tagging, classifying). This is the interchange format ``import_w3c`` reads.
- ``markdown``: a readable report grouped by document and clause, with
  quotes, notes and citations.
- ``csv``: one row per annotation, UTF-8 with BOM so Excel opens Chinese
  correctly; cells that Excel would run as formulas are defused.

Import treats the file as hostile: it is parsed and validated completely
before anything is written; then everything is written in one transaction
(all or nothing). The same uuid is updated only if the file's ``modified``
is newer, so importing twice changes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import uuid as uuidlib
from pathlib import Path

from index import __version__
from index.base import jsondata
from index.base.durable import write_whole
from index.base.errors import KnownError
from index.base.text import has_surrogates, valid_unicode
from index.userdata.database import transaction
from index.userdata.notes import (
    COLORS,
    MAX_NOTE_CHARS,
    MAX_QUOTE_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    Annotation,
    NoteStore,
    check_color,
    now_iso,
    to_iso,
)

FORMATS = ("w3c", "markdown", "csv")
DOC_URN = "urn:zoneref:doc:"
NS = "urn:zoneref:ns#"
CONTEXT = ["http://www.w3.org/ns/anno.jsonld",
           {"zoneref": NS, "clause": {"@id": "zoneref:clause"}, "orphan": {"@id": "zoneref:orphan"}}]
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_ITEMS = 200_000
MAX_CONTEXT_CHARS = 200
MAX_ERRORS = 50
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$")
_CLAUSE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}(/[A-Za-z0-9._~-]{1,100}){1,20}$")


class NotesExportError(KnownError, code="export"):
    """An export file cannot be written (missing folder, no permission, disk full)."""


class NotesImportError(KnownError, code="notes_import"):
    """The import file was rejected; nothing was written. ``report`` says why, item by item."""

    def __init__(self, message: str, report: dict):
        super().__init__(message)
        self.report = report


# -- export ------------------------------------------------------------------
def to_w3c(a: Annotation) -> dict:
    """One annotation as a W3C Web Annotation (JSON-LD, without the @context)."""
    bodies: list[dict] = []
    if a.note:
        bodies.append({"type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    bodies.append({"type": "TextualBody", "value": a.color, "purpose": "classifying"})
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix}]
    if a.start is not None and a.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    return {
        "id": f"urn:uuid:{a.uuid}",
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
        "created": a.created,
        "modified": a.updated,
        "body": bodies,
        "target": {"source": DOC_URN + a.doc_id, "clause": a.clause_id, "selector": selectors},
        "orphan": a.orphan,
    }


def w3c_collection(annotations: list[Annotation]) -> dict:
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "ZoneRef annotations",
        "generator": f"ZoneRef {__version__}",
        "generated": now_iso(),
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": [to_w3c(a) for a in annotations]},
    }


def _citation(corpus, a: Annotation) -> str:
    try:
        return corpus.citation(corpus.clause(a.clause_id))
    except KnownError:
        return ""


def _doc_title(corpus, doc_id: str) -> str:
    return corpus.document(doc_id).title if corpus.has_document(doc_id) else ""


def to_markdown(annotations: list[Annotation], corpus) -> str:
    """A readable report: documents, then clauses in order, each quote with its note and citation.

    The same grouping as the Word export (``index.reports.notes_report``).
    """
    from index.reports import notes_report
    from index.reports.text_formats import notes_markdown

    return notes_markdown(notes_report(corpus, [a.to_dict() for a in annotations], title="ZoneRef 批注",
                                       exported=now_iso()))


CSV_FIELDS = ("uuid", "doc_id", "doc_title", "clause_id", "citation", "quote", "note", "color", "tags",
              "created", "updated", "orphan", "start", "end")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # Excel runs a cell starting with these as a formula (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(annotations: list[Annotation], corpus) -> str:
    """CSV text (the caller writes it as UTF-8 with BOM)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for a in annotations:
        writer.writerow([_cell(v) for v in (
            a.uuid, a.doc_id, _doc_title(corpus, a.doc_id), a.clause_id, _citation(corpus, a), a.quote, a.note,
            a.color, "; ".join(a.tags), a.created, a.updated, int(a.orphan), a.start, a.end)])
    return buf.getvalue()


def export(store: NoteStore, fmt: str, path: Path, **filters) -> int:
    """Write the annotations matching ``filters`` (see ``NoteStore.list``) to ``path``.

    The file is written to a temporary name and renamed, so a failed export
    never leaves half a file.

    Returns:
        How many annotations were written.

    Raises:
        ValueError: unknown format.
        NotesExportError: the file cannot be written (folder missing, no permission, disk full).
    """
    annotations = store.list(**filters)
    if fmt == "w3c":
        text, encoding = json.dumps(w3c_collection(annotations), ensure_ascii=False, indent=2) + "\n", "utf-8"
    elif fmt == "markdown":
        text, encoding = to_markdown(annotations, store.corpus), "utf-8"
    elif fmt == "csv":
        text, encoding = to_csv(annotations, store.corpus), "utf-8-sig"
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            fh.write(text)

    try:
        write_whole(path, write, suffix=".partial")
    except OSError as exc:  # a missing folder, no permission, a full disk, a name too long: the user's to fix
        raise NotesExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return len(annotations)


# -- import ------------------------------------------------------------------
@dataclasses.dataclass
class _Problems:
    items: list[dict] = dataclasses.field(default_factory=list)
    total: int = 0
    replaced: int = 0  # lone surrogates (half an emoji cut by an exporter) made U+FFFD

    def add(self, item: int | None, field: str, problem: str) -> None:
        self.total += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append({"item": item, "field": field, "problem": problem})


def _text(p: _Problems, i: int, field: str, value, limit: int, required: bool = True) -> str | None:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        p.add(i, field, f"expected text, got {type(value).__name__}")
        return None
    if len(value) > limit:
        p.add(i, field, f"longer than {limit} characters ({len(value)})")
        return None
    if "\x00" in value:
        p.add(i, field, "contains a NUL character")
        return None
    if has_surrogates(value):
        fixed = valid_unicode(value)
        p.replaced += sum(1 for a, b in zip(value, fixed, strict=True) if a != b)
        return fixed
    return value


def _items(data) -> list | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if data.get("type") == "Annotation":
            return [data]
        page = data.get("first") if data.get("type") == "AnnotationCollection" else data
        if isinstance(page, dict) and isinstance(page.get("items"), list):
            return page["items"]
    return None


def _parse_item(p: _Problems, i: int, item, corpus, latest: str) -> Annotation | None:
    """Validate one W3C annotation into an ``Annotation``; problems go to ``p``.

    ``latest`` is the latest acceptable time (now plus a day of clock skew).
    """
    before = p.total
    if not isinstance(item, dict):
        p.add(i, "", f"expected an object, got {type(item).__name__}")
        return None
    if item.get("type") != "Annotation":
        p.add(i, "type", "not an Annotation")
    ident = item.get("id")
    uid = None
    if not isinstance(ident, str) or not ident.startswith("urn:uuid:"):
        p.add(i, "id", "expected urn:uuid:<uuid>")
    else:
        try:
            uid = str(uuidlib.UUID(ident[len("urn:uuid:"):]))
        except ValueError:
            p.add(i, "id", "not a valid uuid")
    times = {}
    for field in ("created", "modified"):
        value = item.get(field)
        try:
            if not isinstance(value, str) or len(value) > 40:
                raise ValueError
            times[field] = to_iso(value)
        except (ValueError, OverflowError):
            p.add(i, field, "expected an ISO 8601 time")
            continue
        # A far-future time would win every later "newer wins" comparison forever.
        if times[field] > latest:
            p.add(i, field, "is in the future")
    if len(times) == 2 and times["created"] > times["modified"]:
        p.add(i, "created", "is after modified")
    target = item.get("target")
    doc_id = clause_id = quote = prefix = suffix = None
    start = end = None
    if not isinstance(target, dict):
        p.add(i, "target", "expected an object")
    else:
        source = target.get("source")
        if not isinstance(source, str) or not source.startswith(DOC_URN) or not _ID_RE.match(source[len(DOC_URN):]):
            p.add(i, "target.source", f"expected {DOC_URN}<document id>")
        else:
            doc_id = source[len(DOC_URN):]
            if not corpus.has_document(doc_id):
                p.add(i, "target.source", f"unknown document {doc_id}")
        clause_id = target.get("clause")
        if not isinstance(clause_id, str) or not _CLAUSE_RE.match(clause_id) or (
                doc_id and not clause_id.startswith(doc_id + "/")):
            p.add(i, "target.clause", "expected a clause id of the target document")
        selectors = target.get("selector")
        selectors = [selectors] if isinstance(selectors, dict) else selectors
        if not isinstance(selectors, list) or len(selectors) > 10:
            p.add(i, "target.selector", "expected a list of selectors")
            selectors = []
        for sel in selectors:
            if not isinstance(sel, dict):
                p.add(i, "target.selector", "expected an object")
            elif sel.get("type") == "TextQuoteSelector":
                quote = _text(p, i, "exact", sel.get("exact"), MAX_QUOTE_CHARS)
                prefix = _text(p, i, "prefix", sel.get("prefix"), MAX_CONTEXT_CHARS, required=False)
                suffix = _text(p, i, "suffix", sel.get("suffix"), MAX_CONTEXT_CHARS, required=False)
            elif sel.get("type") == "TextPositionSelector":
                start, end = sel.get("start"), sel.get("end")
                if not all(type(v) is int and 0 <= v < 1 << 40 for v in (start, end)) or start >= end:
                    p.add(i, "TextPositionSelector", "expected integers 0 <= start < end")
                    start = end = None
        if not quote and p.total == before:
            p.add(i, "target.selector", "no TextQuoteSelector with a non-empty exact quote")
    note, tags, color = "", [], None
    bodies = item.get("body", [])
    bodies = [bodies] if isinstance(bodies, dict) else bodies
    if not isinstance(bodies, list) or len(bodies) > MAX_TAGS + 5:
        p.add(i, "body", "expected a short list of bodies")
        bodies = []
    for body in bodies:
        if not isinstance(body, dict) or body.get("type", "TextualBody") != "TextualBody":
            p.add(i, "body", "expected TextualBody objects")
            continue
        purpose = body.get("purpose")
        if purpose == "commenting":
            note = _text(p, i, "body.commenting", body.get("value"), MAX_NOTE_CHARS) or ""
        elif purpose == "tagging":
            tag = _text(p, i, "body.tagging", body.get("value"), MAX_TAG_CHARS)
            if tag is not None and tag.strip():
                tags.append(" ".join(tag.split()))
        elif purpose == "classifying":
            value = body.get("value")
            try:
                color = check_color(value) if isinstance(value, str) and len(value) < 20 else None
            except KnownError:
                color = None
            if color is None:
                p.add(i, "body.classifying", f"colour must be one of {', '.join(COLORS)}")
        else:
            p.add(i, "body.purpose", "expected commenting, tagging or classifying")
    if len(tags) > MAX_TAGS:
        p.add(i, "body.tagging", f"more than {MAX_TAGS} tags")
    orphan = item.get("orphan", False)
    if not isinstance(orphan, bool):
        p.add(i, "orphan", "expected true or false")
    if p.total != before:
        return None
    return Annotation(uid, doc_id, clause_id, quote, prefix or "", suffix or "", start, end, color or "重点",
                      note, tuple(dict.fromkeys(tags)), times["created"], times["modified"], orphan)


def parse_w3c(raw: bytes | str, corpus) -> list[Annotation]:
    """Validate a W3C JSON-LD export completely, writing nothing.

    Raises:
        NotesImportError: with ``report`` listing (up to 50) problems.
    """
    return _parse_w3c(raw, corpus)[0]


def _parse_w3c(raw: bytes | str, corpus) -> tuple[list[Annotation], int]:
    """``parse_w3c``, and how many invalid characters (lone surrogates) were replaced."""
    p = _Problems()
    if len(raw) > MAX_IMPORT_BYTES:
        p.add(None, "", f"file larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
        raise NotesImportError("import rejected: file too large", {"ok": False, "errors": p.items, "error_count": 1})
    try:
        data = jsondata.parse(raw)
    except ValueError as exc:
        p.add(None, "", f"not valid JSON: {exc}"[:300])
        raise NotesImportError("import rejected: not valid JSON", {"ok": False, "errors": p.items,
                                                                    "error_count": 1}) from None
    items = _items(data)
    if items is None:
        p.add(None, "", "expected an AnnotationCollection, an AnnotationPage or a list of Annotations")
    elif len(items) > MAX_ITEMS:
        p.add(None, "", f"more than {MAX_ITEMS} annotations")
    out: list[Annotation] = []
    seen: set[str] = set()
    latest = to_iso(dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    for i, item in enumerate(items or []):
        parsed = _parse_item(p, i, item, corpus, latest)
        if parsed is not None:
            if parsed.uuid in seen:
                p.add(i, "id", "the same uuid appears twice")
            seen.add(parsed.uuid)
            out.append(parsed)
    if p.total:
        raise NotesImportError(f"import rejected: {p.total} problem(s), nothing was changed",
                               {"ok": False, "errors": p.items, "error_count": p.total})
    return out, p.replaced


def export_w3c(store: NoteStore, path: Path, **filters) -> int:
    """``export(store, "w3c", path, **filters)``."""
    return export(store, "w3c", path, **filters)


def import_w3c(store: NoteStore, raw: bytes | str | Path) -> dict:
    """Import a W3C JSON-LD export: validate everything, then write it all in one transaction.

    Args:
        store: the target.
        raw: the file's bytes or text, or a ``Path`` to read.

    Same uuid: the newer ``modified`` wins; an equal or older one is left
    alone, so importing the same file twice changes nothing. Imported
    annotations are re-anchored against the current text of their document.

    Returns:
        ``{"ok": True, "added": n, "updated": n, "unchanged": n, "orphaned": [uuid…],
        "replaced_characters": n, "backup": path or None}`` (lone surrogates, which cannot be stored, become
        U+FFFD; ``backup``: where the notes it wrote over were kept first, ``before_import``).

    Raises:
        NotesImportError: the file was rejected; nothing was written.
    """
    if isinstance(raw, Path):
        return import_file(store, raw)
    annotations, replaced = _parse_w3c(raw, store.corpus)
    kept = _keep_before_import(store, annotations)
    added, updated, unchanged = 0, 0, 0
    touched: set[str] = set()
    with transaction(store.db):
        for a in annotations:
            row = store.db.execute("SELECT updated FROM annotations WHERE uuid = ?", (a.uuid,)).fetchone()
            if row is not None and a.updated <= row[0]:
                unchanged += 1
                continue
            # anchored_hash NULL: the offsets refer to the exporter's text until re-anchored.
            store._insert(a, None)  # noqa: SLF001 - same engine, one transaction
            touched.add(a.doc_id)
            added, updated = (added + 1, updated) if row is None else (added, updated + 1)
        orphaned: list[str] = []
        for doc_id in sorted(touched):
            orphaned += store.reanchor_document(doc_id).orphaned
    return {"ok": True, "added": added, "updated": updated, "unchanged": unchanged, "orphaned": orphaned,
            "replaced_characters": replaced, "backup": str(kept) if kept else None}


def _keep_before_import(store: NoteStore, annotations: list[Annotation]) -> Path | None:
    """A backup (``before_import``) of the notes when the import is to write over any of them (same uuid, the
    file's newer), as restore and recover keep theirs: the notes' own text was otherwise gone. None if nothing
    would be written over, or the database is not a file.

    Raises:
        DatabaseError: the backup could not be taken (nothing is imported then).
    """
    from index.userdata.backups import backup
    from index.userdata.connection import db_path

    path = db_path(store.db)
    if path is None:
        return None
    over = False
    for a in annotations:
        row = store.db.execute("SELECT updated FROM annotations WHERE uuid = ?", (a.uuid,)).fetchone()
        if row is not None and a.updated > row[0]:
            over = True
            break
    return backup(path, "before-import", db=store.db) if over else None


def import_file(store: NoteStore, path: Path) -> dict:
    """``import_w3c`` on a file.

    Raises:
        NotesImportError: unreadable or rejected file.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise NotesImportError("import rejected: file too large",
                                   {"ok": False, "errors": [{"item": None, "field": "", "problem": "file too large"}],
                                    "error_count": 1})
        raw = path.read_bytes()
    except OSError as exc:
        raise NotesImportError(f"cannot read {path}: {exc.strerror}",
                               {"ok": False, "errors": [{"item": None, "field": "", "problem": str(exc)}],
                                "error_count": 1}) from None
    return import_w3c(store, raw)

