"""Start-up now against an earlier commit, launched the same way, each round beside a bare PySide6 window.

"Start-up is not slower" (issue 16) is this figure: the tree at ``REV`` is
written to a temporary folder (``git archive``), each tree gets its own
ZONEREF_HOME with the search index built beforehand, both have their
bytecode compiled, and then bare window, ``REV`` and this checkout start in
turn, ``--runs`` rounds (``python -m desktop.cli gui --time-startup``, spawn
to interactive, as ``bench_startup.py``). Reported: medians, each tree's
median ratio to the bare window of its round, and now ÷ REV per round.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python bench/bench_startup_vs.py e843974^
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup_probe import BARE_WINDOW  # noqa: E402

GUI = [sys.executable, "-m", "desktop.cli", "gui", "--time-startup"]
# Builds the index as either tree can (the Workspace handle is newer than some commits).
PREPARE = ("try:\n    from index.workspace import Workspace\n    Workspace().search_index().ensure()\n"
           "except ImportError:\n    from index.library.corpus import Corpus\n"
           "    from index.search.searcher import SearchIndex\n    SearchIndex(Corpus()).ensure()\n")


def interactive(cmd: list[str], env: dict, cwd: Path) -> float:
    """Seconds from spawn to the window's first interactive moment."""
    t0 = time.time()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    line = (proc.stdout.strip().splitlines() or [""])[-1]
    if proc.returncode or not line:
        raise SystemExit(f"{cwd}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    stamp = json.loads(line)["interactive"] if line.startswith("{") else float(line)
    return stamp - t0


def tree_at(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    tar = into / "tree.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(into / "tree", filter="data")
    return into / "tree"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the earlier commit, e.g. e843974^")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zoneref-vs-"))
    trees = {"before": tree_at(args.rev, work), "now": ROOT}
    envs = {}
    for name, tree in trees.items():
        home = work / f"home-{name}"
        home.mkdir()
        env = dict(os.environ, ZONEREF_HOME=str(home), PYTHONPATH=str(tree),
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "desktop", "index"], cwd=tree, env=env, check=True)
        subprocess.run([sys.executable, "-c", PREPARE], cwd=tree, env=env, check=True)
        interactive(GUI, env, tree)  # warm the file cache
        envs[name] = (env, tree)
    times: dict[str, list[float]] = {"bare": [], "before": [], "now": []}
    for _ in range(args.runs):
        times["bare"].append(interactive(BARE_WINDOW, envs["now"][0], ROOT))
        for name in ("before", "now"):
            times[name].append(interactive(GUI, *envs[name]))
    for name, values in times.items():
        print(f"{name:6} median {statistics.median(values):.3f} s")
    for name in ("before", "now"):
        ratio = statistics.median(a / b for a, b in zip(times[name], times["bare"], strict=True))
        print(f"{name:6} ÷ bare window, median of the rounds: {ratio:.2f}×")
    ratio = statistics.median(a / b for a, b in zip(times["now"], times["before"], strict=True))
    print(f"now ÷ {args.rev}, median of the rounds: {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
