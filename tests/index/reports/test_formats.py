"""CSV, Markdown and HTML exports, read back: columns, clauses, emphasis, escaping, citations."""

from __future__ import annotations

import codecs
import csv

import markdown
import pytest
from bs4 import BeautifulSoup

from index.reports import (
    ExportError,
    comparison_table,
    coverage_table,
    search_report,
    write_comparison,
    write_coverage,
    write_report,
    write_search,
)
from index.reports.html_pages import document_html
from index.reports.spans import find_numbers, segments
from tests.index.reports.helpers import span_of

SOURCE = "jilin-2021-kaifaqu/c3/s12"
ZJ = "zhejiang-2022-kaifaqu/c2/s2"
HOSTILE = "<script>alert(1)</script> | **x** <img src=http://evil/>"
FORMULA = "=HYPERLINK(\"http://evil\",\"点我\")"




@pytest.fixture(scope="module")
def table(corpus):
    src, zj = corpus.clause(SOURCE).text, corpus.clause(ZJ).text
    result = {
        "source": corpus.clause_record(corpus.clause(SOURCE)),
        "columns": [
            {"doc_id": "zhejiang-2022-kaifaqu", "matches": [
                {"clause_id": ZJ, "score": 0.8, "text": zj, "shared": [span_of(zj, "创新招商方式")],
                 "source_shared": [span_of(src, "以商招商")],
                 "numbers": [{"start": span_of(zj, "500强")[0], "end": span_of(zj, "500强")[1]}]}]},
            {"doc_id": "hebei-2017-kaifaqu", "matches": []},
        ],
    }
    notes = [{"clause_id": ZJ, "quote": "", "note": HOSTILE}, {"clause_id": SOURCE, "quote": "", "note": FORMULA}]
    return comparison_table(corpus, result, notes=notes, exported="2026-03-04")


def test_comparison_csv_has_bom_columns_and_citations(corpus, table, tmp_path):
    out = write_comparison(table, tmp_path / "c.csv", "csv")
    assert out.read_bytes().startswith(codecs.BOM_UTF8)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 2
    header, row = rows
    assert [h.split("\n")[0] for h in header] == ["吉林省", "浙江省", "匹配度", "强度", "依据",
                                                  "河北省", "匹配度", "强度", "依据", "批注"]
    assert "浙江省商务厅" in header[1]
    assert row[0].startswith("(十二)加大招商引資力度\n積極搭建")
    assert f"出处：《{corpus.document('jilin-2021-kaifaqu').title}》（十二）" in row[0]
    assert row[1].startswith("(二)加大招商引资力度\n")
    assert row[2:5] == ["80", "", ""]  # a record with a probability (score) but no confidence nor band
    assert row[5:9] == ["无对应条款", "", "", ""]
    assert row[9] == f"'{FORMULA}\n{HOSTILE}"  # notes of the row; the formula is defused


def test_coverage_and_search_csv(corpus, tmp_path):
    cov = {"topics": [{"id": "t1", "name": "招商引资"}],
           "documents": [{"doc_id": "jilin-2021-kaifaqu"}, {"doc_id": "hebei-2017-kaifaqu"}],
           "matrix": {"t1": {"jilin-2021-kaifaqu": [SOURCE, "jilin-2021-kaifaqu/c3/s13"], "hebei-2017-kaifaqu": []}}}
    out = write_coverage(coverage_table(corpus, cov), tmp_path / "cov.csv", "csv")
    assert out.read_bytes().startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    assert rows[0][0] == "主题" and rows[0][1].startswith("吉林省") and rows[0][2].startswith("河北省")
    s13 = corpus.clause("jilin-2021-kaifaqu/c3/s13")
    assert rows[1] == ["招商引资", f"(十二)加大招商引資力度；{s13.label}{s13.heading}", "—"]
    assert rows[2] == ["涉及主题数", "1", "0"]

    text = corpus.clause(SOURCE).text
    result = {"query": "招商", "total": 1, "hits": [
        {"clause_id": SOURCE, "region": "吉林省", "score": 1.5, "path": ["三、加快推動產業轉型升級"],
         "text": text, "highlights": [span_of(text, "招商")]}]}
    out = write_search(search_report(corpus, result), tmp_path / "s.csv", "csv")
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    assert rows[0][:3] == ["序号", "地区", "文件"]
    assert rows[1][0] == "1" and rows[1][1] == "吉林省" and rows[1][4] == text
    assert rows[1][5] == corpus.citation(corpus.clause(SOURCE)) and rows[1][6] == SOURCE


