"""Word 97-2003 .doc files: the text of the piece table, fields, tables, odd names and damaged files."""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
from pathlib import Path

import olefile
import pytest

from index.library.readers import read_path
from index.library.readers.errors import CorruptFileError, PasswordProtectedError

DOCS = Path(__file__).resolve().parents[2] / "data" / "doc"


def test_a_doc_reads_as_its_paragraphs_with_table_rows_as_lines():
    found = read_path(DOCS / "policy.doc")
    assert found.format == "doc"
    assert found.text.split("\n\n") == [
        "关于推进开发区高质量发展的实施意见", "一、总体要求", "（一）坚持招商引资，加强用地保障，盘活存量土地。Invest in zones.",
        "二、保障措施", "指标 | 目标", "亩均税收 | 30万元", "（二）完善考核评价，优化营商环境。"]


def test_a_field_shows_its_result_not_its_instruction_and_the_title_is_read():
    found = read_path(DOCS / "links.doc")
    assert "详见中国政府网公布的文件" in found.text and "HYPERLINK" not in found.text and "http" not in found.text
    assert found.text.startswith("第一条\u3000为了促进开发区发展") and found.title == "开发区条例"


def _streams(ole) -> tuple[bytearray, str, bytearray, int]:
    """A .doc's WordDocument stream, its table stream's name and bytes, and where its piece table starts."""
    word = bytearray(ole.openstream("WordDocument").read())
    name = "1Table" if struct.unpack_from("<H", word, 10)[0] & 0x0200 else "0Table"
    csw = struct.unpack_from("<H", word, 32)[0]
    cslw = struct.unpack_from("<H", word, 34 + csw * 2)[0]
    fc_clx = struct.unpack_from("<I", word, 34 + csw * 2 + 2 + cslw * 4 + 2 + 33 * 8)[0]
    return word, name, bytearray(ole.openstream(name).read()), fc_clx


