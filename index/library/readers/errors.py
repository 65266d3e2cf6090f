"""Why a file could not be imported: one ``KnownError`` subclass per cause.

Each carries a stable ``code`` the GUI maps to a translated message and a
plain fallback text for the CLI (``str(exc)``); the engine formats no UI text
beyond that fallback.
"""

from __future__ import annotations

from index.base.errors import KnownError


class ImportFailure(KnownError):
    """A file that cannot be imported, and why.

    Attributes:
        path: the file, as given, as text (``paths.display_name``).
    """

    code = "import_failed"

    def __init__(self, path: object, message: str):
        from index.base.paths import display_name

        shown = display_name(str(path))  # a GBK file name, say, as text (the engine reports, never reopens it)
        super().__init__(f"{shown}: {message}")
        self.path = shown
        self.reason = message


class UnreadableFileError(ImportFailure):
    """The path does not exist, is not a file, or cannot be read."""

    code = "unreadable"


class UnsupportedFormatError(ImportFailure):
    """A file type ZoneRef does not import (by extension)."""

    code = "unsupported"


class TooLargeError(ImportFailure):
    """Larger than the configured size limit."""

    code = "too_large"


class EmptyFileError(ImportFailure):
    """Zero bytes, or nothing but white space."""

    code = "empty"


class BinaryFileError(ImportFailure):
    """Binary data in a file that claims to be text."""

    code = "binary"


class UndecodableError(ImportFailure):
    """Text in no encoding the detector recognises (UTF-8/16, GB18030, Big5)."""

    code = "undecodable"


class CorruptFileError(ImportFailure):
    """A damaged .docx/.pdf (not a valid archive or document)."""

    code = "corrupt"


class PasswordProtectedError(ImportFailure):
    """An encrypted .docx or .pdf."""

    code = "password"


class ZipBombError(ImportFailure):
    """A .docx whose contents would expand far beyond any real document."""

    code = "zip_bomb"


class NoContentError(ImportFailure):
    """A page with no policy text (e.g. HTML that is only navigation)."""

    code = "no_content"


class NoTextLayerError(ImportFailure):
    """A PDF without extractable text, typically a scan."""

    code = "no_text_layer"


class TimeLimitError(ImportFailure):
    """Reading the file took longer than the import's time limit; the reader was stopped."""

    code = "time_limit"


class MemoryLimitError(ImportFailure):
    """Reading the file needed more memory than the import's limit; the reader was stopped."""

    code = "memory_limit"


class ReaderCrashError(ImportFailure):
    """The reader process died on the file (a crash in a parser, or nesting too deep to read)."""

    code = "reader_crashed"


class TooLongError(ImportFailure):
    """The file's text is far longer than any policy document (a generated or hostile file)."""

    code = "too_long"
