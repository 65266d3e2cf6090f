"""Import a folder through the desktop app, as a user does, offscreen: for ``bench_import.py --gui``.

文件 → 导入文件夹 opens the import dialog on the folder; it reads and guesses
every file (step 1), then 导入 adds them (step 2: documents written, the search
index updated in its worker process); the window then reloads its library and
reopens the index. Prints one JSON line: the counts, the seconds of each step,
and when the index was open again.

    python -m bench.gui_import_probe FOLDER [--settle SECONDS]    # with ZONEREF_HOME set

``--settle`` leaves the window idle that long (its own phase, ``settle``)
after the index is ready and before the dialog opens, so that what start-up
still does in the background (the notes, the library filter's preparation)
is over: the import phase's stalls are then the import's own. By default
(0) the dialog opens at once, as a user who imports right after start does.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _wait(app, done, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the GUI import did not finish in time")
        app.processEvents()
        time.sleep(0.01)


def _rss_mb() -> int:
    """This process's resident memory now (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


class _Peaks:
    """The app process's highest resident memory in each step, sampled on a thread."""

    def __init__(self):
        import threading

        self.step = "start"
        self.peaks: dict[str, int] = {}
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            self.peaks[self.step] = max(self.peaks.get(self.step, 0), _rss_mb())
            time.sleep(0.02)


def _idle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gui_import_probe")
    parser.add_argument("folder")
    parser.add_argument("--settle", type=float, default=0.0,
                        help="seconds the window stays idle after the index is ready, before the import dialog opens")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc

    # As ``zoneref gui`` launches: the cyclic collector paused until the first paint, where the window
    # freezes what start-up made and turns it back on. Left on, every later full collection walked the
    # start-up heap too, on whichever thread it fell (a worker's held the GUI thread for 0.2-0.3 s).
    gc.disable()
    from desktop.app import create_app, show_main_window
    from desktop.import_dialog import ImportDialog
    from desktop.stalls import StallRecorder

    peaks = _Peaks()
    app = create_app(["zoneref-bench"])
    win = show_main_window(restore=False)  # as a launch shows it: the index opens on a worker
    stalls = StallRecorder(parent=win)
    stalls.start()
    _wait(app, lambda: win.services.index is not None, 600)  # the library's index, as at start
    if args.settle > 0:
        stalls.set_phase("settle")
        _idle(app, args.settle)
    stalls.set_phase("import")

    t0 = time.monotonic()
    peaks.step = "read"
    dlg = ImportDialog(win.services, [args.folder], win)  # as MainWindow.import_paths opens it
    dlg.open()
    _wait(app, lambda: dlg._op is None, 3600)  # noqa: SLF001
    t_read = time.monotonic() - t0
    ready = len(dlg.candidates)
    peaks.step = "add"
    dlg.import_button.click()
    _wait(app, lambda: dlg._op is None, 3600)  # noqa: SLF001
    t_add = time.monotonic() - t0 - t_read
    peaks.step = "reopen"
    # Applied (the library listed on a worker and swapped in) and the index reopened on it.
    _wait(app, lambda: not win.services.applying() and win.services.index is not None, 600)
    t_index = time.monotonic() - t0 - t_read - t_add
    stalls.set_phase("probe")  # the probe's own check, on this thread: not the app's
    hits = win.services.index.search("开发区", limit=20)
    stalls.set_phase("search")
    searched = _type_queries(app, win, ["开", "开发", "开发区", "营商环境", "土地 OR 用地", "高质量发展"])
    stalls.stop()

    print(json.dumps({"settle_s": args.settle, "searched": searched, **stalls.report(), "ready": ready, "errors": len(dlg.errors), "skipped": len(dlg.skipped),
                      "documents": len(win.services.corpus.documents()), "read_s": round(t_read, 2),
                      "add_s": round(t_add, 2), "reopen_index_s": round(t_index, 2), "total": hits.total,
                      "app_peak_mb": peaks.peaks}))
    win.close()
    return 0


def _type_queries(app, win, queries: list[str]) -> int:
    """Type each query into the search view, a character at a time, and wait for its results."""
    win.show_search()
    view = win.search_view
    done = 0
    for query in queries:
        for end in range(1, len(query) + 1):
            view.query.setText(query[:end])
            end_at = time.monotonic() + 0.12  # a typist's pace
            while time.monotonic() < end_at:
                app.processEvents()
                time.sleep(0.005)
        # Its results are on screen: sent after the typing pause, answered, nothing waiting.
        _wait(app, lambda q=query: bool(view._last) and view._last[0] == q and not view._busy  # noqa: SLF001
              and view._pending is None and not view.timer.isActive(), 60)  # noqa: SLF001
        done += 1
    return done


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