def test_a_csv_cell_longer_than_excel_holds_is_cut_and_says_so(corpus, tmp_path):
    """Excel keeps 32,767 characters of a cell and spilled the rest into the rows below, shifting every cell
    after it: a clause that long (an appendix pasted as one article) is cut at the limit, with a note."""
    from index.reports.tabular import CUT_NOTE, EXCEL_CELL_MAX

    text = ("招商引资𠀀" * 8000)[:39999]  # 𠀀 (beyond the BMP) counts twice in Excel's limit
    result = {"query": "招商", "total": 2, "hits": [
        {"clause_id": SOURCE, "region": "吉林省", "score": 1.5, "path": [], "text": text, "highlights": []},
        {"clause_id": SOURCE, "region": "吉林省", "score": 1.0, "path": [], "text": "短", "highlights": []}]}
    out = write_search(search_report(corpus, result), tmp_path / "long.csv", "csv")
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    assert len(rows) == 3 and rows[2][4] == "短"
    cell = rows[1][4]
    assert cell.endswith(CUT_NOTE) and text.startswith(cell[:-len(CUT_NOTE)])
    assert EXCEL_CELL_MAX - 2 <= len(cell.encode("utf-16-le")) // 2 <= EXCEL_CELL_MAX
    assert rows[1][5] == corpus.citation(corpus.clause(SOURCE))  # the cells after it in their places


def test_coverage_by_province_merges_documents_and_names_them(corpus, tmp_path):
    from index.compare.topics import coverage, coverage_by_region

    cov = coverage(corpus).to_dict()
    table = coverage_table(corpus, cov, by_region=True)
    regions = list(dict.fromkeys(d["region"] for d in cov["documents"]))
    assert [c.region for c in table.columns] == regions and table.by_region
    assert [c.doc_id for c in table.columns] == [d["doc_id"] for d in coverage_by_region(cov)["documents"]]
    zj = table.columns[regions.index("浙江省")]
    assert zj.status == "征求意见稿" and zj.date == "2015—2022年"
    assert "嘉兴市人民政府办公室" in zj.issuer and "浙江省商务厅" in zj.issuer
    by_doc = coverage_table(corpus, cov)
    members = [i for i, c in enumerate(by_doc.columns) if c.region.startswith("浙江省")]
    for row, doc_row in zip(table.rows, by_doc.rows, strict=True):
        merged = row.cells[regions.index("浙江省")]
        assert [e.clause_id for e in merged] == [e.clause_id for i in members for e in doc_row.cells[i]]
        # a province with two documents says which one each clause is from; one with one does not
        assert all(e.title_line.startswith(corpus.document(e.doc_id).short_title + "：") for e in merged)
        assert all(e.title_line == f"{e.label}{e.heading}".strip() for e in row.cells[regions.index("吉林省")])
    rows = list(csv.reader(open(write_coverage(table, tmp_path / "p.csv", "csv"), encoding="utf-8-sig")))
    assert [h.split("\n")[0] for h in rows[0][1:]] == regions
    assert rows[-1][0] == "涉及主题数" and len(rows) == len(table.rows) + 2
    html = (tmp_path / "p.html")
    write_coverage(table, html, "html")
    assert "嘉兴·" in html.read_text(encoding="utf-8")


