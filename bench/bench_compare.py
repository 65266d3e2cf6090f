"""Speed of ``index.compare.align.counterparts`` (≤ 100 ms bundled; ≤ 200 ms for 10 of 3,000 docs; ≤ 0.5 s all).

Run: ``.venv/bin/python bench/bench_compare.py [--library DIR] [--docs 3000]``

1. One clause against all bundled documents, for every clause of 浙江 in turn:
   the first call (cold: parses the documents, builds the background IDF)
   and then the median and worst of the rest (warm caches for the
   candidates, as in a GUI session).
2. A generated library of 3,000 documents (``bench/gen_library.py``; made in
   a temporary folder unless ``--library`` names one), restricted to 10
   chosen documents: each query uses a fresh set of 10 documents, so the
   candidates' features are computed inside the timed call (the cold case a
   user meets when choosing new columns); then the same query again (warm).
3. The same library, every document a column (``zoneref compare CLAUSE``):
   the search index is built first (not timed); the comparison takes its
   term statistics and candidates from it (``index.compare.candidates``).
   Wall time per query and the growth of the process's resident memory over
   the opened index (target ≤ 0.5 s, ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.compare import align  # noqa: E402
from index.library.corpus import Corpus  # noqa: E402

# CPU time of this process: the code is single-threaded, and CPU time is not
# inflated when other processes share the machine's two cores (wall time is
# printed too, for the machine as it is now).
_WALL: list[float] = []


def _ms(fn) -> float:
    t, w = time.process_time(), time.perf_counter()
    fn()
    _WALL.append((time.perf_counter() - w) * 1000)
    return (time.process_time() - t) * 1000


def _wall_median(n: int) -> float:
    return statistics.median(_WALL[-n:])


def bench_bundled() -> None:
    print(f"process warm-up (align.prepare: model, taxonomy, segmenter): {_ms(align.prepare):.1f} CPU ms")
    corpus = Corpus(imported_dir=None)
    clauses = [c.id for c in corpus.clauses("zhejiang-2022-kaifaqu")]
    cold = _ms(lambda: align.counterparts(corpus, clauses[0], pins={}))
    warm = [_ms(lambda cid=cid: align.counterparts(corpus, cid, pins={})) for cid in clauses[1:]]
    print(f"bundled (5 docs), CPU ms: first call {cold:.1f}; next {len(warm)} clauses median "
          f"{statistics.median(warm):.1f}, max {max(warm):.1f}  (target ≤ 100 ms; wall median "
          f"{_wall_median(len(warm)):.1f})")


def bench_library(folder: Path, queries: int = 20) -> None:
    t = time.perf_counter()
    corpus = Corpus(folder, imported_dir=None)
    docs = [d.id for d in corpus.documents()]
    print(f"library: {len(docs)} documents, listing took {(time.perf_counter() - t) * 1000:.0f} ms")
    rng = random.Random(7)
    cold, warm, parse, cold_wall, warm_wall = [], [], [], [], []
    for _ in range(queries):
        chosen = rng.sample(docs, 11)
        source_doc, columns = chosen[0], chosen[1:]
        # Parsing a document's clauses is the corpus's work (cached per
        # document); time it apart from the comparison itself.
        parse.append(_ms(lambda chosen=chosen: [corpus.clauses(d) for d in chosen]))
        clause = rng.choice([c for c in corpus.clauses(source_doc) if len(c.text) > 40])
        cold.append(_ms(lambda c=clause, cols=columns: align.counterparts(corpus, c.id, doc_ids=cols, pins={})))
        cold_wall.append(_WALL[-1])
        warm.append(_ms(lambda c=clause, cols=columns: align.counterparts(corpus, c.id, doc_ids=cols, pins={})))
        warm_wall.append(_WALL[-1])
    print(f"3,000-doc library, 10 chosen docs, {queries} queries (CPU ms; wall median in brackets):")
    print(f"  parse 11 new documents (corpus, first use only): median {statistics.median(parse):.1f}")
    print(f"  compare, cold features: median {statistics.median(cold):.1f}, max {max(cold):.1f}"
          f"  [{statistics.median(cold_wall):.1f}]  (target ≤ 200 ms)")
    print(f"  compare, warm:          median {statistics.median(warm):.1f}, max {max(warm):.1f}"
          f"  [{statistics.median(warm_wall):.1f}]")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_all_columns(folder: Path, queries: int = 10) -> None:
    from index.search.searcher import SearchIndex

    corpus = Corpus(folder, imported_dir=None)
    with tempfile.TemporaryDirectory() as tmp:
        index = SearchIndex(corpus, Path(tmp) / "index")
        t = time.perf_counter()
        index.ensure()
        print(f"search index: {index.record_count():,} clauses, built/opened in {time.perf_counter() - t:.1f} s")
        rss0 = _rss_mb()
        rng = random.Random(11)
        docs = [d.id for d in corpus.documents()]
        walls, peak = [], rss0
        for _ in range(queries):
            clause = rng.choice([c for c in corpus.clauses(rng.choice(docs)) if len(c.text) > 40])
            w = time.perf_counter()
            result = align.counterparts(corpus, clause.id, pins={}, search_index=index)
            walls.append(time.perf_counter() - w)
            peak = max(peak, _rss_mb())
        shown = sum(bool(c.matches) for c in result.columns)
        print(f"every document a column ({len(docs)} columns, {queries} queries): wall median "
              f"{statistics.median(walls):.2f} s, max {max(walls):.2f} s (target ≤ 0.5 s); first "
              f"{walls[0]:.2f} s; resident memory +{peak - rss0:.0f} MB over the opened index (target ≤ 300 MB); "
              f"last query: {shown} columns with a match")
        index.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="an existing generated library folder")
    parser.add_argument("--docs", type=int, default=3000)
    args = parser.parse_args(argv)
    bench_bundled()
    if args.library:
        bench_library(args.library)
        bench_all_columns(args.library)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_library.py"), tmp, "--docs", str(args.docs)],
                       check=True, stdout=subprocess.DEVNULL)
        bench_library(Path(tmp))
        bench_all_columns(Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
