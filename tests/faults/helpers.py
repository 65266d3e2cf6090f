"""The fault-injection suite's helpers: run the CLI, mount a small file system, fill it.

Every test here is marked ``faults`` (slow ones also ``slow``). Faults that
need the operating system's help (a full disk, a read-only folder) use a
small tmpfs mounted for the test when running as root where mounting is
allowed (CI, containers), and are skipped with the reason otherwise.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
POLICY = ("关于推进开发区高质量发展的实施意见\n\n"
          "一、总体要求\n\n（一）坚持招商引资，加强用地保障，盘活存量土地。\n\n"
          "二、保障措施\n\n（二）完善考核评价，优化营商环境。\n")


def run(capsys, *argv) -> tuple[int, object, str]:
    """``zoneref ARGV`` in this process: (exit code, parsed JSON when ``--json``, stderr)."""
    from desktop.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in argv and out.strip() else out
    return code, data, err


def run_process(*argv, home: Path, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """The real ``zoneref`` command in a fresh process (argv may hold bytes: a non-UTF-8 argument)."""
    env = dict(os.environ, ZONEREF_HOME=str(home), PYTHONPATH=str(REPO), **kwargs.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "desktop.cli", *argv], env=env, capture_output=True,
                          timeout=timeout, cwd=REPO, **kwargs)


def can_mount() -> str | None:
    """None if this process may mount a tmpfs, else why not."""
    if not sys.platform.startswith("linux"):
        return "mounting a small file system for the test needs Linux"
    if os.geteuid() != 0:
        return "mounting a small file system for the test needs root"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@contextlib.contextmanager
def mounted_tmpfs(where: Path, size: str = "4m"):
    """A tmpfs of ``size`` mounted at ``where`` for the block (skips the test if it cannot be mounted)."""
    why = can_mount()
    if why:
        pytest.skip(why)
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount(where: Path, *options: str) -> None:
    """Change a mounted tmpfs's options (``ro``, ``rw``, ``size=…``)."""
    subprocess.run(["mount", "-o", ",".join(("remount", *options)), str(where)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte; returns the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        chunk = b"\0" * 65536
        while True:
            try:
                os.write(fd, chunk)
            except OSError:
                if len(chunk) == 1:
                    break
                chunk = chunk[: len(chunk) // 2]
    finally:
        os.close(fd)
    return filler


# -- job functions for the reader pool (module level: a spawned worker imports them by name) --
def quick(path: str) -> tuple[str, object]:
    """A job that finishes at once."""
    return "ok", path


def hang(path: str) -> tuple[str, object]:
    """A job that never finishes (a parser in an endless loop)."""
    import time

    while True:
        time.sleep(1)


def hog(path: str) -> tuple[str, object]:
    """A job that takes memory until stopped (a parser expanding a bomb), touching every page."""
    import time

    held = []
    for _ in range(128):  # 2 GB at most: past the limits under test, never past the machine
        held.append(b"x" * (16 * 1024 * 1024))
        time.sleep(0.02)
    return "ok", len(held)


def crash(path: str) -> tuple[str, object]:
    """A job whose process dies (a parser crashing in C)."""
    os._exit(70)


def damage_an_index(db: Path) -> None:
    """Overwrite one index page of a notes database: the integrity check fails, the notes' own rows stay readable."""
    import sqlite3

    conn = sqlite3.connect(str(db))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the page is in the main file, not only in the -wal
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'annotations_updated'").fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d" + b"\xff" * (page_size - 1))
