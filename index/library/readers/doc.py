"""Word 97–2003 .doc files (and WPS files saved in that format): the main text, from the piece table.

Government offices still send most documents as .doc. The file is an OLE
compound file (read with ``olefile``); its text is the ``WordDocument``
stream's characters, listed by the piece table (the ``Clx`` in the table
stream, [MS-DOC] 2.9.38): each piece is either UTF-16 or, for a run of
Western text, one byte a character (cp1252). The main document's characters
are kept (the FIB's ``ccpText``; headers and comments follow them and are not),
without those a tracked change deleted, and with the footnotes and endnotes
they refer to (``doc_marks``). Paragraph, cell and row marks become line ends;
a field keeps its shown result, not its instruction (``HYPERLINK "…"``).

A .docx or an RTF file saved under a .doc name is common: ``read_path`` sends
the first to the .docx reader (and a .doc named .docx here); the second is
refused with what to do.
"""

from __future__ import annotations

import bisect
import re
import struct
from pathlib import Path

from index.base.text import decode_chinese
from index.library.readers import OLE_MAGIC, Extracted, doc_lists, doc_marks, paragraphs_to_body
from index.library.readers.errors import CorruptFileError, PasswordProtectedError

_WORD_IDENT = 0xA5EC
_ENCRYPTED = 0x0100
_TABLE_1 = 0x0200  # fWhichTblStm: the table stream is 1Table, else 0Table
_CLX_PAIR = 33  # fcClx/lcbClx: the 34th (fc, lcb) pair of FibRgFcLcb97
# Characters with a meaning in Word's text: paragraph end, line break, page/section break, non-breaking and
# optional hyphens; anchors of pictures, objects, footnotes and comments say nothing. A table's cell ends with
# \x07 and its row with one more: a row becomes one line, its cells apart as the .docx reader has them. The
# text alone cannot tell an empty cell's mark from a row's end (the paragraph properties can: not read here),
# so a row with an empty cell is split into lines there; no word is lost.
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": None, "\x01": None,
                         "\x08": None, "\x05": None, "\x02": None, "\x03": None, "\x04": None})
_ROW_END = re.compile(r"\x07\r?\x07")
_PARAGRAPH_END = re.compile("[\r\x07]")


def read(path: Path, data: bytes) -> Extracted:
    if data.lstrip()[:5] == b"{\\rtf":
        raise CorruptFileError(path, "this is an RTF file named .doc; open it in Word or WPS, save it as .docx "
                                     "and import that")
    if not data.startswith(OLE_MAGIC):
        raise CorruptFileError(path, "not a Word 97-2003 document (.doc)")
    text, title = _text(path, data)
    return Extracted(text=paragraphs_to_body([line.strip() for line in text.split("\n")]), format="doc",
                     title=title)


