"""The user database: one SQLite file holding everything the user creates.

``<user_home>/zoneref.db`` holds annotations, bookmarks, tags (``notes.py``)
and the comparison pins and saved sets (``comparisons.py``). Losing it is the
one thing users will not forgive, so this module:

- declares the schema in one place (``schema.MIGRATIONS``), versioned with
  ``PRAGMA user_version``, one step per version, each step in one
  transaction (calibre's ``schema_upgrade.py`` habit);
- runs in WAL mode with a long busy timeout, and offers ``transaction()``
  (``connection.py``: ``BEGIN IMMEDIATE``, retried while another process
  holds the lock) for every write;
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

This module opens and closes; the pieces below it (``connection``, ``schema``,
``dbfile``, ``backups``, ``recovery``) never import it. Their public names are
re-exported here, so ``database.transaction``, ``database.backup`` … keep working.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

import sqlite_utils

from index.base.errors import BugError  # noqa: F401 - a failed migration step raises it
from index.userdata.backups import (  # noqa: F401 - the backup API, reachable from here too
    backup,
    backup_time,
    backups,
    maybe_daily_backup,
    restore_latest,
)
from index.userdata.connection import (  # noqa: F401 - part of this module's API
    BACKUP_EVERY,
    BUSY_TIMEOUT_MS,
    DB_NAME,
    _State,
    _states,
    connect,
    db_path,
    default_path,
    file_uri,
    read_only_reason,
    retry_locked,
    transaction,
    wrap,
)
from index.userdata.recovery import RecoveryReport, check_and_recover, take_recovery_report  # noqa: F401
from index.userdata.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version  # noqa: F401
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

# -- opening ---------------------------------------------------------------
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
    path = Path(path) if path is not None else default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise trouble(exc, path.parent, "creating the folder of") from exc
    try:
        if recover:
            check_and_recover(path)
        db = _open_writable(path)
    except DatabaseError as exc:
        if not read_only_fallback or type(exc) not in _READ_ON:
            raise
        # The file could not be checked or written, not found damaged:
        # reading it is still safe, and the user's notes stay in reach.
        log.warning("user database %s opened read-only: %s", path, exc)
        return _open_read_only(path, exc)
    try:
        maybe_daily_backup(db, path)
    except DatabaseError as exc:  # a backup that cannot be taken now must not stop the user working
        log.warning("daily backup of %s failed: %s", path, exc)
    return db


# Trouble after which the database is still opened, for reading.
_READ_ON = (DatabaseFullError, DatabaseReadOnlyError, DatabaseIOError)


def _open_writable(path: Path) -> sqlite_utils.Database:
    conn = None
    try:
        conn = connect(file_uri(path))
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        # NORMAL is durable against process crashes in WAL mode; only a power
        # cut can lose the last commits. FULL also survives that, cheaply enough.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = wrap(conn)
        _states[db] = _State(path, after_changes=_backup_after_changes)
        migrate(db, path, before_upgrade=lambda before: backup(path, f"before-v{before + 1}", db=db))
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
    attempts = [file_uri(path, mode="ro")]
    if _main_file_is_whole(path):
        # No committed changes wait in a WAL: the main file alone is the
        # whole database, readable without the -shm a full or read-only disk
        # cannot create.
        attempts.append(file_uri(path, immutable="1"))
    for uri in attempts:
        conn = None
        try:
            conn = connect(uri)
            conn.execute("PRAGMA query_only = ON")
            db = wrap(conn)
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


def close_db(db: sqlite_utils.Database) -> None:
    """Close a database ``open_db`` opened, backing it up first if this connection changed it.

    The backup on exit (reason ``exit``) is best effort: one that cannot be
    taken (a full disk) is logged, never raised, and nothing is lost by it.
    """
    state = _states.get(db)
    if state is not None and state.changes and state.read_only is None:
        try:
            backup(state.path, "exit", db=db)
            state.changes = 0
        except (DatabaseError, sqlite3.Error, OSError) as exc:
            log.warning("backup on exit of %s failed: %s", state.path, exc)
    db.conn.close()


def _backup_after_changes(db: sqlite_utils.Database, state: _State) -> None:
    try:
        backup(state.path, "changes", db=db)
    except (DatabaseError, sqlite3.Error, OSError) as exc:  # the change is committed; the next one retries
        log.warning("backup after %d changes of %s failed: %s", state.changes, state.path, exc)
        return
    state.changes = 0


