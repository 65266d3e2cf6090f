"""Readers: every format from real files the tests write, and every bad input."""

from __future__ import annotations

import os

import pytest

from bench.gen_import_folder import (
    write_docx,
    write_encrypted_docx,
    write_html,
    write_nav_html,
    write_pdf,
    write_scanned_pdf,
    write_txt,
    write_zip_bomb,
)
from index.library.readers import errors as E
from index.library.readers import read_path

TITLE = "河南省人民政府办公厅关于促进产业集聚区和开发区改革创新发展的实施意见"
TEXT = f"""{TITLE}

豫政办〔2017〕159号

一、总体要求

产业集聚区和开发区是我省推动工业化、城镇化快速发展和对外开放的重要平台。

（一）指导思想。全面贯彻党的十九大精神，推动开发区高质量发展。

河南省人民政府办公厅
2017年12月12日
"""
TRAD = __import__("opencc").OpenCC("s2t").convert(TEXT)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb2312",
                                      "gb18030"])
def test_txt_encodings_are_detected(tmp_path, encoding):
    found = read_path(write_txt(tmp_path / "doc.txt", TEXT, encoding))
    assert found.text.splitlines()[0] == TITLE
    assert "\r" not in found.text
    assert "（一）指导思想。" in found.text


def test_gb18030_characters_outside_gbk(tmp_path):
    text = TEXT.replace("推动开发区高质量发展", "推动𠮷祥开发区和䶮镇高质量发展")
    found = read_path(write_txt(tmp_path / "doc.txt", text, "gb18030"))
    assert found.encoding == "gb18030"
    assert "推动𠮷祥开发区和䶮镇高质量发展" in found.text


def test_big5_text_is_detected(tmp_path):
    found = read_path(write_txt(tmp_path / "doc.txt", TRAD, "big5"))
    assert found.encoding.startswith("big5")
    assert found.text.splitlines()[0] == TRAD.splitlines()[0]
    assert "開發區" in found.text


# A Hong Kong or Taiwan office's Big5 file (Big5-HKSCS / ETEN: C6E2 is 〇, C6A1 is ①), as browsers and HKSCS
# Windows write it.
BIG5_DATED = TRAD.replace("2017年12月12日", "二〇一七年十二月十二日").replace("（一）指導思想。", "（一）指導思想。①")


def test_big5_text_keeps_its_zero_and_circled_numbers(tmp_path):
    """The detector names such a file ``big5``, and Python's big5 codec reads C6A1-C7FC as kana: 二〇一七年 came
    out as 二ま一七年 (the date was lost) and ① as ヾ."""
    from index.library.readers.candidates import prepare_file

    path = write_txt(tmp_path / "doc.txt", BIG5_DATED, "big5hkscs")
    found = read_path(path)
    assert "二〇一七年十二月十二日" in found.text and "（一）指導思想。①" in found.text
    assert prepare_file(path).meta["issued"] == "2017-12-12"


def test_big5_text_in_pythons_own_big5_layout_still_reads(tmp_path):
    # Python's big5 puts ① at C7E9, where Big5-HKSCS has a katakana: such a file stays as written.
    found = read_path(write_txt(tmp_path / "doc.txt", TRAD.replace("（一）指導思想。", "（一）指導思想。①②"), "big5"))
    assert "（一）指導思想。①②" in found.text and found.encoding == "big5"


@pytest.mark.parametrize("name", ["page.html", "page.mht"])
def test_a_page_declaring_big5_keeps_its_zero(tmp_path, name):
    """A page declaring charset=big5 (which browsers read as Big5-HKSCS) was decoded by Python's big5 codec: its
    〇 became ま."""
    import base64

    body = "".join(f"<p>{line}</p>" for line in BIG5_DATED.split("\n\n")[1:])
    page = (f'<html><head><meta charset="big5"><title>{TRAD.splitlines()[0]}</title></head>'
            f'<body><div class="TRS_Editor">{body}</div></body></html>').encode("big5hkscs")
    if name.endswith(".mht"):
        page = (b'MIME-Version: 1.0\nContent-Type: text/html; charset="big5"\nContent-Transfer-Encoding: base64\n\n'
                + base64.encodebytes(page))
    (tmp_path / name).write_bytes(page)
    found = read_path(tmp_path / name)
    assert "二〇一七年十二月十二日" in found.text and "（一）指導思想。①" in found.text


@pytest.mark.parametrize("declared, encoding", [
    ("iso-8859-1", "utf-8"),      # a CMS template's charset over the page's UTF-8: every byte decodes as Latin-1
    ("iso-8859-1", "gbk"),
    ("windows-1252", "big5hkscs"),
    ("gb18030", "big5hkscs"),     # GB18030 decodes Big5 bytes too, into private-use characters
])
def test_a_page_declaring_a_charset_it_is_not_written_in_is_read_as_written(tmp_path, declared, encoding):
    """The declared charset won whenever the bytes decoded in it: the page was refused as holding no text
    (3 of these), or imported as 竑┎快 (gb18030 over Big5)."""
    text = TRAD if encoding.startswith("big5") else TEXT
    body = "".join(f"<p>{line}</p>" for line in text.split("\n\n")[1:])
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">'
            f'<title>{text.splitlines()[0]}</title></head><body><div class="content">{body}</div></body></html>')
    (tmp_path / "page.html").write_bytes(page.encode(encoding))
    found = read_path(tmp_path / "page.html")
    assert found.title == text.splitlines()[0] and text.split("\n\n")[3] in found.text.splitlines()


