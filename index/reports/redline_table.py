"""The 新旧对照表 report: a 修订对照 (``index.compare.redline.Redline``) as rows of 修改前 / 修改后.

Each row is one article: its text before and after, with the spans to strike
through (deleted) and to underline (inserted). The writers (Word in
``docx_redline``, CSV in ``tabular``) only lay these out.
"""

from __future__ import annotations

import dataclasses

from index.reports.model import today
from index.reports.spans import Span

# What each kind of change is called in the exported table (content, not UI).
CHANGE_WORDS = {"unchanged": "未修改", "changed": "修改", "added": "新增", "removed": "删除", "moved": "移动并修改"}
ADDED_PLACEHOLDER = "（新增）"
REMOVED_PLACEHOLDER = "（删除）"


@dataclasses.dataclass(frozen=True)
class RedlineRow:
    """One article before and after; an empty side is an added or removed article."""

    change: str  # unchanged / changed / added / removed / moved
    old_label: str
    old_text: str
    old_spans: tuple[Span, ...]
    new_label: str
    new_text: str
    new_spans: tuple[Span, ...]
    moved: bool = False
    renumbered: bool = False

    @property
    def label(self) -> str:
        """The article's number (the new version's, else the old one's): what a file name may carry."""
        return self.new_label or self.old_label

    @property
    def change_word(self) -> str:
        word = CHANGE_WORDS[self.change]
        if self.change == "unchanged" and (self.moved or self.renumbered):
            return "序号调整" if self.renumbered and not self.moved else f"{word}（位置调整）"
        return word


@dataclasses.dataclass(frozen=True)
class RedlineTable:
    """A 新旧对照表: title, the two versions, the summary line and the rows."""

    title: str
    old_heading: str
    new_heading: str
    summary: str
    counts: dict
    rows: list[RedlineRow]
    exported: str
    with_unchanged: bool


def _heading(rec: dict) -> str:
    parts = [rec.get("date") or "", "征求意见稿" if rec.get("status") == "征求意见稿" else ""]
    extra = "，".join(p for p in parts if p)
    return f"《{rec['title']}》" + (f"（{extra}）" if extra else "")


def summary_line(counts: dict, renumbered: int = 0) -> str:
    """N 条修改，N 条新增，N 条删除 (and moved/unchanged when there are any; of the unchanged, those renumbered)."""
    line = f"{counts['changed']} 条修改，{counts['added']} 条新增，{counts['removed']} 条删除"
    if counts.get("moved"):
        line += f"，{counts['moved']} 条移动并修改"
    line += f"；{counts['unchanged']} 条未修改"
    if renumbered:
        line += f"（其中 {renumbered} 条序号调整）"
    return line


def redline_table(redline, unchanged: bool = False, exported: str | None = None) -> RedlineTable:
    """Build the 新旧对照表 of a redline; ``unchanged`` keeps the articles that did not change."""
    rows = []
    for row in redline.rows:
        if row.change == "unchanged" and not unchanged:
            continue
        old, new = row.old, row.new
        rows.append(RedlineRow(
            row.change, old.label if old else "", old.text if old else "",
            tuple((s, e) for s, e in row.old_spans), new.label if new else "", new.text if new else "",
            tuple((s, e) for s, e in row.new_spans), row.moved, row.renumbered))
    title = redline.new.get("title") or redline.old.get("title") or ""
    return RedlineTable(title=f"《{title}》新旧对照表", old_heading=_heading(redline.old),
                        new_heading=_heading(redline.new), summary=summary_line(redline.summary, redline.renumbered),
                        counts=dict(redline.summary), rows=rows, exported=exported or today(),
                        with_unchanged=unchanged)
