"""The user database: schema, migrations, transactions, backups, recovery."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from index.userdata import database as userdb
from index.userdata import schema


def _schema(db: sqlite_utils.Database) -> list[tuple]:
    return sorted(db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())


def _add_pin(db, source="a/c1", doc="b", clause="b/c1"):
    with userdb.transaction(db):
        db.execute("INSERT OR REPLACE INTO pins VALUES (?, ?, ?, 'pin', '2026-01-01T00:00:00Z')",
                   (source, doc, clause))


def test_fresh_database_has_contract_tables_and_settings(zoneref_home):
    db = userdb.open_db()
    assert (zoneref_home / "zoneref.db").exists()
    assert userdb.schema_version(db) == userdb.SCHEMA_VERSION
    names = set(db.table_names())
    assert {"annotations", "tags", "annotation_tags", "bookmarks", "pins", "comparison_sets"} <= names
    assert [c.name for c in db["pins"].columns] == ["source_clause_id", "doc_id", "clause_id", "decision", "updated"]
    assert db["pins"].pks == ["source_clause_id", "doc_id"]
    assert [c.name for c in db["comparison_sets"].columns] == ["name", "payload", "created", "updated"]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO pins VALUES ('a', 'b', NULL, 'maybe', 'now')")


def test_upgrade_from_empty_file_version_zero(tmp_path):
    path = tmp_path / "zoneref.db"
    path.touch()
    db = userdb.open_db(path)
    assert userdb.schema_version(db) == userdb.SCHEMA_VERSION
    assert "annotations" in db.table_names()


@pytest.mark.parametrize("start", range(1, userdb.SCHEMA_VERSION + 1))
def test_upgrade_from_every_older_version_matches_fresh(tmp_path, start):
    old = sqlite_utils.Database(sqlite3.connect(str(tmp_path / "old.db"), isolation_level=None))
    userdb.migrate(old, None, target=start)
    assert userdb.schema_version(old) == start
    _add_pin(old)
    old.close()
    upgraded = userdb.open_db(tmp_path / "old.db")
    fresh = userdb.open_db(tmp_path / "fresh.db")
    assert _schema(upgraded) == _schema(fresh)
    assert upgraded.execute("SELECT clause_id FROM pins").fetchall() == [("b/c1",)]
    if start < userdb.SCHEMA_VERSION:
        assert any(f"before-v{start + 1}" in b.name for b in userdb.backups(tmp_path / "old.db"))


def _with_step_two(monkeypatch, statements):
    steps = dict(userdb.MIGRATIONS)
    steps[userdb.SCHEMA_VERSION + 1] = statements
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", max(steps))


def test_next_step_backs_up_first_and_migrates(zoneref_home, monkeypatch):
    db = userdb.open_db()
    _add_pin(db)
    db.close()
    old_version = userdb.SCHEMA_VERSION
    _with_step_two(monkeypatch, ("CREATE TABLE extra (x TEXT)", "INSERT INTO extra VALUES ('moved')"))
    db = userdb.open_db()
    assert userdb.schema_version(db) == old_version + 1
    assert db.execute("SELECT x FROM extra").fetchall() == [("moved",)]
    before = [b for b in userdb.backups() if f"before_v{old_version + 1}" in b.name]
    assert len(before) == 1
    snap = sqlite3.connect(str(before[0]))
    assert snap.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert snap.execute("SELECT count(*) FROM pins").fetchone()[0] == 1
    snap.close()


def test_failed_step_rolls_back_whole(zoneref_home, monkeypatch):
    userdb.open_db().close()
    old_version = userdb.SCHEMA_VERSION
    _with_step_two(monkeypatch, ("CREATE TABLE extra (x TEXT)", "THIS IS NOT SQL"))
    with pytest.raises(userdb.BugError):
        userdb.open_db()
    conn = sqlite3.connect(str(zoneref_home / "zoneref.db"))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "zoneref.db"
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {userdb.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(userdb.DatabaseNewerError):
        userdb.open_db(path)


def test_transaction_rolls_back_everything_on_error():
    db = userdb.open_db()
    with pytest.raises(RuntimeError), userdb.transaction(db):
        db.execute("INSERT INTO bookmarks VALUES ('x/c1', 'x', 'now')")
        with userdb.transaction(db):
            db["pins"].insert({"source_clause_id": "a", "doc_id": "b", "clause_id": None,
                               "decision": "none", "updated": "now"})
        raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM pins").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_a_write_made_where_the_user_waits_tries_for_a_held_lock_once_and_briefly(zoneref_home):
    """Another program holding the database made a write wait 8 × the 10 s busy timeout and the back-off (86.9 s
    measured), all on the window's thread: a connection set to ``wait_briefly`` tries once, for the time given."""
    from index.userdata.connection import default_path, wait_briefly
    from index.userdata.troubles import DatabaseBusyError

    db = userdb.open_db()
    wait_briefly(db, 0.05)
    other = sqlite3.connect(str(default_path()), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other program's write, not finished
    began = []
    db.conn.set_trace_callback(lambda sql: began.append(sql) if sql.startswith("BEGIN") else None)
    try:
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 50
        with pytest.raises(DatabaseBusyError):
            _add_pin(db)
        assert began == ["BEGIN IMMEDIATE"]  # once, not 8 times
    finally:
        db.conn.set_trace_callback(None)
        other.execute("ROLLBACK")
        other.close()
    _add_pin(db)  # and the write goes through once the other program lets go
    assert db.execute("SELECT count(*) FROM pins").fetchone()[0] == 1


def test_nested_failure_rolls_back_only_inner():
    db = userdb.open_db()
    with userdb.transaction(db):
        db.execute("INSERT INTO bookmarks VALUES ('x/c1', 'x', 'now')")
        with pytest.raises(RuntimeError), userdb.transaction(db):
            db.execute("INSERT INTO bookmarks VALUES ('x/c2', 'x', 'now')")
            raise RuntimeError("inner")
    assert db.execute("SELECT clause_id FROM bookmarks").fetchall() == [("x/c1",)]


def test_daily_backup_only_with_user_data_and_once_a_day(zoneref_home):
    db = userdb.open_db()
    assert userdb.backups() == []  # nothing worth keeping yet
    _add_pin(db)
    db.close()
    userdb.open_db().close()
    first = userdb.backups()
    assert len(first) == 1 and first[0].name.endswith("-daily.db")
    userdb.open_db().close()
    assert userdb.backups() == first


def test_backup_rotation_keeps_newest_of_each_reason(zoneref_home):
    db = userdb.open_db()
    _add_pin(db)
    daily = userdb.backup(reason="daily", db=db)
    made = [userdb.backup(reason="exit", db=db, keep=3) for i in range(5)]
    # A burst of one kind never rotates another kind away.
    assert userdb.backups() == [*made[::-1][:3], daily]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed_header"])
def test_damaged_database_is_moved_aside_and_restored(zoneref_home, damage):
    db = userdb.open_db()
    for i in range(200):  # enough pages that truncation hits data
        _add_pin(db, source=f"a/c{i}", clause="b/" + "x" * 200)
    good = userdb.backup(reason="manual", db=db)
    _add_pin(db, source="after/backup")
    db.close()
    path = zoneref_home / "zoneref.db"
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all\n" * 100)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(b"\0" * 100 + data[100:])
    for side in ("zoneref.db-wal", "zoneref.db-shm"):
        (zoneref_home / side).unlink(missing_ok=True)

    db = userdb.open_db()
    report = userdb.take_recovery_report()
    assert report is not None
    assert report.restored_from == good
    assert report.moved_to.exists() and "damaged" in report.moved_to.name
    assert report.to_dict()["problem"]
    assert db.execute("SELECT count(*) FROM pins").fetchone()[0] == 200
    assert userdb.take_recovery_report() is None


@pytest.mark.parametrize("emptied", ["zero_bytes", "empty_database", "foreign_database"])
def test_an_emptied_or_foreign_file_in_place_of_the_notes_is_damage_when_backups_hold_notes(zoneref_home, emptied):
    # A 0-byte zoneref.db (a crash, a full disk, a sync tool) was opened as a new, empty database: the notes
    # vanished without a word, and each new note then pushed a backup holding them out of the rotation.
    db = userdb.open_db()
    _add_pin(db, source="kept")
    good = userdb.backup(reason="manual", db=db)
    db.close()
    path = zoneref_home / "zoneref.db"
    for side in ("zoneref.db-wal", "zoneref.db-shm"):
        (zoneref_home / side).unlink(missing_ok=True)
    path.unlink()
    if emptied == "zero_bytes":
        path.touch()
    else:
        other = sqlite3.connect(path)
        if emptied == "foreign_database":
            other.execute("CREATE TABLE x (y)")
        other.execute("VACUUM")
        other.close()
    db = userdb.open_db()
    report = userdb.take_recovery_report()
    assert report is not None and report.restored_from == good
    assert ("empty" in report.problem) == (emptied != "foreign_database")
    assert db.execute("SELECT source_clause_id FROM pins").fetchall() == [("kept",)]
    assert report.moved_to.exists()


@pytest.mark.parametrize("emptied", ["zero_bytes", "empty_database"])
def test_an_empty_file_with_no_backup_is_a_first_start(zoneref_home, emptied):
    path = zoneref_home / "zoneref.db"
    if emptied == "zero_bytes":
        path.touch()
    else:
        sqlite3.connect(path).execute("VACUUM")
    db = userdb.open_db()
    assert userdb.take_recovery_report() is None and "annotations" in db.table_names()


def test_a_foreign_database_with_no_backup_is_kept_aside_not_written_into(zoneref_home):
    path = zoneref_home / "zoneref.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE accounts (name)")
    other.execute("INSERT INTO accounts VALUES ('theirs')")
    other.commit()
    other.close()
    db = userdb.open_db()
    report = userdb.take_recovery_report()
    assert report.restored_from is None and "not a ZoneRef notes database" in report.problem
    assert sqlite3.connect(report.moved_to).execute("SELECT name FROM accounts").fetchall() == [("theirs",)]
    assert "accounts" not in db.table_names()