def _text(path: Path, data: bytes) -> tuple[str, str | None]:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # noqa: BLE001 - olefile raises OSError, struct.error, … on a damaged container
        raise CorruptFileError(path, f"the Word document is damaged (not a valid .doc file: {exc})") from None
    with ole:
        if not ole.exists("WordDocument"):
            if Path(path).suffix.lower() == ".wps":  # Kingsoft WPS before 2005, or Microsoft Works: their own
                raise CorruptFileError(path, "a .wps file in an older format than Word's (WPS before 2005, or "
                                             "Microsoft Works); open it in WPS and save it as .docx, then import that")
            raise CorruptFileError(path, "the file holds no Word document (an Excel or PowerPoint file named .doc?)")
        try:
            word = ole.openstream("WordDocument").read()
            ident, flags = struct.unpack_from("<H8xH", word, 0)
            if ident != _WORD_IDENT:
                raise CorruptFileError(path, "not a Word 97-2003 document (an older Word or another program's file)")
            if flags & _ENCRYPTED:
                raise PasswordProtectedError(path, "the Word document is password-protected; remove the password "
                                                   "in Word and import again")
            table_name = "1Table" if flags & _TABLE_1 else "0Table"
            if not ole.exists(table_name):
                raise CorruptFileError(path, f"the Word document is damaged (no {table_name} stream)")
            table = ole.openstream(table_name).read()
            csw = struct.unpack_from("<H", word, 32)[0]
            lw_at = 32 + 2 + csw * 2
            cslw = struct.unpack_from("<H", word, lw_at)[0]
            # FibRgLw97: ccpText, ccpFtn, ccpHdd, (reserved), ccpAtn, ccpEdn — the stories, in this order
            ccp_text, ccp_ftn, ccp_hdd, _, ccp_atn, ccp_edn = struct.unpack_from("<6i", word, lw_at + 2 + 3 * 4)
            fc_lcb_at = lw_at + 2 + cslw * 4
            pairs = struct.unpack_from("<H", word, fc_lcb_at)[0]

            def pair(index: int) -> tuple[int, int]:
                return struct.unpack_from("<II", word, fc_lcb_at + 2 + index * 8) if index < pairs else (0, 0)

            fc_clx, lcb_clx = pair(_CLX_PAIR)
            pieces = _pieces(table[fc_clx:fc_clx + lcb_clx])
            deleted = doc_marks.deleted_cps(word, table, pair(doc_marks.PAIR_CHPX), pieces)
            main = _assemble(word, pieces, ccp_text)
            notes = sorted(doc_marks.note_ranges(table, pair(doc_marks.PAIR_FOOTNOTE_REF),
                                                 pair(doc_marks.PAIR_FOOTNOTE_TEXT), ccp_text)
                           + doc_marks.note_ranges(table, pair(doc_marks.PAIR_ENDNOTE_REF),
                                                   pair(doc_marks.PAIR_ENDNOTE_TEXT),
                                                   ccp_text + ccp_ftn + ccp_hdd + ccp_atn))
            boxes = doc_marks.text_box_ranges(table, pair(doc_marks.PAIR_TEXT_BOXES),
                                              ccp_text + ccp_ftn + ccp_hdd + ccp_atn + ccp_edn)
            changes = _number_changes(doc_lists.Lists(word, table, pair), pieces, main, deleted)
            changes += _note_changes(word, pieces, main, deleted, notes) + _box_changes(
                word, pieces, main, deleted, boxes, doc_marks.shape_anchors(table, pair(doc_marks.PAIR_SHAPE_ANCHORS)))
            text = doc_marks.edited(main, 0, deleted, changes)
            title = _title(ole)
        except (struct.error, OSError, ValueError, IndexError):
            # OSError: olefile's "this file is not a stream" (a storage where a stream should be), a bad sector
            raise CorruptFileError(path, "the Word document is damaged (its tables or streams are broken)") from None
    text = _ROW_END.sub("\n", _fields(text)).replace("\x07", " | ")
    return text.translate(_BREAKS), title


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first character, character after the last, file offset, compressed) per piece."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting, skipped
        size = struct.unpack_from("<h", clx, at + 1)[0]
        if size < 0:  # a damaged file: a negative size would loop for ever or read backwards
            raise struct.error("a formatting entry of negative size")
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        raise struct.error("no piece table")
    lcb = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + lcb]
    n = (len(plc) - 4) // 12
    if n <= 0:
        raise struct.error("an empty piece table")
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    out = []
    for i in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        out.append((cps[i], cps[i + 1], offset, compressed))
    return out


