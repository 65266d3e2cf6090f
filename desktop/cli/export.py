"""``zoneref export compare|search|topics|notes|diff|document``: reports as files.

Each command runs the same engine call as its display command (``compare``,
``search``, ``topics``, ``notes list``), builds the report model and writes
it. ``--format pdf`` renders through Qt offscreen (the only case that loads
Qt); every other format is pure Python.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.context import workspace
from desktop.cli.docs import corpus
from desktop.cli.notes import add_note_filters, note_filters
from desktop.cli.output import (
    COVERAGE_PROGRESS,
    TOPIC_PROGRESS,
    CliError,
    command,
    count_argument,
    emit,
    output_argument,
    slow_progress,
)
from index.reports import (
    FORMATS,
    PRINTED_FORMATS,
    check_printable_matrix,
    check_target,
    comparison_table,
    coverage_table,
    notes_report,
    redline_table,
    search_report,
    write_file,
    write_report,
)


def _split_ids(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [x for v in values for x in v.replace("，", ",").split(",") if x.strip()]


def _output(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    p.add_argument("--format", "-f", required=True, choices=formats, help="file format")
    p.add_argument("-o", "--output", required=True, type=lambda v: Path(output_argument(v)), help="file to write")
    if "docx" in formats:
        p.add_argument("--author", help="the Word file's author property (default: your system user name)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export comparisons, search results, topics or notes as files")
    kinds = p.add_subparsers(dest="export_kind", metavar="KIND", required=True)

    q = command(kinds, "compare", help="a clause (or a topic) across documents: Word table, CSV, Markdown, HTML, PDF", func=cmd_compare)
    q.add_argument("clause_ids", nargs="*", metavar="CLAUSE_ID",
                   help="the clause(s) to compare, one table row each (or use --topic / --set)")
    q.add_argument("--topic", help="compare a topic instead of a clause")
    q.add_argument("--set", dest="set_name", help="a saved comparison set (its clause or topic, documents and pins)")
    q.add_argument("--docs", action="append", help="documents to show as columns (ID,ID…), in this order")
    q.add_argument("--limit", type=count_argument(), default=1, help="counterparts per document (default 1: the best)")
    q.add_argument("--with-notes", action="store_true", help="add a column with your notes on these clauses")
    _output(q, (*FORMATS["comparison"], "pdf"))

    q = command(kinds, "search", help="search results with citations", func=cmd_search)
    q.add_argument("query")
    q.add_argument("--limit", type=count_argument(), default=50)
    q.add_argument("--region", action="append", default=[])
    q.add_argument("--doc", action="append", default=[])
    q.add_argument("--all-versions", action="store_true", help="every version of a document, not only the latest")
    _output(q, (*FORMATS["search"], "pdf"))

    q = command(kinds, "topics", help="the topic coverage matrix", func=cmd_topics)
    q.add_argument("--docs", action="append", help="documents to include (ID,ID…)")
    q.add_argument("--by-region", action="store_true",
                   help="one column per province, its documents together (as the coverage view shows it)")
    _output(q, (*FORMATS["coverage"], "pdf"))

    q = command(kinds, "notes", help="your notes, grouped by document and clause", func=cmd_notes)
    add_note_filters(q)
    _output(q, FORMATS["notes"])

    q = command(kinds, "diff", help="修订对照 of two versions as a 新旧对照表 (修改前/修改后): Word, CSV, HTML, PDF", func=cmd_diff)
    q.add_argument("old_id", metavar="OLD_ID")
    q.add_argument("new_id", metavar="NEW_ID")
    q.add_argument("--all", action="store_true", help="list unchanged articles too (default: only the changes)")
    _output(q, (*FORMATS["redline"], "pdf"))

    q = command(kinds, "document", help="the reader view of a document, for printing", func=cmd_document)
    q.add_argument("doc_id")
    q.add_argument("--simplified", action="store_true", help="show traditional text in simplified characters")
    _output(q, ("html", "pdf"))


def _write(kind: str, report, args, extra: dict) -> int:
    if args.format == "pdf":
        from desktop import printing  # Qt: only for PDF

        check_target(args.output)  # Qt writes the PDF in place: a pipe would hang it, a device be lost
        printing.export_report(None, kind, report, args.output, "pdf")
    else:
        write_report(kind, report, args.output, args.format, author=getattr(args, "author", None))
    rec = {"path": str(args.output), "format": args.format, "kind": kind, **extra}
    emit(rec, args.json, f"wrote {args.output}")
    return 0


def _user_notes(c) -> list | None:
    """Every annotation, or [] without a user database (exporting never creates one)."""
    ws = workspace()
    return [a.to_dict() for a in ws.notes().list()] if ws.has_db() else []


def cmd_compare(args) -> int:
    ws = workspace()
    c = ws.corpus
    if sum(map(bool, (args.clause_ids, args.topic, args.set_name))) != 1:
        raise CliError("give CLAUSE_ID…, --topic NAME or --set NAME (one of them)")
    doc_ids = _split_ids(args.docs)
    limit = max(1, args.limit)
    title = "开发区政策条款对照表"
    if args.set_name:
        from desktop.cli.compare import usable_set
        from index.compare import comparisons

        saved = usable_set(args.set_name)
        doc_ids = doc_ids or saved.get("doc_ids") or None
        title = f"{title}：{args.set_name}"
        if saved.get("topic"):
            results = [ws.compare_topic(saved["topic"], doc_ids=doc_ids, progress=slow_progress(TOPIC_PROGRESS))]
        else:
            src = saved["source_clause_id"]
            others = [d for d in doc_ids or [] if d != src.split("/", 1)[0]] or None
            results = [ws.compare(src, doc_ids=others, limit=limit, pins=comparisons.set_pins_map(saved, src))]
    elif args.topic:
        results = [ws.compare_topic(args.topic, doc_ids=doc_ids, progress=slow_progress(TOPIC_PROGRESS))]
    else:
        results = [ws.compare(cid, doc_ids=doc_ids, limit=limit) for cid in args.clause_ids]
    notes = _user_notes(c) if args.with_notes else None
    table = comparison_table(c, [r.to_dict() for r in results], notes=notes, per_cell=limit, title=title)
    return _write("comparison", table, args, {
        "columns": [col.doc_id for col in table.columns], "rows": len(table.rows),
        "citations": [x.clause_id for x in table.citations],
    })


def cmd_search(args) -> int:
    c = corpus()
    index = workspace().search_index()
    index.ensure()
    result = index.search(args.query, limit=args.limit, regions=tuple(args.region), doc_ids=tuple(args.doc),
                          all_versions=args.all_versions)
    report = search_report(c, result.to_dict())
    return _write("search", report, args, {"query": report.query, "total": report.total,
                                           "hits": [h.clause_id for h in report.hits]})


def cmd_topics(args) -> int:
    c = corpus()
    doc_ids = _split_ids(args.docs)
    if args.format in PRINTED_FORMATS and not args.by_region:  # before minutes of work on every document of a library
        check_printable_matrix(len(doc_ids or c.documents()))
    matrix = workspace().coverage(doc_ids, progress=slow_progress(COVERAGE_PROGRESS)).to_dict()
    table = coverage_table(c, matrix, doc_ids=doc_ids, by_region=args.by_region)
    return _write("coverage", table, args, {"columns": [col.doc_id for col in table.columns],
                                            "topics": [r.label for r in table.rows]})


def cmd_notes(args) -> int:
    c = corpus()
    records = []
    if workspace().has_db():
        records = workspace().notes().list(**note_filters(args))
    report = notes_report(c, [a.to_dict() for a in records])
    return _write("notes", report, args, {"notes": report.count})


def cmd_diff(args) -> int:
    red = workspace().diff(args.old_id, args.new_id)
    table = redline_table(red, unchanged=args.all)
    return _write("redline", table, args, {"old": red.old["doc_id"], "new": red.new["doc_id"],
                                           "rows": len(table.rows), "summary": red.summary})


def cmd_document(args) -> int:
    from index.reports.html_pages import document_html, write_html

    c = corpus()
    doc = c.document(args.doc_id)
    html = document_html(c, doc.id, simplified=args.simplified)
    if args.format == "pdf":
        from desktop import printing

        check_target(args.output)
        printing.write_pdf(args.output, doc.title, html)
    else:
        write_file(args.output, lambda tmp: write_html(html, tmp), suffix=".html")
    emit({"path": str(args.output), "format": args.format, "kind": "document", "doc_id": doc.id},
         args.json, f"wrote {args.output}")
    return 0
