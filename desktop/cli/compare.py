"""``zoneref compare``, ``topics``, ``pin`` and ``compare-set``: side-by-side comparison.

All work is done by the workspace (``index.compare.align``, ``topics``, ``comparisons``);
this module parses arguments and formats text.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.context import workspace
from desktop.cli.docs import corpus
from desktop.cli.output import (
    COVERAGE_PROGRESS,
    TOPIC_PROGRESS,
    CliError,
    command,
    count_argument,
    emit,
    emit_chunks,
    name_argument,
    output_argument,
    slow_progress,
)
from index.base.text import terminal_safe


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "compare", help="a clause's counterparts in the other documents, or a topic across documents", func=cmd_compare)
    p.add_argument("clause_id", nargs="?", help="the clause to compare from")
    p.add_argument("--topic", help="compare a topic (id or name) instead of a clause")
    p.add_argument("--set", dest="set_name", help="reopen a saved comparison set")
    p.add_argument("--docs", help="comma-separated document ids to show (default: all others)")
    p.add_argument("--limit", type=count_argument(), default=3, help="matches per document (default 3)")
    p.add_argument("--no-pins", action="store_true", help="ignore the user's pinned decisions")

    p = command(sub, "topics", help="the topic taxonomy and which document covers which topic", func=cmd_topics)
    p.add_argument("--docs", help="comma-separated document ids (default: all)")

    p = sub.add_parser("pin", help="pin a counterpart, mark 'no counterpart', or clear a decision")
    pin_sub = p.add_subparsers(dest="pin_command", metavar="ACTION", required=True)
    command(pin_sub, "set", help="pin CLAUSE_ID as the counterpart of SOURCE in its document", args=("source", "clause_id"))
    command(pin_sub, "none", help="mark that DOC_ID has no counterpart for SOURCE", args=("source", "doc_id"))
    command(pin_sub, "clear", help="forget the decision for SOURCE in DOC_ID", args=("source", "doc_id"))
    command(pin_sub, "list", help="the decisions for SOURCE", args=("source",))
    p.set_defaults(func=cmd_pin)

    p = sub.add_parser("compare-set", help="save, list, show, delete, export and import comparison sets")
    set_sub = p.add_subparsers(dest="set_command", metavar="ACTION", required=True)
    q = command(set_sub, "save", help="save a comparison (with the source clause's current pins)", args=("name",))
    q.add_argument("--clause", help="source clause id")
    q.add_argument("--topic", help="topic id or name")
    q.add_argument("--docs", help="comma-separated document ids")
    command(set_sub, "list", help="saved sets")
    for action, helptext in (("show", "a saved set"), ("delete", "delete a saved set")):
        command(set_sub, action, help=helptext, args=("name",))
    q = command(set_sub, "export", help="write a set to a file", args=("name",))
    q.add_argument("path", type=output_argument)
    q = command(set_sub, "import", help="read a set from a file", args=("path",))
    q.add_argument("--name", type=name_argument, help="save under this name")
    q.add_argument("--overwrite", action="store_true", help="replace a set of the same name")
    p.set_defaults(func=cmd_set)


def _doc_ids(text: str | None) -> list[str] | None:
    if not text:
        return None
    ids = [d.strip() for d in text.split(",") if d.strip()]
    if not ids:
        raise CliError(f"--docs names no document: {text!r} (give document ids separated by commas)")
    c = corpus()
    for d in ids:
        c.document(d)  # UnknownIdError -> exit 2
    return ids


def _short(text: str, n: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _columns_text(columns: list[dict]) -> list[str]:
    from index.compare.records import Evidence, Reverse, topic_column_summary, topic_first_summary
    from index.library.corpus import display_name
    from index.reports.model import NOT_REACHED, is_unreached, no_counterpart_text

    c = corpus()
    lines = []
    unreached = 0
    for col in columns:
        if is_unreached(col):
            unreached += 1  # at scale, thousands of them: said once, below
            continue
        lines.append(f"\n■ {col['region']}  {col['doc_id']}")
        if not col["matches"]:
            lines.append(f"    （{no_counterpart_text(col.get('no_counterpart'))}）"
                         + ("  [用户标记]" if col.get("decision") == "none" else ""))
        for m in col["matches"]:
            pin = " [置顶]" if m["pinned"] else ""
            lines.append(f"  {_score_text(m)} {c.citation(c.clause(m['clause_id']))}{pin}  [{m['clause_id']}]")
            lines.append(f"        {_short(m['text'])}")
            why = Evidence(**m["evidence"]).summary() if m.get("evidence") else ""
            if why:
                lines.append(f"        {why}")
            if m.get("topic_first"):
                lines.append(f"        {topic_first_summary(m['topic_first'])}")
            if m.get("topic_column"):
                names = [display_name(c.clause(cid)) or cid for cid in m["topic_column"]["clause_ids"]]
                lines.append(f"        {topic_column_summary(m['topic_column'], names)}")
            if m.get("reverse"):
                lines.append(f"        {Reverse(**m['reverse']).summary()}")
            if m["numbers"]:
                lines.append("        数字: " + "，".join(n["text"] for n in m["numbers"][:8]))
    if unreached:
        lines.append(f"\n■ 其余 {unreached} 个文件未逐条比较：{NOT_REACHED}（用 --docs 指定文件可逐条比较）")
    return lines


def _score_text(match: dict) -> str:
    """'86 强' — the calibrated 0–100 score and its band, as the GUI shows it."""
    if match.get("confidence") is None:
        return "  —   "
    return f"{match['confidence']:>3} {match['band']}"


def _compare_clause(clause_id: str, doc_ids, limit: int, pins) -> dict:
    if limit < 1:
        raise CliError("--limit must be at least 1")
    return workspace().compare(clause_id, doc_ids=doc_ids, limit=limit, pins=pins)


def cmd_compare(args) -> int:
    for value, option in ((args.clause_id, "CLAUSE_ID"), (args.topic, "--topic"), (args.set_name, "--set")):
        if value is not None and not value.strip():  # --topic '' said "give exactly one of …", as if not given
            raise CliError(f"{option} is empty: give a clause id, a topic name (zoneref topics) or a set name")
    chosen = [x for x in (args.clause_id, args.topic, args.set_name) if x]
    if len(chosen) != 1:
        raise CliError("give exactly one of CLAUSE_ID, --topic NAME or --set NAME")
    doc_ids = _doc_ids(args.docs)
    pins = {} if args.no_pins else None
    if args.set_name:
        data = usable_set(args.set_name)
        doc_ids = doc_ids or data["doc_ids"] or None
        if data.get("topic"):
            args.topic = data["topic"]
        else:
            args.clause_id = data["source_clause_id"]
            if not args.no_pins:
                pins = _merged_pins(data)
    if args.clause_id and doc_ids is not None and all(d == args.clause_id.split("/", 1)[0] for d in doc_ids):
        raise CliError(f"--docs names only the clause's own document ({doc_ids[0]}): a clause is compared with "
                       "other documents")
    if args.topic:
        result = workspace().compare_topic(args.topic, doc_ids=doc_ids,
                                           progress=slow_progress(TOPIC_PROGRESS)).to_dict()
        head = f"专题：{result['topic']['name']}"
    else:
        result = _compare_clause(args.clause_id, doc_ids, args.limit, pins).to_dict()
        src = result["source"]
        head = f"{src['citation']}  [{src['id']}]\n  {_short(src['text'], 90)}"
    if args.json:  # the text (a citation looked up per match) is not built for JSON
        emit(result, True)
    else:
        emit(result, False, "\n".join([head, *_columns_text(result["columns"])]))
    return 0


def _merged_pins(data: dict) -> dict:
    """The user's current pins, with the set's own pins on top."""
    from index.compare import comparisons  # and sqlite_utils: ~0.1 s that ``topics`` does not need

    pins = workspace().pins(data["source_clause_id"])
    pins.update(comparisons.set_pins_map(data, data["source_clause_id"]))
    return pins


def cmd_topics(args) -> int:
    from index.base.memory import bulk_objects

    with bulk_objects():  # a short process making ~1,000,000 objects that stay alive: no cycles to look for
        coverage = workspace().coverage(_doc_ids(args.docs), rendered=args.json,
                                        progress=slow_progress(COVERAGE_PROGRESS))
        if args.json:  # the text table is not built for JSON (89,000 cells for 3,500 documents)
            emit_chunks(coverage.json_chunks, coverage.to_dict)
            # Freed while the collector is paused: re-enabled, it would first walk these ~250,000
            # objects as young ones (~0.1 s), only to find them gone at exit.
            del coverage
            return 0
    result = coverage.to_dict()
    emit(result, args.json, _topics_text(result))
    return 0


def _padded(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (a CJK character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


#: Past this many documents the text is a count per topic, not a column per document (3,500 columns help nobody).
TEXT_COLUMNS = 12


def _topics_text(result: dict) -> str:
    docs = result["documents"]
    if len(docs) > TEXT_COLUMNS:
        lines = [f"{_padded('专题', 20)}  涉及的文件"]
        for t in result["topics"]:
            row = result["matrix"][t["id"]]
            n = sum(1 for d in docs if row[d["doc_id"]])
            lines.append(f"{_padded(t['name'], 20)}  {n:>5} / {len(docs)}（{100 * n / len(docs):.0f}%）")
        lines.append(f"\n（{len(docs)} 份文件：逐份的矩阵用 --docs 选择文件，或 --json）")
        return "\n".join(lines)
    lines = ["专题".ljust(14) + "  ".join(d["region"][:3].ljust(4) for d in docs)]
    for t in result["topics"]:
        row = result["matrix"][t["id"]]
        cells = "  ".join(str(len(row[d["doc_id"]]) or "·").ljust(4) for d in docs)
        lines.append(f"{t['name'][:10]:<12}  {cells}")
    return "\n".join(lines)


def _with_db(fn):
    return fn(workspace().db())


def cmd_pin(args) -> int:
    from index.compare import comparisons  # and sqlite_utils: ~0.1 s that ``topics`` does not need

    c = corpus()
    c.clause(args.source)
    if args.pin_command == "set":
        target = c.clause(args.clause_id)
        result = _with_db(lambda db: comparisons.set_pin(db, args.source, target.doc_id, target.id))
        text = f"已置顶 {target.id} 为 {args.source} 在 {target.doc_id} 中的对应条款"
    elif args.pin_command == "none":
        c.document(args.doc_id)
        result = _with_db(lambda db: comparisons.set_none(db, args.source, args.doc_id))
        text = f"已标记 {args.doc_id} 无对应条款"
    elif args.pin_command == "clear":
        removed = _with_db(lambda db: comparisons.clear_pin(db, args.source, args.doc_id))
        result = {"source_clause_id": args.source, "doc_id": args.doc_id, "cleared": removed}
        text = "已清除" if removed else "（没有可清除的决定）"
    else:
        result = _with_db(lambda db: comparisons.pins_for(db, args.source))
        text = "\n".join(f"{p['doc_id']}: {p['clause_id'] or '无对应'}  ({p['updated']})" for p in result) or "(none)"
    emit(result, args.json, text)
    return 0


def _open_set(name: str) -> dict:
    from index.compare import comparisons  # and sqlite_utils: ~0.1 s that ``topics`` does not need

    return _with_db(lambda db: comparisons.load_set(db, name))


def usable_set(name: str) -> dict:
    """The saved set ``name`` as this library can compare it: its documents that are here (the others, from a
    colleague's library, are named on stderr).

    Raises:
        ComparisonSetError: its source clause, or every one of its documents, is not in the library.
    """
    from index.compare import comparisons

    data, left_out = comparisons.usable_set(_open_set(name), corpus())
    if left_out:
        sys.stderr.write(terminal_safe(f"zoneref: warning: set {name!r}: not in your library, left out: "
                                       f"{', '.join(left_out)}") + "\n")
    return data


def cmd_set(args) -> int:
    from index.compare import comparisons, topics

    action = args.set_command
    if action == "save":
        if bool(args.clause) == bool(args.topic):
            raise CliError("give exactly one of --clause and --topic")
        doc_ids = _doc_ids(args.docs) or []
        if args.clause:
            corpus().clause(args.clause)
            payload = {"source_clause_id": args.clause, "doc_ids": doc_ids,
                       "pins": _with_db(lambda db: [
                           {k: p[k] for k in ("source_clause_id", "doc_id", "clause_id", "decision")}
                           for p in comparisons.pins_for(db, args.clause)])}
        else:
            payload = {"topic": topics.find_topic(args.topic).id, "doc_ids": doc_ids, "pins": []}
        result = _with_db(lambda db: comparisons.save_set(db, args.name, payload))
        text = f"已保存比较集 {result['name']}"
    elif action == "list":
        result = _with_db(comparisons.list_sets)
        text = "\n".join(f"{s['name']}  {s['source_clause_id'] or '专题 ' + str(s['topic'])}  "
                         f"{len(s['doc_ids']) or '全部'} 份文件  {s['pin_count']} 个置顶  {s['updated']}"
                         for s in result) or "(no saved sets)"
    elif action == "show":
        result = _open_set(args.name)
        text = "\n".join(f"{k}: {v}" for k, v in result.items())
    elif action == "delete":
        removed = _with_db(lambda db: comparisons.delete_set(db, args.name))
        if not removed:
            raise CliError(f"no comparison set named {args.name!r}")
        result, text = {"name": args.name, "deleted": True}, f"已删除 {args.name}"
    elif action == "export":
        path = _with_db(lambda db: comparisons.export_set(db, args.name, args.path))
        result, text = {"name": args.name, "path": str(path)}, f"已导出到 {path}"
    else:
        result = _with_db(lambda db: comparisons.import_set(db, args.path, name=args.name, overwrite=args.overwrite))
        result["not_in_library"] = comparisons.missing_ids(result, corpus())
        text = f"已导入比较集 {result['name']}"
        if result["not_in_library"]:  # a colleague's set: their library holds documents this one does not
            text += f"\nnot in your library (the set still names them): {', '.join(result['not_in_library'])}"
    emit(result, args.json, text)
    return 0