@pytest.mark.parametrize("made", ["foreign", "newer", "empty", "text"])
def test_restore_refuses_a_file_that_is_not_a_notes_database_this_zoneref_reads(zoneref_home, tmp_path, made):
    # Any SQLite file was put in place of the notes; a newer ZoneRef's locked every notes command out.
    db = userdb.open_db()
    _add_pin(db, source="mine")
    candidate = tmp_path / "candidate.db"
    if made == "newer":
        userdb.backup(reason="manual", db=db).rename(candidate)
        with sqlite3.connect(candidate) as conn:
            conn.execute("PRAGMA user_version = 999")
    elif made == "text":  # it was called a damaged backup
        candidate.write_text("hello", encoding="utf-8")
    else:
        with sqlite3.connect(candidate) as conn:
            conn.execute("CREATE TABLE x (y)" if made == "foreign" else "VACUUM")
    with pytest.raises(userdb.DatabaseError, match="cannot replace your notes"):
        userdb.restore_latest(backup_file=candidate)
    assert db.execute("SELECT source_clause_id FROM pins").fetchall() == [("mine",)]
    assert userdb.schema_version(db) == userdb.SCHEMA_VERSION


@pytest.mark.parametrize("made", ["text", "foreign", "zero_bytes", "empty"])
def test_merging_refuses_a_file_that_is_not_a_notes_database_and_changes_nothing(zoneref_home, tmp_path, made):
    # 选择文件… on such a file said the notes database was damaged (a text file), or merged nothing after taking
    # a backup (another program's database).
    from index.userdata import backups, recovery
    from index.userdata.troubles import NotNotesDatabaseError

    db = userdb.open_db()
    _add_pin(db, source="mine")
    chosen = tmp_path / "chosen.db"
    if made == "text":
        chosen.write_text("hello", encoding="utf-8")
    elif made == "zero_bytes":
        chosen.write_bytes(b"")
    else:
        with sqlite3.connect(chosen) as conn:
            conn.execute("CREATE TABLE x (y)" if made == "foreign" else "VACUUM")
    made_before = backups.backups(zoneref_home / "zoneref.db")
    with pytest.raises(NotNotesDatabaseError, match="not a ZoneRef notes database|no notes to merge"):
        recovery.recover_file(db, zoneref_home / "zoneref.db", chosen)
    assert backups.backups(zoneref_home / "zoneref.db") == made_before  # refused before the safety copy
    assert db.execute("SELECT source_clause_id FROM pins").fetchall() == [("mine",)]


