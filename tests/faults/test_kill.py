"""SIGKILL at each step of import, backup, restore, recovery and merge (issue 17).

A child process runs the operation with ``ZONEREF_FAULT_KILL_AT=<step>``
(``index.base.faults``) and dies there. Afterwards nothing reported as saved
is missing, every file is whole, and running the operation again finishes
it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.faults.helpers import POLICY, REPO, damage_an_index

pytestmark = [pytest.mark.faults, pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")]

CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {repo!r})

    def main():
        from index.workspace import Workspace

        action, args = sys.argv[1], sys.argv[2:]
        ws = Workspace()
        if action == "import":
            report, _ = ws.import_paths(args, workers=1)
            print(json.dumps(report.to_json()), flush=True)
        elif action == "notes":
            store = ws.notes()
            for i in range(int(args[0])):
                store.add("jilin-2021-kaifaqu/c3/s12", "招商引資", note=f"{{args[1]}} {{i}}")
        elif action == "backup":
            ws.backup_notes("manual")
        elif action == "restore":
            ws.restore_notes(args[0])
        elif action == "recover":
            ws.recover_notes(args[0])
        elif action == "open":
            ws.notes().list()
        ws.close()

    if __name__ == "__main__":  # files are read in spawned processes, which import this script
        main()
""")


@pytest.fixture
def child(tmp_path, zoneref_home):
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(repo=str(REPO)), encoding="utf-8")

    def run(*argv: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, ZONEREF_HOME=str(zoneref_home))
        env.pop("ZONEREF_FAULT_KILL_AT", None)
        if kill_at:
            env["ZONEREF_FAULT_KILL_AT"] = kill_at
        return subprocess.run([sys.executable, str(script), *argv], env=env, capture_output=True, text=True,
                              timeout=300)

    return run


