"""``zoneref search`` and ``zoneref index rebuild|status``: full-text search."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.context import workspace
from desktop.cli.output import command, count_argument, emit
from index.base.errors import UnknownIdError
from index.search.searcher import SearchIndex


def search_index() -> SearchIndex:
    """The workspace's search index."""
    return workspace().search_index()


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "search", help="find clauses (any script; \"phrase\", OR, -word, region:, doc:, level:, year:)", func=cmd_search)
    p.add_argument("query", help="the query; one that starts with an ASCII '-' goes after '--' (zoneref search -- -word)")
    p.add_argument("--limit", type=count_argument(0), default=20, help="hits to show (default 20; 0: only the count)")
    p.add_argument("--offset", type=count_argument(0), default=0, help="hits to skip (paging)")
    p.add_argument("--region", action="append", default=[], help="only this region or city (repeatable)")
    p.add_argument("--doc", action="append", default=[], help="only this document id (repeatable)")
    p.add_argument("--all-versions", action="store_true",
                   help="search every version of a document (default: only the latest; 历史版本 and 征求意见稿 left out)")

    p = sub.add_parser("index", help="the search index: rebuild or show its status")
    isub = p.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    command(isub, "rebuild", help="rebuild the search index from all documents", func=cmd_rebuild)
    command(isub, "status", help="documents, clauses, size, fingerprint, build time", func=cmd_status)


def _marked(snippet: str, spans: list[list[int]]) -> str:
    out, at = [], 0
    for s, e in spans:
        out.append(snippet[at:s] + "【" + snippet[s:e] + "】")
        at = e
    return "".join(out) + snippet[at:]


def cmd_search(args) -> int:
    corpus = workspace().corpus
    for doc_id in args.doc:
        if not corpus.has_document(doc_id):
            raise UnknownIdError("document", doc_id)
    ix = search_index()
    ix.ensure()
    result = ix.search(args.query, limit=args.limit, regions=args.region, doc_ids=args.doc, offset=args.offset,
                       all_versions=args.all_versions)
    lines = []
    if result.notice:
        lines.append(f"({result.notice})")
    lines.append(f"{result.total} 条结果" + (f"，显示 {len(result.hits)} 条" if result.total > len(result.hits) else ""))
    for hit in result.hits:
        where = " › ".join(hit.path + ([hit.heading] if hit.heading and hit.heading not in hit.path else []))
        lines.append(f"\n[{hit.clause_id}]  {hit.region}  {hit.score:.2f}")
        if where:
            lines.append(f"  {where}")
        lines.append(f"  {_marked(hit.snippet, hit.snippet_highlights)}")
    emit(result.to_dict(), args.json, "\n".join(lines))
    return 0


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\rindexing {done}/{total} documents")
        if done == total:
            sys.stderr.write("\n")


def cmd_rebuild(args) -> int:
    ix = search_index()
    ix.rebuild(progress=None if args.json else _progress)
    status = ix.status()
    emit(status, args.json, _status_text(status))
    return 0


def cmd_status(args) -> int:
    status = search_index().status()
    emit(status, args.json, _status_text(status))
    return 0


def _status_text(s: dict) -> str:
    damaged = (f"the search index is damaged ({s['damaged']}): it is rebuilt at the next search, "
               f"or run: zoneref index rebuild") if s.get("damaged") else None
    if not s["fingerprint"]:
        if damaged:
            return f"{damaged}\n{s['folder']}"
        return f"no search index yet in {s['folder']} (it is built on first search, or run: zoneref index rebuild)"
    text = (f"{s['documents']} documents, {s['clauses']} clauses, {s['size_bytes'] / 1e6:.1f} MB\n"
            f"fingerprint {s['fingerprint']}, built {s['built_at']}\n{s['folder']}")
    return f"{text}\n{damaged}" if damaged else text
