"""Backups worth restoring, restores that say what they did, and notes recovered from any file (issue 17)."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

from tests.faults.helpers import damage_an_index, mounted_tmpfs, run

pytestmark = pytest.mark.faults

CLAUSE = "jilin-2021-kaifaqu/c3/s12"
QUOTE = "招商引資"


def _add(store, count: int, start: int = 0) -> list[str]:
    return [store.add(CLAUSE, QUOTE, note=f"第{i}条", tags=[f"标签{i % 3}"]).uuid for i in range(start, start + count)]


def _one(path: Path, sql: str):
    """The single value ``sql`` gives on the database at ``path``, opened read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _integrity(path: Path) -> str:
    return _one(path, "PRAGMA integrity_check")


def _count(path: Path) -> int:
    return _one(path, "SELECT count(*) FROM annotations")


def test_backups_after_every_n_changes_on_exit_and_daily_each_verified(zoneref_home, monkeypatch):
    from index.userdata import backups, connection
    from index.workspace import Workspace

    monkeypatch.setattr(connection, "BACKUP_EVERY", 5)
    ws = Workspace(zoneref_home)
    _add(ws.notes(), 12)
    kinds = [backups.backup_reason(b) for b in backups.backups()]
    assert kinds.count("changes") == 2  # after the 5th and the 10th change
    ws.close()
    kinds = [backups.backup_reason(b) for b in backups.backups()]
    assert kinds.count("exit") == 1  # the last 2 changes, on closing
    ws = Workspace(zoneref_home)
    ws.notes()
    assert [backups.backup_reason(b) for b in backups.backups()].count("daily") == 1
    ws.close()  # nothing changed: no backup on this exit
    found = backups.backups()
    assert [backups.backup_reason(b) for b in found].count("exit") == 1
    assert all(_integrity(b) == "ok" for b in found)
    assert not list(backups.backup_dir().glob("*.partial"))
    newest_exit = next(b for b in found if backups.backup_reason(b) == "exit")
    assert _count(newest_exit) == 12


def test_a_backup_that_does_not_verify_is_not_kept(zoneref_home, monkeypatch):
    from index.userdata import backups
    from index.workspace import Workspace

    ws = Workspace(zoneref_home)
    _add(ws.notes(), 2)
    monkeypatch.setattr(backups, "_verify", lambda path: "*** in database main *** Page 3: btree damaged")
    with pytest.raises(backups.DatabaseError, match="did not verify"):
        backups.backup(ws.db_path, "manual", db=ws.db())
    assert [b for b in backups.backups() if backups.backup_reason(b) == "manual"] == []
    assert not list(backups.backup_dir().glob("*.partial"))
    ws.close()


def test_restore_says_how_many_notes_it_brings_back_and_from_when(capsys, zoneref_home):
    for i in range(3):
        assert run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE, "--note", f"{i}")[0] == 0
    code, made, _ = run(capsys, "notes", "backup", "--json")
    assert code == 0 and made["notes"] == 3 and made["time"]
    assert run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE, "--note", "later")[0] == 0
    code, listed, _ = run(capsys, "notes", "backups", "--json")
    assert {"path", "time", "size", "notes", "reason"} <= set(listed[0])
    code, done, err = run(capsys, "notes", "restore", "--json")
    assert code == 0, err
    assert done["restored"] == made["backup"]  # the newest backup that differs from the notes as they are
    assert done["notes"] == 3 and done["notes_before"] == 4 and done["time"] == made["time"]
    assert _count(Path(done["safety_copy"])) == 4
    code, text, _ = run(capsys, "notes", "restore", made["backup"])
    assert "restored 3 note(s) from the backup taken" in text


def _damaged_home(home: Path, before_backup: int, after_backup: int) -> tuple[Path | None, list[str]]:
    from index.userdata import backups
    from index.workspace import Workspace

    ws = Workspace(home)
    uuids = _add(ws.notes(), before_backup)
    made = backups.backup(ws.db_path, "manual", db=ws.db()) if before_backup else None
    uuids += _add(ws.notes(), after_backup, start=before_backup)
    ws.db().conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.db().conn.close()  # no exit backup: the damage comes before any newer backup
    ws._db = ws._notes = None
    gc.collect()
    if made is None:
        for b in backups.backups(home / "zoneref.db"):
            b.unlink()
    damage_an_index(home / "zoneref.db")
    return made, uuids


