"""OFD files: the text of their text objects, put back into the paragraphs of the document they were laid out from."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from index.library.readers import read_path
from index.library.readers.errors import (
    CorruptFileError,
    NoTextLayerError,
    PasswordProtectedError,
    TooLargeError,
    ZipBombError,
)

ROOT = Path(__file__).resolve().parents[3]
OFDS = ROOT / "tests" / "data" / "ofd"
SOURCES = {"policy": ROOT / "content" / "docs" / "jiaxing-2015-kaifaqu.md",
           "regulation": ROOT / "tests" / "data" / "regulations" / "tune" / "t01_shanghai_shehuijiuzhu_2018.txt"}


def _paragraphs(source: Path) -> list[str]:
    text = source.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---\n", 1)[1]
    return [ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()]


def _rewritten(tmp_path: Path, name: str, change, fixture: str = "policy") -> Path:
    """The fixture with each of its XML parts passed through ``change(part name, text)``."""
    path = tmp_path / name
    with zipfile.ZipFile(OFDS / f"{fixture}.ofd") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".xml"):
                data = change(info.filename, data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
    return path


@pytest.mark.parametrize("fixture", ["policy", "regulation"])
def test_an_ofd_reads_as_the_paragraphs_it_was_laid_out_from(fixture):
    # A 公文 layout (justified lines, first lines indented, a centred title over two lines, page numbers).
    found = read_path(OFDS / f"{fixture}.ofd")
    assert found.format == "ofd"
    assert found.text.split("\n\n") == _paragraphs(SOURCES[fixture])


def test_the_standard_namespace_and_attribute_case_and_absolute_locations_read_the_same(tmp_path):
    def standard(name, text):
        text = text.replace("http://blog.yuanhaiying.cn", "http://www.ofdspec.org/2016").replace(' size="', ' Size="')
        return text.replace('BaseLoc="Pages/', 'BaseLoc="/Doc_0/Pages/').replace(">Doc_0/", ">/Doc_0/")

    path = _rewritten(tmp_path, "standard.ofd", standard)
    assert "/Doc_0/Pages/" in zipfile.ZipFile(path).read("Doc_0/Document.xml").decode()
    assert read_path(path).text == read_path(OFDS / "policy.ofd").text


def test_a_run_per_character_in_any_order_reads_the_same(tmp_path):
    # Some writers place every character on its own; the order in the file is not the reading order.
    def per_character(name, text):
        def split(m):
            x0, y, step, chars = float(m.group(1)), m.group(2), float(m.group(3)), m.group(4)
            codes = [f'<ofd:TextCode X="{x0 + i * step:.4f}" Y="{y}">{ch}</ofd:TextCode>' for i, ch in enumerate(chars)]
            return "".join(reversed(codes))
        return re.sub(r'<ofd:TextCode X="([\d.]+)" Y="([\d.]+)" DeltaX="g \d+ ([\d.]+)">([^<]*)</ofd:TextCode>',
                      split, text)

    path = _rewritten(tmp_path, "chars.ofd", per_character)
    assert read_path(path).text == read_path(OFDS / "policy.ofd").text


def test_a_template_page_is_read_with_the_page_that_uses_it(tmp_path):
    # A 红头 drawn by a template above the first page's text.
    header = ('<?xml version="1.0" encoding="utf-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
              '<ofd:Layer ID="900"><ofd:TextObject ID="901" Font="5" Size="2.8" Boundary="20 2 40 3">'
              '<ofd:TextCode X="0" Y="2.8">嘉兴市人民政府办公室文件</ofd:TextCode></ofd:TextObject></ofd:Layer>'
              '</ofd:Content></ofd:Page>')

    def templated(name, text):
        if name == "Doc_0/Document.xml":
            text = text.replace("</ofd:PageArea>", '</ofd:PageArea><ofd:TemplatePage ID="899" '
                                                   'BaseLoc="Tpls/Tpl_0/Content.xml"/>', 1)
            text = re.sub(r'(<ofd:Page ID="\d+" BaseLoc="Pages/Page_0/Content.xml")\s*(/>|></ofd:Page>)',
                          r'\1><ofd:Template TemplateID="899" ZOrder="Background"/></ofd:Page>', text)
        return text

    path = _rewritten(tmp_path, "template.ofd", templated)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("Doc_0/Tpls/Tpl_0/Content.xml", header)
    assert read_path(path).text.split("\n\n")[0] == "嘉兴市人民政府办公室文件"


def test_the_title_the_file_declares_is_read(tmp_path):
    def titled(name, text):
        return text.replace("<ofd:DocID>", "<ofd:Title>嘉兴市活动方案</ofd:Title><ofd:DocID>") if name == "OFD.xml" \
            else text

    assert read_path(_rewritten(tmp_path, "titled.ofd", titled)).title == "嘉兴市活动方案"


def _package(tmp_path: Path, name: str, parts: dict[str, str | bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return path


_OFD_XML = ('<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>'
            '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
_DOCUMENT = ('<?xml version="1.0"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>'
             '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')


@pytest.mark.parametrize("parts, error, words", [
    ({"a.txt": "x"}, CorruptFileError, "no OFD.xml"),
    ({"OFD.xml": _OFD_XML}, CorruptFileError, "Doc_0/Document.xml"),  # names a part it does not hold
    ({"OFD.xml": _OFD_XML, "Doc_0/Document.xml": "<ofd:Document"}, CorruptFileError, "damaged"),
    ({"OFD.xml": _OFD_XML, "Doc_0/Document.xml": _DOCUMENT, "Doc_0/Pages/Page_0/Content.xml":
      '<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
      '<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="9"/></ofd:Layer></ofd:Content></ofd:Page>'},
     NoTextLayerError, "scan"),
    ({"OFD.xml": _OFD_XML, "Doc_0/Document.xml": _DOCUMENT, "Doc_0/Encryptions.xml": "<x/>"},
     PasswordProtectedError, "encrypted"),
])
def test_a_damaged_or_unreadable_ofd_is_refused_with_what_it_is(tmp_path, parts, error, words):
    with pytest.raises(error, match=words):
        read_path(_package(tmp_path, "bad.ofd", parts))


def test_a_file_that_is_no_zip_is_refused_as_damaged(tmp_path):
    (tmp_path / "x.ofd").write_bytes(b"%PDF-1.7 not an ofd")
    with pytest.raises(CorruptFileError, match="not a valid zip"):
        read_path(tmp_path / "x.ofd")


def test_entities_are_not_expanded_and_a_huge_part_or_bomb_is_refused(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "啊啊啊啊啊啊啊啊啊啊">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)) +
        ']><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocInfo><ofd:Title>&i;</ofd:Title>'
        '</ofd:DocInfo></ofd:DocBody></ofd:OFD>')
    with pytest.raises(CorruptFileError, match="damaged"):  # refused by the parser at once, nothing expanded
        read_path(_package(tmp_path, "laughs.ofd", {"OFD.xml": laughs}))
    page = '<?xml version="1.0"?><p>' + "<x/>" * (9 * 1024 * 1024) + "</p>"
    with pytest.raises((TooLargeError, ZipBombError)):
        read_path(_package(tmp_path, "big.ofd", {"OFD.xml": _OFD_XML, "Doc_0/Document.xml": _DOCUMENT,
                                                  "Doc_0/Pages/Page_0/Content.xml": page}))


def test_an_ofd_in_a_zip_imports_end_to_end(tmp_path, capsys):
    from desktop.cli import main

    with zipfile.ZipFile(tmp_path / "公文.zip", "w") as zf:
        zf.write(OFDS / "regulation.ofd", "条例/社会救助条例.ofd")
    assert main(["import", str(tmp_path / "公文.zip"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in report["imported"]] == ["上海市社会救助条例"]
    doc_id = report["imported"][0]["doc_id"]
    assert main(["outline", doc_id, "--json"]) == 0
    outline = json.loads(capsys.readouterr().out)
    articles = [c["label"] for c in outline if (c["label"] or "").endswith("条")]
    assert len(articles) == 11 and articles[:3] == ["第一条", "第二条", "第三条"]


def test_a_running_header_on_every_page_is_dropped_and_the_text_kept(tmp_path):
    pages = iter(range(1, 100))

    def headed(name, text):
        if not re.search(r"Pages/Page_\d+/Content.xml$", name):
            return text
        header = (f'<ofd:TextObject ID="{800 + next(pages)}" Font="5" size="1.0" Boundary="15 4 60 2">'
                  f'<ofd:TextCode X="0" Y="1.0">嘉政办发〔2015〕31号 第{next(pages)}页</ofd:TextCode></ofd:TextObject>')
        return text.replace("<ofd:TextObject ", header + "<ofd:TextObject ", 1)

    path = _rewritten(tmp_path, "headed.ofd", headed)
    assert zipfile.ZipFile(path).read("Doc_0/Pages/Page_1/Content.xml").decode().count("嘉政办发") == 1
    assert read_path(path).text == read_path(OFDS / "policy.ofd").text


def test_a_small_file_that_names_one_dense_page_thousands_of_times_is_refused_at_once(tmp_path):
    # 15 KB naming one 5,000-object page 2,000 times took 155 s and 3 GB (the page parsed for each name).
    import time

    from index.library.readers.errors import TooLongError

    objects = "".join(f'<TextObject Boundary="0 {i} 100 10" Size="3"><TextCode X="0" Y="3" DeltaX="g 99999 1">'
                      "第一条规定内容文字</TextCode></TextObject>" for i in range(5000))
    pages = "".join('<Page BaseLoc="c.xml"/>' for _ in range(2000))
    path = _package(tmp_path, "bomb.ofd", {
        "OFD.xml": "<OFD><DocBody><DocRoot>Doc/Document.xml</DocRoot></DocBody></OFD>",
        "Doc/Document.xml": f"<Document><Pages>{pages}</Pages></Document>",
        "Doc/c.xml": f"<Page><Content><Layer>{objects}</Layer></Content></Page>"})
    started = time.monotonic()
    with pytest.raises(TooLongError):
        read_path(path)
    assert time.monotonic() - started < 5
