"""Start-up time: launch → interactive main window, against a bare PySide6 window launched the same way.

Each run is a fresh process. "Interactive" is the first pass of the event
loop after the window's first paint: the window is on screen and takes
input. The time runs from just before the process is spawned, so
interpreter start and every import count. ZoneRef starts with the bundled
corpus (5 documents) and a search index built beforehand in a private
ZONEREF_HOME, once with no saved session and once restoring a session (a
reader tab and the search tab). The three programs run in turn (bare,
fresh, restoring, bare, …) so that a machine whose speed drifts slows all
of them alike; the ratio to the bare window is taken run by run, and the
median of those is reported, for the wall clock and for the processor time
the process had used (which other work on the machine does not inflate). The index opens and the notes are re-anchored
in the background; the times until they are done are reported too.

Usage (``QT_QPA_PLATFORM`` picks the platform: offscreen by default; ``xcb``
under Xvfb for an X11 desktop)::

    .venv/bin/python bench/bench_startup.py [--runs 7]
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup_probe import BARE_WINDOW, ZONEREF, time_start  # noqa: E402

SESSION = "[window]\nopen_tabs=doc:jilin-2021-kaifaqu|jilin-2021-kaifaqu/c3/s12, search\ncurrent_tab=0\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="zoneref-bench-"))
    env = dict(os.environ, ZONEREF_HOME=str(home), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(ROOT))
    # Build the search index once, outside the timing (and warm the OS file cache for both programs).
    subprocess.run([sys.executable, "-c", "from index.workspace import Workspace\nWorkspace().search_index().ensure()"],
                   cwd=ROOT, env=env, check=True)
    time_start(BARE_WINDOW, env)
    time_start(ZONEREF, env)

    def zoneref(restore: bool) -> dict:
        if restore:
            (home / "settings.ini").write_text(SESSION, encoding="utf-8")
        else:
            (home / "settings.ini").unlink(missing_ok=True)
        return time_start(ZONEREF, env)

    bare, fresh, restored = [], [], []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    for _ in range(args.runs):
        bare.append(time_start(BARE_WINDOW, env))
        fresh.append(zoneref(False))
        restored.append(zoneref(True))
    load = (load + (os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))) / 2

    def fmt(runs: list[dict], key: str) -> str:
        xs = [r[key] for r in runs]
        return f"median {statistics.median(xs) * 1000:5.0f} ms ({min(xs) * 1000:.0f}–{max(xs) * 1000:.0f})"

    def ratio(runs: list[dict], key: str) -> str:
        rs = [r[key] / b[key] for r, b in zip(runs, bare, strict=True)]
        return f"{statistics.median(rs):.2f}× ({min(rs):.2f}–{max(rs):.2f})"

    print(f"platform: {env['QT_QPA_PLATFORM']}, Python {sys.version.split()[0]}, {args.runs} runs each "
          f"(interleaved), {os.cpu_count()} cores, load average {load:.1f}, 5 documents")
    print("launch → interactive: wall clock, and processor time used by then (a busy machine inflates the first, "
          "not the second); ratios to the bare window, run by run")
    print(f"bare PySide6 QMainWindow         : wall {fmt(bare, 'interactive')}   cpu {fmt(bare, 'cpu')}")
    for name, runs in (("ZoneRef, first start            ", fresh), ("ZoneRef, restoring reader+search", restored)):
        print(f"{name} : wall {fmt(runs, 'interactive')} = {ratio(runs, 'interactive')}   "
              f"cpu {fmt(runs, 'cpu')} = {ratio(runs, 'cpu')}")
    print(f"  search index ready (background): median "
          f"{statistics.median(d['index_ready'] for d in restored) * 1000:6.0f} ms after launch")
    print(f"  notes re-anchored (background) : median "
          f"{statistics.median(d['reanchored'] for d in restored) * 1000:6.0f} ms after launch")
    print(f"  tabs restored                  : {restored[-1]['tabs']}")
    print("target: interactive ≤ 2× the bare window")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
