"""The notes database in trouble (issue 17, cases 2 and 5): damage is set aside, trouble never is.

Only real corruption (the integrity check fails, the file is not a
database) sets a database aside, and only after a restore succeeded. A full
disk, a read-only file or folder, an I/O error or a lock is reported as
such, with what to do; the data stays where it is and reading goes on.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.faults.helpers import REPO, can_mount, fill, mounted_tmpfs, remount, run, run_process

pytestmark = pytest.mark.faults

CLAUSE = "jilin-2021-kaifaqu/c3/s12"
QUOTE = "招商引資"


def _add_notes(capsys, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        code, _, err = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE, "--note", f"第{i}条")
        assert code == 0, err


def _notes(capsys) -> list[dict]:
    code, notes, err = run(capsys, "notes", "list", "--json")
    assert code == 0, err
    return notes


def _set_aside(home: Path) -> list[Path]:
    return [p for p in home.iterdir() if ".damaged-" in p.name or ".replaced-" in p.name]


def _home_on(monkeypatch, folder: Path) -> Path:
    home = folder / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("ZONEREF_HOME", str(home))
    return home


# -- a full disk ---------------------------------------------------------------------------------
def test_full_disk_at_start_is_reported_and_nothing_is_set_aside(tmp_path, capsys, monkeypatch):
    with mounted_tmpfs(tmp_path / "disk", "8m") as disk:
        home = _home_on(monkeypatch, disk)
        _add_notes(capsys, 30)
        before = (home / "zoneref.db").read_bytes()
        filler = fill(disk)

        notes = _notes(capsys)  # reading goes on
        assert len(notes) == 30
        code, _, err = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE)
        assert code == 1
        assert "full" in err and "free some space" in err and "Traceback" not in err
        assert _set_aside(home) == []
        assert (home / "zoneref.db").read_bytes() == before

        filler.unlink()  # space freed: everything is there, and writing works again
        assert len(_notes(capsys)) == 30
        _add_notes(capsys, 1, start=30)
        assert len(_notes(capsys)) == 31
        assert _set_aside(home) == []


def test_disk_filling_up_mid_session_loses_no_saved_note(tmp_path, capsys, monkeypatch):
    with mounted_tmpfs(tmp_path / "disk", "8m") as disk:
        home = _home_on(monkeypatch, disk)
        _add_notes(capsys, 10)
        from index.workspace import Workspace

        ws = Workspace(home)
        store = ws.notes()
        filler = fill(disk)
        from index.userdata.database import DatabaseFullError

        saved = 10
        with pytest.raises(DatabaseFullError, match="free some space"):
            for i in range(2000):  # until the WAL cannot grow
                store.add(CLAUSE, QUOTE, note="长" * 2000 + str(i))
                saved += 1
        assert len(store.list()) == saved  # the failed write rolled back; the session reads on
        ws.close()
        filler.unlink()
        assert len(_notes(capsys)) == saved
        assert _set_aside(home) == []


# -- the -wal removed while another process holds the database -------------------------------------
HOLDER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {repo!r})
    from index.workspace import Workspace
    ws = Workspace(sys.argv[1])
    store = ws.notes()
    for i in range(181):
        store.add("jilin-2021-kaifaqu/c3/s12", "招商引資", note=f"note {{i}}")
    os.remove(os.path.join(sys.argv[1], "zoneref.db-wal"))
    store.add("jilin-2021-kaifaqu/c3/s12", "招商引資", note="after the wal was removed")
    print("ready", flush=True)
    sys.stdin.readline()  # hold the database open until told
    ws.close()
    print("closed", flush=True)
""")


