"""Preferences: zoom and settings persist across a restart."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_zoom_and_settings_persist_across_restart(app, qtbot):
    from desktop import settings
    from desktop.mainwindow import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    reader = w.open_document("hebei-2017-kaifaqu")
    w.open_document("henan-2017-kaifaqu")
    before = reader.font_size
    w._zoom(2)
    w.resize(800, 520)
    expected = [r.doc_id for r in w.readers()]
    assert expected[-2:] == ["hebei-2017-kaifaqu", "henan-2017-kaifaqu"]
    w.close()  # saves layout and tabs
    assert settings.get(settings.FONT_SIZE) == before + 2

    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    assert [r.doc_id for r in w2.readers()] == expected
    assert w2.readers()[0].font_size == before + 2
    assert w2.size().height() == 520
    w2.save_state = lambda: None
    w2.close()
