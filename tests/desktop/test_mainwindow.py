"""The main window: menu actions (colour highlights, preferences, index rebuild, drop to import, remove a document),
shortcuts, tab titles, the saved layout, the screenshot command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_highlight_in_a_chosen_colour(win):
    from index.userdata.notes import COLORS

    reader = win.open_document("hebei-2017-kaifaqu")
    clause = win.corpus.clauses("hebei-2017-kaifaqu")[2]
    reader.select(clause.start, clause.start + 4)
    menu = reader.build_context_menu()
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None)
    names = [a.text() for a in sub.actions()]
    assert names == list(COLORS)
    sub.actions()[1].trigger()  # 疑问
    notes = win.services.notes().list()
    assert [n.color for n in notes] == [names[1]]
    painted = [s.format.background().color().name().lower() for s in reader.text.extraSelections()]
    assert COLORS[names[1]].lower() in painted


def test_preferences_dialog_stores_settings(win, qtbot):
    from desktop import settings

    dlg = settings.PreferencesDialog(win)
    qtbot.addWidget(dlg)
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.font_size.setValue(18)
    dlg.accept()
    assert settings.get(settings.LANGUAGE) == "en"
    assert settings.get(settings.FONT_SIZE) == 18
    assert settings.settings_path().is_file()


def test_rebuild_index_reports_progress(win, qtbot):
    seen = []
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    win.services.index_progress.connect(lambda d, t: seen.append((d, t)))  # the rebuild's progress only
    win.rebuild_index()
    assert win.services.index is None
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    assert seen and seen[-1][1] == 5
    assert win.services.index.status()["documents"] == 5


def test_drop_files_on_library_opens_import(win, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop.import_dialog import ImportDialog

    f = tmp_path / "a.txt"
    f.write_text("关于开发区的通知\n\n一、加强管理。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.library.dropEvent(event)
    dialogs = [d for d in win.findChildren(ImportDialog)]
    assert len(dialogs) == 1 and dialogs[0].paths == [str(f)]
    qtbot.waitUntil(lambda: dialogs[0].import_button.isEnabled(), timeout=30000)
    dialogs[0].reject()


def test_remove_imported_document_keeps_notes_as_orphans(win, qtbot, tmp_path):
    f = tmp_path / "b.txt"
    f.write_text("关于促进开发区招商引资的通知\n\n一、设立招商专班，统筹招商引资工作。\n", encoding="utf-8")
    report, changes = win.services.workspace.import_paths([f])
    doc_id = report.imported[0]["doc_id"]
    win.services.apply(changes)
    reader = win.open_document(doc_id)
    clause = next(c for c in win.corpus.clauses(doc_id) if "招商专班" in c.text)
    at = clause.start + clause.text.find("招商专班")
    reader.select(at, at + 4)
    reader._annotate(False)
    win.remove_document(doc_id, confirm=False)
    qtbot.waitUntil(lambda: not win.corpus.has_document(doc_id), timeout=30000)
    assert win.library.model.document_count() == 5
    assert all(r.doc_id != doc_id for r in win.readers())
    orphans = win.services.notes().orphans()
    assert [o.quote for o in orphans] == ["招商专班"]


def test_cancelled_rebuild_keeps_the_old_index(win, qtbot, monkeypatch):
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from index.search.searcher import SearchIndex
    from index.search.store import BuildCancelled

    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    started = threading.Event()

    def slow_rebuild(self, progress=None, cancel=None):
        started.set()
        while not cancel():
            progress(1, 5)
            threading.Event().wait(0.02)
        raise BuildCancelled("cancelled")

    monkeypatch.setattr(SearchIndex, "rebuild", slow_rebuild)
    win.rebuild_index()
    assert started.wait(10)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(QProgressDialog)), timeout=5000)
    dialog = next(d for d in win.findChildren(QProgressDialog) if d.isVisible())
    assert dialog.labelText().startswith("正在重建检索索引")
    button = dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=30000)
    assert win.services.index.search("招商引资").total > 0


def test_ctrl_e_exports_and_ctrl_p_previews_the_view_in_use(win, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from desktop import printing

    exported, previewed = [], []
    monkeypatch.setattr(printing, "ask_export_report", lambda parent, kind, report, *a, **k: exported.append(
        (kind, report)))
    monkeypatch.setattr(printing, "ask_export_comparison", lambda parent, result, **k: exported.append(
        ("comparison", k["doc_order"])))
    monkeypatch.setattr(printing, "preview_report", lambda parent, kind, report: previewed.append(kind))
    monkeypatch.setattr(printing, "preview_document", lambda parent, corpus, doc_id, **k: previewed.append(doc_id))
    qtbot.waitExposed(win)
    win.activateWindow()

    def keys(key):
        qtbot.keyClick(win.focusWidget() or win, key, Qt.KeyboardModifier.ControlModifier)

    # search
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    win.search_view.set_query("招商引资")
    qtbot.waitUntil(lambda: win.search_view.results_count() > 0, timeout=10000)
    keys(Qt.Key.Key_E)
    assert exported[-1][0] == "search" and exported[-1][1].query == "招商引资"
    assert len(exported[-1][1].hits) == win.search_view.results_count()
    keys(Qt.Key.Key_P)
    assert previewed[-1] == "search"
    # coverage
    win.show_coverage()
    qtbot.waitUntil(win.coverage_view.is_ready, timeout=30000)
    win.coverage_view.table.setFocus()
    keys(Qt.Key.Key_E)
    # the matrix's table is built on a worker, then the export is asked for
    qtbot.waitUntil(lambda: exported[-1][0] == "coverage", timeout=30000)
    assert len(exported[-1][1].rows) == win.coverage_view.model.rowCount()
    # compare, columns in view order
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(win.compare_view.is_ready, timeout=30000)
    win.compare_view.setFocus()
    keys(Qt.Key.Key_E)
    assert exported[-1] == ("comparison", win.compare_view.column_doc_ids())
    # the notes panel, when the focus is in it: the notes listed
    reader = win.open_document("hebei-2017-kaifaqu")
    clause = win.corpus.clauses("hebei-2017-kaifaqu")[2]
    reader.select(clause.start, clause.start + 4)
    reader._annotate(True)
    win.notes_view.refresh()
    win.notes_view.search.setFocus()
    keys(Qt.Key.Key_E)
    assert exported[-1][0] == "notes" and exported[-1][1].count == 1
    keys(Qt.Key.Key_P)  # printed too (it said 此处没有可打印的内容)
    assert previewed[-1] == "notes"
    # the reader prints with its highlights
    reader.text.setFocus()
    keys(Qt.Key.Key_P)
    assert previewed[-1] == "hebei-2017-kaifaqu"
    # nothing to export in a reader: said, not silently ignored
    keys(Qt.Key.Key_E)
    assert exported[-1][0] == "notes" and "导出" in win.statusBar().currentMessage()


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.gui  # the real window, offscreen, without the qtbot fixtures
@pytest.mark.slow
def test_screenshot_command_writes_pngs(tmp_path):
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, "-m", "desktop", "gui", "--screenshot", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    assert "01-library.png" in names and "02-reader.png" in names
    assert all((out / n).stat().st_size > 10_000 for n in names)


def test_layout_splitters_docks_and_current_tab_persist(app, qtbot):
    from desktop.mainwindow import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    reader = w.open_document("hebei-2017-kaifaqu")
    reader.splitter.setSizes([120, 900])
    w.search_view.splitter.setSizes([300, 700])
    saved_reader = reader.splitter.sizes()
    saved_search = w.search_view.splitter.sizes()
    w.notes_dock.show()
    w.library_dock.hide()
    w.show_search()
    w.close()

    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.resize(1366, 768)  # the saved geometry wins over this
    w2.show()
    assert w2.tabs.currentWidget() is w2.search_view
    assert w2.notes_dock.isVisible() and not w2.library_dock.isVisible()
    # the user's pane widths come back (the stretching pane takes what the window gives it)
    assert w2.search_view.splitter.sizes()[0] == saved_search[0] == 300
    assert w2.readers()[0].splitter.sizes()[0] == saved_reader[0] == 120
    w2.save_state = lambda: None
    w2.close()


def test_list_labels_stay_short_and_plain(idle_win):
    from desktop.mainwindow import tab_title
    from desktop.notes_view import _one_line

    assert _one_line("以**亩均税收**为导向：\n\n- 对照吉林\n1. 待核实 `2027`") == "以亩均税收为导向： 对照吉林 待核实 2027"
    assert tab_title("吉林·加快推动国家级开发区高质量发展实施意见") == "吉林·加快推动国家级开发区…"
    assert tab_title("检索") == "检索"
    reader = idle_win.open_document("zhejiang-2022-kaifaqu")
    idx = idle_win.tabs.indexOf(reader)
    assert len(idle_win.tabs.tabText(idx)) <= 14 and idle_win.tabs.tabToolTip(idx) == reader.doc.title


def test_shortcuts_are_unique_and_work_from_the_keyboard(idle_win, qtbot):
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    reader = idle_win.open_document("hebei-2017-kaifaqu")
    keys = Counter(s.toString() for a in idle_win.findChildren(QAction) for s in a.shortcuts() if not s.isEmpty())
    assert keys and not [k for k, n in keys.items() if n > 1], keys  # an ambiguous key does nothing at all
    qtbot.waitExposed(idle_win)
    idle_win.activateWindow()
    reader.text.setFocus()
    qtbot.keyClick(reader.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reader.find_edit.hasFocus()
    size = reader.font_size
    qtbot.keyClick(reader.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == size + 1
    qtbot.keyClick(reader.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == size
    qtbot.keyClick(reader.text, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert idle_win.tabs.currentWidget() is idle_win.search_view and idle_win.search_view.query.hasFocus()


def test_the_first_paint_turns_the_paused_collector_back_on(open_window, qtbot):
    """``zoneref gui`` pauses the cyclic garbage collector for the launch; the window's first paint resumes it."""
    import gc

    gc.disable()
    try:
        win = open_window(start=False)
        assert not gc.isenabled()  # made and shown: still paused until the window has painted
        qtbot.waitUntil(lambda: win._painted, timeout=10000)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()  # what the window froze goes back to the collector for the rest of the session


