"""The main views wired to the engine: search, reader notes, compare, coverage, import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_typing_a_query_fills_results(win, qtbot):
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.query.insert("招商")  # typed in two steps: the debounce and stale-drop paths both run
    view.query.insert("引资")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    rows = view.model.rows
    assert all("招商引" in r["text"] or "招商引" in r["text"].replace("資", "资") for r in rows)
    assert {r["doc_id"] for r in rows} >= {"jilin-2021-kaifaqu", "zhejiang-2022-kaifaqu"}
    assert "7" in view.status.text() or str(len(rows)) in view.status.text()


def test_facet_filter_limits_results(win, qtbot):
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    before = view.results_count()
    for i in range(view.regions.count()):
        item = view.regions.item(i)
        if not item.data(0x0100).startswith("吉林"):
            item.setCheckState(item.checkState().Unchecked)
    qtbot.waitUntil(lambda: view.results_count() < before and view.results_count() > 0, timeout=10000)
    assert {r["region"] for r in view.model.rows} == {"吉林省"}


def test_opening_a_result_scrolls_reader_to_clause(win, qtbot):
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("土地")
    qtbot.waitUntil(lambda: view.results_count() > 3, timeout=10000)
    hit = view.model.hit(view.results_count() - 1)  # a late clause, so the reader must scroll
    view.table.doubleClicked.emit(view.model.index(view.results_count() - 1, 0))
    reader = win.current_reader()
    assert reader is not None and reader.doc_id == hit["doc_id"]
    qtbot.waitUntil(lambda: reader.visible_clause_id() == hit["clause_id"])
    clause = win.corpus.clause(hit["clause_id"])
    spans = reader.search_highlights()
    assert spans and all(clause.start <= s < e <= clause.end for s, e in spans)
    assert all("土地" == reader.body[s:e] or reader.body[s:e] in ("土地",) for s, e in spans)


def test_select_text_add_note_stores_and_paints(win, qtbot):
    reader = win.open_document("jilin-2021-kaifaqu")
    clause = win.corpus.clause("jilin-2021-kaifaqu/c1/s1")
    at = clause.text.find("國家級開發區")
    reader.select(clause.start + at, clause.start + at + 6)
    menu = reader.build_context_menu()
    add_note = next(a for a in menu.actions() if a.objectName() == "add_note")
    assert add_note.isEnabled()
    add_note.trigger()
    notes = win.services.notes().list()
    assert len(notes) == 1 and notes[0].quote == "國家級開發區" and notes[0].clause_id == clause.id
    painted = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader.text.extraSelections()]
    assert (clause.start + at, clause.start + at + 6) in painted
    assert win.notes_dock.isVisible()
    # write the note in the editor and save: stored, previewed as sanitised HTML
    win.notes_view.editor.setPlainText("**重点** <script>x</script>")
    win.notes_view.save_current()
    stored = win.services.notes().get(notes[0].uuid)
    assert stored.note.startswith("**重点**")
    win.notes_view._render_preview()
    html = win.notes_view.preview.toHtml()
    assert "重点" in html and "<script" not in html


def test_highlight_survives_restart_and_notes_search(open_window, qtbot):
    w = open_window()
    reader = w.open_document("henan-2017-kaifaqu")
    clause = w.corpus.clauses("henan-2017-kaifaqu")[3]
    reader.select(clause.start, clause.start + 4)
    reader._annotate(False)
    w.close()
    w2 = open_window()
    reader2 = w2.open_document("henan-2017-kaifaqu")
    qtbot.waitUntil(lambda: len(reader2.annotations()) == 1)
    view = w2.notes_view
    view.search.setText(clause.text[1:2])  # a one-character query
    view.refresh()
    assert view.model.rowCount() == 1
    view.search.setText("不在任何批注里")
    view.refresh()
    assert view.model.rowCount() == 0
    w2.save_state = lambda: None
    w2.close()


def test_compare_one_column_per_document_and_pins_persist(open_window, qtbot):
    w = open_window()
    source = "jilin-2021-kaifaqu/c3/s12"
    w.compare_clause(source)
    view = w.compare_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert len(view.columns) == 5
    assert len(set(view.column_doc_ids())) == 5 and view.column_doc_ids()[0] == "jilin-2021-kaifaqu"
    target = view.result["columns"][0]
    best = target["matches"][0]["clause_id"]
    view.pin(target["doc_id"])
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert view._column(target["doc_id"])["decision"] == "pin"
    other = view.result["columns"][1]["doc_id"]
    view.mark_none(other)
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert view._column(other)["matches"] == []
    w.close()

    w2 = open_window()
    w2.compare_clause(source)
    qtbot.waitUntil(w2.compare_view.is_ready, timeout=30000)
    col = w2.compare_view._column(target["doc_id"])
    assert col["decision"] == "pin" and col["matches"][0]["clause_id"] == best and col["matches"][0]["pinned"]
    assert w2.compare_view._column(other)["decision"] == "none"
    w2.save_state = lambda: None
    w2.close()


def test_compare_document_choice_order_and_sets(win, qtbot):
    view = win.compare_view
    view.set_doc_order(["hebei-2017-kaifaqu", "zhejiang-2022-kaifaqu"])
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert view.column_doc_ids() == ["jilin-2021-kaifaqu", "hebei-2017-kaifaqu", "zhejiang-2022-kaifaqu"]
    view.save_set("招商对比")
    view.set_doc_order([])
    view.start_from_topic("人才")
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert view.source_id is None and len(view.columns) == 5
    view.open_set("招商对比")
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert view.source_id == "jilin-2021-kaifaqu/c3/s12"
    assert view.column_doc_ids()[1:] == ["hebei-2017-kaifaqu", "zhejiang-2022-kaifaqu"]


def test_coverage_by_province_or_document(win, qtbot):
    from desktop import settings

    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    model = view.model
    assert not view.by_document.isChecked()
    regions = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.columnCount() == 4 and regions[-1] == "浙江省\n2 份文件"
    row = next(r for r in range(model.rowCount()) if model.topics[r]["name"] == "土地集约")
    zhejiang = model.clause_ids(row, 3)
    shown = view.report()  # what 导出… writes: the columns on screen
    assert [c.region for c in shown.columns] == [r.split("\n")[0] for r in regions] and shown.by_region
    assert [e.clause_id for e in shown.rows[row].cells[3]] == zhejiang
    view.by_document.setChecked(True)  # one column per document: the province's cells split
    assert model.columnCount() == 5 and settings.get(settings.COVERAGE_BY_DOCUMENT)
    split = [model.clause_ids(row, c) for c in range(5) if model.documents[c]["region"] == "浙江省"]
    assert len(split) == 2 and sorted(split[0] + split[1]) == sorted(zhejiang) and all(split)
    shown = view.report()
    assert [c.doc_id for c in shown.columns] == [d["doc_id"] for d in model.documents] and not shown.by_region


def test_coverage_cell_opens_clause(win, qtbot):
    win.show_coverage()
    view = win.coverage_view
    view.by_document.setChecked(True)
    qtbot.waitUntil(view.is_ready, timeout=30000)
    model = view.model
    assert model.rowCount() >= 20 and model.columnCount() == 5
    row = next(r for r in range(model.rowCount())
               if len(model.clause_ids(r, 0)) == 1)
    opened = []
    view.open_requested.connect(opened.append)
    view._cell_clicked(model.index(row, 0))
    assert opened == model.clause_ids(row, 0)
    empty = [(r, c) for r in range(model.rowCount()) for c in range(5) if not model.clause_ids(r, c)]
    assert empty and model.index(*empty[0]).data() == "—"


def test_import_dialog_confirms_metadata_and_adds(win, qtbot, tmp_path):
    from desktop.import_dialog import ImportDialog

    src = tmp_path / "政策.txt"
    src.write_text("关于支持开发区招商引资的若干措施\n\n一、总体要求\n\n（一）加强招商引资工作。各开发区要设立招商专班。\n",
                   encoding="gb18030")
    dlg = ImportDialog(win.services, [str(src)], win)
    qtbot.addWidget(dlg)
    got = []
    dlg.imported.connect(got.append)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=30000)
    dlg.table.item(0, 0).setText("测试招商措施")
    dlg.table.item(0, 1).setText("广东省")
    dlg.import_button.click()
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    doc = win.corpus.document(got[0][0])
    assert doc.title == "测试招商措施" and doc.region == "广东省" and doc.source == "imported"
    assert win.library.model.document_count() == 6


def test_import_dialog_reports_bad_file(win, qtbot, tmp_path):
    from desktop.import_dialog import ImportDialog

    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    dlg = ImportDialog(win.services, [str(bad)], win)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.progress.maximum() == 1 and dlg.progress.value() == 1, timeout=30000)
    # The reader process ends after the last file: the report follows the progress bar.
    qtbot.waitUntil(lambda: "empty.txt" in dlg.problems.text(), timeout=10000)
    assert not dlg.import_button.isEnabled()


def test_compare_columns_show_scores_shared_words_no_counterpart_and_scroll_together(win, qtbot):
    from desktop.compare_view import SHARED_BG

    view = win.compare_view
    view.set_doc_order([])
    win.library_dock.hide()
    win.resize(1000, 480)  # short columns, so several of them scroll
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(view.is_ready, timeout=30000)
    col = view.columns[1]
    html = col.body.toHtml()
    text = col.body.toPlainText()
    assert "匹配度" in text and ("强" in text or "中" in text or "弱" in text)  # the 0–100 score and its band
    assert "共同用词" in text  # the evidence line
    assert "对照回去" in text  # the first match compared back (the reverse record)
    assert SHARED_BG.lstrip("#") in html.lower()  # shared wording highlighted
    # replace: any clause of that document becomes the pinned counterpart
    doc_id = col.doc_id
    chosen = win.corpus.clauses(doc_id)[-2].id
    view.pin(doc_id, chosen)
    qtbot.waitUntil(view.is_ready, timeout=30000)
    assert [m["clause_id"] for m in view._column(doc_id)["matches"]][:1] == [chosen]
    # mark none: said in words, not an empty column
    view.mark_none(doc_id)
    qtbot.waitUntil(view.is_ready, timeout=30000)
    column = next(c for c in view.columns if c.doc_id == doc_id)
    assert "没有对应条款" in column.body.toPlainText()
    assert column.decision.text() == "已标记：无对应条款"
    # scrolling one column scrolls the others to the same relative place
    qtbot.waitUntil(lambda: any(c.body.verticalScrollBar().maximum() > 0 for c in view.columns), timeout=5000)
    tall = [c for c in view.columns if c.body.verticalScrollBar().maximum() > 0]
    origin = tall[0].body.verticalScrollBar()
    origin.setValue(origin.maximum())
    for other in tall[1:]:
        bar = other.body.verticalScrollBar()
        assert bar.value() == bar.maximum()
    assert len(tall) >= 2


def test_notes_filters_and_jump_to_passage(win, qtbot):
    from index.userdata.notes import COLORS

    names = list(COLORS)
    reader = win.open_document("hebei-2017-kaifaqu")
    clauses = win.corpus.clauses("hebei-2017-kaifaqu")
    late = clauses[-3]
    for clause, color in ((clauses[2], names[0]), (late, names[1])):
        reader.select(clause.start, clause.start + 4)
        reader._annotate(False, color)
    store = win.services.notes()
    second = next(a for a in store.list() if a.clause_id == late.id)
    store.edit(second.uuid, tags=["用地"])
    view = win.notes_view
    view.refresh_filters()
    view.refresh()
    assert view.model.rowCount() == 2
    view.color_filter.setCurrentIndex(view.color_filter.findData(names[1]))
    view.refresh()
    assert [r["uuid"] for r in view.model.rows] == [second.uuid]
    view.color_filter.setCurrentIndex(0)
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("用地"))
    view.refresh()
    assert [r["uuid"] for r in view.model.rows] == [second.uuid]
    view.tag_filter.setCurrentIndex(0)
    view.doc_filter.setCurrentIndex(view.doc_filter.findData("henan-2017-kaifaqu"))
    view.refresh()
    assert view.model.rowCount() == 0
    view.doc_filter.setCurrentIndex(0)
    view.refresh()
    # double-click jumps: another tab first, then the reader opens with the passage selected
    win.show_search()
    row = next(i for i, r in enumerate(view.model.rows) if r["uuid"] == second.uuid)
    view.table.doubleClicked.emit(view.model.index(row, 0))
    assert win.current_reader() is reader
    assert reader.selection() == (late.start, late.start + 4)
    assert reader.text.verticalScrollBar().value() > 0  # scrolled down to it
    assert reader.text.viewport().rect().contains(reader.text.cursorRect().center())  # the passage is in view


def test_enter_in_search_box_opens_the_selected_result(win, qtbot):
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > 1, timeout=10000)
    view.table.selectRow(1)
    hit = view.model.hit(1)
    qtbot.keyClick(view.query, "\r")
    reader = win.current_reader()
    assert reader is not None and reader.doc_id == hit["doc_id"]
    assert reader.current_clause_id() == hit["clause_id"]
    assert reader.search_highlights()


def test_query_language_and_translated_notices(win, qtbot):
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资 地区:浙江")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    assert {r["region"] for r in view.model.rows} == {"浙江省"}
    zhejiang = view.results_count()
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > zhejiang, timeout=10000)
    everything = view.results_count()
    assert any("走出去" in r["text"] for r in view.model.rows)
    view.set_query("招商引资 -走出去")  # exclusion
    qtbot.waitUntil(lambda: 0 < view.results_count() < everything, timeout=10000)
    assert not any("走出去" in r["text"] for r in view.model.rows)
    view.set_query('"招商引资')  # an unbalanced quote: read literally, and the status says so in Chinese
    qtbot.waitUntil(lambda: "提示" in view.status.text(), timeout=10000)
    assert "按字面检索" in view.status.text() and "literally" not in view.status.text()
    assert view.results_count() > 0


def test_compare_highlights_numbers(win, qtbot):
    from desktop.compare_view import NUMBER_FG

    view = win.compare_view
    view.set_doc_order([])
    win.compare_clause("jilin-2021-kaifaqu/c2/s6")  # 给予1000萬元奖励
    qtbot.waitUntil(view.is_ready, timeout=30000)
    source = view.columns[0].body.toHtml()
    at = source.lower().find(NUMBER_FG.lower())
    assert at >= 0 and "1000萬元" in source[at:at + 200]


def test_compare_columns_follow_ticks_and_drag_order(win, qtbot):
    from PySide6.QtCore import QModelIndex, Qt

    from desktop import settings

    view = win.compare_view
    view.set_doc_order([])
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(view.is_ready, timeout=30000)
    before = view.column_doc_ids()
    lst = view.doc_list
    last = lst.item(lst.count() - 1).data(Qt.ItemDataRole.UserRole)
    # drag the last document to the top of the list (what InternalMove does)
    assert lst.model().moveRow(QModelIndex(), lst.count() - 1, QModelIndex(), 0)
    qtbot.waitUntil(lambda: view.is_ready() and view.column_doc_ids() != before, timeout=30000)
    others = [d for d in view.column_doc_ids() if d != "jilin-2021-kaifaqu"]
    assert others[0] == last
    assert settings.get(settings.COMPARE_DOCS)[0] == last  # remembered
    # untick one: its column goes
    item = next(lst.item(i) for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == last)
    item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: view.is_ready() and last not in view.column_doc_ids(), timeout=30000)
    assert len(view.columns) == len(before) - 1


# The tooltip window asks to be raised, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore(r".*propagateSizeHints.*", r".*does not support raise.*")
def test_hovering_a_highlight_shows_its_note(win, qtbot):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    reader = win.open_document("henan-2017-kaifaqu")
    clause = win.corpus.clauses("henan-2017-kaifaqu")[3]
    reader.show_clause(clause.id)
    reader.select(clause.start, clause.start + 6)
    reader._annotate(True)
    win.notes_view.editor.setPlainText("与浙江比较")
    win.notes_view.save_current()
    qtbot.waitUntil(lambda: any(n.get("note") for n in reader.annotations()), timeout=5000)
    assert reader.note_at(clause.start + 2)["note"] == "与浙江比较"
    assert reader.note_at(clause.start + 6) is None
    cursor = reader.text.textCursor()
    cursor.setPosition(reader.qpos(clause.start + 2))
    rect = reader.text.cursorRect(cursor)
    pos = QPoint(rect.center().x() + 2, rect.center().y())
    viewport = reader.text.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    assert QToolTip.isVisible() and "<p>与浙江比较</p>" in QToolTip.text()  # rendered Markdown
    QToolTip.hideText()
