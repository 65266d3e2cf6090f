"""Versions in the window: the library's latest-first listing, 全国 first, search's 所有版本, the 修订对照 view."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt

from desktop.models import ID_ROLE, KIND_ROLE
from tests.desktop.conftest import settled

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]

DATA = Path(__file__).resolve().parents[1] / "data" / "regulations" / "tune"


def import_into(win, *names: str) -> list[str]:
    report, changes = win.services.workspace.import_paths([DATA / n for n in names], workers=1)
    win.services.apply(changes)
    settled(win.services)
    return [r["doc_id"] for r in report.imported]


def find_row(model, doc_id: str):
    found = model.match(model.index(0, 0), ID_ROLE, doc_id, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert found, doc_id
    return found[0]


def test_library_lists_the_latest_version_with_the_earlier_folded_under_it(win, qtbot):
    old, new = import_into(win, "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt")
    model = win.library.model
    latest, earlier = find_row(model, new), find_row(model, old)
    assert earlier.parent() == latest  # under its latest version
    assert latest.parent().data(KIND_ROLE) == "level"
    assert model.index(earlier.row(), 1, earlier.parent()).data() == "历史版本"
    assert "2 个版本" in model.index(latest.row(), 1, latest.parent()).data()
    assert "7" in win.library.count_label.text()  # five bundled documents and both versions
    # The region and level rows count both versions, as the footer does (the level counted the latest only).
    assert latest.parent().data().endswith("（2）") and latest.parent().parent().data().endswith("（2）")
    assert not win.library.tree.isExpanded(win.library.proxy.mapFromSource(latest))  # folded
    assert win.library.select_document(old)
    assert "历史版本" in win.library.detail.text() and "2018-11-22" in win.library.detail.text()


def test_national_documents_come_first(win, qtbot):
    import_into(win, "t03_waishang_touzifa.txt")
    model = win.library.model
    assert model.index(0, 0).data(KIND_ROLE) == "region" and model.index(0, 0).data().startswith("全国")
    assert win.search_view.region_model.key(0) == "全国"
    assert win.corpus.documents()[0].region == "全国"  # so the first comparison and coverage column


def test_search_shows_the_latest_unless_all_versions_is_ticked(win, qtbot):
    old, new = import_into(win, "t29_xingzheng_fuyifa_2017.txt", "t30_xingzheng_fuyifa_2023.txt")
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("不得向申请人收取任何费用")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=20000)
    assert {r["doc_id"] for r in view.model.rows} == {new}
    view.all_versions.setChecked(True)
    qtbot.waitUntil(lambda: {r["doc_id"] for r in view.model.rows} == {old, new}, timeout=20000)


def test_redline_view_from_the_library_steps_through_changes_and_exports(win, qtbot, tmp_path):
    old, new = import_into(win, "t29_xingzheng_fuyifa_2017.txt", "t30_xingzheng_fuyifa_2023.txt")
    win.library.redline_requested.emit(new)
    view = win.redline_view
    assert win.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.is_ready() and view.table is not None, timeout=30000)
    assert view.chosen() == (old, new)
    s = view.redline.summary
    assert f"{s['changed']} 条修改" in view.summary.text() and f"{s['removed']} 条删除" in view.summary.text()
    assert view.redline.renumbered and f"其中 {view.redline.renumbered} 条仅序号调整" in view.summary.text()
    html = view.browser.toHtml()
    assert "line-through" in html and "underline" in html and "修改前" in html
    changes = view.change_rows()
    assert changes and view.changes_only.isChecked() and len(view.table.rows) == len(changes)
    assert not view.prev_button.isEnabled() or view.current < 0
    view.next_change()
    view.next_change()
    assert view.current == changes[1] and view.position.text() == f"2 / {len(changes)}"
    view.previous_change()
    assert view.current == changes[0] and not view.prev_button.isEnabled()
    view.changes_only.setChecked(False)  # every article: the current change stays current
    assert len(view.table.rows) == len(view.redline.rows) and view.table.rows[view.current].change != "unchanged"
    view.swap()
    qtbot.waitUntil(lambda: view.is_ready() and view.redline.old["doc_id"] == new, timeout=30000)
    view.swap()
    qtbot.waitUntil(lambda: view.is_ready() and view.redline.old["doc_id"] == old, timeout=30000)
    import dataclasses

    from desktop import printing

    one = dataclasses.replace(view.report(), rows=view.report().rows[:1])  # a file name for a one-article table
    assert printing.suggested_name("redline", one).startswith("《中华人民共和国行政复议法》新旧对照表_第")
    out = printing.export_report(None, "redline", view.report(), tmp_path / "t.docx", "docx")
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["修改前", "修改后"]
    assert any(r.font.strike for row in table.rows[1:] for p in row.cells[0].paragraphs for r in p.runs)


def test_reader_offers_the_redline_only_for_documents_with_versions(win, qtbot):
    old, new = import_into(win, "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt")
    lone = win.open_document("jilin-2021-kaifaqu")
    assert lone.redline_button.isHidden()
    reader = win.open_document(old)
    assert not reader.redline_button.isHidden()
    reader.redline_button.click()  # the oldest version: compared with the next one
    qtbot.waitUntil(lambda: win.redline_view.is_ready() and win.redline_view.table is not None, timeout=30000)
    assert win.redline_view.chosen() == (old, new)
    assert win.redline_view.redline.summary["added"] == 1


def test_unlink_and_link_from_the_window(win, qtbot, monkeypatch):
    old, new = import_into(win, "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt")
    win.unlink_version(new)
    qtbot.waitUntil(lambda: new not in win.library.model.members, timeout=20000)
    settled(win.services)
    assert find_row(win.library.model, old).parent().data(KIND_ROLE) == "level"  # listed on its own again
    from desktop import document_picker

    offered = []

    def pick(_parent, _title, _label, docs, matching):
        offered.extend(docs)
        return next(d.id for d in matching("社會救助") if d.id != new)  # typed in the other script

    monkeypatch.setattr(document_picker, "pick_document", pick)
    win.link_versions(new)
    assert offered[0].id == old and new not in {d.id for d in offered}  # the likely version first
    assert len(offered) == len(win.corpus.documents()) - 1
    qtbot.waitUntil(lambda: new in win.library.model.members, timeout=20000)
    assert [v["doc_id"] for v in win.services.workspace.versions(new)] == [old, new]


def test_the_redline_tab_is_restored_with_its_versions(open_window, qtbot):
    first = open_window(start=False)
    old, new = import_into(first, "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt")
    first.show_redline(old, new)
    assert f"redline:{old}|{new}" in first.tab_states()
    from desktop import settings

    settings.put(settings.OPEN_TABS, first.tab_states())
    second = open_window(start=False)
    qtbot.waitUntil(lambda: second.redline_view.chosen() == (old, new), timeout=10000)


def test_the_document_picker_narrows_thousands_by_words_in_either_script(app, qtbot):
    """Linking a version offered every document in one drop-down (3,439 rows at scale, found only by scrolling)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.document_picker import DocumentPicker
    from index.library.corpus import Corpus
    from index.library.shortlist import matching

    corpus = Corpus(imported_dir=None)
    docs = corpus.documents()
    picker = DocumentPicker(None, "t", "l", docs, lambda words: matching(corpus, text=words))
    qtbot.addWidget(picker)
    assert picker.model.rowCount() == len(docs) and picker.chosen() == docs[0].id
    picker.words.setText("吉林省關於")  # the title is in traditional script; typed either way
    assert [picker.model.docs[r].id for r in range(picker.model.rowCount())] == ["jilin-2021-kaifaqu"]
    assert picker.chosen() == "jilin-2021-kaifaqu" and picker.count.text() == "1 份文件"
    picker.words.setText("吉林省关于")
    assert picker.chosen() == "jilin-2021-kaifaqu"
    picker.words.setText("没有这样的文件")
    assert picker.model.rowCount() == 0 and picker.chosen() is None
    assert not picker.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    picker.words.clear()
    picker.view.setCurrentIndex(picker.model.index(2, 0))
    assert picker.chosen() == docs[2].id
    assert picker.model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole) == docs[2].title


