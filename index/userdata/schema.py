"""The user database's schema: one place, versioned with ``PRAGMA user_version``, one step per version.

Each step runs in one transaction (calibre's ``schema_upgrade.py`` habit).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from index.base.errors import BugError
from index.userdata.connection import connect, file_uri, transaction
from index.userdata.troubles import DatabaseError, DatabaseNewerError, trouble

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)
T = TypeVar("T")

#-----------------------------------------------------------
# MIGRATIONS[n] takes a database from version n-1 to n. Never edit a
# released step: add a new one. Statements run one by one inside a single
# transaction (executescript would commit half-way).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        # Annotations. ``id`` is the stable rowid the FTS index points at
        # (VACUUM may renumber implicit rowids); ``uuid`` is the public id.
        """CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            doc_id TEXT NOT NULL,
            clause_id TEXT NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start INTEGER,
            "end" INTEGER,
            color TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            orphan INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1)),
            anchored_hash TEXT,
            search_text TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX annotations_doc ON annotations(doc_id)",
        "CREATE INDEX annotations_clause ON annotations(clause_id)",
        "CREATE INDEX annotations_updated ON annotations(updated)",
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        )""",
        """CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (annotation_id, tag_id)
        )""",
        "CREATE INDEX annotation_tags_tag ON annotation_tags(tag_id)",
        """CREATE TABLE bookmarks (
            clause_id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        # Full-text index over the normalised quote and note (simplified
        # script, case-folded). Trigram finds queries of 3+ characters;
        # notes.py covers 1-2 character queries with LIKE on search_text.
        """CREATE VIRTUAL TABLE annotations_fts USING fts5(
            search_text, content='annotations', content_rowid='id', tokenize='trigram'
        )""",
        """CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations BEGIN
            INSERT INTO annotations_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
        """CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations BEGIN
            INSERT INTO annotations_fts(annotations_fts, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
        END""",
        """CREATE TRIGGER annotations_fts_au AFTER UPDATE OF search_text ON annotations BEGIN
            INSERT INTO annotations_fts(annotations_fts, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
            INSERT INTO annotations_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
        # Comparison tables: the contract with index/compare/comparisons.py.
        """CREATE TABLE pins (
            source_clause_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            clause_id TEXT,
            decision TEXT NOT NULL CHECK (decision IN ('pin', 'none')),
            updated TEXT NOT NULL,
            PRIMARY KEY (source_clause_id, doc_id)
        )""",
        """CREATE TABLE comparison_sets (
            name TEXT PRIMARY KEY,
            payload TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )""",
    ),
}
SCHEMA_VERSION: int = max(MIGRATIONS)


def schema_version(db: sqlite_utils.Database | sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


#: How every SQLite database file begins.
SQLITE_HEADER = b"SQLite format 3\x00"


def identity_problem(path: Path) -> tuple[str, str] | None:
    """What a sound SQLite file at ``path`` is, when it is not a ZoneRef notes database this program reads.

    Returns:
        None for a notes database at a version up to ``SCHEMA_VERSION``; else ``(kind, what)``: ``empty``
        (0 bytes, or a database with no tables: what a first start that never wrote leaves, and what a crash,
        a full disk or a sync tool can leave in place of a real file), ``foreign`` (another program's
        database), ``newer`` (a later ZoneRef's), ``not_sqlite`` (no SQLite database at all: its first bytes
        are not SQLite's, which a damaged notes database keeps). A file that cannot be read says nothing here
        (the integrity check speaks for it).
    """
    try:
        if Path(path).stat().st_size == 0:
            return "empty", "the file is empty (0 bytes)"
        with open(path, "rb") as f:
            if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return "not_sqlite", "not a ZoneRef notes database (not an SQLite file)"
        conn = connect(file_uri(Path(path), mode="ro"))
    except (OSError, sqlite3.Error):
        return None
    try:
        version = schema_version(conn)
        tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        return "newer", (f"made by a newer ZoneRef (database version {version}; this one reads up to "
                         f"{SCHEMA_VERSION})")
    if not tables and version == 0:
        return "empty", "an empty database (no notes tables)"
    if "annotations" not in tables:
        return "foreign", f"not a ZoneRef notes database (its tables: {', '.join(tables[:6]) or 'none'})"
    return None


def peek(path: Path, read: Callable[[sqlite3.Connection], T]) -> T | None:
    """``read(conn)`` on a read-only connection to a database already at ``SCHEMA_VERSION``.

    For a command that only reads (``zoneref compare`` reading the pins):
    no integrity check, migration, backup or sqlite-utils. None when the
    file is missing, at another version, or the read fails for any reason
    (locked, damaged, not a database): the caller then opens it with
    ``database.open_db``, which recovers, migrates or says what is wrong.
    """
    if not path.is_file():
        return None
    try:
        conn = connect(file_uri(path, mode="ro"))
    except sqlite3.Error:
        return None
    try:
        if schema_version(conn) != SCHEMA_VERSION:
            return None
        return read(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def migrate(db: sqlite_utils.Database, path: Path | None = None, target: int | None = None,
            before_upgrade: Callable[[int], object] | None = None) -> int:
    """Bring ``db`` up to ``target``, one step per version, each in one transaction.

    ``before_upgrade(version)`` runs before the first step if the database
    holds anything (``database`` takes a backup there); ``path`` names the
    file in errors.

    Returns:
        The version the database had before.

    Raises:
        DatabaseNewerError: the file's version is newer than this program knows.
        BugError: a step failed (it was rolled back; the file keeps its old version).
    """
    target = SCHEMA_VERSION if target is None else target
    before = schema_version(db)
    if before > SCHEMA_VERSION:
        raise DatabaseNewerError(
            f"user database version {before} is newer than this ZoneRef understands ({SCHEMA_VERSION})")
    if before >= target:
        return before
    if before_upgrade is not None and before > 0:
        before_upgrade(before)
    for version in range(before + 1, target + 1):
        try:
            with transaction(db):
                # Another process may have migrated while we waited for the lock.
                if schema_version(db) >= version:
                    continue
                for statement in MIGRATIONS[version]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version}")
        except DatabaseError:
            raise  # trouble (a full disk, a read-only file): the step rolled back whole
        except sqlite3.Error as exc:
            if trouble(exc).__class__ is not DatabaseError:
                raise trouble(exc, path, "upgrading") from exc
            # The step rolled back whole: the file is still a sound older version.
            raise BugError(f"user database migration to version {version} failed: {exc}") from exc
        log.info("user database migrated to version %d", version)
    return before
