"""Backups of the user database: taken often, each verified, rotated, and restored with a report.

When a backup is taken (``<user_home>/backups/zoneref-<UTC time>-<reason>.db``):

- ``daily``: at the first open of a day, if the database holds user data;
- ``changes``: after every ``database.BACKUP_EVERY`` saved changes;
- ``exit``: when the program closes a database it changed (``database.close_db``);
- ``before_vN``: before a schema upgrade; ``before_restore`` / ``before_recover``:
  before a restore replaces, or a recovery merges into, the notes;
- ``manual``: ``zoneref notes backup``.

Each is copied with SQLite's online backup API (consistent while other
processes write) into a ``.partial`` file, checked with ``PRAGMA
integrity_check`` and only then renamed, so a crash never leaves a half
backup that looks good. Each reason keeps its newest ``KEEP[reason]``
copies: a burst of exits never rotates the daily ones away.

``restore`` replaces the notes with a backup's after keeping the current
state (``before_restore``), and reports how many notes it brought back and
from when.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import sqlite3
import time
from pathlib import Path

import sqlite_utils

from index.base.durable import fsync_dir, replace
from index.base.faults import checkpoint
from index.userdata.connection import BUSY_TIMEOUT_MS, connect, default_path, file_uri
from index.userdata.dbfile import install, integrity_problem, stamp, stamp_time
from index.userdata.schema import identity_problem
from index.userdata.troubles import (
    DatabaseError,
    DatabaseNewerError,
    NotNotesDatabaseError,
    is_damage,
    trouble,
)

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
# How many copies each reason keeps (a reason not named keeps KEEP_OTHER).
KEEP = {"daily": 7, "changes": 5, "exit": 5, "manual": 10}
KEEP_OTHER = 5
KEEP_BACKUPS = KEEP["manual"]
DAILY = dt.timedelta(days=1)
# Tables whose rows are the user's work; a database with none is not worth a daily backup.
USER_TABLES = ("annotations", "bookmarks", "pins", "comparison_sets")
_STALE_PARTIAL_SECONDS = 3600


def backup_dir(db_path: Path | None = None) -> Path:
    db_path = Path(db_path) if db_path is not None else default_path()
    return db_path.parent / BACKUP_DIR


def backup_time(path: Path | str) -> str | None:
    """When a backup was taken (ISO 8601 UTC), from its name ``zoneref-<stamp>-<reason>.db``."""
    parts = Path(path).name.split("-")
    return stamp_time(parts[1]) if len(parts) > 1 else None


def backup_reason(path: Path | str) -> str:
    """Why a backup was taken (``daily``, ``exit``, ``manual`` …), from its name."""
    name = Path(path).name
    parts = name[: -len(".db")].split("-", 2) if name.endswith(".db") else []
    return parts[2] if len(parts) == 3 else ""


def backups(db_path: Path | None = None) -> list[Path]:
    """Backup files of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("zoneref-*.db"), key=lambda p: p.name, reverse=True)


def count_notes(path: Path) -> int | None:
    """How many notes (annotations) a database file holds; None if it cannot be read."""
    try:
        conn = connect(file_uri(Path(path), mode="ro"))
    except sqlite3.Error:
        return None
    try:
        return conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def fingerprint(path: Path) -> str | None:
    """A digest of the user's rows in a database file (None if unreadable): equal files hold the same work."""
    import hashlib

    try:
        conn = connect(file_uri(Path(path), mode="ro"))
    except sqlite3.Error:
        return None
    digest = hashlib.sha256()
    try:
        for sql in ("SELECT uuid, updated FROM annotations ORDER BY uuid", "SELECT * FROM bookmarks ORDER BY 1",
                    "SELECT * FROM pins ORDER BY 1, 2", "SELECT name, updated FROM comparison_sets ORDER BY 1"):
            for row in conn.execute(sql):
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
            digest.update(b"|")
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return digest.hexdigest()


def _safe_reason(reason: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in reason)[:40] or "manual"