def test_a_page_in_its_declared_latin_charset_with_chinese_as_references_still_reads(tmp_path):
    # Bytes that are no Chinese in any encoding (a © in Latin-1) and Chinese written as &#…; references.
    page = ('<html><head><meta charset="iso-8859-1"><title>t</title></head><body><div class="content"><p>'
            + "".join(f"&#{ord(ch)};" for ch in TEXT.split("\n\n")[3]) + "</p><p>\xa9 2017</p></div></body></html>")
    (tmp_path / "page.html").write_bytes(page.encode("latin-1"))
    found = read_path(tmp_path / "page.html")
    assert TEXT.split("\n\n")[3] in found.text and "© 2017" in found.text


def test_markdown_keeps_headings_and_reads_front_matter(tmp_path):
    md = "---\ntitle: 某省开发区条例\nregion: 湖北省\n---\n# 某省开发区条例\n\n## 第一章 总则\n\n第一条 为了促进开发区发展，制定本条例。\n"
    found = read_path(write_txt(tmp_path / "law.md", md))
    assert found.title == "某省开发区条例"
    assert found.meta["region"] == "湖北省"
    assert found.text.startswith("# 某省开发区条例")
    assert "## 第一章 总则" in found.text
    assert "region:" not in found.text


def test_docx_paragraphs_headings_and_tables(tmp_path):
    path = write_docx(tmp_path / "doc.docx", TITLE,
                      [("p", "豫政办〔2017〕159号"), ("h1", "一、总体要求"), ("p", "产业集聚区和开发区是重要平台。")],
                      table=[["指标", "目标"], ["进出口占比", "45%"]])
    found = read_path(path)
    lines = found.text.splitlines()
    assert lines[0] == f"# {TITLE}"
    assert "# 一、总体要求" in lines
    assert "指标 | 目标" in lines and "进出口占比 | 45%" in lines
    assert found.title == TITLE


def test_html_drops_navigation_scripts_and_footer(tmp_path):
    path = write_html(tmp_path / "page.html", TITLE, TEXT.split("\n\n")[1:])
    found = read_path(path)
    assert found.text.splitlines()[0] == f"# {TITLE}"
    assert "产业集聚区和开发区是我省推动工业化" in found.text
    for noise in ("新闻中心", "网站首页", "相关链接", "统计代码", "版权所有", "分享到", "color"):
        assert noise not in found.text


def test_gbk_html_with_declared_charset(tmp_path):
    found = read_path(write_html(tmp_path / "page.htm", TITLE, TEXT.split("\n\n")[1:], encoding="gbk"))
    assert TITLE in found.text


def test_pdf_text_layer_is_extracted_and_reflowed(tmp_path):
    path = write_pdf(tmp_path / "doc.pdf", [
        ["河南省人民政府办公厅关于促进产业集聚区", "和开发区改革创新发展的实施意见", "一、总体要求",
         "产业集聚区和开发区是我省推动工业化、城镇化快", "速发展和对外开放的重要平台。"],
        ["（一）指导思想。全面贯彻党的十九大精神。", "2"],
    ], title="实施意见")
    found = read_path(path)
    assert found.format == "pdf" and found.title == "实施意见"
    assert "产业集聚区和开发区是我省推动工业化、城镇化快速发展和对外开放的重要平台。" in found.text.splitlines()
    assert "一、总体要求" in found.text.splitlines()
    assert "（一）指导思想。全面贯彻党的十九大精神。" in found.text.splitlines()


def test_a_pdf_notices_masthead_number_and_addressees_stand_alone(tmp_path):
    # Joined into one paragraph with the title, they left the title 南京市人民政府文件 and no document number.
    from index.library.metadata import guess_metadata

    path = write_pdf(tmp_path / "notice.pdf", [[
        "南京市人民政府文件", "宁政发〔2022〕88号", "南京市人民政府关于加快推进全市开发区", "高质量发展的实施意见",
        "各区人民政府，市府各委办局，市各直属单位：", "现将有关意见通知如下。", "一、总体要求",
        "（一）指导思想。推动开发区高质量发展。"]])
    paragraphs = read_path(path).text.split("\n\n")
    assert paragraphs[:4] == ["南京市人民政府文件", "宁政发〔2022〕88号", "南京市人民政府关于加快推进全市开发区高质量发展的实施意见",
                              "各区人民政府，市府各委办局，市各直属单位："]
    guess = guess_metadata("\n\n".join(paragraphs))
    assert guess["title"] == "南京市人民政府关于加快推进全市开发区高质量发展的实施意见"
    assert guess["doc_number"] == "宁政发〔2022〕88号"