def test_views_are_made_on_first_use_once_and_asking_makes_none(open_window):
    w = open_window(restore=False, start=False)
    names = ("notes", "saved", "compare", "redline", "coverage")
    assert [w.made(n) for n in names] == [None] * 5  # start-up makes none of them
    assert w.compare_view is w.compare_view is w.made("compare")
    notes = w.notes_view
    assert w.notes_dock.widget() is notes
    assert w.saved_notice.parent() is not None  # placed in the status bar
    assert [w.made(n) is None for n in names] == [False, False, False, True, True]
    with pytest.raises(ValueError):
        w._lazy("no such view")


def test_the_notes_load_once_the_index_is_open(open_window, qtbot, monkeypatch):
    """The notes' import waits for the search index (one interpreter lock for both workers) and runs once."""
    from desktop import mainwindow

    monkeypatch.setattr(mainwindow, "NOTES_AFTER_MS", 60_000)  # only the index can start them here
    w = open_window(start=False)
    loaded = []
    monkeypatch.setattr(w, "_notes_ready", lambda: loaded.append(1))
    qtbot.waitUntil(lambda: w._painted, timeout=10000)
    w.start_background()
    qtbot.waitUntil(lambda: w.services.index is not None, timeout=30000)
    qtbot.waitUntil(lambda: loaded == [1], timeout=10000)
    w.services.index_ready.emit(w.services.index)  # the index opened again (a rebuild): no second load
    w._load_notes()
    qtbot.wait(200)
    assert loaded == [1]


