"""A comparison or coverage matrix wider than a printed page holds is written as several tables of the same rows
(Word, HTML, PDF): one table of 20 documents overprinted its cells in the PDF, and Word takes at most 63 columns."""

from __future__ import annotations

import docx
import pytest

from index.reports import comparison_table, coverage_table, model, write_comparison, write_coverage
from index.reports.html_pages import comparison_html, coverage_html
from index.reports.model import printed_parts

SOURCE = "jilin-2021-kaifaqu/c3/s12"


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


@pytest.mark.parametrize(("n", "keep", "per_part", "sizes"), [
    (5, (0,), 8, [5]),  # fits: one table, as before
    (8, (), 8, [8]),
    (9, (), 8, [5, 4]),  # near equal parts, not 8 + 1
    (21, (0,), 8, [8, 8, 7]),  # the source's document heads each part: 20 others in 3 parts
    (3440, (), 8, [8] * 430),
])
def test_printed_parts_cover_every_column_once_and_keep_the_source_in_each(n, keep, per_part, sizes):
    parts = printed_parts(n, keep, per_part)
    assert [len(p) for p in parts] == sizes
    assert all(p[:len(keep)] == list(keep) for p in parts)
    others = [i for p in parts for i in p[len(keep):]]
    assert others == [i for i in range(n) if i not in keep]  # each once, in order


def test_a_wide_clause_comparison_prints_as_parts_each_headed_by_the_source(corpus, tmp_path, monkeypatch):
    from index.compare.align import counterparts

    monkeypatch.setattr(model, "PRINTED_COLUMNS", 3)  # 5 bundled documents: the source's and 2 more a part
    result = counterparts(corpus, SOURCE, pins={}).to_dict()
    notes = [{"clause_id": SOURCE, "quote": "招商引資", "note": "与浙江对照"}]
    table = comparison_table(corpus, result, notes=notes)
    d = docx.Document(str(write_comparison(table, tmp_path / "c.docx", "docx")))

    assert len(d.tables) == 2
    heads = [[cell_text(c).split("\n")[0] for c in t.rows[0].cells] for t in d.tables]
    source_head = model.column_for(corpus, "jilin-2021-kaifaqu").header_lines()[0]
    assert [h[0] for h in heads] == [source_head, source_head]  # the source's document heads each part
    assert heads[0][-1] == "批注" and "批注" not in heads[1]  # the notes column once, in the first part
    shown = [h for t in heads for h in t[1:] if h != "批注"]
    assert len(shown) == len(corpus.documents()) - 1  # every other document once
    for t in d.tables:  # the same row, the source clause beside each part's counterparts
        assert "加大招商引資力度" in cell_text(t.rows[1].cells[0])  # shown as written (traditional)
    text = "\n".join(p.text for p in d.paragraphs)
    assert "对照表（第 1 部分，共 2 部分；本部分 3 个文件）" in text and "续表（第 2 部分，共 2 部分；本部分 3 个文件）" in text
    assert [p.paragraph_format.page_break_before for p in d.paragraphs if p.text.startswith(("对照表（", "续表（"))] \
        == [False, True]

    html = comparison_html(table)  # the HTML page, which the PDF prints, splits the same way
    assert html.count("<table") == 2 and html.count("page-break-before: always") == 1


def test_a_narrow_comparison_stays_one_table_without_part_headings(corpus, tmp_path):
    from index.compare.align import counterparts

    table = comparison_table(corpus, counterparts(corpus, SOURCE, pins={}).to_dict())
    d = docx.Document(str(write_comparison(table, tmp_path / "c.docx", "docx")))
    assert len(d.tables) == 1 and not any("部分" in p.text for p in d.paragraphs)
    assert comparison_html(table).count("<table") == 1


