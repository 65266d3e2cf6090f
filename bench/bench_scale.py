"""A real library, every feature: 3,500 documents, ~58 MB, ~350,000 clauses, against yardsticks in the same run.

Generates the library (``bench/gen_scale.py``, under ``bench/out/scale/``,
reused while its parameters match), imports it into a fresh ``ZONEREF_HOME``
with the real ``zoneref import``, and measures every row of issue 14's table
beside a yardstick measured in the same run:

=========================================  ==========================================  ===========================
row                                        yardstick                                   target
=========================================  ==========================================  ===========================
``zoneref import FOLDER``: wall, peak RSS  SQLite FTS5 trigram build on the clause     ≤ 1.5× the FTS5 build,
of the whole process tree                  texts (Python's ``sqlite3``)                ≤ 1 GB
index on disk                              the library's text (bytes of the files)     ≤ 2.5×
search, first query after opening, p95     FTS5 on the same 20 queries, each on a      p95 ≤ FTS5's p95, recall
of 20 queries (1–13 characters)            fresh connection; a brute-force scan        100 % against the scan
``zoneref search Q`` as a process          –                                           ≤ 0.5 s
``zoneref docs --json``                    –                                           ≤ 0.5 s
``zoneref compare CLAUSE`` (the documents  memory of a process that opened the         ≤ 0.5 s, ≤ 300 MB above
the compare view opens with)               library and its index ("the open app")      the open app
``zoneref topics --json``                  –                                           ≤ 1 s
GUI start to interactive; index ready      a bare PySide6 window launched the same     ≤ 3×; ready ≤ 1 s later
                                           way
event-loop stalls on the GUI thread        –                                           none over 100 ms
during start, import and search
=========================================  ==========================================  ===========================

Then, with no yardstick, ``zoneref import FILE`` of one more document into the imported library (median of
3: the search index updated in place).

Processes are timed from spawn to exit (median of ``--runs``); memory is the
resident set of the whole process tree, sampled from /proc every 50 ms.

Usage::

    .venv/bin/python bench/bench_scale.py [--docs 3500] [--mb 58] [--runs 5] [--no-gui] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_import import run_measured  # noqa: E402
from bench.startup_probe import BARE_WINDOW, ZONEREF, time_start  # noqa: E402

OUT = REPO / "bench" / "out" / "scale"
PY = sys.executable
QUERY_LENGTHS = (1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 4)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (of 20 values: the 19th)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def _env(home: Path) -> dict:
    return dict(os.environ, ZONEREF_HOME=str(home), PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")


def library(docs: int, mb: float, seed: int) -> Path:
    """The generated library (made once per parameter set)."""
    lib = OUT / "lib"
    stamp = OUT / "lib.json"
    params = {"docs": docs, "mb": mb, "seed": seed}
    if not stamp.exists() or json.loads(stamp.read_text()) != params:
        shutil.rmtree(lib, ignore_errors=True)
        from bench.gen_scale import generate

        started = time.perf_counter()
        generate(lib, docs, mb, seed)
        print(f"(generated the library in {time.perf_counter() - started:.0f} s)")
        stamp.write_text(json.dumps(params))
    return lib


def timed_runs(cmd: list[str], env: dict, runs: int) -> tuple[list[float], int, subprocess.CompletedProcess]:
    """Wall seconds of each run (after one warm-up), the highest tree RSS (kB), the last run."""
    run_measured(cmd, env)
    times, peak, proc = [], 0, None
    for _ in range(runs):
        t, kb, proc = run_measured(cmd, env)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[2:5])}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
        times.append(t)
        peak = max(peak, kb)
    return times, peak, proc


# -- children: run in a fresh process each ---------------------------------------------

def child_fts5(db: str) -> dict:
    """Build the FTS5 trigram table over every clause's text; time the build only (texts already in memory)."""
    import resource
    import sqlite3

    from index.workspace import Workspace

    ws = Workspace()
    texts = [c.text for c in ws.corpus.all_clauses()]
    Path(db).unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    started = time.perf_counter()
    conn.execute("CREATE VIRTUAL TABLE clauses USING fts5(text, tokenize='trigram')")
    with conn:
        conn.executemany("INSERT INTO clauses(rowid, text) VALUES (?, ?)", enumerate(texts))
    build = time.perf_counter() - started
    conn.close()
    return {"build_s": build, "clauses": len(texts), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "db_mb": Path(db).stat().st_size / 1e6}


