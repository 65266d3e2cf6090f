"""Markdown exports of a comparison, of search results and of notes.

GitHub-flavoured Markdown: the comparison is a pipe table (cells joined with
``<br>``), shared wording in ``**bold**``, numbers in ``<mark>`` (Markdown has
no highlight of its own; inline HTML survives every Markdown → HTML
converter). Policy text is escaped so a ``*`` or ``|`` in a clause cannot
break the table.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.reports.model import (
    NO_COUNTERPART,
    Citation,
    ComparisonTable,
    Entry,
    NoteEntry,
    NotesReport,
    SearchReport,
)
from index.reports.spans import segments

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown syntax characters; line breaks become ``<br>``."""
    out = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", "<br>", out.strip("\n"))


def md_styled(text: str, shared=(), numbers=(), start: int = 0) -> str:
    """``text[start:]`` with shared wording bold and numbers marked."""
    parts = []
    for seg in segments(text, shared, numbers, start):
        piece = md_escape(seg.text)
        if not piece.strip():
            parts.append(piece)
            continue
        if seg.shared:
            piece = _bold(piece)
        if seg.number:
            piece = f"<mark>{piece}</mark>"
        parts.append(piece)
    return "".join(parts)


def _bold(piece: str) -> str:
    """``**piece**`` with edge punctuation kept outside.

    CommonMark ignores ``**`` that sits between a CJK character and a
    punctuation mark (加大**“走出去”** is not bold), so the quotes go outside.
    """
    m = re.match(r"^((?:\\.|[^\w\\])*)(.*?)((?:\\.|[^\w\\])*)$", piece, re.S)
    lead, core, tail = m.groups() if m else ("", piece, "")
    return f"{lead}**{core}**{tail}" if core else piece


def _cell(entries: list[Entry], empty: str = NO_COUNTERPART) -> str:
    if not entries:
        return f"*{md_escape(empty)}*"
    out = []
    for e in entries:
        head = f"**{md_escape(e.title_line)}**<br>" if e.title_line else ""
        if e.match_line:
            head += f"<small>{md_escape(e.match_line)}</small><br>"
        out.append(f"{head}{md_styled(e.text, e.shared, e.numbers, e.body_start)} \\[{e.ref}\\]")
    return "<br><br>".join(out)


def _citations(citations: list[Citation]) -> list[str]:
    if not citations:
        return []
    return ["", "## 引用出处", ""] + [f"- \\[{c.ref}\\] {md_escape(c.text)}" for c in citations]


def comparison_markdown(table: ComparisonTable) -> str:
    """The comparison as a Markdown document (title, date, table, citations)."""
    lines = [f"# {md_escape(table.title)}", ""]
    if table.subtitle:
        lines += [md_escape(table.subtitle), ""]
    lines += [f"导出日期：{table.exported}", "",
              "> 说明：**加粗**为各文件共有的表述；<mark>标记</mark>为数字与量化指标；\\[n\\] 指文末引用出处。", ""]
    header = (["对照项"] if table.row_labels else []) + [
        "<br>".join(md_escape(x) for x in col.header_lines()) for col in table.columns]
    if table.with_notes:
        header.append("批注")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for row in table.rows:
        cells = ([f"**{md_escape(row.label)}**"] if table.row_labels else []) + [_cell(c, row.empty_text(k)) for k, c in enumerate(row.cells)]
        if table.with_notes:
            cells.append("<br>".join(md_escape(n) for n in row.notes))
        lines.append("| " + " | ".join(cells) + " |")
    lines += _citations(table.citations)
    return "\n".join(lines) + "\n"


def search_markdown(report: SearchReport) -> str:
    """Search results as a Markdown document: numbered hits, matches in bold, citations."""
    lines = [f"# {md_escape(report.title)}", "", f"检索词：{md_escape(report.query)}  ",
             f"{report.count_line}  ", f"导出日期：{report.exported}", ""]
    if report.notice:
        lines += [f"> {md_escape(report.notice)}", ""]
    for h in report.hits:
        lines += [f"{h.rank}. **{md_escape(h.region)}　《{md_escape(h.doc_title)}》**  ",
                  *([f"   {md_escape(h.path)}  "] if h.path else []),
                  f"   {md_styled(h.text, h.highlights, h.highlights)}  ",
                  f"   出处：{md_escape(h.citation)}", ""]
    return "\n".join(lines)


def write_comparison_md(table: ComparisonTable, path: Path) -> Path:
    Path(path).write_text(comparison_markdown(table), encoding="utf-8")
    return Path(path)


def write_search_md(report: SearchReport, path: Path) -> Path:
    Path(path).write_text(search_markdown(report), encoding="utf-8")
    return Path(path)


def notes_markdown(report: NotesReport) -> str:
    """The notes as a readable Markdown report: documents, then clauses in order, each quote with its note.

    A note is Markdown already and is written as it is; quotes and
    citations are policy text and are quoted, not interpreted.
    """
    lines = [f"# {report.title}", "", f"导出于 {report.exported}，共 {report.count} 条。", ""]
    for group in report.groups:
        col = group.column
        head = f"已移除的文件 `{col.doc_id}`" if group.removed else f"《{col.title}》"
        lines += [f"## {head}", "", f"`{col.doc_id}`", ""]
        for clause in group.clauses:
            tail = clause.citation.split("》", 1)[-1] if clause.citation.startswith("《") else ""
            lines += [f"### {tail or clause.clause_id}", "", f"出处：{clause.citation or clause.clause_id}", ""]
            for note in clause.notes:
                lines += _note_lines(note)
    return "\n".join(lines).rstrip() + "\n"


def _note_lines(note: NoteEntry) -> list[str]:
    out = [*("> " + line for line in note.quote.splitlines() or [""]), ""]
    if note.note:
        out += [note.note, ""]
    meta = [f"颜色：{note.color}"]
    if note.tags:
        meta.append("标签：" + "、".join(note.tags))
    meta.append(f"创建：{note.created[:10]}")
    if note.updated[:10] != note.created[:10]:
        meta.append(f"修改：{note.updated[:10]}")
    if note.orphan:
        meta.append("待复核：原文已变，未能定位")
    out += ["*" + " · ".join(meta) + "*" + (f"  `{note.uuid}`" if note.uuid else ""), ""]
    return out


def write_notes_md(report: NotesReport, path: Path) -> Path:
    Path(path).write_text(notes_markdown(report), encoding="utf-8")
    return Path(path)
