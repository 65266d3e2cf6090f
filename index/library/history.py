"""The history of a law or regulation: its header and its promulgation notice.

Under a regulation's title its history is printed, in brackets or on lines
of its own::

    上海市社会救助条例
    （2018年11月22日上海市第十五届人民代表大会常务委员会第七次会议通过
    根据2021年10月28日上海市第十五届人民代表大会常务委员会第三十六次会议
    《关于修改〈上海市社会救助条例〉的决定》修正）

and a promulgation notice (主席令, 国务院令, a ministry's 令, a 公告) may
come before the title: ``《…》已经2019年12月12日国务院第74次常务会议通过，现予
公布，自2020年1月1日起施行。`` then the signer and the date of publication.

``parse_history`` reads both into events (通过, 制定, 批准, 公布, 发布, 修正,
修订, 修改, 施行, 废止), each with its date and the body that acted, and
``History`` derives what the metadata needs: the issuer (the adopting body
without its term: 上海市人民代表大会常务委员会), the adoption date, every
amendment, the current version's date (the latest event that made or changed
the text) and the effective date.

Matching runs on normalised text (simplified, same length) line by line;
names are cut from the original lines at the same offsets, so a
traditional-script regulation keeps its own script.
"""

from __future__ import annotations

import dataclasses
import re

from index.base.text import normalise
from index.library.dates import DATE_RE, parse_date

ADOPT = ("通过", "制定")
APPROVE = ("批准",)
PUBLISH = ("公布", "发布", "颁布")
AMEND = ("修正", "修订", "修改")
EFFECT = ("施行", "实施")
# Events that make or change the text: the latest is the current version's date.
VERSION_EVENTS = ADOPT + APPROVE + PUBLISH + AMEND

# A verb used as a modifier (…会议通过的《决定》) does not end an event.
_VERB = re.compile(r"(通过|制定|批准|公布|发布|颁布|修正|修订|修改|施行|实施|废止)(?!的)")
_OPEN = "(（[［【"
_CLOSE = ")）]］】"
_SEP = " 　\t，,、；;。"
# Where an event's body name ends: its session, its decree or notice number, the verb.
_BODY_END = re.compile(
    r"令|公告|审判委员会|检察委员会|第[\d一二三四五六七八九十百零〇]+次|(?:19|20)\d{2}年第|[〇零一二三四五六七八九]{4}年第|"
    r"会议|《|审议|批准|通过|公布|发布|颁布|修正|修订|修改|制定|施行|实施")
_TERM = re.compile(r"第[\d一二三四五六七八九十百]+届")
_BODY_LEAD = re.compile(r"[\s　，,、；;]*(?:根据|已由|已经|已于|由|经|于)?[\s　]*")
_STATE = "中华人民共和国"
_NOTICE = re.compile(r"现予(?:以)?(?:公布|发布)|予以(?:公布|发布)")
_NOTICE_HEAD = re.compile(r"(?:令|公告)$")
# A header in brackets at the end of the title's own line: 某某条例（2018年…通过）.
_TRAILING_HEADER = re.compile(r"[(（](?=\s*(?:根据)?\s*(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年)")
# Abbreviated congress names in headers, and their full form (simplified, traditional).
_ABBREVIATED = (("人大常委会", "人民代表大会常务委员会", "人民代表大會常務委員會"), ("人大", "人民代表大会", "人民代表大會"))
_EFFECTIVE_IN_BODY = re.compile(
    r"本(?:法|法典|条例|條例|办法|辦法|规定|規定|细则|細則|解释|解釋|决定|決定|规则|規則|意见|意見|通知|方案)"
    r"自\s*(" + DATE_RE.pattern + r")\s*起\s*(?:[施實]行|[实實]施)")
_ARTICLE_START = re.compile(r"^第[一二三四五六七八九十\d]+[章条條编編节節]")
SCAN_LINES = 30


@dataclasses.dataclass
class Event:
    """One step in a document's history.

    Attributes:
        event: the verb as printed (simplified): 通过, 修正, 施行 …
        date: ``YYYY-MM-DD`` or None when the line gives none.
        body: the body that acted, its term dropped (original script), or None.
        text: the event as printed (original script).
        source: ``header`` (the lines under the title) or ``notice`` (the promulgation notice).
    """

    event: str
    date: str | None
    body: str | None
    text: str
    source: str = "header"

    def to_dict(self) -> dict:
        return {"date": self.date, "event": self.event, "body": self.body, "text": self.text}


