"""Event-loop stalls: a timer on the GUI thread that notices when it fired late.

A ``StallRecorder`` asks for a tick every ``INTERVAL_MS``; when a tick comes
more than ``threshold_ms`` late, the GUI thread was busy (a freeze the user
feels) for about that long, and the stall is recorded with the phase the
caller named (``start``, ``import``, ``search`` …). The benchmarks
(``gui --time-startup``, ``bench/gui_import_probe.py``) report them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 10


class StallRecorder(QObject):
    """Records event-loop stalls longer than ``threshold_ms`` while running.

    Attributes:
        phase: a label recorded with each stall; set it as the work moves on.
        stalls: ``(phase, milliseconds late)`` for each stall, in order.
    """

    def __init__(self, threshold_ms: float = 100.0, parent=None):
        super().__init__(parent)
        self.threshold_ms = threshold_ms
        self.phase = "start"
        self.stalls: list[tuple[str, float]] = []
        self.longest: dict[str, float] = {}
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_phase(self, phase: str) -> None:
        """Name the work from now on (the tick in progress still counts for the previous phase)."""
        self._tick()
        self.phase = phase

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._last) * 1000 - INTERVAL_MS
        self._last = now
        self.longest[self.phase] = max(self.longest.get(self.phase, 0.0), late)
        if late > self.threshold_ms:
            self.stalls.append((self.phase, round(late, 1)))

    def report(self) -> dict:
        """``{"stalls": [[phase, ms], ...], "longest_ms": {phase: ms}}`` for a benchmark's JSON."""
        return {"stalls": [list(s) for s in self.stalls],
                "longest_ms": {k: round(v, 1) for k, v in self.longest.items()}}