def test_another_copy_of_the_notes_is_still_merged_from(zoneref_home, tmp_path):
    from index.userdata import recovery

    db = userdb.open_db()
    copy = userdb.backup(reason="manual", db=db)
    other = sqlite_utils.Database(copy)
    _add_pin(other, source="theirs")
    other.conn.close()
    report = recovery.recover_file(db, zoneref_home / "zoneref.db", copy)
    assert report.pins == 1


def test_damaged_database_without_backup_starts_fresh_and_keeps_file(zoneref_home):
    path = zoneref_home / "zoneref.db"
    path.write_bytes(b"garbage" * 1000)
    db = userdb.open_db()
    report = userdb.take_recovery_report()
    assert report.restored_from is None
    assert report.moved_to.read_bytes() == b"garbage" * 1000
    assert userdb.schema_version(db) == userdb.SCHEMA_VERSION


def test_damaged_backups_are_skipped(zoneref_home):
    db = userdb.open_db()
    _add_pin(db)
    good = userdb.backup(reason="old", db=db)
    bad = userdb.backup(reason="newer", db=db)
    bad.write_bytes(b"broken")
    db.close()
    (zoneref_home / "zoneref.db").write_bytes(b"broken too")
    userdb.open_db()
    assert userdb.take_recovery_report().restored_from == good


