"""Timing app start from process spawn, shared by the start-up, import and bundle benchmarks.

A started program prints, as its last line, JSON with the wall-clock time
(``time.time()``) at which its window became interactive, ``cpu`` (processor
seconds used by then) and other stamps (``zoneref gui --time-startup``).
``time_start`` turns the stamps into seconds since the spawn, so interpreter
start and every import count.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: A bare PySide6 main window at the same size: the floor ZoneRef is compared with. "Interactive" is
#: measured as for ZoneRef (``zoneref gui --time-startup``): the first pass of the event loop after the
#: window's first paint.
BARE_WINDOW = [sys.executable, "-c", (
    "import json, os, sys, time\nfrom PySide6.QtCore import QEvent, QObject, QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\nw = QMainWindow(); w.resize(1366, 768)\n"
    "class Painted(QObject):\n"
    "    def eventFilter(self, obj, event):\n"
    "        if event.type() == QEvent.Type.Paint and not hasattr(self, 'seen'):\n"
    "            self.seen = True\n"
    "            QTimer.singleShot(0, lambda: (print(json.dumps({'interactive': time.time(), 'cpu': sum(os.times()[:2])}),"
    " flush=True), app.quit()))\n"
    "        return False\n"
    "f = Painted(); w.installEventFilter(f); w.show()\napp.exec()\n")]

#: ZoneRef from source, started as ``zoneref gui`` does.
ZONEREF = [sys.executable, "-m", "desktop.cli", "gui", "--time-startup"]

_STAMPS = ("interactive", "painted", "index_ready", "reanchored")


def time_start(cmd: list[str], env: dict, timeout: float = 300) -> dict:
    """Spawn ``cmd`` and return its stamps as seconds after the spawn (other JSON keys as printed).

    Raises:
        RuntimeError: the program failed or printed no stamp.
    """
    t0 = time.time()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    line = (proc.stdout.strip().splitlines() or [""])[-1]
    if proc.returncode != 0 or not line:
        raise RuntimeError(f"{' '.join(cmd[:3])}…: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    data = json.loads(line) if line.startswith("{") else {"interactive": float(line)}
    return {k: (v - t0 if k in _STAMPS else v) for k, v in data.items()}