def test_notes_are_copied_from_the_earlier_version_and_changed_passages_named(win, qtbot):
    old = import_into(win, "t29_xingzheng_fuyifa_2017.txt")[0]
    notes = win.services.workspace.notes()
    notes.add(f"{old}/ch1/art1", "保障和监督行政机关依法行使职权", note="立法目的")  # reworded in 2023
    notes.add(f"{old}/ch2/art6", "有下列情形之一的，公民、法人或者其他组织可以依照本法申请行政复议", note="范围")
    new = import_into(win, "t30_xingzheng_fuyifa_2023.txt")[0]
    win.library.carry_notes_requested.emit(new)  # the library's menu: 复制其他版本的批注到此版本
    qtbot.waitUntil(lambda: win.carry_box is not None and win.carry_box.isVisible(), timeout=20000)
    text = win.carry_box.text()
    assert "已将 1 条批注复制到此版本" in text and "1 条批注未复制" in text
    assert "「保障和监督行政机关依法行使职权」" in text and "《中华人民共和国行政复议法》第一条" in text
    assert [a.note for a in win.services.workspace.notes().list(doc_id=new)] == ["范围"]
    win.carry_box.close()
    win.library.carry_notes_requested.emit(old)  # the other way: the 2023 note is the same passage's
    qtbot.waitUntil(lambda: win.carry_box.isVisible(), timeout=20000)
    assert "1 条批注此前已复制过" in win.carry_box.text()


def test_the_summary_names_the_notes_placed_on_reworded_text(win, qtbot):
    """It said 其中 1 条…略有改动…请核对 without naming the note (亩均税收不低于20万元, the new text 30万元)."""
    import types

    from index.userdata.notes import CarryReport

    note = types.SimpleNamespace(quote="亩均税收不低于20万元", clause_id="jilin-2021-kaifaqu/c3/s12")
    win._show_carried(CarryReport(copied=[], reworded=[note], changed=[], already=0))
    text = win.carry_box.text()
    assert "「亩均税收不低于20万元」" in text and "（十二）" in text


def test_an_undated_version_is_named_in_chinese_in_both_lists(win, qtbot):
    # Both drop-downs said "undated" (its tr() call sat inside an f-string, unseen by lupdate).
    old, new = import_into(win, "t29_xingzheng_fuyifa_2017.txt", "t30_xingzheng_fuyifa_2023.txt")
    view = win.redline_view
    view._fill([{"doc_id": old, "status": "历史版本", "date": None}, {"doc_id": new, "status": "现行",
                                                                      "date": "2023-09-01"}], old, new)
    for box in (view.old_box, view.new_box):
        assert box.itemText(0).startswith("日期不详") and "undated" not in box.itemText(0)
