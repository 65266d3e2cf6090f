"""``zoneref notes …``: annotations, bookmarks, export/import and backups from the command line.

Calls the same engine as the GUI (``index.userdata.notes.NoteStore``, ``index.userdata.notes_io``,
``index.userdata.database``). With ``--json`` only JSON goes to stdout; a database
recovery notice goes to stderr.
"""

from __future__ import annotations

import argparse

from desktop.cli.context import notes_store, workspace
from desktop.cli.output import CliError, command, emit, error, output_argument
from index.base.errors import KnownError
from index.userdata import backups as userbackups
from index.userdata import database as userdb
from index.userdata import notes_io, recovery
from index.userdata.notes import COLORS, NoteStore, check_color


def store() -> NoteStore:
    """The workspace's notes (a recovered database is reported on stderr)."""
    return notes_store()


def _color(value: str) -> str:
    try:
        return check_color(value)
    except KnownError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_note_filters(p: argparse.ArgumentParser) -> None:
    """The options that choose notes (``notes list``, ``notes export``, ``export notes``)."""
    p.add_argument("--doc", help="one document id")
    p.add_argument("--region", help="region or city, e.g. 浙江")
    p.add_argument("--tag")
    p.add_argument("--color", type=_color, help=f"one of {', '.join(COLORS)}")
    p.add_argument("--since", help="created on or after (YYYY-MM-DD or ISO time)")
    p.add_argument("--until", help="created on or before (YYYY-MM-DD or ISO time)")
    p.add_argument("--search", help="words in quote, note or tags (any script, any length)")


def note_filters(args) -> dict:
    """The keyword arguments of ``NoteStore.list`` from the options ``add_note_filters`` added."""
    return {"doc_id": args.doc, "region": args.region, "tag": args.tag, "color": args.color,
            "since": args.since, "until": args.until, "search": args.search}


def register(sub: argparse._SubParsersAction) -> None:
    notes = sub.add_parser("notes", help="personal annotations: add, list, export, import, backup")
    nsub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = command(nsub, "add", help="highlight a quote in a clause", func=cmd_add)
    p.add_argument("--clause", required=True)
    p.add_argument("--quote", required=True, help="text of the clause (either script)")
    p.add_argument("--note", default="", help="Markdown")
    p.add_argument("--color", type=_color, default="重点", help=f"one of {', '.join(COLORS)}")
    p.add_argument("--tag", action="append", default=[])

    p = command(nsub, "list", help="annotations, filtered", func=cmd_list)
    add_note_filters(p)

    command(nsub, "show", help="one annotation", func=cmd_show, args=("uuid",))

    p = command(nsub, "edit", help="change note, colour or tags", func=cmd_edit, args=("uuid",))
    p.add_argument("--note")
    p.add_argument("--color", type=_color)
    p.add_argument("--tag", action="append", help="replaces all tags (repeat for several)")
    p.add_argument("--clear-tags", action="store_true")

    command(nsub, "delete", help="delete one annotation", func=cmd_delete, args=("uuid",))

    command(nsub, "orphans", help="annotations whose text could not be found again", func=cmd_orphans)

    p = command(nsub, "export", help="write annotations to a file", func=cmd_export)
    p.add_argument("--format", choices=notes_io.FORMATS, required=True)
    p.add_argument("-o", "--output", required=True, type=output_argument)
    add_note_filters(p)

    command(nsub, "import", help="import a W3C JSON-LD export (all or nothing)", func=cmd_import, args=("file",))

    p = command(nsub, "bookmark", help="bookmark a clause (--remove to unbookmark)", func=cmd_bookmark, args=("clause_id",))
    p.add_argument("--remove", action="store_true")

    command(nsub, "bookmarks", help="bookmarked clauses", func=cmd_bookmarks)

    command(nsub, "tags", help="tags in use with counts", func=cmd_tags)

    command(nsub, "backup", help="back up the user database now", func=cmd_backup)

    command(nsub, "backups", help="list backups, newest first", func=cmd_backups)

    p = command(nsub, "restore", help="replace the notes with a backup's (default: the newest good one that "
                                        "differs); the current state is kept as a backup first", func=cmd_restore)
    p.add_argument("backup", nargs="?")

    command(nsub, "carry", help="copy the notes of one version of a document onto another version (a revision, "
                                "the final of a draft); lists the notes whose passage changed", func=cmd_carry,
            args=("from_doc", "to_doc"))

    p = command(nsub, "recover", help="merge the notes of a set-aside, backup or copied database file into yours "
                                        "(adds missing notes, updates older ones, deletes nothing)", func=cmd_recover)
    p.add_argument("file", nargs="?", help="a database file (default: list the set-aside files)")


