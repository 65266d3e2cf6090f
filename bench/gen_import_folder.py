"""Real files of every importable format, and a folder of them for the import benchmark.

Usage::

    python bench/gen_import_folder.py OUT_DIR [--docs 3000] [--mb 50] [--seed 1]

The folder mixes formats the way an official's folder does (by default 55%
UTF-8 .txt, 15% GBK or Big5 .txt, 10% .docx, 10% .html, 5% .pdf, 5% .md).
Texts come from the Search helper's ``bench/gen_library.py`` (recombined
bundled sentences, a third in traditional script).

Each writer produces a genuine file the way an official's folder holds them:
a GBK or Big5 ``.txt``, a ``.docx`` saved by python-docx with heading styles
and a table, an HTML page with navigation around the content, and a PDF with a
real text layer.

The PDF is written by hand rather than by a PDF library: a Type0 font with
``Identity-H`` encoding and a ``ToUnicode`` CMap, which is exactly how
Chinese PDFs carry their text layer, needs no font file (the glyphs are
never drawn by the extractor) and no new dependency. reportlab would add a
dependency and an embedded CJK font; Qt's QPdfWriter would pull Qt into
engine tests.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path


def write_txt(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Text in ``encoding`` (``gbk``, ``big5``, ``utf-16``, ``utf-8-sig`` …), CRLF line ends."""
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def write_docx(path: Path, title: str, blocks: list[tuple[str, str]], table: list[list[str]] | None = None) -> Path:
    """A Word document: ``blocks`` are (style, text), style ``h1``/``h2``/``p``."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for style, text in blocks:
        if style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.save(str(path))
    return path


def write_html(path: Path, title: str, paragraphs: list[str], encoding: str = "utf-8") -> Path:
    """A government-site page: header menu, breadcrumb, content, footer, scripts."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>{title}_政府信息公开</title>
<style>.nav {{ color: red }}</style><script>var menu = "首页 新闻 政务公开";</script></head>
<body>
<header><ul><li><a href="/">首页</a></li><li><a href="/xw">新闻中心</a></li><li><a href="/zw">政务公开</a></li></ul></header>
<nav class="nav"><a href="/">网站首页</a> &gt; <a href="/zc">政策文件</a> &gt; 正文</nav>
<div class="sidebar"><a href="/a">相关链接一</a><a href="/b">相关链接二</a>热点专题推荐</div>
<div class="TRS_Editor"><h1>{title}</h1>
{body}
</div>
<div class="share">分享到：微信 微博</div>
<footer>主办单位：人民政府办公厅 版权所有 网站标识码 备案号</footer>
<script>console.log("统计代码")</script>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path


def write_mhtml(path: Path, page: bytes, saved_by: str = "chrome", charset: str | None = None) -> Path:
    """``page`` (a saved page's HTML bytes) as a browser saves it in one file, with a stylesheet and a picture:
    ``chrome`` (.mhtml: quoted-printable, the root named by no ``start``, no charset on the part) or ``ie``
    (.mht: base64, the part's ``charset``)."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--5YJZfUqjpTK1aUw8mGtvtbO7K3VJX0vQRMwsu5lROr----" if saved_by == "chrome" \
        else "----=_NextPart_000_0000_01D2B1E4.8F0E7A30"
    head = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.gov.cn/zhengce/content/2017.htm\r\n"
            if saved_by == "chrome" else "From: <Saved by Windows Internet Explorer 8>\r\n")
    head += ("Subject: =?utf-8?Q?=E6=94=BF=E7=AD=96=E6=96=87=E4=BB=B6?=\r\nDate: Sun, 6 Dec 2026 02:20:00 -0000\r\n"
             f'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
             "\r\n" + ("" if saved_by == "chrome" else "This is a multi-part message in MIME format.\r\n") + "\r\n")
    if saved_by == "chrome":
        html_part = (b"Content-Type: text/html\r\nContent-ID: <frame-8C1D2A@mhtml.blink>\r\n"
                     b"Content-Transfer-Encoding: quoted-printable\r\n"
                     b"Content-Location: https://www.gov.cn/zhengce/content/2017.htm\r\n\r\n") + \
            quopri.encodestring(page).replace(b"\n", b"\r\n")
    else:
        html_part = (f'Content-Type: text/html;\r\n\tcharset="{charset or "gb2312"}"\r\n'
                     "Content-Transfer-Encoding: base64\r\nContent-Location: http://www.gov.cn/2017.htm\r\n\r\n"
                     ).encode() + base64.encodebytes(page).replace(b"\n", b"\r\n")
    css = b"Content-Type: text/css\r\nContent-Location: https://www.gov.cn/css/main.css\r\n\r\n.nav { color: red }\r\n"
    png = (b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
           b"Content-Location: https://www.gov.cn/images/logo.png\r\n\r\n"
           + base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64)).replace(b"\n", b"\r\n"))
    sep = f"\r\n--{boundary}\r\n".encode()
    data = head.encode() + f"--{boundary}\r\n".encode() + html_part + sep + css + sep + png + \
        f"\r\n--{boundary}--\r\n".encode()
    path.write_bytes(data)
    return path


def write_nav_html(path: Path) -> Path:
    """A page that is only navigation: menus, links and scripts."""
    links = "".join(f'<li><a href="/p{i}">政策文件栏目第{i}项链接</a></li>' for i in range(30))
    path.write_text(f"""<html><head><title>政策文件</title><script>var x = "开发区政策文件";</script></head>