def test_a_pdfs_running_header_is_not_the_documents_text(tmp_path):
    # 浙江省人民政府公报　2021年第27期 at the top of every page became a 款 of 第三条, and took its items.
    header = "浙江省人民政府公报　2021年第27期"
    path = write_pdf(tmp_path / "gazette.pdf", [
        [header, "第一章　总则", "第一条　为了规范开发区管理，制定本办法。", "— 1 —"],
        [header.replace("27", "28"), "第二条　本办法适用于本省行政区域内的开发区。", "— 2 —"],
        [header, "第三条　开发区应当坚持高质量发展。", "（一）创新驱动；", "— 3 —"],
    ])
    lines = read_path(path).text.splitlines()
    assert not any("公报" in ln for ln in lines)
    assert [ln for ln in lines if ln] == ["第一章　总则", "第一条　为了规范开发区管理，制定本办法。",
                                          "第二条　本办法适用于本省行政区域内的开发区。", "第三条　开发区应当坚持高质量发展。",
                                          "（一）创新驱动；"]


def test_the_office_over_a_notice_and_under_it_is_kept_and_so_are_numbered_rows():
    # A 2-page notice lost its issuer (first line of page 1, signature at the foot of page 2), and list rows
    # differing only by their numbers were taken for a running line.
    from index.library.readers.pdf import without_running_lines

    page1 = ["浙江省人民政府办公厅", "关于推进开发区建设的通知", "各市人民政府：", "一、总体要求", "1　经济开发区　100"]
    page2 = ["二、保障措施", "6　经济开发区　600", "（此件公开发布）", "浙江省人民政府办公厅", "2021年3月5日"]
    assert without_running_lines([page1, page2]) == [[True] * 5, [True] * 5]


# -- bad input: each with its own error ------------------------------------------

def test_empty_file(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    with pytest.raises(E.EmptyFileError):
        read_path(tmp_path / "e.txt")
    (tmp_path / "w.txt").write_bytes(b" \r\n\t\n")
    with pytest.raises(E.EmptyFileError):
        read_path(tmp_path / "w.txt")


def test_binary_renamed_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + os.urandom(3000)
    (tmp_path / "image.txt").write_bytes(png)
    with pytest.raises(E.BinaryFileError):
        read_path(tmp_path / "image.txt")
    (tmp_path / "random.txt").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(E.BinaryFileError):
        read_path(tmp_path / "random.txt")


def test_undecodable_bytes(tmp_path):
    data = TEXT.encode("utf-8")
    (tmp_path / "broken.txt").write_bytes(data[:31] + b"\xff\xfe\x80" + data[31:])
    with pytest.raises(E.UndecodableError) as info:
        read_path(tmp_path / "broken.txt")
    assert "GB18030" in str(info.value)


def test_corrupt_docx(tmp_path):
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04" + b"not really a zip" * 50)
    with pytest.raises(E.CorruptFileError):
        read_path(tmp_path / "c.docx")
    # a real docx cut in half
    whole = write_docx(tmp_path / "whole.docx", TITLE, [("p", "正文")]).read_bytes()
    (tmp_path / "half.docx").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(E.CorruptFileError):
        read_path(tmp_path / "half.docx")


def _xls(path):
    path.write_bytes(b"whatever")
    return path


@pytest.mark.parametrize("make, name, error", [
    (write_encrypted_docx, "secret.docx", E.PasswordProtectedError),
    (lambda path: write_zip_bomb(path, megabytes=20), "bomb.docx", E.ZipBombError),
    (_xls, "x.xls", E.UnsupportedFormatError),
    (write_nav_html, "nav.html", E.NoContentError),
], ids=["password", "zip_bomb", "unsupported", "navigation_only"])
def test_refused_files(tmp_path, make, name, error):
    with pytest.raises(error):
        read_path(make(tmp_path / name))


def test_size_limit(tmp_path):
    path = write_txt(tmp_path / "big.txt", TEXT * 200)
    assert read_path(path, max_bytes=10 * 1024 * 1024).text
    with pytest.raises(E.TooLargeError) as info:
        read_path(path, max_bytes=10_000)
    assert "limit" in str(info.value)


def test_missing_and_unreadable_paths(tmp_path):
    with pytest.raises(E.UnreadableFileError):
        read_path(tmp_path / "nope.txt")
    locked = write_txt(tmp_path / "locked.txt", TEXT)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(E.UnreadableFileError):
            read_path(locked)
    finally:
        locked.chmod(0o644)


def _pdf_with_cmap(path, text: bytes, cmap: str):
    """A one-page PDF whose text ``text`` is in a CID font with the predefined CMap ``cmap`` and no ToUnicode map."""
    content = b"BT /F1 12 Tf 72 700 Td <" + text.hex().encode() + b"> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /MingLiU /Encoding /" + cmap.encode() + b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MingLiU /CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1)"
        b" /Supplement 0 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /MingLiU /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880"
        b" /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    path.write_bytes(out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return path


