"""Shared GUI fixtures: the application object and main windows (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(qapp):
    """ZoneRef's application setup (translators, palette, icon) on pytest-qt's one QApplication."""
    from desktop import app as app_module

    return app_module.create_app()


@pytest.fixture
def open_window(app, qtbot):
    """Make main windows the way the app does; each is closed without saving its layout at the end.

    Call it as ``open_window(restore=True, start=True)``: ``restore`` reads the
    saved layout, ``start`` opens the search index and notes in the background.
    """
    from desktop.mainwindow import MainWindow

    made = []

    def make(restore: bool = True, start: bool = True):
        w = MainWindow(restore=restore)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        if start:
            w.start_background()
        made.append(w)
        return w

    yield make
    for w in made:
        close_window(w)


def close_window(w) -> None:
    """Close a window without writing its layout (tests must not leave state for the next)."""
    w.save_state = lambda: None
    w.close()


@pytest.fixture
def win(open_window):
    """A started main window at 1366×768."""
    return open_window()


@pytest.fixture
def idle_win(open_window):
    """A main window at 1366×768 whose background start (index, notes) is not run."""
    return open_window(start=False)


def settled(services, timeout: float = 30.0) -> None:
    """Wait until ``services`` has applied every change (documents changed: the library is listed on a worker
    and swapped in after, ``Services.applying``)."""
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while services.applying() or services.looking():
        assert time.monotonic() < end, "the change was not applied in time"
        QApplication.processEvents()
        time.sleep(0.005)


def looked(services, timeout: float = 30.0) -> None:
    """Wait until a look for other processes' changes has its files' stats back from the worker
    (``Services.looking``); a change it found may still be being listed (``applying``)."""
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while services.looking():
        assert time.monotonic() < end, "the look did not end in time"
        QApplication.processEvents()
        time.sleep(0.005)


#: A short imported policy (云南省, one 招商 clause) for tests that change the library under a window.
POLICY = "云南省人民政府关于促进开发区高质量发展的意见\n\n一、招商引资\n\n（一）创新招商方式。推行产业链招商、以商招商，建设滇中招商项目库。\n"


def import_into(services, path, text: str = POLICY, apply: bool = True, settle: bool = True):
    """Import ``text`` (written to ``path``) through the window's workspace, as the import dialog does; apply
    the change to the views and wait until it is applied. Returns (report, changes)."""
    path.write_text(text, encoding="utf-8")
    report, changes = services.workspace.import_paths([path], workers=1)
    if apply:
        services.apply(changes)
        if settle:
            settled(services)
    return report, changes
