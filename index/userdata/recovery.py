"""A damaged notes database: found, repaired from a backup, kept aside; notes recovered from any file.

``check_and_recover`` runs when the database is opened. It decides between
*damage* and *trouble* (``database.trouble``): only a failed integrity check
or a file that is not a database is damage, and only when a copy of the
file made away from its ``-shm`` fails too (a stale shared-memory index, or
a ``-wal`` another program removed, is not the file's fault). Then:

1. the replacement is built first, beside the file: the newest backup that
   passes the integrity check, or, with no good backup, a fresh database
   holding every row still readable in the damaged one (``salvage``);
2. only when that copy is complete and verified is the damaged file (with
   its ``-wal`` and ``-shm``) copied aside, as ``zoneref.db.damaged-<time>``;
3. the replacement is renamed over the live file (atomic), and the report
   names both files, the notes brought back and the backup's time.

A crash at any step leaves either the damaged file (checked again at the
next start) or the restored one, never no database. ``recover_file`` merges
the notes of any ZoneRef database file (a set-aside file, a backup, a copy
from another computer) into the current one: ``zoneref notes recover FILE``.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from index.base.faults import checkpoint
from index.userdata.backups import backup, backup_time, count_notes, good_backups
from index.userdata.connection import connect, default_path, file_uri, transaction, wrap
from index.userdata.dbfile import (
    SIDE_FILES,
    copy_database,
    install,
    integrity_problem,
    remove_with_side_files,
)
from index.userdata.schema import identity_problem, migrate
from index.userdata.troubles import (
    DatabaseDamagedError,
    DatabaseError,
    NotNotesDatabaseError,
    is_damage,
    trouble,
)

log = logging.getLogger(__name__)



@dataclasses.dataclass(frozen=True)
class RecoveryReport:
    """What ``check_and_recover`` did to a damaged database, for the user to read.

    Attributes:
        path: the database file.
        problem: why it was rejected (SQLite's message or integrity_check output).
        moved_to: where the damaged file was kept (never deleted).
        restored_from: the backup copied in its place; ``None`` if no good
            backup existed and the rows still readable were salvaged into a
            fresh database instead.
        backup_time: when that backup was taken (ISO 8601 UTC); changes made
            after it can be merged back from ``moved_to`` with
            ``zoneref notes recover``.
        notes: how many notes the database holds now.
    """

    path: Path
    problem: str
    moved_to: Path
    restored_from: Path | None
    backup_time: str | None
    notes: int | None = None
    code: str = "db_recovered"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "path": str(self.path),
            "problem": self.problem,
            "moved_to": str(self.moved_to),
            "restored_from": str(self.restored_from) if self.restored_from else None,
            "backup_time": self.backup_time,
            "notes": self.notes,
        }


_last_report: RecoveryReport | None = None


def take_recovery_report() -> RecoveryReport | None:
    """The report of the last recovery done by ``open_db`` in this process, then forget it.

    The GUI calls this once after opening the database and tells the user.
    """
    global _last_report
    report, _last_report = _last_report, None
    return report


def _file_itself_damaged(path: Path) -> bool:
    """Whether a private copy of the file (and its -wal, without its -shm) is damaged too.

    The live check runs through the ``-shm`` index other processes share;
    a stale index, or a ``-wal`` removed under a running process, fails it
    while the file is sound. A copy no other process touches tells.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="zoneref-check-") as tmp:
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            wal = Path(f"{path}-wal")
            if wal.exists():
                shutil.copyfile(wal, Path(f"{copy}-wal"))
            try:
                return integrity_problem(copy) is not None
            except DatabaseError:
                return True  # the copy cannot even be opened: the bytes are bad
    except OSError as exc:  # no room for a copy: go by the live check
        log.warning("cannot copy %s to double-check it: %s", path, exc)
        return True


