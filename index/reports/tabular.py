"""CSV exports that open straight in Excel: UTF-8 with a BOM, CRLF rows.

Without the BOM, Excel on a Chinese Windows reads UTF-8 as GBK and shows
mojibake; ``utf-8-sig`` writes it. Cells keep line breaks (quoted), which
Excel shows inside the cell.
"""

from __future__ import annotations

import csv
from pathlib import Path

from index.compare.records import UNSCORED
from index.reports.model import (
    NOT_COVERED,
    Column,
    ComparisonTable,
    CoverageTable,
    Entry,
    Row,
    SearchReport,
)
from index.reports.redline_table import ADDED_PLACEHOLDER, REMOVED_PLACEHOLDER, RedlineTable

ENCODING = "utf-8-sig"


def column_heading(col: Column) -> str:
    """One header cell: region, issuer, short title, number, date on separate lines."""
    return "\n".join(col.header_lines())


def _entry_text(entry: Entry, cites: dict[int, str]) -> str:
    lines = [entry.title_line, entry.body] if entry.title_line else [entry.text]
    lines.append(f"出处：{cites[entry.ref]}")
    return "\n".join(x for x in lines if x)


def defuse(cell: str) -> str:
    """Excel runs a cell starting with = + - @ as a formula (CSV injection): quote it with '."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


#: Excel holds at most this many characters (UTF-16 units) in a cell; the rest of a longer one spilled into the
#: next rows, shifting every cell after it.
EXCEL_CELL_MAX = 32767
CUT_NOTE = "……（超出 Excel 单元格 32767 字的上限，其余从略；全文见 Word 或 HTML 导出）"


def fit_cell(cell: str) -> str:
    """``cell`` cut to Excel's cell limit, saying so at the cut; unchanged if it fits."""
    if len(cell.encode("utf-16-le")) // 2 <= EXCEL_CELL_MAX:
        return cell
    room = EXCEL_CELL_MAX - len(CUT_NOTE)
    # Cut in UTF-16 units (a character beyond the BMP counts twice); half of one cut off is dropped.
    return cell.encode("utf-16-le")[:room * 2].decode("utf-16-le", errors="ignore") + CUT_NOTE


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding=ENCODING, newline="") as fh:
        csv.writer(fh).writerows([fit_cell(defuse(str(c))) for c in row] for row in rows)
    return Path(path)


# After each document's column but the compared clause's: its matches' score, band and evidence, a line per
# match (the order of the cell's clauses); empty where the document has no counterpart.
MATCH_COLUMNS = ("匹配度", "强度", "依据")


def _match_cells(entries: list[Entry]) -> list[str]:
    matches = [e for e in entries if e.is_match]
    return ["\n".join(UNSCORED if e.confidence is None else str(e.confidence) for e in matches),
            "\n".join(e.band or "" for e in matches),
            "\n".join(e.evidence for e in matches)]


def write_comparison_csv(table: ComparisonTable, path: Path) -> Path:
    """The comparison as a wide table: a column per document, a row per aligned clause/topic.

    Each cell holds label + heading, the text and its citation; “无对应条款”
    when the document has no counterpart. Each document's column but the
    compared clause's is followed by ``MATCH_COLUMNS``: 匹配度 (0–100, 未评分
    for a pinned clause the comparison did not score), 强度 (强 / 中 / 弱) and
    依据 (共同用词：…；共同主题：…).
    """
    cites = {c.ref: c.text for c in table.citations}
    source = set(table.source_columns())
    scored = [k not in source for k in range(len(table.columns))]
    header = ["对照项"] if table.row_labels else []
    for k, c in enumerate(table.columns):
        header += [column_heading(c), *(MATCH_COLUMNS if scored[k] else ())]
    if table.with_notes:
        header.append("批注")
    rows = [header]
    for row in table.rows:
        out = [row.label] if table.row_labels else []
        for k, entries in enumerate(row.cells):
            out.append("\n\n".join(_entry_text(e, cites) for e in entries) if entries else row.empty_text(k))
            if scored[k]:
                out += _match_cells(entries)
        if table.with_notes:
            out.append("\n".join(row.notes))
        rows.append(out)
    return _write(path, rows)


def write_coverage_csv(table: CoverageTable, path: Path) -> Path:
    """Topics × documents; each cell lists the clauses (label + heading), “—” when not covered."""
    rows = [["主题"] + [column_heading(c) for c in table.columns]]
    for row in table.rows:
        rows.append([row.label] + [_coverage_cell(row, k) for k in range(len(row.cells))])
    rows.append(["涉及主题数"] + [str(sum(1 for r in table.rows if r.cells[i])) for i in range(len(table.columns))])
    return _write(path, rows)


def _coverage_cell(row: Row, k: int) -> str:
    listed = [e.title_line or e.clause_id for e in row.cells[k]]
    return "；".join(listed + ([row.more_text(k)] if row.more_text(k) else [])) or NOT_COVERED


def write_search_csv(report: SearchReport, path: Path) -> Path:
    """One row per hit: rank, region, document, heading path, text, citation, clause id, score."""
    rows = [["序号", "地区", "文件", "标题路径", "条款原文", "出处", "条款编号", "相关度"]]
    for h in report.hits:
        rows.append([str(h.rank), h.region, h.doc_title, h.path, h.text, h.citation, h.clause_id,
                     "" if h.score is None else f"{h.score:.3f}"])
    return _write(path, rows)


def _with_marks(text: str, spans, marks: tuple[str, str]) -> str:
    out, at = [], 0
    for start, end in sorted(spans):
        out.append(text[at:start] + marks[0] + text[start:end] + marks[1])
        at = end
    return "".join(out) + text[at:]


def write_redline_csv(table: RedlineTable, path: Path) -> Path:
    """The 新旧对照表 for Excel: one row per article, the change, both texts plain and with marks.

    Marks in the text columns: 〔删：…〕 for deleted text, 〔增：…〕 for inserted text.
    """
    rows = [["变化", "修改前条文序号", "修改前", "修改后条文序号", "修改后", "修改前（标注）", "修改后（标注）"]]
    for r in table.rows:
        rows.append([r.change_word, r.old_label, r.old_text or ADDED_PLACEHOLDER, r.new_label,
                     r.new_text or REMOVED_PLACEHOLDER, _with_marks(r.old_text, r.old_spans, ("〔删：", "〕")),
                     _with_marks(r.new_text, r.new_spans, ("〔增：", "〕"))])
    return _write(path, rows)
