"""What a .doc says about its characters beyond their text: tracked deletions, and the notes they refer to.

The piece table gives every character the document holds, a draft's tracked deletions among them (Word keeps
deleted text in the file and marks it in the character properties) and, after the main text, the footnotes'
and endnotes' own text. The main text was read with its deletions as if they stood (（已删除的句子）in the
clause) and without its notes (a definition in a footnote, 本意见所称"亩均效益"是指…, was lost). As the .docx
reader has them (``docx_text``, ``docx_notes``): a deleted character is left out; a note reference becomes a
marker where Word shows its number (〔注1〕) and the note's text follows its paragraph (注1：…), footnotes and
endnotes numbered together in the order they are referred to.

[MS-DOC]: the character properties are in the FKPs the ``PlcBteChpx`` lists (2.8.2, 2.9.44), a deletion is
``sprmCFRMarkDel`` (0x0800) set; notes are the ``PlcffndRef``/``PlcffndTxt`` pairs (2.8.17-19) and their
endnote twins.
"""

from __future__ import annotations

import bisect
import struct

# FibRgFcLcb97: the (fc, lcb) pairs read here, and FibRgLw97's character counts of the stories.
PAIR_FOOTNOTE_REF, PAIR_FOOTNOTE_TEXT, PAIR_CHPX = 2, 3, 12
PAIR_ENDNOTE_REF, PAIR_ENDNOTE_TEXT = 46, 47
_SPRM_DELETED = 0x0800
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6: the first byte says
_PAGE = 512


def _deleted_fcs(word: bytes, table: bytes, fc: int, lcb: int) -> list[tuple[int, int]]:
    """The stream offsets of the characters marked deleted: (first, after the last) per run."""
    plc = table[fc:fc + lcb]
    n = (len(plc) - 4) // 8
    out: list[tuple[int, int]] = []
    for i in range(max(n, 0)):
        pn = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * i)[0] & 0x3FFFFF
        page = word[pn * _PAGE:(pn + 1) * _PAGE]
        if len(page) < _PAGE:
            continue  # a damaged table: no page there
        runs = page[-1]
        if not runs or 5 * runs + 4 > _PAGE - 1:
            continue
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for k in range(runs):
            at = page[4 * (runs + 1) + k] * 2
            if at and _deleted(page[at + 1:at + 1 + page[at]]):
                out.append((fcs[k], fcs[k + 1]))
    return out


def _deleted(grpprl: bytes) -> bool:
    """Whether character properties ``grpprl`` set sprmCFRMarkDel (on, or the opposite of the style's: off)."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        if sprm == _SPRM_DELETED:
            return at < len(grpprl) and grpprl[at] in (1, 0x81)
        spra = sprm >> 13
        at += (grpprl[at] + 1 if at < len(grpprl) else 1) if spra == 6 else _OPERAND_SIZE[spra]
    return False


def deleted_cps(word: bytes, table: bytes, chpx: tuple[int, int], pieces) -> list[tuple[int, int]]:
    """The character positions (CPs) of every story marked deleted, as sorted, disjoint (first, end) ranges."""
    runs = sorted(_deleted_fcs(word, table, *chpx))
    found = []
    for start, end, offset, compressed in pieces:
        unit = 1 if compressed else 2
        top = offset + (end - start) * unit
        for first, after in runs[max(bisect.bisect_left(runs, (offset, -1)) - 1, 0):]:
            if first >= top:
                break
            a, b = max(first, offset), min(after, top)
            if a < b:
                found.append((start + (a - offset + unit - 1) // unit, start + (b - offset + unit - 1) // unit))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def is_deleted(deleted: list[tuple[int, int]], cp: int) -> bool:
    at = bisect.bisect_right(deleted, (cp, float("inf"))) - 1
    return at >= 0 and deleted[at][0] <= cp < deleted[at][1]


def edited(text: str, base: int, deleted: list[tuple[int, int]], changes=()) -> str:
    """``text`` (the characters from CP ``base`` on) without its deleted characters, with ``changes``
    ((first CP, end CP, replacement); an insertion where the two are equal) made."""
    first = max(bisect.bisect_right(deleted, (base, float("inf"))) - 1, 0)  # ranges are sorted and disjoint
    last = bisect.bisect_left(deleted, (base + len(text), -1))
    edits = [(a - base, b - base, "") for a, b in deleted[first:last] if b > base]
    edits += [(a - base, b - base, new) for a, b, new in changes]
    out, at = [], 0
    for a, b, new in sorted(edits):
        a = min(max(a, at), len(text))
        out.append(text[at:a])
        out.append(new)
        at = max(at, min(b, len(text)))
    out.append(text[at:])
    return "".join(out)


def note_ranges(table: bytes, ref: tuple[int, int], text: tuple[int, int], story: int) -> list[tuple[int, int, int]]:
    """One kind of note: (reference CP in the main text, first CP of its text, its end CP) per note; ``story``:
    the CP its story begins at."""
    ref_fc, ref_lcb = ref
    text_fc, text_lcb = text
    n = (ref_lcb - 4) // 6  # a CP per reference, one more, and a 2-byte FRD per reference
    if n <= 0 or text_lcb // 4 < n + 1 or ref_fc + ref_lcb > len(table) or text_fc + text_lcb > len(table):
        return []
    refs = struct.unpack_from(f"<{n}i", table, ref_fc)
    texts = struct.unpack_from(f"<{n + 1}i", table, text_fc)
    return [(refs[i], story + texts[i], story + texts[i + 1]) for i in range(n) if 0 <= texts[i] <= texts[i + 1]]


PAIR_SHAPE_ANCHORS, PAIR_TEXT_BOXES = 40, 56
_FSPA, _FTXBXS = 26, 22


def text_box_ranges(table: bytes, boxes: tuple[int, int], story: int) -> list[tuple[int, int]]:
    """The text boxes' text in the text box story (from CP ``story``): (first CP, end CP) per box in use (a box
    Word keeps for reuse, and the story's closing entry, are none)."""
    fc, lcb = boxes
    n = (lcb - 4) // (4 + _FTXBXS)
    if n <= 1 or fc + lcb > len(table):
        return []
    cps = struct.unpack_from(f"<{n + 1}i", table, fc)
    found = []
    for i in range(n - 1):  # the last entry closes the story
        reusable = struct.unpack_from("<h", table, fc + 4 * (n + 1) + _FTXBXS * i + 8)[0]
        if not reusable and 0 <= cps[i] < cps[i + 1]:
            found.append((story + cps[i], story + cps[i + 1]))
    return found


def shape_anchors(table: bytes, anchors: tuple[int, int]) -> list[int]:
    """The CPs of the main text where its shapes (text boxes, pictures) are anchored, in order."""
    fc, lcb = anchors
    n = (lcb - 4) // (4 + _FSPA)
    if n <= 0 or fc + lcb > len(table):
        return []
    return sorted(struct.unpack_from(f"<{n}i", table, fc))
