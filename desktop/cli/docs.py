"""``zoneref docs``, ``outline``, ``show``: the library and its clauses."""

from __future__ import annotations

import argparse

from desktop.cli.context import workspace
from desktop.cli.output import command, emit
from index.library.corpus import Corpus, display_name


def corpus() -> Corpus:
    """The workspace's corpus (bundled content plus the user's imports)."""
    return workspace().corpus


def register(sub: argparse._SubParsersAction) -> None:
    command(sub, "docs", help="list the documents", func=cmd_docs)

    command(sub, "outline", help="the clauses of a document, in order", func=cmd_outline, args=("doc_id",))

    command(sub, "show", help="one clause with its heading path and citation", func=cmd_show, args=("clause_id",))


def doc_records(c: Corpus) -> list[dict]:
    out = []
    versions = c.versions()
    for doc in c.documents():
        rec = doc.summary()
        rec["clause_count"] = c.clause_count(doc.id)  # from the library manifest: nothing parsed
        member = versions.get(doc.id)  # 现行 / 历史版本 / 征求意见稿 among its versions; None: no other version
        rec["version_status"] = member.status if member is not None else None
        out.append(rec)
    return out


def cmd_docs(args) -> int:
    records = doc_records(corpus())
    lines = []
    for r in records:
        where = r["city"] or r["region"]
        flag = " [征求意见稿]" if r["status"] == "征求意见稿" else ""
        date = r["issued"] or r["published"] or (f"{r['year']}?" if r.get("year") else "日期不详")
        lines.append(f"{r['id']:<28} {where}  {r['level']}  {date}  {r['clause_count']:>3} 条款{flag}\n"
                     f"{'':<28} {r['title']}")
    emit(records, args.json, "\n".join(lines) or "(no documents)")
    return 0


def cmd_outline(args) -> int:
    c = corpus()
    clauses = c.clauses(args.doc_id)
    records = [cl.to_dict() for cl in clauses]
    text = "\n".join(f"{'  ' * (cl.level - 1)}{display_name(cl) or '—'}  [{cl.id}]" for cl in clauses)
    emit(records, args.json, text)
    return 0


def cmd_show(args) -> int:
    c = corpus()
    rec = c.clause_record(c.clause(args.clause_id))
    path = " › ".join(rec["path"])
    text = f"{rec['citation']}\n{path}\n\n{rec['text']}" if path else f"{rec['citation']}\n\n{rec['text']}"
    emit(rec, args.json, text)
    return 0