def _line(rec: dict) -> str:
    flag = " [待复核]" if rec["orphan"] else ""
    tags = f"  #{' #'.join(rec['tags'])}" if rec["tags"] else ""
    note = f"\n    {rec['note'].splitlines()[0][:60]}" if rec["note"] else ""
    return f"{rec['uuid']}  {rec['color']}{flag}  {rec['clause_id']}\n    「{rec['quote'][:60]}」{tags}{note}"


def _with_citation(s: NoteStore, rec: dict) -> dict:
    try:
        rec["citation"] = s.corpus.citation(s.corpus.clause(rec["clause_id"]))
    except KnownError:
        rec["citation"] = None
    return rec


def cmd_add(args) -> int:
    s = store()
    rec = _with_citation(s, s.add(args.clause, args.quote, note=args.note, color=args.color,
                                  tags=args.tag).to_dict())
    emit(rec, args.json, f"added {rec['uuid']}\n{_line(rec)}")
    return 0


def cmd_list(args) -> int:
    records = [a.to_dict() for a in store().list(**note_filters(args))]
    emit(records, args.json, "\n".join(_line(r) for r in records) or "(no annotations)")
    return 0


def cmd_show(args) -> int:
    s = store()
    rec = _with_citation(s, s.get(args.uuid).to_dict())
    text = (f"{rec['citation'] or rec['clause_id']}\n「{rec['quote']}」\n颜色 {rec['color']}"
            f"{'  标签 ' + '、'.join(rec['tags']) if rec['tags'] else ''}{'  [待复核]' if rec['orphan'] else ''}\n"
            f"{rec['note']}\n{rec['uuid']}  created {rec['created']}  updated {rec['updated']}")
    emit(rec, args.json, text)
    return 0


def cmd_edit(args) -> int:
    if args.clear_tags and args.tag:
        raise CliError("use either --tag or --clear-tags")
    tags = [] if args.clear_tags else args.tag
    rec = store().edit(args.uuid, note=args.note, color=args.color, tags=tags).to_dict()
    emit(rec, args.json, f"updated {rec['uuid']}\n{_line(rec)}")
    return 0


def cmd_delete(args) -> int:
    store().delete(args.uuid)
    emit({"deleted": args.uuid}, args.json, f"deleted {args.uuid}")
    return 0


def cmd_carry(args) -> int:
    store()  # a recovered or read-only database is reported first
    report, _changes = workspace().carry_notes(args.to_doc, args.from_doc)
    lines = [f"{len(report.copied)} copied, {len(report.reworded)} placed on reworded text, "
             f"{len(report.changed)} not copied (their passage changed), {report.already} already there"]
    lines += [f"  reworded: {_line(a.to_dict())}" for a in report.reworded]
    lines += [f"  changed:  {_line(a.to_dict())}" for a in report.changed]
    emit(report.to_dict(), args.json, "\n".join(lines))
    return 0


def cmd_orphans(args) -> int:
    records = [a.to_dict() for a in store().orphans()]
    emit(records, args.json, "\n".join(_line(r) for r in records) or "(no orphans)")
    return 0


def cmd_export(args) -> int:
    count = notes_io.export(store(), args.format, args.output, **note_filters(args))
    # "notes" and "kind" as ``zoneref export notes`` names them (added: "count" stays).
    emit({"format": args.format, "path": args.output, "count": count, "notes": count, "kind": "notes"}, args.json,
         f"wrote {count} annotation(s) to {args.output}")
    return 0


