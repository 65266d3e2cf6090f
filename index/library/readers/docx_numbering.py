"""Word's automatic numbering, as the page shows it: 一、 （一） 1. for paragraphs Word numbers itself.

A .docx stores a numbered paragraph's text without its number: the paragraph (or its style) names a list
(``w:numPr``: ``numId``, ``ilvl``), whose definition in ``numbering.xml`` gives each level's start, format
(decimal, chineseCounting …) and text (``%1、``, ``（%2）``). Without it an imported 意见 lost its 一、 and
（一）, which the clause parser reads its structure from. Counting follows Word: each list counts its levels in
document order, a level restarts after a higher one, ``w:lvlOverride/w:startOverride`` starts a list anew.
Bullets carry no number and give none.
"""

from __future__ import annotations

from index.library.clauses import int_to_cn

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * (1 + (n - 1) // 26)


def format_number(n: int, fmt: str) -> str:
    """``n`` in a numbering format of Word's (``w:numFmt``); decimal for one not known here, or for a number no
    list of a document reaches (a start of a billion would be a billion letters, or a million Ms)."""
    if not 0 <= n <= 3999:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return "〇" if n == 0 else int_to_cn(n)  # as regulations print numbers; a list starting at 0 shows 〇
    if fmt == "chineseLegalSimplified" and n < 10:
        return _LEGAL[n]
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """The numbers Word shows before a document's paragraphs, counted in document order (``label``)."""

    def __init__(self, document):
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId -> ilvl -> (start, fmt, text)
        self._lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, ilvl -> start)
        self._counts: dict[str, dict[int, int]] = {}  # numId -> ilvl -> the last number given
        self._style_num: dict[str, tuple[str, int]] = {}  # style id -> (numId, ilvl)
        linked: dict[tuple[str, str], int] = {}  # (abstractNumId, style id) -> the level linked to the style
        defines: dict[str, str] = {}  # abstractNumId -> the list style it defines (w:styleLink)
        defers: dict[str, str] = {}  # abstractNumId -> the list style it takes its levels from (w:numStyleLink)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for abstract in root.findall(f"{_W}abstractNum"):
                levels = {}
                for lvl in abstract.findall(f"{_W}lvl"):
                    start = _val(lvl.find(f"{_W}start"), "1")
                    levels[int(_val(lvl, "0", "ilvl"))] = (int(start) if start.isdigit() else 1,
                                                          _val(lvl.find(f"{_W}numFmt"), "decimal"),
                                                          _val(lvl.find(f"{_W}lvlText"), ""))
                    if lvl.find(f"{_W}pStyle") is not None and _val(lvl, "0", "ilvl").isdigit():
                        linked[(_val(abstract, "", "abstractNumId"), _val(lvl.find(f"{_W}pStyle"), ""))] = \
                            int(_val(lvl, "0", "ilvl"))
                self._levels[_val(abstract, "", "abstractNumId")] = levels
                for tag, links in (("styleLink", defines), ("numStyleLink", defers)):
                    if abstract.find(f"{_W}{tag}") is not None:
                        links[_val(abstract, "", "abstractNumId")] = _val(abstract.find(f"{_W}{tag}"), "")
            for num in root.findall(f"{_W}num"):
                starts = {}
                for override in num.findall(f"{_W}lvlOverride"):
                    start = override.find(f"{_W}startOverride")
                    if start is not None and _val(start, "").isdigit():
                        starts[int(_val(override, "0", "ilvl"))] = int(_val(start, "1"))
                self._lists[_val(num, "", "numId")] = (_val(num.find(f"{_W}abstractNumId"), ""), starts)
            # A list applied through a list style (Word's 定义新的列表样式, a template's numbering): the list the
            # paragraphs name has no levels, only w:numStyleLink to the style; the list defining the levels
            # names the same style by w:styleLink.
            by_style = {style: abstract_id for abstract_id, style in defines.items() if style}
            for abstract_id, style in defers.items():
                if not self._levels.get(abstract_id) and style in by_style:
                    self._levels[abstract_id] = self._levels.get(by_style[style], {})
        # A style's numbering: its own or the style it is based on's; a level a list links to the style
        # (``w:lvl/w:pStyle``: Heading 2 is the list's second level) when the style names none.
        styles = {st.style_id: st for st in document.styles}
        for style_id in styles:
            num_id, ilvl = _style_num_pr(styles, style_id)
            if num_id and num_id != "0":
                abstract = self._lists.get(num_id, ("", {}))[0]
                self._style_num[style_id] = (num_id, ilvl if ilvl is not None else linked.get((abstract, style_id), 0))

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ('' if none), counted: call once per paragraph, in order."""
        p = paragraph._p  # noqa: SLF001 - python-docx has no public numbering API
        num_id, ilvl = _num_pr(p)
        styled = self._style_num.get(p.style or "")
        if num_id is None and styled is not None:  # the style's list, at the paragraph's level if it names one
            num_id, ilvl = styled[0], (ilvl if ilvl is not None else styled[1])
        if not num_id or num_id == "0":
            return ""
        ilvl = ilvl or 0
        if num_id not in self._lists:
            return ""  # numId 0 (numbering switched off) or a list not defined
        abstract, starts = self._lists[num_id]
        levels = self._levels.get(abstract, {})
        if ilvl not in levels or levels[ilvl][1] in ("bullet", "none"):
            return ""
        counts = self._counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, starts.get(ilvl, levels[ilvl][0]) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a level restarts after a higher one
        text = levels[ilvl][2]
        for k in range(9):
            if f"%{k + 1}" in text:
                start, fmt, _ = levels.get(k, (1, "decimal", ""))
                text = text.replace(f"%{k + 1}", format_number(counts.get(k, starts.get(k, start)), fmt))
        return text


def _val(element, default: str, name: str = "val") -> str:
    if element is None:
        return default
    return element.get(f"{_W}{name}", default)


def _num_pr(element) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a paragraph's or a style's ``w:pPr/w:numPr``, each None where it names none."""
    ppr = element.find(f"{_W}pPr") if element is not None else None
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    num_id = _val(num_pr.find(f"{_W}numId"), "") or None
    ilvl = _val(num_pr.find(f"{_W}ilvl"), "")
    return num_id, (int(ilvl) if ilvl.isdigit() else None)


def _style_num_pr(styles: dict, style_id: str) -> tuple[str | None, int | None]:
    """A style's (numId, ilvl), each from the nearest style in its ``basedOn`` chain that names it."""
    num_id = ilvl = None
    seen = set()
    while style_id in styles and style_id not in seen and (num_id is None or ilvl is None):
        seen.add(style_id)  # a loop of basedOn in a damaged file ends here
        element = styles[style_id].element
        own_id, own_ilvl = _num_pr(element)
        num_id = num_id if num_id is not None else own_id
        ilvl = ilvl if ilvl is not None else own_ilvl
        based = element.find(f"{_W}basedOn")
        style_id = _val(based, "")
    return num_id, ilvl