def _eight_bit(tmp_path: Path) -> Path:
    """english.doc with its one piece stored one byte a character (cp1252), as Word stores Western text."""
    path = tmp_path / "english-8bit.doc"
    shutil.copy(DOCS / "english.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word, name, table, fc_clx = _streams(ole)
        assert table[fc_clx] == 0x02
        cps = struct.unpack_from("<2i", table, fc_clx + 5)
        pcd = fc_clx + 5 + 8  # one piece: two CPs, then its PCD
        fc = struct.unpack_from("<I", table, pcd + 2)[0]
        text = word[fc:fc + 2 * (cps[1] - cps[0])].decode("utf-16-le")
        word[fc:fc + len(text)] = text.encode("cp1252")
        struct.pack_into("<I", table, pcd + 2, (fc * 2) | 0x40000000)
        ole.write_stream("WordDocument", bytes(word))
        ole.write_stream(name, bytes(table))
    return path


def test_a_piece_of_one_byte_characters_is_read(tmp_path):
    assert read_path(_eight_bit(tmp_path)).text == "Plain English only document for compressed pieces.\n\nSecond paragraph."


def test_a_doc_and_a_docx_under_each_others_names_are_read_as_what_they_are(tmp_path):
    shutil.copy(DOCS / "policy.doc", tmp_path / "named.docx")
    assert read_path(tmp_path / "named.docx").text == read_path(DOCS / "policy.doc").text
    import docx

    document = docx.Document()
    document.add_paragraph("关于推进开发区高质量发展的实施意见")
    document.save(tmp_path / "real.docx")
    shutil.copy(tmp_path / "real.docx", tmp_path / "named.doc")
    assert read_path(tmp_path / "named.doc").format == "docx"
    shutil.copy(DOCS / "policy.doc", tmp_path / "金山.wps")  # WPS saves its files in Word's 97-2003 format
    assert "招商引资" in read_path(tmp_path / "金山.wps").text


@pytest.mark.parametrize("name, data, error, words", [
    ("rtf.doc", b"{\\rtf1\\ansi \\'bf\\'aa\\'b7\\'a2\\'c7\\'f8}", CorruptFileError, "RTF"),
    ("garbage.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8, CorruptFileError, "damaged"),
    ("text.doc", "开发区".encode() * 100, CorruptFileError, "not a Word 97-2003 document"),
])
def test_a_file_that_is_no_doc_is_refused_with_what_it_is(tmp_path, name, data, error, words):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(error, match=words):
        read_path(tmp_path / name)


def test_an_encrypted_doc_is_refused_as_password_protected(tmp_path):
    path = tmp_path / "locked.doc"
    shutil.copy(DOCS / "policy.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        word[11] |= 0x01  # fEncrypted (0x0100 of the FIB's flags)
        ole.write_stream("WordDocument", bytes(word))
    with pytest.raises(PasswordProtectedError):
        read_path(path)


def test_a_doc_in_a_zip_imports_end_to_end(tmp_path, capsys):
    import json

    from desktop.cli import main

    with zipfile.ZipFile(tmp_path / "公文.zip", "w") as zf:
        zf.write(DOCS / "policy.doc", "通知/实施意见.doc")
    assert main(["import", str(tmp_path / "公文.zip"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in report["imported"]] == ["关于推进开发区高质量发展的实施意见"]
    assert main(["search", "\"亩均税收 | 30万元\"", "--json"]) == 0  # the table's row, as one line
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [h["doc_id"] for h in hits] == [report["imported"][0]["doc_id"]]


def test_nested_and_unclosed_fields_keep_what_they_show():
    from index.library.readers.doc import _fields

    assert _fields("见\x13 HYPERLINK \"http://x\" \x14中国政府网\x15。") == "见中国政府网。"
    # A field inside another's instruction goes with it; one inside its result stays.
    assert _fields("a\x13 IF \x13 PAGE \x143\x15 = 3 \x14结果\x13 REF b \x14内\x15\x15c") == "a结果内c"
    assert _fields("开\x13 unclosed \x14结果") == "开结果" and _fields("x\x15y\x14z") == "xyz"
    assert _fields("\x13" * 100_000 + "深" + "\x15" * 100_000) == ""  # all instruction, read in one pass


def test_a_title_left_by_a_program_is_not_taken_for_the_documents():
    from index.library.metadata import guess_metadata

    body = "（一）坚持招商引资，加强用地保障。\n\n（二）完善考核评价。"  # no title-like line: the declared title was taken
    for junk in ("Microsoft Word - 关于推进开发区.doc", "文档1", "新建 Microsoft Word 文档", "Document2", "标题", "Normal",
                 "无标题文档", "Untitled Document", "新建文本文档"):
        assert guess_metadata(body, declared_title=junk, filename="实施意见.doc")["title"] != junk, junk
    assert guess_metadata(body, declared_title="开发区条例", filename="x.doc")["title"] == "开发区条例"

def test_a_doc_whose_text_names_the_encryption_streams_is_still_read(tmp_path):
    # A .docx with a password is an OLE file holding EncryptionInfo: its directory is read, not its bytes.
    path = tmp_path / "说明.doc"
    data = (DOCS / "policy.doc").read_bytes()
    word = "关于推进开发区高质量发展的实施意见".encode("utf-16-le")
    assert word in data
    path.write_bytes(data.replace(word, "EncryptionInfo并非加密的说明文字".encode("utf-16-le")[:len(word)]))
    assert read_path(path).text.startswith("EncryptionInfo")


@pytest.mark.parametrize("damage", ["negative formatting size", "storage for a stream"])
def test_a_damaged_doc_is_refused_as_damaged_not_hung_nor_an_internal_error(tmp_path, damage):
    path = tmp_path / "坏.doc"
    shutil.copy(DOCS / "policy.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word, name, table, fc_clx = _streams(ole)
        if damage == "negative formatting size":
            table[fc_clx:fc_clx + 3] = b"\x01\xfd\xff"  # a Prc of size -3: the loop stood still
        ole.write_stream(name, bytes(table))
    if damage == "storage for a stream":
        data = bytearray(path.read_bytes())
        entry = data.index("WordDocument".encode("utf-16-le"))
        data[entry + 66] = 1  # the directory entry's type: a storage
        path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError):  # it looped for ever; it raised OSError (an internal error)
        read_path(path)


def test_pieces_that_overlap_or_go_back_make_no_more_text_than_the_document_has():
    from index.library.readers.doc import _assemble

    word = "甲乙丙丁".encode("utf-16-le")
    pieces = [(0, 4, 0, False), (0, 4, 0, False), (2, 4, 4, False), (0, 4, 0, False)]
    assert _assemble(word, pieces, 4) == "甲乙丙丁"  # each piece decoded the stream again: 4 times the text


def test_a_draft_reads_with_its_tracked_changes_accepted_and_its_notes_after_their_paragraphs():
    # Deleted text was read as if it stood (a deleted clause, 开发区一律不得扩区, became a clause of the document) and
    # the footnotes and endnotes, where a policy defines its terms, were dropped. Now as the .docx reader reads them.
    assert read_path(DOCS / "revisions.doc").text.split("\n\n") == [
        "关于推进开发区改革创新的实施意见（征求意见稿）", "一、总体要求", "（一）支持开发区和园区扩区调区。",
        "（二）本意见所称亩均效益〔注1〕，按年度评价。", "注1：亩均效益是指单位用地面积的税收。",
        "（三）园区用地𠮷字号〔注2〕按规定执行〔注3〕。", "注2：字号以登记为准。", "注3：见《土地管理法》。",
        "（四）各地要抓好落实。", "指标 | 目标", "亩均税收〔注4〕 | 30万元", "注4：按上年度统计数据。"]


def test_damaged_property_and_note_tables_leave_the_text_readable(tmp_path):
    path = tmp_path / "坏.doc"
    shutil.copy(DOCS / "revisions.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        csw = struct.unpack_from("<H", word, 32)[0]
        cslw = struct.unpack_from("<H", word, 34 + csw * 2)[0]
        pairs = 34 + csw * 2 + 2 + cslw * 4 + 2
        # footnote references and texts, character and paragraph properties, styles, lists, endnote references
        for index in (1, 2, 3, 12, 13, 46, 73, 74):
            struct.pack_into("<II", word, pairs + index * 8, 0x7FFFFF00, 0x00FFFFFF)
        ole.write_stream("WordDocument", bytes(word))
    text = read_path(path).text
    assert text.startswith("关于推进开发区改革创新的实施意见") and "〔注" not in text


def test_a_text_box_is_read_before_the_paragraph_that_anchors_it():
    # A 公文 template's 文号 in a text box was dropped: the .doc had no document number (its .docx had one).
    from index.library.metadata import guess_metadata

    text = read_path(DOCS / "textbox.doc").text
    assert text.split("\n\n") == ["关于印发开发区招商引资办法的通知", "浙政办发〔2021〕12号", "签发人：张三",
                                  "各市人民政府，省直有关单位：", "现将《开发区招商引资办法》印发给你们，请认真贯彻执行。"]
    assert guess_metadata(text)["doc_number"] == "浙政办发〔2021〕12号"


def test_words_own_numbering_is_read_as_the_page_shows_it():
    # The numbers of Word's lists are not in a .doc's text: an imported 意见 lost its 一、 and （一）, and the clause
    # parser found no section in it (all of it 前言).
    from index.library.clauses import parse_clauses

    text = read_path(DOCS / "numbered.doc").text
    assert text.split("\n\n") == [
        "江苏省开发区高质量发展实施意见", "一、总体要求", "（一）指导思想。推动开发区高质量发展。",
        "（二）发展目标。到2025年建成一批开发区。", "二、保障措施", "（一）加强组织领导。各地要建立工作机制。",
        "1.规模以上工业增加值占比达到80%以上；", "2.实际使用外资占比达到85%以上。"]
    assert [c.label for c in parse_clauses("d", text) if c.label][:4] == ["一、", "（一）", "（二）", "二、"]


def test_a_damaged_summary_does_not_hold_the_import(tmp_path):
    # A property claiming a vector of two billion empty items: olefile's get_metadata, which the title was read
    # with, looped over them until the import's time or memory ran out, and the .doc was refused. Now its text
    # and title are read at once (in a subprocess, so the old code fails instead of hanging the run).
    import subprocess
    import sys

    path = tmp_path / "条例.doc"
    shutil.copy(DOCS / "links.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        summary = bytearray(ole.openstream("\x05SummaryInformation").read())
        section = struct.unpack_from("<I", summary, 44)[0]
        count = struct.unpack_from("<I", summary, section + 4)[0]
        props = dict(struct.unpack_from("<II", summary, section + 8 + 8 * i) for i in range(count))
        other = next(pid for pid in props if pid not in (1, 2))
        struct.pack_into("<II", summary, section + props[other], 0x1001, 0x7FFFFFFF)  # VT_VECTOR | VT_EMPTY
        ole.write_stream("\x05SummaryInformation", bytes(summary))
    code = ("import sys; from index.library.readers import read_path; found = read_path(sys.argv[1]); "
            "print(found.title); print(found.text[:6])")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[3], env={**os.environ, "ZONEREF_HOME": str(tmp_path)})
    assert done.stdout.split("\n")[:2] == ["开发区条例", "第一条\u3000为了"], done.stderr[-500:]


def test_a_wps_file_in_an_older_format_is_refused_saying_what_to_do(tmp_path):
    # An OLE file with no Word stream named .wps (WPS before 2005, Microsoft Works) was called "an Excel or
    # PowerPoint file named .doc?", which tells its owner nothing.
    data = (DOCS / "policy.doc").read_bytes().replace("WordDocument".encode("utf-16-le"), "WpsContents0".encode("utf-16-le"))
    (tmp_path / "旧文件.wps").write_bytes(data)
    with pytest.raises(CorruptFileError, match="older format.*save it as .docx"):
        read_path(tmp_path / "旧文件.wps")
    (tmp_path / "旧文件.doc").write_bytes(data)
    with pytest.raises(CorruptFileError, match="Excel or PowerPoint"):
        read_path(tmp_path / "旧文件.doc")
