"""Import benchmark: a mixed-format folder of 3,000 documents (~50 MB) into an empty library.

Prints wall time, throughput, peak memory of the whole process tree (the
importer and its worker processes, sampled from /proc every 50 ms) and CPU
use, then what a user meets after it: listing the library from a fresh
process, the app's start to an interactive main window
(``zoneref gui --time-startup``, against a bare PySide6 window), and search
latency on the imported library.

Usage::

    python bench/bench_import.py [--docs 3000] [--mb 50] [--workers N] [--keep DIR]

Targets (issue 7): import ≤ 120 s on 2 cores, both used, peak memory ≤ 1 GB;
then app start ≤ 1.5 s and search within the Search issue's targets.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.startup_probe import BARE_WINDOW, ZONEREF, time_start  # noqa: E402


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd: list[str], env: dict) -> tuple[float, int, subprocess.CompletedProcess]:
    """(seconds, peak tree RSS in kB, process) for one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO, text=True)
    peak = 0
    out_chunks: list[str] = []
    import threading

    err_chunks: list[str] = []
    readers = [threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
               threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)]
    for reader in readers:
        reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    for reader in readers:
        reader.join()
    elapsed = time.perf_counter() - start
    return elapsed, peak, subprocess.CompletedProcess(cmd, proc.returncode, "".join(out_chunks), "".join(err_chunks))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--gui", action="store_true",
                        help="import through the desktop app's import dialog (offscreen) instead of the CLI")
    parser.add_argument("--phases", action="store_true",
                        help="time the importer and the search index update separately")
    parser.add_argument("--keep", type=Path, help="generate the folder here (reused if present)")
    parser.add_argument("--keep-home", action="store_true",
                        help="keep the imported library (ZONEREF_HOME) for --after-only; default: delete it")
    parser.add_argument("--after-only", type=Path, metavar="HOME",
                        help="skip the import; measure listing, app start and search on this ZONEREF_HOME")
    args = parser.parse_args(argv)
    if args.after_only:
        after_import(dict(os.environ, ZONEREF_HOME=str(args.after_only), PYTHONPATH=str(REPO)))
        return 0

    from bench.gen_import_folder import generate_folder

    work = Path(tempfile.mkdtemp(prefix="zoneref-bench-import-"))
    src = args.keep or work / "folder"
    if not src.exists() or not any(src.iterdir()):
        t = time.perf_counter()
        generate_folder(src, docs=args.docs, mb=args.mb)
        print(f"generated folder in {time.perf_counter() - t:.1f} s")
    files = [p for p in src.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    kinds: dict[str, int] = {}
    for p in files:
        kinds[p.suffix] = kinds.get(p.suffix, 0) + 1
    print(f"folder: {len(files)} files, {size / 1e6:.1f} MB on disk, {dict(sorted(kinds.items()))}")

    home = work / "home"
    env = dict(os.environ, ZONEREF_HOME=str(home), PYTHONPATH=str(REPO))
    if args.gui:
        cmd = [sys.executable, "-m", "bench.gui_import_probe", str(src)]
        env["QT_QPA_PLATFORM"] = "offscreen"
    elif args.phases:
        # Phase 1: the importer alone (reading, guessing, writing); phase 2: the search index update.
        code = ("import json, sys; from index.library.imported import Library; "
                f"r = Library(sync=False).import_paths([{str(src)!r}], workers={args.workers!r}); "
                "print(json.dumps(r.to_json()))")
        cmd = [sys.executable, "-c", code]
    else:
        cmd = [sys.executable, "-m", "desktop", "import", str(src), "--json"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
    load = os.getloadavg()[0]
    cpu_before = _children_cpu()
    elapsed, peak_kb, proc = run_measured(cmd, env)
    if args.gui:
        rc = _report_gui(proc, elapsed, peak_kb, load)
        _clean_up(work, home, args.keep_home)
        return rc
    cpu = _children_cpu() - cpu_before
    if proc.returncode not in (0, 1):
        print(proc.stderr)
        return 1
    report = json.loads(proc.stdout)
    stored = sum(p.stat().st_size for p in (home / "documents").glob("*.md"))
    print(f"import: {len(report['imported'])} imported, {len(report['skipped'])} skipped, "
          f"{len(report['errors'])} errors in {elapsed:.1f} s "
          f"({len(files) / elapsed:.0f} files/s, {size / 1e6 / elapsed:.2f} MB/s); "
          f"peak RSS of the process tree {peak_kb / 1024:.0f} MB; library {stored / 1e6:.1f} MB")
    written = [p.stat().st_mtime for p in (home / "documents").glob("*.md")]
    if written:
        docs_done = max(written) - min(written)
        print(f"  phases: documents written over {docs_done:.1f} s (first to last), then the search index "
              f"update; CPU {cpu:.0f} s over {elapsed:.0f} s wall ({cpu / elapsed:.2f} cores busy); "
              f"load average at start {load:.1f} on {os.cpu_count()} cores")
    if args.phases:
        code = "from index.library.corpus import Corpus; from index.search.searcher import SearchIndex; SearchIndex(Corpus()).ensure()"
        t_index, peak_index, out = run_measured([sys.executable, "-c", code], env)
        print(f"search index update after it (SearchIndex.ensure, one pass): {t_index:.1f} s, "
              f"peak RSS {peak_index / 1024:.0f} MB {out.stderr.strip()[-200:]}")
        print(f"import + index: {elapsed + t_index:.1f} s")
    if report.get("index_notice"):
        print(f"index notice: {report['index_notice']}")
    for err in report["errors"][:5]:
        print("  error:", err)

    after_import(env)
    _clean_up(work, home, args.keep_home)
    return 0


def _report_gui(proc: subprocess.CompletedProcess, elapsed: float, peak_kb: int, load: float) -> int:
    """Print what ``bench.gui_import_probe`` measured; the exit code."""
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        return 1
    rec = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"GUI import: {rec['ready']} read, {rec['errors']} refused, {rec['skipped']} skipped; "
          f"read {rec['read_s']:.1f} s, add (documents + index update) {rec['add_s']:.1f} s, index reopened "
          f"{rec['reopen_index_s']:.1f} s after; {rec['documents']} documents, 开发区 → {rec['total']} clauses")
    print(f"  whole run (app start, bundled index, import, reopen) {elapsed:.1f} s; "
          f"peak RSS of the process tree {peak_kb / 1024:.0f} MB; the app process alone, highest per step "
          f"(MB): {rec['app_peak_mb']}; load average at start {load:.1f}")
    return 0


def _clean_up(work: Path, home: Path, keep_home: bool) -> None:
    if keep_home:
        print(f"library kept in ZONEREF_HOME={home}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)  # ~300 MB per run (and the generated folder unless --keep)


SEARCH = """
import json, statistics, sys, time
from index.library.corpus import Corpus
from index.search.searcher import SearchIndex
t = time.perf_counter(); s = SearchIndex(Corpus()); s.ensure(); opened = time.perf_counter() - t
queries = ["招商引资", "开发区", "開發區 土地", "营商环境", "绿色低碳", "考核评价", "亩均", "体制机制改革",
           "人才", "土地 OR 用地", "开发区 NOT 高新区", "\\"产业集聚区\\"", "财政 税收 金融", "飞地"]
s.search(queries[0], limit=20)
ts = []
for q in queries * 5:
    t = time.perf_counter(); s.search(q, limit=20); ts.append((time.perf_counter() - t) * 1000)
ts.sort()
print(json.dumps({"open_s": opened, "median_ms": statistics.median(ts), "p95_ms": ts[int(len(ts) * 0.95) - 1],
                  "max_ms": ts[-1], "n": len(ts), "docs": s.status()["documents"]}))
"""


def after_import(env: dict, runs: int = 5) -> None:
    """What the user meets after the import: listing, app start, search."""
    code = ("import time; t=time.perf_counter(); from index.library.corpus import Corpus; c=Corpus(); "
            "n=len(c.documents()); print(n, round(time.perf_counter()-t, 3))")
    for label in ("first, writes the header cache", "cached"):
        out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True)
        print(f"Corpus listing (front matter only) in a fresh process, {label}: {out.stdout.strip()} s")
    t, _, listing = run_measured([sys.executable, "-m", "desktop", "docs", "--json"], env)
    print(f"`zoneref docs --json` with {len(json.loads(listing.stdout))} documents: {t:.2f} s "
          "(process start to exit; parses every document for its clause count)")

    gui_env = dict(env, QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM") or "offscreen")
    try:
        time_start(BARE_WINDOW, gui_env)  # warm the file cache
        bare = [time_start(BARE_WINDOW, gui_env)["interactive"] for _ in range(runs)]
        app = [time_start(ZONEREF, gui_env)["interactive"] for _ in range(runs + 1)][1:]
        print(f"app start after the import (`zoneref gui --time-startup`, launch to interactive main window, "
              f"{runs} runs): median {statistics.median(app):.2f} s, max {max(app):.2f} s; bare PySide6 window "
              f"median {statistics.median(bare):.2f} s. Target ≤ 1.5 s")
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"app start: not measured ({str(exc).strip()[-300:]})")

    try:
        import index.search.searcher  # noqa: F401
    except ImportError:
        print("search: index.search.searcher not present; skipped")
        return
    out = subprocess.run([sys.executable, "-c", SEARCH], env=env, cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        print("search: failed", out.stderr[-500:])
        return
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"search on the imported library ({r['docs']} documents): index open {r['open_s']:.2f} s (cold process); "
          f"{r['n']} queries, top 20: median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
          f"max {r['max_ms']:.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
