"""The text of a Word document as Word shows it with its tracked changes accepted.

python-docx reads a paragraph's text from the runs directly under it, and a body's blocks from the paragraphs
and tables directly under it. Word puts text deeper: a tracked insertion (``w:ins``, the text of every draft
circulated with 修订 on), a moved passage (``w:moveTo``), a content control (``w:sdt``, a template's fields and
whole cover pages), a field's result (``w:fldSimple``: a cross-reference 第五条), a smart tag. All of it was
dropped on import. Here the paragraph and the body are walked whole; what Word does not show in its final view
is left out: tracked deletions (``w:del``, ``w:moveFrom``, ``w:delText``) and field instructions. A text box
(a 公文 template's 文号 or 签发人, a boxed note) holds paragraphs of its own, never part of the line around
it: they are given apart (``boxes``), and the reader puts them before the paragraph that anchors the box.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

# Elements whose text is not the paragraph's: tracked deletions, field codes, properties (a w:tab in w:pPr is a
# tab stop), text boxes and drawings (paragraphs of their own).
_SKIP = frozenset(qn(t) for t in ("w:del", "w:moveFrom", "w:delText", "w:instrText", "w:delInstrText", "w:pPr",
                                  "w:rPr", "w:sdtPr", "w:sdtEndPr", "w:fldData"))
_BOX = qn("w:txbxContent")
# Run content with a text equivalent (python-docx's element classes give it as ``str``).
_TEXT = frozenset(qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab"))
REFERENCES = frozenset(qn(t) for t in ("w:footnoteReference", "w:endnoteReference"))
# Block containers whose paragraphs and tables are the body's (or a cell's) own.
_CONTAINERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo", "w:smartTag"))
_P, _TBL = qn("w:p"), qn("w:tbl")
# Content Word imports when it opens the file (an HTML or MHT page, the body an OA system wrote as a web page).
ALT_CHUNK = qn("w:altChunk")
# Markup compatibility: a newer feature (mc:Choice) and its fallback (mc:Fallback) hold the same content twice.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

Reference = Callable[[object], str]


def paragraph_text(p, reference: Reference | None = None, boxes: list[str] | None = None) -> str:
    """The text of paragraph element ``p``; ``reference(element)`` gives the text of a note reference.

    The non-empty paragraphs of the text boxes anchored in ``p`` are appended to ``boxes`` (left out if None).
    """
    out: list[str] = []
    _walk(p, out, reference, boxes)
    return "".join(out)


def _walk(element, out: list[str], reference: Reference | None, boxes: list[str] | None) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or tag == _FALLBACK or not isinstance(tag, str):  # not isinstance: an XML comment
            continue
        if tag in _TEXT:
            out.append(str(child) if tag != qn("w:t") else child.text or "")
        elif tag in REFERENCES:
            if reference is not None:
                out.append(reference(child))
        elif tag == _BOX:
            if boxes is not None:
                for p in child.iter(_P):
                    inner: list[str] = []
                    _walk(p, inner, reference, None)  # a box in a box: its paragraphs are iterated here too
                    if "".join(inner).strip():
                        boxes.append("".join(inner).strip())
        else:
            _walk(child, out, reference, boxes)


def blocks(container, parent) -> Iterator:
    """The paragraphs and tables of a body or a table cell element, in order, content controls and tracked
    insertions opened; a tracked deletion's blocks are not there. An imported chunk (``w:altChunk``) is given
    as its element."""
    for child in container:
        if child.tag == _P:
            yield Paragraph(child, parent)
        elif child.tag == _TBL:
            yield Table(child, parent)
        elif child.tag in _CONTAINERS:
            yield from blocks(child, parent)
        elif child.tag == ALT_CHUNK:
            yield child


def opened(element, tag: str) -> Iterator:
    """The children of ``element`` with ``tag`` (``w:tr`` of a table, ``w:tc`` of a row), content controls and
    tracked insertions opened: a repeating section's rows, a form's cell in a content control."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from opened(child, tag)
