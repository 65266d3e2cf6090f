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