@pytest.mark.parametrize("cmap, codec", [
    ("ETen-B5-H", "eten"),  # 二ま二一年ヾ: Python's cp950 for ETen's 〇 and ①
    ("HKscs-B5-H", "big5hkscs"),  # unknown to pypdf, read as UTF-16: Hangul
    ("B5pc-H", "cp950"),
    ("UniCNS-UTF8-H", "utf-8"),
])
def test_a_big5_or_utf8_pdf_font_without_a_unicode_map_reads_as_written(tmp_path, cmap, codec):
    text = "廣東省開發區管理辦法二〇二一年①招商引資與產業升級並重，3～5年內"
    if codec == "eten":  # cp950's bytes (its ～ is FF5E), ETen's 〇 and ① (C6E2, C6A1)
        data = b"".join(ch.encode("big5hkscs" if ch in "〇①" else "cp950") for ch in text)
    else:
        text = {"cp950": text.replace("〇", "零").replace("①", ""), "big5hkscs": text.replace("～", "∼")}.get(codec, text)
        data = text.encode(codec)
    assert read_path(_pdf_with_cmap(tmp_path / "doc.pdf", data, cmap)).text == text


def test_a_traditional_pdfs_article_is_not_joined_to_the_heading_over_it():
    # 第五條 (and 第一節) did not start a paragraph as 第五条 does: a long chapter heading took the article in.
    from index.library.readers.pdf import reflow

    lines = ["第二章　開發區的規劃建設與土地管理", "第一節　規劃建設與土地管理的總體要求", "第五條　開發區規劃應當符合國土空間規劃。"]
    assert reflow(lines) == lines
    assert reflow([*lines, "第 2 頁"]) == lines  # a page's footer (第 2 页 was one, 第 2 頁 was text)


def test_pdf_without_text_layer(tmp_path):
    with pytest.raises(E.NoTextLayerError) as info:
        read_path(write_scanned_pdf(tmp_path / "scan.pdf"))
    assert "text layer" in str(info.value)


def test_corrupt_pdf(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\n" + b"garbage" * 100)
    with pytest.raises((E.CorruptFileError, E.NoTextLayerError)):
        read_path(tmp_path / "bad.pdf")


@pytest.mark.parametrize("saved_by, encoding, declared", [
    ("chrome", "utf-8", True),  # Chrome and Edge: .mhtml, quoted-printable, the page says its charset
    ("ie", "gbk", True),        # Internet Explorer: .mht, base64, charset on the part and in the page
    ("ie", "gbk", False),       # … on the part only
])
def test_a_page_saved_as_one_file_reads_as_the_page(tmp_path, saved_by, encoding, declared):
    from bench.gen_import_folder import write_mhtml

    page = write_html(tmp_path / "page.html", TITLE, TEXT.split("\n\n")[1:], encoding=encoding).read_bytes()
    if not declared:
        page = page.replace(f'<meta charset="{encoding}">'.encode(), b"")
    path = write_mhtml(tmp_path / f"政策.{'mhtml' if saved_by == 'chrome' else 'mht'}", page, saved_by,
                       charset=encoding)
    found = read_path(path)
    assert found.format == "mhtml"
    assert found.text == read_path(tmp_path / "page.html").text if declared else found.text.startswith(f"# {TITLE}")
    assert "产业集聚区和开发区是我省推动工业化" in found.text and "版权所有" not in found.text and "color" not in found.text


@pytest.mark.parametrize("data, words", [
    (b"From: x\r\nContent-Type: text/plain\r\n\r\n\xe5\xbc\x80\xe5\x8f\x91\xe5\x8c\xba", "not a saved web page"),
    (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n'
     b"\r\nxx\r\n--b--\r\n", "no text/html"),
])
def test_a_saved_page_without_a_page_is_refused_saying_so(tmp_path, data, words):
    (tmp_path / "x.mht").write_bytes(data)
    with pytest.raises(E.CorruptFileError, match=words):
        read_path(tmp_path / "x.mht")


def test_tidy_drops_noncharacters_and_lone_surrogates_and_keeps_every_character():
    """U+FFFE, U+FFFF (and the other noncharacters) and lone surrogates were kept: no character, and no XML
    either (a Word export of the document failed). A surrogate pair is the character it stands for."""
    from index.library.readers import tidy

    assert tidy("招商\ufffe方式\uffff\ufdd0\U0010fffe。\ud800") == "招商方式。"
    assert tidy("\ud83d\ude00招商") == "😀招商"
    real = "招商引資 😀 \U00020000 \ue000 \ufffd \ufdcf \ufdf0 ﬁ"
    assert tidy(real) == real


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_a_noncharacter_in_a_file_is_not_imported(tmp_path, name):
    body = "（一）创新招商\ufffe方式。推行产业链招商\uffff。"
    path = tmp_path / name
    if name.endswith(".html"):
        path.write_text(f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>{body}</p></body>"
                        "</html>", encoding="utf-8")
    else:
        path.write_text(f"{TITLE}\n\n{body}\n", encoding="utf-8")
    found = read_path(path)
    assert "创新招商方式。推行产业链招商。" in found.text and not any(ch in found.text for ch in "\ufffe\uffff")


def test_a_markdown_front_matter_date_that_is_no_date_is_read_as_the_library_reads_it(tmp_path):
    # issued: 2019-99-99 in an imported Markdown file was an internal error (ValueError from PyYAML's dates).
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: 开发区条例\nissued: 2019-99-99\n---\n\n第一条　为了促进开发区发展，制定本条例。\n",
                    encoding="utf-8")
    found = read_path(path)
    assert found.title == "开发区条例" and found.meta["issued"] == "2019-99-99"
    assert found.text.strip().startswith("第一条")


