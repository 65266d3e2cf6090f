"""Word's automatic numbering in a .doc, as the page shows it: 一、 （一） 1. before the paragraphs Word numbers.

As in a .docx (``docx_numbering``), a numbered paragraph's text holds no number: an imported .doc 意见 whose
一、 and （一） were Word's lost them, and the clause parser found no structure (every clause in 前言). Here the
paragraph's list (``sprmPIlfo``, ``sprmPIlvl``: in its own properties or its style's) names a list override
(LFO) and through it a list (LST) whose levels (LVL) give the start, the number format and the text (``%1、``
as the characters 0-8 standing for each level's number). Counting follows Word: a list counts its levels in
document order, a level restarts after a higher one, an override's start restarts its list.

[MS-DOC]: paragraph properties in the FKPs the ``PlcBtePapx`` lists (2.8.6, 2.9.176), the stylesheet (2.9.271),
``PlfLst`` and its LVLs (2.8.23, 2.9.150), ``PlfLfo`` (2.8.22, 2.9.131).
"""

from __future__ import annotations

import bisect
import struct

from index.library.readers.docx_numbering import format_number

PAIR_STYLES, PAIR_PAPX, PAIR_LISTS, PAIR_OVERRIDES = 1, 13, 73, 74
_SPRM_ILFO, _SPRM_ILVL = 0x460B, 0x260A
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_PAGE = 512
# MsoNfc -> the .docx name ``format_number`` knows; a code not here is decimal, a bullet or none no number.
_NFC = {1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 10: "ideographDigital",
        11: "japaneseCounting", 18: "decimalEnclosedCircle", 22: "decimalZero", 28: "decimalEnclosedCircleChinese",
        30: "ideographTraditional", 33: "taiwaneseCounting", 35: "taiwaneseCountingThousand", 37: "chineseCounting",
        38: "chineseLegalSimplified", 39: "chineseCountingThousand"}
_NO_NUMBER = (23, 0xFF)  # bullet, none


def _sprms(grpprl: bytes):
    """(sprm, operand) of each property in ``grpprl``."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == 0xD608 and at + 2 <= len(grpprl):  # sprmTDefTable: a two-byte size
                size, at = struct.unpack_from("<H", grpprl, at)[0] - 1, at + 2
            else:
                size, at = (grpprl[at] if at < len(grpprl) else 0), at + 1
        else:
            size = _OPERAND_SIZE[spra]
        yield sprm, grpprl[at:at + size]
        at += size


def _list_of(grpprl: bytes) -> tuple[int | None, int | None]:
    """(ilfo, ilvl) that properties ``grpprl`` set, each None if they set none."""
    ilfo = ilvl = None
    for sprm, operand in _sprms(grpprl):
        if sprm == _SPRM_ILFO and len(operand) == 2:
            ilfo = struct.unpack("<h", operand)[0]
        elif sprm == _SPRM_ILVL and operand:
            ilvl = operand[0]
    return ilfo, ilvl


def _paragraph_runs(word: bytes, table: bytes, fc: int, lcb: int) -> list[tuple[int, int, int, bytes]]:
    """(first FC, end FC, style, properties) of every run of paragraph properties, in stream order."""
    plc = table[fc:fc + lcb]
    n = (len(plc) - 4) // 8
    runs = []
    for i in range(max(n, 0)):
        pn = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * i)[0] & 0x3FFFFF
        page = word[pn * _PAGE:(pn + 1) * _PAGE]
        count = page[-1] if len(page) == _PAGE else 0
        if not count or 4 * (count + 1) + 13 * count > _PAGE - 1:
            continue
        fcs = struct.unpack_from(f"<{count + 1}I", page, 0)
        for k in range(count):
            at = page[4 * (count + 1) + 13 * k] * 2
            if not at:
                continue
            size = page[at] * 2 - 1 if page[at] else page[at + 1] * 2 if at + 1 < _PAGE else 0
            body = page[at + 1:at + 1 + size] if page[at] else page[at + 2:at + 2 + size]
            if len(body) >= 2:
                runs.append((fcs[k], fcs[k + 1], struct.unpack_from("<H", body)[0], body[2:]))
    return sorted(runs)


def _style_lists(table: bytes, fc: int, lcb: int) -> dict[int, tuple[int | None, int | None]]:
    """Each paragraph style's (ilfo, ilvl), its own or those of the styles it is based on."""
    sheet = table[fc:fc + lcb]
    if len(sheet) < 6:
        return {}
    header = struct.unpack_from("<H", sheet)[0]
    count, base_size = struct.unpack_from("<HH", sheet, 2)
    at = 2 + header
    own: dict[int, tuple[int | None, int | None]] = {}
    based: dict[int, int] = {}
    for istd in range(count):
        if at + 2 > len(sheet):
            break
        size = struct.unpack_from("<H", sheet, at)[0]
        std = sheet[at + 2:at + 2 + size]
        at += 2 + size
        if size < 10:
            continue
        kind_base, upxs = struct.unpack_from("<HH", std, 2)
        if kind_base & 0xF != 1:  # a paragraph style holds paragraph properties first
            continue
        based[istd] = kind_base >> 4
        name_at = base_size
        if name_at + 2 > len(std):
            continue
        name_at += 2 + 2 * struct.unpack_from("<H", std, name_at)[0] + 2  # the name, then its closing NUL
        if upxs & 0xF and name_at + 2 <= len(std):
            upx_size = struct.unpack_from("<H", std, name_at)[0]
            own[istd] = _list_of(std[name_at + 4:name_at + 2 + upx_size])  # after the UPX's istd
    found = {}
    for istd in based:
        ilfo = ilvl = None
        seen, style = set(), istd
        while style in based and style not in seen and (ilfo is None or ilvl is None):
            seen.add(style)
            own_lfo, own_lvl = own.get(style, (None, None))
            ilfo = own_lfo if ilfo is None else ilfo
            ilvl = own_lvl if ilvl is None else ilvl
            style = based[style]
        found[istd] = (ilfo, ilvl)
    return found