@dataclasses.dataclass
class History:
    """What the header and notice say; empty when the document has neither.

    Attributes:
        events: in the order printed (header first, then notice).
        lines: indices (in the caller's line list) of header and notice lines,
            which are never the title.
        title: the 《name》 a promulgation notice gives, as the text prints it.
    """

    events: list[Event] = dataclasses.field(default_factory=list)
    lines: set[int] = dataclasses.field(default_factory=set)
    title: str | None = None
    effective_in_text: str | None = None

    def __bool__(self) -> bool:
        return bool(self.events)

    def _date(self, kinds: tuple[str, ...], latest: bool = True) -> str | None:
        """The latest (or earliest) date of the events of these kinds, None without one."""
        dates = [e.date for e in self.events if e.event in kinds and e.date]
        return (max(dates) if latest else min(dates)) if dates else None

    @property
    def adopted(self) -> str | None:
        """The earliest adoption (通过/制定) date."""
        return self._date(ADOPT, latest=False)

    @property
    def amendments(self) -> list[Event]:
        """修正/修订/修改 events, one per date, oldest first (undated ones last)."""
        seen: dict[str | None, Event] = {}
        for e in self.events:
            if e.event in AMEND and (e.date not in seen or e.date is None):
                seen.setdefault(e.date, e)
        return sorted(seen.values(), key=lambda e: (e.date is None, e.date or ""))

    @property
    def current(self) -> str | None:
        """The current version's date: the latest adoption, approval, publication or amendment."""
        return self._date(VERSION_EVENTS)

    @property
    def declared_effective(self) -> str | None:
        """The header's 施行 date, else the notice's."""
        for source in ("header", "notice"):
            for e in self.events:
                if e.event in EFFECT and e.date and e.source == source:
                    return e.date
        return None

    @property
    def effective(self) -> str | None:
        """When the text takes effect: the header's or notice's 施行 date, else the text's own article."""
        return self.declared_effective or self.effective_in_text

    @property
    def published(self) -> str | None:
        return self._date(PUBLISH)

    @property
    def issuer(self) -> str | None:
        """The adopting bodies (joined with 、), else the publishing ones, else the approving ones."""
        for kinds in (ADOPT, PUBLISH, APPROVE):
            bodies = list(dict.fromkeys(e.body for e in self.events if e.event in kinds and e.body))
            if bodies:
                return "、".join(bodies)
        return None

    def issuer_from(self) -> str:
        for kinds, why in ((ADOPT, "adopting body"), (PUBLISH, "publishing body"), (APPROVE, "approving body")):
            if any(e.event in kinds and e.body for e in self.events):
                return f"history header ({why})"
        return "history header"


def parse_history(lines: list[str], norm: list[str], text_tail: str = "") -> History:
    """Read the history header and any promulgation notice at the top of a document.

    Args:
        lines: the document's non-empty lines, stripped, in the original script.
        norm: the same lines normalised (``index.base.text.normalise``: same lengths).
        text_tail: text to look for the "本条例自…起施行" article in (the body's end).

    Returns:
        The ``History`` (falsy when there is no dated history).
    """
    out = History()
    limit = min(len(lines), SCAN_LINES)
    i = 0
    while i < limit:
        nline = norm[i]
        if _ARTICLE_START.match(nline):
            break
        if _NOTICE.search(nline) and DATE_RE.search(nline):
            _read_notice(lines, norm, i, out)
            i += 1
            continue
        trailing = _TRAILING_HEADER.search(nline, 1)
        # Only the title's own line (the first ones, or the first after a notice) carries its header.
        near_top = i <= (max(out.lines) + 2 if out.lines else 2)
        if trailing and near_top and out.title is None and not out.events and nline_closes(nline) \
                and is_header_line(nline[trailing.start():]):
            out.events.extend(_events(nline[trailing.start():], lines[i][trailing.start():]))
            out.title = lines[i][:trailing.start()].strip()
            out.lines.add(i)
            i += 1
            continue
        block = _header_block(norm, i, limit)
        if block:
            first, last = block
            joined_n = "　".join(norm[first:last + 1])
            joined_o = "　".join(lines[first:last + 1])
            events = _events(joined_n, joined_o)
            if events:
                out.events.extend(events)
                out.lines.update(range(first, last + 1))
            i = last + 1
            continue
        i += 1
    last = None
    for last in _EFFECTIVE_IN_BODY.finditer(text_tail):  # noqa: B007 - the last such article counts
        pass
    if last:
        out.effective_in_text = parse_date(DATE_RE.search(last.group(1)))
    return out


