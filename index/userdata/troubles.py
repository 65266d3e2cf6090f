"""What can go wrong with the user database file, as typed errors that say what to do.

``trouble(exc)`` turns an ``sqlite3`` error (or an ``OSError`` from handling
the files) into a ``DatabaseError`` subclass by SQLite's result code (and,
for errors made without one, its message): a full disk, a read-only file or
folder, an I/O error, a lock. ``is_damage(exc)`` is true only for a corrupt
file or one that is not a database: the one case ``recovery`` repairs. The
messages are the CLI's text; the GUI picks a translated sentence by ``code``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from index.base.errors import KnownError


# -- errors: trouble, with what to do ------------------------------------------
class DatabaseError(KnownError, code="database"):
    """The user database cannot be used as asked; the message says why and what to do."""


class DatabaseNewerError(DatabaseError, code="database_newer"):
    """The file was written by a newer ZoneRef; refusing to touch it."""


class DatabaseBusyError(DatabaseError, code="database_busy"):
    """Another process held the database's lock for longer than the busy timeout."""


class DatabaseFullError(DatabaseError, code="database_full"):
    """The disk holding the database is full."""


class DatabaseReadOnlyError(DatabaseError, code="database_read_only"):
    """The database file or its folder cannot be written."""


class DatabaseIOError(DatabaseError, code="database_io"):
    """The disk (or another program meddling with the database's files) made SQLite fail to read or write."""


class DatabaseDamagedError(DatabaseError, code="database_damaged"):
    """The file is damaged and could not be repaired now; it was left in place."""


class NotNotesDatabaseError(DatabaseError, code="not_notes_database"):
    """A file given to merge or restore from is no ZoneRef notes database (another program's, an empty one, not
    SQLite at all); the user's notes are not touched."""


# SQLite's primary result codes (https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26
_BY_TEXT = (("database is locked", _BUSY), ("database table is locked", _LOCKED), ("busy", _BUSY),
            ("disk is full", _FULL), ("readonly", _READONLY), ("read-only", _READONLY),
            ("disk i/o error", _IOERR), ("malformed", _CORRUPT), ("not a database", _NOTADB),
            ("unable to open", _CANTOPEN))
# Less free space than this on the database's disk: an I/O error is the disk being full.
_NEARLY_FULL = 1024 * 1024


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    return next((c for words, c in _BY_TEXT if words in text), None)


def is_locked(exc: BaseException) -> bool:
    """Whether an sqlite3 error is another connection holding a lock (retry, or report as busy)."""
    return _primary_code(exc) in (_BUSY, _LOCKED)


def is_damage(exc: BaseException) -> bool:
    """Whether an sqlite3 error says the file itself is corrupt or not a database (and nothing else)."""
    return isinstance(exc, sqlite3.DatabaseError) and _primary_code(exc) in (_CORRUPT, _NOTADB)


# Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: the file is open in another process. Python makes
# both errno EACCES, which alone reads as a read-only file.
_WIN_IN_USE = (32, 33)


def _in_use(exc: OSError) -> bool:
    """Whether Windows refused ``exc``'s file because another process has it open (or the error it came from)."""
    return any(getattr(e, "winerror", None) in _WIN_IN_USE for e in (exc, exc.__cause__, exc.__context__))


def trouble(exc: BaseException, path: Path | None = None, doing: str = "using") -> DatabaseError:
    """The typed error for an sqlite3 error that is not damage (or an ``OSError`` handling the files).

    Args:
        exc: the error.
        path: the database file (or folder), named in the message.
        doing: what was being done (``"saving to"``, ``"opening"`` …).

    Returns:
        A ``DatabaseError`` subclass whose message says what happened and
        what to do (plain ``DatabaseError`` for an error of no known kind).
    """
    where = str(path) if path is not None else "the notes database"
    detail = str(exc)
    if isinstance(exc, OSError):
        code = {28: _FULL, 30: _READONLY, 13: _READONLY, 1: _READONLY}.get(exc.errno or 0, _IOERR)
        if _in_use(exc):
            code = _BUSY  # Windows: another process has the file open (EACCES too, but not read-only)
        detail = exc.strerror or detail
    else:
        code = _primary_code(exc)
    if code == _IOERR and path is not None and _free_space(path) < _NEARLY_FULL:
        code = _FULL  # SQLite reports a full disk while growing its -shm as an I/O error
    if code == _CANTOPEN and path is not None and not _writable(Path(path)):
        code = _READONLY  # it cannot create its -wal/-shm beside the file
    kept = "Your notes were left as they are."
    if code == _FULL:
        return DatabaseFullError(f"the disk holding {where} is full ({doing} failed: {detail}): free some space, "
                                 f"then try again. {kept}")
    if code in (_READONLY, _PERM):
        return DatabaseReadOnlyError(f"{where} cannot be written ({detail}): the file, its folder or the disk is "
                                     "read-only. Check its permissions (or move the ZoneRef data folder, "
                                     f"ZONEREF_HOME, somewhere writable) and try again. {kept} ZoneRef can show "
                                     "them meanwhile but not change them.")
    if code in (_BUSY, _LOCKED):
        return DatabaseBusyError(f"{where} is locked by another program ({detail}): close the other ZoneRef "
                                 f"windows or commands using it, then try again. {kept}")
    if code == _IOERR:
        return DatabaseIOError(f"the disk reported an error while {doing} {where} ({detail}): check the disk, and "
                               "that no other program removed or changed ZoneRef's files (zoneref.db-wal, "
                               "zoneref.db-shm) while it was running; close every ZoneRef window and start "
                               f"again. {kept}")
    if code == _CANTOPEN:
        return DatabaseReadOnlyError(f"cannot open {where} ({detail}): check that its folder exists and that you "
                                     f"may read and write it (its permissions). {kept}")
    return DatabaseError(f"{where}: {doing} failed: {detail}. {kept}")


def _writable(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    return os.access(folder, os.W_OK) and (not path.is_file() or os.access(path, os.W_OK))


def _free_space(path: Path) -> int:
    try:
        return shutil.disk_usage(Path(path).parent).free
    except OSError:
        return 1 << 62
