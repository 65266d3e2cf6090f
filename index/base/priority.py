"""Background processes yield the processors to the user's window.

An import runs its file readers (``index.library.readers.pool``) and the
search index update (``index.search.feed``) in processes of their own: batch
work, as many as there are cores. Left at the app's own priority, they share
the processors evenly with the GUI thread, which then gets a third of a core
on a 2-core machine while they run (a window repaint of 30 ms stretched to
~100 ms as the import started: issue 14). A lower priority costs them
nothing when the processors are free.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

#: Added to a background process's niceness (Unix; 0-19, higher yields more).
BACKGROUND_NICENESS = 5


def lower_priority(steps: int = BACKGROUND_NICENESS) -> int | None:
    """Make this process yield to others: its niceness raised by ``steps``.

    Returns:
        The process's niceness now, or None where it cannot be changed (Windows has no ``os.nice``).
    """
    if not hasattr(os, "nice"):  # pragma: no cover - Windows
        return None
    try:
        return os.nice(steps)
    except OSError as exc:  # a sandbox that forbids it: the work runs as before
        log.debug("the process priority could not be lowered: %s", exc)
        return None
