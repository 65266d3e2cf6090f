"""Personal annotations, bookmarks and tags, stored in the user database.

``NoteStore(db, corpus)`` is the one entry point for the GUI and the CLI::

    store = NoteStore(userdb.open_db(), corpus)
    a = store.add("jilin-2021-kaifaqu/c3/s12", "土地", note="**查**", tags=["用地"])
    store.list(tag="用地", search="土")

Every write runs in ``userdb.transaction``. Records are ``Annotation``
objects; ``Annotation.to_dict()`` is the JSON form (CLI, export).

Search covers the quote, the note and the tags, in their normalised form
(simplified script, case-folded), so a simplified query finds a traditional
quote. Terms of 3+ characters use the FTS5 trigram index; 1–2 character
terms (most Chinese words) use ``LIKE`` on the same normalised text, which a
personal notes table answers quickly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid as uuidlib
from collections.abc import Iterable

import sqlite_utils

from index.base.clock import utc_iso
from index.base.errors import KnownError, UnknownIdError
from index.base.text import normalise, valid_unicode
from index.userdata import anchoring
from index.userdata.anchoring import Selector
from index.userdata.database import transaction

# The palette: names are what users see and what is stored; hex is for painting.
COLORS: dict[str, str] = {"重点": "#FFD54F", "疑问": "#EF9A9A", "对比": "#90CAF9", "待办": "#A5D6A7"}
DEFAULT_COLOR = "重点"
COLOR_ALIASES = {"key": "重点", "question": "疑问", "compare": "对比", "todo": "待办",
                 "重點": "重点", "疑問": "疑问", "對比": "对比", "待辦": "待办"}
MAX_QUOTE_CHARS = 20_000
MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 64
MAX_TAGS = 50

_COLUMNS = ("a.id, a.uuid, a.doc_id, a.clause_id, a.quote, a.prefix, a.suffix, a.start, a.\"end\", a.color, "
            "a.note, a.created, a.updated, a.orphan, a.anchored_hash")


def anchor_key(doc) -> str:
    """What a note's place was worked out against: the document's text and the clause parser's version. A parser
    that cuts clauses otherwise (``clauses.PARSER_VERSION``) has every note placed again once, so that each names
    the clause it now stands in (ch1/art1, not the ch1~2/art1 of a table of contents read as chapters)."""
    from index.library.clauses import PARSER_VERSION

    return f"{doc.content_hash}:p{PARSER_VERSION}"


class NoteError(KnownError, code="note"):
    """A note request that cannot be carried out (bad colour, quote not found …)."""


class QuoteNotFoundError(NoteError, code="quote_not_found"):
    """The quote to anchor a note on is not in the clause's text."""


class BadColorError(NoteError, code="bad_color"):
    """A colour that is not one of the note colours."""


def now_iso() -> str:
    """The current time as stored: ISO 8601 UTC with milliseconds, e.g. ``2026-11-22T07:10:00.123Z``."""
    return utc_iso(timespec="milliseconds")


def to_iso(value: str | dt.datetime) -> str:
    """Any ISO 8601 time (naive means UTC) in the stored form, so strings compare in time order.

    Raises:
        ValueError: not a time.
    """
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return utc_iso(when, timespec="milliseconds")


