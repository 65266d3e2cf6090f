"""The window shell: library, reader, settings, ops, the screenshot command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


@pytest.fixture
def win(open_window):
    return open_window(start=False)


def test_library_groups_by_region_and_counts(win):
    lib = win.library
    regions = lib.model.groups()
    assert any(r.startswith("浙江省") and "2" in r for r in regions)
    assert lib.model.document_count() == 5
    lib.filter_edit.setText("吉林")
    assert lib._count_docs(lib.tree.rootIndex()) == 1
    lib.filter_edit.setText("開發區")  # traditional filter finds simplified titles too
    assert lib._count_docs(lib.tree.rootIndex()) >= 3


def test_draft_is_flagged(win):
    lib = win.library
    flags = []
    model = lib.model
    for r in range(model.rowCount()):
        region = model.index(r, 0)
        for lr in range(model.rowCount(region)):
            level = model.index(lr, 0, region)
            for dr in range(model.rowCount(level)):
                flags.append(model.index(dr, 1, level).data())
    assert sum("征求意见稿" in f for f in flags) == 1


def test_open_clause_scrolls_reader(win, qtbot):
    reader = win.open_clause("jilin-2021-kaifaqu/c6/s20")
    qtbot.waitUntil(lambda: reader.text.verticalScrollBar().value() > 0)
    assert reader.visible_clause_id() == "jilin-2021-kaifaqu/c6/s20"
    assert reader.current_clause_id() == "jilin-2021-kaifaqu/c6/s20"
    assert reader.citation_label.text().endswith("（二十）")


def test_reader_search_spans_and_find_both_scripts(win):
    reader = win.open_clause("jilin-2021-kaifaqu/c1/s1", spans=[[0, 3]])
    clause = win.corpus.clause("jilin-2021-kaifaqu/c1/s1")
    assert reader.search_highlights() == [(clause.start, clause.start + 3)]
    assert reader.find("开发区") > 5  # simplified query, traditional document
    assert reader.body[slice(*reader.selection())] == "開發區"


def test_simplified_toggle_is_display_only(win):
    reader = win.open_document("jilin-2021-kaifaqu")
    reader.set_simplified(True)
    assert "开发区" in reader.text.toPlainText()
    assert "開發區" in reader.citation("jilin-2021-kaifaqu/c1/s1")


def test_copy_citation_with_selection(win, qapp):
    reader = win.open_document("jilin-2021-kaifaqu")
    clause = win.corpus.clause("jilin-2021-kaifaqu/c1/s12") if False else win.corpus.clauses("jilin-2021-kaifaqu")[3]
    reader.select(clause.start + 4, clause.start + 8)
    text = reader.copy_citation()
    assert text.startswith("“" + clause.text[4:8] + "”")
    assert qapp.clipboard().text() == text


def test_context_menu_offers_the_four_actions(win):

    reader = win.open_document("hebei-2017-kaifaqu")
    clause = win.corpus.clauses("hebei-2017-kaifaqu")[2]
    reader.select(clause.start, clause.start + 5)
    menu = reader.build_context_menu()
    by_name = {a.objectName(): a for a in menu.actions() if a.objectName()}
    for name in ("highlight", "highlight_colour", "add_note", "copy_citation", "compare"):
        assert by_name[name].isEnabled() and by_name[name].text(), name


def test_palette_follows_the_system_scheme(app):
    """The handler connected to the system's colour-scheme signal switches light ↔ dark palettes."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette

    from desktop import theme
    from desktop.compare_view import NUMBER_FG, NUMBER_FG_DARK, spans_html

    hints = QGuiApplication.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        pal = app.palette()
        assert pal.color(QPalette.ColorRole.Window).lightness() < 80
        assert pal.color(QPalette.ColorRole.Text).lightness() > 180
        assert theme.is_dark()
        number = [{"start": 0, "end": 4}]
        assert NUMBER_FG_DARK in spans_html("1000万元", [], number)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
        assert not theme.is_dark()
        assert NUMBER_FG in spans_html("1000万元", [], number)
    finally:
        theme.apply_palette(app)


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


def test_search_results_model_drops_stale(app):
    from desktop.models import SearchResultsModel
    from index.search.searcher import Hit, SearchResult
    from index.workspace import Workspace

    model = SearchResultsModel(Workspace().corpus)
    hit = Hit(clause_id="hebei-2017-kaifaqu/h1/p1", doc_id="hebei-2017-kaifaqu", region="河北省", score=1.0,
              heading="", path=["开放拉动"], text="壮大开发区招商主体队伍。", snippet="壮大开发区招商主体队伍。",
              highlights=[[5, 7]])
    old, new = model.next_query_id(), model.next_query_id()
    assert model.set_results(new, SearchResult("招商", 1, [hit]))
    assert not model.set_results(old, SearchResult("招商", 2, [hit, hit]))
    assert model.rowCount() == 1
    assert "background-color" in model.rows[0]["snippet_html"]


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


def test_list_labels_stay_short_and_plain(win):
    from desktop.mainwindow import tab_title
    from desktop.notes_view import _one_line

    assert _one_line("以**亩均税收**为导向：\n\n- 对照吉林\n1. 待核实 `2027`") == "以亩均税收为导向： 对照吉林 待核实 2027"
    assert tab_title("吉林·加快推动国家级开发区高质量发展实施意见") == "吉林·加快推动国家级开发区…"
    assert tab_title("检索") == "检索"
    reader = win.open_document("zhejiang-2022-kaifaqu")
    idx = win.tabs.indexOf(reader)
    assert len(win.tabs.tabText(idx)) <= 14 and win.tabs.tabToolTip(idx) == reader.doc.title