def test_restore_latest_keeps_current_state_as_backup(zoneref_home):
    db = userdb.open_db()
    _add_pin(db, source="one")
    userdb.backup(reason="manual", db=db)
    _add_pin(db, source="two")
    restored = userdb.restore_latest()
    assert "manual" in restored.name
    # The open connection sees the restored contents.
    assert db.execute("SELECT source_clause_id FROM pins").fetchall() == [("one",)]
    pre = [b for b in userdb.backups() if "before_restore" in b.name]
    assert len(pre) == 1
    assert userdb.restore_latest() == restored  # again: the same backup, not the safety copy
    pre = [b for b in userdb.backups() if "before_restore" in b.name]
    userdb.restore_latest(backup_file=pre[-1])  # the oldest safety copy: state before the first restore
    assert sorted(db.execute("SELECT source_clause_id FROM pins").fetchall()) == [("one",), ("two",)]


def test_restore_without_backups_is_a_known_error():
    userdb.open_db()
    with pytest.raises(userdb.DatabaseError):
        userdb.restore_latest()


def test_opening_the_database_does_not_look_for_sqlite_utils_plugins(tmp_path):
    # Looking for them reads every installed package's entry points: ZoneRef uses none.
    code = ("import sys\nfrom pathlib import Path\nfrom index.userdata import database\n"
            "import sqlite_utils.plugins as p\ndb = database.open_db(Path(sys.argv[1]))\n"
            "print(p._plugins_loaded, db.execute('PRAGMA user_version').fetchone()[0] > 0)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "zoneref.db")], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[3]).stdout
    assert out.split() == ["False", "True"]


def test_peek_reads_a_current_database_and_declines_anything_else(tmp_path):
    """``schema.peek`` answers only from a database at this schema version; otherwise None, so that the
    caller opens it with ``open_db`` (which migrates, recovers or explains)."""
    from index.userdata.schema import SCHEMA_VERSION, peek

    def version(conn):
        return conn.execute("PRAGMA user_version").fetchone()[0]

    path = tmp_path / "zoneref.db"
    assert peek(path, version) is None  # missing: nothing is created
    assert not path.exists()
    db = userdb.open_db(path)
    db.conn.close()
    assert peek(path, version) == SCHEMA_VERSION
    assert peek(path, lambda conn: conn.execute("SELECT * FROM no_such_table").fetchall()) is None
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    assert peek(path, version) is None  # an older file is for open_db to migrate
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database" * 100)
    assert peek(garbage, version) is None
    assert garbage.read_bytes() == b"not a database" * 100  # left as it was


def test_a_backup_in_a_folder_named_with_a_hash_is_verified(tmp_path):
    """The copy was checked through ``file:{path}?mode=ro`` unquoted: in a folder like ``C# 资料`` SQLite read
    the name to the "#" and opened (made) an empty database ``C`` beside it, which verified; the copy itself
    was never checked (a damaged one would have been kept as good)."""
    from index.userdata import backups

    tmp_path = tmp_path / "out"  # beside the test's ZONEREF_HOME
    folder = tmp_path / "C# 资料"
    folder.mkdir(parents=True)
    with sqlite3.connect(folder / "zoneref.db") as conn:
        conn.execute("CREATE TABLE annotations (uuid TEXT)")
    conn.close()
    made = backups.backup(folder / "zoneref.db", "manual")
    assert made.parent.parent == folder and sorted(p.name for p in tmp_path.iterdir()) == ["C# 资料"]
    damaged = folder / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert backups._verify(damaged) is not None  # noqa: SLF001
    assert sorted(p.name for p in tmp_path.iterdir()) == ["C# 资料"]


def test_a_database_another_zoneref_holds_open_is_not_replaced_and_says_so(tmp_path, monkeypatch):
    """Windows: a restore or repair over a database another ZoneRef window had open failed with a bare
    PermissionError (no typed error, the staged ``.restoring`` copy left beside it); errno EACCES alone read as
    "read-only" where the file was in use."""
    import os
    import time

    from index.userdata import dbfile
    from index.userdata.troubles import DatabaseBusyError

    tmp_path = tmp_path / "out"  # beside the test's ZONEREF_HOME
    tmp_path.mkdir()
    live, backup = tmp_path / "zoneref.db", tmp_path / "backup.db"
    for path, value in ((live, "live"), (backup, "backup")):
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE t (x)")
            conn.execute("INSERT INTO t VALUES (?)", (value,))
        conn.close()
    real = os.replace

    def sharing_violation(src, dst):
        if Path(dst) == live:
            exc = PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(dst))
            exc.winerror = 32  # what Windows sets: ERROR_SHARING_VIOLATION
            raise exc
        real(src, dst)

    monkeypatch.setattr(os, "replace", sharing_violation)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    with pytest.raises(DatabaseBusyError, match="another program"):
        dbfile.install(live, backup, label="replaced")
    with sqlite3.connect(live) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [("live",)]
    conn.close()
    assert not (tmp_path / "zoneref.db.restoring").exists() and backup.exists()


