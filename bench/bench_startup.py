"""Start-up time: launch → interactive main window, against a bare PySide6 window.

Each run is a fresh process. "Interactive" is the first pass of the event
loop after ``show()`` (a zero-delay timer fires): the window is painted and
takes input. The time runs from just before the process is spawned, so
interpreter start and every import count. ZoneRef starts with the bundled
corpus and a search index built beforehand in a private ZONEREF_HOME, once
with no saved session and once restoring a session (a reader tab and the
search tab). The index opens and the notes are re-anchored in the background;
the times until they are done are reported too, and whether jieba was loaded
at the interactive point (it must not be).

Usage::

    .venv/bin/python bench/bench_startup.py [--runs 7]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="zoneref-bench-"))
    env = dict(os.environ, ZONEREF_HOME=str(home), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(ROOT))
    # Build the search index once, outside the timing.
    subprocess.run([sys.executable, "-c", "from index.library.corpus import Corpus\nfrom index.search.searcher import SearchIndex\n"
                    "SearchIndex(Corpus()).ensure()"], cwd=ROOT, env=env, check=True)
    time_start(BARE_WINDOW, env)  # warm the OS file cache for both
    bare = [time_start(BARE_WINDOW, env)["interactive"] for _ in range(args.runs)]

    def zoneref_runs(restore: bool) -> tuple[list[float], list[dict]]:
        details = []
        for _ in range(args.runs):
            if not restore:
                (home / "settings.ini").unlink(missing_ok=True)
            details.append(time_start(ZONEREF, env))
        return [d["interactive"] for d in details], details

    zoneref_runs(False)  # warm-up
    fresh, _ = zoneref_runs(False)
    # A session to restore: a reader and the search tab.
    (home / "settings.ini").write_text(
        "[window]\nopen_tabs=doc:jilin-2021-kaifaqu|jilin-2021-kaifaqu/c3/s12, search\ncurrent_tab=0\n",
        encoding="utf-8")
    restored, restored_d = zoneref_runs(True)

    def fmt(xs: list[float]) -> str:
        return f"median {statistics.median(xs) * 1000:6.0f} ms   min {min(xs) * 1000:6.0f}   max {max(xs) * 1000:6.0f}"

    print(f"platform: {env['QT_QPA_PLATFORM']}, Python {sys.version.split()[0]}, {args.runs} runs each, "
          f"{os.cpu_count()} cores")
    print(f"bare PySide6 QMainWindow         : {fmt(bare)}")
    print(f"ZoneRef, first start             : {fmt(fresh)}")
    print(f"ZoneRef, restoring reader+search : {fmt(restored)}")
    print(f"  search index ready (background): median "
          f"{statistics.median(d['index_ready'] for d in restored_d) * 1000:6.0f} ms after launch")
    print(f"  notes re-anchored (background) : median "
          f"{statistics.median(d['reanchored'] for d in restored_d) * 1000:6.0f} ms after launch")
    print(f"  tabs restored                  : {restored_d[-1]['tabs']}")
    print(f"ZoneRef overhead over bare (restoring): "
          f"{(statistics.median(restored) - statistics.median(bare)) * 1000:.0f} ms; target: interactive ≤ 1000 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