def test_the_notes_load_even_when_the_index_never_opens(open_window, qtbot, monkeypatch):
    from desktop import mainwindow

    monkeypatch.setattr(mainwindow, "NOTES_AFTER_MS", 50)
    w = open_window(start=False)
    monkeypatch.setattr(w.services, "open_index", lambda: None)  # an index still being built
    loaded = []
    monkeypatch.setattr(w, "_notes_ready", lambda: loaded.append(1))
    qtbot.waitUntil(lambda: w._painted, timeout=10000)
    w.start_background()
    qtbot.waitUntil(lambda: loaded == [1], timeout=10000)
    assert w.services.index is None


def test_the_notes_load_without_making_the_hidden_panel_which_lists_them_when_it_shows(open_window, qtbot, zoneref_home):
    from index.workspace import Workspace

    Workspace(zoneref_home).notes().add("jilin-2021-kaifaqu/c3/s12", "招商引資", note="开窗前的批注")
    w = open_window(restore=False)
    qtbot.waitUntil(lambda: w.services.notes_ready() and w.services.reanchor_runs >= 1, timeout=30000)
    assert w.made("notes") is None and not w.notes_dock.isVisible()  # loaded, the hidden panel not made
    w.notes_dock.show()  # the user opens it: made, and it lists the note
    assert w.made("notes") is not None
    assert [w.made("notes").model.index(r, 2).data() for r in range(w.made("notes").model.rowCount())] == ["开窗前的批注"]


