"""Word (.docx) exports of lists: search results and the user's notes.

Portrait pages (a list reads down the page), same fonts and running header as
the tables in ``docx_tables``.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from index.reports import docx_meta
from index.reports.docx_tables import (
    GREY,
    NAVY,
    add_section_heading,
    add_styled_text,
    add_title,
    new_document,
)
from index.reports.model import NotesReport, SearchReport

# Annotation colour names → the nearest Word highlight (Word offers only a
# fixed palette of highlight colours).
NOTE_HIGHLIGHTS = {
    "重点": WD_COLOR_INDEX.YELLOW,
    "疑问": WD_COLOR_INDEX.PINK,
    "对比": WD_COLOR_INDEX.TURQUOISE,
    "待办": WD_COLOR_INDEX.BRIGHT_GREEN,
}


def _grey_line(doc, text: str, size: float = 9):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.font.color.rgb = GREY
    return p


def write_search_docx(report: SearchReport, path: Path) -> Path:
    """Write search results: each hit with its heading path, highlighted text and citation.

    Returns:
        ``path``.
    """
    doc = new_document(report.title, landscape=False)
    add_title(doc, report.title, [f"检索词：{report.query}", report.count_line,
                                  f"导出日期：{report.exported}", report.notice or ""])
    for hit in report.hits:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(10)
        r = p.add_run(f"{hit.rank}. {hit.region}　《{hit.doc_title}》")
        r.bold = True
        r.font.color.rgb = NAVY
        if hit.path:
            _grey_line(doc, hit.path)
        body = doc.add_paragraph()
        for seg_run in _highlight_runs(body, hit.text, hit.highlights):
            seg_run.font.size = Pt(10.5)
        _grey_line(doc, f"出处：{hit.citation}")
    docx_meta.save(doc, path)
    return Path(path)


def _highlight_runs(paragraph, text: str, highlights):
    """Query matches in bold on yellow, the rest plain."""
    add_styled_text(paragraph, text, shared=highlights, numbers=highlights)
    return paragraph.runs


def write_notes_docx(report: NotesReport, path: Path) -> Path:
    """Write the user's notes grouped by document and clause, with citations.

    Returns:
        ``path``.
    """
    doc = new_document(report.title, landscape=False)
    add_title(doc, report.title, [f"共 {report.count} 条批注", f"导出日期：{report.exported}"])
    for group in report.groups:
        col = group.column
        add_section_heading(doc, f"{col.region}　{col.short_title}")
        _grey_line(doc, "　".join(x for x in (col.title, col.issuer, col.doc_number, col.date) if x))
        for clause in group.clauses:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(8)
            r = p.add_run(clause.citation)
            r.bold = True
            r.font.color.rgb = NAVY
            if clause.path:
                _grey_line(doc, clause.path)
            for note in clause.notes:
                if note.quote:
                    q = doc.add_paragraph()
                    q.paragraph_format.left_indent = Pt(18)
                    run = q.add_run(f"“{note.quote}”")
                    run.font.highlight_color = NOTE_HIGHLIGHTS.get(note.color, WD_COLOR_INDEX.YELLOW)
                if note.note:
                    add_note_markdown(doc, note.note, Pt(18))
                meta = [f"标记：{note.color}" if note.color else "",
                        f"标签：{'、'.join(note.tags)}" if note.tags else "",
                        f"更新：{note.updated[:16].replace('T', ' ')}" if note.updated else "",
                        "〔原文已变动，未能定位〕" if note.orphan else ""]
                m = _grey_line(doc, "　".join(x for x in meta if x))
                m.paragraph_format.left_indent = Pt(18)
    docx_meta.save(doc, path)
    return Path(path)


def add_note_markdown(doc, markdown_text: str, indent) -> None:
    """A note's Markdown as Word paragraphs: bold, italics, list items, links with their URL.

    Goes through the same sanitised HTML the app shows (``index.userdata.markup``), so
    the export never carries what the screen would not.
    """
    from bs4 import BeautifulSoup, NavigableString

    from index.userdata.markup import render_note

    soup = BeautifulSoup(render_note(markdown_text), "html.parser")
    blocks = soup.find_all(["p", "li", "pre", "h1", "h2", "h3", "h4", "blockquote"]) or [soup]
    for block in blocks:
        if block.find_parent(["li", "blockquote"]) is not None and block.name == "p":
            continue  # written with its list item / quote
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = indent
        if block.name == "li":
            p.add_run("• ")
        for node in block.descendants:
            if not isinstance(node, NavigableString):
                continue
            run = p.add_run(str(node))
            names = {parent.name for parent in node.parents}
            run.bold = bool(names & {"strong", "b", "h1", "h2", "h3", "h4"}) or None
            run.italic = bool(names & {"em", "i"}) or None
