"""``zoneref notes …``: the CLI contract (JSON on stdout, exit codes)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli

ROOT = Path(__file__).resolve().parents[2]
CLAUSE = "jilin-2021-kaifaqu/c3"


def run(capsys, *argv):
    rc = cli.main(list(argv))
    out = capsys.readouterr()
    return rc, (json.loads(out.out) if "--json" in argv and out.out.strip() else out.out), out.err


def test_add_list_show_edit_delete(capsys):
    rc, rec, _ = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型", "--note", "**看**",
                     "--color", "疑问", "--tag", "产业", "--tag", "转型", "--json")
    assert rc == 0
    assert rec["quote"] == "產業轉型" and rec["color"] == "疑问" and rec["tags"] == ["产业", "转型"]
    assert rec["citation"].startswith("《") and "<strong>看</strong>" in rec["note_html"]
    uid = rec["uuid"]
    rc, listed, _ = run(capsys, "notes", "list", "--search", "產", "--json")
    assert rc == 0 and [r["uuid"] for r in listed] == [uid]
    rc, listed, _ = run(capsys, "notes", "list", "--tag", "产业", "--region", "吉林", "--color", "疑问", "--json")
    assert [r["uuid"] for r in listed] == [uid]
    rc, listed, _ = run(capsys, "notes", "list", "--doc", "hebei-2017-kaifaqu", "--json")
    assert listed == []
    rc, shown, _ = run(capsys, "notes", "show", uid, "--json")
    assert shown["uuid"] == uid
    rc, edited, _ = run(capsys, "notes", "edit", uid, "--note", "改", "--clear-tags", "--json")
    assert rc == 0 and edited["note"] == "改" and edited["tags"] == []
    rc, out, _ = run(capsys, "notes", "delete", uid, "--json")
    assert rc == 0 and out == {"deleted": uid}
    rc, _, err = run(capsys, "notes", "show", uid, "--json")
    assert rc == 2 and "unknown annotation" in err


def test_errors_and_exit_codes(capsys):
    assert run(capsys, "notes", "show", "no-such-uuid")[0] == 2
    assert run(capsys, "notes", "delete", "no-such-uuid")[0] == 2
    assert run(capsys, "notes", "add", "--clause", "nowhere/c1", "--quote", "x")[0] == 2
    rc, _, err = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "不在这里")
    assert rc == 1 and "quote not found" in err
    try:
        cli.main(["notes", "add", "--clause", CLAUSE, "--quote", "产业", "--color", "紫色"])
        raise AssertionError("argparse should exit")
    except SystemExit as exc:
        assert exc.code == 2
    capsys.readouterr()


def test_export_to_a_missing_folder_is_a_clean_error(capsys, tmp_path):
    """Like ``export compare``: exit 1, the path and reason on stderr, no traceback, no stray file."""
    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型")
    target = tmp_path / "nonexistent" / "dir" / "x.jsonld"
    for fmt in ("w3c", "markdown", "csv"):
        rc, out, err = run(capsys, "notes", "export", "--format", fmt, "-o", str(target), "--json")
        assert rc == 1 and out == ""
        assert err.startswith("zoneref: error: cannot write") and str(target) in err and "Traceback" not in err
    assert not (tmp_path / "nonexistent").exists()


def test_export_to_a_long_file_name(capsys, tmp_path):
    """A name the folder takes (251 bytes) is written, though ``NAME.partial`` would be too long; a longer one
    is ``cannot write …: File name too long`` (it was a traceback from cleaning up the ``.partial`` file)."""
    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型")
    fits = tmp_path / ("长" * 82 + ".json")
    rc, rec, _ = run(capsys, "notes", "export", "--format", "w3c", "-o", str(fits), "--json")
    assert rc == 0 and rec["count"] == 1 and json.loads(fits.read_text(encoding="utf-8"))
    assert rec["notes"] == 1 and rec["kind"] == "notes"  # as ``zoneref export notes`` names them
    rc, out, err = run(capsys, "notes", "export", "--format", "w3c", "-o", str(tmp_path / ("长" * 100 + ".json")))
    assert rc == 1 and out == "" and "Traceback" not in err
    assert err.startswith("zoneref: error: cannot write") and err.rstrip().endswith("File name too long")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fits.name, "zoneref-home"])


def test_export_never_replaces_a_pipe(capsys, tmp_path):
    """The export was renamed over the named pipe (exit 0, a regular file in its place); ``-o -`` wrote a file
    named ``-``."""
    import os
    import stat

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    rc, out, err = run(capsys, "notes", "export", "--format", "w3c", "-o", str(fifo))
    assert rc == 1 and out == "" and f"cannot write {fifo}: it is not a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(SystemExit) as exc:
        cli.main(["notes", "export", "--format", "w3c", "-o", "-"])
    assert exc.value.code == 2 and "standard output" in capsys.readouterr().err


def test_export_import_orphans_bookmarks(capsys, tmp_path, monkeypatch):
    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型", "--tag", "t", "--json")
    for fmt in ("w3c", "markdown", "csv"):
        out = tmp_path / f"export.{fmt}"
        rc, rec, _ = run(capsys, "notes", "export", "--format", fmt, "-o", str(out), "--tag", "t", "--json")
        assert rc == 0 and rec["count"] == 1 and out.stat().st_size > 0
    before = run(capsys, "notes", "list", "--json")[1]
    monkeypatch.setenv("ZONEREF_HOME", str(tmp_path / "elsewhere"))
    rc, report, _ = run(capsys, "notes", "import", str(tmp_path / "export.w3c"), "--json")
    assert rc == 0 and report["added"] == 1
    assert run(capsys, "notes", "list", "--json")[1] == before
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "AnnotationCollection", "first": {"items": [{"type": "Annotation"}]}}')
    rc, report, err = run(capsys, "notes", "import", str(bad), "--json")
    assert rc == 1 and report["ok"] is False and report["errors"] and "nothing was changed" in err
    assert run(capsys, "notes", "orphans", "--json")[1] == []
    rc, rec, _ = run(capsys, "notes", "bookmark", CLAUSE, "--json")
    assert rc == 0 and rec["clause_id"] == CLAUSE
    assert [b["clause_id"] for b in run(capsys, "notes", "bookmarks", "--json")[1]] == [CLAUSE]
    assert run(capsys, "notes", "tags", "--json")[1] == [{"name": "t", "count": 1}]


def test_backup_and_restore(capsys, zoneref_home):
    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型", "--json")
    rc, rec, _ = run(capsys, "notes", "backup", "--json")
    assert rc == 0 and Path(rec["backup"]).is_file()
    # The keys ``notes backups`` lists a backup with, on the backup just made (it said only "backup").
    listed = next(b for b in run(capsys, "notes", "backups", "--json")[1] if b["path"] == rec["backup"])
    assert {k: rec[k] for k in listed} == listed and listed["reason"] == "manual"
    uid = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "升级", "--json")[1]["uuid"]
    rc, rec, _ = run(capsys, "notes", "restore", "--json")
    assert rc == 0 and "manual" in rec["restored"]
    assert uid not in [r["uuid"] for r in run(capsys, "notes", "list", "--json")[1]]
    listed = run(capsys, "notes", "backups", "--json")[1]
    assert any("before_restore" in b["path"] for b in listed)


def test_backup_where_a_file_is_in_place_of_the_backups_folder(capsys, zoneref_home):
    """``notes backup`` with a file named ``backups`` in the data folder: exit 1 naming it (a NotADirectoryError
    traceback from removing the ``.partial`` copy, or 'the disk reported an error … (File exists)')."""
    import shutil

    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型")
    shutil.rmtree(zoneref_home / "backups")  # the first start's daily backup
    (zoneref_home / "backups").write_text("mine", encoding="utf-8")
    rc, out, err = run(capsys, "notes", "backup", "--json")
    assert rc == 1 and out == ""
    assert err.startswith(f"zoneref: error: cannot write a backup into {zoneref_home / 'backups'}: a file is there, "
                          "not a folder") and err.count("\n") == 1
    assert (zoneref_home / "backups").read_text(encoding="utf-8") == "mine"
    assert len(run(capsys, "notes", "list", "--json")[1]) == 1


@pytest.mark.parametrize("command", ["restore", "recover"])
def test_an_empty_file_argument_is_a_usage_error_not_the_newest_backup(capsys, zoneref_home, command):
    # `zoneref notes restore "$FILE"` with FILE unset replaced the notes with the newest backup, exit 0.
    uid = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型", "--json")[1]["uuid"]
    run(capsys, "notes", "backup", "--json")
    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "升级", "--json")
    rc, _, err = run(capsys, "notes", command, "", "--json")
    assert rc == 2 and "no " in err and "file given" in err
    assert len(run(capsys, "notes", "list", "--json")[1]) == 2 and uid


def test_damaged_database_warns_on_stderr_and_keeps_json_clean(capsys, zoneref_home):
    run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", "产业转型", "--json")
    run(capsys, "notes", "backup", "--json")
    # The in-process CLI calls above leave their connections to the garbage
    # collector, and SQLite shares one WAL index per file inside a process: a
    # connection still alive would make the damaged file look healthy.
    gc.collect()
    for name in ("zoneref.db-wal", "zoneref.db-shm"):
        (zoneref_home / name).unlink(missing_ok=True)
    (zoneref_home / "zoneref.db").write_bytes(b"garbage" * 500)
    rc, listed, err = run(capsys, "notes", "list", "--json")
    assert rc == 0 and len(listed) == 1
    assert "damaged" in err and "restored from" in err


def test_real_command_end_to_end(tmp_path):
    env = {"ZONEREF_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    add = subprocess.run([sys.executable, "-m", "desktop", "notes", "add", "--clause", CLAUSE, "--quote", "产业",
                          "--json"], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    assert add.returncode == 0, add.stderr
    uid = json.loads(add.stdout)["uuid"]
    show = subprocess.run([sys.executable, "-m", "desktop", "notes", "show", uid, "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    assert json.loads(show.stdout)["uuid"] == uid
