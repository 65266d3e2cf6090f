"""The user database: one SQLite file holding everything the user creates.

``<user_home>/zoneref.db`` holds annotations, bookmarks, tags (``notes.py``)
and the comparison pins and saved sets (``comparisons.py``). Losing it is the
one thing users will not forgive, so this module:

- declares the schema in one place (``MIGRATIONS``), versioned with
  ``PRAGMA user_version``, one step per version, each step in one
  transaction (calibre's ``schema_upgrade.py`` habit);
- runs in WAL mode with a long busy timeout, and offers ``transaction()``
  (``BEGIN IMMEDIATE``, retried while another process holds the lock) for
  every write;
- tells **damage from trouble**. Only real corruption (the integrity check
  fails, the file is not a database) is damage: ``recovery.check_and_recover``
  restores a backup and only then sets the file aside. Everything else (a
  full disk, a read-only file or folder, an I/O error, a lock) is trouble:
  a typed ``DatabaseError`` whose message says what to do, the file left
  as it is. ``open_db`` then falls back to reading (``read_only_reason(db)`` says
  why writing is off), so notes can still be read, searched and exported;
- backs up (``backups.py``) before each migration, once a day, after every
  ``BACKUP_EVERY`` changes and when the program closes the database
  (``close_db``); each backup is verified and rotated.

The connection runs in autocommit mode (``isolation_level=None``): a stray
statement outside ``transaction()`` commits at once instead of silently
opening a transaction that would hold the write lock. sqlite-utils' table
methods use savepoints when called inside ``transaction()``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import random
import sqlite3
import sys
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from index.base import paths
from index.base.errors import BugError
from index.userdata.troubles import (  # noqa: F401 - the errors are part of this module's API
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseError,
    DatabaseFullError,
    DatabaseIOError,
    DatabaseNewerError,
    DatabaseReadOnlyError,
    is_damage,
    is_locked,
    trouble,
)

log = logging.getLogger(__name__)

DB_NAME = "zoneref.db"
BUSY_TIMEOUT_MS = 10_000
# A backup after this many committed changes (write transactions) through one connection.
BACKUP_EVERY = 50

# -- schema ---------------------------------------------------------------
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


# -- per connection: read-only, changes since the last backup ----------------------------
@dataclasses.dataclass
class _State:
    path: Path
    read_only: DatabaseError | None = None
    changes: int = 0  # committed write transactions since the last backup of this connection


_states: weakref.WeakKeyDictionary[sqlite_utils.Database, _State] = weakref.WeakKeyDictionary()


def read_only_reason(db: sqlite_utils.Database) -> DatabaseError | None:
    """Why an open database was opened read-only (None: it is writable)."""
    state = _states.get(db)
    return state.read_only if state else None


def db_path(db: sqlite_utils.Database) -> Path | None:
    """The file an open database is (None for one ``open_db`` did not open)."""
    state = _states.get(db)
    return state.path if state else None


# -- opening ---------------------------------------------------------------
def default_path() -> Path:
    return paths.user_home() / DB_NAME


def open_db(path: Path | None = None, *, recover: bool = True, read_only_fallback: bool = True
            ) -> sqlite_utils.Database:
    """Open (creating if needed) the user database, ready to use.

    Checks integrity first (a damaged file is restored from a backup; see
    ``recovery.take_recovery_report``), sets WAL, busy timeout and foreign
    keys, runs pending migrations (backing up first) and takes the daily
    backup.

    Args:
        path: the database file; default ``<user_home>/zoneref.db``.
        recover: check the file and recover a damaged one first.
        read_only_fallback: when the file cannot be written (a full disk, a
            read-only file or folder, an I/O error), open it for reading
            instead; ``read_only_reason(db)`` then says why writes are refused.

    Returns:
        A ``sqlite_utils.Database`` in autocommit mode; write with
        ``transaction(db)``.

    Raises:
        DatabaseError: a subclass saying what is wrong and what to do; the
            file is left as it is.
    """
    from index.userdata import backups, recovery

    path = Path(path) if path is not None else default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise trouble(exc, path.parent, "creating the folder of") from exc
    try:
        if recover:
            recovery.check_and_recover(path)
        db = _open_writable(path)
    except DatabaseError as exc:
        if not read_only_fallback or type(exc) not in _READ_ON:
            raise
        # The file could not be checked or written, not found damaged:
        # reading it is still safe, and the user's notes stay in reach.
        log.warning("user database %s opened read-only: %s", path, exc)
        return _open_read_only(path, exc)
    try:
        backups.maybe_daily_backup(db, path)
    except DatabaseError as exc:  # a backup that cannot be taken now must not stop the user working
        log.warning("daily backup of %s failed: %s", path, exc)
    return db


# Trouble after which the database is still opened, for reading.
_READ_ON = (DatabaseFullError, DatabaseReadOnlyError, DatabaseIOError)


def _connect(uri: str, **kwargs) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, **kwargs)


def _uri(path: Path, **params: str) -> str:
    from urllib.parse import quote

    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path))}" + (f"?{query}" if query else "")


def _open_writable(path: Path) -> sqlite_utils.Database:
    conn = None
    try:
        conn = _connect(_uri(path))
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        # NORMAL is durable against process crashes in WAL mode; only a power
        # cut can lose the last commits. FULL also survives that, cheaply enough.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        _states[db] = _State(path)
        migrate(db, path)
        if schema_version(db) > 0:
            # Migrations write; a database already current writes only when
            # the user does. Ask for the write lock once, so that a file that
            # cannot be written is found now, not on the user's first note.
            _probe_writable(db, path)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise trouble(exc, path, "opening") from exc
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return db


def _probe_writable(db: sqlite_utils.Database, path: Path) -> None:
    """Raise the trouble that would stop a write, without writing (a write transaction rolled back).

    Never waits: if another process holds the write lock, it can write,
    and so, in turn, can we.
    """
    conn = db.conn
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            return
        raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        # BEGIN IMMEDIATE takes the lock but writes nothing; touching the
        # schema cookie page finds a read-only file (SQLITE_READONLY) too.
        conn.execute(f"PRAGMA user_version = {schema_version(db)}")
    finally:
        conn.execute("ROLLBACK")


def _open_read_only(path: Path, why: DatabaseError) -> sqlite_utils.Database:
    """Open ``path`` for reading only, marked with ``why`` (re-raised if even reading is impossible)."""
    attempts = [_uri(path, mode="ro")]
    if _main_file_is_whole(path):
        # No committed changes wait in a WAL: the main file alone is the
        # whole database, readable without the -shm a full or read-only disk
        # cannot create.
        attempts.append(_uri(path, immutable="1"))
    for uri in attempts:
        conn = None
        try:
            conn = _connect(uri)
            conn.execute("PRAGMA query_only = ON")
            db = sqlite_utils.Database(conn)
            version = schema_version(db)
        except sqlite3.Error:
            if conn is not None:
                conn.close()
            continue
        if version < SCHEMA_VERSION:
            conn.close()
            raise why  # an older schema needs writing to be used
        if version > SCHEMA_VERSION:
            conn.close()
            raise DatabaseNewerError(
                f"user database version {version} is newer than this ZoneRef understands ({SCHEMA_VERSION})")
        _states[db] = _State(path, read_only=why)
        return db
    raise why


def _main_file_is_whole(path: Path) -> bool:
    """Whether the database file alone holds every commit: no -wal with content, no -shm indexing frames.

    A -wal removed under a running process leaves its -shm saying the WAL
    holds frames; the main file alone is then stale, and showing it would
    show notes missing.
    """
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    try:
        with open(f"{path}-shm", "rb") as fh:
            header = fh.read(48)
    except OSError:
        return True  # no wal-index: nothing in a WAL
    if len(header) < 48:
        return True  # a stub a full disk left: it indexes nothing
    # The wal-index header (native byte order): mxFrame, the last valid frame, at offset 16.
    return int.from_bytes(header[16:20], sys.byteorder) == 0


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, path: Path | None = None, target: int | None = None) -> int:
    """Bring ``db`` up to ``target``, one step per version, each in one transaction.

    A backup is taken before the first step if the database holds anything.

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
    if path is not None and before > 0:
        from index.userdata import backups

        backups.backup(path, f"before-v{before + 1}", db=db)
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


