"""Import benchmark: a mixed-format folder of 3,000 documents (~50 MB) into an empty library.

Prints wall time, throughput, peak memory of the whole process tree (the
importer and its worker processes, sampled from /proc every 50 ms), then what
a user meets after it: the time to list the library from a fresh process
(``zoneref docs --json``), and search timings if the search index is present.

Usage::

    python bench/bench_import.py [--docs 3000] [--mb 50] [--workers N] [--keep DIR]

Targets (issue 7): import ≤ 120 s on 2 cores, peak memory ≤ 1 GB.
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

    reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    reader.join()
    elapsed = time.perf_counter() - start
    err = proc.stderr.read()
    return elapsed, peak, subprocess.CompletedProcess(cmd, proc.returncode, "".join(out_chunks), err)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--phases", action="store_true",
                        help="time the importer and the search index update separately")
    parser.add_argument("--keep", type=Path, help="generate the folder here (reused if present)")
    args = parser.parse_args(argv)

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
    if args.phases:
        # Phase 1: the importer alone (reading, guessing, writing); phase 2: the search index update.
        code = ("import json, sys; from index.library import Library; "
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
        code = "from index.corpus import Corpus; from index.search import SearchIndex; SearchIndex(Corpus()).ensure()"
        t_index, peak_index, out = run_measured([sys.executable, "-c", code], env)
        print(f"search index update after it (SearchIndex.ensure, one pass): {t_index:.1f} s, "
              f"peak RSS {peak_index / 1024:.0f} MB {out.stderr.strip()[-200:]}")
        print(f"import + index: {elapsed + t_index:.1f} s")
    if report.get("index_notice"):
        print(f"index notice: {report['index_notice']}")
    for err in report["errors"][:5]:
        print("  error:", err)

    # After the import: a fresh process lists the whole library.
    times = []
    for _ in range(3):
        t, _, listing = run_measured([sys.executable, "-m", "desktop", "docs", "--json"], env)
        times.append(t)
    print(f"`zoneref docs --json` with {len(json.loads(listing.stdout))} documents: "
          f"median {statistics.median(times):.2f} s (process start to exit, includes clause counts)")
    code = ("import time; t=time.perf_counter(); from index.corpus import Corpus; c=Corpus(); "
            "n=len(c.documents()); print(n, round(time.perf_counter()-t, 3))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True)
    print(f"Corpus listing (front matter only) in a fresh process: {out.stdout.strip()} s")
    try:
        import index.search  # noqa: F401
    except ImportError:
        print("search: index.search not present; skipped")
        return 0
    code = ("import time, statistics; from index.corpus import Corpus; from index.search import SearchIndex\n"
            "t=time.perf_counter(); s=SearchIndex(Corpus()); s.ensure(); print('ensure', round(time.perf_counter()-t,2))\n"
            "qs=['招商引资','开发区','開發區 土地','营商环境','绿色低碳','考核评价','亩均','体制机制改革']\n"
            "ts=[]\n"
            "for q in qs*3:\n"
            "    t=time.perf_counter(); r=s.search(q, limit=20); ts.append((time.perf_counter()-t)*1000)\n"
            "ts.sort(); print('search median %.1f ms p95 %.1f ms' % (statistics.median(ts), ts[int(len(ts)*0.95)-1]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True)
    print("search after import:", out.stdout.strip().replace("\n", "; "), out.stderr.strip()[-300:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
