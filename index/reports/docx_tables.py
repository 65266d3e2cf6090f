"""Word (.docx) exports of tables: the comparison and the topic coverage matrix.

Written with python-docx so the files open cleanly in Word and LibreOffice:
A4 landscape, a grid table whose header row repeats on every page, East Asian
font set explicitly (otherwise Word falls back to a Latin font for 汉字 in
some locales), shared wording in bold, numbers on a yellow highlight, and a
numbered citation list at the end that the cells point to with [n].
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from index.reports import docx_meta
from index.reports.model import (
    NO_COUNTERPART,
    NOT_COVERED,
    Citation,
    ComparisonTable,
    CoverageTable,
    Entry,
    part_heading,
)
from index.reports.spans import segments

EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
HEADER_FILL = "D9E2F3"
LABEL_FILL = "F2F2F2"
GREY = RGBColor(0x59, 0x59, 0x59)
NAVY = RGBColor(0x1F, 0x3A, 0x68)
LEGEND = "说明：加粗为各文件共有的表述；黄色底纹为数字与量化指标；[n] 指文末引用出处。"


# -- document scaffolding (shared with docx_lists) ----------------------------

def _set_fonts(run_or_style, east_asian: str = EAST_ASIAN_FONT) -> None:
    run_or_style.font.name = LATIN_FONT
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asian)
    # Characters both scripts use (“ ” ‘ ’ … — ·) take the Chinese font: Word set a quote in Times New Roman,
    # a half-width mark beside the Chinese text, without it.
    rfonts.set(qn("w:hint"), "eastAsia")


def _set_language(doc: DocxDocument) -> None:
    """The text's language is Chinese (python-docx's template says en-US for Western and East Asian text: Word
    spell-checked the Chinese as English and read ambiguous characters as Western)."""
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def new_document(title: str, landscape: bool) -> DocxDocument:
    """A blank A4 document in Chinese with CJK fonts, margins and a running header with ``title``."""
    doc = new_docx()
    _set_language(doc)
    normal = doc.styles["Normal"]
    _set_fonts(normal)
    normal.font.size = Pt(10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = head.add_run(title)
    run.font.size = Pt(9)
    run.font.color.rgb = GREY
    _add_page_number(section.footer.paragraphs[0])
    return doc


def _add_page_number(paragraph) -> None:
    """A PAGE field, so Word/LibreOffice number the pages themselves."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)  # noqa: SLF001 - python-docx has no field API


def add_title(doc: DocxDocument, title: str, lines: list[str]) -> None:
    """Centered title, then small grey lines (subtitle, export date, legend)."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    _set_fonts(run, "黑体")
    for line in lines:
        if not line:
            continue
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.font.size = Pt(9.5)
        r.font.color.rgb = GREY


def add_section_heading(doc: DocxDocument, text: str, size: float = 13) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(12)
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    _set_fonts(run, "黑体")


def add_styled_text(paragraph, text: str, shared=(), numbers=(), start: int = 0) -> None:
    """Runs for ``text[start:]``: shared wording bold, numbers highlighted."""
    for seg in segments(text, shared, numbers, start):
        run = paragraph.add_run(seg.text)
        if seg.shared:
            run.bold = True
        if seg.number:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def add_ref(paragraph, ref: int) -> None:
    run = paragraph.add_run(f"[{ref}]")
    run.font.superscript = True
    run.font.color.rgb = GREY


def add_citations(doc: DocxDocument, citations: list[Citation], heading: str = "引用出处") -> None:
    if not citations:
        return
    add_section_heading(doc, heading, 12)
    for c in citations:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        r = p.add_run(f"[{c.ref}] {c.text}")
        r.font.size = Pt(9.5)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # noqa: SLF001 - shading has no python-docx API
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()  # noqa: SLF001
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _grid_table(doc: DocxDocument, widths_cm: list[float]):
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, w in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(w)  # the grid LibreOffice reads
    _repeat_header(table.rows[0])
    return table


def _set_widths(row, widths_cm: list[float]) -> None:
    for cell, w in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(w)  # the cell widths Word reads


def _write_header_cell(cell, lines: list[str], fill: str = HEADER_FILL) -> None:
    _shade(cell, fill)
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(9.5)
        if first:
            run.bold = True
        first = False


def _write_entries(cell, entries: list[Entry], empty: str = NO_COUNTERPART, size: float = 9.5) -> None:
    if not entries:
        run = cell.paragraphs[0].add_run(empty)
        run.italic = True
        run.font.color.rgb = GREY
        return
    p = cell.paragraphs[0]
    for i, e in enumerate(entries):
        if i:
            p = cell.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
        if e.title_line:
            run = p.add_run(e.title_line + ("〔已固定〕" if e.pinned else ""))
            run.bold = True
            run.font.color.rgb = NAVY
            run.font.size = Pt(size)
            p = cell.add_paragraph()
        if e.match_line:
            run = p.add_run(e.match_line)
            run.font.color.rgb = GREY
            run.font.size = Pt(size - 1)
            p = cell.add_paragraph()
        add_styled_text(p, e.text, e.shared, e.numbers, e.body_start)
        for run in p.runs:
            run.font.size = Pt(size)
        add_ref(p, e.ref)


def _widths(total_cm: float, n_docs: int, label: bool, notes: bool) -> list[float]:
    fixed = (3.0 if label else 0) + (4.5 if notes else 0)
    each = (total_cm - fixed) / max(1, n_docs)
    return ([3.0] if label else []) + [each] * n_docs + ([4.5] if notes else [])


def write_comparison_docx(table: ComparisonTable, path: Path) -> Path:
    """Write a comparison as a landscape Word table.

    One column per document (header: region, issuer, short title, document
    number, date), one row per aligned clause or topic, “无对应条款” where a
    document has no counterpart, an optional notes column, then the citations.
    More documents than fit a page side by side (``PRINTED_COLUMNS``) are
    written as several tables of the same rows, the compared clause's document
    heading each.

    Returns:
        ``path``.
    """
    doc = new_document(table.title, landscape=True)
    add_title(doc, table.title, [table.subtitle, f"导出日期：{table.exported}", LEGEND])
    parts = table.printed()
    for k, part in enumerate(parts):
        _part_heading(doc, part_heading(k, parts), k)
        _comparison_grid(doc, part)
    add_citations(doc, table.citations)
    docx_meta.save(doc, path)
    return Path(path)


def _part_heading(doc: DocxDocument, text: str, k: int) -> None:
    """A printed part's heading; the second and later parts start a page."""
    if text:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(10)
        p.paragraph_format.page_break_before = k > 0
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(10.5)


