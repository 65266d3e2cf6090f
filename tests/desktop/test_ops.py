"""Background work through ops.Op: off the GUI thread, progress, cancel, failure."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_ops_runs_off_thread_and_reports(app, qtbot):
    import threading

    from desktop import ops

    main = threading.get_ident()
    got = {}

    def work(progress, cancelled):
        progress(1, 2, "half")
        return threading.get_ident()

    op = ops.Op(work, lambda r: got.setdefault("thread", r), lambda e: got.setdefault("err", e))
    op.on_progress = lambda d, t, m: got.setdefault("progress", (d, t, m))
    op.run()
    qtbot.waitUntil(lambda: "thread" in got or "err" in got)
    assert got["thread"] != main
    assert got["progress"] == (1, 2, "half")


def test_ops_cancel_and_failure(app, qtbot):
    import threading

    from desktop import ops

    started = threading.Event()
    got = {}

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            progress(0, 0, "")
            threading.Event().wait(0.01)
        raise ops.Cancelled("stopped")

    op = ops.Op(work, lambda r: got.setdefault("ok", r), lambda e: got.setdefault("err", e))
    op.run()
    started.wait(5)
    op.stop()
    qtbot.waitUntil(lambda: "err" in got)
    assert isinstance(got["err"], ops.Cancelled)  # stopped: the outcome is still delivered

    op2 = ops.Op(lambda: 1 / 0, None, lambda e: got.setdefault("err2", e)).run()
    qtbot.waitUntil(lambda: "err2" in got)
    assert isinstance(got["err2"], ZeroDivisionError) and op2.finished


def test_on_end_runs_however_the_op_ends(app, qtbot):
    import threading

    from desktop import ops

    ended = []
    go = threading.Event()
    ok = ops.Op(lambda: 1, lambda r: None)
    ok.on_end = lambda: ended.append("ok")
    failed = ops.Op(lambda: 1 / 0, None, lambda e: None)
    failed.on_end = lambda: ended.append("failed")
    dropped = ops.Op(lambda cancelled: go.wait(5), lambda r: ended.append("delivered"))
    dropped.on_end = lambda: ended.append("dropped")
    for op in (ok, failed, dropped):
        op.run()
    dropped.cancel()  # superseded: no callback runs, but the op still ends
    go.set()
    qtbot.waitUntil(lambda: len(ended) >= 3, timeout=10000)
    assert sorted(ended) == ["dropped", "failed", "ok"]
