"""The import dialog names each refused file with a translated reason (Chinese is the default UI)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bench.gen_import_folder import write_bad_input, write_txt
from tests.desktop.conftest import settled

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


@pytest.fixture
def app(qapp):
    from desktop import app as app_module

    yield app_module.create_app()
    app_module.install_translators(app_module.create_app(), "zh_CN")


def read_problems(qtbot, paths) -> list[str]:
    from desktop.import_dialog import ImportDialog

    dlg = ImportDialog(services=None, paths=[str(p) for p in paths])
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg._op is None, timeout=30000)
    return dlg.problem_lines()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_refused_files_get_a_translated_reason_and_the_detail(app, qtbot, tmp_path, language):
    from desktop import app as app_module

    app_module.install_translators(app, language)
    src = tmp_path / "src"
    src.mkdir()
    scan, _ = write_bad_input("scanned_pdf", src)
    empty, _ = write_bad_input("empty", src)
    (src / "table.xls").write_bytes(b"x")
    write_txt(src / "ok.txt", "江西省人民政府关于开发区的意见\n\n一、总体要求\n\n（一）推动开发区发展。\n")
    lines = read_problems(qtbot, [src])
    by_name = {line.split(":", 1)[0][2:]: line for line in lines}
    assert set(by_name) == {"scan.pdf", "empty.txt", "table.xls"}
    if language == "zh_CN":
        assert "没有文字层" in by_name["scan.pdf"] and "文件是空的" in by_name["empty.txt"]
        assert "已跳过" in by_name["table.xls"]
    else:
        assert "has no text" in by_name["scan.pdf"].split("(")[0] and "The file is empty." in by_name["empty.txt"]
    assert "text layer" in by_name["scan.pdf"]  # the engine's detail stays, for a bug report


def test_metadata_dialog_corrects_a_guess_later(app, qtbot, tmp_path):
    from desktop.mainwindow import MainWindow
    from index.library.corpus import Corpus
    from index.library.imported import Library

    write_txt(tmp_path / "a.txt", "关于发展冰雪旅游开发区的若干措施\n\n一、总体要求\n\n（一）推动开发区发展。\n\n管委会\n")
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        dlg = win.edit_document(doc_id)
        assert dlg.fields["region"].text() == "不详" and dlg.fields["region"].toolTip()  # marked: to check
        assert dlg.fields["title"].toolTip() and not dlg.fields["issued"].toolTip()
        dlg.fields["year"].setText("二〇二一")
        dlg.save()
        assert dlg.message.text() and dlg.isVisible()  # refused, the user can fix it
        dlg.fields["year"].setText("2021")
        dlg.fields["region"].setText("吉林省")
        dlg.fields["city"].setText("吉林市")
        with qtbot.waitSignal(dlg.saved, timeout=30000):
            dlg.save()
        settled(win.services)
        doc = Corpus().document(doc_id)
        assert (doc.region, doc.get("city"), doc.get("year")) == ("吉林省", "吉林市", 2021)
        assert "region" not in doc.get("inferred") and win.corpus.document(doc_id).region == "吉林省"
    finally:
        win.save_state = lambda: None
        win.close()


def test_bundled_documents_cannot_be_edited_from_the_library(app, qtbot):
    from desktop.mainwindow import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    try:
        dlg = win.edit_document("jilin-2021-kaifaqu")
        dlg.fields["region"].setText("辽宁省")
        dlg.save()
        qtbot.waitUntil(lambda: bool(dlg.message.text()), timeout=30000)
        assert win.corpus.document("jilin-2021-kaifaqu").region == "吉林省"
    finally:
        win.save_state = lambda: None
        win.close()


def test_cancel_while_reading_closes_and_imports_nothing(app, qtbot, tmp_path, monkeypatch):
    import threading

    import index.library.readers.candidates as candidates
    from desktop.import_dialog import ImportDialog
    from index.library.corpus import Corpus

    for i in range(3):
        write_txt(tmp_path / f"{i}.txt", f"江西省人民政府关于第{i}开发区的意见\n\n一、总体要求\n\n（一）推动开发区发展。\n")
    gate = threading.Event()
    real = candidates.prepare_file

    def slow(path, *args, **kwargs):
        if not str(path).endswith("0.txt"):
            gate.wait(30)  # the second file waits until the user has pressed Cancel
        return real(path, *args, **kwargs)

    monkeypatch.setattr(candidates, "prepare_file", slow)
    monkeypatch.setattr(candidates, "READ_IN_WORKERS", False)  # the replaced reader runs in this process
    dlg = ImportDialog(services=None, paths=[str(tmp_path)])
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.progress.value() == 1, timeout=30000)
    with qtbot.waitSignal(dlg.rejected, timeout=30000):
        dlg.cancel_button.click()
        gate.set()
    assert dlg.result() == 0 and not dlg.candidates
    assert [d for d in Corpus().documents() if d.source == "imported"] == []


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
    assert dlg.table.item(0, 7).text() == "政策.txt" and dlg.table.item(0, 7).toolTip() == str(src)
    dlg.table.item(0, 0).setText("测试招商措施")
    dlg.table.item(0, 1).setText("广东省")
    dlg.import_button.click()
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    settled(win.services)
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


def test_the_folder_is_walked_only_when_no_other_background_import_runs(app, qtbot, tmp_path):
    """``ops.lane``: while another worker holds it (the notes' modules imported after start), the dialog's
    worker waits, holding no interpreter lock, and reads once it is free."""
    from desktop import ops
    from desktop.import_dialog import ImportDialog

    write_txt(tmp_path / "a.txt", "关于开发区的通知\n\n第一条 为促进开发区发展，制定本办法。\n")
    with ops.lane():
        dlg = ImportDialog(services=None, paths=[str(tmp_path)])
        qtbot.addWidget(dlg)
        qtbot.wait(300)
        assert dlg._op is not None and not dlg.candidates  # waiting for its turn
    qtbot.waitUntil(lambda: dlg._op is None, timeout=30000)
    assert len(dlg.candidates) == 1 and not dlg.errors


def test_a_new_version_of_a_noted_document_offers_to_copy_the_notes(win, qtbot):
    from pathlib import Path

    laws = Path(__file__).resolve().parents[1] / "data" / "regulations" / "tune"
    report, changes = win.services.workspace.import_paths(
        [laws / "t29_xingzheng_fuyifa_2017.txt", laws / "t01_shanghai_shehuijiuzhu_2018.txt"], workers=1)
    win.services.apply(changes)
    settled(win.services)
    old, shanghai = (r["doc_id"] for r in report.imported)
    notes = win.services.workspace.notes()
    notes.add(f"{old}/ch2/art6", "有下列情形之一的，公民、法人或者其他组织可以依照本法申请行政复议", note="范围")
    clause = next(c for c in win.corpus.clauses(shanghai) if "本条例适用于本市行政区域内的社会救助" in c.text)
    notes.add(clause.id, "本条例适用于本市行政区域内的社会救助", note="适用范围")
    # Two new versions in one import: one operation carries both, one summary counts both.
    dlg = win.import_paths([laws / "t30_xingzheng_fuyifa_2023.txt", laws / "t02_shanghai_shehuijiuzhu_2021.txt"])
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=30000)
    assert not dlg.carry_button.isVisible()
    dlg.import_button.click()
    qtbot.waitUntil(lambda: dlg.carry_button.isVisible(), timeout=30000)
    assert "其中 2 份文件的旧版本上有您的批注" in dlg.status.text()
    dlg.carry_button.click()
    qtbot.waitUntil(lambda: win.carry_box is not None and win.carry_box.isVisible(), timeout=20000)
    assert "已将 2 条批注复制到 2 份文件的新版本" in win.carry_box.text()
    new = next(d.id for d in win.corpus.documents() if d.get("supersedes") == old)
    assert [a.note for a in win.services.workspace.notes().list(doc_id=new)] == ["范围"]
    win.carry_box.close()


def test_an_import_without_a_noted_earlier_version_offers_nothing(win, qtbot, tmp_path):
    src = tmp_path / "政策.txt"
    src.write_text("关于支持开发区招商引资的若干措施\n\n（一）加强招商引资工作。\n", encoding="utf-8")
    dlg = win.import_paths([src])
    qtbot.addWidget(dlg)
    got = []
    dlg.imported.connect(got.append)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=30000)
    dlg.import_button.click()
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    assert not dlg.carry_button.isVisible()


def test_rows_are_filled_a_pass_at_a_time_and_import_waits_for_the_last(win, qtbot, tmp_path, monkeypatch):
    # 3,500 files' rows at once held the window 0.15-0.18 s; an unfilled row would read as emptied by the user.
    from desktop import import_dialog

    monkeypatch.setattr(import_dialog, "FILL_MS", 0)  # one row a pass
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"关于支持开发区发展的若干措施{n}\n\n（一）加强招商引资工作{n}。\n",
                                           encoding="utf-8")
    dlg = win.import_paths([tmp_path])
    qtbot.addWidget(dlg)
    seen = []
    original = dlg._fill_rows

    def watched():
        seen.append((dlg._filled, dlg.import_button.isEnabled()))
        original()

    monkeypatch.setattr(dlg, "_fill_rows", watched)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=30000)
    assert [filled for filled, _ in seen] == [0, 1, 2] and not any(enabled for _, enabled in seen)
    assert [dlg.table.item(r, 0).text() for r in range(3)] == [f"关于支持开发区发展的若干措施{n}" for n in range(3)]


def test_the_file_dialog_offers_every_type_the_engine_reads_and_the_refusal_names_them():
    from PySide6.QtCore import QCoreApplication

    from desktop.import_dialog import FILTER, PROBLEMS
    from index.library.readers import FORMATS
    from index.library.readers.archives import ARCHIVE_SUFFIXES

    assert set(FILTER.split()) == {f"*{suffix}" for suffix in (*FORMATS, *ARCHIVE_SUFFIXES)}
    named = QCoreApplication.translate("ImportDialog", PROBLEMS["unsupported"])
    assert all(kind in named for kind in ("docx", "wps", "mht", "pdf", "ofd", "zip"))


def test_the_import_table_refuses_what_the_information_dialog_refuses(win, qtbot, tmp_path):
    # 二〇二一年 and 20210 were imported as typed, 火星 became a library group and a cleared title became the
    # file's name; 编辑文件信息 refused such values. Both keep index.library.fields' rules now.
    from desktop.import_dialog import INVALID, ImportDialog

    src = tmp_path / "政策.txt"
    src.write_text("关于支持开发区招商引资的若干措施\n\n一、总体要求\n\n（一）加强招商引资工作。\n", encoding="utf-8")
    dlg = ImportDialog(win.services, [str(src)], win)
    qtbot.addWidget(dlg)
    got = []
    dlg.imported.connect(got.append)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=30000)
    title, region, year = dlg.table.item(0, 0), dlg.table.item(0, 1), dlg.table.item(0, 5)
    assert "title" in dlg.candidates[0].meta["inferred"] and title.foreground().color() == Qt.GlobalColor.darkYellow
    for bad, cell, words in (("二〇二一年", year, "年份须为"), ("20210", year, "年份须为"), ("火星", region, "地区须为"),
                             ("", title, "标题不能为空")):
        keep = cell.text()
        cell.setText(bad)
        assert not dlg.import_button.isEnabled() and cell.background().color() == INVALID
        assert not dlg.check.isHidden() and words in dlg.check.text() and words in cell.toolTip()
        dlg.buttons.accepted.emit()  # refused: nothing is imported
        cell.setText(keep)
        assert dlg.import_button.isEnabled() and dlg.check.isHidden()
        assert cell.background().style() == Qt.BrushStyle.NoBrush
    title.setText("测试招商措施")  # corrected: no longer shown as a guess
    assert title.foreground().color() != Qt.GlobalColor.darkYellow and "推断" not in title.toolTip()
    region.setText("吉林")
    year.setText("2021")
    dlg.import_button.click()
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    assert len(got[0]) == 1
    settled(win.services)
    doc = win.corpus.document(got[0][0])
    assert (doc.title, doc.region, doc.get("year")) == ("测试招商措施", "吉林省", 2021)


def test_the_information_dialog_says_in_chinese_why_a_value_is_refused(app, qtbot, tmp_path):
    # Clearing the title showed the engine's own words: 操作未能完成：guizhou-…: title cannot be empty.
    from desktop.mainwindow import MainWindow
    from index.library.imported import Library

    write_txt(tmp_path / "a.txt", "贵州省关于开发区的若干措施\n\n一、总体要求\n\n（一）推动开发区发展。\n")
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        dlg = win.edit_document(doc_id)
        for field, value, words in (("title", "", "标题不能为空。"), ("region", "火星", "地区须为省级行政区"),
                                    ("year", "20210", "年份须为 1949 至 2100 之间的四位数字"),
                                    ("issued", "2017-13-01", "日期须写作")):
            keep = dlg.fields[field].text()
            dlg.fields[field].setText(value)
            dlg.save()
            assert dlg.message.text().startswith(words) and dlg.isVisible(), dlg.message.text()
            assert "cannot" not in dlg.message.text() and "must" not in dlg.message.text()
            dlg.fields[field].setText(keep)
    finally:
        win.save_state = lambda: None
        win.close()


def test_a_file_that_may_not_be_a_policy_is_marked_and_an_unticked_row_is_left_out(win, qtbot, tmp_path):
    # A folder of policies also held a news item and a table saved as text: each became a library document
    # without a word, and a row could not be left out of the import at all.
    from desktop.import_dialog import DOUBTFUL, ImportDialog
    from tests.index.library.test_doubts import NEWS, TABLE

    folder = tmp_path / "收到的文件"
    folder.mkdir()
    (folder / "1政策.txt").write_text("关于支持开发区招商引资的若干措施\n\n一、总体要求\n\n（一）加强招商引资工作。\n",
                                     encoding="utf-8")
    (folder / "2新闻.txt").write_text(NEWS, encoding="utf-8")
    (folder / "3名单.csv.txt").write_text(TABLE, encoding="utf-8")
    dlg = ImportDialog(win.services, [str(folder)], win)
    qtbot.addWidget(dlg)
    got = []
    dlg.imported.connect(got.append)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=30000)
    assert [c.doubt for c in dlg.candidates] == [None, "no_policy_form", "no_policy_form"]
    assert "其中 2 个文件可能不是政策文件" in dlg.status.text()
    policy, news, table = (dlg.table.item(row, 6) for row in range(3))
    assert policy.background().style() == Qt.BrushStyle.NoBrush and "政策文件" not in policy.toolTip()
    assert news.background().color() == DOUBTFUL and "可能不是政策文件" in news.toolTip() and "文号" in news.toolTip()
    assert dlg.import_button.text() == "导入"
    dlg.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    dlg.table.item(2, 0).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.import_button.text() == "导入 1 个文件" and dlg.import_button.isEnabled()
    dlg.table.item(2, 1).setText("火星")  # a refused value in a row left out does not hold the import back
    assert dlg.import_button.isEnabled() and dlg.check.isHidden()
    dlg.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert not dlg.import_button.isEnabled()  # nothing ticked: nothing to import
    dlg.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    dlg.import_button.click()
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    settled(win.services)
    assert len(got[0]) == 1 and win.corpus.document(got[0][0]).title == "关于支持开发区招商引资的若干措施"
    assert win.library.model.document_count() == 6