def is_header_line(nline: str) -> bool:
    """Whether a (normalised) line opens a history header: a bracket or a date, then a dated event."""
    masked = _mask(nline)
    body = masked.lstrip(_OPEN + _SEP)
    return bool(DATE_RE.search(masked) and _VERB.search(masked)
                and (nline[:1] in _OPEN or body.startswith("根据") or DATE_RE.match(body)))


def _header_block(norm: list[str], i: int, limit: int) -> tuple[int, int] | None:
    """The lines ``i..j`` of a history header starting at line ``i``, or None."""
    nline = norm[i]
    if nline[:1] in _OPEN:
        # The bracket opened here may close lines later: follow the depth, never into the articles.
        j, depth = i, _depth(nline)
        while depth > 0 and j + 1 < limit and j - i < 10 and not _ARTICLE_START.match(norm[j + 1]):
            j += 1
            depth += _depth(norm[j])
        joined = "".join(norm[i:j + 1])
        return (i, j) if is_header_line(joined) else None
    if is_header_line(nline) and "。" not in nline.rstrip("。")[:-1] and len(nline) < 600:
        j = i
        while j + 1 < limit and is_header_line(norm[j + 1]) and norm[j + 1][:1] not in _OPEN:
            j += 1
        return i, j
    return None


def nline_closes(nline: str) -> bool:
    return nline.rstrip()[-1:] in _CLOSE


def _depth(text: str) -> int:
    """Brackets opened minus brackets closed in ``text``."""
    return sum(ch in _OPEN for ch in text) - sum(ch in _CLOSE for ch in text)


def _mask(text: str) -> str:
    """``text`` with everything inside 《…》 (nesting 〈…〉) replaced by □: verbs in titles are not events."""
    out, depth = [], 0
    for ch in text:
        if ch in "《〈<":
            depth += 1
            out.append("□")
        elif ch in "》〉>" and depth:
            depth -= 1
            out.append("□")
        else:
            out.append("□" if depth else ch)
    return "".join(out)


def _events(norm: str, orig: str) -> list[Event]:
    """The events of one header block (normalised and original text, same length)."""
    start, end = 0, len(norm)
    while start < end and norm[start] in _OPEN + _SEP:
        start += 1
    while end > start and norm[end - 1] in _CLOSE + _SEP:
        end -= 1
    masked = _mask(norm)
    # Chunks: each runs from the end of the previous verb to the end of its own.
    chunks: list[list] = []
    at = start
    for verb in _VERB.finditer(masked, start, end):
        if chunks and verb.start() == chunks[-1][1]:  # 修订通过: one event, the first verb names it
            chunks[-1][1] = verb.end()
            continue
        chunks.append([at, verb.end(), verb.group(1)])
        at = verb.end()
    # 根据…通过…批准的《决定》修正: an amendment clause runs to its amendment verb.
    merged: list[list] = []
    k = 0
    while k < len(chunks):
        s, e, verb = chunks[k]
        if _opens_amendment(masked, s) and verb not in AMEND:
            j = k + 1
            while j < len(chunks) and not _opens_amendment(masked, chunks[j][0]):
                if chunks[j][2] in AMEND:
                    s, e, verb = s, chunks[j][1], chunks[j][2]
                    k = j
                    break
                j += 1
        merged.append([s, e, verb])
        k += 1
    events: list[Event] = []
    for s, e, verb in merged:
        events.extend(_chunk_events(norm, orig, masked, s, e, verb))
    return events


def _opens_amendment(masked: str, at: int) -> bool:
    return masked[at:at + 8].lstrip(_SEP).startswith("根据")


def _chunk_events(norm: str, orig: str, masked: str, s: int, e: int, verb: str) -> list[Event]:
    """One chunk (ending with ``verb``) as events: one per date it names."""
    dates = [m for m in DATE_RE.finditer(masked, s, e) if parse_date(m)]
    text = orig[s:e].strip(_SEP)
    if not dates:
        return [Event(verb, None, _body(norm, orig, s, e), text)] if verb not in EFFECT else []
    amendment = _opens_amendment(masked, s)
    out = []
    for n, date in enumerate(dates):
        seg_end = dates[n + 1].start() if n + 1 < len(dates) else e
        kind = verb
        if amendment and n > 0 and "批准" in masked[date.end():seg_end]:
            kind = "批准"  # …修正案经省人大常委会批准: the approval of the amendment
        out.append(Event(kind, parse_date(date), _body(norm, orig, date.end(), seg_end),
                         orig[s if n == 0 else date.start():seg_end].strip(_SEP)))
    return out