def test_a_new_document_joins_the_compared_ones_without_loading_the_compare_view_module(idle_win, monkeypatch):
    import sys

    from desktop import settings
    from index.workspace import Changes

    monkeypatch.delitem(sys.modules, "desktop.compare_view")  # as in a window that never compared
    settings.put(settings.COMPARE_DOCS, ["jilin-2021-kaifaqu"])
    idle_win.apply_changes(Changes(added=frozenset({"hebei-2017-kaifaqu"})))
    assert settings.get(settings.COMPARE_DOCS) == ["jilin-2021-kaifaqu", "hebei-2017-kaifaqu"]
    assert "desktop.compare_view" not in sys.modules  # refreshing after a change imports no view it did not make


def test_the_notes_modules_are_imported_in_the_background_lane():
    """``_import_notes`` (a worker's, after start) takes ``ops.lane``: an import dialog's folder walk and
    modules come after it, never beside it; it waits while another holds the lane."""
    import threading

    from desktop import mainwindow, ops

    done = threading.Event()
    with ops.lane():
        worker = threading.Thread(target=lambda: (mainwindow._import_notes(), done.set()))
        worker.start()
        assert not done.wait(0.3)
    assert done.wait(30)
    worker.join()
    assert not ops.lane().locked()


def test_with_every_tab_closed_the_window_says_how_to_open_one(win, qtbot):
    """The last tab closed left a blank grey area with nothing to say what to do."""
    assert win.tabs.count() > 0 and (win.tabs.empty is None or not win.tabs.empty.isVisible())
    while win.tabs.count():
        win.close_tab(0)
    empty = win.tabs.empty
    assert empty is not None and empty.isVisible() and empty.geometry() == win.tabs.rect()
    assert "没有打开的标签页" in empty.text() and "Ctrl+K" in empty.text()
    empty.linkActivated.emit("coverage")
    assert win.tabs.currentWidget() is win.coverage_view and not empty.isVisible()
    win.close_tab(0)
    assert empty.isVisible()
    empty.linkActivated.emit("search")
    assert win.tabs.currentWidget() is win.search_view and not empty.isVisible()


def test_many_tabs_never_cut_a_short_name_and_scroll_instead(win, qtbot):
    """With six tabs at 1366 (the notes panel open), 主题覆盖 read 主…; in English, Search read S…."""
    win.notes_dock.show()
    win.show_search()
    win.show_compare()
    win.show_coverage()
    for doc in ("zhejiang-2022-kaifaqu", "jilin-2021-kaifaqu", "hebei-2017-kaifaqu", "jiaxing-2015-kaifaqu",
                "henan-2017-kaifaqu"):
        win.open_document(doc)
    win.resize(1024, 640)
    bar = win.tabs.tabBar()
    qtbot.waitUntil(lambda: bar.width() > 0 and win.width() == 1024)
    short = [i for i in range(bar.count()) if len(bar.tabText(i)) <= 6]
    assert len(short) == 3  # 检索, 对比, 主题覆盖
    for i in short:
        assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), bar.tabText(i)  # whole, not cut
    assert sum(bar.tabRect(i).width() for i in range(bar.count())) > bar.width()  # the rest scroll


def test_ctrl_w_closes_a_tab_and_ctrl_tab_steps_whatever_the_platforms_keys(win, qtbot):
    """The README promises Ctrl+W, Ctrl+Tab and Ctrl+Shift+Tab; Qt's standard keys were Ctrl+F4 and
    Ctrl+Shift+Backtab here, and Ctrl+W closed nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    shortcuts = {a.text(): [k.toString() for k in a.shortcuts()] for a in win.findChildren(QAction)}
    assert "Ctrl+W" in shortcuts["关闭标签页"] and "Ctrl+Shift+Tab" in shortcuts["上一个标签页"]
    win.show_search()
    win.show_compare()
    qtbot.waitExposed(win)
    win.activateWindow()
    before = win.tabs.count()
    qtbot.keyClick(win, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.count() == before - 1