def close_db(db: sqlite_utils.Database) -> None:
    """Close a database ``open_db`` opened, backing it up first if this connection changed it.

    The backup on exit (reason ``exit``) is best effort: one that cannot be
    taken (a full disk) is logged, never raised, and nothing is lost by it.
    """
    state = _states.get(db)
    if state is not None and state.changes and state.read_only is None:
        from index.userdata import backups

        try:
            backups.backup(state.path, "exit", db=db)
            state.changes = 0
        except (DatabaseError, sqlite3.Error, OSError) as exc:
            log.warning("backup on exit of %s failed: %s", state.path, exc)
    db.conn.close()


# -- transactions ----------------------------------------------------------
def _retry_locked(fn, attempts: int = 8):
    """Call ``fn``, retrying with jittered back-off while SQLite reports a lock."""
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not is_locked(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a block of writes atomically: ``BEGIN IMMEDIATE`` … ``COMMIT``/``ROLLBACK``.

    IMMEDIATE takes the write lock up front, so two processes never both
    read-then-write and fail at commit. Waiting for the lock uses the busy
    timeout and then a few retries; only after that does it give up. Nested
    calls become savepoints. Every ``BACKUP_EVERY`` committed transactions
    the database is backed up (best effort).

    Raises:
        DatabaseError: a subclass for trouble (locked, full disk, read-only,
            I/O error), saying what to do; the block's writes were rolled
            back, what was committed before stays.
    """
    state = _states.get(db)
    path = state.path if state else None
    if state is not None and state.read_only is not None:
        raise type(state.read_only)(f"cannot save: {state.read_only}")
    conn = db.conn
    if conn.in_transaction:
        name = f"sp_{random.getrandbits(48):x}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    try:
        _retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
    except sqlite3.Error as exc:
        raise trouble(exc, path, "saving to") from exc
    try:
        yield db
    except sqlite3.OperationalError as exc:
        _rollback(conn)
        if trouble(exc).__class__ is DatabaseError and not is_locked(exc):
            raise  # not trouble with the file: the statement's own fault
        raise trouble(exc, path, "saving to") from exc
    except BaseException:
        _rollback(conn)
        raise
    try:
        _retry_locked(lambda: conn.execute("COMMIT"))
    except sqlite3.Error as exc:
        _rollback(conn)
        raise trouble(exc, path, "saving to") from exc
    except BaseException:
        _rollback(conn)
        raise
    if state is not None:
        state.changes += 1
        if state.changes >= BACKUP_EVERY:
            _backup_after_changes(db, state)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # SQLite rolls back by itself when the journal cannot be written
            log.warning("rollback failed: %s", exc)


def _backup_after_changes(db: sqlite_utils.Database, state: _State) -> None:
    from index.userdata import backups

    try:
        backups.backup(state.path, "changes", db=db)
    except (DatabaseError, sqlite3.Error, OSError) as exc:  # the change is committed; the next one retries
        log.warning("backup after %d changes of %s failed: %s", state.changes, state.path, exc)
        return
    state.changes = 0


# The backup and recovery API, reachable from here too (``database.backup`` …). Looked up on
# first use (PEP 562): those modules import this one, whichever is imported first.
_ELSEWHERE = {
    "index.userdata.backups": ("BACKUP_DIR", "DAILY", "KEEP_BACKUPS", "USER_TABLES", "RestoreReport", "backup",
                               "backup_dir", "backup_time", "backups", "maybe_daily_backup", "restore",
                               "restore_latest"),
    "index.userdata.recovery": ("RecoveryReport", "check_and_recover", "integrity_problem", "take_recovery_report"),
}


def __getattr__(name: str):
    import importlib

    for module, names in _ELSEWHERE.items():
        if name in names:
            return getattr(importlib.import_module(module), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
