"""Menu actions: colour highlights, preferences, index rebuild, drop to import, remove a document."""

from __future__ import annotations

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
    assert exported[-1][0] == "coverage" and len(exported[-1][1].rows) == win.coverage_view.model.rowCount()
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
    # the reader prints with its highlights
    reader.text.setFocus()
    keys(Qt.Key.Key_P)
    assert previewed[-1] == "hebei-2017-kaifaqu"
    # nothing to export in a reader: said, not silently ignored
    keys(Qt.Key.Key_E)
    assert exported[-1][0] == "notes" and "导出" in win.statusBar().currentMessage()