def _comparison_grid(doc: DocxDocument, table: ComparisonTable) -> None:
    widths = _widths(29.7 - 3.6, len(table.columns), table.row_labels, table.with_notes)
    grid = _grid_table(doc, widths)
    head = grid.rows[0].cells
    k = 0
    if table.row_labels:
        _write_header_cell(head[0], ["对照项"])
        k = 1
    for i, col in enumerate(table.columns):
        draft = col.status == "征求意见稿" and col.status not in col.short_title  # a draft must say so
        _write_header_cell(head[k + i], col.header_lines() + ([col.status] if draft else []))
    if table.with_notes:
        _write_header_cell(head[-1], ["批注"])
    _set_widths(grid.rows[0], widths)
    for row in table.rows:
        cells = grid.add_row().cells
        if table.row_labels:
            _shade(cells[0], LABEL_FILL)
            cells[0].paragraphs[0].add_run(row.label).bold = True
        for i, entries in enumerate(row.cells):
            _write_entries(cells[k + i], entries, row.empty_text(i))
        if table.with_notes:
            for j, note in enumerate(row.notes):
                p = cells[-1].paragraphs[0] if j == 0 else cells[-1].add_paragraph()
                p.add_run(note).font.size = Pt(9)
        _set_widths(grid.rows[-1], widths)


def write_coverage_docx(table: CoverageTable, path: Path) -> Path:
    """Write the topic × document coverage matrix as a landscape Word table.

    Each cell lists the clauses treating the topic (label and heading, [n]);
    “—” marks a topic the document does not cover. A last row counts the
    topics each document covers. More columns than fit a page side by side
    are written as several tables of the same topics.
    """
    doc = new_document(table.title, landscape=True)
    add_title(doc, table.title, [f"导出日期：{table.exported}",
                                 f"说明：每格列出该{table.column_unit}涉及该主题的条款；“{NOT_COVERED}”表示未涉及；[n] 指文末引用出处。"])
    parts = table.printed()
    for k, part in enumerate(parts):
        _part_heading(doc, part_heading(k, parts, table.column_unit), k)
        _coverage_grid(doc, part)
    add_citations(doc, table.citations)
    docx_meta.save(doc, path)
    return Path(path)


def _coverage_grid(doc: DocxDocument, table: CoverageTable) -> None:
    widths = _widths(29.7 - 3.6, len(table.columns), True, False)
    grid = _grid_table(doc, widths)
    head = grid.rows[0].cells
    _write_header_cell(head[0], ["主题"])
    for i, col in enumerate(table.columns):
        _write_header_cell(head[1 + i], col.header_lines())
    _set_widths(grid.rows[0], widths)
    for row in table.rows:
        cells = grid.add_row().cells
        _shade(cells[0], LABEL_FILL)
        cells[0].paragraphs[0].add_run(row.label).bold = True
        for i, entries in enumerate(row.cells):
            cell = cells[1 + i]
            if not entries:
                cell.paragraphs[0].add_run(NOT_COVERED).font.color.rgb = GREY
                continue
            for j, e in enumerate(entries):
                p = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
                r = p.add_run(e.title_line or e.text[:24])
                r.font.size = Pt(9)
                add_ref(p, e.ref)
            if row.more_text(i):
                r = cell.add_paragraph().add_run(row.more_text(i))
                r.font.size = Pt(9)
                r.font.color.rgb = GREY
        _set_widths(grid.rows[-1], widths)
    cells = grid.add_row().cells
    _shade(cells[0], LABEL_FILL)
    cells[0].paragraphs[0].add_run("涉及主题数").bold = True
    for i in range(len(table.columns)):
        n = sum(1 for row in table.rows if row.cells[i])
        cells[1 + i].paragraphs[0].add_run(f"{n} / {len(table.rows)}").bold = True
    _set_widths(grid.rows[-1], widths)
