"""``zoneref import``, ``edit`` and ``remove``: the user's own documents."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading

from desktop.cli.context import workspace
from desktop.cli.output import (
    CliError,
    command,
    count_argument,
    emit,
    file_argument,
    positive_number,
    year_argument,
)
from index.base.paths import display_name
from index.library.readers import DEFAULT_MAX_BYTES
from index.library.readers.pool import DEFAULT_LIMITS, Limits

#: The most --memory-limit takes: 1 TB (a larger address-space limit overflows the reader process's setrlimit).
MAX_MEMORY_MB = 1 << 20

# Front-matter fields ``zoneref edit`` can set (the body, id and hash never change).
EDITABLE = (("title", "the title"), ("region", "province-level region, e.g. 湖北省, or 全国 for a national document"),
            ("city", "city or prefecture"),
            ("issuer", "issuing body"), ("level", "国家级 / 省级 / 市级 / 县级"), ("doc_number", "e.g. 豫政办〔2017〕159号"),
            ("issued", "date issued (a regulation: its current version's date), YYYY-MM-DD"),
            ("year", "year, e.g. 2017"), ("status", "e.g. 正式 / 征求意见稿"),
            ("adopted", "date adopted (通过), YYYY-MM-DD"), ("effective", "date in force (施行), YYYY-MM-DD"))


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "import", help="import files, folders or zip archives (txt, md, docx, doc, wps, html, pdf)", func=cmd_import)
    p.add_argument("paths", nargs="+", metavar="PATH", type=file_argument, help="files and folders (folders recursively)")
    p.add_argument("--region", help="the region of every imported document (overrides the guess)")
    p.add_argument("--title", help="the title (only when importing a single file)")
    p.add_argument("--max-mb", type=positive_number, default=DEFAULT_MAX_BYTES / 1048576,
                   help="refuse files larger than this many MB (default %(default)s)")
    p.add_argument("--workers", type=count_argument(), default=None, help="reader processes (default: one per core)")
    p.add_argument("--time-limit", type=positive_number, default=DEFAULT_LIMITS.seconds, metavar="SECONDS",
                   help="refuse a file whose reading takes longer (default %(default)s)")
    p.add_argument("--memory-limit", type=count_argument(1, MAX_MEMORY_MB), default=DEFAULT_LIMITS.memory_mb, metavar="MB",
                   help="refuse a file whose reading needs more memory (default %(default)s)")
    p.add_argument("--progress", action="store_true",
                   help="print progress on stderr (the default on a terminal without --json)")

    p = command(sub, "edit", help="correct an imported document's metadata (title, region, issuer …)", func=cmd_edit, args=("doc_id",))
    for field, help_text in EDITABLE:
        p.add_argument(f"--{field.replace('_', '-')}", dest=field, metavar="VALUE", help=help_text,
                       type=year_argument if field == "year" else None)

    command(sub, "remove", help="remove an imported document (its notes are kept as orphans)", func=cmd_remove, args=("doc_id",))


def _progress(done: int, total: int, path: str) -> None:
    sys.stderr.write(f"\r[{done}/{total}] {path[-60:]:<60}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_import(args) -> int:
    if args.title and (len(args.paths) != 1 or not _is_file(args.paths[0])):
        raise CliError("--title needs exactly one file")
    from index.library import fields
    from index.library.doubts import REASONS

    given = {k: v for k, v in (("region", args.region), ("title", args.title)) if v is not None}
    try:  # the rules the dialogs and ``edit`` apply (--region 火星 made a region of its own)
        given = fields.checked(given)
    except fields.MetadataError as exc:
        raise CliError(str(exc)) from None
    with _stopped_by_ctrl_c() as stopped:
        report, _changes = workspace().import_paths(
            args.paths, region=given.get("region"), title=given.get("title"), max_bytes=int(args.max_mb * 1048576),
            workers=args.workers, limits=Limits(args.time_limit, args.memory_limit), cancel=stopped.is_set,
            progress=_progress if args.progress or (sys.stderr.isatty() and not args.json) else None)
    data = report.to_json()
    # The first version of a group linked later has a version number and nothing it supersedes.
    lines = [f"imported {r['doc_id']}  {r['region']}  {r['clause_count']} 条款  {r['title']}"
             + (f"  (version {r['version']}" + (f", supersedes {r['supersedes']}" if r.get("supersedes") else "")
                + ")" if r.get("version") else "")
             for r in report.imported]
    lines += [f"doubt    {r['path']}: may not be a policy document: {REASONS[r['doubt']]}" for r in report.imported
              if r.get("doubt")]
    lines += [f"skipped  {r['path']}: {r['reason']}" for r in report.skipped]
    lines += [f"error    {r['path']}: {r['error']}" for r in report.errors]
    if report.index_notice:
        lines.append(f"note: {report.index_notice}")
    lines.append(f"{len(report.imported)} imported, {len(report.skipped)} skipped, {len(report.errors)} errors")
    emit(data, args.json, "\n".join(lines))
    if stopped.is_set():
        sys.stderr.write(f"zoneref: interrupted: the {len(report.imported)} imported are kept; the same import "
                         "again imports the rest (those already in the library are skipped)\n")
        return 130
    return 1 if report.errors else 0


@contextlib.contextmanager
def _stopped_by_ctrl_c():
    """A ``threading.Event`` set by the first Ctrl-C: the import stops after the file it is adding and reports
    what it added (it ended with 'zoneref: interrupted' alone: with --json a script learnt nothing of the
    documents kept). A second Ctrl-C stops at once. Off the main thread (in-process callers), no handler."""
    stopped = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stopped
        return

    def handler(_signum, _frame):
        if stopped.is_set():
            raise KeyboardInterrupt
        stopped.set()
        sys.stderr.write("\nzoneref: stopping after the file being added (Ctrl-C again to stop at once)\n")

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield stopped
    finally:
        signal.signal(signal.SIGINT, previous)


def _is_file(path: str) -> bool:
    from pathlib import Path

    return not Path(path).is_dir()


def cmd_edit(args) -> int:
    import datetime as dt

    changes = {field: getattr(args, field) for field, _ in EDITABLE if getattr(args, field) is not None}
    if not changes:
        raise CliError("nothing to change: give at least one of " + ", ".join(
            f"--{f.replace('_', '-')}" for f, _ in EDITABLE))
    for field in ("issued", "adopted", "effective"):
        if field in changes:
            try:
                dt.date.fromisoformat(changes[field])
            except ValueError:
                raise CliError(f"--{field} must be a date YYYY-MM-DD") from None
    doc, _changes = workspace().edit_document(args.doc_id, changes)
    data = doc.summary()
    emit(data, args.json, "\n".join(f"{k}: {data.get(k)}" for k in ("id", *changes)))
    return 0


def cmd_remove(args) -> int:
    ws = workspace()
    if any(u.name == args.doc_id for u in ws.unreadable_documents()) and not ws.corpus.has_document(args.doc_id):
        moved, _changes = ws.remove_unreadable(args.doc_id)
        shown = display_name(str(moved))
        emit({"removed": args.doc_id, "title": None, "moved_to": shown}, args.json,
             f"removed the unreadable document file {args.doc_id}; it is kept at {shown}")
        return 0
    doc, _changes = ws.remove_document(args.doc_id)
    emit({"removed": doc.id, "title": doc.title}, args.json, f"removed {doc.id}  {doc.title}")
    return 0