def test_comparison_markdown_table_emphasis_and_escaping(corpus, table, tmp_path):
    out = write_comparison(table, tmp_path / "c.md", "md")
    md = out.read_text(encoding="utf-8")
    table_lines = [x for x in md.splitlines() if x.startswith("|")]
    assert len(table_lines) == 3  # header, rule, one row
    assert all(x.count(" | ") == 3 for x in (table_lines[0], table_lines[2]))  # 4 columns, pipes in text escaped
    assert "*无对应条款*" in table_lines[2]
    assert "## 引用出处" in md and corpus.citation(corpus.clause(ZJ)) in md
    html = markdown.markdown(md, extensions=["tables"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert [th.get_text("|").split("|")[0] for th in soup.find_all("th")] == ["吉林省", "浙江省", "河北省", "批注"]
    cells = soup.find_all("td")
    assert [b.get_text() for b in cells[1].find_all("strong")] == ["(二)加大招商引资力度", "创新招商方式"]
    assert [b.get_text() for b in cells[0].find_all("strong")] == ["(十二)加大招商引資力度", "以商招商"]
    assert [m.get_text() for m in cells[1].find_all("mark")] == ["500强"]
    assert "<script>" in cells[3].get_text()  # shown as text, not run
    assert cells[3].get_text().startswith(FORMULA)


def test_comparison_html_is_escaped_and_complete(corpus, table, tmp_path):
    out = write_comparison(table, tmp_path / "c.html", "html")
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert soup.title.get_text() == "开发区政策条款对照表"
    ths = soup.find("table").find_all("th")
    assert [th.b.get_text() for th in ths[:3]] == ["吉林省", "浙江省", "河北省"] and ths[3].get_text() == "批注"
    tds = soup.find("table").find_all("td")
    assert [b.get_text() for b in tds[0].find_all("b")] == ["(十二)加大招商引資力度", "以商招商"]
    assert [s.get_text() for s in tds[1].find_all("span")] == ["500强"]
    assert tds[2].get_text() == "无对应条款"
    assert tds[3].get_text() == FORMULA + HOSTILE
    assert corpus.citation(corpus.clause(SOURCE)) in soup.get_text()


def test_search_markdown_bolds_matches(corpus, tmp_path):
    text = corpus.clause(SOURCE).text
    result = {"query": "招商", "total": 1, "hits": [
        {"clause_id": SOURCE, "region": "吉林省", "path": [], "text": text, "highlights": [span_of(text, "招商")]}]}
    md = write_search(search_report(corpus, result), tmp_path / "s.md", "md").read_text(encoding="utf-8")
    soup = BeautifulSoup(markdown.markdown(md), "html.parser")
    assert [m.get_text() for m in soup.find_all("mark")] == ["招商"]
    assert soup.find("mark").find("strong") is not None
    assert "检索词：招商" in md and corpus.citation(corpus.clause(SOURCE)) in md


def test_document_html_keeps_structure_and_highlights(corpus):
    s = corpus.clause(SOURCE)
    at = s.text.rindex("招商")
    quote = s.text.index("積極搭建")
    marks = {SOURCE: [(at, at + 2), (quote, quote + 4, "#EF9A9A")]}
    page = document_html(corpus, "jilin-2021-kaifaqu", highlights=marks, simplified=True)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("h1").get_text() == "吉林省关于加快推动全省国家级开发区高质量发展的实施意见"
    assert "(十二)加大招商引资力度" in [h.get_text() for h in soup.find_all("h3")]
    spans = [(x.get_text(), x["style"]) for x in soup.find_all("span")]
    assert spans == [("积极搭建", "background-color:#EF9A9A"), ("招商", "background-color:#e1bee7;font-weight:bold;text-decoration:underline")]
    assert soup.find("a", attrs={"name": SOURCE}) is not None


def test_document_html_in_simplified_script_is_simplified_throughout(tmp_path):
    # The issuer and number under the converted title, and the page's title, stayed traditional:
    # 广东省人民政府办公厅关于… over 廣東省人民政府辦公廳　粵府辦〔2020〕5號.
    from index.library.corpus import Corpus
    from index.library.imported import Library

    (tmp_path / "a.txt").write_text("廣東省人民政府辦公廳關於促進開發區改革創新的意見\n\n粵府辦〔2020〕5號\n\n一、總體要求\n\n"
                                    "（一）推動開發區發展。\n\n廣東省人民政府辦公廳\n2020年6月1日\n", encoding="utf-8")
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    soup = BeautifulSoup(document_html(Corpus(), doc_id, simplified=True), "html.parser")
    assert soup.find("title").get_text() == soup.find("h1").get_text() == "广东省人民政府办公厅关于促进开发区改革创新的意见"
    assert "广东省人民政府办公厅　粤府办〔2020〕5号　2020-06-01" in soup.get_text()
    original = BeautifulSoup(document_html(Corpus(), doc_id), "html.parser")
    assert "廣東省人民政府辦公廳　粵府辦〔2020〕5號　2020-06-01" in original.get_text()


def test_unknown_format_and_unwritable_path_raise_export_error(table, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportError, match="docx, csv, md, html"):
        write_report("comparison", table, tmp_path / "x.pdf", "pdf")
    with pytest.raises(ExportError, match="cannot write"):
        write_comparison(table, tmp_path / "missing" / "x.csv", "csv")
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_segments_cover_text_and_flags():
    text = "开发区比重达45%,新增10家,共享表述"
    segs = segments(text, shared=[(0, 3), (16, 20)], numbers=find_numbers(text))
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs if s.number] == ["45%", "10家"]
    assert [s.text for s in segs if s.shared] == ["开发区", "共享表述"]
    assert "".join(s.text for s in segments(text, start=3)) == text[3:]


def test_notes_of_a_removed_document_are_kept_in_every_notes_export(corpus, tmp_path):
    """An export never leaves a note out: one whose document is gone is listed under its id, last."""
    from index.reports import notes_report, write_report

    records = [{"uuid": "u1", "doc_id": "jilin-2021-kaifaqu", "clause_id": "jilin-2021-kaifaqu/c3/s12",
                "quote": "招商引資", "note": "**对照**", "color": "重点", "tags": ["招商"],
                "created": "2026-01-01T07:00:00Z", "updated": "2026-01-01T07:00:00Z", "orphan": False},
               {"uuid": "u2", "doc_id": "gone-2020-abc", "clause_id": "gone-2020-abc/c1", "quote": "已删除的文件",
                "note": "保留", "color": "疑问", "tags": [], "created": "2026-01-02T07:00:00Z",
                "updated": "2026-01-02T07:00:00Z", "orphan": True}]
    report = notes_report(corpus, records)
    assert [g.removed for g in report.groups] == [False, True] and report.count == 2
    md = write_report("notes", report, tmp_path / "n.md", "md").read_text(encoding="utf-8")
    assert "## 已移除的文件 `gone-2020-abc`" in md and "> 已删除的文件" in md and "待复核" in md
    assert md.index("《吉林省") < md.index("gone-2020-abc") and "**对照**" in md and "`u1`" in md
    import docx

    body = "\n".join(p.text for p in docx.Document(str(write_report("notes", report, tmp_path / "n.docx", "docx")))
                     .paragraphs)
    assert "已删除的文件" in body and "gone-2020-abc" in body


def test_a_silent_column_says_why_in_every_format(corpus, tmp_path):
    """A column the comparison left without a match carries its reason (``no_counterpart``) into each export;
    one without a reason (a saved result, the user's mark) says 无对应条款 alone."""
    from docx import Document as Docx

    result = {
        "source": corpus.clause_record(corpus.clause("hebei-2017-kaifaqu/h3/p1")),
        "columns": [
            {"doc_id": "jiaxing-2015-kaifaqu", "matches": [],
             "no_counterpart": {"reason": "coverage", "topic": {"id": "quyu_hezuo", "name": "区域合作与飞地"}}},
            {"doc_id": "henan-2017-kaifaqu", "matches": [], "no_counterpart": {"reason": "subject", "topic": None}},
            {"doc_id": "zhejiang-2022-kaifaqu", "matches": [], "no_counterpart": None},
        ],
    }
    table = comparison_table(corpus, result, exported="2026-03-04")
    said = ["无对应条款：该文件“区域合作与飞地”主题下无条款，最接近的条款仅弱相关", "无对应条款：该文件未涉及本条主题", "无对应条款"]
    with open(write_comparison(table, tmp_path / "c.csv", "csv"), encoding="utf-8-sig", newline="") as fh:
        row = list(csv.reader(fh))[1]
    assert row[1::4] == said and not any(row[k] for k in range(1, len(row)) if k % 4 != 1)  # 匹配度, 强度, 依据 empty
    md = write_comparison(table, tmp_path / "c.md", "md").read_text(encoding="utf-8")
    assert all(f"*{s}*" in md for s in said)
    soup = BeautifulSoup(write_comparison(table, tmp_path / "c.html", "html").read_text(encoding="utf-8"), "html.parser")
    assert [td.get_text() for td in soup.find_all("tr")[1].find_all("td")][1:] == said
    cells = Docx(str(write_comparison(table, tmp_path / "c.docx", "docx"))).tables[0].rows[1].cells
    assert [c.text for c in cells][1:] == said


def test_columns_a_comparison_did_not_reach_are_left_out_of_the_table_and_counted(corpus):
    """Every document of a large library a column: thousands were not compared ("unreached"); the table lists
    the compared ones and says how many it left out. A column the user chose (``doc_order``) stays."""
    record = corpus.clause_record(corpus.clause("hebei-2017-kaifaqu/h3/p1"))
    unreached = {"reason": "unreached", "topic": None}
    result = {"source": record, "columns": [
        {"doc_id": "jiaxing-2015-kaifaqu", "matches": [], "no_counterpart": {"reason": "subject", "topic": None}},
        {"doc_id": "henan-2017-kaifaqu", "matches": [], "no_counterpart": unreached},
        {"doc_id": "zhejiang-2022-kaifaqu", "matches": [], "no_counterpart": unreached},
    ]}
    table = comparison_table(corpus, result, exported="2026-03-04")
    assert [c.doc_id for c in table.columns] == ["hebei-2017-kaifaqu", "jiaxing-2015-kaifaqu"]
    assert table.subtitle.endswith("（另有 2 个文件未逐条比较：不在检索所得与本条最相近的文件之列，未列入本表）")
    chosen = comparison_table(corpus, result, exported="2026-03-04",
                              doc_order=["hebei-2017-kaifaqu", "henan-2017-kaifaqu"])
    assert [c.doc_id for c in chosen.columns] == ["hebei-2017-kaifaqu", "henan-2017-kaifaqu"]
    assert "未列入" not in chosen.subtitle
    assert chosen.rows[0].empty_text(1).startswith("未逐条比较")


def test_a_document_nothing_comes_close_in_is_said_so():
    from index.reports.model import no_counterpart_text

    assert no_counterpart_text({"reason": "nothing", "topic": None}) == "无对应条款：该文件中没有与本条相近的条款"
    # a document a comparison at scale did not reach was not compared: not 无对应
    assert no_counterpart_text({"reason": "unreached", "topic": None}) == "未逐条比较：该文件不在检索所得与本条最相近的文件之列"


def test_every_format_shows_each_match_s_score_band_and_evidence(corpus, tmp_path):
    """A match's calibrated score, its band and why it was proposed, as the compare view shows them (匹配度 95 ·
    强；共同用词：…), so a weak 29 does not read like a 95 强; a pinned clause the comparison did not score says
    未评分; the compared clause says neither. CSV: 匹配度, 强度 and 依据 after each document's column."""
    from docx import Document as Docx

    from index.compare.records import Evidence

    strong = Evidence(terms=["加大招商引资力度", "创新招商"], topics=["招商引资"]).to_dict()
    result = {
        "source": corpus.clause_record(corpus.clause(SOURCE)),
        "columns": [
            {"doc_id": "zhejiang-2022-kaifaqu", "matches": [
                {"clause_id": ZJ, "score": 0.95, "confidence": 95, "band": "强", "evidence": strong,
                 "pinned": False}]},
            {"doc_id": "jiaxing-2015-kaifaqu", "matches": [
                {"clause_id": "jiaxing-2015-kaifaqu/c1/s1", "score": 0.29, "confidence": 29, "band": "弱",
                 "evidence": {"terms": ["加大"], "topics": [], "numbers": ["2家"], "role": ""}, "pinned": False}]},
            {"doc_id": "hebei-2017-kaifaqu", "matches": [
                {"clause_id": "hebei-2017-kaifaqu/h3/p1", "score": None, "confidence": None, "band": None,
                 "evidence": Evidence().to_dict(), "pinned": True}]},
            {"doc_id": "henan-2017-kaifaqu", "matches": [], "no_counterpart": {"reason": "subject", "topic": None}},
        ],
    }
    table = comparison_table(corpus, result, exported="2026-03-04")
    lines = ["匹配度 95 · 强；共同用词：加大招商引资力度、创新招商；共同主题：招商引资",
             "匹配度 29 · 弱；共同用词：加大；共同数字：2家", "未评分"]

    with open(write_comparison(table, tmp_path / "c.csv", "csv"), encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh))
    assert [h.split("\n")[0] for h in header] == ["吉林省", *(["浙江省", "匹配度", "强度", "依据"]),
                                                  *(["浙江省·嘉兴市", "匹配度", "强度", "依据"]),
                                                  *(["河北省", "匹配度", "强度", "依据"]),
                                                  *(["河南省", "匹配度", "强度", "依据"])]
    assert row[2:5] == ["95", "强", "共同用词：加大招商引资力度、创新招商；共同主题：招商引资"]
    assert row[6:9] == ["29", "弱", "共同用词：加大；共同数字：2家"]
    assert row[10:13] == ["未评分", "", ""]
    assert row[13:] == ["无对应条款：该文件未涉及本条主题", "", "", ""]  # unchanged, its match columns empty

    md = write_comparison(table, tmp_path / "c.md", "md").read_text(encoding="utf-8")
    assert all(f"<small>{line}</small>" in md for line in lines)
    assert md.count("<small>") == 3  # not the compared clause

    page = BeautifulSoup(write_comparison(table, tmp_path / "c.html", "html").read_text(encoding="utf-8"),
                         "html.parser")
    cells = [td.get_text("\n") for td in page.find_all("tr")[1].find_all("td")]
    assert [line in cells[k] for k, line in enumerate(lines, 1)] == [True] * 3
    assert "匹配度" not in cells[0] and "未评分" not in cells[0]

    words = Docx(str(write_comparison(table, tmp_path / "c.docx", "docx"))).tables[0].rows[1].cells
    paragraphs = [[p.text for p in c.paragraphs] for c in words]
    assert [paragraphs[k][1] for k in (1, 2, 3)] == lines  # under each match's title line
    assert not any("匹配度" in p for p in paragraphs[0])
    assert paragraphs[4] == ["无对应条款：该文件未涉及本条主题"]


