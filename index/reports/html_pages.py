"""HTML pages: exports and the source for printing / PDF.

The same markup must look right in a browser and in Qt's ``QTextDocument``
(which prints it), so it sticks to the HTML subset Qt renders: tables with
``border``/``cellpadding`` attributes, inline ``style`` colours, no ``<mark>``
(Qt ignores it) and no CSS layout. Every piece of text goes through
``html.escape``: clause text and user notes are data, never markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path

from index.base.highlight import marked_html
from index.library.corpus import Corpus, display_name
from index.reports.model import (
    NO_COUNTERPART,
    NOT_COVERED,
    Citation,
    ComparisonTable,
    CoverageTable,
    Entry,
    NotesReport,
    SearchReport,
    body_start,
    part_heading,
)
from index.reports.spans import Span, segments
from index.reports.xml_text import xml_text

NUMBER_STYLE = "background-color:#fff176"
# Search hits: lavender, bold and underlined, so they never pass for a note's highlight (重点 is amber,
# 疑问 red, 对比 blue, 待办 green) on screen or on paper, in colour or in black and white.
SEARCH_HIT_BG = "#e1bee7"
HIT_STYLE = f"background-color:{SEARCH_HIT_BG};font-weight:bold;text-decoration:underline"
GREY_STYLE = "color:#595959;font-size:9pt"
HEADER_BG = "#d9e2f3"
LABEL_BG = "#f2f2f2"
CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif'


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def styled(text: str, shared: Iterable[Span] = (), numbers: Iterable[Span] = (), start: int = 0,
           number_style: str = NUMBER_STYLE) -> str:
    """Escaped ``text[start:]``: shared wording in <b>, numbers on a highlight, breaks as <br>."""
    out = []
    for seg in segments(text, shared, numbers, start):
        piece = esc(seg.text).replace("\n\n", "\n").replace("\n", "<br>")
        if seg.shared:
            piece = f"<b>{piece}</b>"
        if seg.number:
            piece = f'<span style="{number_style}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def page(title: str, body: str, landscape: bool = False) -> str:
    """A complete UTF-8 HTML document (``landscape``: how a browser should print it)."""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title)}</title>"
        "<style>"
        f"body {{ font-family: {CJK_FONTS}; font-size: 10.5pt; }}"
        "table { border-collapse: collapse; }"
        "th, td { vertical-align: top; text-align: left; }"
        "h1 { font-size: 18pt; text-align: center; }"
        f"@page {{ size: A4 {'landscape' if landscape else 'portrait'}; margin: 15mm; }}"
        "</style></head>\n<body>\n"
        f"{body}\n</body></html>\n"
    )


def _head(title: str, lines: Iterable[str]) -> str:
    sub = "".join(f'<p align="center" style="{GREY_STYLE}">{esc(x)}</p>' for x in lines if x)
    return f'<h1 align="center">{esc(title)}</h1>\n{sub}\n'


def _entries(entries: list[Entry], empty: str = NO_COUNTERPART) -> str:
    if not entries:
        return f'<p style="color:#595959"><i>{esc(empty)}</i></p>'
    out = []
    for e in entries:
        head = ""
        if e.title_line:
            pin = "〔已固定〕" if e.pinned else ""
            head = f'<p style="color:#1f3a68"><b>{esc(e.title_line)}{pin}</b></p>'
        if e.match_line:
            head += f'<p style="{GREY_STYLE}">{esc(e.match_line)}</p>'
        body = styled(e.text, e.shared, e.numbers, e.body_start)
        out.append(f'{head}<p>{body}<sup style="color:#595959">[{e.ref}]</sup></p>')
    return "".join(out)


def _citations(citations: list[Citation]) -> str:
    if not citations:
        return ""
    items = "".join(f"<p style=\"font-size:9.5pt\">[{c.ref}] {esc(c.text)}</p>" for c in citations)
    return f"<h2>引用出处</h2>\n{items}\n"


def _table(header_cells: list[str], rows: list[list[str]], label_column: bool = False) -> str:
    """A bordered table; with ``label_column`` the first column is narrow and the rest share the width."""
    widths = [""] * len(header_cells)
    if label_column and len(header_cells) > 1:
        each = 90 // (len(header_cells) - 1)
        widths = [' width="10%"'] + [f' width="{each}%"'] * (len(header_cells) - 1)
    head = "".join(f'<th bgcolor="{HEADER_BG}"{w}>{h}</th>' for h, w in zip(header_cells, widths, strict=True))
    body = "".join("<tr>" + "".join(r) + "</tr>\n" for r in rows)
    return (f'<table border="1" cellspacing="0" cellpadding="5" width="100%">\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>\n")


def _header_lines(lines: list[str]) -> str:
    if not lines:
        return ""
    return f"<b>{esc(lines[0])}</b>" + "".join(f"<br>{esc(x)}" for x in lines[1:])


def comparison_html(table: ComparisonTable) -> str:
    """The comparison as an HTML page: title, date, the table (several of the same rows past
    ``PRINTED_COLUMNS`` documents: the page is also what the PDF prints), the citations."""
    legend = "说明：加粗为各文件共有的表述；黄色底纹为数字与量化指标；[n] 指文末引用出处。"
    parts = table.printed()
    tables = "".join(_part_heading(part_heading(k, parts), k) + _comparison_table(part) for k, part in enumerate(parts))
    body = (_head(table.title, [table.subtitle, f"导出日期：{table.exported}", legend])
            + tables + _citations(table.citations))
    return page(table.title, body, landscape=True)


def _part_heading(text: str, k: int) -> str:
    """A printed part's heading; the second and later parts start a page."""
    if not text:
        return ""
    brk = ' style="page-break-before: always"' if k else ""
    return f"<p{brk}><b>{esc(text)}</b></p>\n"