def check_and_recover(path: Path | None = None) -> RecoveryReport | None:
    """At start: if the database is damaged, restore it (backup, else salvage) and then keep the damaged file aside.

    Args:
        path: the database file; default ``<user_home>/zoneref.db``.

    Returns:
        ``None`` if the file is missing (a fresh start) or healthy, else a
        report of what was done (also kept for ``take_recovery_report``).

    Raises:
        DatabaseError: trouble, not damage (locked, unreadable, full disk,
            I/O error), or damage that cannot be repaired now (no room for
            the repaired copy): the file is left exactly as it was.
    """
    global _last_report
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return None
    problem = integrity_problem(path)
    if problem is None:
        problem = _not_the_notes(path)
        if problem is None:
            return None
    elif not _file_itself_damaged(path):
        raise trouble(sqlite3.OperationalError(f"disk I/O error ({problem})"), path, "checking")
    log.warning("user database %s is damaged (%s); recovering", path, problem)
    restoring = path.with_name(path.name + ".restoring")
    good = good_backups(path)
    try:
        if good:
            copy_database(good[0], restoring)
            source: Path | None = good[0]
        else:
            salvage(path, restoring)
            source = None
        bad = integrity_problem(restoring)
        if bad is not None:
            raise DatabaseDamagedError(f"the repaired copy of {path} did not verify ({bad})")
    except DatabaseError as exc:
        remove_with_side_files(restoring)
        raise DatabaseDamagedError(f"{path} is damaged ({problem}) and could not be repaired now: {exc}. It was "
                                   "left as it is; fix the cause and start ZoneRef again") from exc
    checkpoint("recover.restored_copy")
    moved = install(path, restoring, label="damaged", built=True)
    report = RecoveryReport(path, problem, moved, source, backup_time(source) if source else None,
                            count_notes(path))
    _last_report = report
    return report


def _not_the_notes(path: Path) -> str | None:
    """Why a sound SQLite file in the notes database's place is to be treated as damage, or None.

    Another program's database is (it is set aside, never written into). An empty file or database is when
    backups exist: the notes were there, and the file was emptied (a crash, a full disk, a sync tool); opened
    as it is, it would become a new empty database, and every note after it would push a backup that holds
    the old notes out of rotation. With no backup it is a first start. A newer ZoneRef's file is not damage
    (``schema.migrate`` says so)."""
    found = identity_problem(path)
    if found is None:
        return None
    kind, what = found
    if kind == "foreign" or (kind == "empty" and good_backups(path)):
        return what
    return None


# -- rows from a (possibly damaged) file ------------------------------------------------------
# The user's tables, parents before children (annotation_tags refers to both).
TABLES = ("tags", "annotations", "annotation_tags", "bookmarks", "pins", "comparison_sets")
_CHUNK = 500


def read_rows(path: Path) -> dict[str, list[dict]]:
    """Every row still readable in each user table of a ZoneRef database file, damaged or not.

    A table whose pages are damaged is read in rowid ranges, then row by
    row, so one bad page costs its own rows only.

    Raises:
        DatabaseError: the file cannot be opened as a database at all.
    """
    path = Path(path)
    try:
        conn = connect(file_uri(path, mode="ro"))
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise DatabaseDamagedError(f"{path} is not a ZoneRef notes database, or too damaged to read ({exc})") from exc
        raise trouble(exc, path, "reading") from exc
    conn.row_factory = sqlite3.Row
    try:
        return {table: _table_rows(conn, table) for table in TABLES}
    finally:
        conn.close()


def _table_rows(conn: sqlite3.Connection, table: str) -> list[dict]:
    try:
        return [dict(r) for r in conn.execute(f"SELECT rowid AS _rowid_, * FROM [{table}]")]
    except sqlite3.Error:
        pass
    try:
        top = conn.execute(f"SELECT max(rowid) FROM [{table}]").fetchone()[0] or 0
    except sqlite3.Error:
        return []  # not even its last page: nothing to read
    rows: list[dict] = []
    for low in range(0, top + 1, _CHUNK):
        try:
            rows += [dict(r) for r in conn.execute(f"SELECT rowid AS _rowid_, * FROM [{table}] "
                                                   "WHERE rowid BETWEEN ? AND ?", (low, low + _CHUNK - 1))]
        except sqlite3.Error:
            for rowid in range(low, low + _CHUNK):
                try:
                    rows += [dict(r) for r in conn.execute(f"SELECT rowid AS _rowid_, * FROM [{table}] "
                                                           "WHERE rowid = ?", (rowid,))]
                except sqlite3.Error:
                    continue
    return rows


