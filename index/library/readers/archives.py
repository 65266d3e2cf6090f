"""Zip archives of documents: their members listed, their names decoded, each read as a file of its own.

Officials receive policy packs as .zip files, most made on Windows: member
names in GBK without the zip's UTF-8 flag, which Python's ``zipfile`` hands
over as cp437 mojibake (政策 as ``Õþ²ß``), and ``unzip`` on Linux writes to
disk as undecodable bytes. An archive is never extracted to disk here: its
members are listed when the files to import are collected (``members``), each
one read from the archive in a reader process like any file
(``readers.read_path``, under the same time and memory limits), and reported
as ``pack.zip/政策文件/条例.docx``.

Not opened: an archive inside an archive, encrypted members, hidden entries
(``__MACOSX``, ``.DS_Store``) and Word's lock files; they are listed as
skipped or refused, with the reason.
"""

from __future__ import annotations

import dataclasses
import lzma
import os
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from index.base.text import decode_chinese
from index.library.readers.errors import (
    CorruptFileError,
    PasswordProtectedError,
    TooLargeError,
    UnreadableFileError,
    ZipBombError,
)

ARCHIVE_SUFFIXES = (".zip",)
# A pack of policy documents holds tens to thousands of files; more entries than this is not a pack.
MAX_MEMBERS = 20_000
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


@dataclasses.dataclass(frozen=True)
class Member:
    """One file inside a zip archive, to import.

    Attributes:
        archive: the archive's path on disk, as given (it opens the archive).
        entry: the member's name as ``zipfile`` lists it.
        position: its place in the archive's directory (two members may have one name: it opens this one).
        name: the member's name decoded (GBK or UTF-8), ``/``-separated.
    """

    archive: str
    entry: str
    position: int
    name: str

    @property
    def shown(self) -> str:
        """``archive/name`` as text: what reports and progress show."""
        from index.base.paths import display_name

        return f"{display_name(self.archive)}/{self.name}"

    @property
    def file_name(self) -> str:
        """The member's own name (its last part), as a file on disk would have it."""
        return PurePosixPath(self.name).name

    def __str__(self) -> str:
        return self.shown


