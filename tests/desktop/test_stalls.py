"""The event-loop stall recorder the benchmarks use: a busy GUI thread is recorded under the phase named."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from desktop.stalls import StallRecorder


def test_a_blocked_event_loop_is_recorded_under_its_phase(qapp, qtbot):
    recorder = StallRecorder(threshold_ms=100)
    recorder.start()
    qtbot.wait(30)
    recorder.set_phase("busy")
    done = []
    QTimer.singleShot(0, lambda: (time.sleep(0.3), done.append(True)))
    qtbot.waitUntil(lambda: bool(done))
    qtbot.wait(30)  # the next tick notices how late it is
    recorder.set_phase("after")
    recorder.stop()
    busy = [ms for phase, ms in recorder.stalls if phase == "busy"]
    assert busy and max(busy) >= 250
    report = recorder.report()
    assert report["longest_ms"]["busy"] >= 250
    assert ["busy", max(busy)] in report["stalls"]


def test_a_stall_under_the_threshold_is_not_listed(qapp, qtbot):
    recorder = StallRecorder(threshold_ms=10_000)
    recorder.start()
    recorder.set_phase("busy")
    QTimer.singleShot(0, lambda: time.sleep(0.15))
    qtbot.wait(250)
    recorder.stop()
    assert recorder.stalls == []
    assert recorder.longest["busy"] >= 100