def test_a_backup_whose_new_copy_a_scanner_holds_for_a_moment_is_kept(tmp_path, monkeypatch):
    """Windows: an antivirus scanner reading the just-written copy refused its rename; the backup failed with a
    bare PermissionError (not the typed error its callers handle), the .partial left behind."""
    import os
    import time

    from index.userdata import backups
    from index.userdata.troubles import DatabaseBusyError

    tmp_path = tmp_path / "out"  # beside the test's ZONEREF_HOME
    tmp_path.mkdir()
    with sqlite3.connect(tmp_path / "zoneref.db") as conn:
        conn.execute("CREATE TABLE annotations (uuid TEXT)")
    conn.close()
    real, refusals = os.replace, []

    def scanned(src, dst, times):
        if str(src).endswith(".partial") and len(refusals) < times:
            exc = PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(src))
            exc.winerror = 32
            refusals.append(src)
            raise exc
        real(src, dst)

    monkeypatch.setattr(time, "sleep", lambda s: None)
    monkeypatch.setattr(os, "replace", lambda src, dst: scanned(src, dst, 2))
    made = backups.backup(tmp_path / "zoneref.db", "manual")
    assert made.exists() and len(refusals) == 2
    monkeypatch.setattr(os, "replace", lambda src, dst: scanned(src, dst, 1000))
    with pytest.raises(DatabaseBusyError):
        backups.backup(tmp_path / "zoneref.db", "manual")
    assert not list((tmp_path / "backups").glob("*.partial"))
