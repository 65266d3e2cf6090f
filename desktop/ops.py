"""THE one way to run engine work off the GUI thread.

Modelled on Anki's ``QueryOp``: a function runs on the global ``QThreadPool``;
its result (or exception) comes back through a queued signal, so the success
and failure callbacks run on the GUI thread and no widget is ever touched from
a worker. Long work gets a ``progress(done, total, message)`` callback and a
``cancelled()`` check to pass down to the engine, and optionally a progress
dialog with a Cancel button.

Two ways to stop work, which differ in what arrives afterwards:

* ``stop()``: the user pressed Cancel. The engine stops at its next
  ``cancelled()`` check and its outcome is still delivered: the report of
  the documents imported before the cancel, or the engine's "cancelled"
  error that tells the caller to reopen the old index.
* ``cancel()``: the result is no longer wanted (a newer comparison, search
  or coverage replaced it). The engine stops at its next check, and
  whatever the work returns or raises is dropped: neither callback runs, so
  a superseded result can never overwrite a newer one.

Example::

    Op(lambda progress, cancelled: index.ensure(progress, cancelled),
       on_success=self.index_ready).with_progress(self, self.tr("Building index…")).run()
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from index.base.errors import Cancelled

__all__ = ["Cancelled", "Op", "lane", "run", "wait_all"]

log = logging.getLogger(__name__)

# Ops alive right now; keeps the Python objects (and their signal bridges)
# from being collected while a worker still holds them.
_RUNNING: set[Op] = set()
# Held by background work that runs Python for long stretches and need not overlap (``lane``).
_LANE = threading.Lock()


def lane() -> threading.Lock:
    """The lock that background module imports and the import's read hold while they run: one at a time.

    Each worker running Python makes the GUI thread wait for the interpreter lock at every Python call
    of a repaint; with two (the notes' modules imported after start, and an import dialog opened then
    collecting its files and importing its own), the window froze 110-160 ms (issue 14). A worker
    waiting here holds no interpreter lock. Hold it around work that ends on its own (no waiting on
    the GUI thread or on other ops): ``with ops.lane(): ...``.
    """
    return _LANE


class _Bridge(QObject):
    """Signals: done(), failed(), progress(int, int, str).

    The result travels on the ``Op`` object, not through the signal: queued
    ``Signal(object)`` arguments cross threads as wrapped PyObjects, which
    has been fragile in PySide.
    """

    done = Signal()
    failed = Signal()
    progress = Signal(int, int, str)


class Op:
    """A piece of engine work run on a worker thread.

    Args:
        func: called on the worker. It may accept ``progress`` and
            ``cancelled`` keyword arguments (detected by name).
        on_success: called on the GUI thread with the result.
        on_failure: called on the GUI thread with the exception; default logs it.
        parent: a widget whose destruction makes late results be ignored.
    """

    def __init__(self, func: Callable[..., Any], on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None, parent: QWidget | None = None):
        self.func = func
        self.on_success = on_success
        self.on_failure = on_failure
        self.parent = parent
        self._cancel = threading.Event()
        self._bridge = _Bridge()
        self._bridge.done.connect(self._finish_ok, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._finish_err, Qt.ConnectionType.QueuedConnection)
        self._bridge.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._dialog: QProgressDialog | None = None
        self._dialog_label = ""
        self._dialog_parent: QWidget | None = None
        self._timer: QTimer | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        # Called on the GUI thread when the op ends, however it ends (delivered, failed, dropped).
        self.on_end: Callable[[], None] | None = None
        self.finished = False
        self._result: Any = None
        self._error: BaseException | None = None
        self._dropped = False

    # -- configuration ----------------------------------------------------
    def with_progress(self, parent: QWidget, label: str, delay_ms: int = 300) -> Op:
        """Show a modal progress dialog with Cancel if the work takes > ``delay_ms``."""
        self._dialog_parent = parent
        self._dialog_label = label
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._show_dialog)
        return self

    # -- control ----------------------------------------------------------
    def stop(self) -> None:
        """Ask the work to stop at the engine's next ``cancelled()`` check; its outcome is still delivered."""
        self._cancel.set()

    def run(self) -> Op:
        """Start the work; returns self."""
        _RUNNING.add(self)
        if self._timer is not None:
            self._timer.start()
        # A plain callable, not a QRunnable subclass: PySide's ownership of
        # auto-deleted Python runnables is fragile at interpreter exit.
        QThreadPool.globalInstance().start(self._work)
        return self

    def cancel(self) -> None:
        """Stop the work and drop its outcome: neither callback will run (a newer op superseded it)."""
        self._dropped = True
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # -- worker side --------------------------------------------------------
    def _work(self) -> None:  # worker thread: only emit signals here
        try:
            self._result = self._call()
        except BaseException as exc:  # noqa: BLE001 - delivered to the failure callback
            self._error = exc
            self._emit("failed")
        else:
            self._emit("done")

    def _emit(self, name: str) -> None:
        # At interpreter exit the bridge's C++ object can be gone before a
        # worker ends (a build still running when the app quit): nobody is
        # left to tell, so the result is dropped instead of raising on the worker.
        try:
            getattr(self._bridge, name).emit()
        except (RuntimeError, AttributeError):
            log.debug("result of a background operation dropped: its receiver is gone")

    def _call(self) -> Any:
        names = _param_names(self.func)
        kwargs: dict[str, Any] = {}
        if "progress" in names:
            kwargs["progress"] = self._report
        if "cancelled" in names:
            kwargs["cancelled"] = self.cancelled
        if "cancel" in names:
            kwargs["cancel"] = self.cancelled
        return self.func(**kwargs)

    def _report(self, done: int = 0, total: int = 0, message: str = "", *_: Any) -> None:
        # Never raises: the engine polls ``cancelled()`` where stopping is safe
        # (e.g. between documents), so a cancelled import keeps its report.
        bridge = self._bridge
        if bridge is not None:
            try:
                bridge.progress.emit(int(done or 0), int(total or 0), str(message or ""))
            except RuntimeError:  # the bridge is gone (interpreter exit): nobody to tell
                pass

    # -- GUI side -----------------------------------------------------------
    def _alive(self) -> bool:
        if self.parent is None:
            return True
        try:
            self.parent.objectName()  # raises if the C++ object is gone
        except RuntimeError:
            return False
        return True

    def _cleanup(self) -> None:
        self.finished = True
        end, self.on_end = self.on_end, None
        if end is not None:
            end()
        if self._timer is not None:
            self._timer.stop()
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        _RUNNING.discard(self)

    def _release(self) -> None:
        # Break the op ↔ bridge cycle now: a QObject with Python slots left
        # for the final garbage collection at interpreter exit crashes PySide.
        bridge, self._bridge = self._bridge, None
        if bridge is not None:
            bridge.done.disconnect()
            bridge.failed.disconnect()
            bridge.progress.disconnect()
            bridge.deleteLater()
        self.func = self.on_success = self.on_failure = self.on_progress = None

    def _finish_ok(self) -> None:
        result, self._result = self._result, None
        callback = self.on_success
        if self._end() and callback is not None:
            callback(result)

    def _finish_err(self) -> None:
        exc, self._error = self._error, None
        callback = self.on_failure
        if not self._end():
            return
        if callback is not None:
            callback(exc)
        elif not isinstance(exc, Cancelled):
            log.error("background operation failed", exc_info=exc)

    def _end(self) -> bool:
        """Finish the op; whether its outcome may be delivered (not dropped, its parent still alive)."""
        self._cleanup()
        deliver = self._alive() and not self._dropped
        self._release()
        return deliver

    def _show_dialog(self) -> None:
        if self.finished or self._dialog_parent is None:
            return
        dlg = QProgressDialog(self._dialog_label, QCoreApplication.translate("Ops", "Cancel"), 0, 0,
                              self._dialog_parent)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.canceled.connect(self.stop)
        dlg.show()
        self._dialog = dlg

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self._dropped or not self._alive():  # a superseded op's late reports would overwrite its successor's
            return
        if self.on_progress is not None:
            self.on_progress(done, total, message)
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)
            if message:
                self._dialog.setLabelText(f"{self._dialog_label}\n{message}")


def _param_names(func: Callable[..., Any]) -> set[str]:
    try:
        return set(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return set()


def run(func: Callable[..., Any], on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None, parent: QWidget | None = None) -> Op:
    """Shorthand: ``Op(...).run()``."""
    return Op(func, on_success, on_failure, parent).run()


def wait_all(timeout_ms: int = 10000) -> bool:
    """Block until the pool is idle (tests and the screenshot command)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