def _body(norm: str, orig: str, start: int, end: int) -> str | None:
    """The acting body named in ``norm[start:end]``, its term (第十五届) dropped, cut from ``orig``."""
    lead = _BODY_LEAD.match(norm, start, end)
    pos = lead.end() if lead else start
    if norm.startswith(_STATE, pos) and end - pos > len(_STATE) + 1:
        pos += len(_STATE)
    cut = _BODY_END.search(norm, pos, end)
    stop = cut.start() if cut else end
    pieces, at = [], pos
    for term in _TERM.finditer(norm, pos, stop):
        pieces.append(orig[at:term.start()])
        at = term.end()
    pieces.append(orig[at:stop])
    name = "".join(pieces).strip(_SEP)
    for short, full, full_traditional in _ABBREVIATED:
        if normalise(name).endswith(short):
            traditional = name[-len(short):] != short
            name = name[:-len(short)] + (full_traditional if traditional else full)
            break
    if 2 <= len(name) <= 40 and re.fullmatch(r"[\u4e00-\u9fff、]+", name):
        return name
    return None


def _read_notice(lines: list[str], norm: list[str], i: int, out: History) -> None:
    """A promulgation notice on line ``i``: the adoption, the publication date below it, the effective date."""
    nline, oline = norm[i], lines[i]
    cut = _NOTICE.search(nline)
    sentence_end = cut.start()
    name = re.search(r"《([^》]{2,120})》", nline[:sentence_end])
    after = name.end() if name else 0
    date = DATE_RE.search(nline, after, sentence_end)
    first = i
    while first > 0 and i - first < 3 and (_NOTICE_HEAD.search(norm[first - 1]) or _is_number_line(norm[first - 1])):
        first -= 1
    head_body = None
    for k in range(first, i):
        if _NOTICE_HEAD.search(norm[k]):
            head = norm[k][:-2] if norm[k].endswith("公告") else norm[k][:-1]
            head_body = _body(head, lines[k][:len(head)], 0, len(head))
            if head_body in ("主席", "国家主席"):
                head_body = None
    if date and parse_date(date):
        verb = "修订" if "修订" in nline[after:sentence_end] else "修正" if "修正" in nline[after:sentence_end] else "通过"
        body = _body(norm[i], oline, after, date.start()) or _body(norm[i], oline, date.end(), sentence_end)
        out.events.append(Event(verb, parse_date(date), body, oline[after:sentence_end].strip(_SEP), "notice"))
    effective = re.search(r"自\s*(" + DATE_RE.pattern + r")\s*起\s*(?:施行|实施)", nline)
    if effective:
        out.events.append(Event("施行", parse_date(DATE_RE.search(effective.group(1))), None,
                                oline[effective.start():effective.end()], "notice"))
    last = i
    for k in range(i + 1, min(i + 6, len(norm))):
        found = DATE_RE.search(norm[k])
        if found and len(norm[k]) <= len(found.group(0)) + 2 and parse_date(found):
            out.events.append(Event("公布", parse_date(found), head_body, lines[k], "notice"))
            last = k
            break
    out.lines.update(range(first, last + 1))
    if name and out.title is None:
        wanted = name.group(1).replace("〈", "《").replace("〉", "》")
        shown = next((lines[k] for k in range(last + 1, min(last + 8, len(norm)))
                      if norm[k].strip("《》") == wanted), None)
        out.title = shown or oline[name.start(1):name.end(1)].replace("〈", "《").replace("〉", "》")


def _is_number_line(nline: str) -> bool:
    """第七十号, 2020年第3号, 〔2021〕第4号, 〔十五届〕第五十一号: a decree or notice number on its own."""
    return bool(re.fullmatch(r"[〔\[［(（]?[\w]{0,6}[〕\]］)）]?\s*第?\s*[\d一二三四五六七八九十百零〇]+\s*号", nline)
                or re.fullmatch(r"(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号", nline))
