"""ZoneRef front ends: the ``zoneref`` CLI and the Qt desktop app."""

import os

# numpy's OpenBLAS starts a thread pool, one thread per core, when numpy is
# imported: ~90 ms of every process's start here (``zoneref search`` waits for
# it). Nothing in ZoneRef multiplies matrices large enough to gain from it (the
# comparison's vectors are small; only the benchmarks' model fitting solves a
# system), so one thread. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
