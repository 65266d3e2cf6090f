"""Reliability with real processes: SIGKILL mid-write, two writers at once.

The child (``notes_writer_child.py``) prints ``committed <uuid>`` only after
each transaction commits; every uuid the parent has read must be in the
database afterwards, and the file must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("notes_writer_child.py")
KILL_ROUNDS = 20


def _spawn(home: Path, count: int, label: str = "w", go: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ, ZONEREF_HOME=str(home), PYTHONIOENCODING="utf-8")
    if go is not None:
        env["ZONEREF_TEST_GO"] = str(go)
    return subprocess.Popen([sys.executable, str(CHILD), str(count), label], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


class _Reader(threading.Thread):
    """Collects the child's committed uuids as they arrive."""

    def __init__(self, proc: subprocess.Popen):
        super().__init__(daemon=True)
        self.proc, self.ready, self.committed = proc, threading.Event(), []

    def run(self) -> None:
        for line in self.proc.stdout:
            if line.startswith("ready"):
                self.ready.set()
            elif line.startswith("committed "):
                self.committed.append(line.split()[1])


def _stored(home: Path) -> set[str]:
    conn = sqlite3.connect(str(home / "zoneref.db"))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        fts = conn.execute("INSERT INTO annotations_fts(annotations_fts, rank) VALUES ('integrity-check', 1)")
        assert fts is not None
        return {u for (u,) in conn.execute("SELECT uuid FROM annotations")}
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_never_loses_a_reported_commit(tmp_path):
    rng = random.Random(20261122)
    home = tmp_path / "home"
    reported: list[str] = []
    for _ in range(KILL_ROUNDS):
        proc = _spawn(home, 0)
        reader = _Reader(proc)
        reader.start()
        assert reader.ready.wait(60), proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        reader.join(10)
        assert proc.returncode == -signal.SIGKILL
        reported += reader.committed
        stored = _stored(home)
        missing = [u for u in reported if u not in stored]
        assert not missing, f"{len(missing)} committed annotation(s) lost"
    assert len(reported) > KILL_ROUNDS  # the children really were writing when killed
    # The killed database opens normally afterwards, with no recovery needed.
    from index.userdata import database as userdb

    userdb.open_db(home / "zoneref.db")
    assert userdb.take_recovery_report() is None


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    home = tmp_path / "home"  # fresh: both also race to create and migrate the schema
    count = 100
    go = tmp_path / "go"
    procs = [_spawn(home, count, label, go) for label in ("gui", "cli")]
    readers = [_Reader(p) for p in procs]
    for r in readers:
        r.start()
    # Both have opened the store (racing to create it); now both write at once,
    # however slowly each process started on a loaded machine.
    for r, p in zip(readers, procs, strict=True):
        assert r.ready.wait(120), p.stderr.read()
    go.touch()
    for p in procs:
        p.wait(120)
    for r in readers:
        r.join(10)
    for p in procs:
        assert p.returncode == 0, p.stderr.read()
    assert [len(r.committed) for r in readers] == [count, count]
    stored = _stored(home)
    assert set(readers[0].committed) | set(readers[1].committed) <= stored
    assert len(stored) == 2 * count
    # The writes really interleaved (else this test proves nothing about locking).
    conn = sqlite3.connect(str(home / "zoneref.db"))
    spans = {label: conn.execute("SELECT min(created), max(created) FROM annotations WHERE note LIKE ?",
                                 (f"{label} %",)).fetchone() for label in ("gui", "cli")}
    conn.close()
    assert spans["gui"][0] < spans["cli"][1] and spans["cli"][0] < spans["gui"][1]