def cmd_import(args) -> int:
    try:
        report = notes_io.import_file(store(), args.file)
    except notes_io.NotesImportError as exc:
        lines = [f"item {e['item']}: {e['field']}: {e['problem']}" for e in exc.report["errors"]]
        emit(exc.report, args.json, "\n".join(lines))
        error(exc)
        return 1
    kept = f"\nthe notes it wrote over were kept first in {report['backup']}" if report["backup"] else ""
    emit(report, args.json, f"added {report['added']}, updated {report['updated']}, "
                            f"unchanged {report['unchanged']}, orphaned {len(report['orphaned'])}{kept}")
    return 0


def cmd_bookmark(args) -> int:
    s = store()
    if args.remove:
        removed = s.unbookmark(args.clause_id)
        emit({"clause_id": args.clause_id, "removed": removed}, args.json,
             "removed" if removed else "was not bookmarked")
    else:
        rec = s.bookmark(args.clause_id)
        emit(rec, args.json, f"bookmarked {rec['clause_id']}")
    return 0


def cmd_bookmarks(args) -> int:
    records = store().bookmarks()
    emit(records, args.json, "\n".join(f"{r['clause_id']}  {r['created']}" for r in records) or "(no bookmarks)")
    return 0


def cmd_tags(args) -> int:
    records = store().tags()
    emit(records, args.json, "\n".join(f"{r['name']}  {r['count']}" for r in records) or "(no tags)")
    return 0


def cmd_backup(args) -> int:
    store()  # opens (recovering and migrating) first, so the backup is of a sound file
    path = workspace().backup_notes("manual")
    notes = userbackups.count_notes(path)
    # "path", "size" and "reason" as ``notes backups`` lists each backup (added: "backup" stays).
    emit({"backup": str(path), "path": str(path), "notes": notes, "time": userdb.backup_time(path),
          "size": path.stat().st_size, "reason": userbackups.backup_reason(path)}, args.json,
         f"backed up {notes} note(s) to {path}")
    return 0


def cmd_backups(args) -> int:
    records = [{"path": str(p), "time": userdb.backup_time(p), "size": p.stat().st_size,
                "reason": userbackups.backup_reason(p), "notes": userbackups.count_notes(p)}
               for p in userdb.backups(workspace().db_path)]
    emit(records, args.json, "\n".join(f"{r['time']}  {r['reason']:<14} {r['notes'] if r['notes'] is not None else '?':>6} "
                                       f"notes  {r['path']}" for r in records) or "(no backups)")
    return 0


def cmd_restore(args) -> int:
    if args.backup is not None and not args.backup.strip():  # an unset shell variable: never "the newest backup"
        raise CliError("no backup file given (leave it out for the newest good backup)")
    report, _changes = workspace().restore_notes(args.backup)
    data = report.to_dict()
    emit(data, args.json, f"restored {report.notes} note(s) from the backup taken {report.time} ({report.source}); "
                          f"the notes as they were ({report.notes_before} note(s)) are kept in {report.safety_copy}")
    return 0


def cmd_recover(args) -> int:
    if args.file is not None and not args.file.strip():
        raise CliError("no file given (leave it out to list the set-aside files)")
    ws = workspace()
    if not args.file:
        kept = [{"path": str(p), "notes": userbackups.count_notes(p)} for p in recovery.set_aside_files(ws.db_path)]
        emit(kept, args.json, "\n".join(f"{r['path']}  ({r['notes'] if r['notes'] is not None else '?'} notes)"
                                        for r in kept) or "(no set-aside database files; "
                                                           "give a backup or a copy: zoneref notes recover FILE)")
        return 0
    store()
    report, _changes = ws.recover_notes(args.file)
    emit(report.to_dict(), args.json,
         f"from {report.file}: added {report.added} note(s), updated {report.updated}, {report.unchanged} already "
         f"here; {report.bookmarks} bookmark(s), {report.pins} pin(s), {report.sets} comparison set(s). "
         f"Your notes before the merge are kept in {report.safety_copy}")
    return 0
