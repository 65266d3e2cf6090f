"""Word footnotes and endnotes stay with the paragraph that refers to them (``readers.docx_notes``)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from bench.gen_import_folder import write_docx
from index.library.clauses import parse_clauses
from index.library.readers import read_path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
TYPES = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def _notes_xml(kind: str, notes: dict[str, str]) -> str:
    separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                  f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                  f'</w:p></w:{kind}>')
    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}'
                   f'</w:t></w:r></w:p></w:{kind}>' for i, text in notes.items())
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {W}>{separators}{body}</w:{kind}s>'


def with_notes(path: Path, footnotes: dict[str, str], endnotes: dict[str, str]) -> Path:
    """Rewrite the Word file at ``path``: ⟦F1⟧ / ⟦E1⟧ in its text become references to footnote / endnote 1."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    for mark, tag in (("F", "footnoteReference"), ("E", "endnoteReference")):
        doc = re.sub(f"⟦{mark}(\\d+)⟧", lambda m, tag=tag: f'</w:t></w:r><w:r><w:{tag} w:id="{m.group(1)}"/></w:r>'
                                                              f'<w:r><w:t xml:space="preserve">', doc)
    parts["word/document.xml"] = doc.encode("utf-8")
    parts["word/footnotes.xml"] = _notes_xml("footnote", footnotes).encode("utf-8")
    parts["word/endnotes.xml"] = _notes_xml("endnote", endnotes).encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", f'<Relationship Id="rIdF" Type="{REL}footnotes" Target="footnotes.xml"/>'
                                            f'<Relationship Id="rIdE" Type="{REL}endnotes" Target="endnotes.xml"/>'
                                            "</Relationships>")
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace("</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{TYPES}footnotes+xml"/>'
                                      f'<Override PartName="/word/endnotes.xml" ContentType="{TYPES}endnotes+xml"/>'
                                      "</Types>")
    parts["[Content_Types].xml"] = types.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_a_footnote_follows_the_paragraph_that_refers_to_it_and_its_clause_holds_it(tmp_path):
    # The notes were dropped: the definition of 亩均效益 below was nowhere in the imported document.
    path = write_docx(tmp_path / "意见.docx", "关于推进开发区亩均效益评价的实施意见", [
        ("p", "一、总体要求"),
        ("p", "（一）全面开展亩均效益⟦F1⟧评价，覆盖全部规模以上工业企业⟦F2⟧。"),
        ("p", "（二）评价结果与用地、用能挂钩⟦F1⟧。"),
        ("p", "二、保障措施"),
        ("p", "（三）各开发区管委会负责组织实施⟦E1⟧。"),
    ], table=[["指标", "权重"], ["亩均税收⟦F3⟧", "30%"]])
    with_notes(path, {"1": "亩均效益是指单位用地面积产生的税收和增加值。", "2": "规模以上工业企业指年主营业务收入2000万元及以上的企业。",
                      "3": "亩均税收按实际占地面积计算。", "4": "未被引用的脚注。"},
               {"1": "本意见自印发之日起施行。"})
    text = read_path(path).text
    assert "（一）全面开展亩均效益〔注1〕评价，覆盖全部规模以上工业企业〔注2〕。\n\n注1：亩均效益是指单位用地面积产生的税收和增加值。\n\n" \
           "注2：规模以上工业企业指年主营业务收入2000万元及以上的企业。\n\n（二）评价结果与用地、用能挂钩〔注1〕。" in text
    assert text.count("注1：") == 1  # a note referred to twice is written once
    assert "（三）各开发区管委会负责组织实施〔注3〕。\n\n注3：本意见自印发之日起施行。" in text
    assert "亩均税收〔注4〕 | 30%\n注4：亩均税收按实际占地面积计算。" in text
    assert "未被引用" not in text and "separator" not in text
    clauses = {c.label: c.text for c in parse_clauses("x", text) if c.label}
    assert "亩均效益是指单位用地面积" in clauses["（一）"] and "规模以上工业企业指" in clauses["（一）"]


def test_a_document_without_notes_reads_as_before(tmp_path):
    path = write_docx(tmp_path / "无注.docx", "关于支持开发区发展的意见", [("p", "一、总体要求"), ("p", "（一）加强领导。")])
    assert "〔注" not in read_path(path).text and "（一）加强领导。" in read_path(path).text
