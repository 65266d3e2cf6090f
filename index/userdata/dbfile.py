"""A user database as a file on disk: is it sound, its time stamps, putting a replacement in its place.

``backups`` and ``recovery`` both build on this; it knows neither.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from pathlib import Path

from index.base.clock import utc_iso
from index.base.durable import fsync_dir, fsync_file, replace
from index.base.faults import checkpoint
from index.userdata.connection import connect, file_uri
from index.userdata.troubles import is_damage, trouble

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm")


def stamp(now: dt.datetime | None = None) -> str:
    """Now (or ``now``) as file names carry it: ``20261201T073513050073Z``."""
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def stamp_time(stamp: str) -> str | None:
    """A file name's time stamp (``20261201T073513050073Z``) as ISO 8601 UTC, or None."""
    try:
        when = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return utc_iso(when)



def integrity_problem(path: Path) -> str | None:
    """``None`` if the file is a healthy SQLite database, else what is wrong with it (damage only).

    Raises:
        DatabaseError: a typed error for trouble that is not damage (the
            file locked, unreadable, a disk I/O error, a full disk); the
            file is not touched.
    """
    path = Path(path)
    try:
        conn = connect(file_uri(path, mode="ro"))
    except sqlite3.Error as exc:
        if is_damage(exc):
            return str(exc)
        raise trouble(exc, path, "opening") from exc
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        if is_damage(exc):
            return str(exc)
        raise trouble(exc, path, "checking") from exc
    finally:
        conn.close()
    messages = [r[0] for r in rows]
    return None if messages == ["ok"] else "; ".join(messages[:5])


def install(path: Path, replacement: Path, label: str, built: bool = False) -> Path:
    """Put ``replacement`` in place of ``path``, keeping the old file (and its -wal, -shm) aside first.

    Args:
        path: the live database file.
        replacement: a sound database file (a backup, or a copy built beside ``path``).
        label: the set-aside name's word (``damaged``, ``replaced``).
        built: ``replacement`` is ours to move (else it is copied first).

    Returns:
        Where the old file was kept (``<path>.<label>-<time>``).

    Raises:
        DatabaseError: typed trouble (a full disk …); the live file is unchanged.
    """
    path = Path(path)
    if not built:
        staged = path.with_name(path.name + ".restoring")
        copy_database(replacement, staged)
        replacement = staged
    moved = path.with_name(f"{path.name}.{label}-{stamp()}")
    try:
        # Copies, not renames: until the last step the live name always holds a file.
        if path.exists():
            copy_durably(path, moved)
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                copy_durably(side, Path(f"{moved}{suffix}"))
    except OSError as exc:
        for leftover in (moved, *(Path(f"{moved}{s}") for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)
        remove_with_side_files(replacement)
        raise trouble(exc, path.parent, "keeping a copy of the database in") from exc
    checkpoint("recover.set_aside")
    try:
        # A stale WAL replayed over the new file would damage it again.
        for suffix in SIDE_FILES:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        # Windows refuses both while another ZoneRef has the database open: tried again a moment, then typed.
        replace(replacement, path, says=None)
    except OSError as exc:
        remove_with_side_files(replacement)  # the set-aside copy stays: it may hold a -wal removed just now
        raise trouble(exc, path, "replacing") from exc
    fsync_dir(path.parent)
    checkpoint("recover.replaced")
    return moved


def copy_durably(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    fsync_file(dst)


def copy_database(src_path: Path, dst_path: Path) -> None:
    """A consistent copy of a sound database into a new file (typed trouble on failure)."""
    remove_with_side_files(dst_path)
    try:
        src = connect(file_uri(src_path, mode="ro"))
        try:
            dst = sqlite3.connect(str(dst_path))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        remove_with_side_files(dst_path)
        raise trouble(exc, dst_path.parent, "writing a copy of the database into") from exc


def remove_with_side_files(path: Path) -> None:
    for name in (str(path), *(f"{path}{s}" for s in ("-journal", *SIDE_FILES))):
        Path(name).unlink(missing_ok=True)
