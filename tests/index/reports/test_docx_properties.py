"""Every Word export carries its document properties: title, subject, author, created (issue 19, item 6)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import docx
import pytest

from index.library.corpus import Corpus
from index.reports import FORMATS, comparison_table, coverage_table, notes_report, search_report, write_report

SOURCE = "jilin-2021-kaifaqu/c3/s12"


@pytest.fixture(scope="module")
def corpus():
    return Corpus(imported_dir=None)


def report_of(kind: str, corpus):
    """A small real report of ``kind``."""
    text = corpus.clause(SOURCE).text
    if kind == "comparison":
        source = corpus.clause_record(corpus.clause(SOURCE))
        return comparison_table(corpus, {"source": source, "columns": [
            {"doc_id": "hebei-2017-kaifaqu", "region": "河北省", "matches": []}]})
    if kind == "coverage":
        return coverage_table(corpus, {"topics": [{"id": "t1", "name": "招商引资"}],
                                       "documents": [{"doc_id": "jilin-2021-kaifaqu"}],
                                       "matrix": {"t1": {"jilin-2021-kaifaqu": [SOURCE]}}})
    if kind == "search":
        return search_report(corpus, {"query": "招商", "total": 1, "notice": None, "hits": [
            {"clause_id": SOURCE, "doc_id": "jilin-2021-kaifaqu", "region": "吉林省", "score": 1.0, "heading": "",
             "path": [], "text": text, "snippet": "", "highlights": []}]})
    if kind == "notes":
        return notes_report(corpus, [{"uuid": "a", "doc_id": "jilin-2021-kaifaqu", "clause_id": SOURCE,
                                      "quote": "以商招商", "note": "看", "color": "重点", "tags": [],
                                      "created": "2026-01-01T07:00:00Z", "updated": "2026-01-01T07:00:00Z",
                                      "orphan": False}])
    if kind == "redline":
        from index.compare.redline import compare
        from index.library.documents import render_markdown
        from index.reports import redline_table

        folder = Path(tempfile.mkdtemp(prefix="redline-"))
        for doc_id, body in (("old", "第一条 为了规范开发区管理，制定本条例。\n\n第二条 本条例自2018年1月1日起施行。"),
                             ("new", "第一条 为了规范和促进开发区管理，制定本条例。\n\n第二条 本条例自2021年1月1日起施行。")):
            (folder / f"{doc_id}.md").write_text(render_markdown(
                {"id": doc_id, "title": "某某开发区条例", "region": "上海市"}, body), encoding="utf-8")
        return redline_table(compare(Corpus(content_dir=folder, imported_dir=None), "old", "new"))
    raise AssertionError(f"no sample report for {kind}: add one so its Word export is checked too")


WORD_KINDS = [kind for kind, fmts in FORMATS.items() if "docx" in fmts]


@pytest.mark.parametrize("kind", WORD_KINDS)
def test_every_word_export_has_title_subject_author_and_created(corpus, tmp_path, kind):
    report = report_of(kind, corpus)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out = write_report(kind, report, tmp_path / f"{kind}.docx", "docx", author="张三")
    props = docx.Document(str(out)).core_properties
    assert props.title == report.title and props.title
    assert props.subject.startswith(("开发区政策",)) and props.subject != props.title
    assert props.author == "张三" and props.last_modified_by == "张三"
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)
    assert props.created >= before and props.modified == props.created
    assert props.revision == 1


def test_subject_names_the_query_or_the_single_row(corpus, tmp_path):
    out = write_report("search", report_of("search", corpus), tmp_path / "s.docx", "docx")
    assert docx.Document(str(out)).core_properties.subject == "开发区政策检索结果：招商"


def test_default_author_is_the_system_user(corpus, tmp_path, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "lisi")
    out = write_report("notes", report_of("notes", corpus), tmp_path / "n.docx", "docx")
    assert docx.Document(str(out)).core_properties.author == "lisi"
    out = write_report("notes", report_of("notes", corpus), tmp_path / "n2.docx", "docx", author="")
    assert docx.Document(str(out)).core_properties.author == ""


@pytest.mark.parametrize("kind", WORD_KINDS)
def test_every_word_export_is_chinese_and_sets_shared_marks_in_the_chinese_font(corpus, tmp_path, kind):
    """Word exports said en-US for all text (Word spell-checked Chinese as English) and set “ ” in the Latin font."""
    from docx.oxml.ns import qn

    out = write_report(kind, report_of(kind, corpus), tmp_path / f"{kind}.docx", "docx")
    styles = docx.Document(str(out)).styles
    lang = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    fonts = styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:hint")) == "eastAsia" and fonts.get(qn("w:eastAsia"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a disk that is always full)")
@pytest.mark.parametrize("kind", WORD_KINDS)
def test_a_word_export_to_a_full_disk_fails_once_and_closes_its_file(corpus, kind, monkeypatch):
    """On a full disk python-docx's save raised, and its ZipFile, left open, failed again when collected: the
    CLI printed 'Exception ignored in: <function ZipFile.__del__ …>' and a traceback after its one-line error."""
    import gc
    import sys

    from index.reports import _writers

    report = report_of(kind, corpus)
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with pytest.raises(OSError, match="No space left"):
        _writers()[kind]["docx"](report, Path("/dev/full"))
    gc.collect()
    assert [str(u.exc_value) for u in ignored] == []