def _comparison_table(table: ComparisonTable) -> str:
    header = (["对照项"] if table.row_labels else []) + [_header_lines(c.header_lines()) for c in table.columns]
    if table.with_notes:
        header.append("批注")
    rows = []
    for row in table.rows:
        cells = [f'<td bgcolor="{LABEL_BG}"><b>{esc(row.label)}</b></td>'] if table.row_labels else []
        cells += [f"<td>{_entries(entries, row.empty_text(k))}</td>" for k, entries in enumerate(row.cells)]
        if table.with_notes:
            cells.append("<td>" + "".join(f"<p>{esc(n)}</p>" for n in row.notes) + "</td>")
        rows.append(cells)
    return _table(header, rows, label_column=table.row_labels)


def coverage_html(table: CoverageTable) -> str:
    """The topic × document matrix as an HTML page (several tables of the same topics past
    ``PRINTED_COLUMNS`` columns)."""
    parts = table.printed()
    tables = "".join(_part_heading(part_heading(k, parts, table.column_unit), k) + _coverage_table(part)
                     for k, part in enumerate(parts))
    body = _head(table.title, [f"导出日期：{table.exported}"]) + tables + _citations(table.citations)
    return page(table.title, body, landscape=True)


def _coverage_table(table: CoverageTable) -> str:
    header = ["主题"] + [_header_lines(c.header_lines()) for c in table.columns]
    rows = []
    for row in table.rows:
        cells = [f'<td bgcolor="{LABEL_BG}"><b>{esc(row.label)}</b></td>']
        for k, entries in enumerate(row.cells):
            if not entries:
                cells.append(f'<td align="center" style="color:#595959">{NOT_COVERED}</td>')
            else:
                items = "<br>".join(f"{esc(e.title_line or e.text[:24])}<sup>[{e.ref}]</sup>" for e in entries)
                more = f'<br><span style="color:#595959">{esc(row.more_text(k))}</span>' if row.more_text(k) else ""
                cells.append(f'<td style="font-size:9pt">{items}{more}</td>')
        rows.append(cells)
    counts = [f'<td bgcolor="{LABEL_BG}"><b>涉及主题数</b></td>'] + [
        f"<td><b>{sum(1 for r in table.rows if r.cells[i])} / {len(table.rows)}</b></td>"
        for i in range(len(table.columns))]
    rows.append(counts)
    return _table(header, rows, label_column=True)


def search_html(report: SearchReport) -> str:
    """Search results as an HTML page: numbered hits, matches highlighted, citations."""
    parts = [_head(report.title, [f"检索词：{report.query}", report.count_line,
                                  f"导出日期：{report.exported}", report.notice or ""])]
    for h in report.hits:
        parts.append(f'<p style="color:#1f3a68"><b>{h.rank}. {esc(h.region)}　《{esc(h.doc_title)}》</b></p>')
        if h.path:
            parts.append(f'<p style="{GREY_STYLE}">{esc(h.path)}</p>')
        parts.append(f"<p>{styled(h.text, (), h.highlights, number_style=HIT_STYLE)}</p>")
        parts.append(f'<p style="{GREY_STYLE}">出处：{esc(h.citation)}</p>')
    return page(report.title, "\n".join(parts))


