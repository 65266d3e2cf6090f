"""The 新旧对照表 as HTML: the 修订对照 view's display, its HTML export and its print/PDF source.

Two columns (修改前 / 修改后) in one table, so the versions scroll together
and every article stands beside its counterpart. Deleted text is struck
through in red, inserted text underlined in bold green (both also readable
in black and white). Each row has an anchor ``row-N`` so a view can step
from change to change; the current change can be shaded.
"""

from __future__ import annotations

from index.reports.html_pages import GREY_STYLE, HEADER_BG, esc, page
from index.reports.redline_table import ADDED_PLACEHOLDER, REMOVED_PLACEHOLDER, RedlineTable

DELETED_STYLE = "color:#c62828;text-decoration:line-through"
INSERTED_STYLE = "color:#1b5e20;font-weight:bold;text-decoration:underline"
CURRENT_BG = "#fff3c4"
LABEL_STYLE = "color:#595959;font-size:9pt"


def marked_html(text: str, spans, deleted: bool) -> str:
    """Escaped ``text`` with ``spans`` as <s> (deleted) or <u> (inserted); line breaks kept."""
    tag, style = ("s", DELETED_STYLE) if deleted else ("u", INSERTED_STYLE)
    out, at = [], 0
    for start, end in sorted(spans):
        out.append(esc(text[at:start]))
        out.append(f'<{tag} style="{style}">{esc(text[start:end])}</{tag}>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out).replace("\n\n", "\n").replace("\n", "<br>")


def redline_body(table: RedlineTable, current: int | None = None, header: bool = True) -> str:
    """The table (and, with ``header``, the title lines above it); row ``current`` shaded."""
    head = ""
    if header:
        lines = [f"修改前：{table.old_heading}", f"修改后：{table.new_heading}", table.summary]
        head = (f'<h1 align="center">{esc(table.title)}</h1>\n'
                + "".join(f'<p align="center" style="{GREY_STYLE}">{esc(x)}</p>' for x in lines))
    rows = []
    for k, row in enumerate(table.rows):
        shade = f' bgcolor="{CURRENT_BG}"' if k == current else ""
        word = f'<span style="{LABEL_STYLE}">〔{esc(row.change_word)}〕</span>' \
            if row.change != "unchanged" or row.moved or row.renumbered else ""
        old = marked_html(row.old_text, row.old_spans, True) if row.old_text else \
            f'<i style="color:#595959">{ADDED_PLACEHOLDER}</i>'
        # A removed article's new side is its mark alone (〔删除〕（删除） said it twice).
        new = marked_html(row.new_text, row.new_spans, False) if row.new_text else \
            "" if word else f'<i style="color:#595959">{REMOVED_PLACEHOLDER}</i>'
        rows.append(f'<tr><td width="50%"{shade}><a name="row-{k}"></a>{old}</td>'
                    f'<td width="50%"{shade}>{word}{new}</td></tr>\n')
    if not rows:
        rows.append('<tr><td colspan="2"><i>两个版本的条文相同。</i></td></tr>')
    return (f'{head}<table border="1" cellspacing="0" cellpadding="6" width="100%">\n'
            f'<thead><tr><th bgcolor="{HEADER_BG}" width="50%">修改前</th>'
            f'<th bgcolor="{HEADER_BG}" width="50%">修改后</th></tr></thead>\n<tbody>\n{"".join(rows)}</tbody></table>\n')


def redline_html(table: RedlineTable) -> str:
    """A complete HTML page of the 新旧对照表 (portrait), for a browser, printing or PDF."""
    return page(table.title, redline_body(table) + f'<p style="{GREY_STYLE}">导出日期：{esc(table.exported)}</p>')
