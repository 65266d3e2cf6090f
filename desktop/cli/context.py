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
    """The workspace's notes; a database recovered from a backup is reported on stderr."""
    ws = workspace()
    store = ws.notes()
    report, ws.recovery_report = ws.recovery_report, None
    if report is not None:
        where = f"restored from {report.restored_from} ({report.backup_time})" if report.restored_from else \
            "no good backup was found; started an empty database"
        sys.stderr.write(f"zoneref: warning: the user database was damaged ({report.problem}); "
                         f"it was moved to {report.moved_to} and {where}\n")
    return store


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