@pytest.mark.parametrize("charset, encoding", [
    ("utf-16", "utf-16"),           # Internet Explorer's "Unicode" save: it was refused as a binary file
    ('utf-8\\"><script>', "utf-8"),  # a charset no codec has: the page was swallowed by the text put before it
    ("x-nonsense", "utf-8"),
])
def test_a_saved_page_is_decoded_by_its_parts_charset_when_that_is_one(tmp_path, charset, encoding):
    import base64

    page = "<html><body><h1>标题</h1><p>第一条 这是一段足够长的正文内容，用于测试导入是否正常工作。</p></body></html>"
    data = (f'MIME-Version: 1.0\nContent-Type: text/html; charset="{charset}"\nContent-Transfer-Encoding: base64\n\n'
            ).encode() + base64.encodebytes(page.encode(encoding))
    (tmp_path / "page.mht").write_bytes(data)
    assert read_path(tmp_path / "page.mht").text == "# 标题\n\n第一条 这是一段足够长的正文内容，用于测试导入是否正常工作。"


def test_a_government_sites_table_of_facts_is_the_documents_metadata(tmp_path):
    # gov.cn states 发文机关, 发文字号, 成文日期 and 发布日期 in a table above the text, which the main-text
    # reading left out: the number was never found and the dates came from elsewhere.
    from index.library.readers.candidates import prepare_file

    page = ("<html><head><title>国务院办公厅关于进一步推动开发区整合提升的若干意见_国务院文件_中国政府网</title></head><body>"
            '<div class="overview"><table><tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td>'
            "<td>2023年02月27日</td></tr><tr><td><b>标　　题：</b></td><td>国务院办公厅关于进一步推动开发区整合提升的若干意见"
            "</td></tr><tr><td><b>发文字号：</b></td><td>国办发〔2023〕8号</td><td><b>发布日期：</b></td><td>2023-03-08</td>"
            '</tr></table></div><div class="TRS_Editor"><p>各省、自治区、直辖市人民政府：</p><p>开发区是推动我国工业化、'
            "城镇化快速发展和对外开放的重要平台，现提出以下意见。</p><p>一、优化开发区空间布局</p><p>（一）推进整合优化。"
            "整合区位相邻、产业相近的各类开发区。</p></div></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    found = read_path(tmp_path / "page.html")
    assert found.meta == {"issuer": "国务院办公厅", "issued": "2023-02-27", "title": "国务院办公厅关于进一步推动开发区整合提升的若干意见",
                          "doc_number": "国办发〔2023〕8号", "published": "2023-03-08"}
    meta = prepare_file(tmp_path / "page.html").meta
    assert (meta["doc_number"], meta["issuer"], meta["region"], meta["issued"]) == (
        "国办发〔2023〕8号", "国务院办公厅", "全国", "2023-02-27")


def test_a_traditional_government_sites_table_of_facts_is_the_documents_metadata(tmp_path):
    # The labels were matched in simplified script only: a traditional page's 發文機關, 發文字號, 成文日期 and 標題
    # gave no declared metadata (meta {}).
    page = ("<html><head><title>國務院辦公廳關於進一步推動開發區整合提升的若干意見</title></head><body>"
            '<div class="overview"><table><tr><td><b>發文機關：</b></td><td>國務院辦公廳</td><td><b>成文日期：</b></td>'
            "<td>2023年02月27日</td></tr><tr><td><b>標　　題：</b></td><td>國務院辦公廳關於進一步推動開發區整合提升的若干意見"
            "</td></tr><tr><td><b>發文字號：</b></td><td>國辦發〔2023〕8號</td><td><b>發布日期：</b></td><td>2023-03-08</td>"
            '</tr></table></div><div class="TRS_Editor"><p>各省、自治區、直轄市人民政府：</p><p>開發區是推動我國工業化、'
            "城鎮化快速發展和對外開放的重要平臺，現提出以下意見。</p><p>一、優化開發區空間佈局</p></div></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert read_path(tmp_path / "page.html").meta == {
        "issuer": "國務院辦公廳", "issued": "2023-02-27", "title": "國務院辦公廳關於進一步推動開發區整合提升的若干意見",
        "doc_number": "國辦發〔2023〕8號", "published": "2023-03-08"}


def _numbered_docx(path):
    """A .docx whose 一、 and （一） are Word's own multilevel numbering (not in the text), and a List Number list."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(  # noqa: SLF001
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    doc.add_paragraph("江苏省开发区高质量发展实施意见")
    numbered("总体要求", 0)
    numbered("指导思想。推动开发区高质量发展。", 1)
    numbered("发展目标。到2025年建成一批开发区。", 1)
    numbered("保障措施", 0)
    numbered("加强组织领导。各地要建立工作机制。", 1)
    for text in ("规模以上工业增加值占比达到80%以上；", "实际使用外资占比达到85%以上。"):
        doc.add_paragraph(text, style="List Number")
    doc.save(str(path))
    return path


def test_words_own_numbering_is_read_as_the_page_shows_it(tmp_path):
    # Word's automatic 一、 （一） 1. are not in a paragraph's text: an imported 意见 lost them, and with them
    # the structure the clause parser reads.
    from index.library.clauses import parse_clauses
    from index.library.readers.docx_numbering import format_number

    text = read_path(_numbered_docx(tmp_path / "numbered.docx")).text
    assert text.split("\n\n") == [
        "江苏省开发区高质量发展实施意见", "一、总体要求", "（一）指导思想。推动开发区高质量发展。",
        "（二）发展目标。到2025年建成一批开发区。", "二、保障措施", "（一）加强组织领导。各地要建立工作机制。",
        "1.规模以上工业增加值占比达到80%以上；", "2.实际使用外资占比达到85%以上。"]
    assert [c.label for c in parse_clauses("d", text) if c.label][:4] == ["一、", "（一）", "（二）", "二、"]
    assert [format_number(n, "chineseCounting") for n in (1, 10, 12, 20, 21, 100, 105)] == [
        "一", "十", "十二", "二十", "二十一", "一百", "一百零五"]
    assert format_number(3, "decimalEnclosedCircle") == "③" and format_number(4, "upperRoman") == "IV"
    assert format_number(10**9, "upperLetter") == format_number(10**9, "upperRoman") == "1000000000"  # hostile


def test_a_pdfs_title_repeated_as_every_pages_header_is_kept_on_its_first_page(tmp_path):
    # Word's header holding the title, printed to PDF: the title, first line of page 1, was taken for a running
    # header and dropped, and the document was titled by its first clause.
    from index.library.metadata import guess_metadata

    title = "开发区土地集约利用管理办法"
    path = write_pdf(tmp_path / "办法.pdf", [
        [title, "第一条　为了规范开发区土地管理，促进", "- 1 -"],
        [title, "节约集约用地，制定本办法。", "第二条　本办法适用于本省开发区。", "- 2 -"],
        [title, "第三条　开发区应当坚持高质量发展。", "- 3 -"],
    ])
    paragraphs = read_path(path).text.split("\n\n")
    assert paragraphs == [title, "第一条　为了规范开发区土地管理，促进节约集约用地，制定本办法。", "第二条　本办法适用于本省开发区。",
                          "第三条　开发区应当坚持高质量发展。"]
    assert guess_metadata("\n\n".join(paragraphs))["title"] == title
    # A header over the title on every page, page 1 too: the title once; a gazette's header: never.
    path = write_pdf(tmp_path / "公报.pdf", [
        [title, title, "第一条　为了规范开发区土地管理。", "- 1 -"],
        [title, "第二条　本办法适用于本省开发区。", "- 2 -"],
    ])
    assert read_path(path).text.split("\n\n")[:2] == [title, "第一条　为了规范开发区土地管理。"]
    gazette = "浙江省人民政府公报　2021年第27期"
    path = write_pdf(tmp_path / "公报2.pdf", [[gazette, title, "第一条　为了规范开发区土地管理。"],
                                               [gazette, "第二条　本办法适用于本省开发区。"]])
    assert gazette not in read_path(path).text


GOV_TABLE_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>省人民政府关于促进开发区高质量发展的若干意见--政策文件</title></head><body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/bsfw">办事服务</a></td></tr></table>
<table><tr><td>当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</td></tr></table>
<table><tr><td valign="top"><a href="/a">政策解读</a><br><a href="/b">规划计划</a><br><a href="/c">人事信息</a></td>
<td valign="top"><table>
<tr><td align="center"><b>省人民政府关于促进开发区高质量发展的若干意见</b></td></tr>
<tr><td align="center">发布时间：2021-03-05 10:20　来源：省政府办公厅　浏览次数：1234　字号：[ <a href="#">大</a>
 <a href="#">中</a> <a href="#">小</a> ]</td></tr>
<tr><td><p>各市、县人民政府，省政府各部门：</p><p>为促进开发区高质量发展，现提出如下意见。</p>
<p>一、优化开发区布局。各地要科学规划开发区空间布局，推动开发区整合提升。</p>
<p>二、强化要素保障。加强用地保障，盘活存量土地，提高亩均效益。</p>
<p>附件：<a href="/f/1.doc">开发区名录</a></p><p><a href="/f/2.pdf">2.开发区评价指标.pdf</a></p>
<p align="right">省人民政府</p><p align="right">2021年3月1日</p></td></tr>
<tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】　【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
<tr><td>上一篇：<a href="/x">关于开发区的通知</a><br>下一篇：<a href="/y">关于园区的办法</a></td></tr>
</table></td></tr></table>
<table><tr><td>主办：省人民政府办公厅　网站标识码：3300000001　浙ICP备05000001号</td></tr></table>
</body></html>"""


def test_a_government_page_laid_out_in_tables_reads_as_its_document(tmp_path):
    # No class names a menu or a footer: the site's menu, breadcrumb, column list, tools, previous/next links
    # and imprint were the document's text, and its column list (政策解读, 规划计划) its title.
    from index.library.metadata import guess_metadata

    path = tmp_path / "t20210305_1234.html"
    path.write_bytes(GOV_TABLE_PAGE.encode("gb2312"))
    found = read_path(path)
    assert found.text.split("\n\n") == [
        "省人民政府关于促进开发区高质量发展的若干意见", "发布时间：2021-03-05 10:20　来源：省政府办公厅",
        "各市、县人民政府，省政府各部门：", "为促进开发区高质量发展，现提出如下意见。",
        "一、优化开发区布局。各地要科学规划开发区空间布局，推动开发区整合提升。", "二、强化要素保障。加强用地保障，盘活存量土地，提高亩均效益。",
        "附件：开发区名录", "2.开发区评价指标.pdf", "省人民政府", "2021年3月1日"]
    guess = guess_metadata(found.text, found.title)
    assert guess["title"] == "省人民政府关于促进开发区高质量发展的若干意见"
    assert (guess["issued"], guess["published"]) == ("2021-03-01", "2021-03-05")


@pytest.mark.parametrize("text, encoding", [("開發區條例", "big5"), ("臺北市產業園區", "cp950"), ("开发区管理条例", "gbk")])
def test_a_short_chinese_text_without_a_line_break_is_not_read_as_utf16(tmp_path, text, encoding):
    # With no NUL byte (UTF-16 of any line break, space or digit has one), 開發區條例 in Big5 read as 뙽땯냏뇸꣒.
    path = tmp_path / "标题.txt"
    path.write_bytes(text.encode(encoding))
    assert read_path(path).text == text


@pytest.mark.parametrize("text, encoding", [
    ("开发区管理办法", "utf-16-le"),  # no NUL to tell the byte order by: read as _텓㩓ꅻٴ鹒핬 (big-endian)
    ("開發區條例", "utf-16-le"),  # read as 嫊|v@S漢婳 (GB18030)
    ("开发区", "gbk"),  # read as 羲楷⑹ (Big5)
    ("关于", "gbk"),  # read as 壽衾 (Big5)
    ("臺北市產業園區", "utf-16-be"),
    ("二〇二一年", "big5hkscs"),
])
def test_a_short_text_is_read_in_the_encoding_that_reads_as_chinese(tmp_path, text, encoding):
    # A title saved alone gives the detector a few bytes: of 929 titles, headings and clause beginnings (2–20
    # characters) of the bundled documents, 264 in GBK, 55 in Big5 and 190 in UTF-16LE without a byte-order mark
    # read wrong; 69, 14 and 28 now (those left hold one or two characters beyond ASCII: （一, (二)).
    path = tmp_path / "标题.txt"
    path.write_bytes(text.encode(encoding))
    assert read_path(path).text == text


def test_numbering_a_style_carries_is_read_at_the_level_the_list_links_to_the_style(tmp_path):
    # A template's Heading 2 names its list but no level; the list links its second level to the style
    # (w:lvl/w:pStyle). It was counted as the first level: （一）指导思想 read 二、指导思想, a section of its own.
    # A style based on a numbered style had no number at all.
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    from index.library.clauses import parse_clauses

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    doc.part.numbering_part.element.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%3."/></w:lvl></w:abstractNum>'))
    doc.part.numbering_part.element.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].element.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:numId w:val="91"/></w:numPr>'))
    base = doc.styles.add_style("条款基础", WD_STYLE_TYPE.PARAGRAPH)
    base.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="2"/><w:numId w:val="91"/></w:numPr>'))
    doc.styles.add_style("条款", WD_STYLE_TYPE.PARAGRAPH).base_style = base
    doc.add_paragraph("江苏省开发区高质量发展实施意见")
    for text, style in (("总体要求", "Heading 1"), ("指导思想。推动开发区高质量发展。", "Heading 2"),
                        ("坚持创新驱动。", "条款"), ("坚持开放合作。", "条款"), ("发展目标。到2025年建成一批开发区。", "Heading 2"),
                        ("保障措施", "Heading 1"), ("加强组织领导。", "Heading 2")):
        doc.add_paragraph(text, style=style)
    demoted = doc.add_paragraph("建立工作专班。", style="Heading 2")  # Tab in Word: the paragraph names its level only
    demoted._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="2"/></w:numPr>'))  # noqa: SLF001
    doc.save(str(tmp_path / "意见.docx"))
    text = read_path(tmp_path / "意见.docx").text
    assert text.split("\n\n")[1:] == [
        "# 一、总体要求", "## （一）指导思想。推动开发区高质量发展。", "1.坚持创新驱动。", "2.坚持开放合作。",
        "## （二）发展目标。到2025年建成一批开发区。", "# 二、保障措施", "## （一）加强组织领导。", "## 1.建立工作专班。"]
    assert [c.label for c in parse_clauses("d", text) if c.label][:3] == ["一、", "（一）", "1."]