def _day_bound(value: str, end: bool) -> str:
    """``2026-11-22`` → start of that day, or start of the next one when ``end``."""
    text = str(value).strip()
    if len(text) == 10:
        day = dt.date.fromisoformat(text) + dt.timedelta(days=1 if end else 0)
        return to_iso(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
    return to_iso(text)


def _place(name: str) -> str:
    """A region or city name for matching: 浙江省, 浙江 and 浙江省 (traditional) agree."""
    text = normalise(name.strip())
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def check_color(color: str) -> str:
    """The palette name for ``color`` (aliases and traditional script accepted).

    Raises:
        BadColorError: not in the palette.
    """
    name = COLOR_ALIASES.get(str(color).strip().lower(), str(color).strip())
    if name not in COLORS:
        raise BadColorError(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")
    return name


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Strip, drop empties, de-duplicate keeping order.

    Raises:
        NoteError: too many or too long tags.
    """
    out: list[str] = []
    for tag in tags:
        tag = " ".join(valid_unicode(str(tag)).split())
        if not tag or tag in out:
            continue
        if len(tag) > MAX_TAG_CHARS:
            raise NoteError(f"tag longer than {MAX_TAG_CHARS} characters")
        out.append(tag)
    if len(out) > MAX_TAGS:
        raise NoteError(f"more than {MAX_TAGS} tags")
    return tuple(out)


def search_text(quote: str, note: str, tags: Iterable[str]) -> str:
    """What the full-text index holds for an annotation: normalised quote, note and tags."""
    return "\n".join((normalise(quote), normalise(note), " ".join(normalise(t) for t in tags)))


@dataclasses.dataclass(frozen=True)
class Annotation:
    """One highlight with its note. Offsets are into the document body (original script)."""

    uuid: str
    doc_id: str
    clause_id: str
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    color: str
    note: str
    tags: tuple[str, ...]
    created: str
    updated: str
    orphan: bool

    @classmethod
    def from_dict(cls, record: dict) -> Annotation:
        """An annotation from its JSON record (``to_dict``; keys it does not have are ignored)."""
        values = {f.name: record[f.name] for f in dataclasses.fields(cls)}
        return cls(**{**values, "tags": tuple(values["tags"])})

    @property
    def color_hex(self) -> str:
        return COLORS.get(self.color, COLORS[DEFAULT_COLOR])

    @property
    def selector(self) -> Selector:
        return Selector(self.quote, self.prefix, self.suffix, self.start or 0, self.end or 0)

    def to_dict(self) -> dict:
        """The JSON record (CLI ``--json``, exports)."""
        from index.userdata.markup import render_note

        return {
            "uuid": self.uuid, "doc_id": self.doc_id, "clause_id": self.clause_id, "quote": self.quote,
            "prefix": self.prefix, "suffix": self.suffix, "start": self.start, "end": self.end,
            "color": self.color, "color_hex": self.color_hex, "note": self.note,
            "note_html": render_note(self.note), "tags": list(self.tags), "created": self.created,
            "updated": self.updated, "orphan": self.orphan,
        }


@dataclasses.dataclass
class ReanchorReport:
    """What re-anchoring did: counts per outcome, and the uuids that became orphans."""

    kept: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: list[str] = dataclasses.field(default_factory=list)
    recovered: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def __iadd__(self, other: ReanchorReport) -> ReanchorReport:
        """Add another document's outcome to this total."""
        self.kept += other.kept
        self.moved += other.moved
        self.fuzzy += other.fuzzy
        self.orphaned += other.orphaned
        self.recovered += other.recovered
        return self


@dataclasses.dataclass
class CarryReport:
    """What carrying one version's notes to another did (``NoteStore.carry_forward``).

    Attributes:
        copied: the new annotations, their passage found as it was.
        reworded: new annotations placed on a passage that reads a little differently now (the quote kept
            as highlighted): worth a look.
        changed: the old version's annotations whose passage the new version no longer has (not copied;
            they stay on the old version): the places to re-read.
        already: annotations the new version already holds (carried before).
    """

    copied: list[Annotation] = dataclasses.field(default_factory=list)
    reworded: list[Annotation] = dataclasses.field(default_factory=list)
    changed: list[Annotation] = dataclasses.field(default_factory=list)
    already: int = 0

    def to_dict(self) -> dict:
        return {"copied": [a.to_dict() for a in self.copied], "reworded": [a.to_dict() for a in self.reworded],
                "changed": [a.to_dict() for a in self.changed], "already": self.already}

    def __iadd__(self, other: CarryReport) -> CarryReport:
        """Add another version's outcome to this one."""
        self.copied += other.copied
        self.reworded += other.reworded
        self.changed += other.changed
        self.already += other.already
        return self


class NoteStore:
    """Annotations, bookmarks and tags of one user database, against one corpus.

    Args:
        db: from ``userdb.open_db()``.
        corpus: the library, used to find quotes, clauses and regions.
    """

    def __init__(self, db: sqlite_utils.Database, corpus):
        self.db = db
        self.corpus = corpus

    # -- reading -------------------------------------------------------
    def _tags_of(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        out: dict[int, list[str]] = {i: [] for i in ids}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            rows = self.db.execute(
                f"SELECT at.annotation_id, t.name FROM annotation_tags at JOIN tags t ON t.id = at.tag_id "
                f"WHERE at.annotation_id IN ({','.join('?' * len(part))}) ORDER BY at.rowid", part).fetchall()
            for aid, name in rows:
                out[aid].append(name)
        return {k: tuple(v) for k, v in out.items()}

    def _records(self, rows: list[tuple]) -> list[Annotation]:
        tags = self._tags_of([r[0] for r in rows])
        return [Annotation(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], tags[r[0]], r[11], r[12],
                           bool(r[13])) for r in rows]

    def get(self, uuid: str) -> Annotation:
        """One annotation.

        Raises:
            UnknownIdError: no annotation has this uuid.
        """
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM annotations a WHERE a.uuid = ?", (str(uuid),)).fetchall()
        if not rows:
            raise UnknownIdError("annotation", str(uuid))
        return self._records(rows)[0]

    def list(self, doc_id: str | None = None, region: str | None = None, tag: str | None = None,
             color: str | None = None, since: str | None = None, until: str | None = None,
             search: str | None = None, clause_id: str | None = None,
             orphan: bool | None = None) -> list[Annotation]:
        """Annotations matching every filter given, in document then position order.

        Args:
            doc_id: one document.
            region: documents whose region or city is this (either script).
            tag: carrying this tag.
            color: this palette colour.
            since, until: creation time bounds; a bare date ``YYYY-MM-DD``
                includes the whole day.
            search: words that must all occur in the quote, note or tags
                (either script, any length).
            clause_id: one clause.
            orphan: only orphans (True) or only placed notes (False).

        Raises:
            NoteError: a bad colour or date.
        """
        where, params = [], []
        if doc_id:
            where.append("a.doc_id = ?")
            params.append(doc_id)
        if clause_id:
            where.append("a.clause_id = ?")
            params.append(clause_id)
        if region:
            wanted = _place(region)
            docs = [d.id for d in self.corpus.documents()
                    if wanted in (_place(d.region or ""), _place(str(d.get("city") or "")))]
            where.append(f"a.doc_id IN ({','.join('?' * len(docs))})" if docs else "0")
            params.extend(docs)
        if tag:
            # Tags match in either script: 重點 finds 重点.
            wanted = normalise(" ".join(tag.split()))
            names = [n for (n,) in self.db.execute("SELECT name FROM tags") if normalise(n) == wanted]
            where.append("a.id IN (SELECT at.annotation_id FROM annotation_tags at JOIN tags t ON t.id = at.tag_id "
                         f"WHERE t.name IN ({','.join('?' * len(names))}))" if names else "0")
            params.extend(names)
        if color:
            where.append("a.color = ?")
            params.append(check_color(color))
        try:
            if since:
                where.append("a.created >= ?")
                params.append(_day_bound(since, end=False))
            if until:
                where.append("a.created < ?" if len(str(until).strip()) == 10 else "a.created <= ?")
                params.append(_day_bound(until, end=True))
        except ValueError as exc:
            raise NoteError(f"bad date: {exc}") from None
        if orphan is not None:
            where.append("a.orphan = ?")
            params.append(int(orphan))
        for term in normalise(search or "").split():
            if len(term) >= 3:
                where.append("a.id IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)")
                params.append('"' + term.replace('"', '""') + '"')
            else:
                where.append("a.search_text LIKE ? ESCAPE '\\'")
                params.append("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        sql = f"SELECT {_COLUMNS} FROM annotations a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.doc_id, a.orphan, a.start, a.created, a.id"
        return self._records(self.db.execute(sql, params).fetchall())

    def orphans(self) -> list[Annotation]:
        """Annotations whose text could not be found again, for the user to review."""
        return self.list(orphan=True)

    def for_document(self, doc_id: str) -> list[Annotation]:
        """Placed annotations of one document with current offsets, for the reader to paint.

        Re-anchors first if the document's text changed since they were placed.
        """
        doc = self.corpus.document(doc_id)
        stale = self.db.execute(
            "SELECT 1 FROM annotations WHERE doc_id = ? AND orphan = 0 AND "
            "(anchored_hash IS NULL OR anchored_hash != ?) LIMIT 1", (doc.id, anchor_key(doc))).fetchone()
        if stale:
            self.reanchor_document(doc.id)
        return self.list(doc_id=doc.id, orphan=False)

    def documents(self) -> dict[str, int]:
        """Each document that has annotations (placed or orphaned, the document removed or not): how many."""
        return dict(self.db.execute("SELECT doc_id, count(*) FROM annotations GROUP BY doc_id").fetchall())

    def tags(self) -> list[dict]:
        """Tags in use with their counts, most used first."""
        rows = self.db.execute(
            "SELECT t.name, count(*) FROM tags t JOIN annotation_tags at ON at.tag_id = t.id "
            "GROUP BY t.id ORDER BY count(*) DESC, t.name").fetchall()
        return [{"name": name, "count": count} for name, count in rows]

    # -- writing -------------------------------------------------------
    def _set_tags(self, annotation_id: int, tags: tuple[str, ...]) -> None:
        self.db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
        for name in tags:
            self.db.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
            tag_id = self.db.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
            self.db.execute("INSERT OR IGNORE INTO annotation_tags VALUES (?, ?)", (annotation_id, tag_id))
        self.db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM annotation_tags)")

    def add(self, clause_id: str, quote: str | None, note: str = "", color: str = DEFAULT_COLOR,
            tags: Iterable[str] = (), start: int | None = None, end: int | None = None) -> Annotation:
        """Highlight ``quote`` in a clause, with an optional note and tags.

        Args:
            clause_id: the clause the highlight belongs to.
            quote: the text as the user sees or types it (either script). If
                ``start``/``end`` are not given it is searched in the clause.
            note: Markdown.
            color: a palette name (``COLORS``).
            tags: free-form tags, shared across annotations.
            start, end: offsets into the document body (a GUI selection);
                ``quote`` may then be ``None``.

        Returns:
            The stored annotation; its quote is the document's own text.

        Raises:
            UnknownIdError: unknown clause.
            QuoteNotFoundError: the quote is not in the clause (or the offsets do not hold it).
            BadColorError, NoteError: bad colour, note or tags.
        """
        clause = self.corpus.clause(clause_id)
        doc = self.corpus.document(clause.doc_id)
        body = doc.body
        if start is None or end is None:
            if not quote or not quote.strip():
                raise QuoteNotFoundError("empty quote")
            span = anchoring.find_quote(body, quote, clause.start, clause.end)
            if span is None:
                raise QuoteNotFoundError(f"quote not found in {clause_id}: {quote[:40]!r}")
            start, end = span
        elif not 0 <= start < end <= len(body) or (
                quote and normalise(quote.strip()) != normalise(body[start:end].strip())):
            raise QuoteNotFoundError(f"offsets {start}:{end} do not hold the quote in {doc.id}")
        if end - start > MAX_QUOTE_CHARS:
            raise NoteError(f"quote longer than {MAX_QUOTE_CHARS} characters")
        note = valid_unicode(note)  # a lone surrogate (bad JSON, undecodable argv) cannot be stored
        if len(note) > MAX_NOTE_CHARS:
            raise NoteError(f"note longer than {MAX_NOTE_CHARS} characters")
        sel = anchoring.make_selector(body, start, end)
        color = check_color(color)
        tags = clean_tags(tags)
        stamp = now_iso()
        record = Annotation(str(uuidlib.uuid4()), doc.id, clause.id, sel.quote, sel.prefix, sel.suffix,
                            sel.start, sel.end, color, note, tags, stamp, stamp, False)
        with transaction(self.db):
            self._insert(record, anchor_key(doc))
        return record

    def _insert(self, a: Annotation, anchored_hash: str | None) -> None:
        """Insert or replace by uuid (inside a transaction)."""
        row = self.db.execute("SELECT id FROM annotations WHERE uuid = ?", (a.uuid,)).fetchone()
        values = (a.doc_id, a.clause_id, a.quote, a.prefix, a.suffix, a.start, a.end, a.color, a.note,
                  a.created, a.updated, int(a.orphan), anchored_hash, search_text(a.quote, a.note, a.tags))
        if row:
            self.db.execute(
                'UPDATE annotations SET doc_id=?, clause_id=?, quote=?, prefix=?, suffix=?, start=?, "end"=?, '
                "color=?, note=?, created=?, updated=?, orphan=?, anchored_hash=?, search_text=? WHERE id=?",
                (*values, row[0]))
            annotation_id = row[0]
        else:
            annotation_id = self.db.execute(
                'INSERT INTO annotations (doc_id, clause_id, quote, prefix, suffix, start, "end", color, note, '
                "created, updated, orphan, anchored_hash, search_text, uuid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*values, a.uuid)).lastrowid
        self._set_tags(annotation_id, a.tags)

    def edit(self, uuid: str, note: str | None = None, color: str | None = None,
             tags: Iterable[str] | None = None) -> Annotation:
        """Change the note, colour or tags (``None`` leaves a field as it is).

        Raises:
            UnknownIdError: no such annotation.
        """
        with transaction(self.db):
            old = self.get(uuid)
            if note is not None and len(note) > MAX_NOTE_CHARS:
                raise NoteError(f"note longer than {MAX_NOTE_CHARS} characters")
            new = dataclasses.replace(
                old, note=old.note if note is None else valid_unicode(note),
                color=old.color if color is None else check_color(color),
                tags=old.tags if tags is None else clean_tags(tags), updated=max(now_iso(), old.updated))
            hash_row = self.db.execute("SELECT anchored_hash FROM annotations WHERE uuid = ?", (uuid,)).fetchone()
            self._insert(new, hash_row[0])
        return new

    def save_edit(self, base: Annotation, note: str | None = None, color: str | None = None,
                  tags: Iterable[str] | None = None) -> tuple[Annotation, Annotation | None, bool]:
        """Write an edit made to ``base`` (the annotation as an editor read it), losing nothing another process
        did to it meanwhile (``edit`` wrote over it, or failed on a deleted note and the edit was lost).

        - deleted meanwhile: it is written back whole (its uuid, passage and times), with the edit;
        - its note changed meanwhile (to other words than the edit's): that version is kept as a second
          annotation on the same passage, and the edit is written on this one.

        Returns:
            (the annotation as written, the other version kept or None, whether it was written back).

        Raises:
            NoteError: bad colour, note or tags.
        """
        if note is not None and valid_unicode(note) == base.note:
            note = None  # not typed in (Save on a note as read): a newer version written elsewhere stays
        with transaction(self.db):
            try:
                stored = self.get(base.uuid)
            except UnknownIdError:
                self._insert(base, None)  # re-placed below against the document's current text
                self.reanchor_document(base.doc_id)
                return self.edit(base.uuid, note=note, color=color, tags=tags), None, True
            copy = None
            if note is not None and stored.note not in (base.note, valid_unicode(note)):
                copy = dataclasses.replace(stored, uuid=str(uuidlib.uuid4()))
                hash_row = self.db.execute("SELECT anchored_hash FROM annotations WHERE uuid = ?",
                                           (stored.uuid,)).fetchone()
                self._insert(copy, hash_row[0])
            return self.edit(base.uuid, note=note, color=color, tags=tags), copy, False

    def delete(self, uuid: str) -> None:
        """Delete one annotation (the user's explicit wish; nothing else ever deletes).

        Raises:
            UnknownIdError: no such annotation.
        """
        with transaction(self.db):
            if not self.db.execute("DELETE FROM annotations WHERE uuid = ?", (str(uuid),)).rowcount:
                raise UnknownIdError("annotation", str(uuid))
            self.db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM annotation_tags)")

    # -- bookmarks -----------------------------------------------------
    def bookmark(self, clause_id: str) -> dict:
        """Bookmark a whole clause (idempotent).

        Raises:
            UnknownIdError: unknown clause.
        """
        clause = self.corpus.clause(clause_id)
        with transaction(self.db):
            self.db.execute("INSERT OR IGNORE INTO bookmarks VALUES (?, ?, ?)", (clause.id, clause.doc_id, now_iso()))
        row = self.db.execute("SELECT clause_id, doc_id, created FROM bookmarks WHERE clause_id = ?",
                              (clause.id,)).fetchone()
        return {"clause_id": row[0], "doc_id": row[1], "created": row[2]}

    def unbookmark(self, clause_id: str) -> bool:
        """Remove a bookmark; ``False`` if there was none."""
        with transaction(self.db):
            return bool(self.db.execute("DELETE FROM bookmarks WHERE clause_id = ?", (clause_id,)).rowcount)

    def bookmarks(self, doc_id: str | None = None) -> list[dict]:
        """Bookmarked clauses, newest first."""
        sql, params = "SELECT clause_id, doc_id, created FROM bookmarks", []
        if doc_id:
            sql, params = sql + " WHERE doc_id = ?", [doc_id]
        rows = self.db.execute(sql + " ORDER BY created DESC, clause_id", params).fetchall()
        return [{"clause_id": c, "doc_id": d, "created": t} for c, d, t in rows]

    # -- re-anchoring --------------------------------------------------
    def _clause_at(self, doc_id: str, start: int, old_clause_id: str) -> str:
        clauses = self.corpus.clauses(doc_id)
        for c in clauses:
            if c.id == old_clause_id and c.start <= start < max(c.end, c.start + 1):
                return c.id
        best = None
        for c in clauses:  # the clause owning the position, else the last one before it
            if c.start <= start:
                best = c
            if c.start <= start < c.end:
                return c.id
        return best.id if best else old_clause_id

    def reanchor_document(self, doc_id: str) -> ReanchorReport:
        """Re-place every annotation of one document after its text changed (orphans retried too).

        Annotations are never moved to another document nor deleted: one
        that cannot be placed is marked orphan, keeping its quote and note.
        """
        report = ReanchorReport()
        doc = self.corpus.document(doc_id) if self.corpus.has_document(doc_id) else None
        with transaction(self.db):
            for a in self.list(doc_id=doc_id):
                anchor = anchoring.reanchor(doc.body, a.selector) if doc is not None else None
                if anchor is None:
                    if not a.orphan:
                        report.orphaned.append(a.uuid)
                    self.db.execute("UPDATE annotations SET orphan = 1, anchored_hash = ? WHERE uuid = ?",
                                    (anchor_key(doc) if doc else None, a.uuid))
                    continue
                if a.orphan:
                    report.recovered.append(a.uuid)
                if anchor.method == "offsets":
                    report.kept += 1
                elif anchor.method == "fuzzy":
                    report.fuzzy += 1
                else:
                    report.moved += 1
                sel = anchoring.make_selector(doc.body, anchor.start, anchor.end)
                # An exact match takes the document's text (it may now be in
                # the other script); a fuzzy one keeps what the user actually
                # highlighted, so the note is never silently rewritten.
                quote = sel.quote if anchor.method != "fuzzy" else a.quote
                self.db.execute(
                    'UPDATE annotations SET start=?, "end"=?, prefix=?, suffix=?, quote=?, clause_id=?, '
                    "orphan=0, anchored_hash=? WHERE uuid=?",
                    (anchor.start, anchor.end, sel.prefix, sel.suffix, quote,
                     self._clause_at(doc.id, anchor.start, a.clause_id), anchor_key(doc), a.uuid))
        return report

    def carry_forward(self, from_doc: str, to_doc: str) -> CarryReport:
        """Copy the annotations of one version of a document onto another (a revision, the final of a draft).

        Each note is placed where its quote and context are found in the other version's text
        (``anchoring.reanchor``); the original stays on its own version, nothing is moved or deleted. A note
        whose passage is gone is listed (``changed``), not copied; one already copied is not copied again.
        The copy keeps colour, note, tags and the time it was written.

        Raises:
            UnknownIdError: either document is not in the library.
            NoteError: the two are not versions of one document (link them first), or are the same.
        """
        source, target = self.corpus.document(from_doc), self.corpus.document(to_doc)
        if source.id == target.id:
            raise NoteError("the notes are already on this version")
        if target.id not in {m.doc_id for m in self.corpus.version_group(source.id)}:
            raise NoteError(f"{to_doc} is not a version of {from_doc}: link them as versions first")
        body = target.body
        report = CarryReport()
        with transaction(self.db):
            # A copy keeps the original's creation time: one already carried is known by it and its place, even
            # after its note was edited; so its place is the one in the target's current text (a version whose
            # text changed, its notes not yet placed again, had every note carried twice).
            if self.db.execute("SELECT 1 FROM annotations WHERE doc_id = ? AND (anchored_hash IS NULL OR "
                               "anchored_hash != ?) LIMIT 1", (target.id, anchor_key(target))).fetchone():
                self.reanchor_document(target.id)
            there = {(a.start, a.end, a.created) for a in self.list(doc_id=target.id)}
            for a in self.list(doc_id=source.id):
                anchor = anchoring.reanchor(body, a.selector)
                if anchor is None:
                    report.changed.append(a)
                    continue
                if (anchor.start, anchor.end, a.created) in there:
                    report.already += 1
                    continue
                sel = anchoring.make_selector(body, anchor.start, anchor.end)
                copy = Annotation(str(uuidlib.uuid4()), target.id, self._clause_at(target.id, anchor.start, ""),
                                  a.quote if anchor.method == "fuzzy" else sel.quote, sel.prefix, sel.suffix,
                                  sel.start, sel.end, a.color, a.note, a.tags, a.created,
                                  max(now_iso(), a.updated), False)  # never before it was created (a clock set back)
                self._insert(copy, anchor_key(target))
                there.add((copy.start, copy.end, copy.created))
                (report.reworded if anchor.method == "fuzzy" else report.copied).append(copy)
        return report

    def reanchor_all(self) -> ReanchorReport:
        """Re-anchor every document whose text changed since its notes were placed."""
        total = ReanchorReport()
        rows = self.db.execute("SELECT doc_id, group_concat(DISTINCT coalesce(anchored_hash, '')) "
                               "FROM annotations GROUP BY doc_id").fetchall()
        for doc_id, hashes in rows:
            current = anchor_key(self.corpus.document(doc_id)) if self.corpus.has_document(doc_id) else None
            if current is not None and hashes == current:
                continue
            total += self.reanchor_document(doc_id)
        return total
