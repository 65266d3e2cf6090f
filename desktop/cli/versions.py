"""``zoneref versions``, ``link``, ``unlink`` and ``diff``: versions of one document and their 修订对照."""

from __future__ import annotations

import argparse

from desktop.cli.context import workspace
from desktop.cli.output import command, emit

_MARK_DELETED = ("[-", "-]")
_MARK_INSERTED = ("{+", "+}")


def register(sub: argparse._SubParsersAction) -> None:
    command(sub, "versions", help="the versions of a document (征求意见稿, 历史版本, 现行), oldest first", func=cmd_versions, args=("doc_id",))

    command(sub, "link", help="make two documents versions of one document", func=cmd_link, args=("doc_id", "other_id"))

    command(sub, "unlink", help="take a document out of its versions (never linked to them again automatically)", func=cmd_unlink, args=("doc_id",))

    p = command(sub, "diff", help="修订对照: two versions aligned article by article, changes marked", func=cmd_diff)
    p.add_argument("old_id", metavar="OLD_ID")
    p.add_argument("new_id", metavar="NEW_ID")
    p.add_argument("--all", action="store_true", help="list unchanged articles too (text output)")


def _versions_record(doc_id: str) -> dict:
    return {"doc_id": doc_id, "versions": workspace().versions(doc_id)}


def _versions_text(data: dict) -> str:
    lines = []
    for v in data["versions"]:
        mark = "→" if v["doc_id"] == data["doc_id"] else " "
        lines.append(f"{mark} {v['doc_id']:<28} {v['date'] or '日期不详':<10}  {v['status']}{'（最新）' if v['latest'] else ''}"
                     f"  {v['title']}")
    return "\n".join(lines)


def cmd_versions(args) -> int:
    data = _versions_record(args.doc_id)
    emit(data, args.json, _versions_text(data))
    return 0


def cmd_link(args) -> int:
    changes = workspace().link_versions(args.doc_id, args.other_id)
    data = {**_versions_record(args.doc_id), "changed": sorted(changes.edited)}
    emit(data, args.json, _versions_text(data))
    return 0


def cmd_unlink(args) -> int:
    changes = workspace().unlink_version(args.doc_id)
    data = {**_versions_record(args.doc_id), "changed": sorted(changes.edited)}
    emit(data, args.json, _versions_text(data))
    return 0


def marked(text: str, spans: list, marks: tuple[str, str]) -> str:
    """``text`` with each span wrapped in ``marks`` (for the terminal: [-deleted-] {+inserted+})."""
    out, at = [], 0
    for start, end in spans:
        out.append(text[at:start] + marks[0] + text[start:end] + marks[1])
        at = end
    return "".join(out) + text[at:]


_WORDS = {"unchanged": "未修改", "changed": "修改", "added": "新增", "removed": "删除", "moved": "移动并修改"}


def cmd_diff(args) -> int:
    red = workspace().diff(args.old_id, args.new_id)
    data = red.to_dict()
    s = red.summary
    lines = [f"《{red.old['title']}》{red.old['date'] or ''} → 《{red.new['title']}》{red.new['date'] or ''}",
             f"{s['changed']} 条修改，{s['added']} 条新增，{s['removed']} 条删除，{s['moved']} 条移动，{s['unchanged']} 条未修改"]
    for row in red.rows if args.all else red.changes():
        labels = " → ".join(x for x in (row.old.label if row.old else "", row.new.label if row.new else "") if x)
        lines.append(f"\n【{_WORDS[row.change]}】{labels}")
        if row.old is not None and row.change != "unchanged":
            lines.append("  修改前：" + marked(row.old.text, row.old_spans, _MARK_DELETED))
        if row.new is not None:
            lines.append("  修改后：" + marked(row.new.text, row.new_spans, _MARK_INSERTED))
    emit(data, args.json, "\n".join(lines))
    return 0
