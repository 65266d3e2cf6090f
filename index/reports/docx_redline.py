"""The Word 新旧对照表: 修改前 / 修改后 in two columns, deletions struck through, insertions underlined.

Laid out as officials hand one in: A4 portrait, the header row repeated on
every page, each article in its row; text deleted from the old version is
struck through (red), text added in the new one underlined (bold), so the
marks survive printing in black and white. Added and removed articles say so
in the empty column.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt, RGBColor

from index.reports import docx_meta
from index.reports.docx_tables import (
    GREY,
    _grid_table,
    _set_widths,
    _write_header_cell,
    add_title,
    new_document,
)
from index.reports.redline_table import ADDED_PLACEHOLDER, REMOVED_PLACEHOLDER, RedlineTable

DELETED = RGBColor(0xC6, 0x28, 0x28)
INSERTED = RGBColor(0x1B, 0x5E, 0x20)
LEGEND = "说明：删除线为删去的文字，下划线为新增的文字；条文序号以各自版本为准。"
WIDTHS = [8.7, 8.7]


def _write_marked(cell, text: str, spans, deleted: bool, size: float = 10) -> None:
    """The article's text in ``cell``, one paragraph per line, ``spans`` struck through or underlined."""
    marks = sorted(spans)
    at = 0
    p = cell.paragraphs[0]
    pieces = []
    for start, end in marks:
        pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    pieces.append((text[at:], False))
    for piece, marked in pieces:
        lines = piece.split("\n")
        for k, line in enumerate(lines):
            if k:
                if line or k < len(lines) - 1:
                    p = cell.add_paragraph()
            if not line:
                continue
            run = p.add_run(line)
            run.font.size = Pt(size)
            if marked and deleted:
                run.font.strike = True
                run.font.color.rgb = DELETED
            elif marked:
                run.font.underline = True
                run.bold = True
                run.font.color.rgb = INSERTED


def _placeholder(cell, text: str) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.italic = True
    run.font.color.rgb = GREY


def write_redline_docx(table: RedlineTable, path: Path) -> Path:
    """Write the 新旧对照表 as a Word table (修改前, 修改后). Returns ``path``."""
    doc = new_document(table.title, landscape=False)
    add_title(doc, table.title, [f"修改前：{table.old_heading}", f"修改后：{table.new_heading}",
                                 table.summary, f"导出日期：{table.exported}", LEGEND])
    grid = _grid_table(doc, WIDTHS)
    head = grid.rows[0].cells
    _write_header_cell(head[0], ["修改前"])
    _write_header_cell(head[1], ["修改后"])
    _set_widths(grid.rows[0], WIDTHS)
    for row in table.rows:
        cells = grid.add_row().cells
        if row.old_text:
            _write_marked(cells[0], row.old_text, row.old_spans, deleted=True)
        else:
            _placeholder(cells[0], ADDED_PLACEHOLDER)
        if row.new_text:
            _write_marked(cells[1], row.new_text, row.new_spans, deleted=False)
        else:
            _placeholder(cells[1], REMOVED_PLACEHOLDER)
        _set_widths(grid.rows[-1], WIDTHS)
    if not table.rows:
        cells = grid.add_row().cells
        _placeholder(cells[0], "两个版本的条文相同。")
        _set_widths(grid.rows[-1], WIDTHS)
    docx_meta.save(doc, path)
    return Path(path)
