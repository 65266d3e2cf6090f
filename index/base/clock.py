"""Times as the engine stores them: ISO 8601 in UTC with a ``Z``, so that strings compare in time order."""

from __future__ import annotations

import datetime as dt


def utc_iso(when: dt.datetime | None = None, timespec: str = "seconds") -> str:
    """``when`` (default now; naive means UTC) as ISO 8601 UTC, e.g. ``2026-12-01T07:10:00Z``.

    ``timespec`` as for ``datetime.isoformat`` (``"milliseconds"`` for notes, which order by it).
    """
    when = when or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec=timespec).replace("+00:00", "Z")