def backup(db_path: Path | None = None, reason: str = "manual", *, db: sqlite_utils.Database | None = None,
           keep: int | None = None) -> Path:
    """Copy the database with SQLite's online backup API, verify the copy, rotate old ones.

    Args:
        db_path: the database file; default ``<user_home>/zoneref.db``.
        reason: a short word kept in the file name (``daily``, ``before-v2``, ``manual``).
        db: an open connection to copy from (else one is opened read-only).
        keep: how many backups of this reason to keep (default ``KEEP``).

    Returns:
        The new backup file.

    Raises:
        DatabaseError: the copy could not be written (a typed error: full
            disk, read-only folder …) or did not verify; the database itself
            is never changed by a backup.
    """
    db_path = Path(db_path) if db_path is not None else default_path()
    folder = backup_dir(db_path)
    safe_reason = _safe_reason(reason)
    target = folder / f"zoneref-{_next_stamp(folder)}-{safe_reason}.db"
    partial = target.with_suffix(".db.partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = db.conn if db is not None else connect(file_uri(db_path, mode="ro"))
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            if db is None:
                src.close()
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):  # a folder that is a file: NotADirectoryError, the first error says why
            partial.unlink(missing_ok=True)
        raise _backup_trouble(exc, folder) from exc
    checkpoint("backup.copied")
    problem = _verify(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"the backup of {db_path} did not verify ({problem}); it was not kept, and the "
                            "database itself was not changed. Check the disk, then back up again "
                            "(zoneref notes backup)")
    checkpoint("backup.verified")
    # Rename only a complete, verified copy, so a crash never leaves a half
    # backup that looks like the newest good one.
    try:
        # Windows: an antivirus scanner reading the new copy refuses its rename a moment (tried again).
        replace(partial, target, says=None)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise _backup_trouble(exc, folder) from exc
    fsync_dir(folder)
    checkpoint("backup.renamed")
    _rotate(db_path, safe_reason, KEEP.get(safe_reason, KEEP_OTHER) if keep is None else keep)
    return target


