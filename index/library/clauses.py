"""The clause model: a document body parsed into a tree of citable clauses.

The parser reads the body line by line, recognises the numbering styles that
Chinese policy documents and regulations use, and nests them with a stack.
Every clause owns one contiguous span of the body (its own text: the heading
line and any paragraphs before its first child), so the clauses together
cover the whole body, in order, with nothing duplicated; only whitespace lies
between them.

Styles, from outermost to innermost (a document may skip any of them):

========  =====================================  ==============
rank      printed as                             id segment
========  =====================================  ==============
-10+n     Markdown ``#`` heading (unnumbered)    ``hN``
1         第X编                                   ``ptN``
2         第X章                                   ``chN``
3         第X节                                   ``seN``
4         第X条  (later paragraphs are 款)        ``artN`` / ``kN``
5         一、 / a short heading over a —— line   ``cN`` / ``hN``
6         （一） (一)                             ``sN``
7         1. 1、 1．                              ``iN``
8         （1） (1)                               ``iiN``
9         ① ②                                    ``iiiN``
========  =====================================  ==============

Traditional-script 第X編, 第X節 and 第X條 are read like 编, 节 and 条.

Paragraphs under an unnumbered heading become "headed paragraphs" (``pN``)
whose first short sentence is their heading (河北's 开放拉动 … 政策促动).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from typing import NewType

from index.library.documents import DocId

ClauseId = NewType("ClauseId", str)

#: Bump when parsing gives other clauses (ids, boundaries, kinds): clause
#: counts and tags stored in the library manifest are then recomputed.
PARSER_VERSION = 4  # 2: a table of contents (目录) is preamble text; 3: so is a notice's list of attachments;
#   4: so is a traditional-script one (目錄, 第一節, 附則), and a list over a date with spaces (2021 年 3 月 15 日);
#   a signature dated 二〇二三年 / 二〇一七年 is the closing (end), not the last clause's text

CN_DIGITS = "零〇一二三四五六七八九两"
CN_NUM = "[零〇一二三四五六七八九十百千两]+"
_NUM = rf"(?:{CN_NUM}|\d+)"

# (rank, kind, id prefix, regex). The regex's group "num" is the number,
# "label" the printed label, and the rest of the line follows it. 編/節/條
# are matched too: regulations are reposted in traditional characters.
# Compiled by the first parse (``_compile``): ~7 ms that a process listing the library or searching it never needs.
_MARKERS: list[tuple[float, str, str, re.Pattern[str]]] = []
_MD_HEADING: re.Pattern[str]
_DATE_LINE: re.Pattern[str]
_APPENDIX: re.Pattern[str]
_SENTENCE_END_RX: re.Pattern[str]


_COMPILING = threading.Lock()


def _compile() -> None:
    if _MARKERS:
        return
    with _COMPILING:
        if not _MARKERS:
            _compile_now()


def _compile_now() -> None:
    global _MD_HEADING, _DATE_LINE, _APPENDIX, _SENTENCE_END_RX
    _MD_HEADING = re.compile(r"(?P<hashes>#{1,6})[ \t　]+(?P<rest>.*?)[ \t#]*$")
    # A year in Chinese numerals has any digit (二〇二三, 二〇一七): with 一二〇零○ only, a signature dated so went
    # into the last clause.
    _DATE_LINE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年\s*[\d一二三四五六七八九十]{1,3}月\s*[\d一二三四五六七八九十]{1,3}日$")
    _APPENDIX = re.compile(r"^(?:■|□|◆)\s*(?P<rest>.+)$|^(?P<att>附件[\d一二三四五六七八九十]*)[:：]?\s*(?P<att_rest>.*)$")
    _SENTENCE_END_RX = re.compile(f"[{re.escape(_SENTENCE_END)}]")
    _MARKERS.extend([  # last: a thread that sees _MARKERS filled sees the patterns above
        (1, "part", "pt", re.compile(rf"(?P<label>第(?P<num>{_NUM})[编編])[\s　]*")),
        (2, "chapter", "ch", re.compile(rf"(?P<label>第(?P<num>{_NUM})章)[\s　]*")),
        (3, "section", "se", re.compile(rf"(?P<label>第(?P<num>{_NUM})[节節])[\s　]*")),
        (4, "article", "art", re.compile(rf"(?P<label>第(?P<num>{_NUM})[条條])[\s　:：]*")),
        (5, "chapter", "c", re.compile(rf"(?P<label>(?P<num>{CN_NUM})[、，,．.])[\s　]*")),
        (6, "section", "s", re.compile(rf"(?P<label>[（(][\s　]*(?P<num>{CN_NUM})[\s　]*[)）])[\s　]*")),
        (7, "item", "i", re.compile(r"(?P<label>(?P<num>\d{1,3})(?:[、．]|\.(?!\d)))[\s　]*")),
        (8, "item", "ii", re.compile(r"(?P<label>[（(](?P<num>\d{1,3})[)）])[\s　]*")),
        (9, "item", "iii", re.compile(r"(?P<label>(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))[\s　]*")),
    ])


_SENTENCE_END = "。！？!?；;"
_SENTENCE_END_RX = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_HEADING_MAX = 30
# Preamble and closing are never parents: any marker closes them.
_TOP = 1000.0


@dataclasses.dataclass
class Clause:
    """One clause of a document.

    Attributes:
        id: stable citable id, ``{doc_id}/{segment}/{segment}…``.
        label: the label as printed (``(二)``, ``第九条``) or None.
        heading: the clause's short title where the text has one.
        level: depth in the tree, 1 for top-level clauses.
        parent: the parent's id, or None.
        start, end: offsets of ``text`` in the document body.
        kind: preamble, part, chapter, section, article, paragraph (款),
            heading, item, headed (paragraph), appendix, closing.
    """

    id: ClauseId
    doc_id: DocId
    label: str | None
    heading: str | None
    level: int
    parent: ClauseId | None
    text: str
    start: int
    end: int
    kind: str
    ordinal: int = 0

    def to_dict(self) -> dict:
        return {
            "id": self.id, "doc_id": self.doc_id, "label": self.label, "heading": self.heading,
            "level": self.level, "parent": self.parent, "text": self.text,
            "start": self.start, "end": self.end, "kind": self.kind,
        }


@dataclasses.dataclass
class _Open:
    rank: float
    kind: str
    segment: str
    start: int
    label: str | None
    heading: str | None
    unnumbered: bool = False  # paragraphs below become headed paragraphs
    children: int = 0
    paragraphs: int = 1  # for articles: how many 款 so far
    index: int = -1  # position in the output list


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGITS = {"零": 0, "〇": 0, "两": 2, **{ch: k + 1 for k, ch in enumerate("一二三四五六七八九")}}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(text: str) -> int | None:
    """Chinese or Arabic numeral to int: 二十三 -> 23, 一百零五 -> 105, 12 -> 12."""
    if text.isdecimal():
        return int(text)
    if len(text) == 1 and text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    total, current = 0, 0
    for ch in text:
        if ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        elif ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            return None
    return total + current


def int_to_cn(n: int) -> str:
    """An int as regulations print article numbers: 12 -> 十二, 105 -> 一百零五, 210 -> 二百一十 (cn_to_int's inverse)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n >= 1000:
        return str(n)
    rest = n % 100
    if not rest:
        tail = ""
    elif rest < 10:
        tail = "零" + digits[rest]
    else:
        tail = "一" + int_to_cn(rest) if rest < 20 else int_to_cn(rest)
    return digits[n // 100] + "百" + tail


def _lead_heading(rest: str, alone: bool) -> str | None:
    """The heading in ``rest`` (the line after its label), if it has one.

    A line that is short and unpunctuated is all heading (``(一)指导思想``); a
    paragraph whose first sentence is short has that sentence as heading
    (``(一)加大放權力度。按照…``).
    """
    rest = rest.strip().strip("　")
    if not rest:
        return None
    end = _SENTENCE_END_RX.search(rest)  # the first sentence end (was: every one, then min)
    cut = end.start() if end else -1
    if cut < 0:
        if alone and len(rest) <= _HEADING_MAX and not re.search(r"[,，:：]", rest[:-1] if rest else rest):
            return rest
        return None
    head = rest[:cut].strip()
    if 1 <= len(head) <= _HEADING_MAX and cut < len(rest):
        return head
    return None


def _match_marker(line: str):
    for rank, kind, prefix, rx in _markers_from(line[:1]):
        m = rx.match(line)
        if m:
            return rank, kind, prefix, m
    return None


@functools.lru_cache(maxsize=4096)
def _markers_from(first: str) -> tuple:
    """The ``_MARKERS`` (in order) that can match a line starting with ``first``: each regex's first
    character is 第, a bracket, a Chinese numeral, a decimal digit (any Unicode Nd, as the digit class matches) or a circled one."""
    _compile()
    return tuple(m for m in _MARKERS if first and (
        (m[0] <= 4 and first == "第")
        or (m[0] in (6, 8) and first in "（(")
        or (m[0] == 5 and first in "零〇一二三四五六七八九十百千两")
        or (m[0] == 7 and first.isdecimal())
        or (m[0] == 9 and first in _CIRCLED)))


@dataclasses.dataclass
class _Line:
    start: int  # offset of first non-space character
    end: int  # offset after last non-space character
    text: str  # stripped text


def _lines(body: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in body.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def parse_clauses(doc_id: str, body: str) -> list[Clause]:
    """Parse ``body`` into clauses in document order.

    Never raises on any text; the result is lossless (see module docstring).

    Args:
        doc_id: the document's id, used as the prefix of clause ids.
        body: the document body (original script).

    Returns:
        Clauses in document order; ``parent`` links form the tree.
    """
    _compile()
    lines = _lines(body)
    if not lines:
        return []
    closing_from = _closing_start(lines)
    has_markers = any(_classify(ln.text, None) is not None for ln in lines[:closing_from])
    contents = _contents_lines(lines) | _attachment_list(lines)

    out: list[_Open] = []
    stack: list[_Open] = []
    root_children = 0
    segment_seen: dict[tuple[int, str], int] = {}

    def open_clause(rank, kind, seg, start, label, heading, unnumbered=False):
        nonlocal root_children
        while stack and stack[-1].rank >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        if parent is not None:
            parent.children += 1
        else:
            root_children += 1
        key = (parent.index if parent else -1, seg)
        n = segment_seen.get(key, 0) + 1
        segment_seen[key] = n
        if seg in ("h", "app"):
            seg = f"{seg}{n}"  # unnumbered: count them
        elif n > 1:
            seg = f"{seg}~{n}"  # a repeated number under one parent
        node = _Open(rank, kind, seg, start, label, heading, unnumbered)
        node.index = len(out)
        out.append(node)
        stack.append(node)
        node_parent[node.index] = parent.index if parent else -1
        return node

    node_parent: dict[int, int] = {}

    i = 0
    n_lines = len(lines)
    while i < n_lines:
        ln = lines[i]
        if i >= closing_from:
            stack.clear()
            open_clause(_TOP, "closing", "end", ln.start, None, None)
            break
        nxt = lines[i + 1].text if i + 1 < n_lines else ""
        cls = _classify(ln.text, nxt) if i not in contents else None
        if cls is not None:
            rank, kind, seg, label, heading, unnumbered = cls
            if kind == "title":
                # A level-one Markdown heading before anything else is the
                # document title: it belongs to the preamble. Later ones are
                # ordinary unnumbered headings.
                if not out:
                    open_clause(_TOP, "preamble", "pre", ln.start, None, None)
                    i += 1
                    continue
                rank, kind, seg, unnumbered = -9, "mdheading", "h", True
            if kind == "appendix":
                stack.clear()
            if rank >= 5 and _in_article(stack):
                heading = None  # enumerations inside an article have no titles
            open_clause(rank, kind, seg, ln.start, label, heading, unnumbered)
            if kind == "headed_part" and nxt.startswith("——"):
                i += 2  # the —— lead line is part of the heading's own text
                continue
            i += 1
            continue
        _plain_paragraph(ln, stack, out, node_parent, has_markers, open_clause, lambda: root_children)
        i += 1

    return _finish(doc_id, body, out, node_parent)


_CONTENTS = re.compile(r"目\s*[录錄][:：]?")  # 目錄: a regulation reposted in traditional characters
# A table of contents' entry: a part, chapter or section, 附则 or 附件, and perhaps a page number (a Word
# table of contents keeps its tab and number: 总则\t1; a 公文's: - 1 -, （1）, ……1).
_CONTENTS_ENTRY = re.compile(rf"(?P<label>第\s*{_NUM}\s*[编章节編節]|附\s*[则則]|附\s*件|附\s*[录錄])[^。；;，,]{{0,40}}?"
                             r"(?:[\s.．…·]*(?:[-—–]\s*\d+\s*[-—–]|[（(]\d+[)）]|\d+))?")


def _contents_lines(lines: list[_Line]) -> set[int]:
    """The lines of a table of contents: 目录 and the entries under it, up to where the body starts again with
    the first entry's part or chapter (by its number: the body's title may read otherwise, or stand on a line of
    its own). Text of the preamble, not clauses: every chapter was listed twice, the body's numbered ch1~2. With
    no such restart, nothing is taken for contents (a bare 目录 line over the body)."""
    for i, ln in enumerate(lines[:60]):
        if not _CONTENTS.fullmatch(ln.text):
            continue
        first = None
        for j in range(i + 1, len(lines)):
            entry = _CONTENTS_ENTRY.fullmatch(lines[j].text.lstrip("#").strip())  # a Word heading: # 第一章
            if entry is None:
                return set()  # the body began without repeating the contents' first entry: not contents
            label = re.sub(r"\s+", "", entry.group("label"))
            if first is None:
                first = label
            elif label == first:
                return set(range(i, j)) if j - i > 2 else set()
        return set()
    return set()


_LISTED = re.compile(r"附\s*件\s*[:：]\s*\S.*")
_LIST_ITEM = re.compile(r"\d{1,2}\s*[.．、]\s*\S.*")
# Not ``_DATE_LINE``: ``_compile_now`` rebinds that name (a whole line, no spaces) before any parse, and this one,
# which a PDF's 2021 年 3 月 15 日 needs, was never used.
_SIGNED_DATE = re.compile(r"[0-9〇○零一二三四五六七八九]{4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日")


def _attachment_list(lines: list[_Line]) -> set[int]:
    """A notice's list of its attachments (附件：1．…方案 / 2．…表) over its signature and date: text of the notice,
    not the first attachment. It became app1, and took the signature with it."""
    for i, ln in enumerate(lines):
        if not _LISTED.fullmatch(ln.text):
            continue
        j = i + 1
        while j < len(lines) and _LIST_ITEM.fullmatch(lines[j].text):
            j += 1
        if any(_SIGNED_DATE.search(line.text) for line in lines[j:j + 4]):
            return set(range(i, j))
    return set()


def _plain_paragraph(ln, stack, out, parents, has_markers, open_clause, root_children) -> None:
    """Decide where a paragraph without a marker goes: a new clause or the current one."""
    top = stack[-1] if stack else None
    if top is None:
        if not has_markers:
            open_clause(-99, "headed", f"p{root_children() + 1}", ln.start, None,
                        _lead_heading(ln.text, False))
        elif not out:
            open_clause(_TOP, "preamble", "pre", ln.start, None, None)
        return  # otherwise it continues the last clause
    if top.unnumbered:
        open_clause(top.rank + 0.5, "headed", f"p{top.children + 1}", ln.start, None,
                    _lead_heading(ln.text, False))
    elif top.kind == "headed" and (_parent_unnumbered(top, out, parents) or parents[top.index] < 0):
        pidx = parents[top.index]
        siblings = out[pidx].children if pidx >= 0 else root_children()
        open_clause(top.rank, "headed", f"p{siblings + 1}", ln.start, None,
                    _lead_heading(ln.text, False))
    elif _in_article(stack) and top.kind != "preamble":
        art = next(o for o in reversed(stack) if o.kind == "article")
        art.paragraphs += 1
        open_clause(art.rank + 0.5, "paragraph", f"k{art.paragraphs}", ln.start, None, None)
    # else: a continuation paragraph of the current clause (吉林 (十四))


def _parent_unnumbered(node: _Open, out: list[_Open], parents: dict[int, int]) -> bool:
    idx = parents.get(node.index, -1)
    return idx >= 0 and out[idx].unnumbered


def _in_article(stack: list[_Open]) -> bool:
    return any(o.kind == "article" for o in stack)


def _classify(text: str, nxt: str | None):
    """(rank, kind, segment, label, heading, unnumbered) for a marker line, else None."""
    md = _MD_HEADING.fullmatch(text)
    if md:
        level = len(md.group("hashes"))
        rest = md.group("rest").strip()
        inner = _match_marker(rest)
        if inner:
            rank, kind, prefix, m = inner
            num = cn_to_int(m.group("num"))
            after = rest[m.end():]
            heading = after.strip() or None
            return rank, kind, f"{prefix}{num}", m.group("label"), heading, False
        if level == 1:
            return (0, "title", "", None, rest or None, False)
        return (-10 + level, "mdheading", "h", None, rest or None, True)
    ap = _APPENDIX.match(text)
    if ap and len(text) <= 40:
        heading = (ap.group("rest") or ap.group("att_rest") or ap.group("att") or "").strip() or None
        label = ap.group("att")
        return (0.5, "appendix", "app", label, heading, False)
    marker = _match_marker(text)
    if marker:
        rank, kind, prefix, m = marker
        num = cn_to_int(m.group("num"))
        rest = text[m.end():]
        if kind == "article" or rank <= 3:
            heading = rest.strip() if rank <= 3 and len(rest.strip()) <= _HEADING_MAX and rest.strip() else None
            if kind == "article":
                bracket = re.match(r"[【\[](.{1,20}?)[】\]]", rest.strip())
                heading = bracket.group(1) if bracket else None
        else:
            heading = _lead_heading(rest, True)
        return rank, kind, f"{prefix}{num}", m.group("label"), heading, False
    if (
        nxt is not None
        and nxt.startswith("——")
        and len(text) <= 12
        and not re.search(r"[，,。：:；;、！？!?“”\"（）()]", text)
    ):
        return (5, "headed_part", "h", None, text, True)
    return None


def _closing_start(lines: list[_Line]) -> int:
    """Index of the first line of a trailing signature block (organ + date), else len."""
    n = len(lines)
    if n < 3:
        return n
    last = lines[-1].text
    if not _DATE_LINE.match(last.replace(" ", "")):
        return n
    start = n - 1
    prev = lines[-2].text
    if len(prev) <= 30 and not any(ch in prev for ch in "。，,；;：:") and _classify(prev, last) is None:
        start = n - 2
    return start


def _finish(doc_id: str, body: str, out: list[_Open], parents: dict[int, int]) -> list[Clause]:
    clauses: list[Clause] = []
    ids: list[str] = []
    levels: list[int] = []
    for k, node in enumerate(out):
        pidx = parents.get(node.index, -1)
        if pidx >= 0:
            cid = f"{ids[pidx]}/{node.segment}"
            level = levels[pidx] + 1
        else:
            cid = f"{doc_id}/{node.segment}"
            level = 1
        ids.append(cid)
        levels.append(level)
        end = out[k + 1].start if k + 1 < len(out) else len(body)
        while end > node.start and body[end - 1].isspace():
            end -= 1
        clauses.append(Clause(
            id=ClauseId(cid), doc_id=DocId(doc_id), label=node.label, heading=node.heading,
            level=level, parent=ClauseId(ids[pidx]) if pidx >= 0 else None,
            text=body[node.start:end], start=node.start, end=end, kind=node.kind, ordinal=k,
        ))
    return clauses
