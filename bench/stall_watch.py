"""What the GUI thread (and the others) were doing during each event-loop stall: for finding their causes.

``patch()`` replaces ``desktop.stalls.StallRecorder`` with one that also runs
a watchdog thread: every few milliseconds, while the recorder's tick is late
by more than ``WATCH_FROM_MS``, it samples every thread's Python stack
(``sys._current_frames``). The garbage collector's runs are logged too
(``gc.callbacks``: the thread, the generation, how long). At exit (or
``dump()``) each stall over ``threshold`` is written to ``ZONEREF_STALL_WATCH``
(a JSON file) with its samples and the collections that overlapped it; a gap
between two samples means the watchdog could not get the interpreter lock.

    ZONEREF_STALL_WATCH=/tmp/w.json python -m bench.stall_watch probe FOLDER     # gui_import_probe
    ZONEREF_STALL_WATCH=/tmp/w.json python -m bench.stall_watch start            # gui --time-startup
    python -m bench.stall_watch show /tmp/w.json
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import sys
import threading
import time
import traceback

WATCH_FROM_MS = 30.0
SAMPLE_S = 0.004
REPORT_FROM_MS = 60.0

_samples: list[tuple[float, dict]] = []  # (perf_counter, {thread name: [frames]})
_gcs: list[dict] = []
_ticks: list[tuple[float, float, str]] = []  # (previous tick, this tick, phase) of late ticks
_gc_start: dict[int, tuple[float, int]] = {}


def _gc_cb(phase: str, info: dict) -> None:
    tid = threading.get_ident()
    now = time.perf_counter()
    if phase == "start":
        _gc_start[tid] = (now, info.get("generation", -1))
    else:
        t0, gen = _gc_start.pop(tid, (now, -1))
        if now - t0 > 0.005:
            _gcs.append({"t0": t0, "ms": round((now - t0) * 1000, 1), "gen": gen,
                         "thread": threading.current_thread().name, "collected": info.get("collected")})


def _stack(frame, depth: int = 14) -> list[str]:
    out = []
    for fs in traceback.extract_stack(frame)[-depth:]:
        out.append(f"{os.path.relpath(fs.filename) if 'site-packages' not in fs.filename else fs.filename.split('site-packages/')[-1]}:{fs.lineno} {fs.name}")
    return out


def _watch(recorder_ref: list, gui_tid: int) -> None:
    names = {}
    while True:
        time.sleep(SAMPLE_S)
        rec = recorder_ref[0] if recorder_ref else None
        if rec is None or not rec.watching:
            continue
        now = time.perf_counter()
        if (now - rec._last) * 1000 < WATCH_FROM_MS:  # noqa: SLF001
            continue
        frames = sys._current_frames()  # noqa: SLF001
        for t in threading.enumerate():
            names[t.ident] = t.name
        snap = {}
        me = threading.get_ident()
        for tid, f in frames.items():
            if tid == me:
                continue
            name = "GUI" if tid == gui_tid else names.get(tid, str(tid))
            snap[name] = _stack(f, 14 if tid == gui_tid else 6)
        _samples.append((now, snap))


def patch() -> None:
    """Make every ``StallRecorder`` made from now on watched (one at a time)."""
    from desktop import stalls

    base = stalls.StallRecorder
    ref: list = []

    class Watched(base):
        watching = False

        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            ref[:] = [self]

        def start(self) -> None:
            super().start()
            self.watching = True

        def stop(self) -> None:
            self.watching = False
            super().stop()

        def _tick(self) -> None:
            prev = self._last
            super()._tick()
            late = (self._last - prev) * 1000 - stalls.INTERVAL_MS
            if late > REPORT_FROM_MS:
                _ticks.append((prev, self._last, self.phase))

    stalls.StallRecorder = Watched
    gc.callbacks.append(_gc_cb)
    threading.Thread(target=_watch, args=(ref, threading.get_ident()), name="stall-watch", daemon=True).start()
    atexit.register(dump)


def dump() -> None:
    path = os.environ.get("ZONEREF_STALL_WATCH")
    if not path:
        return
    out = []
    for t0, t1, phase in _ticks:
        samples = [{"at_ms": round((t - t0) * 1000, 1), **s} for t, s in _samples if t0 <= t <= t1]
        gcs = [dict(g, at_ms=round((g["t0"] - t0) * 1000, 1)) for g in _gcs if g["t0"] + g["ms"] / 1000 >= t0
               and g["t0"] <= t1]
        for g in gcs:
            g.pop("t0")
        out.append({"phase": phase, "ms": round((t1 - t0) * 1000, 1), "gcs": gcs, "samples": samples})
    allgc = [dict(g) for g in _gcs]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"stalls": out, "gc_over_5ms": [{k: v for k, v in g.items() if k != "t0"} for g in allgc]}, fh,
                  ensure_ascii=False, indent=1)


def show(path: str) -> None:
    data = json.load(open(path, encoding="utf-8"))
    print("collections over 5 ms:", [(g["thread"], g["gen"], g["ms"]) for g in data["gc_over_5ms"]])
    for s in data["stalls"]:
        print(f"\n=== {s['phase']} stall {s['ms']} ms; gcs {s['gcs']}")
        last = None
        for smp in s["samples"]:
            gui = smp.get("GUI", [])
            key = tuple(gui[-4:])
            others = {k: v[-1] for k, v in smp.items() if k not in ("GUI", "at_ms")}
            print(f"  @{smp['at_ms']} ms others: {others}")
            if key != last:
                print("    GUI: " + "\n         ".join(gui))
                last = key


def main(argv: list[str]) -> int:
    if argv[0] == "show":
        show(argv[1])
        return 0
    gc.disable()  # as both launches run: the collector paused until the first paint
    patch()
    if argv[0] == "probe":
        from bench import gui_import_probe

        return gui_import_probe.main(argv[1:])
    if argv[0] == "start":
        from desktop.cli import main as cli_main

        return cli_main(["gui", "--time-startup", *argv[1:]])
    raise SystemExit(f"unknown: {argv[0]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