def is_archive(path: Path | str) -> bool:
    """True if ``path`` names a zip archive to open (by extension)."""
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def decoded_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its archiver meant it: UTF-8 when flagged so; else the raw bytes (which
    ``zipfile`` decoded as cp437) as UTF-8 if valid, else GB18030 (Windows' Chinese code page)."""
    # ``orig_filename``: on Windows ``filename`` has every 0x5C byte turned into "/", and 116 GBK characters
    # (淺, 乗 …) have 0x5C as their second byte.
    name = info.orig_filename.split("\x00", 1)[0]
    if not info.flag_bits & _UTF8_FLAG:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            name = decode_chinese(raw) or name
    return name.replace("\\", "/")


def members(archive: Path, screened) -> tuple[list[Member], list[dict], list[dict]]:
    """The members of ``archive`` to import, and those skipped or refused.

    Args:
        archive: a .zip file.
        screened: ``screened(file name)`` says why a file of that name is not imported, as a folder's would
            not be (``(reason, code)``: a lock file, a hidden file, an unsupported type), or None.

    Returns:
        (members, skipped, errors) as ``collect_files`` has them: skipped and
        errors are ``{"path", "reason", "code"}`` and ``{"path", "error", "code"}``.
    """
    from index.base.paths import display_name

    shown = display_name(str(archive))
    try:
        with zipfile.ZipFile(archive) as zf:
            entries = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return [], [], [CorruptFileError(archive, "the archive is damaged (not a valid .zip file)").record()]
    except OSError as exc:
        return [], [], [UnreadableFileError(archive, f"cannot read: {exc.strerror or exc}").record()]
    if len(entries) > MAX_MEMBERS:
        return [], [], [ZipBombError(archive, f"the archive holds {len(entries):,} entries, more than any pack of "
                                              f"documents (limit {MAX_MEMBERS:,})").record()]
    found: list[Member] = []
    skipped: list[dict] = []
    errors: list[dict] = []
    for position, info in enumerate(entries):
        if info.is_dir():
            continue
        name = decoded_name(info)
        path = f"{shown}/{name}"
        parts = [p for p in name.split("/") if p]
        if not parts:
            continue
        # A "../" in a name is no harm: nothing is extracted. A folder named ".x" is hidden.
        why = ("a hidden file: not imported", "hidden") if any(
            (p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts[:-1]) else \
            screened(parts[-1])
        if why is None and is_archive(name):
            why = "an archive inside an archive: not opened (import it on its own)", "archive_in_archive"
        if why:
            skipped.append({"path": path, "reason": why[0], "code": why[1]})
        elif info.flag_bits & _ENCRYPTED_FLAG:
            errors.append(PasswordProtectedError(path, "the file is encrypted in the archive; extract it with its "
                                                       "password and import the file").record())
        else:
            found.append(Member(archive=str(archive), entry=info.filename, position=position, name=name))
    return found, skipped, errors


# A file format that is a zip of XML (.docx, .ofd): a real policy document expands to a few MB; these bounds are
# far above that and far below what would exhaust memory.
PACKAGE_MAX_UNCOMPRESSED = 200 * 1024 * 1024
PACKAGE_MAX_RATIO = 200
PACKAGE_MAX_ENTRIES = 5000


def open_package(path, data: bytes, what: str) -> zipfile.ZipFile:
    """``data``, a file format made of a zip of XML (``what``: "Word document", "OFD file"), opened after the
    checks every such format needs: a valid zip, not a zip bomb, no encrypted entry.

    Raises:
        CorruptFileError, ZipBombError, PasswordProtectedError.
    """
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise CorruptFileError(path, f"the {what} is damaged (not a valid zip package)") from None
    if len(entries) > PACKAGE_MAX_ENTRIES:
        raise ZipBombError(path, f"the {what} holds {len(entries)} entries; refusing a likely zip bomb")
    total = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if total > PACKAGE_MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > PACKAGE_MAX_RATIO):
        raise ZipBombError(path, f"the {what} would expand to {total / 1048576:.0f} MB; refusing a likely zip bomb")
    if any(e.flag_bits & _ENCRYPTED_FLAG for e in entries):
        raise PasswordProtectedError(path, f"the {what}'s archive is encrypted")
    return archive


def read_member(member: Member, max_bytes: int) -> bytes:
    """The member's bytes, read at most ``max_bytes`` (its header's size may lie).

    Raises:
        UnreadableFileError, CorruptFileError, PasswordProtectedError, TooLargeError.
    """
    path = member.shown
    try:
        zf = _opened(member.archive)
    except FileNotFoundError:
        raise UnreadableFileError(path, "the archive is gone") from None
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise CorruptFileError(path, "the archive is damaged (not a valid .zip file)") from None
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read the archive: {exc.strerror or exc}") from None
    entries = zf.infolist()
    info = entries[member.position] if member.position < len(entries) else None
    if info is None or info.filename != member.entry:
        raise UnreadableFileError(path, "no longer in the archive (it changed since it was listed)")
    if info.file_size > max_bytes:
        raise TooLargeError(path, f"file is {info.file_size / 1048576:.1f} MB, over the "
                                  f"{max_bytes / 1048576:.1f} MB import limit")
    try:
        with zf.open(info) as stream:
            data = stream.read(max_bytes + 1)
    except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
        raise PasswordProtectedError(path, f"cannot be read without a password ({exc})") from None
    except NotImplementedError as exc:  # a compression method Python cannot read
        raise CorruptFileError(path, f"compressed in a way that cannot be read ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, ValueError, OSError) as exc:
        # OSError: bz2's "Invalid data stream"; the archive itself is open already.
        raise CorruptFileError(path, f"damaged in the archive ({exc})") from None
    if len(data) > max_bytes:
        raise TooLargeError(path, f"expands beyond the {max_bytes / 1048576:.1f} MB import limit "
                                  "(its size in the archive says less)")
    return data


# The archive a reader process read its last member from: reading its directory again for each member was
# 11 ms of a 3,400-member pack's every file (38 s of CPU for the pack).
_last: tuple[tuple, zipfile.ZipFile] | None = None


def _opened(archive: str) -> zipfile.ZipFile:
    """``archive`` open for reading, kept open for its next member (while it is unchanged on disk)."""
    global _last
    st = os.stat(archive)
    key = (archive, st.st_size, st.st_mtime_ns)
    if _last is not None and _last[0] == key:
        return _last[1]
    forget_archive()
    _last = (key, zipfile.ZipFile(archive))
    return _last[1]


def forget_archive() -> None:
    """Close the archive kept open (``_opened``): so that it can be moved or deleted on Windows."""
    global _last
    if _last is not None:
        _last[1].close()
        _last = None
