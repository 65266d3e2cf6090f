"""PDF files with a text layer, read with pypdf.

A scanned PDF (pages that are only images) has no text to extract and is
refused with a message saying so; ZoneRef does no OCR. PDF text comes as
visual lines, so lines are re-joined into paragraphs: a line continues the
previous one unless the previous ends a sentence or this one starts a new
numbered clause (第X条, 一、, （一） …).
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from index.base.text import is_cjk
from index.library.readers import Extracted
from index.library.readers.errors import CorruptFileError, NoTextLayerError, PasswordProtectedError

# Fewer meaningful characters than this per page on average: a scan.
MIN_CHARS_PER_PAGE = 10

_ENDS = tuple("。！？!?：:；;”」』）)")
CLAUSE_START = re.compile(r"^(?:第[零〇一二三四五六七八九十百千两\d]+[编章节条編節條]|[零〇一二三四五六七八九十百]+[、，,．.]|"
                     r"[（(][零〇一二三四五六七八九十百\d]+[)）]|\d{1,3}[、．.]|[①-⑳]|附件|#)")
PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*(?:/\s*\d+\s*)?[页頁]|^\d+\s*/\s*\d+$")


_NUMBER = re.compile(r"\d+")

# How pypdf reads the text of a CJK font without a ToUnicode map, by its predefined CMap, where its own table is
# wrong: the ETen Big5 CMaps by Python's cp950, whose rows C6A1-C8FE are kana, Cyrillic or nothing where ETen has
# ①-⑩, ⅰ-ⅹ, radicals, 〇 and then the kana (二〇二一年 came out as 二ま二一年, ① as ヾ); the Hong Kong and Mac
# Big5 and the UTF-8 CMaps it does not know, and reads as UTF-16 (Hangul: 開發區 as 뙽땯냏).
ETEN_CODEC = "zoneref_eten_big5"
PDF_CMAPS = {f"/{name}-{way}": codec for name, codec in (
    ("ETen-B5", ETEN_CODEC), ("ETenms-B5", ETEN_CODEC), ("HKscs-B5", "big5hkscs"), ("B5pc", "cp950"),
    ("UniCNS-UTF8", "utf-8"), ("UniGB-UTF8", "utf-8"),
) for way in "HV"}


def eten_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    """Big5 with the ETen extension: cp950, but rows C6A1-C8FE as Big5-HKSCS has them (ETen's layout)."""
    out, i, data = [], 0, bytes(data)
    while i < len(data):
        lead = data[i]
        if lead < 0x80:
            out.append(chr(lead))
            i += 1
            continue
        pair = data[i:i + 2]
        eten = 0xC7 <= lead <= 0xC8 or (lead == 0xC6 and len(pair) == 2 and pair[1] >= 0xA1)
        out.append(pair.decode("big5hkscs" if eten else "cp950", errors))
        i += 2
    return "".join(out), len(data)


def _eten_codec(name: str):
    import codecs

    if name != ETEN_CODEC:
        return None
    cp950 = codecs.lookup("cp950")
    return codecs.CodecInfo(name=ETEN_CODEC, encode=cp950.encode, decode=eten_decode)


def _teach_pypdf() -> None:
    """Put ``PDF_CMAPS`` into pypdf's table of predefined CMaps (a private one: left alone if it is gone)."""
    global _TAUGHT
    if _TAUGHT:
        return
    import codecs

    codecs.register(_eten_codec)
    _TAUGHT = True
    try:
        from pypdf import _cmap

        _cmap._predefined_cmap.update(PDF_CMAPS)
    except (ImportError, AttributeError):  # pragma: no cover - a pypdf without the table
        pass


_TAUGHT = False


def without_running_lines(pages: list[list[str]]) -> list[list[bool]]:
    """For each page's lines, whether to keep it. A line among the first two of its page on at least half the
    pages (two at least), numbers aside, is a running header (浙江省人民政府公报　2021年第27期); likewise among
    the last two, a running footer (第 3 页). A line at the top of one page and the foot of another (an office
    named over a notice and under it as its signature) is neither, nor is a numbered clause or list row."""
    def key(line: str) -> str:
        return _NUMBER.sub("#", re.sub(r"\s+", "", line))

    keep = [[True] * len(lines) for lines in pages]
    if len(pages) < 2:
        return keep
    for top, slots in ((True, lambda lines: range(min(2, len(lines)))),
                       (False, lambda lines: range(max(0, len(lines) - 2), len(lines)))):
        seen: dict[str, int] = {}
        for lines in pages:
            for k in {key(lines[i]) for i in slots(lines)}:
                seen[k] = seen.get(k, 0) + 1
        running = {k for k, n in seen.items() if k and n >= 2 and n >= len(pages) / 2}
        for page, (lines, flags) in enumerate(zip(pages, keep, strict=True)):
            for i in slots(lines):
                line = lines[i].strip()
                if key(line) in running and not CLAUSE_START.match(line) and not line[:1].isdigit() \
                        and not (top and page == 0 and _titled(i, lines)):
                    flags[i] = False
    return keep


# What a document's title ends with: the kind of document (办法, 实施意见, 通知 …), never a gazette's issue (第27期).
_KIND_END = re.compile(r"(?:法|办法|辦法|意见|意見|规定|規定|条例|條例|方案|通知|决定|決定|细则|細則|措施|规划|規劃|纲要|綱要|"
                       r"公告|通告|批复|批復|计划|計劃|规则|規則|章程|指引|目录|目錄|清单|清單|标准|標準|要点|要點)[》」]?$")


def _titled(i: int, page: list[str]) -> bool:
    """Whether line ``i`` of the first page is the document's title that every page repeats as its header
    (Word's header holding the title): the last line at its top saying it, if it ends as a title does."""
    same = [k for k in range(min(2, len(page))) if re.sub(r"\s+", "", page[k]) == re.sub(r"\s+", "", page[i])]
    return same[-1] == i and bool(_KIND_END.search(page[i].strip()))


_WIDE = "\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff00-\uffef"  # CJK, its punctuation, full-width forms
_BETWEEN_WIDE = re.compile(f"(?<=[{_WIDE}]) +(?=[{_WIDE}])")
_LETTER_GAP = re.compile(r"(?<=[^\s]) (?=[^\s])")


def despaced(line: str) -> str:
    """A line of text without the spaces the extractor put between its characters. A justified or
    character-positioned PDF (a 公文 set 两端对齐, a converter placing each glyph) is read as 开 发 区 管 理 办 法:
    its 第 一 条 was no article, its title ran into the first clause, and a search for 开发区 missed it. A line
    spaced out so (a space after most characters) loses its single spaces, keeping one where there were
    more; in any line, spaces between two Chinese characters or punctuation go (Chinese puts none there)."""
    chars = len(line) - line.count(" ")
    if line.count(" ") >= max(3, 0.6 * chars):
        line = _LETTER_GAP.sub("", line.replace("  ", "\0")).replace("\0", " ")
    line = _BETWEEN_WIDE.sub("", line)
    return re.sub(" *\u3000 *", "\u3000", line)


# Lines of a 公文's head that stand alone: the 红头 (南京市人民政府文件), the document number (宁政发〔2022〕88号),
# and the addressees (各区人民政府，市府各委办局：) that open the text. Joined, they hid the title and the number.
_MASTHEAD = re.compile(r"[\u4e00-\u9fff]{2,20}文件")
_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{1,14}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*[号號]")
_ADDRESSEES = re.compile(r"各.{1,120}[：:]")


def _alone(line: str) -> bool:
    return bool(_MASTHEAD.fullmatch(line) or _NUMBER_LINE.fullmatch(line))


def reflow(lines: list[str]) -> list[str]:
    """Join visual lines back into paragraphs."""
    paragraphs: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or PAGE_NUMBER.match(line):
            continue
        if paragraphs and not paragraphs[-1].endswith(_ENDS) and not CLAUSE_START.match(line) \
                and len(paragraphs[-1]) >= 12 and not _alone(line) and not _alone(paragraphs[-1]) \
                and not _ADDRESSEES.fullmatch(line):
            prev = paragraphs[-1]
            # Latin words keep their space; CJK lines join directly.
            sep = "" if (is_cjk(prev[-1]) or is_cjk(line[0]) or not prev[-1].isalnum()) else " "
            paragraphs[-1] = prev + sep + line
        else:
            paragraphs.append(line)
    return paragraphs


def read(path: Path, data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about sloppy PDFs are noise here
    _teach_pypdf()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password (print/copy
            # restrictions only); those open fine.
            try:
                if not reader.decrypt(""):
                    raise PasswordProtectedError(path, "the PDF is password-protected")
            except (FileNotDecryptedError, NotImplementedError, PdfReadError):
                raise PasswordProtectedError(path, "the PDF is password-protected") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        title = None
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title).strip() or None
    except (PasswordProtectedError, NoTextLayerError):
        raise
    except FileNotDecryptedError:
        raise PasswordProtectedError(path, "the PDF is password-protected") from None
    except Exception as exc:  # pypdf raises many types on damaged files
        raise CorruptFileError(path, f"the PDF is damaged or not a PDF ({exc.__class__.__name__}: {exc})") from None
    meaningful = sum(1 for text in pages for ch in text if is_cjk(ch) or ch.isalnum())
    if not pages or meaningful < MIN_CHARS_PER_PAGE * len(pages):
        raise NoTextLayerError(path, "the PDF has no text layer (a scanned image?); "
                                     "ZoneRef cannot read scans - use a PDF with text or OCR it first")
    per_page = [[despaced(ln) for ln in text.split("\n") if ln.strip()] for text in pages]
    keep = without_running_lines(per_page)
    lines = [ln for page, flags in zip(per_page, keep, strict=True) for ln, kept in zip(page, flags, strict=True)
             if kept]
    return Extracted(text="\n\n".join(reflow(lines)), format="pdf", title=title)
