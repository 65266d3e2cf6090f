"""Word ``.docx`` files, read with python-docx.

Paragraphs in document order (a footnote or endnote after the paragraph that
refers to it: ``docx_notes``), Word heading styles (``Heading 1`` / ``标题 1``,
``Title``) as Markdown ``#`` headings, tables as text (one row per line, cells
separated by `` | ``). The archive is checked before python-docx opens it:
an encrypted document (an OLE container, not a zip), a damaged archive and a
zip bomb are each refused with their own error.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from index.library.readers import OLE_MAGIC, Extracted, is_encrypted_docx, paragraphs_to_body
from index.library.readers.archives import open_package
from index.library.readers.docx_notes import Notes
from index.library.readers.docx_numbering import Numbering
from index.library.readers.docx_text import blocks, opened
from index.library.readers.errors import CorruptFileError, PasswordProtectedError, TooLargeError

# The main text's XML: a 300-page report with heavy formatting is ~20 MB.
# Parsing XML takes several times its size in memory, so a larger one is
# refused before it is parsed (a 12 MB file holding 190 MB of XML passes the
# ratio check above).
MAX_DOCUMENT_XML = 64 * 1024 * 1024

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def check_archive(path: Path, data: bytes) -> None:
    """Refuse encrypted, damaged and bomb archives before parsing any XML.

    Raises:
        PasswordProtectedError, CorruptFileError, ZipBombError.
    """
    if data.startswith(OLE_MAGIC):
        # Word saves a password-protected .docx as an OLE compound file holding EncryptionInfo and
        # EncryptedPackage streams; read_path sends any other OLE file (a .doc) to the .doc reader.
        if is_encrypted_docx(data):
            raise PasswordProtectedError(path, "the Word document is password-protected; "
                                               "remove the password in Word and import again")
        raise CorruptFileError(path, "an OLE file, not a Word .docx archive")
    with open_package(path, data, "Word document") as archive:
        names = {e.filename: e for e in archive.infolist()}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise CorruptFileError(path, "the archive is not a Word document (no word/document.xml)")
        main = names["word/document.xml"].file_size
        if main > MAX_DOCUMENT_XML:
            raise TooLargeError(path, f"the Word document's text is {main / 1048576:.0f} MB of XML, far more "
                                      f"than any policy document (limit {MAX_DOCUMENT_XML // 1048576} MB); "
                                      "refusing it")
        bad = archive.testzip()
        if bad:
            raise CorruptFileError(path, f"the Word document is damaged (bad entry {bad})")


# Tables in a cell in a table …: read this deep (a form's table within a cell), no deeper (a hostile file's).
MAX_TABLE_DEPTH = 8


def _cell_text(tc, parent, notes: Notes, found: list[str], depth: int = 0) -> str:
    texts = []
    for p in blocks(tc, parent):
        if isinstance(p, Table):  # a table in the cell (a form's): its rows in the cell, apart by ；
            if depth < MAX_TABLE_DEPTH:
                rows = [line.replace(" | ", " ") for line in _table_lines(p, notes, depth + 1, found)]
                texts.append("；".join(rows))
            continue
        if not isinstance(p, Paragraph):
            continue
        boxes: list[str] = []  # a text box anchored in the cell (a form's 文号, 签发人): its paragraphs first
        text, lines = notes.text(p._p, boxes)  # noqa: SLF001
        found.extend(lines)
        texts.extend(boxes)
        if text.strip():
            texts.append(text.strip())
    return " ".join(texts)


_TR, _TC, _TC_PR = qn("w:tr"), qn("w:tc"), qn("w:tcPr")


def _table_lines(table, notes: Notes, depth: int = 0, found: list[str] | None = None) -> list[str]:
    """The table's rows as lines, then the lines of the notes its cells refer to first (to ``found`` instead,
    for a table in a cell). Rows and cells are walked here, not by python-docx, which reads only those directly
    under their table and row: a repeating section's rows and a cell in a content control (a form template's)
    were dropped with their text."""
    lines: list[str] = []
    nested = found is not None
    found = [] if found is None else found
    above: dict[int, str] = {}  # grid column -> the text of the cell there in the row above
    for tr in opened(table._tbl, _TR):  # noqa: SLF001 - python-docx has no public element
        row_props = tr.find(qn("w:trPr"))
        if row_props is not None and row_props.find(qn("w:del")) is not None:
            continue  # a row deleted with 修订 on: gone once the changes are accepted
        cells: list[str] = []
        row: dict[int, str] = {}
        column = 0
        for tc in opened(tr, _TC):
            props = tc.find(_TC_PR)
            span = props.find(qn("w:gridSpan")) if props is not None else None
            merge = props.find(qn("w:vMerge")) if props is not None else None
            if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                text = above.get(column, "")  # a vertically merged cell repeats the one it continues
            else:
                text = _cell_text(tc, table, notes, found, depth)
            row[column] = text
            width = span.get(qn("w:val"), "1") if span is not None else "1"
            column += int(width) if width.isdigit() and int(width) > 0 else 1
            if not cells or text != cells[-1]:  # merged cells repeat: keep once
                cells.append(text)
        above = row
        line = " | ".join(cells)
        if line.strip(" |"):
            lines.append(line)
    return lines if nested else lines + found


# What Word imports from a w:altChunk part, by its content type, and the reader that reads it here.
_CHUNK_READERS = {"text/html": "html", "application/xhtml+xml": "html", "message/rfc822": "mhtml",
                  "multipart/related": "mhtml", "text/plain": "txt"}


def _chunk_lines(path: Path, document, chunk) -> list[str]:
    """The paragraphs of an imported chunk (``w:altChunk``): OA systems write a document's body as an HTML page
    that Word imports when it opens the file. python-docx reads none of it: such a .docx was refused as
    holding no text. A chunk in another format (a .docx, an RTF) or one that cannot be read gives nothing."""
    import importlib

    from index.library.readers.errors import ImportFailure

    try:
        part = document.part.rels[chunk.get(qn("r:id"))].target_part
    except KeyError:
        return []
    reader = _CHUNK_READERS.get(part.content_type.split(";")[0].strip().lower())
    if reader is None:
        return []
    try:
        found = importlib.import_module(f"index.library.readers.{reader}").read(path, part.blob)
    except ImportFailure:
        return []
    return [line for line in found.text.split("\n") if line.strip()]


def _heading_level(paragraph, style_names: dict[str, str]) -> int | None:
    # paragraph.style resolves the style part on every call (slow on long
    # documents); the paragraph's style id and one id -> name table is enough.
    name = style_names.get(paragraph._p.style or "", "")  # noqa: SLF001 - python-docx has no public style id
    if name.lower() == "title" or name == "标题":
        return 1
    match = _HEADING_STYLE.match(name.strip())
    return min(int(match.group(1)), 6) if match else None


def read(path: Path, data: bytes) -> Extracted:
    check_archive(path, data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs: list[str] = []
        style_names = {st.style_id: st.name or "" for st in document.styles}
        numbering = Numbering(document)
        notes = Notes(document)
        for block in blocks(document.element.body, document._body):  # noqa: SLF001 - python-docx's own
            if isinstance(block, Paragraph):
                number = numbering.label(block)  # Word's own numbering (一、 （一） 1.): not in the text
                boxes: list[str] = []
                text, note_lines = notes.text(block._p, boxes)  # noqa: SLF001 - python-docx has no public element
                paragraphs.extend(boxes)  # a text box anchored here: its paragraphs, before the line
                text = text.strip()
                if text:
                    if number and not text.startswith(number.strip()):
                        text = number.strip() + text
                    level = _heading_level(block, style_names)
                    paragraphs.append(f"{'#' * level} {text}" if level else text)
                paragraphs.extend(note_lines)
            elif isinstance(block, Table):
                paragraphs.append("\n".join(_table_lines(block, notes)))
            else:
                paragraphs.extend(_chunk_lines(path, document, block))
        title = (document.core_properties.title or "").strip() or None
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptFileError(path, f"the Word document is damaged ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError family
        if "memory allocation failed" in str(exc).lower():
            raise MemoryError(str(exc)) from None  # libxml2 hit the reader's memory limit
        if exc.__class__.__module__.startswith(("lxml", "docx")):
            raise CorruptFileError(path, f"the Word document is damaged ({exc})") from None
        raise
    return Extracted(text=paragraphs_to_body(paragraphs), format="docx", title=title)
