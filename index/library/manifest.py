"""The library manifest: what is known about each document file, computed once and kept in SQLite.

Listing, ``zoneref docs``, the coverage matrix and the search index's
freshness check need per-document facts: the front matter, the body's
content hash, the clause count, which clauses carry which topic. Computing
them means reading, parsing and tagging every document (a minute for 3,500
documents). The manifest keeps them, one row per file, so a click never
scans the library.

A row is trusted while its file's identity (inode, size, mtime and ctime in
ns, as git's index uses) is unchanged; a file whose identity changed is read
again (front matter, body hash, clause count) when the library is listed.
The body's hash is the stored one until the body is next read, which checks
it (``verify``): nothing hashes every document at start.

Derived facts carry the version of the code that computed them
(``clauses_version``: ``index.library.clauses.PARSER_VERSION``;
``topics_version``: ``index.compare.topics.tagger_version()``) and are
recomputed when that changes, lazily, by whoever needs them.

What a listing shows is kept ready too: each document's ``zoneref docs``
record as JSON (``listing``, made by ``corpus.document_record``) and its
version links, so listing 3,500 documents decodes no front matter; the
long columns (``_LONG``) are read only by whoever needs them.

The manifest is a cache: it lives in the user data folder
(``manifest.sqlite``), rows are keyed by source and file name, and a
damaged file (SQLite says it is corrupt or not a database) is set aside and
rebuilt from the documents. Trouble that is not damage never sets it aside
(another process may be using it): a lock held past the busy timeout, or a
file or folder that cannot be written, leaves the manifest read-only for
this process (or, if it cannot even be read, kept in memory).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from index.library.tagformat import render_cells
from index.userdata.troubles import is_damage, is_locked

log = logging.getLogger(__name__)

FILE_NAME = "manifest.sqlite"
#: Bump when the table changes, with an upgrade step in ``_UPGRADES`` from the version before
#: (a manifest older than that is dropped and rebuilt from the documents).
SCHEMA_VERSION = 5

# Short columns first: a row longer than a page keeps its tail in overflow pages, and a listing
# that reads the short columns and ``listing`` never follows them into ``card``, ``meta``, ``topics``.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    source TEXT NOT NULL,            -- bundled | imported
    name TEXT NOT NULL,              -- file name in its folder
    folder TEXT NOT NULL,            -- the folder it was read from (a moved folder is read again)
    identity TEXT NOT NULL,          -- "ino size mtime_ns ctime_ns"
    doc_id TEXT NOT NULL,
    title TEXT NOT NULL,             -- what a listing sorts and shows before anything is decoded
    region TEXT NOT NULL,
    content_hash TEXT NOT NULL,      -- SHA-256 of the body (Document.content_hash)
    clause_count INTEGER,
    clauses_version INTEGER,
    topics_version TEXT,
    listing_version TEXT,            -- what ``listing`` was computed by (corpus.LISTING_VERSION)
    links TEXT,                      -- JSON [supersedes, superseded_by] of the front matter (versions' chain)
    listing TEXT,                    -- the document's ``zoneref docs`` record, compact JSON (Corpus.document_record)
    card TEXT NOT NULL,              -- the front matter minus frontmatter.CARD_OMITS (what a listing reads)
    meta TEXT NOT NULL,              -- the front matter, JSON (dates tagged, see encode)
    topics TEXT,                     -- JSON {topic id: [[clause id without doc id, weight], ...]}
    topics_cells TEXT,               -- ``topics`` as ``topics --json`` writes it (tagformat.render_cells)
    PRIMARY KEY (source, name)
)
"""
_COLUMNS = ("source", "name", "folder", "identity", "doc_id", "title", "region", "content_hash", "clause_count",
            "clauses_version", "topics_version", "listing_version", "links", "listing", "card", "meta", "topics",
            "topics_cells")

#: Seconds a connection waits for another process's write lock (SQLite's busy timeout).
BUSY_TIMEOUT = 10.0

#: Columns ``rows`` leaves out: a listing of 3,500 files that needs none of them reads ~1 MB instead of ~20.
_LONG = ("listing", "card", "meta", "topics", "topics_cells")