def salvage(damaged: Path, target: Path) -> int:
    """Build a fresh database at ``target`` holding every row still readable in ``damaged``.

    Returns:
        How many notes were saved (0 for a file that is not a database at all).
    """
    try:
        rows = read_rows(damaged)
    except DatabaseDamagedError:
        rows = {table: [] for table in TABLES}  # nothing readable: a fresh, empty database
    conn = sqlite3.connect(str(target), isolation_level=None)
    db = wrap(conn)
    try:
        migrate(db)
        with transaction(db):
            for table in TABLES:
                columns = {c.name for c in db[table].columns}
                for row in rows[table]:
                    kept = {k: v for k, v in row.items() if k in columns}
                    names = ", ".join(f"[{k}]" for k in kept)
                    marks = ", ".join("?" for _ in kept)
                    db.execute(f"INSERT OR IGNORE INTO [{table}] ({names}) VALUES ({marks})", list(kept.values()))
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        raise trouble(exc, target.parent, "writing a repaired copy into") from exc
    finally:
        conn.close()
    return len(rows["annotations"])


# -- merging a file's notes into the database -----------------------------------------------
@dataclasses.dataclass(frozen=True)
class MergeReport:
    """What ``recover_file`` brought into the database.

    Attributes:
        file: the file read.
        added / updated / unchanged: notes new to the database, newer in the
            file than in the database, and the same or older.
        bookmarks, pins, sets: bookmarks, pinned decisions and comparison
            sets added or updated.
        safety_copy: the backup taken before merging.
        docs: documents whose notes changed (to re-place them).
    """

    file: Path
    added: int
    updated: int
    unchanged: int
    bookmarks: int
    pins: int
    sets: int
    safety_copy: Path | None
    docs: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"file": str(self.file), "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "bookmarks": self.bookmarks, "pins": self.pins, "sets": self.sets,
                "safety_copy": str(self.safety_copy) if self.safety_copy else None}


_NOTE_COLUMNS = ("uuid", "doc_id", "clause_id", "quote", "prefix", "suffix", "start", "end", "color", "note",
                 "created", "updated", "orphan", "anchored_hash", "search_text")


