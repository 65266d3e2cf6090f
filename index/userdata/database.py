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
- takes backups with SQLite's online backup API before each migration and
  at most once a day, keeping the newest ``KEEP_BACKUPS``;
- checks the file at open (``PRAGMA integrity_check``) and, if it is damaged
  or not a database at all, moves it aside and restores the newest backup
  that passes the check, returning a ``RecoveryReport`` for the front end.

The connection runs in autocommit mode (``isolation_level=None``): a stray
statement outside ``transaction()`` commits at once instead of silently
opening a transaction that would hold the write lock. sqlite-utils' table
methods use savepoints when called inside ``transaction()``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from index.base import paths
from index.base.errors import BugError, KnownError

log = logging.getLogger(__name__)

DB_NAME = "zoneref.db"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10
BUSY_TIMEOUT_MS = 10_000
DAILY = dt.timedelta(days=1)
# Tables whose rows are the user's work; a database with none is not worth a daily backup.
USER_TABLES = ("annotations", "bookmarks", "pins", "comparison_sets")

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


# -- errors and reports ----------------------------------------------------
class DatabaseError(KnownError):
    """The user database cannot be used (locked for too long, unreadable folder, newer schema)."""

    code = "database"


class DatabaseNewerError(DatabaseError):
    """The file was written by a newer ZoneRef; refusing to touch it."""

    code = "database_newer"


@dataclasses.dataclass(frozen=True)
class RecoveryReport:
    """What ``check_and_recover`` did to a damaged database, for the user to read.

    Attributes:
        path: the database file.
        problem: why it was rejected (SQLite's message or integrity_check output).
        moved_to: where the damaged file was kept (never deleted).
        restored_from: the backup copied in its place; ``None`` if no good
            backup existed and an empty database was started.
        backup_time: when that backup was taken (ISO 8601 UTC); changes made
            after it are lost unless recovered by hand from ``moved_to``.
    """

    path: Path
    problem: str
    moved_to: Path
    restored_from: Path | None
    backup_time: str | None
    code: str = "db_recovered"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "path": str(self.path),
            "problem": self.problem,
            "moved_to": str(self.moved_to),
            "restored_from": str(self.restored_from) if self.restored_from else None,
            "backup_time": self.backup_time,
        }


_last_report: RecoveryReport | None = None


def take_recovery_report() -> RecoveryReport | None:
    """The report of the last recovery done by ``open_db`` in this process, then forget it.

    The GUI calls this once after opening the database and tells the user.
    """
    global _last_report
    report, _last_report = _last_report, None
    return report


# -- opening ---------------------------------------------------------------
def default_path() -> Path:
    return paths.user_home() / DB_NAME


def open_db(path: Path | None = None, *, recover: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the user database, ready to use.

    Checks integrity first (recovering from backup if needed; see
    ``take_recovery_report``), sets WAL, busy timeout and foreign keys, runs
    pending migrations (backing up first) and takes the daily backup.

    Args:
        path: the database file; default ``<user_home>/zoneref.db``.
        recover: run ``check_and_recover`` first.

    Returns:
        A ``sqlite_utils.Database`` in autocommit mode; write with
        ``transaction(db)``.

    Raises:
        DatabaseError: the file cannot be opened for a reason recovery cannot fix.
    """
    global _last_report
    path = Path(path) if path is not None else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if recover:
        report = check_and_recover(path)
        if report is not None:
            _last_report = report
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        # NORMAL is durable against process crashes in WAL mode; only a power
        # cut can lose the last commits. FULL also survives that, cheaply enough.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open user database {path}: {exc}") from exc
    db = sqlite_utils.Database(conn)
    migrate(db, path)
    maybe_daily_backup(db, path)
    return db


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
        backup(path, f"before-v{before + 1}", db=db)
    for version in range(before + 1, target + 1):
        try:
            with transaction(db):
                # Another process may have migrated while we waited for the lock.
                if schema_version(db) >= version:
                    continue
                for statement in MIGRATIONS[version]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version}")
        except sqlite3.Error as exc:
            # The step rolled back whole: the file is still a sound older version.
            raise BugError(f"user database migration to version {version} failed: {exc}") from exc
        log.info("user database migrated to version %d", version)
    return before


# -- transactions ----------------------------------------------------------
def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _retry_locked(fn, attempts: int = 8):
    """Call ``fn``, retrying with jittered back-off while SQLite reports a lock."""
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a block of writes atomically: ``BEGIN IMMEDIATE`` … ``COMMIT``/``ROLLBACK``.

    IMMEDIATE takes the write lock up front, so two processes never both
    read-then-write and fail at commit. Waiting for the lock uses the busy
    timeout and then a few retries; only after that does it give up. Nested
    calls become savepoints.

    Raises:
        DatabaseError: the database stayed locked by another process.
    """
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
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"user database is busy: {exc}") from exc
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        _retry_locked(lambda: conn.execute("COMMIT"))
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# -- backups ---------------------------------------------------------------
def backup_dir(db_path: Path | None = None) -> Path:
    db_path = Path(db_path) if db_path is not None else default_path()
    return db_path.parent / BACKUP_DIR


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def backup_time(path: Path | str) -> str | None:
    """When a backup was taken (ISO 8601 UTC), from its name ``zoneref-<stamp>-<reason>.db``."""
    try:
        stamp = Path(path).name.split("-")[1]
        when = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
    except (IndexError, ValueError):
        return None
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def backups(db_path: Path | None = None) -> list[Path]:
    """Backup files of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("zoneref-*.db"), key=lambda p: p.name, reverse=True)


def backup(db_path: Path | None = None, reason: str = "manual", *, db: sqlite_utils.Database | None = None,
           keep: int = KEEP_BACKUPS) -> Path:
    """Copy the database with SQLite's online backup API (consistent even while others write).

    Args:
        db_path: the database file; default ``<user_home>/zoneref.db``.
        reason: a short word kept in the file name (``daily``, ``before-v2``, ``manual``).
        db: an open connection to copy from (else one is opened read-only).
        keep: how many backups to keep; older ones are deleted.

    Returns:
        The new backup file.
    """
    db_path = Path(db_path) if db_path is not None else default_path()
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    safe_reason = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in reason)[:40] or "manual"
    target = folder / f"zoneref-{_stamp()}-{safe_reason}.db"
    partial = target.with_suffix(".db.partial")
    src = db.conn if db is not None else sqlite3.connect(f"file:{db_path}?mode=ro", uri=True,
                                                          timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        if db is None:
            src.close()
    # Rename only a complete copy, so a crash never leaves a half backup
    # that looks like the newest good one.
    os.replace(partial, target)
    for old in backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    # Partial copies left by a crash during an earlier backup.
    for stale in folder.glob("*.db.partial"):
        if time.time() - stale.stat().st_mtime > 3600:
            stale.unlink(missing_ok=True)
    return target


def maybe_daily_backup(db: sqlite_utils.Database, db_path: Path) -> Path | None:
    """Back up if the newest backup is older than a day and the database holds user data."""
    existing = backups(db_path)
    if existing:
        age = time.time() - existing[0].stat().st_mtime
        if age < DAILY.total_seconds():
            return None
    tables = set(db.table_names())
    if not any(t in tables and db.execute(f"SELECT 1 FROM [{t}] LIMIT 1").fetchone() for t in USER_TABLES):
        return None
    return backup(db_path, "daily", db=db)


def integrity_problem(path: Path) -> str | None:
    """``None`` if the file is a healthy SQLite database, else what is wrong.

    Raises:
        DatabaseError: the file is locked or cannot be opened at all (a
            permissions problem is not corruption: nothing is moved).
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"cannot open user database {path}: {exc}") from exc
    try:
        rows = _retry_locked(lambda: conn.execute("PRAGMA integrity_check").fetchall())
    except sqlite3.OperationalError as exc:
        if _is_locked(exc):
            raise DatabaseError(f"user database is busy: {exc}") from exc
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    messages = [r[0] for r in rows]
    return None if messages == ["ok"] else "; ".join(messages[:5])


