"""Import a folder through the desktop app, as a user does, offscreen: for ``bench_import.py --gui``.

文件 → 导入文件夹 opens the import dialog on the folder; it reads and guesses
every file (step 1), then 导入 adds them (step 2: documents written, the search
index updated in its worker process); the window then reloads its library and
reopens the index. Prints one JSON line: the counts, the seconds of each step,
and when the index was open again.

    python -m bench.gui_import_probe FOLDER     # with ZONEREF_HOME set
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


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import create_app, show_main_window
    from desktop.import_dialog import ImportDialog

    peaks = _Peaks()
    app = create_app(["zoneref-bench"])
    win = show_main_window(restore=False)  # as a launch shows it: the index opens on a worker
    _wait(app, lambda: win.services.index is not None, 600)  # the bundled library's index, as at start

    t0 = time.monotonic()
    peaks.step = "read"
    dlg = ImportDialog(win.services, [argv[0]], win)
    dlg.imported.connect(win._after_import)  # noqa: SLF001 - what MainWindow.import_paths connects
    dlg.open()
    _wait(app, lambda: dlg._op is None, 3600)  # noqa: SLF001
    t_read = time.monotonic() - t0
    ready = len(dlg.candidates)
    peaks.step = "add"
    dlg.import_button.click()
    _wait(app, lambda: dlg._op is None, 3600)  # noqa: SLF001
    t_add = time.monotonic() - t0 - t_read
    peaks.step = "reopen"
    _wait(app, lambda: win.services.index is not None, 600)
    t_index = time.monotonic() - t0 - t_read - t_add
    hits = win.services.index.search("开发区", limit=20)

    print(json.dumps({"ready": ready, "errors": len(dlg.errors), "skipped": len(dlg.skipped),
                      "documents": len(win.services.corpus.documents()), "read_s": round(t_read, 2),
                      "add_s": round(t_add, 2), "reopen_index_s": round(t_index, 2), "total": hits.total,
                      "app_peak_mb": peaks.peaks}))
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