def recover_file(db: sqlite_utils.Database, db_path: Path, file: Path) -> MergeReport:
    """Merge the notes, bookmarks, pins and saved sets of a ZoneRef database file into ``db``.

    The file may be damaged (its readable rows are used), a set-aside file,
    a backup or a copy from another computer. A note new to the database is
    added; one the database has is replaced only if the file's copy is newer
    (``updated``); nothing is ever deleted. The database is backed up first
    (``before_recover``) and the merge is one transaction.

    Raises:
        NotNotesDatabaseError: the file is not a ZoneRef notes database (another program's, an empty one, not
            SQLite at all); nothing was changed.
        DatabaseError: the file cannot be read at all, or the database cannot be written.
    """
    file = Path(file)
    if not file.is_file():
        raise DatabaseError(f"no such file: {file}")
    if file.resolve() == Path(db_path).resolve():
        raise DatabaseError(f"{file} is the notes database itself; choose a backup or a set-aside copy")
    found = identity_problem(file)  # a newer ZoneRef's copy is merged: its rows are read by column name
    if found is not None and found[0] != "newer":
        raise NotNotesDatabaseError(f"{file} has no notes to merge: {found[1]}")
    rows = read_rows(file)
    safety = backup(db_path, "before-recover", db=db)
    checkpoint("merge.safety_copy")
    added = updated = unchanged = 0
    docs: set[str] = set()
    tag_names = {r["id"]: r["name"] for r in rows["tags"] if "id" in r and "name" in r}
    tags_of: dict[int, list[str]] = {}
    for link in rows["annotation_tags"]:
        name = tag_names.get(link.get("tag_id"))
        if name:
            tags_of.setdefault(link.get("annotation_id"), []).append(name)
    with transaction(db):
        for note in rows["annotations"]:
            if not note.get("uuid") or not note.get("updated"):
                continue
            current = db.execute("SELECT id, updated FROM annotations WHERE uuid = ?", (note["uuid"],)).fetchone()
            if current is not None and note["updated"] <= current[1]:
                unchanged += 1
                continue
            values = [note.get(c) for c in _NOTE_COLUMNS]
            if current is None:
                names = ", ".join(f'"{c}"' for c in _NOTE_COLUMNS)
                cursor = db.execute(f"INSERT INTO annotations ({names}) VALUES ({', '.join('?' * len(values))})",
                                    values)
                target_id = cursor.lastrowid
                added += 1
            else:
                target_id = current[0]
                sets_sql = ", ".join(f'"{c}" = ?' for c in _NOTE_COLUMNS[1:])
                db.execute(f"UPDATE annotations SET {sets_sql} WHERE id = ?", [*values[1:], target_id])
                db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (target_id,))
                updated += 1
            for name in dict.fromkeys(tags_of.get(note.get("id"), [])):
                db.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
                tag_id = db.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
                db.execute("INSERT OR IGNORE INTO annotation_tags VALUES (?, ?)", (target_id, tag_id))
            docs.add(note.get("doc_id") or "")
        merged = {table: _merge_rows(db, table, rows[table]) for table in _MERGED}
    docs.discard("")
    return MergeReport(file, added, updated, unchanged, merged["bookmarks"], merged["pins"], merged["comparison_sets"],
                       safety, tuple(sorted(docs)))


# How the other tables merge: (insert verb, columns, conflict clause, columns a row must have). A pin or a
# saved set replaces the database's only when it was updated later; a bookmark is kept once.
_MERGED = {
    "bookmarks": ("INSERT OR IGNORE", ("clause_id", "doc_id", "created"), "", ("clause_id", "doc_id")),
    "pins": ("INSERT", ("source_clause_id", "doc_id", "clause_id", "decision", "updated"),
             "ON CONFLICT(source_clause_id, doc_id) DO UPDATE SET clause_id = excluded.clause_id, "
             "decision = excluded.decision, updated = excluded.updated WHERE excluded.updated > pins.updated", ()),
    "comparison_sets": ("INSERT", ("name", "payload", "created", "updated"),
                        "ON CONFLICT(name) DO UPDATE SET payload = excluded.payload, updated = excluded.updated "
                        "WHERE excluded.updated > comparison_sets.updated", ()),
}


def _merge_rows(db: sqlite3.Connection, table: str, rows: list[dict]) -> int:
    """Insert or update ``rows`` of one of the ``_MERGED`` tables; how many rows changed."""
    verb, columns, conflict, required = _MERGED[table]
    sql = f"{verb} INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) {conflict}"
    changed = 0
    for row in rows:
        if all(row.get(c) for c in required):
            values = [(row.get(c) or "") if c in ("created", "updated") else row.get(c) for c in columns]
            changed += db.execute(sql, values).rowcount
    return changed


def set_aside_files(db_path: Path | None = None) -> list[Path]:
    """Database files kept aside by a recovery or a restore (``zoneref.db.damaged-…``), newest first."""
    db_path = Path(db_path) if db_path is not None else default_path()
    found = [p for p in db_path.parent.glob(f"{db_path.name}.*-*")
             if not p.name.endswith(SIDE_FILES) and (".damaged-" in p.name or ".replaced-" in p.name)]
    return sorted(found, key=lambda p: p.name.rsplit("-", 1)[-1], reverse=True)