<body><nav><ul>{links}</ul></nav><div class="menu"><a href="/">首页</a><a href="/x">信息公开</a></div>
<footer>版权所有 人民政府办公厅</footer></body></html>""", encoding="utf-8")
    return path


def _pdf_string(text: str) -> str:
    return "<" + "".join(f"{ord(ch):04X}" for ch in text) + ">"


def write_pdf(path: Path, pages: list[list[str]], title: str | None = None, letter_gap: int = 0) -> Path:
    """A PDF whose pages hold the given lines as a real (CID, ToUnicode) text layer.

    Only BMP characters; each glyph id is the character's code point, which
    the ToUnicode CMap maps back. ``letter_gap``: a gap (thousandths of the font
    size) after each character, as justified or character-positioned text has.
    """
    chars = sorted({ch for page in pages for line in page for ch in line})
    cmap_lines = [f"<{ord(ch):04X}> <{ord(ch):04X}>" for ch in chars]
    chunks = [cmap_lines[i:i + 100] for i in range(0, len(cmap_lines), 100)]
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
            + "endcmap CMapName currentdict /CMap defineresource pop end end\n")
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled below
    pages_obj = add("")
    tounicode = add(f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream")
    cidfont = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  "/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 "
                  "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
                  "/CapHeight 700 /StemV 80 >> /DW 1000 /CIDToGIDMap /Identity >>")
    font = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               f"/DescendantFonts [{cidfont} 0 R] /ToUnicode {tounicode} 0 R >>")
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "50 790 Td"]
        for line in lines:
            if letter_gap:
                ops.append("[" + f" -{letter_gap} ".join(_pdf_string(ch) for ch in line) + "] TJ T*")
            else:
                ops.append(f"{_pdf_string(line)} Tj T*")
        ops.append("ET")
        stream = "\n".join(ops)
        content = add(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode("latin-1")
    objects[pages_obj - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                              f"/Count {len(kids)} >>").encode("latin-1")
    info = add(f"<< /Title <FEFF{_pdf_string(title)[1:]} >>" if title else "<< >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of pages with no text (what a scan looks like to an extractor)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A .docx-looking zip whose document.xml expands to ``megabytes`` MB of zeros."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(block)
    return path


def write_encrypted_docx(path: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE compound file.

    A minimal OLE header followed by the directory names Word uses; enough for
    any reader that checks the container, which is all an importer should do.
    """
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\0")
                     for name in ("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    path.write_bytes(header + names + bytes(range(256)) * 16)
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


_BAD_POLICY = ("河北省人民政府关于开发区的意见\n\n一、总体要求\n\n（一）推动开发区高质量发展。\n\n"
               "河北省人民政府\n2019年5月6日\n")

# One maker per bad input the issue names: (code the importer must report, writer).
# "too_large" is 150 KB of real text: refused only under a smaller limit (``BAD_INPUT_LIMIT``).
BAD_INPUTS = {
    "empty": ("empty", lambda d: _write_bytes(d / "empty.txt", b"")),
    "binary": ("binary", lambda d: _write_bytes(d / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)),
    "undecodable": ("undecodable", lambda d: _write_bytes(
        d / "bad.txt", "开发区".encode() * 20 + b"\xff\xfe\x80" + "开发区".encode())),
    "corrupt_docx": ("corrupt", lambda d: _write_bytes(d / "bad.docx", b"PK\x03\x04 broken archive" * 20)),
    "password_docx": ("password", lambda d: write_encrypted_docx(d / "secret.docx")),
    "zip_bomb": ("zip_bomb", lambda d: write_zip_bomb(d / "bomb.docx", megabytes=20)),
    "too_large": ("too_large", lambda d: write_txt(d / "big.txt", _BAD_POLICY * 1000)),
    "missing": ("unreadable", lambda d: d / "missing.txt"),
    "unreadable": ("unreadable", lambda d: _unreadable(d / "locked.txt")),
    "nav_html": ("no_content", lambda d: write_nav_html(d / "nav.html")),
    "scanned_pdf": ("no_text_layer", lambda d: write_scanned_pdf(d / "scan.pdf")),
}
BAD_INPUT_LIMIT = 64 * 1024


def _unreadable(path: Path) -> Path:
    """A file that cannot be read: mode 000, or (root reads anything) a named pipe, which is no file."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.mkfifo(path)
    else:
        write_txt(path, _BAD_POLICY).chmod(0)
    return path


def write_bad_input(kind: str, folder: Path) -> tuple[Path, str]:
    """Write the bad input ``kind`` (a key of ``BAD_INPUTS``) in ``folder``: (path, expected error code)."""
    code, make = BAD_INPUTS[kind]
    return make(folder), code


# (format, share) of the generated folder.
MIX = [("txt", 0.55), ("txt-legacy", 0.15), ("docx", 0.10), ("html", 0.10), ("pdf", 0.05), ("md", 0.05)]


def _convert(path: Path, kind: str, rng: random.Random) -> Path:
    """Rewrite a generated ``.txt`` (title line, blank, body) as ``kind``."""
    text = path.read_text(encoding="utf-8")
    title, _, body = text.partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    if kind == "txt":
        return path
    path.unlink()
    stem = path.with_suffix("")
    if kind == "txt-legacy":
        from index.base.text import detect_script

        encoding = "big5" if detect_script(text) == "繁体" else "gbk"
        try:
            return write_txt(stem.with_suffix(".txt"), text, encoding)
        except UnicodeEncodeError:  # a character outside Big5/GBK: real files would be GB18030
            return write_txt(stem.with_suffix(".txt"), text, "gb18030")
    if kind == "docx":
        return write_docx(stem.with_suffix(".docx"), title,
                          [("h1" if len(p) < 20 else "p", p) for p in paragraphs])
    if kind == "html":
        return write_html(stem.with_suffix(".html"), title, paragraphs)
    if kind == "md":
        out = stem.with_suffix(".md")
        out.write_text(f"# {title}\n\n" + "\n\n".join(
            f"## {p}" if len(p) < 20 else p for p in paragraphs) + "\n", encoding="utf-8")
        return out
    if kind == "pdf":
        lines: list[str] = [title]
        for p in paragraphs:
            lines.extend(p[i:i + 38] for i in range(0, len(p), 38))  # a page is 38 characters wide
        pages = [lines[i:i + 50] for i in range(0, len(lines), 50)]
        return write_pdf(stem.with_suffix(".pdf"), pages)
    raise ValueError(kind)


def generate_folder(out_dir: Path, docs: int = 3000, mb: float = 50.0, seed: int = 1) -> list[Path]:
    """Write a mixed-format folder of ``docs`` policy documents (about ``mb`` MB of text)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.gen_library import generate

    rng = random.Random(seed)
    written = []
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    for path in generate(out_dir, docs=docs, mb=mb, seed=seed, fmt="txt"):
        written.append(_convert(path, rng.choices(kinds, weights)[0], rng))
    return written


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.gen_library import generator_main

    return generator_main(generate_folder, "write a mixed-format folder for the import benchmark", docs=3000, mb=50.0,
                          argv=argv)


if __name__ == "__main__":
    raise SystemExit(main())
