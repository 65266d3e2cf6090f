"""Search benchmark: index build and query latency, at seed scale and on a large library.

For each scale it prints

* the index build (a fresh process: reading and parsing the documents,
  normalising, postings, Whoosh files, side table): seconds, MB/s of
  document text (UTF-8 bodies), peak memory (max RSS of that process);
* opening the index in a new process (``SearchIndex._open``: Whoosh TOC,
  side table; OS cache warm) and ``ensure`` (open + the fingerprint check,
  which reads every document's body);
* query latency over a fixed mix: 1-, 2-, 4- and 8-character strings, each
  common and rare (cut from the corpus with a fixed seed), both scripts,
  phrases, filters, OR and NOT; every query asks for the top 20 hits with
  snippets and highlights, plus totals and facets. "fresh" clears the
  executor's term caches before every query (a new query typed);
  "repeat" runs the mix again with caches warm;
* a brute-force floor: the same plain-string queries as a substring scan
  over every clause's normalised text (what the index must beat), and the
  ratio of the scan's median to the index's.

Usage::

    python bench/bench_search.py [--large DIR] [--docs 3000] [--mb 51] [--no-large] [--json]

Without ``--large`` the large library is generated (``bench/gen_library.py``)
into a temporary folder. Targets (issue 3, 2 cores): seed p95 ≤ 10 ms, large
p95 ≤ 30 ms, large build ≥ 1 MB/s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _corpus(content: str | None):
    from index.library.corpus import Corpus

    return Corpus(Path(content), imported_dir=None) if content else Corpus(imported_dir=None)


def child_build(content: str | None, folder: str) -> dict:
    """Run in a fresh process: build the index, report time and peak memory."""
    import resource

    from index.search.searcher import SearchIndex

    started = time.perf_counter()
    corpus = _corpus(content)
    ix = SearchIndex(corpus, Path(folder))
    ix.rebuild()
    seconds = time.perf_counter() - started
    status = ix.status()
    body_bytes = sum(len(d.body.encode("utf-8")) for d in corpus.documents())
    return {"build_s": seconds, "build_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "body_mb": body_bytes / 1e6, "documents": status["documents"], "clauses": status["clauses"],
            "index_mb": status["size_bytes"] / 1e6}


def child_open(content: str | None, folder: str) -> dict:
    """Run in a fresh process: time opening the index, then ``ensure``."""
    from index.search.searcher import SearchIndex

    ix = SearchIndex(_corpus(content), Path(folder))
    started = time.perf_counter()
    ok = ix._open()  # noqa: SLF001 - the bare open is what start-up pays
    opened = time.perf_counter() - started
    ix.close()
    ix = SearchIndex(_corpus(content), Path(folder))
    started = time.perf_counter()
    ix.ensure()
    ensured = time.perf_counter() - started
    return {"open_s": opened, "ensure_s": ensured, "opened": ok}


def _in_child(func: str, content: str | None, folder: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", func, content or "", folder],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def query_mix(ix, seed: int = 3) -> list[tuple[str, str]]:
    """(kind, query) pairs: common and rare strings of 1, 2, 4, 8 characters, phrases, filters, OR, NOT."""
    import opencc

    from index.search.analysis import CJK_RUN

    side = ix._ready().side  # noqa: SLF001 - the normalised texts the index holds
    norms = side.texts()
    rng = random.Random(seed)
    sample = rng.sample(norms, min(len(norms), 3000))
    mix: list[tuple[str, str]] = []
    s2t = opencc.OpenCC("s2t")
    for n in (1, 2, 4, 8):
        counts: dict[str, int] = {}
        for text in sample:
            for run in CJK_RUN.findall(text):
                for i in range(len(run) - n + 1):
                    counts[run[i:i + n]] = counts.get(run[i:i + n], 0) + 1
        ranked = sorted(counts, key=lambda g: (-counts[g], g))
        for g in ranked[:2]:
            mix.append((f"{n}-char common", g))
        mix.append((f"{n}-char common, traditional", s2t.convert(ranked[2])))
        rare = [g for g in ranked if counts[g] == 1]
        for g in rng.sample(rare, min(3, len(rare))):
            mix.append((f"{n}-char rare", g))
    docs = side.meta["docs"]
    region = docs[len(docs) // 2]["region"][:2]
    year = docs[len(docs) // 3]["year"] or 2017
    mix += [
        ("phrase", "“推进开发区整合优化”"), ("phrase, spaces", '"高质量 发展"'),
        ("filter", f"开发区 region:{region}"), ("filter", f"土地 year:{year - 3}-{year}"),
        ("filter only", f"level:省级 year:{year}"), ("OR", "土地 OR 用地"), ("NOT", "招商 -土地"),
        ("AND", "开发区 管理 改革"), ("traditional phrase", "“開發區高質量發展”"),
    ]
    return mix


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run_queries(ix, mix, fresh: bool, rounds: int) -> list[float]:
    """Latency in ms of each query of the mix, best of ``rounds`` (each round cold if ``fresh``)."""
    out = []
    for _, q in mix:
        best = float("inf")
        for _ in range(rounds):
            if fresh:
                ex = ix._ready()  # noqa: SLF001
                ex._cache.clear()  # noqa: SLF001
                ex._pos_cache.clear()  # noqa: SLF001
            started = time.perf_counter()
            result = ix.search(q, limit=20)
            best = min(best, time.perf_counter() - started)
            assert len(result.hits) <= 20
            for hit in result.hits:  # snippets and highlights were computed
                assert hit.snippet is not None
        out.append(best * 1000)
    return out


def brute_force(ix, mix) -> tuple[list[float], list[float]]:
    """(scan ms, index ms) for the plain-string queries of the mix."""
    from index.base.text import normalise

    norms = ix._ready().side.texts()  # noqa: SLF001
    scan, indexed = [], []
    for kind, q in mix:
        if not kind[0].isdigit():
            continue
        needle = normalise(q)
        started = time.perf_counter()
        found = [i for i, t in enumerate(norms) if needle in t]
        scan.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        result = ix.search(q, limit=20)
        indexed.append((time.perf_counter() - started) * 1000)
        assert result.total == len(found), (q, result.total, len(found))
    return scan, indexed


def bench_scale(name: str, content: str | None, folder: Path, show) -> dict:
    from index.search.searcher import SearchIndex

    figures = {"scale": name}
    figures.update(_in_child("build", content, str(folder)))
    figures["build_mb_s"] = figures["body_mb"] / figures["build_s"]
    figures.update(_in_child("open", content, str(folder)))
    ix = SearchIndex(_corpus(content), folder)
    ix.ensure()
    mix = query_mix(ix)
    ix.search("开发区")  # parse the documents hits come from once, as a running app has
    fresh = run_queries(ix, mix, fresh=True, rounds=1)
    fresh_best = run_queries(ix, mix, fresh=True, rounds=3)
    repeat = run_queries(ix, mix, fresh=False, rounds=3)
    scan, indexed = brute_force(ix, mix)
    figures.update(
        queries=len(mix),
        fresh_median_ms=statistics.median(fresh), fresh_p95_ms=_percentile(fresh, 0.95), fresh_max_ms=max(fresh),
        fresh_best3_median_ms=statistics.median(fresh_best), fresh_best3_p95_ms=_percentile(fresh_best, 0.95),
        repeat_median_ms=statistics.median(repeat), repeat_p95_ms=_percentile(repeat, 0.95),
        scan_median_ms=statistics.median(scan), scan_p95_ms=_percentile(scan, 0.95),
        index_plain_median_ms=statistics.median(indexed),
    )
    figures["scan_ratio"] = figures["scan_median_ms"] / figures["index_plain_median_ms"]
    figures["slowest"] = sorted(((round(ms, 1), kind, q) for (kind, q), ms in zip(mix, fresh, strict=True)),
                                reverse=True)[:5]
    ix.close()
    show(figures)
    return figures


def _show(f: dict) -> None:
    print(f"\n== {f['scale']}: {f['documents']} documents, {f['clauses']} clauses, {f['body_mb']:.1f} MB of text")
    print(f"build      {f['build_s']:.1f} s  = {f['build_mb_s']:.2f} MB/s   peak memory {f['build_peak_mb']:.0f} MB"
          f"   index {f['index_mb']:.1f} MB")
    print(f"open       {f['open_s'] * 1000:.0f} ms (new process)   ensure (open + fingerprint) "
          f"{f['ensure_s'] * 1000:.0f} ms")
    print(f"queries    {f['queries']} in the mix, top 20 with snippets")
    print(f"  fresh    median {f['fresh_median_ms']:.1f} ms   p95 {f['fresh_p95_ms']:.1f} ms"
          f"   max {f['fresh_max_ms']:.1f} ms   (best of 3: median {f['fresh_best3_median_ms']:.1f},"
          f" p95 {f['fresh_best3_p95_ms']:.1f})")
    print(f"  repeat   median {f['repeat_median_ms']:.1f} ms   p95 {f['repeat_p95_ms']:.1f} ms")
    print(f"  scan     median {f['scan_median_ms']:.1f} ms   p95 {f['scan_p95_ms']:.1f} ms   "
          f"(brute force; index median {f['index_plain_median_ms']:.1f} ms on the same queries: "
          f"scan/index = {f['scan_ratio']:.2f})")
    print("  slowest  " + "; ".join(f"{ms} ms {kind} {q!r}" for ms, kind, q in f["slowest"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=Path, help="a generated library folder (default: generate one)")
    parser.add_argument("--docs", type=int, default=3000)
    # gen_library's --mb counts 3 bytes a character; newlines are one, so bodies
    # come out ~1 % under it: 51 gives the issue's >= 50 MB of text.
    parser.add_argument("--mb", type=float, default=51.0)
    parser.add_argument("--no-large", action="store_true", help="seed corpus only")
    parser.add_argument("--json", action="store_true", help="also print all figures as one JSON line")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        func, content, folder = args.child
        print(json.dumps({"build": child_build, "open": child_open}[func](content or None, folder)))
        return 0
    print(f"python {sys.version.split()[0]}, {__import__('os').cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}")
    results = []
    with tempfile.TemporaryDirectory(prefix="zoneref-bench-search-") as tmp:
        results.append(bench_scale("seed", None, Path(tmp) / "seed-index", _show))
        if not args.no_large:
            large = args.large
            if large is None:
                from bench.gen_library import generate

                large = Path(tmp) / "library"
                started = time.perf_counter()
                generate(large, args.docs, args.mb)
                print(f"\n(generated {args.docs} documents in {time.perf_counter() - started:.0f} s)")
            results.append(bench_scale("large", str(large), Path(tmp) / "large-index", _show))
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
