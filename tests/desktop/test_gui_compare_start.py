"""Starting a comparison: Ctrl+Shift+K from the reader, the topic drop-down, a restored session (issue 19, item 5)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.desktop.conftest import close_window

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CLAUSE = "jilin-2021-kaifaqu/c3/s12"


def _press_ctrl_shift_k(win, qtbot, widget) -> None:
    qtbot.waitExposed(win)
    win.activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_K, CTRL_SHIFT)


def test_ctrl_shift_k_in_the_reader_compares_the_clause_being_read(win, qtbot):
    reader = win.open_clause(CLAUSE)
    assert reader.current_clause_id() == CLAUSE
    _press_ctrl_shift_k(win, qtbot, reader.text)
    view = win.compare_view
    assert win.tabs.currentWidget() is view
    qtbot.waitUntil(view.is_ready, timeout=60000)
    assert view.result["source"]["id"] == CLAUSE
    assert view.column_doc_ids()[0] == "jilin-2021-kaifaqu" and len(view.column_doc_ids()) == 5
    assert view.topic_box.currentData() is None  # a clause, not a topic


def test_ctrl_shift_k_compares_the_selected_passage_clause(win, qtbot):
    reader = win.open_clause(CLAUSE)
    other = win.corpus.clauses("jilin-2021-kaifaqu")[-3]
    reader.select(other.start + 1, other.start + 5)
    _press_ctrl_shift_k(win, qtbot, reader.text)
    qtbot.waitUntil(win.compare_view.is_ready, timeout=60000)
    assert win.compare_view.result["source"]["id"] == other.id


def test_ctrl_shift_k_elsewhere_only_shows_the_compare_tab(win, qtbot):
    win.show_search()
    _press_ctrl_shift_k(win, qtbot, win.search_view.query)
    assert win.tabs.currentWidget() is win.compare_view
    assert win.compare_view.starting_point() == ""


def test_topic_mode_shows_the_topic_in_the_drop_down(win, qtbot):
    view = win.compare_view
    win.compare_topic("人才")  # by name, as the coverage view may pass it
    qtbot.waitUntil(view.is_ready, timeout=60000)
    assert view.topic_box.currentText() == "人才" and view.topic_box.currentData() == "rencai"
    win.compare_clause(CLAUSE)
    assert view.topic_box.currentIndex() == 0  # （选择主题） again for a clause
    win.compare_topic("rencai")
    assert view.topic_box.currentText() == "人才"


@pytest.mark.parametrize("point", [f"clause:{CLAUSE}", "topic:rencai"])
def test_restored_compare_tab_compares_again(open_window, qtbot, point):
    w = open_window(restore=False)
    kind, ident = point.split(":", 1)
    (w.compare_clause if kind == "clause" else w.compare_topic)(ident)
    qtbot.waitUntil(w.compare_view.is_ready, timeout=60000)
    shown = w.compare_view.column_doc_ids()
    w.save_state()
    close_window(w)

    w2 = open_window(restore=True)
    assert w2.tabs.currentWidget() is w2.compare_view
    assert w2.compare_view.starting_point() == point
    qtbot.waitUntil(lambda: w2.compare_view.is_ready() and w2.compare_view.result is not None, timeout=60000)
    assert w2.compare_view.column_doc_ids() == shown
    if kind == "topic":
        assert w2.compare_view.topic_box.currentData() == "rencai"
    else:
        assert w2.compare_view.result["source"]["id"] == CLAUSE


def test_restored_compare_tab_of_a_removed_document_stays_empty(open_window, qtbot):
    from desktop import settings

    settings.put(settings.OPEN_TABS, ["compare|clause:no-such-doc/c1"])
    w = open_window(restore=True)
    assert w.tabs.currentWidget() is w.compare_view and w.compare_view.starting_point() == ""
