"""Readers: turn a user's file (txt, md, docx, doc/wps, html, mht, pdf, ofd) into document text.

One small module per format, each with ``read(path, data) -> Extracted``.
``read_path`` checks what every format shares (exists, readable, size limit,
empty) and dispatches by extension. Readers are pure functions of the file's
bytes, so the importer can run them in worker processes.

The text they return is the body of a ZoneRef document: plain lines, with
Markdown ``#`` headings where the source marks headings (Word heading styles,
HTML ``<h1>``..``<h6>``), one paragraph per line, blank lines between.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
from pathlib import Path

from index.library.readers.errors import (
    EmptyFileError,
    TooLargeError,
    TooLongError,
    UnreadableFileError,
    UnsupportedFormatError,
)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# No policy document is this long (~10,000 pages); a longer text is generated
# or hostile, and would make every listing of the library slow.
MAX_TEXT_CHARS = 4_000_000

# extension -> reader module (index.library.readers.<name>)
FORMATS = {
    ".txt": "txt", ".text": "txt",
    ".md": "markdown", ".markdown": "markdown",
    ".docx": "docx",
    ".doc": "doc", ".wps": "doc",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".ofd": "ofd",
    ".mht": "mhtml", ".mhtml": "mhtml",
}


@dataclasses.dataclass
class Extracted:
    """What a reader found in a file.

    Attributes:
        text: the document body (see the module docstring).
        format: ``txt``, ``markdown``, ``docx``, ``doc``, ``html``, ``mhtml``, ``pdf`` or ``ofd``.
        title: a title the file itself declares (HTML ``<title>``, Word core
            properties, PDF info, Markdown front matter), if any.
        encoding: the detected text encoding, for text formats.
        meta: any metadata the file declares (Markdown front matter).
    """

    text: str
    format: str
    title: str | None = None
    encoding: str | None = None
    meta: dict = dataclasses.field(default_factory=dict)


def is_supported(path: Path) -> bool:
    """True if the extension is one ZoneRef imports."""
    return path.suffix.lower() in FORMATS


def read_path(path, max_bytes: int = DEFAULT_MAX_BYTES) -> Extracted:
    """Read one file into document text.

    Args:
        path: the file, or a file inside a zip archive (``archives.Member``).
        max_bytes: refuse files larger than this.

    Returns:
        The extracted text and what the file says about itself.

    Raises:
        ImportFailure: a subclass naming the cause (unreadable, unsupported,
            too large, empty, binary, undecodable, corrupt, password, zip
            bomb, no content, no text layer, too long).
    """
    from index.library.readers.archives import Member, read_member

    if isinstance(path, Member):  # a file inside a zip archive: read from it, then as any file
        kind = _kind(Path(path.file_name))
        return _extract(Path(path.shown), kind, read_member(path, max_bytes))
    path = Path(path)
    kind = _kind(path)
    try:
        size = os.stat(path).st_size
        if not path.is_file():
            raise UnreadableFileError(path, "not a regular file")
        if size > max_bytes:
            raise TooLargeError(path, f"file is {size / 1048576:.1f} MB, over the "
                                      f"{max_bytes / 1048576:.1f} MB import limit")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file") from None
    except PermissionError:
        raise UnreadableFileError(path, "permission denied: cannot read the file") from None
    except IsADirectoryError:
        raise UnreadableFileError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read: {exc.strerror or exc}") from None
    return _extract(path, kind, data)


def _kind(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedFormatError(path, f"unsupported file type '{path.suffix or '(none)'}' "
                                           f"(supported: {', '.join(sorted(set(FORMATS)))})")
    return kind


def _extract(path: Path, kind: str, data: bytes) -> Extracted:
    """The text of a file's ``data`` read by its format's reader (``path``: what errors name)."""
    if not data.strip():
        raise EmptyFileError(path, "the file is empty")
    if kind in ("doc", "docx"):
        kind = _word_kind(data, kind)
    module = importlib.import_module(f"index.library.readers.{kind}")
    found: Extracted = module.read(path, data)
    found.text = tidy(found.text)
    if not found.text.strip():
        raise EmptyFileError(path, "the file contains no text")
    if len(found.text) > MAX_TEXT_CHARS:
        raise TooLongError(path, f"the file holds {len(found.text):,} characters of text, more than any policy "
                                 f"document (limit {MAX_TEXT_CHARS:,}); split it into its documents and import those")
    return found


# An OLE compound file: a Word 97-2003 .doc, or the envelope Word puts a password-protected .docx in.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_encrypted_docx(data: bytes) -> bool:
    """Whether ``data`` is a password-protected .docx: an OLE file holding EncryptionInfo or EncryptedPackage."""
    if not data.startswith(OLE_MAGIC):
        return False
    import olefile

    names = ("EncryptionInfo", "EncryptedPackage")
    try:
        with olefile.OleFileIO(data) as ole:  # its directory, not its bytes: a .doc's text may say the names
            return any(ole.exists(name) for name in names)
    except Exception:  # noqa: BLE001 - a container olefile cannot read: the names anywhere in it
        return any(name.encode("utf-16-le") in data for name in names)


def _word_kind(data: bytes, named: str) -> str:
    """A Word file's reader by its content, whatever its name says: a .docx is a zip; a .doc an OLE file
    (as is a password-protected .docx, which the .docx reader names as such)."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(OLE_MAGIC):
        return "docx" if is_encrypted_docx(data) else "doc"
    return named


# Control characters, and what is no character at all: the noncharacters (U+FDD0-U+FDEF and the last two code
# points of every plane: U+FFFE, U+FFFF, U+1FFFE …) and lone surrogates (a bad escape, an undecodable byte);
# XML cannot hold U+FFFE, U+FFFF or a surrogate, so a Word export of the text failed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
                      + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
                      + "]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_BLANKS = re.compile(r"\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)+")


def tidy(text: str) -> str:
    """Normalise line ends and blank lines, drop control characters and non-characters, keep the words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    # A surrogate pair (UTF-16 decoded half by half) is the one character it stands for; a lone half is dropped.
    text = _SURROGATE_PAIR.sub(lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)
    text = _CONTROL.sub("", text).replace("\xa0", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    return _BLANKS.sub("\n\n", text)


def paragraphs_to_body(paragraphs: list[str]) -> str:
    """One paragraph per line with a blank line between, as ``content/docs`` has."""
    return "\n\n".join(p.strip() for p in paragraphs if p and p.strip())