def _assemble(word: bytes, pieces, end: int, start: int = 0) -> str:
    """The characters from CP ``start`` to ``end``, one a CP (a surrogate pair is two halves, joined by
    ``tidy``). Each CP is read once: a damaged table whose pieces overlap or go backwards cannot make more
    text than the document says it has."""
    parts = []
    done = start
    for first, after, offset, compressed in pieces:
        begin = max(first, done)
        count = min(after, end) - begin
        if count <= 0:
            continue
        done = begin + count
        if compressed:
            at = offset + begin - first
            parts.append(word[at:at + count].decode("cp1252", errors="replace"))
        else:
            at = offset + 2 * (begin - first)
            units = word[at:at + 2 * count]
            text = units.decode("utf-16-le", errors="surrogatepass")
            if len(text) != len(units) // 2:  # a pair made one character: each half on its own, CPs kept
                text = "".join(map(chr, struct.unpack(f"<{len(units) // 2}H", units[:len(units) // 2 * 2])))
            parts.append(text)
    return "".join(parts)


def _number_changes(lists, pieces, main: str, deleted) -> list[tuple[int, int, str]]:
    """The main text's changes for Word's automatic numbering: each numbered paragraph's number (一、 （一）)
    before its text, unless the text begins with it."""
    changes = []
    firsts = [piece[0] for piece in pieces]
    start = 0
    for mark in _PARAGRAPH_END.finditer(main):
        cp = mark.start()
        if doc_marks.is_deleted(deleted, cp):
            continue  # a deleted paragraph mark: the paragraph goes on into the next
        at = bisect.bisect_right(firsts, cp) - 1
        if at >= 0 and cp < pieces[at][1]:
            first, _, offset, compressed = pieces[at]
            label = lists.label(offset + (cp - first) * (1 if compressed else 2)).strip()
            if label and not doc_marks.edited(main[start:cp], start, deleted).lstrip().startswith(label):
                changes.append((start, start, label))
        start = cp + 1
    return changes


def _box_changes(word: bytes, pieces, main: str, deleted, boxes, anchors) -> list[tuple[int, int, str]]:
    """The main text's changes for its text boxes (a 公文's 文号 or 签发人, a boxed note): each box's paragraphs
    before the paragraph that anchors it, as the .docx reader has them. Which shape holds which box is in the
    drawing (not read here): with as many anchors as boxes, the boxes go with the anchors in order; else all go
    before the first anchor's paragraph."""
    changes = []
    for i, (first, after) in enumerate(boxes):
        lines = _fields(doc_marks.edited(_assemble(word, pieces, after, first), first, deleted)).translate(_BREAKS)
        lines = "\r".join(line.strip() for line in lines.replace("\x07", " ").split("\n") if line.strip())
        if not lines:
            continue
        anchor = min(anchors[i] if len(anchors) == len(boxes) else anchors[0] if anchors else 0, len(main))
        start = max(main.rfind("\r", 0, anchor), main.rfind("\x07", 0, anchor)) + 1
        changes.append((start, start, lines + "\r"))
    return changes


def _note_changes(word: bytes, pieces, main: str, deleted, notes) -> list[tuple[int, int, str]]:
    """The main text's changes for its notes (``doc_marks.edited``): each reference a marker (〔注1〕), the
    note's text (注1：…) a paragraph after the paragraph, or the table row, that refers to it."""
    changes = []
    number = 0
    for ref, first, after in notes:
        if ref >= len(main) or doc_marks.is_deleted(deleted, ref):
            continue
        number += 1
        changes.append((ref, ref + 1, f"〔注{number}〕"))
        note = doc_marks.edited(_assemble(word, pieces, after, first), first, deleted)
        note = " ".join(line.strip() for line in _fields(note).translate(_BREAKS).replace("\x07", " ").split("\n"))
        note = " ".join(note.split())
        if not note:
            continue
        end = ref
        while (mark := _PARAGRAPH_END.search(main, end + 1)) and doc_marks.is_deleted(deleted, mark.start()):
            end = mark.start()  # a deleted paragraph mark: its paragraph goes on
        end = mark.start() if mark else len(main)
        row = _ROW_END.search(main, end) if end < len(main) and main[end] == "\x07" else None
        at = row.end() if row else end + 1
        changes.append((at, at, f"注{number}：{note}\r"))
    return changes


_FIELD_MARKS = re.compile("([\x13\x14\x15])")


def _fields(text: str) -> str:
    """Fields (``\\x13 instruction \\x14 result \\x15``, nested in either part) replaced by their results, in
    one pass (a hostile file may nest thousands); a field never closed keeps what it shows."""
    if "\x13" not in text:
        return text.replace("\x14", "").replace("\x15", "")
    stack: list[list] = [[True, []]]  # per open field: [showing its result, its pieces]
    for piece in _FIELD_MARKS.split(text):
        if piece == "\x13":
            stack.append([False, []])
        elif piece == "\x14" and len(stack) > 1:
            stack[-1] = [True, []]  # the instruction is dropped, the result follows
        elif piece == "\x15" and len(stack) > 1:
            shown, pieces = stack.pop()
            if shown:
                stack[-1][1].extend(pieces)
        elif piece not in ("\x14", "\x15"):
            stack[-1][1].append(piece)
    while len(stack) > 1:
        shown, pieces = stack.pop()
        if shown:
            stack[-1][1].extend(pieces)
    return "".join(stack[0][1])


_VT_I2, _VT_LPSTR, _VT_LPWSTR = 0x02, 0x1E, 0x1F
_PID_CODEPAGE, _PID_TITLE = 1, 2
_CODEPAGES = {936: "gb18030", 950: "big5hkscs", 1200: "utf-16-le", 65001: "utf-8"}


def _title(ole) -> str | None:
    """The title in the document's summary information. Read here, not by olefile's ``get_metadata``: that
    parses every property, and a damaged one claiming a vector of two billion items held the import until
    its time ran out, for a title the text may well give."""
    try:
        stream = ole.openstream("\x05SummaryInformation").read(65536) if ole.exists("\x05SummaryInformation") else b""
        section = struct.unpack_from("<I", stream, 44)[0]  # the first section's offset, after its FMTID
        count = min(struct.unpack_from("<I", stream, section + 4)[0], (len(stream) - section) // 8)
        props = dict(struct.unpack_from("<II", stream, section + 8 + 8 * i) for i in range(count))
        codepage = None
        if _PID_CODEPAGE in props:
            kind, value = struct.unpack_from("<Ih", stream, section + props[_PID_CODEPAGE])
            codepage = _CODEPAGES.get(value & 0xFFFF) if kind == _VT_I2 else None
        if _PID_TITLE not in props:
            return None
        at = section + props[_PID_TITLE]
        kind, size = struct.unpack_from("<II", stream, at)
        raw = stream[at + 8:at + 8 + (2 * size if kind == _VT_LPWSTR else size)]
    except (struct.error, OSError):
        return None  # a damaged summary says nothing: the text is what counts
    if kind == _VT_LPWSTR:
        title = raw.decode("utf-16-le", errors="replace")
    elif kind == _VT_LPSTR:
        raw = raw.split(b"\x00", 1)[0]
        try:
            title = raw.decode(codepage) if codepage and codepage != "utf-16-le" else decode_chinese(raw)
        except UnicodeDecodeError:
            title = decode_chinese(raw)
    else:
        return None
    title = (title or "").split("\x00", 1)[0].strip()
    return title or None  # a placeholder: metadata.guess_title