def test_an_export_says_why_a_match_is_first_and_what_it_finds_compared_back(corpus, tmp_path):
    """The compare view says of each match whether it was shown first for the clause's topic (排在首位：…) and what
    it finds compared back (对照回去：…); the export dropped both, so a match that does not find the clause back
    read like a sure one. Every format carries them after the evidence."""
    from index.compare.records import Reverse

    back = Reverse(clause_id="zhejiang-2022-kaifaqu/c2/s3", mutual=False, reason="differs", source_rank=None,
                   label="（三）", heading="优化营商环境").to_dict()
    result = {
        "source": corpus.clause_record(corpus.clause(SOURCE)),
        "columns": [
            {"doc_id": "zhejiang-2022-kaifaqu", "matches": [
                {"clause_id": ZJ, "score": 0.41, "confidence": 41, "band": "中", "pinned": False,
                 "evidence": {"terms": ["招商"], "topics": [], "numbers": [], "role": ""},
                 "topic_first": {"id": "zhaoshang", "name": "招商引资"}, "reverse": back}]},
            {"doc_id": "hebei-2017-kaifaqu", "matches": [
                {"clause_id": "hebei-2017-kaifaqu/h3/p1", "score": 0.9, "confidence": 90, "band": "强",
                 "pinned": False, "reverse": {"clause_id": SOURCE, "mutual": True, "reason": "mutual",
                                              "source_rank": 1}}]},
        ],
    }
    table = comparison_table(corpus, result, exported="2026-03-04")
    zj = ("共同用词：招商；排在首位：覆盖矩阵将其列于本条主题「招商引资」之下，得分更高的条款未列入该主题；"
          "对照回去：最接近的是 （三）优化营商环境（本条不在其前 5 个候选中），不是本条：这一对应可能不可靠")
    with open(write_comparison(table, tmp_path / "c.csv", "csv"), encoding="utf-8-sig", newline="") as fh:
        row = list(csv.reader(fh))[1]
    assert row[4] == zj and row[8] == "对照回去：最接近的正是本条（互为最佳）"
    md = write_comparison(table, tmp_path / "c.md", "md").read_text(encoding="utf-8")
    assert f"<small>匹配度 41 · 中；{zj}</small>" in md
    page = write_comparison(table, tmp_path / "c.html", "html").read_text(encoding="utf-8")
    assert "对照回去：最接近的正是本条（互为最佳）" in page and "排在首位：" in page
    from docx import Document as Docx

    word = Docx(str(write_comparison(table, tmp_path / "c.docx", "docx")))
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert zj in cells and "对照回去：最接近的正是本条（互为最佳）" in cells


def test_a_search_export_listing_fewer_hits_than_found_says_so_in_every_format(corpus, tmp_path):
    """Print preview (HTML/PDF) and Markdown said 共 5337 条结果 over the first 200 hits listed, as if those were
    all (Word said 列出前 200 条)."""
    from docx import Document as Docx

    text = corpus.clause(SOURCE).text
    hit = {"clause_id": SOURCE, "region": "吉林省", "score": 1.0, "path": [], "text": text, "highlights": []}
    cut = search_report(corpus, {"query": "招商", "total": 5337, "hits": [hit, hit]})
    said = "共 5337 条结果，列出前 2 条"
    assert said in write_search(cut, tmp_path / "s.md", "md").read_text(encoding="utf-8")
    assert said in write_search(cut, tmp_path / "s.html", "html").read_text(encoding="utf-8")
    assert said in "\n".join(p.text for p in Docx(str(write_search(cut, tmp_path / "s.docx", "docx"))).paragraphs)
    whole = search_report(corpus, {"query": "招商", "total": 2, "hits": [hit, hit]})
    page = write_search(whole, tmp_path / "w.html", "html").read_text(encoding="utf-8")
    assert "共 2 条结果" in page and "列出前" not in page
