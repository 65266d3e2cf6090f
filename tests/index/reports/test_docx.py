"""Word exports, opened again with python-docx: columns, cells, bold/highlight runs, citations."""

from __future__ import annotations

import docx
from docx.enum.text import WD_COLOR_INDEX

from index.reports import (
    comparison_table,
    coverage_table,
    notes_report,
    search_report,
    write_comparison,
    write_coverage,
    write_notes,
    write_search,
)
from tests.index.reports.helpers import span_of

SOURCE = "jilin-2021-kaifaqu/c3/s12"
ZJ = "zhejiang-2022-kaifaqu/c2/s2"
HN = "henan-2017-kaifaqu/c4/s1"




def handmade(corpus) -> dict:
    """A comparison in the engine's JSON shape with spans we know exactly."""
    src, zj, hn = (corpus.clause(x).text for x in (SOURCE, ZJ, HN))
    return {
        "source": corpus.clause_record(corpus.clause(SOURCE)),
        "columns": [
            {"doc_id": "zhejiang-2022-kaifaqu", "region": "浙江省", "matches": [
                {"clause_id": ZJ, "score": 0.8, "text": zj, "shared": [span_of(zj, "创新招商方式")],
                 "source_shared": [span_of(src, "招商引資平臺")], "numbers": [], "pinned": True}]},
            {"doc_id": "henan-2017-kaifaqu", "region": "河南省", "matches": [
                {"clause_id": HN, "score": 0.3, "text": hn, "shared": [], "source_shared": [],
                 "numbers": [{"start": span_of(hn, "50%")[0], "end": span_of(hn, "50%")[1]}], "pinned": False}]},
            {"doc_id": "hebei-2017-kaifaqu", "region": "河北省", "matches": []},
        ],
    }


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_comparison_docx_columns_cells_and_citations(corpus, tmp_path):
    notes = [{"clause_id": SOURCE, "quote": "招商引資", "note": "与浙江对照"}]
    table = comparison_table(corpus, handmade(corpus), notes=notes, exported="2026-01-02")
    out = write_comparison(table, tmp_path / "对照表.docx", "docx")
    d = docx.Document(str(out))

    section = d.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert len(d.tables) == 1
    t = d.tables[0]
    assert len(t.rows) == 2 and len(t.columns) == 5  # 4 documents + notes
    headers = [cell_text(c) for c in t.rows[0].cells]
    assert headers[0].startswith("吉林省") and "吉林·加快推动国家级开发区高质量发展实施意见" in headers[0]
    assert "河南省人民政府辦公廳" in headers[2] and "豫政辦〔2017〕159號" in headers[2] and "2017-12-12" in headers[2]
    assert headers[3].startswith("河北省")
    assert headers[4] == "批注"
    assert t.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # header repeats on each page

    row = t.rows[1].cells
    assert "(十二)加大招商引資力度" in cell_text(row[0])
    assert "(二)加大招商引资力度〔已固定〕" in cell_text(row[1])
    assert cell_text(row[3]) == "无对应条款"
    assert "与浙江对照" in cell_text(row[4])

    def bold(cell):
        return [r.text for p in cell.paragraphs[1:] for r in p.runs if r.bold]

    assert bold(row[0]) == ["招商引資平臺"]
    assert bold(row[1]) == ["创新招商方式"]
    marked = [r.text for p in row[2].paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["50%"]

    text = body_text(d)
    assert "开发区政策条款对照表" in text and "导出日期：2026-01-02" in text
    assert "引用出处" in text
    for cid in (SOURCE, ZJ, HN):
        assert corpus.citation(corpus.clause(cid)) in text
    assert f"[1] {corpus.citation(corpus.clause(SOURCE))}" in text and "\n[3] 《河南" in text


def test_comparison_docx_without_notes_has_no_notes_column(corpus, tmp_path):
    out = write_comparison(comparison_table(corpus, handmade(corpus)), tmp_path / "a.docx", "docx")
    t = docx.Document(str(out)).tables[0]
    assert len(t.columns) == 4
    assert "批注" not in [cell_text(c) for c in t.rows[0].cells]


def test_real_comparison_to_docx(corpus, tmp_path):
    from index.compare.align import counterparts

    result = counterparts(corpus, SOURCE, pins={}).to_dict()
    out = write_comparison(comparison_table(corpus, result), tmp_path / "real.docx", "docx")
    t = docx.Document(str(out)).tables[0]
    assert len(t.columns) == len(corpus.documents())
    for col, cell in zip(result["columns"], t.rows[1].cells[1:], strict=True):
        if col["matches"]:
            best = corpus.clause(col["matches"][0]["clause_id"])
            assert f"{best.label or ''}{best.heading or ''}" in cell_text(cell)
        else:
            assert cell_text(cell) == "无对应条款"
    # the source shares wording with its best counterparts: some of it is bold
    assert any(r.bold for p in t.rows[1].cells[0].paragraphs[1:] for r in p.runs)


def test_topic_comparison_and_coverage_docx(corpus, tmp_path):
    from index.compare.align import topic_columns
    from index.compare.topics import coverage

    topic = topic_columns(corpus, "招商引资").to_dict()
    t = docx.Document(str(write_comparison(comparison_table(corpus, topic), tmp_path / "t.docx", "docx"))).tables[0]
    assert cell_text(t.rows[0].cells[0]) == "对照项"
    assert cell_text(t.rows[1].cells[0]) == "招商引资"

    cov = coverage(corpus).to_dict()
    out = write_coverage(coverage_table(corpus, cov), tmp_path / "cov.docx", "docx")
    t = docx.Document(str(out)).tables[0]
    assert len(t.rows) == len(cov["topics"]) + 2  # header + topics + count row
    assert len(t.columns) == len(cov["documents"]) + 1
    names = [cell_text(r.cells[0]) for r in t.rows[1:-1]]
    assert names == [x["name"] for x in cov["topics"]]
    first_topic = cov["topics"][0]["id"]
    for j, doc in enumerate(cov["documents"], 1):
        ids = cov["matrix"][first_topic][doc["doc_id"]]
        text = cell_text(t.rows[1].cells[j])
        if not ids:
            assert text == "—"
        for cid in ids:
            c = corpus.clause(cid)
            assert (f"{c.label or ''}{c.heading or ''}" or c.text[:24]) in text


def test_coverage_docx_marks_empty_cells(corpus, tmp_path):
    cov = {"topics": [{"id": "t1", "name": "招商引资"}, {"id": "t2", "name": "土地"}],
           "documents": [{"doc_id": "jilin-2021-kaifaqu"}, {"doc_id": "hebei-2017-kaifaqu"}],
           "matrix": {"t1": {"jilin-2021-kaifaqu": [SOURCE], "hebei-2017-kaifaqu": []},
                      "t2": {"jilin-2021-kaifaqu": [], "hebei-2017-kaifaqu": []}}}
    d = docx.Document(str(write_coverage(coverage_table(corpus, cov), tmp_path / "c.docx", "docx")))
    t = d.tables[0]
    assert [cell_text(c) for c in t.rows[1].cells][0:1] == ["招商引资"]
    assert "(十二)加大招商引資力度" in cell_text(t.rows[1].cells[1])
    assert cell_text(t.rows[1].cells[2]) == "—"
    assert [cell_text(c) for c in t.rows[3].cells] == ["涉及主题数", "1 / 2", "0 / 2"]
    assert corpus.citation(corpus.clause(SOURCE)) in body_text(d)


def test_search_docx_highlights_and_citations(corpus, tmp_path):
    text = corpus.clause(SOURCE).text
    result = {"query": "招商", "total": 7, "notice": None, "hits": [
        {"clause_id": SOURCE, "doc_id": "jilin-2021-kaifaqu", "region": "吉林省", "score": 3.2,
         "heading": "加大招商引資力度", "path": ["三、加快推動產業轉型升級"], "text": text,
         "snippet": "", "highlights": [span_of(text, "招商")]}]}
    d = docx.Document(str(write_search(search_report(corpus, result), tmp_path / "s.docx", "docx")))
    body = body_text(d)
    assert "检索词：招商" in body and "共 7 条结果" in body
    assert "三、加快推動產業轉型升級" in body
    assert f"出处：{corpus.citation(corpus.clause(SOURCE))}" in body
    marked = [r.text for p in d.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["招商"]


def test_notes_docx_grouped_by_document_and_clause(corpus, tmp_path):
    records = [
        {"uuid": "a", "doc_id": "hebei-2017-kaifaqu", "clause_id": "hebei-2017-kaifaqu/h1/p2", "quote": "建链",
         "note": "河北的**链式招商**，见 [文件](http://example.com)\n\n- 建链\n- 强链", "color": "疑问", "tags": ["招商"], "created": "2026-01-01T08:00:00Z",
         "updated": "2026-01-02T09:30:00Z", "orphan": False},
        {"uuid": "b", "doc_id": "jilin-2021-kaifaqu", "clause_id": SOURCE, "quote": "以商招商",
         "note": "值得借鉴", "color": "重点", "tags": [], "created": "2026-01-01T07:00:00Z",
         "updated": "2026-01-01T07:00:00Z", "orphan": True},
    ]
    d = docx.Document(str(write_notes(notes_report(corpus, records), tmp_path / "n.docx")))
    body = body_text(d)
    assert "共 2 条批注" in body
    # library order: 吉林 is listed before 河北 (bundled documents sort by region)
    order = [corpus.document(x).short_title for x in ("hebei-2017-kaifaqu", "jilin-2021-kaifaqu")]
    assert all(t in body for t in order)
    for cid, quote, note in ((SOURCE, "以商招商", "值得借鉴"), ("hebei-2017-kaifaqu/h1/p2", "建链", "河北的链式招商，见 文件")):
        assert corpus.citation(corpus.clause(cid)) in body
        assert f"“{quote}”" in body and note in body
    assert "标签：招商" in body and "〔原文已变动，未能定位〕" in body
    pink = [r.text for p in d.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.PINK]
    assert pink == ["“建链”"]
    # the note's Markdown: bold kept, the link's URL shown, list items as lines
    assert [r.text for p in d.paragraphs for r in p.runs if r.bold and r.text == "链式招商"] == ["链式招商"]
    assert "http://example.com" in body and "• 强链" in body and "**" not in body


def test_real_numbers_are_highlighted(corpus, tmp_path):
    from index.compare.align import counterparts

    result = counterparts(corpus, HN, pins={}).to_dict()  # 河南 (一)做優做強主導產業: quantified targets
    assert result["source"]["numbers"], "the engine finds the source's quantities"
    out = write_comparison(comparison_table(corpus, result), tmp_path / "n.docx", "docx")
    cell = docx.Document(str(out)).tables[0].rows[1].cells[0]
    marked = "".join(r.text for p in cell.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW)
    text = corpus.clause(HN).text
    start = text.index(cell.paragraphs[1].runs[0].text[:6])  # body start in the clause text
    expected = "".join(text[n["start"]:n["end"]] for n in result["source"]["numbers"] if n["start"] >= start)
    assert marked == expected and "50%" in marked


# A vertical tab (Word's Shift+Enter, pasted into a note), a C0 control, a noncharacter and a lone surrogate:
# none of them is XML, and python-docx (lxml) refused each ("All strings must be XML compatible").
NOT_XML = "第一行\v第二行\x01招商\ufffe方式\ud800"


def test_word_and_html_exports_hold_characters_xml_cannot(corpus, tmp_path):
    from index.reports import write_report

    text = corpus.clause(SOURCE).text
    notes = [{"uuid": "a", "doc_id": "jilin-2021-kaifaqu", "clause_id": SOURCE, "quote": "以商招商" + NOT_XML,
              "note": NOT_XML, "color": "重点", "tags": [NOT_XML], "created": "2026-01-01T07:00:00Z",
              "updated": "2026-01-01T07:00:00Z", "orphan": False}]
    d = docx.Document(str(write_notes(notes_report(corpus, notes), tmp_path / "n.docx", author="a\x01b")))
    body = body_text(d)
    assert "第一行\n第二行\ufffd招商\ufffd方式" in body and "\ufffe" not in body
    assert d.core_properties.author == "a\ufffdb"

    table = comparison_table(corpus, handmade(corpus), notes=notes)
    d = docx.Document(str(write_comparison(table, tmp_path / "c.docx", "docx")))
    assert "第二行" in "".join(cell_text(c) for row in d.tables[0].rows for c in row.cells)
    write_comparison(table, tmp_path / "c.html", "html")
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "第二行" in page and not any(ch in page for ch in "\v\x01\ufffe")

    # A hit whose text holds one (a document imported before the importer dropped them): the highlight after
    # it still marks the same characters (replaced one for one).
    odd = text.replace("招商", "\ufffe招商", 1)
    result = {"query": "招商", "total": 1, "notice": None, "hits": [
        {"clause_id": SOURCE, "doc_id": "jilin-2021-kaifaqu", "region": "吉林省" + NOT_XML, "score": 3.2,
         "heading": "加大招商引資力度", "path": [NOT_XML], "text": odd, "snippet": "",
         "highlights": [span_of(odd, "招商")]}]}
    report = search_report(corpus, result)
    d = docx.Document(str(write_report("search", report, tmp_path / "s.docx", "docx")))
    marked = [r.text for p in d.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == ["招商"]
    assert report.hits[0].text == odd  # the caller's model is left as it was

    from index.reports.xml_text import xml_text

    assert xml_text(NOT_XML) == "第一行\n第二行\ufffd招商\ufffd方式\ufffd" and xml_text("招商") == "招商"


def test_csv_and_markdown_exports_hold_a_lone_surrogate(corpus, tmp_path):
    # Before: both stopped with UnicodeEncodeError ('surrogates not allowed'), no file written.
    notes = [{"clause_id": SOURCE, "quote": "", "note": NOT_XML}]
    table = comparison_table(corpus, handmade(corpus), notes=notes)
    for fmt in ("csv", "md"):
        out = write_comparison(table, tmp_path / f"c.{fmt}", fmt)
        text = out.read_text(encoding="utf-8-sig")
        assert "第一行" in text and "方式\ufffd" in text