def test_numbering_applied_through_a_list_style_is_read(tmp_path):
    # Word writes a list style's numbering as two lists: the one the paragraphs name has no levels, only
    # w:numStyleLink to the style; the other defines them and names the style by w:styleLink. Read from the
    # first, every 一、 and （一） was lost.
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="93"><w:numStyleLink w:val="ZWBH"/>'
                                  '</w:abstractNum>'))  # before the list it defers to, as Word may write it
    numbering.insert(1, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="92"><w:styleLink w:val="ZWBH"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    for num in (92, 93):
        numbering.append(parse_xml(f'<w:num {w} w:numId="{num}"><w:abstractNumId w:val="{num}"/></w:num>'))
    doc.styles.element.append(parse_xml(f'<w:style {w} w:type="numbering" w:styleId="ZWBH"><w:name w:val="正文编号"/>'
                                        '<w:pPr><w:numPr><w:numId w:val="92"/></w:numPr></w:pPr></w:style>'))
    doc.add_paragraph("江苏省开发区高质量发展实施意见")
    for text, level in (("总体要求", 0), ("指导思想。", 1), ("发展目标。", 1), ("保障措施", 0)):
        doc.add_paragraph(text)._p.get_or_add_pPr().append(parse_xml(  # noqa: SLF001
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="93"/></w:numPr>'))
    doc.save(str(tmp_path / "意见.docx"))
    assert read_path(tmp_path / "意见.docx").text.split("\n\n")[1:] == [
        "一、总体要求", "（一）指导思想。", "（二）发展目标。", "二、保障措施"]


def test_a_text_hard_wrapped_at_a_fixed_width_reads_as_its_paragraphs(tmp_path):
    # Copied out of a PDF (or saved at a fixed width), every line was a paragraph: 第一条 ended at 根据有关法 and
    # 律、行政法规… became its second 款; a search for 根据有关法律 found nothing. One paragraph a line is left alone.
    from index.library.clauses import parse_clauses

    paragraphs = ["开发区管理条例", "第一章　总则",
                  "第一条　为了规范开发区管理，促进开发区高质量发展，根据有关法律、行政法规，结合本省实际，制定本条例。",
                  "第二条　本条例适用于本省行政区域内开发区的规划、建设和管理。",
                  "第三条　开发区应当坚持创新驱动、开放合作、绿色发展、集约高效的原则。", "县级以上人民政府应当加强对开发区工作的领导。",
                  "第四条　开发区管理机构履行下列职责：", "（一）组织编制开发区发展规划；", "（二）负责开发区的招商引资、投资促进工作；"]
    wrapped = [p[i:i + 26] for p in paragraphs for i in range(0, len(p), 26)]
    (tmp_path / "条例.txt").write_bytes("\r\n".join(wrapped).encode("gbk"))
    (tmp_path / "原样.txt").write_bytes("\r\n".join(paragraphs).encode("gbk"))
    for name in ("条例.txt", "原样.txt"):
        text = read_path(tmp_path / name).text
        assert text.split("\n") == paragraphs, name
    first = next(c for c in parse_clauses("d", text) if c.label == "第一条")
    assert "根据有关法律、行政法规" in first.text


def test_a_pdf_whose_characters_are_spaced_out_reads_as_written(tmp_path):
    # Justified or character-positioned text (each glyph placed with a gap) was extracted as 开 发 区 管 理 办 法:
    # 第 一 条 was no article, the title ran into the first clause, and a search for 开发区 missed the document.
    from index.library.clauses import parse_clauses

    path = write_pdf(tmp_path / "办法.pdf", [
        ["开发区管理办法", "第一条　为了规范开发区管理，促进开发区高质量", "发展，制定本办法。", "第二条　本办法适用于本省。"],
        ["第三条　开发区应当坚持高质量发展，2021年起施行。"]], letter_gap=250)
    text = read_path(path).text
    assert text.split("\n\n") == ["开发区管理办法", "第一条　为了规范开发区管理，促进开发区高质量发展，制定本办法。",
                                  "第二条　本办法适用于本省。", "第三条　开发区应当坚持高质量发展，2021年起施行。"]
    assert [c.label for c in parse_clauses("d", text) if c.label] == ["第一条", "第二条", "第三条"]
