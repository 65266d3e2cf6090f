"""Why a file could not be imported: one ``KnownError`` subclass per cause.

Each carries a stable ``code`` the GUI maps to a translated message and a
plain fallback text for the CLI (``str(exc)``); the engine formats no UI text
beyond that fallback.
"""

from __future__ import annotations

from index.base.errors import KnownError


class ImportFailure(KnownError, code="import_failed"):
    """A file that cannot be imported, and why.

    Attributes:
        path: the file, as given, as text (``paths.display_name``).
    """

    def __init__(self, path: object, message: str):
        from index.base.paths import display_name

        shown = display_name(str(path))  # a GBK file name, say, as text (the engine reports, never reopens it)
        super().__init__(f"{shown}: {message}")
        self.path = shown
        self.reason = message

    def record(self) -> dict:
        """The import report's error record: ``{"path", "error", "code"}``."""
        return {"path": self.path, "error": self.reason, "code": self.code}


class UnreadableFileError(ImportFailure, code="unreadable"):
    """The path does not exist, is not a file, or cannot be read."""


class UnsupportedFormatError(ImportFailure, code="unsupported"):
    """A file type ZoneRef does not import (by extension)."""


class TooLargeError(ImportFailure, code="too_large"):
    """Larger than the configured size limit."""


class EmptyFileError(ImportFailure, code="empty"):
    """Zero bytes, or nothing but white space."""


class BinaryFileError(ImportFailure, code="binary"):
    """Binary data in a file that claims to be text."""


class UndecodableError(ImportFailure, code="undecodable"):
    """Text in no encoding the detector recognises (UTF-8/16, GB18030, Big5)."""


class CorruptFileError(ImportFailure, code="corrupt"):
    """A damaged .docx/.pdf (not a valid archive or document)."""


class PasswordProtectedError(ImportFailure, code="password"):
    """An encrypted .docx or .pdf."""


class ZipBombError(ImportFailure, code="zip_bomb"):
    """A .docx whose contents would expand far beyond any real document."""


class NoContentError(ImportFailure, code="no_content"):
    """A page with no policy text (e.g. HTML that is only navigation)."""


class NoTextLayerError(ImportFailure, code="no_text_layer"):
    """A PDF without extractable text, typically a scan."""


class TimeLimitError(ImportFailure, code="time_limit"):
    """Reading the file took longer than the import's time limit; the reader was stopped."""


class MemoryLimitError(ImportFailure, code="memory_limit"):
    """Reading the file needed more memory than the import's limit; the reader was stopped."""


class ReaderCrashError(ImportFailure, code="reader_crashed"):
    """The reader process died on the file (a crash in a parser, or nesting too deep to read)."""


class TooLongError(ImportFailure, code="too_long"):
    """The file's text is far longer than any policy document (a generated or hostile file)."""