def _upgrade_3(conn: sqlite3.Connection) -> None:
    """3 → 4: the listing columns, and short columns before long ones (the table is copied once)."""
    kept = [c for c in _COLUMNS if c not in ("listing_version", "links", "listing", "topics_cells")]
    # The links as corpus.encode_links writes them: the front matter's values when they are text, else null.
    link = "CASE json_type(card, '$.{0}') WHEN 'text' THEN json_extract(card, '$.{0}') END"
    conn.execute("ALTER TABLE documents RENAME TO documents_3")
    conn.execute(_SCHEMA)
    conn.execute(f"INSERT INTO documents ({', '.join(kept)}, links) SELECT {', '.join(kept)}, "
                 f"json_array({link.format('supersedes')}, {link.format('superseded_by')}) FROM documents_3")
    conn.execute("DROP TABLE documents_3")


def _upgrade_4(conn: sqlite3.Connection) -> None:
    """4 → 5: ``topics_cells``, rendered from each row's stored tags (nothing is tagged again)."""
    if "topics_cells" not in {r[1] for r in conn.execute("PRAGMA table_info(documents)")}:  # not made by _upgrade_3
        conn.execute("ALTER TABLE documents ADD COLUMN topics_cells TEXT")
    conn.create_function("zoneref_render_cells", 1, render_cells, deterministic=True)
    conn.execute("UPDATE documents SET topics_cells = zoneref_render_cells(topics) WHERE topics IS NOT NULL")


#: The step from each schema version to the next, each run in one transaction.
_UPGRADES = {3: _upgrade_3, 4: _upgrade_4}


def identity(st: os.stat_result) -> str:
    """What must stay the same for a row to be trusted.

    On Windows without the inode (0): a folder listing's stat (``os.scandir``, what ``Corpus`` lists by) has
    none there, and ``os.stat``'s has the file's index, so the row ``Corpus.record`` wrote after an import or an
    edit never matched the next listing (each such file's body was read again).
    """
    ino = 0 if os.name == "nt" else st.st_ino
    return f"{ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def same_size_and_time(stored: str, now: str) -> bool:
    """Whether two ``identity`` strings have the same size and modification time: a file copied, restored or
    moved with its times kept (a new inode and change time) — its body then tells whether it is the same."""
    a, b = stored.split(), now.split()
    return len(a) == len(b) == 4 and a[1:3] == b[1:3]