def _next_stamp(folder: Path) -> str:
    """The new backup's time stamp: now, or just after the newest backup's if that is later (the clock was set
    back). Names order the backups, newest first: a new one named by a clock set back sorted as the oldest,
    and rotation deleted it at once."""
    now = stamp()
    try:
        names = [p.name.split("-")[1] for p in folder.glob("zoneref-*.db")] if folder.is_dir() else []
    except OSError:
        names = []
    newest = max((n for n in names if stamp_time(n) is not None), default="")
    if newest < now:
        return now
    return stamp(dt.datetime.strptime(newest, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
                 + dt.timedelta(microseconds=1))


def _backup_trouble(exc: BaseException, folder: Path) -> DatabaseError:
    if isinstance(exc, sqlite3.Error) and is_damage(exc):
        return DatabaseError(f"the database could not be read for a backup ({exc}); close ZoneRef and start it "
                             "again, which checks and repairs it")
    if isinstance(exc, OSError) and folder.exists() and not folder.is_dir():  # not the disk's fault
        return DatabaseError(f"cannot write a backup into {folder}: a file is there, not a folder; move it away "
                             "and back up again. Your notes were left as they are.")
    return trouble(exc, folder, "writing a backup into")


def _verify(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)  # quoted: "#", "?", "%"
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return None if rows == ["ok"] else "; ".join(rows[:3])


def _rotate(db_path: Path, reason: str, keep: int) -> None:
    for old in [b for b in backups(db_path) if backup_reason(b) == reason][keep:]:
        old.unlink(missing_ok=True)
    for stale in backup_dir(db_path).glob("*.db.partial"):  # left by a crash during an earlier backup
        try:
            if time.time() - stale.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                stale.unlink()
        except OSError:
            continue


def maybe_daily_backup(db: sqlite_utils.Database, db_path: Path) -> Path | None:
    """Back up if the newest daily backup is older than a day and the database holds user data."""
    daily = [b for b in backups(db_path) if backup_reason(b) == "daily"]
    # A daily backup "taken" later than now was taken while the clock was ahead: it is no reason to wait.
    if daily and 0 <= time.time() - daily[0].stat().st_mtime < DAILY.total_seconds():
        return None
    tables = set(db.table_names())
    if not any(t in tables and db.execute(f"SELECT 1 FROM [{t}] LIMIT 1").fetchone() for t in USER_TABLES):
        return None
    return backup(db_path, "daily", db=db)


# -- restore ----------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class RestoreReport:
    """What a restore did.

    Attributes:
        source: the backup restored.
        time: when it was taken (ISO 8601 UTC).
        notes: how many notes it brought back.
        notes_before: how many the database held before (None if it could not be read).
        safety_copy: where the state before the restore was kept (a backup,
            or the set-aside file when the database was damaged).
    """

    source: Path
    time: str | None
    notes: int | None
    notes_before: int | None
    safety_copy: Path | None

    def to_dict(self) -> dict:
        return {"restored": str(self.source), "time": self.time, "notes": self.notes,
                "notes_before": self.notes_before, "safety_copy": str(self.safety_copy) if self.safety_copy else None}


def good_backups(db_path: Path | None = None) -> list[Path]:
    """Backups that pass the integrity check, newest first, without restore's own safety copies."""
    good = []
    for b in backups(db_path):
        if backup_reason(b) == "before_restore":
            continue  # restoring twice must not silently undo the first restore
        try:
            if integrity_problem(b) is None and identity_problem(b) is None:
                good.append(b)
        except DatabaseError:
            continue
    return good


def restore(db_path: Path | None = None, backup_file: Path | None = None) -> RestoreReport:
    """Replace the database's contents with a backup (by default the newest good one that differs from it).

    The current contents are backed up first (reason ``before_restore``) if
    they are readable, else the file is set aside; nothing is lost. The
    copy goes through the backup API into the live file in one transaction,
    so other open connections see the restored data, and a crash during it
    leaves the database as it was.

    Returns:
        What was restored, how many notes it holds, from when, and where
        the previous state was kept.

    Raises:
        DatabaseError: no good backup exists, the chosen one is damaged, or
            the database cannot be written (typed; nothing was changed).
    """
    db_path = Path(db_path) if db_path is not None else default_path()
    if backup_file is None:
        good = good_backups(db_path)
        if not good:
            raise DatabaseError(f"no good backup of {db_path} in {backup_dir(db_path)}")
        # The newest backups (on exit, after changes) often hold exactly what
        # the database holds: restoring one would change nothing.
        now = fingerprint(db_path) if db_path.exists() else None
        backup_file = next((b for b in good if now is None or fingerprint(b) != now), good[0])
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise DatabaseError(f"no such backup: {backup_file}")
    found = identity_problem(backup_file)  # first: a file that is no SQLite database is not a damaged backup
    if found is not None:
        kind = DatabaseNewerError if found[0] == "newer" else NotNotesDatabaseError
        raise kind(f"{backup_file} cannot replace your notes: {found[1]}; choose a backup "
                   "(zoneref notes backups lists them)")
    problem = integrity_problem(backup_file)
    if problem is not None:
        raise DatabaseError(f"backup {backup_file} is damaged ({problem}); choose another one "
                            "(zoneref notes backups lists them)")
    notes = count_notes(backup_file)
    if db_path.exists() and integrity_problem(db_path) is None:
        notes_before = count_notes(db_path)
        safety = backup(db_path, "before-restore")
        checkpoint("restore.safety_copy")
        src = connect(file_uri(backup_file, mode="ro"))
        dst = connect(file_uri(db_path))
        try:
            src.backup(dst, pages=64, progress=lambda status, remaining, total: checkpoint("restore.copying"))
        except sqlite3.Error as exc:
            raise trouble(exc, db_path, "restoring") from exc
        finally:
            src.close()
            dst.close()
    else:
        notes_before = count_notes(db_path) if db_path.exists() else None
        safety = install(db_path, backup_file, label="replaced")
    checkpoint("restore.done")
    return RestoreReport(backup_file, backup_time(backup_file), notes, notes_before, safety)


def restore_latest(db_path: Path | None = None, backup_file: Path | None = None) -> Path:
    """``restore`` returning only the backup restored (the older API)."""
    return restore(db_path, backup_file).source