def child_fts5_import(folder: str, db: str) -> dict:
    """A plain FTS5 app importing the folder: each file read (``read_path``: encodings, front matter) and split into
    clauses with ZoneRef's own parser, every clause inserted into an FTS5 trigram table, one commit; one process,
    timed from before the first file to the commit (the second yardstick of the import row)."""
    import sqlite3

    from index.library.clauses import parse_clauses
    from index.library.readers import read_path

    Path(db).unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE clauses USING fts5(doc, text, tokenize='trigram')")
    n = 0
    with conn:
        for i, path in enumerate(sorted(Path(folder).rglob("*.md"))):
            clauses = parse_clauses(f"d{i}", read_path(path).text)
            conn.executemany("INSERT INTO clauses(doc, text) VALUES (?, ?)", ((f"d{i}", c.text) for c in clauses))
            n += len(clauses)
    build = time.perf_counter() - started
    conn.close()
    return {"build_s": build, "clauses": n}


def pick_queries(norms: list[str], seed: int = 14) -> list[str]:
    """20 strings of 1–13 CJK characters cut from random clauses (common and rare alike), a few in traditional script."""
    import opencc

    from index.search.analysis import CJK_RUN

    rng = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    out: list[str] = []
    for k, length in enumerate(QUERY_LENGTHS):
        while True:
            runs = [r for r in CJK_RUN.findall(rng.choice(norms)) if len(r) >= length]
            if runs:
                run = rng.choice(runs)
                at = rng.randrange(len(run) - length + 1)
                q = run[at:at + length]
                out.append(s2t.convert(q) if k % 6 == 5 else q)
                break
    return out


def child_queries(db: str) -> dict:
    """First query after opening, 20 queries: ZoneRef, FTS5, and a brute-force scan for recall."""
    import sqlite3

    from index.base.text import normalise, normalise_many
    from index.workspace import Workspace

    ws = Workspace()
    # What search answers by default: the clauses of each document's latest version (index.library.versions).
    earlier = {d for d, m in ws.corpus.versions().items() if not m.latest}
    norms = normalise_many([c.text for c in ws.corpus.all_clauses() if c.doc_id not in earlier])
    queries = pick_queries(norms)
    ws.close()
    rows = []
    for q in queries:
        needle = normalise(q)
        started = time.perf_counter()
        expect = sum(1 for t in norms if needle in t)
        scan_ms = (time.perf_counter() - started) * 1000

        fresh = Workspace()  # a fresh handle: the index opened anew, caches cold
        index = fresh.search_index()
        index.ensure()
        index.warm()  # as the app does on its worker after opening (the CLI's one query does without)
        started = time.perf_counter()
        result = index.search(q, limit=20)
        ours_ms = (time.perf_counter() - started) * 1000
        fresh.close()

        conn = sqlite3.connect(db)
        started = time.perf_counter()
        try:
            got = conn.execute("SELECT rowid FROM clauses WHERE clauses MATCH ? ORDER BY rank LIMIT 20",
                               ('"' + q.replace('"', '""') + '"',)).fetchall()
            fts_total = conn.execute("SELECT count(*) FROM clauses WHERE clauses MATCH ?",
                                     ('"' + q.replace('"', '""') + '"',)).fetchone()[0] if got else 0
        except sqlite3.OperationalError:
            got, fts_total = [], 0
        fts_ms = (time.perf_counter() - started) * 1000
        conn.close()
        rows.append({"q": q, "ours_ms": ours_ms, "fts_ms": fts_ms, "scan_ms": scan_ms, "total": result.total,
                     "expect": expect, "fts_total": fts_total})
    return {"rows": rows}


