"""``zoneref docs``, ``outline``, ``show``: the library and its clauses."""

from __future__ import annotations

import argparse
import json

from desktop.cli.context import workspace
from desktop.cli.output import command, emit, emit_encoded
from index.library.corpus import Corpus, display_name


def corpus() -> Corpus:
    """The workspace's corpus (bundled content plus the user's imports)."""
    return workspace().corpus


def register(sub: argparse._SubParsersAction) -> None:
    command(sub, "docs", help="list the documents", func=cmd_docs)

    command(sub, "outline", help="the clauses of a document, in order", func=cmd_outline, args=("doc_id",))

    command(sub, "show", help="one clause with its heading path and citation", func=cmd_show, args=("clause_id",))


def doc_records(c: Corpus) -> list[str]:
    """Each document's ``zoneref docs --json`` record, as compact JSON.

    The manifest keeps each record (``Corpus.listings``); the version status
    (现行 / 历史版本 / 征求意见稿 among its versions; None: no other version)
    depends on the other documents and is added here, to the encoded text:
    3,500 records are never decoded and encoded again.
    """
    versions = c.versions()
    out = []
    for doc, text in c.listings():
        member = versions.get(doc.id)
        status = "null" if member is None else json.dumps(member.status, ensure_ascii=False)
        out.append(f'{text[:-1]},"version_status":{status}}}')
    return out


def cmd_docs(args) -> int:
    encoded = doc_records(corpus())
    if args.json:
        emit_encoded(encoded)
        return 0
    lines = []
    for r in map(json.loads, encoded):
        where = r["city"] or r["region"]
        flag = " [征求意见稿]" if r["status"] == "征求意见稿" else ""
        date = r["issued"] or r["published"] or (f"{r['year']}?" if r.get("year") else "日期不详")
        lines.append(f"{r['id']:<28} {where}  {r['level']}  {date}  {r['clause_count']:>3} 条款{flag}\n"
                     f"{'':<28} {r['title']}")
    emit(None, False, "\n".join(lines) or "(no documents)")
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