def _move_aside(path: Path, label: str) -> Path:
    stamp = _stamp()
    moved = path.with_name(f"{path.name}.{label}-{stamp}")
    os.replace(path, moved)
    # A stale WAL replayed over a restored file would corrupt it again.
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{moved}{suffix}"))
    return moved


def check_and_recover(path: Path | None = None) -> RecoveryReport | None:
    """At startup: if the database is damaged, keep it aside and restore the newest good backup.

    Args:
        path: the database file; default ``<user_home>/zoneref.db``.

    Returns:
        ``None`` if the file is missing (a fresh start) or healthy, else a
        report of what was done.

    Raises:
        DatabaseError: the file is locked or unreadable (not corruption).
    """
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return None
    problem = integrity_problem(path)
    if problem is None:
        return None
    log.warning("user database %s is damaged (%s); recovering", path, problem)
    moved = _move_aside(path, "damaged")
    for candidate in backups(path):
        try:
            bad = integrity_problem(candidate)
        except DatabaseError:
            continue
        if bad is None:
            _copy_database(candidate, path)
            return RecoveryReport(path, problem, moved, candidate, backup_time(candidate))
    return RecoveryReport(path, problem, moved, None, None)


def _copy_database(src_path: Path, dst_path: Path) -> None:
    partial = dst_path.with_name(dst_path.name + ".restoring")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, dst_path)


def restore_latest(db_path: Path | None = None, backup_file: Path | None = None) -> Path:
    """Replace the database's contents with a backup (the newest good one by default).

    The current contents are backed up first (reason ``before-restore``) if
    they are readable, else the file is moved aside; nothing is lost. The
    copy goes through the backup API into the live file, so other open
    connections see the restored data rather than a swapped-out file.

    Returns:
        The backup that was restored.

    Raises:
        DatabaseError: no good backup exists, or the chosen one is damaged.
    """
    db_path = Path(db_path) if db_path is not None else default_path()
    if backup_file is None:
        # Skip the safety copies restore itself takes, so restoring twice
        # does not silently undo the first restore.
        good = [b for b in backups(db_path) if not b.name.endswith("-before_restore.db")
                and integrity_problem(b) is None]
        if not good:
            raise DatabaseError(f"no good backup of {db_path} in {backup_dir(db_path)}")
        backup_file = good[0]
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise DatabaseError(f"no such backup: {backup_file}")
    problem = integrity_problem(backup_file)
    if problem is not None:
        raise DatabaseError(f"backup {backup_file} is damaged: {problem}")
    if db_path.exists() and integrity_problem(db_path) is None:
        # Keep the pre-restore state outside the rotation's reach of the
        # file we are restoring from.
        backup(db_path, "before-restore", keep=KEEP_BACKUPS + 1)
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        dst = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    else:
        if db_path.exists():
            _move_aside(db_path, "replaced")
        _copy_database(backup_file, db_path)
    return backup_file

