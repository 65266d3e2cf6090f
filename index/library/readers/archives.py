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
import functools
import lzma
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

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


def _raw_name(info: zipfile.ZipInfo) -> bytes | None:
    """The bytes of a member's name when no UTF-8 flag says what they are (``zipfile`` read them as cp437)."""
    if info.flag_bits & _UTF8_FLAG:
        return None
    # ``orig_filename``: on Windows ``filename`` has every 0x5C byte turned into "/", and 116 GBK characters
    # (淺, 乗 …) and many Big5 ones (許, 功 …) have 0x5C as their second byte.
    try:
        return info.orig_filename.split("\x00", 1)[0].encode("cp437")
    except UnicodeEncodeError:
        return None


def _big5(raw: bytes) -> str:
    from index.library.readers.txt import big5

    found = big5(raw)
    if found is None:
        raise UnicodeDecodeError("big5", raw, 0, len(raw), "not Big5")
    return found[0]


# How an archiver on Windows wrote names without the UTF-8 flag: in the system's code page. A Chinese archive's
# is GBK (mainland) or Big5 (Taiwan, Hong Kong); a Western one's is cp437. GB18030 decodes almost any bytes,
# Big5 ones among them (開發區政策 as 秨祇跋現郸), so the first codec that decodes is not the answer.
_NAME_CODECS = (lambda raw: raw.decode("gb18030"), _big5, lambda raw: raw.decode("cp437"))


@functools.lru_cache(maxsize=1)
def _common_chinese() -> frozenset[str]:
    """The characters names are made of: GB2312's first level (3,755 simplified) and Big5's (5,401 traditional)."""
    pairs = [(bytes((a, b)), "gb2312") for a in range(0xB0, 0xD8) for b in range(0xA1, 0xFF)]
    pairs += [(bytes((a, b)), "cp950") for a in range(0xA4, 0xC7) for b in (*range(0x40, 0x7F), *range(0xA1, 0xFF))
              if a << 8 | b <= 0xC67E]
    found = set()
    for pair, codec in pairs:
        try:
            found.add(pair.decode(codec))
        except UnicodeDecodeError:
            continue
    return frozenset(found)


def _plausible(text: str) -> float:
    """The share of ``text``'s non-ASCII characters a file name is made of: common Chinese characters, Chinese
    punctuation and full-width forms, accented Latin letters."""
    common = _common_chinese()
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 1.0
    good = sum(c in common or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
               or ("\xc0" <= c <= "\u024f" and c.isalpha()) for c in wide)
    return good / len(wide)


def name_decoder(entries: list[zipfile.ZipInfo]) -> Callable[[bytes], str]:
    """How the archive's unflagged names are decoded: as UTF-8 where valid (7-Zip, macOS and Linux tools write
    it without the flag), the others in one code page decided from all of them together, the one (GBK, Big5,
    cp437) whose reading of them all is most plausible; a code page that fails on one of them is not the
    archive's. Returns ``decode(raw bytes) -> str``, which never fails."""
    raws = []
    for raw in map(_raw_name, entries):
        if raw is not None and not raw.isascii() and _utf8(raw) is None:
            raws.append(raw)
    best, best_score = (lambda raw: raw.decode("cp437")), -1.0
    for decode in _NAME_CODECS:
        try:
            score = _plausible("".join(decode(raw) for raw in raws))
        except UnicodeDecodeError:
            continue
        if score > best_score:  # ties: the earlier code page (GBK, the commonest)
            best, best_score = decode, score
    return lambda raw: _utf8(raw) or best(raw)


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decoded_name(info: zipfile.ZipInfo, decode: Callable[[bytes], str] | None = None) -> str:
    """The member's name as its archiver meant it: UTF-8 when flagged so, else its raw bytes (which ``zipfile``
    decoded as cp437) by ``decode`` (``name_decoder`` of its archive; of this name alone if None)."""
    raw = _raw_name(info)
    name = info.orig_filename.split("\x00", 1)[0]
    if raw is not None:
        name = (decode or name_decoder([info]))(raw)
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
    decode = name_decoder(entries)
    for position, info in enumerate(entries):
        if info.is_dir():
            continue
        name = decoded_name(info, decode)
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
