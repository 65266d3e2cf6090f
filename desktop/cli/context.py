"""The one ``Workspace`` every command of this process works on."""

from __future__ import annotations

import functools
import sys

from index.workspace import Workspace


@functools.cache
def workspace() -> Workspace:
    """The process's workspace: ``$ZONEREF_HOME`` (or the platform's folder) and the bundled content."""
    return Workspace()


def reset() -> None:
    """Forget the workspace (tests switch ``ZONEREF_HOME`` between commands run in one process)."""
    if workspace.cache_info().currsize:
        workspace().close()
    workspace.cache_clear()


def notes_store():
    """The workspace's notes; a database recovered from a backup, or one that is read-only, is reported on stderr."""
    ws = workspace()
    store = ws.notes()
    report, ws.recovery_report = ws.recovery_report, None
    if report is not None:
        sys.stderr.write(f"zoneref: warning: {recovery_text(report)}\n")
    if ws.db_trouble is not None and not getattr(ws, "_trouble_told", False):
        ws._trouble_told = True  # once per command
        sys.stderr.write(f"zoneref: warning: notes are read-only: {ws.db_trouble}\n")
    return store


def recovery_text(report) -> str:
    """What a recovery did, naming both files and what to do next (``recovery.RecoveryReport``)."""
    notes = f"{report.notes} note(s)" if report.notes is not None else "the notes"
    if report.restored_from:
        done = f"it was restored from the backup {report.restored_from} taken {report.backup_time} ({notes})"
    else:
        done = f"no good backup was found, so {notes} still readable in it were saved into a new database"
    return (f"the notes database {report.path} was damaged ({report.problem}); {done}. The damaged file is kept "
            f"as {report.moved_to}: to bring back notes made after that, run: zoneref notes recover "
            f"'{report.moved_to}'")


def warn_unreadable() -> None:
    """Tell the user (stderr) about document files the library could not read, and what to do."""
    if not workspace.cache_info().currsize:
        return
    ws = workspace()
    problems = ws.unreadable_documents(load=False)
    if not problems:
        return
    from index.base.paths import display_name
    from index.base.text import terminal_safe
    from index.library.imported import UNREADABLE_DIR

    lines = [f"zoneref: warning: {len(problems)} document file(s) cannot be read and were left out of the library:"]
    for problem in problems:
        record = problem.to_dict()
        lines.append(f"  {record['path']}: {record['reason']}")
        if ws.imported_dir is not None and problem.path.parent == ws.imported_dir:
            lines.append(f"    to move it out of the library (it is kept in {display_name(str(ws.home / UNREADABLE_DIR))}):"
                         f" zoneref remove {record['name']}")
        else:
            lines.append("    a bundled document: reinstall ZoneRef to repair it")
    sys.stderr.write(terminal_safe("\n".join(lines)) + "\n")