def notes_html(report: NotesReport) -> str:
    """The user's notes as an HTML page (for a browser, printing and PDF), grouped as the Word export groups
    them: each document, each clause's citation, the quote in its colour, the note rendered from Markdown
    (sanitised, as the notes panel shows it), its colour, tags and time."""
    from index.userdata.markup import render_note
    from index.userdata.notes import COLORS

    parts = [_head(report.title, [f"共 {report.count} 条批注", f"导出日期：{report.exported}"])]
    for group in report.groups:
        col = group.column
        parts.append(f'<h2 style="color:#1f3a68">{esc(col.region)}　{esc(col.short_title)}</h2>')
        about = "　".join(x for x in (col.title, col.issuer, col.doc_number, col.date) if x)
        if about:
            parts.append(f'<p style="{GREY_STYLE}">{esc(about)}</p>')
        for clause in group.clauses:
            parts.append(f'<p style="color:#1f3a68"><b>{esc(clause.citation)}</b></p>')
            if clause.path:
                parts.append(f'<p style="{GREY_STYLE}">{esc(clause.path)}</p>')
            for note in clause.notes:
                if note.quote:
                    colour = COLORS.get(note.color, "#FFD54F")
                    parts.append(f'<p style="margin-left:18pt"><span style="background-color:{colour}">'
                                 f"“{esc(note.quote)}”</span></p>")
                if note.note:
                    parts.append(f'<div style="margin-left:18pt">{render_note(note.note)}</div>')
                meta = [f"标记：{note.color}" if note.color else "",
                        f"标签：{'、'.join(note.tags)}" if note.tags else "",
                        f"更新：{note.updated[:16].replace('T', ' ')}" if note.updated else "",
                        "〔原文已变动，未能定位〕" if note.orphan else ""]
                parts.append(f'<p style="margin-left:18pt;{GREY_STYLE}">{esc("　".join(x for x in meta if x))}</p>')
    return page(report.title, "\n".join(parts))


def document_html(corpus: Corpus, doc_id: str, highlights: Mapping[str, Iterable[tuple]] | None = None,
                  simplified: bool = False) -> str:
    """The reader view of a document: metadata, then each clause under its heading.

    Args:
        corpus: the library.
        doc_id: the document.
        highlights: clause id → spans (offsets into the clause text) to highlight:
            ``(start, end)`` for search hits, ``(start, end, "#rrggbb")`` for
            annotations in their colour (``index.userdata.notes.COLORS``).
        simplified: show traditional text in simplified characters (display only;
            the conversion keeps lengths, so the spans stay valid).

    Raises:
        UnknownIdError: no such document.
    """
    from index.base.text import to_simplified

    doc = corpus.document(doc_id)
    conv = to_simplified if simplified else (lambda s: s)
    meta = [doc.meta.get(k) for k in ("issuer", "doc_number", "issued", "published", "status")]
    parts = [_head(conv(doc.title), [doc.region + (f"·{doc.meta['city']}" if doc.meta.get("city") else ""),
                                     "　".join(conv(str(m)) for m in meta if m)])]
    for clause in corpus.clauses(doc_id):
        text = conv(clause.text)
        spans = list((highlights or {}).get(clause.id, ()))
        start = 0
        name = display_name(clause)
        if clause.kind not in ("preamble", "closing") and name:
            start = body_start(clause.text, clause.label, clause.heading)
            level = min(4, clause.level + 1)
            parts.append(f'<a name="{esc(clause.id)}"></a><h{level}>{esc(conv(name))}</h{level}>')
        else:
            parts.append(f'<a name="{esc(clause.id)}"></a>')
        for a, b in _paragraphs(text, start):
            parts.append(f"<p>{painted(text[a:b], _shift(spans, a))}</p>")
    return page(conv(doc.title), "\n".join(parts))


def painted(text: str, spans: Iterable[tuple]) -> str:
    """Escaped ``text`` with each span on its own background.

    A span is ``(start, end)`` (search-hit style) or ``(start, end, "#rrggbb")``
    (an annotation in its palette colour); a later span wins where they overlap.
    """
    spans = list(spans)
    styles = [f"background-color:{span[2]}" if len(span) > 2 and span[2] else HIT_STYLE for span in spans]
    marks = [(span[0], span[1], n) for n, span in enumerate(spans)]
    return marked_html(text, marks, lambda keys: styles[max(keys)])


def _paragraphs(text: str, start: int) -> list[Span]:
    """Blank-line separated paragraphs of ``text[start:]`` as (start, end) offsets."""
    out, at = [], start
    while at < len(text):
        end = text.find("\n\n", at)
        end = len(text) if end < 0 else end
        if text[at:end].strip():
            out.append((at, end))
        at = end + 2
    return out


def _shift(spans: list[tuple], offset: int) -> list[tuple]:
    return [(sp[0] - offset, sp[1] - offset, *sp[2:]) for sp in spans]


def write_html(page_html: str, path: Path) -> Path:
    """Write a page (every HTML export passes here), without the characters XML cannot hold (``xml_text``)."""
    Path(path).write_text(xml_text(page_html), encoding="utf-8")
    return Path(path)