def _uuids(db: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {u for (u,) in conn.execute("SELECT uuid FROM annotations")}
    finally:
        conn.close()


def _killed(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == -signal.SIGKILL, proc.stderr


# -- import ------------------------------------------------------------------------------
def _folder(tmp_path: Path, count: int = 4) -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for i in range(count):
        (src / f"{i}.txt").write_text(POLICY.replace("实施意见", f"第{i}号实施意见"), encoding="utf-8")
    return src


@pytest.mark.parametrize("step", ["import.temp_written", "import.written", "import.before_index", "import.indexed"])
def test_killed_import_leaves_whole_documents_and_the_notes(child, tmp_path, zoneref_home, step):
    assert child("notes", "3", "before").returncode == 0
    saved = _uuids(zoneref_home / "zoneref.db")
    src = _folder(tmp_path)
    _killed(child("import", str(src), kill_at=step))
    from index.library.documents import load_file

    docs = zoneref_home / "documents"
    for path in docs.glob("*.md"):  # every document there is complete
        doc = load_file(path, "imported")
        assert doc.meta["content_hash"] == hashlib.sha256(doc.body.encode()).hexdigest()
    assert _uuids(zoneref_home / "zoneref.db") == saved
    done = child("import", str(src))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["imported"]) + len(report["skipped"]) == 4 and not report["errors"]
    assert len(list(docs.glob("*.md"))) == 4
    assert not [p for p in docs.iterdir() if ".tmp-" in p.name]
    assert child("open").returncode == 0


def test_a_killed_reader_refuses_its_file_and_the_import_goes_on(child, tmp_path, zoneref_home):
    done = child("import", str(_folder(tmp_path, 2)), kill_at="reader.read")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["imported"] == [] and [e["code"] for e in report["errors"]] == ["reader_crashed"] * 2
    assert list((zoneref_home / "documents").glob("*.md")) == []


# -- backup and restore --------------------------------------------------------------------
@pytest.mark.parametrize("step", ["backup.copied", "backup.verified", "backup.renamed"])
def test_killed_backup_leaves_no_half_backup(child, zoneref_home, step):
    from index.userdata import backups

    assert child("notes", "5", "n").returncode == 0
    saved = _uuids(zoneref_home / "zoneref.db")
    before = set(backups.backups(zoneref_home / "zoneref.db"))
    _killed(child("backup", kill_at=step))
    assert _uuids(zoneref_home / "zoneref.db") == saved
    for made in set(backups.backups(zoneref_home / "zoneref.db")) - before:
        assert _uuids(made) == saved  # a backup that exists is whole and verified
    assert child("backup").returncode == 0
    assert _uuids(backups.backups(zoneref_home / "zoneref.db")[0]) == saved


@pytest.mark.parametrize("step", ["restore.safety_copy", "restore.copying", "restore.done"])
def test_killed_restore_leaves_the_old_notes_or_the_restored_ones(child, zoneref_home, step):
    from index.userdata import backups

    assert child("notes", "3", "old").returncode == 0
    assert child("backup").returncode == 0
    old = _uuids(zoneref_home / "zoneref.db")
    made = next(b for b in backups.backups(zoneref_home / "zoneref.db") if backups.backup_reason(b) == "manual")
    assert child("notes", "400", "new").returncode == 0  # enough pages that the copy takes several steps
    current = _uuids(zoneref_home / "zoneref.db")
    _killed(child("restore", str(made), kill_at=step))
    assert _uuids(zoneref_home / "zoneref.db") in (old, current)
    safety = [b for b in backups.backups(zoneref_home / "zoneref.db") if backups.backup_reason(b) == "before_restore"]
    if _uuids(zoneref_home / "zoneref.db") == old:
        assert safety and _uuids(safety[0]) == current  # the notes it replaced are kept
    assert child("restore", str(made)).returncode == 0
    assert _uuids(zoneref_home / "zoneref.db") == old


# -- recovery of a damaged database, and merging ---------------------------------------------
@pytest.mark.parametrize("step", ["recover.restored_copy", "recover.set_aside", "recover.replaced"])
def test_killed_recovery_never_leaves_no_database(child, zoneref_home, step):
    assert child("notes", "4", "backed-up").returncode == 0
    assert child("notes", "2", "later").returncode == 0  # its exit backup holds all six
    everything = _uuids(zoneref_home / "zoneref.db")
    db = zoneref_home / "zoneref.db"
    damage_an_index(db)
    damaged = db.read_bytes()
    _killed(child("open", kill_at=step))
    assert db.exists()  # at every step the live name holds the damaged file or the restored one
    if db.read_bytes() != damaged:
        assert _uuids(db) == everything
    assert child("open").returncode == 0
    assert _uuids(db) == everything
    aside = sorted(zoneref_home.glob("zoneref.db.damaged-*[0-9]Z"))
    assert aside and aside[-1].read_bytes() == damaged
    assert child("recover", str(aside[-1])).returncode == 0
    assert _uuids(db) == everything


def test_killed_merge_changes_nothing(child, zoneref_home, tmp_path):
    assert child("notes", "2", "mine").returncode == 0
    other = tmp_path / "other.db"
    conn = sqlite3.connect(str(zoneref_home / "zoneref.db"))
    conn.execute("VACUUM INTO ?", (str(other),))
    conn.close()
    mine = _uuids(zoneref_home / "zoneref.db")
    assert child("notes", "1", "more").returncode == 0
    now = _uuids(zoneref_home / "zoneref.db")
    conn = sqlite3.connect(str(other))
    conn.execute("UPDATE annotations SET uuid = uuid || '-other', updated = '2099-01-01T00:00:00.000Z'")
    conn.commit()
    conn.close()
    _killed(child("recover", str(other), kill_at="merge.safety_copy"))
    assert _uuids(zoneref_home / "zoneref.db") == now
    assert child("recover", str(other)).returncode == 0
    assert _uuids(zoneref_home / "zoneref.db") == now | {u + "-other" for u in mine}