def test_a_wide_coverage_matrix_prints_as_parts_of_the_same_topics(corpus, tmp_path, monkeypatch):
    from index.compare.topics import coverage

    monkeypatch.setattr(model, "PRINTED_COLUMNS", 2)
    cov = coverage(corpus).to_dict()
    table = coverage_table(corpus, cov)
    d = docx.Document(str(write_coverage(table, tmp_path / "cov.docx", "docx")))
    n_docs = len(cov["documents"])
    assert len(d.tables) == -(-n_docs // 2)
    assert sum(len(t.columns) - 1 for t in d.tables) == n_docs  # the topic column, then each document once
    names = [x["name"] for x in cov["topics"]]
    for t in d.tables:
        assert [cell_text(r.cells[0]) for r in t.rows[1:-1]] == names
        assert cell_text(t.rows[-1].cells[0]) == "涉及主题数"
    assert coverage_html(table).count("<table") == len(d.tables)


def test_a_crowded_matrix_cell_lists_some_clauses_of_each_document_and_counts_the_rest(corpus, tmp_path, monkeypatch):
    """A province of 120 documents counts ~700 clauses under a topic: the printed cell names a few, in turn from
    each document, and says how many more; the bundled library's cells (10 at most) are listed whole."""
    from index.compare.topics import coverage
    from index.reports import builders

    cov = coverage(corpus).to_dict()
    whole = coverage_table(corpus, cov, by_region=True)
    assert not any(n for row in whole.rows for n in row.more)  # as before: every clause listed

    monkeypatch.setattr(builders, "CELL_CLAUSES", 2)
    table = coverage_table(corpus, cov, by_region=True)
    zj = [c.doc_id for c in table.columns].index("region:浙江省")  # 浙江 and 嘉兴
    k, row = next((k, r) for k, r in enumerate(table.rows)
                  if all(cov["matrix"][table_id(cov, r.label)].get(d) for d in ("zhejiang-2022-kaifaqu",
                                                                                  "jiaxing-2015-kaifaqu"))
                  and len(cov["matrix"][table_id(cov, r.label)]["zhejiang-2022-kaifaqu"])
                  + len(cov["matrix"][table_id(cov, r.label)]["jiaxing-2015-kaifaqu"]) > 2)
    total = sum(len(cov["matrix"][table_id(cov, row.label)][d]) for d in ("zhejiang-2022-kaifaqu",
                                                                          "jiaxing-2015-kaifaqu"))
    cell = row.cells[zj]
    assert len(cell) == 2 and {e.doc_id for e in cell} == {"zhejiang-2022-kaifaqu", "jiaxing-2015-kaifaqu"}
    assert row.more_text(zj) == f"……另有 {total - 2} 条（共 {total} 条）"
    d = docx.Document(str(write_coverage(table, tmp_path / "cov.docx", "docx")))
    assert row.more_text(zj) in cell_text(d.tables[0].rows[1 + k].cells[1 + zj])
    assert row.more_text(zj) in coverage_html(table)
    write_coverage(table, tmp_path / "cov.csv", "csv")
    assert row.more_text(zj) in (tmp_path / "cov.csv").read_text("utf-8-sig")


def table_id(cov: dict, name: str) -> str:
    return next(t["id"] for t in cov["topics"] if t["name"] == name)


def test_a_province_of_many_documents_is_headed_by_their_count_not_every_title(corpus, monkeypatch):
    """The header of a province of 124 documents named each: a cell taller than a page, and Qt then printed the
    PDF from the middle of its citations."""
    monkeypatch.setattr(model, "HEADER_TITLES", 1)
    many = model.region_column(corpus, "浙江省", ["zhejiang-2022-kaifaqu", "jiaxing-2015-kaifaqu"])
    assert many.short_title == "共 2 份文件" and many.date == "2015—2022年"
    monkeypatch.setattr(model, "HEADER_TITLES", 3)
    few = model.region_column(corpus, "浙江省", ["zhejiang-2022-kaifaqu", "jiaxing-2015-kaifaqu"])
    assert few.short_title == "、".join(corpus.document(d).short_title
                                       for d in ("zhejiang-2022-kaifaqu", "jiaxing-2015-kaifaqu"))


def test_a_matrix_too_wide_to_print_is_refused_before_any_work_and_csv_still_works(capsys, tmp_path, monkeypatch):
    from desktop import cli

    monkeypatch.setattr(model, "PRINTED_MATRIX_COLUMNS", 4)  # 5 bundled documents are too many, 4 provinces not
    for fmt in ("docx", "html", "pdf"):
        assert cli.main(["export", "topics", "-f", fmt, "-o", str(tmp_path / f"m.{fmt}")]) != 0
        err = capsys.readouterr().err
        assert "coverage matrix of 5 documents is too wide to print" in err and "--by-region" in err
        assert not (tmp_path / f"m.{fmt}").exists()
    assert cli.main(["export", "topics", "-f", "csv", "-o", str(tmp_path / "m.csv")]) == 0
    assert cli.main(["export", "topics", "--by-region", "-f", "docx", "-o", str(tmp_path / "r.docx")]) == 0
    assert (tmp_path / "m.csv").exists() and (tmp_path / "r.docx").exists()
