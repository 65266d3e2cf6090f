"""One connection to the user database: where the file is, how it is opened, how every write runs.

The connection runs in autocommit mode (``isolation_level=None``): a stray
statement outside ``transaction()`` commits at once instead of silently
opening a transaction that would hold the write lock. sqlite-utils' table
methods use savepoints when called inside ``transaction()``. Each connection
``database.open_db`` opens has a ``_State`` (its file, whether it is
read-only, changes since its last backup); what happens after enough changes
is a hook the opener sets, so this module knows nothing of backups.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import random
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.base import paths
from index.userdata.troubles import DatabaseError, is_locked, trouble

if TYPE_CHECKING:  # loaded by wrap(): a read (schema.peek) goes without it
    import sqlite_utils

log = logging.getLogger(__name__)

DB_NAME = "zoneref.db"
BUSY_TIMEOUT_MS = 10_000
# How many times a write tries for another process's lock (``retry_locked``), each waiting the busy timeout:
# 8 × 10 s and the back-off, ~87 s in all.
LOCK_ATTEMPTS = 8
# A backup after this many committed changes (write transactions) through one connection.
BACKUP_EVERY = 50


# -- per connection: read-only, changes since the last backup ----------------------------
@dataclasses.dataclass
class _State:
    path: Path
    read_only: DatabaseError | None = None
    changes: int = 0  # committed write transactions since the last backup of this connection
    # Called after a commit once ``changes`` reaches BACKUP_EVERY (``database`` backs up there);
    # a module function, so that the state holds no reference to its connection.
    after_changes: Callable[[sqlite_utils.Database, _State], None] | None = None
    lock_attempts: int = LOCK_ATTEMPTS  # tries for another process's lock (1 after ``wait_briefly``)


_states: weakref.WeakKeyDictionary[sqlite_utils.Database, _State] = weakref.WeakKeyDictionary()


def wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """``conn`` as a ``sqlite_utils.Database``, without sqlite-utils' plugins: ZoneRef uses none, and looking
    for them reads every installed package's entry points (importlib.metadata: ~20 ms of each command that
    opens the database)."""
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False)


def read_only_reason(db: sqlite_utils.Database) -> DatabaseError | None:
    """Why an open database was opened read-only (None: it is writable)."""
    state = _states.get(db)
    return state.read_only if state else None


def db_path(db: sqlite_utils.Database) -> Path | None:
    """The file an open database is (None for one ``open_db`` did not open)."""
    state = _states.get(db)
    return state.path if state else None


def default_path() -> Path:
    return paths.user_home() / DB_NAME


def connect(uri: str, **kwargs) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, **kwargs)


def file_uri(path: Path, **params: str) -> str:
    from urllib.parse import quote

    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path))}" + (f"?{query}" if query else "")


# -- transactions ----------------------------------------------------------
def wait_briefly(db: sqlite_utils.Database, seconds: float) -> None:
    """Every write through ``db`` waits about ``seconds`` for a lock another process holds, once, then raises
    (``DatabaseBusyError``). For the connection of the window's thread: the whole wait (~87 s measured) froze the
    window while another program held the database; refused, the window says so and the user (or an autosave)
    tries again."""
    db.conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
    state = _states.get(db)
    if state is not None:
        state.lock_attempts = 1


def retry_locked(fn, attempts: int = LOCK_ATTEMPTS):
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
    attempts = state.lock_attempts if state is not None else LOCK_ATTEMPTS
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
        retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"), attempts)
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
        retry_locked(lambda: conn.execute("COMMIT"), attempts)
    except sqlite3.Error as exc:
        _rollback(conn)
        raise trouble(exc, path, "saving to") from exc
    except BaseException:
        _rollback(conn)
        raise
    if state is not None:
        state.changes += 1
        if state.changes >= BACKUP_EVERY and state.after_changes is not None:
            state.after_changes(db, state)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # SQLite rolls back by itself when the journal cannot be written
            log.warning("rollback failed: %s", exc)
