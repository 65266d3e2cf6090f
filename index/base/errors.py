"""One exception root for the engine, split by whose fault it is.

``KnownError`` is the environment's fault (bad input, a missing file, a corrupt
database): the front end shows its message. ``BugError`` is ours: log it with a
traceback. The engine never formats UI strings; ``code`` lets the GUI pick a
translated text, ``str(exc)`` is a plain English/Chinese fallback for the CLI.
"""

from __future__ import annotations


class ZoneRefError(Exception):
    """Root of every error the engine raises on purpose.

    A subclass names its ``code`` in its header: ``class NoteError(KnownError, code="note")``.
    """

    code = "error"

    def __init_subclass__(cls, code: str | None = None, **kwargs):
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.code = code


class KnownError(ZoneRefError, code="known"):
    """The environment's fault: show the message, no traceback."""


class BugError(ZoneRefError, code="bug"):
    """An internal inconsistency: log with a traceback."""


class Cancelled(KnownError, code="cancelled"):
    """The caller asked long work to stop (a ``cancel`` callback returned True)."""


def check_cancel(cancel, what: str = "operation") -> None:
    """Raise ``Cancelled`` if ``cancel`` (a callable or None) says so; long engine loops call it between steps."""
    if cancel is not None and cancel():
        raise Cancelled(f"{what} cancelled")


class UnknownIdError(KnownError, code="unknown_id"):
    """A document, clause or annotation id that does not exist."""

    #: The most of an id the message shows: a paragraph pasted where an id belongs filled the screen.
    SHOWN = 120

    def __init__(self, kind: str, ident: str):
        shown = ident if len(ident) <= self.SHOWN else f"{ident[:self.SHOWN]}…（共 {len(ident)} 字）"
        super().__init__(f"unknown {kind} id: {shown}")
        self.kind = kind
        self.ident = ident


class ContentError(KnownError, code="content"):
    """A content file that cannot be read or has bad metadata."""