class Manifest:
    """One manifest file (or an in-memory one: ``path=None``).

    A ``Manifest`` belongs to the thread that made it (its ``sqlite3``
    connection does). Writes are small transactions; other processes may
    read and write the same file (WAL, busy timeout).
    """

    def __init__(self, path: Path | None):
        self.path = Path(path) if path is not None else None
        self._conn: sqlite3.Connection | None = None
        #: The file is used read-only (locked past the busy timeout, or not writable): writes are skipped.
        self.read_only = False

    # -- the connection ------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                if self.path is None:  # SQLite itself failing: the callers read the documents instead
                    raise
                if is_damage(exc):  # damaged, or not a database at all: rebuild it
                    self._set_aside(exc)
                    try:
                        self._conn = self._open()
                    except (sqlite3.Error, OSError) as again:  # an unwritable folder: keep it in memory
                        self._in_memory(again)
                else:  # locked for longer than the busy timeout, read-only, a disk error: not damage
                    self._conn = self._open_read_only(exc)
            except OSError as exc:
                self._in_memory(exc)
        return self._conn

    def _in_memory(self, exc: BaseException) -> None:
        log.warning("manifest %s unusable (%s); kept in memory", self.path, exc)
        self.path = None
        self.read_only = False
        self._conn = self._open()

    def _open_read_only(self, exc: BaseException) -> sqlite3.Connection:
        """The file opened for reading only (it is left as it is), or an in-memory manifest if it cannot be read."""
        why = "locked by another process" if is_locked(exc) else "cannot be written"
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT,
                                   check_same_thread=False)
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    raise sqlite3.OperationalError("an older manifest, not upgraded while it is read-only")
                for table in ("documents", "derived"):
                    conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            except BaseException:
                conn.close()
                raise
        except (sqlite3.Error, OSError) as again:
            self._in_memory(f"{why}: {exc}; and reading it: {again}")
            return self._conn
        log.warning("manifest %s %s (%s): read only, not updated by this process", self.path, why, exc)
        self.read_only = True
        return conn

    def _open(self) -> sqlite3.Connection:
        # Not shared between threads at once: a Corpus (and its manifest) belongs to one thread at a time.
        conn = sqlite3.connect(str(self.path) if self.path else ":memory:", timeout=BUSY_TIMEOUT,
                               check_same_thread=False)
        try:
            if self.path:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")  # a cache: a lost last write is recomputed
            while (version := conn.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
                with conn:
                    # IMMEDIATE: the write lock is taken (waiting for it) before anything is read. A deferred
                    # BEGIN that read the version and then wrote failed at once with "database is locked" when
                    # another process had set the file up meanwhile (SQLite cannot upgrade a stale read).
                    conn.execute("BEGIN IMMEDIATE")
                    version = conn.execute("PRAGMA user_version").fetchone()[0]  # as that other process left it
                    if version in _UPGRADES:  # one step per transaction
                        _UPGRADES[version](conn)
                        conn.execute(f"PRAGMA user_version = {version + 1}")
                    elif version != SCHEMA_VERSION:
                        conn.execute("DROP TABLE IF EXISTS documents")
                        conn.execute(_SCHEMA)
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("SELECT count(*) FROM documents").fetchone()
            # Values derived from the whole library, each kept with the key of the files it was derived from.
            conn.execute("CREATE TABLE IF NOT EXISTS derived (name TEXT PRIMARY KEY, key TEXT NOT NULL, "
                         "value TEXT NOT NULL)")
        except BaseException:
            conn.close()
            raise
        return conn

    def _set_aside(self, exc: Exception) -> None:
        log.warning("manifest %s is damaged (%s): rebuilt from the documents", self.path, exc)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def _run(self, func):
        """``func(conn)``, rebuilding the manifest once if it turns out damaged (and only then: a lock, a
        read-only file or a disk error is raised as it is)."""
        try:
            return func(self._connect())
        except sqlite3.DatabaseError as exc:
            if self.path is None or not is_damage(exc):
                raise
            self._set_aside(exc)
            return func(self._connect())

    def _read(self, func, empty):
        """``_run(func)``; ``empty`` when it fails for another reason than damage (locked for longer than the
        busy timeout, a disk error) or not even an in-memory manifest works (SQLite itself failing): the
        library is then listed by reading the documents, slowly but correctly."""
        try:
            return self._run(func)
        except sqlite3.Error as exc:
            log.warning("manifest %s unreadable (%s); reading the documents instead", self.path, exc)
            return empty

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    # -- rows ----------------------------------------------------------------
    def rows(self, source: str) -> dict[str, dict]:
        """Every row of one source, by file name, without its long columns (``_LONG``: ``values``
        reads one of them for every file when it is needed, ``meta`` one file's)."""
        columns = [c for c in _COLUMNS if c not in _LONG]

        def read(conn):
            got = conn.execute(f"SELECT {', '.join(columns)} FROM documents WHERE source = ?", (source,)).fetchall()
            # By name (the second column), each row a dict: made at C speed (3,500 rows at every listing).
            return dict(zip(map(itemgetter(1), got), map(dict, map(zip, repeat(columns), got)), strict=True))
        return self._read(read, {})

    def topics(self, source: str) -> dict[str, tuple[str | None, str | None]]:
        """Every file's stored tags and their tagger version, by file name (the coverage matrix reads them at once)."""
        def read(conn):
            cur = conn.execute("SELECT name, topics, topics_version FROM documents WHERE source = ?", (source,))
            return {name: (tags, version) for name, tags, version in cur}
        return self._read(read, {})

    def topics_of(self, source: str, name: str) -> tuple[str | None, str | None]:
        """One file's stored tags and their tagger version ((None, None): no row)."""
        def read(conn):
            r = conn.execute("SELECT topics, topics_version FROM documents WHERE source = ? AND name = ?",
                             (source, name)).fetchone()
            return (r[0], r[1]) if r else (None, None)
        return self._read(read, (None, None))

    def values(self, source: str, column: str) -> dict[str, Any]:
        """One column of every row of one source, by file name."""
        if column not in _COLUMNS:
            raise ValueError(f"no manifest column {column!r}")

        def read(conn):
            return dict(conn.execute(f"SELECT name, {column} FROM documents WHERE source = ?", (source,)).fetchall())
        return self._read(read, {})

    def cards(self) -> list[tuple[str, str, str, str, str | None]]:
        """``(source, doc_id, title, region, card)`` of every row, bundled first (one query, no file looked at)."""
        def read(conn):
            return conn.execute("SELECT source, doc_id, title, region, card FROM documents "
                                "ORDER BY source, name").fetchall()
        return self._read(read, [])

    def meta(self, source: str, name: str) -> str | None:
        """One file's stored front matter (JSON), or None when the manifest has no row for it."""
        def read(conn):
            r = conn.execute("SELECT meta FROM documents WHERE source = ? AND name = ?", (source, name)).fetchone()
            return r[0] if r else None
        return self._read(read, None)

    def row(self, source: str, name: str) -> dict | None:
        """One file's row, or None."""
        def read(conn):
            r = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM documents WHERE source = ? AND name = ?",
                             (source, name)).fetchone()
            return dict(zip(_COLUMNS, r, strict=True)) if r else None
        return self._read(read, None)

    def derived(self, name: str, key: str) -> str | None:
        """The value stored as ``name`` if it was derived from files with this ``key``, else None."""
        def read(conn):
            r = conn.execute("SELECT value FROM derived WHERE name = ? AND key = ?", (name, key)).fetchone()
            return r[0] if r else None
        return self._read(read, None)

    def put_derived(self, name: str, key: str, value: str) -> None:
        """Keep ``value`` as ``name``, derived from files with this ``key`` (a cache: a failed write costs a recompute)."""
        def write(conn):
            with conn:
                conn.execute("INSERT OR REPLACE INTO derived (name, key, value) VALUES (?, ?, ?)", (name, key, value))
            # Into the file now, by the command that derived it: not at some later command's close (a reading
            # command's cache must not surface as a change made by the next one).
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self._write(write)

    def put(self, rows: Iterable[dict]) -> None:
        """Insert or replace whole rows (one transaction); ``topics_cells`` is derived from ``topics``."""
        rows = [tuple(r.get(c) for c in _COLUMNS) for r in map(_derive, rows)]
        if not rows:
            return

        def write(conn):
            with conn:
                conn.executemany(f"INSERT OR REPLACE INTO documents ({', '.join(_COLUMNS)}) "
                                 f"VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
        self._write(write)

    def update(self, source: str, name: str, **values: Any) -> None:
        """Set some columns of one row (nothing if the row is gone); ``topics_cells`` follows ``topics``."""
        values = _derive(values)
        sets = ", ".join(f"{k} = ?" for k in values)

        def write(conn):
            with conn:
                conn.execute(f"UPDATE documents SET {sets} WHERE source = ? AND name = ?",
                             (*values.values(), source, name))
        self._write(write)

    def update_many(self, source: str, column_rows: list[tuple[str, dict]]) -> None:
        """Set columns of many rows at once: ``[(name, {column: value})]`` (one transaction)."""
        if not column_rows:
            return

        def write(conn):
            with conn:
                for name, given in column_rows:
                    values = _derive(given)
                    sets = ", ".join(f"{k} = ?" for k in values)
                    conn.execute(f"UPDATE documents SET {sets} WHERE source = ? AND name = ?",
                                 (*values.values(), source, name))
        self._write(write)

    def moved(self, source: str, rows: list[tuple[str, str, str]]) -> None:
        """Give rows a new folder and identity: ``[(name, folder, identity)]`` (one transaction)."""
        params = [(folder, ident, source, name) for name, folder, ident in rows]
        if params:
            self._write(lambda conn: _in_tx(conn, "UPDATE documents SET folder = ?, identity = ? "
                                                  "WHERE source = ? AND name = ?", params))

    def forget(self, source: str, names: Iterable[str]) -> None:
        names = [(source, n) for n in names]
        if names:
            self._write(lambda conn: _in_tx(conn, "DELETE FROM documents WHERE source = ? AND name = ?", names))

    def _write(self, func) -> None:
        # A cache that cannot be written (disk full, a locked file for too
        # long) only costs recomputing next time: never fail the caller.
        if self.read_only:
            return
        try:
            self._run(func)
        except sqlite3.Error as exc:
            if not is_locked(exc) and not is_damage(exc) and _read_only_error(exc):
                self.read_only = True  # said once: the next writes are skipped
                log.warning("manifest %s cannot be written (%s): read only, not updated by this process",
                            self.path, exc)
            else:
                log.warning("manifest %s not updated: %s", self.path, exc)


def _read_only_error(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused a write because the file, its folder or the disk is read-only."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (3, 8)  # SQLITE_PERM, SQLITE_READONLY
    return "readonly" in str(exc).lower() or "read-only" in str(exc).lower()


def _derive(values: dict) -> dict:
    """``values`` with ``topics_cells`` rendered from ``topics`` when ``topics`` is among them."""
    if "topics" not in values:
        return values
    return {**values, "topics_cells": render_cells(values["topics"])}


def _in_tx(conn: sqlite3.Connection, sql: str, params: list) -> None:
    with conn:
        conn.executemany(sql, params)
