"""``zoneref gui``: launch the window; ``--screenshot DIR`` writes one PNG per view (``screenshots``).

Qt is imported only when the command runs, so the data commands stay Qt-free.
The screenshot run lives in its own module, loaded only for ``--screenshot``:
a launch does not compile or run it before its window shows.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop window")
    p.add_argument("--screenshot", metavar="DIR", help="render each main view offscreen to DIR/*.png and exit")
    p.add_argument("--language", choices=("zh_CN", "en"), help="interface language for this run")
    p.add_argument("--time-startup", action="store_true",
                   help="open the window, print as JSON when it became interactive and when the search index "
                        "was ready (seconds since the epoch), and exit (bench/bench_bundle.py)")
    p.set_defaults(func=cmd_gui)


def cmd_gui(args) -> int:
    if args.screenshot:
        from desktop.cli.screenshots import screenshot

        return screenshot(Path(args.screenshot), language=args.language)
    if args.time_startup:
        return time_startup()
    _check_home()
    from desktop import app as app_module

    if args.language:
        app_module.create_app()
        from desktop import settings

        settings.put(settings.LANGUAGE, args.language)
    return app_module.run_gui(sys.argv[:1])


def _check_home() -> None:
    """Check the user data folder before the window starts (its settings are read first thing).

    A launch from the desktop has no terminal: an unusable folder (``ZONEREF_HOME`` naming a file, say) is
    said in a message box, then raised for the command line to print (exit 1). It was a traceback.
    """
    from index.base import paths

    try:
        paths.user_home()
    except paths.UnusableHomeError as exc:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from desktop.errors import error_text

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - kept while the box shows
        QMessageBox.critical(None, "ZoneRef", error_text(exc))
        raise


def time_startup() -> int:
    """Start the real window as ``run_gui`` does; print when it took input and when its background work ended.

    Prints one JSON line of wall-clock times (``time.time()``): ``interactive``
    (the first pass of the event loop after the window's first paint: it is
    on screen and takes input; ``cpu``: the processor seconds the process had
    used by then, which a busy machine does not inflate), ``index_ready`` and
    ``reanchored`` (the background jobs), ``tabs`` (how many the restored
    session opened), ``platform`` (Qt's platform plugin: ``xcb``, ``wayland``,
    ``windows`` …) and the event-loop stalls over 100 ms from the first paint
    until the background jobs ended (``desktop.stalls``: ``stalls``,
    ``longest_ms``); then exits,
    saving the session as closing the window does. ``bench/startup_probe.py``
    reads it.
    """
    import json

    from desktop import app as app_module

    qapp = app_module.create_app(sys.argv[:1])
    from PySide6.QtCore import QEvent, QObject, QTimer

    from desktop.stalls import StallRecorder

    out: dict = {}

    def ready() -> None:
        t = os.times()
        out.update(interactive=time.time(), cpu=t.user + t.system, tabs=win.tabs.count(),
                   platform=qapp.platformName())
        stalls.start()

    class Painted(QObject):
        """Calls ``ready`` on the first pass of the event loop after the window's first paint."""

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not out:
                out["painted"] = time.time()
                QTimer.singleShot(0, ready)
            return False

    painted = Painted()
    win = app_module.show_main_window(app_module.MEASURED_SIZE, before_show=lambda w: w.installEventFilter(painted))
    stalls = StallRecorder(parent=win)

    def stamp(key: str) -> None:
        out[key] = time.time()
        if "index_ready" in out and "reanchored" in out:
            stalls.stop()
            out.update(stalls.report())
            win.close()
            qapp.quit()

    def failed(exc) -> None:
        out["error"] = str(exc)
        qapp.quit()

    win.services.index_ready.connect(lambda _index: stamp("index_ready"))
    win.services.reanchored.connect(lambda _report: stamp("reanchored"))
    win.services.index_failed.connect(failed)
    QTimer.singleShot(120_000, lambda: failed(TimeoutError("background work did not finish in 120 s")))
    qapp.exec()
    print(json.dumps(out), flush=True)
    return 0 if "error" not in out else 1