def _level(data: bytes, at: int) -> tuple[tuple[int, int, str], int]:
    """The LVL at ``at``: ((start, nfc, text), where the next begins)."""
    start, nfc = struct.unpack_from("<iB", data, at)
    chpx, papx = data[at + 24], data[at + 25]
    at += 28 + papx + chpx
    length = struct.unpack_from("<H", data, at)[0]
    text = data[at + 2:at + 2 + 2 * length].decode("utf-16-le", errors="replace")
    return (start, nfc, text), at + 2 + 2 * length


class Lists:
    """The lists of one .doc, and the numbers given so far (``label``: call once per paragraph, in order)."""

    def __init__(self, word: bytes, table: bytes, pair):
        self.runs: list[tuple[int, int, int, bytes]] = []
        self.styles: dict[int, tuple[int | None, int | None]] = {}
        self.levels: dict[int, list[tuple[int, int, str]]] = {}  # lsid -> levels
        self.overrides: list[tuple[int, dict[int, int]]] = []  # per LFO: (lsid, ilvl -> start)
        self.counts: dict[int, dict[int, int]] = {}
        self.restarted: set[int] = set()
        try:
            self.runs = _paragraph_runs(word, table, *pair(PAIR_PAPX))
            self.styles = _style_lists(table, *pair(PAIR_STYLES))
            self._read(table, pair)
        except (struct.error, IndexError, ValueError):  # damaged tables: no numbers, the text is still read
            self.runs, self.levels, self.overrides = [], {}, []
        self.starts = [run[0] for run in self.runs]

    def _read(self, table: bytes, pair) -> None:
        fc, lcb = pair(PAIR_LISTS)
        if lcb >= 2:
            count = struct.unpack_from("<h", table, fc)[0]
            lists = [struct.unpack_from("<i", table, fc + 2 + 28 * i)[0] for i in range(max(count, 0))]
            simple = [table[fc + 2 + 28 * i + 26] & 1 for i in range(max(count, 0))]
            at = fc + lcb  # the LVLs follow the PlfLst, nine a list (one if simple)
            for lsid, one in zip(lists, simple, strict=True):
                levels = []
                for _ in range(1 if one else 9):
                    found, at = _level(table, at)
                    levels.append(found)
                self.levels[lsid] = levels
        fc, lcb = pair(PAIR_OVERRIDES)
        if lcb >= 4:
            count = struct.unpack_from("<i", table, fc)[0]
            at = fc + 4 + 16 * max(count, 0)
            for i in range(max(count, 0)):
                lsid = struct.unpack_from("<i", table, fc + 4 + 16 * i)[0]
                levels = table[fc + 4 + 16 * i + 12]
                starts = {}
                at += 4  # the LFOData's CP
                for _ in range(levels):
                    start, bits = struct.unpack_from("<iI", table, at)
                    at += 8
                    if bits & 0x10:  # fStartAt
                        starts[bits & 0xF] = start
                    if bits & 0x20:  # fFormatting: a whole level follows
                        _, at = _level(table, at)
                self.overrides.append((lsid, starts))

    def label(self, mark_fc: int) -> str:
        """The number Word shows before the paragraph whose mark is at stream offset ``mark_fc`` ('' if none)."""
        at = bisect.bisect_right(self.starts, mark_fc) - 1
        if at < 0 or not self.runs[at][0] <= mark_fc < self.runs[at][1]:
            return ""
        _, _, style, props = self.runs[at]
        ilfo, ilvl = _list_of(props)
        styled = self.styles.get(style, (None, None))
        ilfo = styled[0] if ilfo is None else ilfo
        ilvl = (styled[1] if ilvl is None else ilvl) or 0
        if not ilfo or not 0 < ilfo <= len(self.overrides) or ilvl > 8:
            return ""
        lsid, starts = self.overrides[ilfo - 1]
        levels = self.levels.get(lsid, [])
        if ilvl >= len(levels) or levels[ilvl][1] in _NO_NUMBER:
            return ""
        counts = self.counts.setdefault(lsid, {})
        if ilfo not in self.restarted and starts:
            self.restarted.add(ilfo)  # an override's start: the list starts anew there
            for level in starts:
                counts.pop(level, None)
        counts[ilvl] = counts.get(ilvl, starts.get(ilvl, levels[ilvl][0]) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a level restarts after a higher one
        out = []
        for ch in levels[ilvl][2]:
            k = ord(ch)
            if k < 9 and k < len(levels):
                out.append(format_number(counts.get(k, starts.get(k, levels[k][0])), _NFC.get(levels[k][1], "decimal")))
            else:
                out.append(ch)
        return "".join(out)
