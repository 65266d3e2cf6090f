"""Print/PDF: rendered offscreen, read back with pypdf (pages, header, Chinese text layer)."""

from __future__ import annotations

import docx
import pypdf
import pytest

from desktop import printing
from index.library.corpus import Corpus
from index.reports import ExportError, comparison_table, coverage_table
from index.reports.html_pages import comparison_html, coverage_html, document_html
from index.reports.pdf_text import RADICALS, fix_to_unicode

SOURCE = "jilin-2021-kaifaqu/c3/s12"


@pytest.fixture(scope="module")
def corpus():
    return Corpus(imported_dir=None)


@pytest.fixture()
def comparison(corpus):
    zj = corpus.clause("zhejiang-2022-kaifaqu/c2/s2")
    return {"source": corpus.clause_record(corpus.clause(SOURCE)), "columns": [
        {"doc_id": zj.doc_id, "matches": [{"clause_id": zj.id, "score": 0.7, "text": zj.text,
                                           "shared": [], "numbers": []}]},
        {"doc_id": "hebei-2017-kaifaqu", "matches": []}]}


def pages_text(path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


def test_document_pdf_has_pages_headers_and_chinese_text(qapp, corpus, tmp_path):
    title = corpus.document("jilin-2021-kaifaqu").title
    out = printing.write_pdf(tmp_path / "reader.pdf", title, document_html(corpus, "jilin-2021-kaifaqu"))
    texts = pages_text(out)
    assert len(texts) >= 3  # a whole policy document does not fit on one page
    for n, text in enumerate(texts, 1):
        assert text.startswith(title)  # the running header
        assert f"第 {n} / {len(texts)} 页" in text.replace("\t", " ")
    joined = "".join(t.replace("\n", "") for t in texts)
    assert "加大招商引資力度" in joined
    assert "積極搭建省級招商引資平臺" in joined
    # the text layer holds real ideographs, not look-alike radicals (高 not ⾼)
    assert "高質量發展" in joined
    assert not any(ord(c) in RADICALS for c in joined)


def test_comparison_pdf_is_landscape_with_table_text(qapp, corpus, comparison, tmp_path):
    table = comparison_table(corpus, comparison)
    out = printing.write_pdf(tmp_path / "cmp.pdf", table.title, comparison_html(table), landscape=True)
    reader = pypdf.PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = "".join(t.replace("\n", "") for t in pages_text(out))
    assert "开发区政策条款对照表" in text and "无对应条款" in text and "(二)加大招商引资力度" in text
    assert reader.metadata.title == table.title


def test_coverage_pdf(qapp, corpus, tmp_path):
    cov = {"topics": [{"id": "t", "name": "招商引资"}], "documents": [{"doc_id": "jilin-2021-kaifaqu"}],
           "matrix": {"t": {"jilin-2021-kaifaqu": [SOURCE]}}}
    table = coverage_table(corpus, cov)
    out = printing.write_pdf(tmp_path / "cov.pdf", table.title, coverage_html(table), landscape=True)
    text = "".join(pages_text(out))
    assert "开发区政策主题覆盖矩阵" in text and "招商引资" in text and "涉及主题数" in text


def test_preview_dialog_paints_through_the_printer(qapp, qtbot, corpus, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    dialog = printing.make_preview_dialog(None, "预览标题", document_html(corpus, "hebei-2017-kaifaqu"))
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "preview.pdf"
    printer.setOutputFileName(str(target))
    dialog.paintRequested.emit(printer)
    texts = pages_text(target)
    assert texts and texts[0].startswith("预览标题")


def test_export_comparison_every_format(qapp, corpus, comparison, tmp_path):
    for fmt in ("docx", "csv", "md", "html", "pdf"):
        out = printing.export_comparison(None, comparison, tmp_path / f"c.{fmt}", fmt, corpus=corpus)
        assert out is not None and out.stat().st_size > 0
    cells = [c.text for c in docx.Document(str(tmp_path / "c.docx")).tables[0].rows[1].cells]
    assert cells[2] == "无对应条款"


def test_export_errors_show_a_message_or_raise(qapp, qtbot, corpus, comparison, tmp_path, monkeypatch):
    with pytest.raises(ExportError):
        printing.export_comparison(None, comparison, tmp_path / "no" / "c.docx", "docx", corpus=corpus)
    shown = []
    monkeypatch.setattr(printing, "_show_error", lambda parent, exc: shown.append(str(exc)))
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    assert printing.export_comparison(parent, comparison, tmp_path / "no" / "c.pdf", "pdf", corpus=corpus) is None
    assert shown and "cannot write" in shown[0]


def test_ask_export_uses_the_chosen_file_type(qapp, qtbot, corpus, comparison, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QWidget

    asked = {}

    def fake_dialog(parent, caption, start, filters):
        asked["start"], asked["filters"] = start, filters
        return str(tmp_path / "对照表"), "Excel CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    parent = QWidget()
    qtbot.addWidget(parent)
    out = printing.ask_export_comparison(parent, comparison, corpus=corpus, folder=tmp_path)
    assert out == tmp_path / "对照表.csv" and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert asked["start"].endswith(".docx") and "开发区政策条款对照表_" in asked["start"]
    assert asked["filters"].startswith("Word (*.docx)") and "PDF (*.pdf)" in asked["filters"]


def test_to_unicode_fix_rewrites_destinations_only():
    cmap = ("2 beginbfchar\n<2FBC> <2FBC>\n<0003> <4E00>\nendbfchar\n"
            "2 beginbfrange\n<0001> <0002> [<2FBC> <2EDA>]\n<2F00> <2F00> <2F00>\nendbfrange\n")
    fixed, n = fix_to_unicode(cmap)
    assert n == 4
    assert "<2FBC> <9AD8>" in fixed  # source code kept, destination 高
    assert "[<9AD8> <9875>]" in fixed  # 高 页
    assert "<2F00> <2F00> <4E00>" in fixed  # 一


def test_export_comparison_follows_the_views_column_order(qapp, corpus, comparison, tmp_path):
    order = ["hebei-2017-kaifaqu", "jilin-2021-kaifaqu", "zhejiang-2022-kaifaqu"]
    out = printing.export_comparison(None, comparison, tmp_path / "o.csv", "csv", corpus=corpus, doc_order=order)
    header = out.read_text(encoding="utf-8-sig").split(",")[0]
    assert header.startswith('"河北省')


def test_the_notes_report_is_html_and_pdf_too(qapp, corpus, tmp_path):
    """Notes exported as Word or Markdown only: no HTML, no PDF, and nothing to print."""
    from index.reports import FORMATS, notes_report, write_report
    from index.reports.html_pages import notes_html

    rows = [{"uuid": "u1", "doc_id": "jilin-2021-kaifaqu", "clause_id": SOURCE, "quote": "招商引資",
             "note": "与浙江**对比**<script>x</script>", "color": "对比", "tags": ["招商"], "orphan": False,
             "updated": "2026-12-06T03:00:00Z", "created": "2026-12-06T03:00:00Z"}]
    report = notes_report(corpus, rows)
    assert "html" in FORMATS["notes"]
    page = notes_html(report)
    assert "<strong>对比</strong>" in page and "<script>" not in page and "#90CAF9" in page and "标签：招商" in page
    assert write_report("notes", report, tmp_path / "n.html", "html").read_text(encoding="utf-8") == page
    out = printing.write_pdf(tmp_path / "n.pdf", report.title, page, landscape=False)
    assert "招商引資" in "".join(pages_text(out))


def test_a_pdf_export_that_fails_half_way_leaves_the_file_that_was_there(qapp, tmp_path, monkeypatch):
    """The GUI's and the CLI's PDF export wrote straight into the chosen file: a render that failed after the
    first page (a full disk, a crash) left a truncated PDF where yesterday's export was."""
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "对比.pdf"
    first = printing.write_pdf(target, "第一次", "<p>招商引资</p>")
    before = first.read_bytes()
    target.chmod(0o600)

    def fail_after_a_page(doc, device, title):
        device.newPage()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(printing, "paint_pages", fail_after_a_page)
    with pytest.raises(ExportError, match="No space left"):
        printing.write_pdf(target, "第二次", "<p>放管服</p>")
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["对比.pdf"]  # no temporary file is left behind
    monkeypatch.undo()
    printing.write_pdf(target, "第三次", "<p>放管服</p>")
    assert "放管服" in pages_text(target)[0] and (target.stat().st_mode & 0o777) == 0o600


def test_a_pdf_export_never_replaces_a_folder(qapp, tmp_path):
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(ExportError, match="folder"):
        printing.write_pdf(tmp_path / "out.pdf", "t", "<p>x</p>")
    assert (tmp_path / "out.pdf").is_dir()


def test_the_suggested_export_name_is_one_every_system_takes(tmp_path):
    """It was cut at 120 characters: a long query or title made a name of up to 360 bytes, which ext4 refuses
    (domestic Linux: "File name too long" on 保存), and the date at its end went; a title or query named a
    Windows device (CON.docx is the console) or ended in a dot (dropped by Windows)."""
    import types

    long = types.SimpleNamespace(title="检索结果", rows=[], query="关于进一步加大招商引资力度促进开发区高质量发展" * 6,
                                 exported="2026-11-22")
    name = printing.suggested_name("search", long)
    assert name.startswith("检索结果_关于进一步") and name.endswith("_2026-11-22")
    assert len(f"{name}.docx".encode()) <= 255
    (tmp_path / f"{name}.docx").write_bytes(b"")  # the file system takes it
    device = types.SimpleNamespace(title="CON", rows=[], exported="")
    assert printing.suggested_name("coverage", device) == "CON_"
    dotted = types.SimpleNamespace(title="对照表.", rows=[], exported="")
    assert printing.suggested_name("coverage", dotted) == "对照表"