def test_wal_removed_while_another_process_holds_it_is_not_damage(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    script = tmp_path / "holder.py"
    script.write_text(HOLDER.format(repo=str(REPO)), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, str(script), str(home)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        other = run_process("notes", "list", "--json", home=home, text=True)
        assert "Traceback" not in other.stderr
        assert _set_aside(home) == []  # the intact file was not moved
        assert not list((home / "backups").glob("*before_restore*")) if (home / "backups").exists() else True
        # Its -wal is gone but the holder's -shm says it held commits: the
        # main file alone would show a stale (here empty) notes list, so the
        # command says what happened and what to do instead of showing it.
        assert other.returncode == 1 and "close every ZoneRef window" in other.stderr, (len(json.loads(other.stdout)), other.stderr)
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(60)
    assert holder.returncode == 0, holder.stderr.read()
    after = run_process("notes", "list", "--json", home=home, text=True)
    assert after.returncode == 0, after.stderr

    assert len(json.loads(after.stdout)) == 182  # every note, including the one written after the removal
    assert _set_aside(home) == []


# -- a file or folder that cannot be written (case 5) ----------------------------------------------
def _read_only_home(tmp_path, monkeypatch, capsys):
    """A home with 5 notes, then made read-only: a tmpfs remounted read-only as root, chmod otherwise."""
    if os.name != "nt" and os.geteuid() != 0:
        home = _home_on(monkeypatch, tmp_path)
        _add_notes(capsys, 5)
        for path in home.rglob("*"):
            path.chmod(0o555 if path.is_dir() else 0o444)
        home.chmod(0o555)
        yield home
        for path in [home, *home.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        return
    with mounted_tmpfs(tmp_path / "disk", "16m") as disk:
        home = _home_on(monkeypatch, disk)
        _add_notes(capsys, 5)
        remount(disk, "ro")
        yield home


@pytest.fixture
def read_only_home(tmp_path, monkeypatch, capsys):
    yield from _read_only_home(tmp_path, monkeypatch, capsys)


def test_read_only_folder_keeps_reading_and_says_why_it_cannot_write(read_only_home, capsys):
    notes = _notes(capsys)
    assert len(notes) == 5
    code, _, err = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE)
    assert code == 1 and "Traceback" not in err and "sqlite3" not in err
    assert "cannot be written" in err and "permissions" in err
    code, _, err = run(capsys, "docs")
    assert code == 0


def test_unwritable_database_file_is_a_clear_error(tmp_path, capsys, monkeypatch):
    """Case 5: the file itself read-only (its folder writable): an error that says so, no traceback."""
    home = _home_on(monkeypatch, tmp_path)
    _add_notes(capsys, 3)
    db = home / "zoneref.db"
    if os.name != "nt" and os.geteuid() == 0:
        why = can_mount()
        if why:
            pytest.skip(why)
        # root writes through file modes: bind-mount the file onto itself, read-only
        if subprocess.run(["mount", "--bind", str(db), str(db)], capture_output=True).returncode != 0:
            pytest.skip("cannot bind-mount a file here")
        try:
            remount(db, "ro", "bind")
            _check_unwritable(capsys, home)
        finally:
            subprocess.run(["umount", "-l", str(db)], capture_output=True)
    else:
        db.chmod(0o444)
        try:
            _check_unwritable(capsys, home)
        finally:
            db.chmod(0o644)


def _check_unwritable(capsys, home: Path) -> None:
    assert len(_notes(capsys)) == 3
    for argv in (["notes", "add", "--clause", CLAUSE, "--quote", QUOTE], ["notes", "bookmark", CLAUSE],
                 ["pin", "none", "jilin-2021-kaifaqu/c3/s12", "zhejiang-2022-kaifaqu"]):
        code, _, err = run(capsys, *argv)
        assert code == 1, argv
        assert "Traceback" not in err and "OperationalError" not in err
        assert "cannot be written" in err, err
    assert _set_aside(home) == []


# -- injected sqlite3 errors -----------------------------------------------------------------------
ERRORS = {
    "io": (10, "disk I/O error", "DatabaseIOError", "check the disk"),
    "full": (13, "database or disk is full", "DatabaseFullError", "free some space"),
    "readonly": (8, "attempt to write a readonly database", "DatabaseReadOnlyError", "permissions"),
    "locked": (5, "database is locked", "DatabaseBusyError", "close"),
}


def _faulty_connect(monkeypatch, statement: str, kind: str, calls: list | None = None):
    """Make every new sqlite3 connection fail ``statement`` with the error ``kind`` (a real error code)."""
    code, message, _, _ = ERRORS[kind]

    class Faulty(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql.strip().upper().startswith(statement):
                if calls is not None:
                    calls.append(sql)
                exc = sqlite3.OperationalError(message)
                exc.sqlite_errorcode = code
                raise exc
            return super().execute(sql, *args)

    real = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs["factory"] = Faulty
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_trouble_during_the_start_check_is_not_damage(zoneref_home, capsys, monkeypatch, kind):
    from index.userdata import database as userdb

    _add_notes(capsys, 4)
    before = (zoneref_home / "zoneref.db").read_bytes()
    with monkeypatch.context() as patch:
        _faulty_connect(patch, "PRAGMA INTEGRITY_CHECK", kind)
        with pytest.raises(getattr(userdb, ERRORS[kind][2])) as caught:
            userdb.check_and_recover(zoneref_home / "zoneref.db")
    assert ERRORS[kind][3] in str(caught.value)
    assert _set_aside(zoneref_home) == []
    assert (zoneref_home / "zoneref.db").read_bytes() == before
    assert len(_notes(capsys)) == 4


@pytest.mark.parametrize("kind", [pytest.param(k, marks=pytest.mark.slow) if k == "locked" else k
                                  for k in sorted(ERRORS)])  # a lock is retried with back-off (~6 s)
def test_trouble_while_saving_is_reported_and_saved_notes_stay(zoneref_home, capsys, monkeypatch, kind):
    from index.userdata import database as userdb
    from index.workspace import Workspace

    _add_notes(capsys, 4)
    calls = []
    with monkeypatch.context() as patch:
        _faulty_connect(patch, "COMMIT", kind, calls)
        ws = Workspace(zoneref_home)
        store = ws.notes()
        with pytest.raises(getattr(userdb, ERRORS[kind][2])) as caught:
            store.add(CLAUSE, QUOTE, note="不会保存")
        assert calls and ERRORS[kind][3] in str(caught.value)
        assert len(store.list()) == 4  # the session goes on reading
        ws.close()
    assert len(_notes(capsys)) == 4 and _set_aside(zoneref_home) == []


def test_cli_reports_trouble_without_a_traceback(zoneref_home, capsys, monkeypatch):
    _add_notes(capsys, 2)
    with monkeypatch.context() as patch:
        _faulty_connect(patch, "SELECT", "io")  # every read fails: the database cannot be used at all
        code, _, err = run(capsys, "notes", "list")
    assert code == 1 and "Traceback" not in err and "check the disk" in err