def test_engine_errors_are_shown_in_chinese(app):
    from desktop.errors import ERROR_TITLES, error_text
    from index.base.errors import KnownError
    from index.compare.comparisons import SetFileError
    from index.userdata.database import DatabaseNewerError

    text = error_text(DatabaseNewerError("user database version 9 is newer than this ZoneRef understands (3)"))
    assert text.startswith("笔记数据库由更新版本的 ZoneRef 写入") and "详情：user database version 9" in text
    assert error_text(SetFileError("bad json")).startswith("此文件不是有效的对比组文件")
    assert error_text(KnownError("x")).startswith("操作未能完成")
    assert error_text(ValueError("z")).startswith("意外错误（程序缺陷）")
    from PySide6.QtCore import QCoreApplication

    for title in ERROR_TITLES.values():  # every title has its Chinese
        assert QCoreApplication.translate("Errors", title) != title


def test_reader_shows_markdown_headings_without_marks(win, tmp_path):
    f = tmp_path / "规定.md"
    f.write_text("# 某开发区管理规定\n\n## 第一章 总则\n\n第一条 为加强开发区管理，制定本规定。\n\n"
                 "## 第二章 招商\n\n第二条 设立招商专班。\n", encoding="utf-8")
    report, changes = win.services.workspace.import_paths([f])
    doc_id = report.imported[0]["doc_id"]
    win.services.apply(changes)
    reader = win.open_document(doc_id)
    shown = reader.text.toPlainText()
    assert "#" in reader.body and "#" not in shown
    assert "第二章 招商" in shown.replace("\u200b", "")
    clause = next(c for c in reader.clauses if "招商专班" in c.text)
    at = clause.start + clause.text.find("招商专班")
    reader.select(at, at + 4)  # offsets into the body are still offsets into the view
    assert reader.text.textCursor().selectedText() == "招商专班"
    assert reader.selection() == (at, at + 4)


def test_shortcuts_are_unique_and_work_from_the_keyboard(win, qtbot):
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    reader = win.open_document("hebei-2017-kaifaqu")
    keys = Counter(s.toString() for a in win.findChildren(QAction) for s in a.shortcuts() if not s.isEmpty())
    assert keys and not [k for k, n in keys.items() if n > 1], keys  # an ambiguous key does nothing at all
    qtbot.waitExposed(win)
    win.activateWindow()
    reader.text.setFocus()
    qtbot.keyClick(reader.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reader.find_edit.hasFocus()
    size = reader.font_size
    qtbot.keyClick(reader.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == size + 1
    qtbot.keyClick(reader.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.font_size == size
    qtbot.keyClick(reader.text, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentWidget() is win.search_view and win.search_view.query.hasFocus()


def test_reader_keeps_its_place_when_resized(win, qtbot):
    reader = win.open_document("henan-2017-kaifaqu")
    clause = win.corpus.clauses("henan-2017-kaifaqu")[-6]
    qtbot.wait(50)
    reader.show_clause(clause.id)
    assert reader.visible_clause_id() == clause.id
    for width in (900, 1300, 760):
        win.resize(width, 700)
        qtbot.wait(80)
        assert reader.visible_clause_id() == clause.id, width
    win.notes_dock.show()  # a dock taking width reflows the text too
    qtbot.wait(80)
    assert reader.visible_clause_id() == clause.id


def test_outline_menu_copies_a_clause_citation_and_compares(win, qapp):
    reader = win.open_document("jilin-2021-kaifaqu")
    clause = win.corpus.clause("jilin-2021-kaifaqu/c3/s12")
    reader.select(10, 14)  # a selection elsewhere does not leak into the clause's citation
    menu = reader.build_outline_menu(clause.id)
    actions = {a.objectName(): a for a in menu.actions()}
    assert actions["copy_citation"].text() == "复制引用" and actions["compare"].text() == "在各省中对比"
    actions["copy_citation"].trigger()
    assert qapp.clipboard().text() == "《吉林省關于加快推動全省國家級開發區高質量發展的實施意見》（十二）"
    actions["compare"].trigger()
    assert win.tabs.currentWidget() is win.compare_view and win.compare_view.source_id == clause.id


def test_a_new_app_starts_in_fusion_with_the_arguments_kept(tmp_path):
    """create_app gives Qt ``-style Fusion`` when it makes the app (no second style made later)."""
    code = ("import sys\nfrom desktop import app\n"
            "qapp = app.create_app(['zoneref', '--flag'])\n"
            "print(qapp.style().name(), qapp.arguments()[1:])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                               "ZONEREF_HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["fusion", "['--flag']"]


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


def test_the_gui_command_pauses_the_collector(monkeypatch):
    """The launch runs with the cyclic collector paused (the window resumes it: test above)."""
    import gc

    from desktop import cli
    from desktop.cli import gui

    seen = []
    monkeypatch.setattr(gui, "cmd_gui", lambda args: seen.append(gc.isenabled()) or 0)  # registered per parse
    try:
        assert cli.main(["gui"]) == 0
    finally:
        gc.enable()
    assert seen == [False]