def child_open() -> dict:
    """What an open app holds: the library listed and the search index open; peak RSS."""
    import resource

    from index.workspace import Workspace

    ws = Workspace()
    ws.corpus.documents()
    ws.search_index().ensure()
    ws.search_index().search("开发区")
    return {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _in_child(name: str, home: Path, *args: str) -> tuple[dict, float, int]:
    t, kb, proc = run_measured([PY, __file__, "--child", name, *args], _env(home))
    if proc.returncode != 0:
        raise RuntimeError(f"child {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), t, kb


# -- the run ----------------------------------------------------------------------------

def run(args) -> dict:
    lib = library(args.docs, args.mb, args.seed)
    files = [p for p in lib.rglob("*.md")]
    text_bytes = sum(p.stat().st_size for p in files)
    home = OUT / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = _env(home)
    fig: dict = {"files": len(files), "text_mb": text_bytes / 1e6, "load_at_start": os.getloadavg()[0]}
    print(f"library: {len(files)} files, {text_bytes / 1e6:.1f} MB; load average {fig['load_at_start']:.1f}")

    t, kb, proc = run_measured([PY, "-m", "desktop", "import", str(lib), "--json"], env)
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr[-3000:])
    report = json.loads(proc.stdout)
    fig.update(import_s=t, import_peak_mb=kb / 1024, imported=len(report["imported"]),
               skipped=len(report["skipped"]), errors=len(report["errors"]))
    print(f"import: {t:.1f} s, tree peak {kb / 1024:.0f} MB ({fig['imported']} imported, {fig['skipped']} skipped)")

    db = str(OUT / "fts5.sqlite")
    fts, t_child, kb_child = _in_child("fts5", home, db)
    fig.update(fts5_build_s=fts["build_s"], fts5_db_mb=fts["db_mb"], clauses=fts["clauses"])
    print(f"FTS5 trigram build: {fts['build_s']:.1f} s over {fts['clauses']} clauses ({fts['db_mb']:.0f} MB)")

    fts_import, _, _ = _in_child("fts5_import", home, str(lib), str(OUT / "fts5-import.sqlite"))
    fig.update(fts5_import_s=fts_import["build_s"])
    print(f"FTS5 trigram import of the folder (read, parse, insert): {fts_import['build_s']:.1f} s "
          f"({fts_import['clauses']} clauses)")

    index_bytes = sum(p.stat().st_size for p in (home / "index").rglob("*") if p.is_file())
    fig.update(index_mb=index_bytes / 1e6)

    q, _, _ = _in_child("queries", home, db)
    rows = q["rows"]
    fig.update(queries=rows, ours_p95_ms=p95([r["ours_ms"] for r in rows]),
               ours_median_ms=statistics.median(r["ours_ms"] for r in rows),
               fts_p95_ms=p95([r["fts_ms"] for r in rows]), fts_median_ms=statistics.median(r["fts_ms"] for r in rows),
               scan_p95_ms=p95([r["scan_ms"] for r in rows]),
               recall=sum(r["total"] == r["expect"] for r in rows) / len(rows))

    cli = [PY, "-m", "desktop"]
    for key, cmd in (("search", [*cli, "search", "营商环境", "--json"]), ("docs", [*cli, "docs", "--json"]),
                     ("topics", [*cli, "topics", "--json"])):
        times, kb, _ = timed_runs(cmd, env, args.runs)
        fig[f"{key}_s"] = statistics.median(times)
        fig[f"{key}_range"] = (min(times), max(times))
        fig[f"{key}_peak_mb"] = kb / 1024
    opened, _, _ = _in_child("open", home)
    fig["open_app_mb"] = opened["peak_mb"]
    clause, columns = _compare_clause(env)
    fig.update(compare_clause=clause, compare_columns=len(columns))
    try:  # the documents the compare view opens with (Workspace.compare_choice)
        times, kb, _ = timed_runs([*cli, "compare", clause, "--docs", ",".join(columns), "--json"], env,
                                  min(args.runs, 3))
        fig.update(compare_s=statistics.median(times), compare_peak_mb=kb / 1024)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        fig.update(compare_s=None, compare_error=str(exc)[-300:])
    if args.compare_all:  # every other document: the CLI's default; comparison at scale is issue 15's
        t, kb, proc = run_measured([*cli, "compare", clause, "--json"], env)
        fig.update(compare_all_s=t, compare_all_peak_mb=kb / 1024, compare_all_rc=proc.returncode)

    # A user adding a few new documents to the big library, one `zoneref import FILE` each.
    single = OUT / "single"
    if not single.exists():
        from bench.gen_scale import generate

        generate(single, 3, 0.05, seed=7)
    times = []
    for path in sorted(single.rglob("*.md")):
        t, kb, proc = run_measured([*cli, "import", str(path), "--json"], env)
        if proc.returncode != 0:
            raise RuntimeError(f"import of one file failed:\n{proc.stderr[-3000:]}")
        times.append(t)
    fig.update(import_one_s=statistics.median(times), import_one_range=(min(times), max(times)))

    if not args.no_gui:
        gui(fig, home, env, args.runs)
    return fig


def _compare_clause(env: dict) -> tuple[str, list[str]]:
    """A regulation article of the imported library (the second article of the first imported regulation),
    and the documents a comparison from it opens with."""
    code = ("import json\nfrom index.workspace import Workspace\nws = Workspace()\n"
            "for d in ws.corpus.documents():\n"
            "    if d.source == 'imported':\n"
            "        ids = [c.id for c in ws.corpus.clauses(d.id) if c.kind == 'article']\n"
            "        if len(ids) > 2:\n"
            "            print(json.dumps([ids[1], ws.compare_choice(ids[1])])); break\n")
    out = subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    clause, columns = json.loads(out)
    return clause, columns


def gui(fig: dict, home: Path, env: dict, runs: int) -> None:
    time_start(BARE_WINDOW, env)  # warm the file cache
    time_start(ZONEREF, env)
    bare, starts = [], []
    for _ in range(runs):  # in turn, so that both meet the same moments of a shared machine
        bare.append(time_start(BARE_WINDOW, env)["interactive"])
        starts.append(time_start(ZONEREF, env))
    fig.update(bare_s=statistics.median(bare), gui_s=statistics.median(s["interactive"] for s in starts),
               index_after_s=statistics.median(s["index_ready"] - s["interactive"] for s in starts),
               start_stall_ms=max(max(s.get("longest_ms", {}).values() or [0.0]) for s in starts))
    # Import a folder of 100 more documents through the window into the big library, then search.
    extra = OUT / "extra"
    if not extra.exists():
        from bench.gen_scale import generate

        generate(extra, 100, 1.7, seed=99)
    t, kb, proc = run_measured([PY, "-m", "bench.gui_import_probe", str(extra)], env)
    if proc.returncode != 0:
        fig["gui_import_error"] = proc.stderr[-2000:]
        return
    rec = json.loads(proc.stdout.strip().splitlines()[-1])
    fig.update(gui_import=rec, gui_import_peak_mb=kb / 1024)


def show(f: dict) -> None:
    def ratio(a, b):
        return f"{a / b:.2f}×" if a is not None and b else "–"

    def ok(flag):
        return "met" if flag else "NOT met"

    rows = [
        ("import (wall)", f"{f['import_s']:.1f} s", f"FTS5 build {f['fts5_build_s']:.1f} s",
         ratio(f["import_s"], f["fts5_build_s"]), ok(f["import_s"] <= 1.5 * f["fts5_build_s"])),
        ("import (wall), against a plain FTS5 app's import", f"{f['import_s']:.1f} s",
         f"read, parse, insert {f['fts5_import_s']:.1f} s", ratio(f["import_s"], f["fts5_import_s"]),
         ok(f["import_s"] <= 1.5 * f["fts5_import_s"])),
        ("import peak RSS, process tree", f"{f['import_peak_mb']:.0f} MB", "1 GB", "",
         ok(f["import_peak_mb"] <= 1024)),
        ("index on disk", f"{f['index_mb']:.1f} MB", f"text {f['text_mb']:.1f} MB", ratio(f["index_mb"], f["text_mb"]),
         ok(f["index_mb"] <= 2.5 * f["text_mb"])),
        ("first query p95 (median)", f"{f['ours_p95_ms']:.1f} ms ({f['ours_median_ms']:.1f})",
         f"FTS5 {f['fts_p95_ms']:.1f} ms ({f['fts_median_ms']:.1f}); scan p95 {f['scan_p95_ms']:.0f} ms",
         ratio(f["ours_p95_ms"], f["fts_p95_ms"]), ok(f["ours_p95_ms"] <= f["fts_p95_ms"])),
        ("recall against the scan", f"{f['recall'] * 100:.0f} %", "100 %", "", ok(f["recall"] == 1)),
        ("`zoneref search Q`", f"{f['search_s']:.2f} s", "0.5 s", "", ok(f["search_s"] <= 0.5)),
        ("`zoneref docs --json`", f"{f['docs_s']:.2f} s", "0.5 s", "", ok(f["docs_s"] <= 0.5)),
    ]
    if f.get("compare_s") is not None:
        above = f["compare_peak_mb"] - f["open_app_mb"]
        rows.append((f"`zoneref compare CLAUSE` ({f['compare_columns']} documents that matter)",
                     f"{f['compare_s']:.2f} s, {f['compare_peak_mb']:.0f} MB",
                     f"open app {f['open_app_mb']:.0f} MB", f"{above:+.0f} MB",
                     ok(f["compare_s"] <= 0.5 and above <= 300)))
    else:
        rows.append(("`zoneref compare CLAUSE`", "failed", "", "", f.get("compare_error", "")))
    if "compare_all_s" in f:
        rows.append(("`zoneref compare CLAUSE`, every other document (issue 15)",
                     f"{f['compare_all_s']:.2f} s, {f['compare_all_peak_mb']:.0f} MB", "", "", "NOT met"
                     if f["compare_all_s"] > 0.5 else "met"))
    rows.append(("`zoneref topics --json`", f"{f['topics_s']:.2f} s", "1 s", "", ok(f["topics_s"] <= 1)))
    if "import_one_s" in f:
        rows.append(("`zoneref import FILE`: one more document (median of 3)", f"{f['import_one_s']:.2f} s", "–", "",
                     "(no target)"))
    if "gui_s" in f:
        rows.append(("GUI start to interactive", f"{f['gui_s']:.2f} s", f"bare window {f['bare_s']:.2f} s",
                     ratio(f["gui_s"], f["bare_s"]), ok(f["gui_s"] <= 3 * f["bare_s"])))
        rows.append(("index ready after interactive", f"{f['index_after_s']:.2f} s", "1 s", "",
                     ok(f["index_after_s"] <= 1)))
        longest = {"start": f["start_stall_ms"], **{k: v for k, v in f.get("gui_import", {}).get("longest_ms", {}).items()
                                                    if k != "start"}}
        worst = max(longest.values())
        rows.append(("longest event-loop stall", ", ".join(f"{k} {v:.0f} ms" for k, v in longest.items()), "100 ms",
                     "", ok(worst <= 100)))
    print("\n| row | ZoneRef | yardstick | ratio | target |\n|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print("\nqueries (ms): " + "; ".join(f"{r['q']} {r['ours_ms']:.1f}/{r['fts_ms']:.1f} "
                                         f"({r['total']}{'' if r['total'] == r['expect'] else '≠' + str(r['expect'])})"
                                         for r in f["queries"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3500)
    parser.add_argument("--mb", type=float, default=58.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--compare-all", action="store_true",
                        help="also time `zoneref compare CLAUSE` against every other document (the CLI's default)")
    parser.add_argument("--json", action="store_true", help="also print every figure as one JSON line")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, *rest = args.child
        out = {"fts5": child_fts5, "fts5_import": child_fts5_import, "queries": child_queries, "open": child_open}[name](*rest)
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}")
    fig = run(args)
    show(fig)
    if args.json:
        print(json.dumps(fig, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