def test_damage_is_restored_before_it_is_set_aside_and_the_rest_recovered(capsys, zoneref_home):
    made, uuids = _damaged_home(zoneref_home, before_backup=5, after_backup=3)
    damaged = (zoneref_home / "zoneref.db").read_bytes()
    code, listed, err = run(capsys, "notes", "list", "--json")
    assert code == 0
    assert len(listed) == 5  # the backup's notes
    assert str(made) in err and "5 note(s)" in err and "zoneref notes recover" in err
    kept = Path(err.split("kept as ")[1].split(":")[0])
    assert kept.read_bytes() == damaged and str(kept) in err  # both files named; the damaged one intact
    assert _integrity(zoneref_home / "zoneref.db") == "ok"

    code, merged, err = run(capsys, "notes", "recover", str(kept), "--json")
    assert code == 0, err
    assert merged["added"] == 3 and merged["unchanged"] == 5
    code, listed, _ = run(capsys, "notes", "list", "--json")
    assert sorted(n["uuid"] for n in listed) == sorted(uuids)  # nothing reported as saved is lost
    assert {t for n in listed for t in n["tags"]} == {"标签0", "标签1", "标签2"}
    code, again, _ = run(capsys, "notes", "recover", str(kept), "--json")
    assert again["added"] == 0 and again["unchanged"] == 8
    code, aside, _ = run(capsys, "notes", "recover", "--json")
    assert [a["path"] for a in aside] == [str(kept)]


def test_damage_without_a_backup_salvages_the_readable_notes(capsys, zoneref_home):
    _, uuids = _damaged_home(zoneref_home, before_backup=0, after_backup=6)
    code, listed, err = run(capsys, "notes", "list", "--json")
    assert code == 0
    assert sorted(n["uuid"] for n in listed) == sorted(uuids)
    assert "no good backup was found" in err and "6 note(s)" in err
    assert _integrity(zoneref_home / "zoneref.db") == "ok"


def test_damage_that_cannot_be_repaired_now_is_left_in_place(tmp_path, capsys, monkeypatch):
    """A damaged file on a full disk: no room for the restored copy, so nothing is set aside or replaced."""
    from tests.faults.helpers import fill

    with mounted_tmpfs(tmp_path / "disk", "8m") as disk:
        home = disk / "home"
        home.mkdir()
        monkeypatch.setenv("ZONEREF_HOME", str(home))
        _damaged_home(home, before_backup=4, after_backup=2)
        damaged = (home / "zoneref.db").read_bytes()
        filler = fill(disk)
        code, _, err = run(capsys, "notes", "list", "--json")
        assert "Traceback" not in err
        assert (home / "zoneref.db").read_bytes() == damaged
        assert not [p for p in home.iterdir() if ".damaged-" in p.name]
        filler.unlink()
        code, listed, err = run(capsys, "notes", "list", "--json")
        assert code == 0 and len(listed) == 4 and "damaged" in err


def test_recover_refuses_the_database_itself_and_non_databases(capsys, zoneref_home, tmp_path):
    assert run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE)[0] == 0
    code, _, err = run(capsys, "notes", "recover", str(zoneref_home / "zoneref.db"))
    assert code == 1 and "the notes database itself" in err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    code, _, err = run(capsys, "notes", "recover", str(junk))
    assert code == 1 and "not a ZoneRef notes database" in err and "Traceback" not in err


def test_a_clock_set_back_keeps_the_newest_backup_newest(zoneref_home, monkeypatch):
    """Backups are named and ordered by the clock: after it was set back (a year ahead, then corrected), each new
    backup sorted as the oldest, so rotation deleted it at once (6 exits kept 5 from the wrong year, none with
    the last notes), "the newest backup" (restore, recovery) was a stale one, and no daily backup was taken
    until the clock caught up again."""
    import datetime as dt
    import os
    import time

    from index.userdata import backups, dbfile
    from index.workspace import Workspace

    ws = Workspace(zoneref_home)
    store = ws.notes()
    _add(store, 1)
    path = ws.db_path
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
    for k in range(5):  # taken while the clock was a year ahead
        monkeypatch.setattr(backups, "stamp", lambda k=k: dbfile.stamp(ahead + dt.timedelta(minutes=k)))
        backups.backup(path, "exit", db=store.db)
    monkeypatch.setattr(backups, "stamp", dbfile.stamp)
    _add(store, 1, start=1)
    made = backups.backup(path, "exit", db=store.db)  # the clock right again
    assert made.exists() and backups.backups(path)[0] == made and _count(made) == 2
    assert len([b for b in backups.backups(path) if backups.backup_reason(b) == "exit"]) == 5
    assert backups.good_backups(path)[0] == made
    daily = backups.backup(path, "daily", db=store.db)
    future = time.time() + 365 * 86400
    os.utime(daily, (future, future))  # written while the clock was ahead
    assert backups.maybe_daily_backup(store.db, path) is not None
    ws.close()
