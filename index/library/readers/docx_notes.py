"""Word's footnotes and endnotes, kept with the paragraph that refers to them.

A policy puts definitions in its notes (本意见所称"亩均效益"是指…, 四上企业 …). python-docx reads neither
notes part, so an imported document lost them without a word. Here each reference becomes a marker in the
text where Word shows its number (〔注1〕), and the note's text follows the paragraph as a paragraph of its own
(注1：…): the clause that cites a note holds it, and a search for the defined term finds it. Footnotes and
endnotes are numbered together, in the order they are first referred to; a note referred to twice is written
once. Notes nothing refers to, and Word's separators, are not text.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from index.library.readers.docx_text import paragraph_text

# A notes part larger than this is not read (the main text's limit, ``docx.MAX_DOCUMENT_XML``, is larger).
MAX_NOTES_XML = 16 * 1024 * 1024
_KINDS = {RT.FOOTNOTES: "footnote", RT.ENDNOTES: "endnote"}


def _note_text(note) -> str:
    """A note's paragraphs as one line (Word's own number mark in it is an element, not text)."""
    paragraphs = (paragraph_text(p).strip() for p in note.iter(qn("w:p")))
    return " ".join(p for p in paragraphs if p)


class Notes:
    """The notes of one document, and the markers of the references met so far."""

    def __init__(self, document):
        self.texts: dict[tuple[str, str], str] = {}
        for rel in document.part.rels.values():
            kind = _KINDS.get(rel.reltype)
            if kind is None or rel.is_external:
                continue
            blob = rel.target_part.blob
            if len(blob) > MAX_NOTES_XML:
                continue
            for note in parse_xml(blob).iter(qn(f"w:{kind}")):
                if note.get(qn("w:type")) in (None, "normal"):  # not a separator or a continuation notice
                    self.texts[(kind, note.get(qn("w:id")))] = _note_text(note)
        self.numbers: dict[tuple[str, str], int] = {}

    def text(self, p, boxes: list[str] | None = None) -> tuple[str, list[str]]:
        """The text of paragraph element ``p`` (``docx_text.paragraph_text``, its text boxes' paragraphs to
        ``boxes``) with a marker at each note reference, and the lines of the notes it refers to first (注1：…)."""
        lines: list[str] = []

        def marker(ref) -> str:
            key = ("footnote" if ref.tag == qn("w:footnoteReference") else "endnote", ref.get(qn("w:id")))
            note = self.texts.get(key)
            if note is None:
                return ""
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                if note:
                    lines.append(f"注{self.numbers[key]}：{note}")
            return f"〔注{self.numbers[key]}〕"

        return paragraph_text(p, marker if self.texts else None, boxes), lines
