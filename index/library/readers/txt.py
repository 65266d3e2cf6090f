"""Plain text in any encoding Chinese documents come in.

The encoding is detected by ``charset-normalizer``, restricted to the
encodings Chinese policy files really use, so a binary or garbled file is
refused instead of decoded as some Western code page.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from index.library.readers import Extracted
from index.library.readers.errors import BinaryFileError, UndecodableError

# GB2312 ⊂ GBK ⊂ GB18030 and Big5 ⊂ Big5-HKSCS: the supersets decode all of them.
CANDIDATES = ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "gb18030", "big5hkscs", "big5", "ascii"]

# Python's ``big5`` (and ``cp950``) codec reads bytes C6A1-C7FC as kana and Cyrillic, where Big5-HKSCS, the ETEN
# extension and Big5-2003 (and browsers' "big5") have ①-⑩, ⑴-⑽, ⅰ-ⅹ, radicals, 〇, and the kana after them: the
# 〇 of a date (二〇二一年, C6E2) became ま. The two codecs agree on every other pair of bytes.
BIG5_NAMES = frozenset({"big5", "big5hkscs", "big5_hkscs", "big5-hkscs", "cp950", "big5-tw", "csbig5", "x-x-big5",
                        "ms950", "windows-950"})
_KANA_CYRILLIC = re.compile("[\u0400-\u04ff\u3040-\u30ff]")

_BOMS = (
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)

# Magic numbers of formats people rename by mistake: a clear "binary" verdict.
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
          b"\x7fELF", b"MZ", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode text bytes.

    Returns:
        (text, encoding name).

    Raises:
        BinaryFileError: the bytes are not text at all.
        UndecodableError: text in no supported encoding.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise UndecodableError(path, f"invalid {name} text after its byte-order mark") from None
    if data.startswith(_MAGIC):
        raise BinaryFileError(path, "this is a binary file (an image, archive, PDF or program), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Control bytes are valid UTF-8 too: b"\x00\x01\x02…" decodes. Text
        # has (almost) none; UTF-16 without a byte-order mark has NULs and
        # goes on to the detector.
        if "\x00" not in text[:8192] and _control_share(text) <= 0.01:
            return text, "utf_8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is not None and best.encoding.startswith("utf_16") and b"\x00" not in data:
        # UTF-16 without a byte-order mark and not one NUL byte: no line break, space or digit in it. A short
        # Big5 or GBK text is that, not Hangul (開發區條例 read as 뙽땯냏뇸꣒).
        best = from_bytes(data, cp_isolation=[c for c in CANDIDATES if not c.startswith("utf_16")]).best() or best
    short = _most_chinese(data, best)
    if short is not None and _control_share(short[0]) <= 0.01:
        return short
    if best is None:
        if _looks_binary(data):
            raise BinaryFileError(path, "this is a binary file, not text")
        raise UndecodableError(path, "the bytes are not valid text in UTF-8, UTF-16, GB18030/GBK or Big5")
    text, encoding = str(best), best.encoding
    if encoding in BIG5_NAMES:
        text, encoding = big5(data) or (text, encoding)
    if _control_share(text) > 0.01:
        raise BinaryFileError(path, "this is a binary file, not text")
    return text, encoding


# A short text gives the detector little to go by: 开发区管理办法 in UTF-16 with no byte-order mark (a title
# saved alone as "Unicode") read as _텓㩓ꅻٴ鹒핬 (taken for big-endian), 開發區條例 as 嫊|v@S漢婳, 开发区 in GBK as
# 羲楷⑹ (Big5) and 关于 as 壽衾. Up to this size, the reading that looks most like Chinese text wins.
SHORT_BYTES = 4096
PLAUSIBLE_SHARE = 0.9


def _most_chinese(data: bytes, best) -> tuple[str, str] | None:
    """(text, encoding) of a short ``data`` read in whichever candidate encoding (UTF-16 either way, GB18030,
    Big5) reads most like Chinese (``common_share`` ≥ ``PLAUSIBLE_SHARE`` and above the detector's reading);
    None where the detector's reading stands."""
    if len(data) > SHORT_BYTES:
        return None
    detected = common_share(str(best)) if best is not None else 0.0
    readings = []
    for name in ("utf_16_le", "utf_16_be", "gb18030"):
        if name.startswith("utf_16") and len(data) % 2:
            continue
        try:
            readings.append((data.decode(name), name))
        except UnicodeDecodeError:
            continue
    traditional = big5(data)
    if traditional is not None:
        readings.append(traditional)
    found = None
    for text, name in readings:
        share = common_share(text)
        if share >= PLAUSIBLE_SHARE and share > detected and (found is None or share > found[0]):
            found = (share, text, name)
    return None if found is None else (found[1], found[2])


def common_share(text: str) -> float:
    """The share of a text's characters beyond ASCII that Chinese text is mostly made of: the 3,755 hanzi of
    GB2312's first level, the 5,401 of Big5's common level, CJK and full-width punctuation (0.0 with fewer than
    two such characters: too little to tell)."""
    chars = [c for c in text if not c.isascii()]
    if len(chars) < 2:
        return 0.0
    return sum(1 for c in chars if _common(c)) / len(chars)


def _common(ch: str) -> bool:
    if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·":
        return True
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA440 <= int.from_bytes(ch.encode("big5"), "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def big5(data: bytes) -> tuple[str, str] | None:
    """Big5 bytes decoded as Big5-HKSCS or as Python's ``big5``, whichever reads as Chinese (fewer kana and
    Cyrillic letters, see ``BIG5_NAMES``; HKSCS when even): (text, encoding), or None if neither decodes."""
    found = []
    for name in ("big5hkscs", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        found.append((len(_KANA_CYRILLIC.findall(text)), len(found), text, name))
    return min(found)[2:] if found else None


def decode_declared(data: bytes, charset: str) -> str:
    """``data`` in the encoding a page declares (``<meta charset>``, a MIME part's charset); under a Big5 name,
    in the Big5 layout ``big5`` finds (its 〇 and ① kept).

    Raises:
        LookupError: no codec has that name. UnicodeDecodeError: the bytes are not in it.
    """
    if charset.strip().lower() in BIG5_NAMES:
        found = big5(data)
        if found is None:
            raise UnicodeDecodeError(charset, data, 0, len(data), "not Big5 text")
        return found[0]
    return data.decode(charset)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or _control_share(sample.decode("latin-1")) > 0.05


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _control_share(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROLS.findall(sample)) / len(sample)


def read(path: Path, data: bytes) -> Extracted:
    text, encoding = decode(path, data)
    return Extracted(text=unwrapped(text), format="txt", encoding=encoding)


def _width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def unwrapped(text: str) -> str:
    """``text`` with its hard line breaks undone, if it has them: text copied out of a PDF or saved by a program
    that breaks lines at a fixed width (every line as wide as the page, a clause going on over the next lines).
    Each such line was a paragraph of its own, a 款 of its article (根据有关法 | 律、行政法规), and a search over the
    break found nothing. A line is joined to the next when it is as wide as the file's lines go (within two
    characters) and ends no sentence, and the next starts no clause. A file of one paragraph a line is left
    alone: its lines are as long as their paragraphs, and its long ones end their sentences."""
    from index.library.readers.pdf import _ENDS, CLAUSE_START

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    widths = [_width(line.rstrip()) for line in lines]
    filled = sorted(w for w in widths if w)
    if len(filled) < 4:
        return text
    full = filled[int(len(filled) * 0.9)] - 4  # a wrapped line reaches the width, give or take 避头尾 and a space
    wrapped = [i for i, line in enumerate(lines[:-1]) if widths[i] >= max(full, 20)
               and not line.rstrip().endswith(_ENDS) and lines[i + 1].strip()]
    if len(wrapped) < max(2, 0.2 * len(filled)):
        return text
    out: list[str] = []
    joining = False
    wrapped_set = set(wrapped)
    for i, line in enumerate(lines):
        if joining and not CLAUSE_START.match(line.strip()):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
        joining = i in wrapped_set
    return "\n".join(out)
