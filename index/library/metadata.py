"""Guess a document's metadata from its text: what the import dialog proposes.

Title, issuer, region and city (``index.library.regions``: 全国 for national
documents, the 34 provincial-level divisions and their prefecture-level
cities), document number (豫政办〔2017〕159号), dates (YYYY年M月D日,
二〇一七年十二月十二日; for laws and regulations the history header and
promulgation notice, ``index.library.history``: adoption, amendments, the
current version's date, the effective date), status (征求意见稿) and script. Every guess is recorded under
``inferred`` with where it came from, so the user can confirm or correct it.

Matching runs on ``normalise(text)`` (simplified, same length), so a
traditional-script document is understood the same way; values that quote
the document (title, issuer, number) are cut from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from index.base.text import detect_script, normalise, normalise_many
from index.library.dates import DATE_RE, ISO_DATE, cn_number, parse_date  # noqa: F401 - cn_number re-exported
from index.library.history import History, is_header_line, parse_history
from index.library.regions import CITY_PROVINCE, PROVINCES, SLUGS, guess_region  # noqa: F401 - re-exported

DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,14}\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*[号號]")
_TITLE_WORDS = re.compile(r"法$|法典$|意见|办法|规定|条例|方案|通知|决定|细则|措施|规划|纲要|若干|指导|实施|公告|批复|"
                          r"通告|计划|政策|规则|章程|指引|目录|清单|标准|要点|意見|辦法|規定|條例|決定|細則|規劃|綱要")
_ORG_END = re.compile(r"(?:人民代表大会|人民政府|办公厅|办公室|委员会|常务委员会|常委会|管理委员会|管委会|政府|厅|局|部|委|署|院|"
                      r"办|中心|总局|联合会|商会)$")
_SENTENCE = re.compile(r"[。；;！？!?，,：:]")
# A clause's number opening a heading (一、 第一章 （一） 1.): a heading of the text, not the document's title.
_ATTACHMENT_LIST = re.compile(r"附\s*件\s*[:：]\s*\S.*")
_NUMBERED = re.compile(r"(?:第[零〇一二三四五六七八九十百千两\d]+[编章节条]|[零〇一二三四五六七八九十百]+[、，,．.]|"
                       r"[（(][零〇一二三四五六七八九十百\d]+[)）]|\d{1,3}[、．.])")
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜—–-]+\s*[^_|｜—–-]{0,30})+$")
# Titles that programs leave in a file (Word's and WPS's summary, a page's <title>) and that say nothing of
# the document: never offered as its title.
PLACEHOLDER_TITLE = re.compile(r"^(?:Microsoft Word - .*|(?:新建\s*)?(?:Microsoft\s*)?(?:Word\s*)?文档\s*\d*|"
                               r"新建文本文档|无标题(?:文档)?|Untitled(?: Document)?|Document\s*\d*|Normal|标题|Title|"
                               r"\W*)$", re.I)


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines as (offset, stripped line, without a leading #)."""
    out, at = [], 0
    for raw in text.split("\n"):
        line = raw.strip().lstrip("#").strip()
        if line:
            out.append((at + raw.find(line[0]) if line else at, line))
        at += len(raw) + 1
    return out


_ORDER = re.compile(r"[\u4e00-\u9fff]{2,20}(?:令|公告)")
_ORDER_NUMBER = re.compile(r"[（(]?第\s*(?:\d{1,5}|[零〇一二三四五六七八九十百千]{1,8})\s*号[）)]?")


def _order_number(head: list[str]) -> str | None:
    """An order's or announcement's number, as its first lines give it: 浙江省人民政府令 over 第388号 gives
    浙江省人民政府令第388号; 中华人民共和国主席令 over 第八十六号 gives 中华人民共和国主席令第八十六号."""
    lines = [re.sub(r"\s+", "", line) for line in head]
    norms = normalise_many(lines)  # matched in simplified script (第388號 is 第388号), cut from the lines as written
    for k in range(len(lines) - 1):
        name, number, norm_name, norm_number = lines[k], lines[k + 1], norms[k], norms[k + 1]
        if norm_name == "公告" and k > 0:  # 湖南省人民政府 / 公　告 / （第52号）
            name, norm_name = lines[k - 1] + name, norms[k - 1] + norm_name
        if _ORDER.fullmatch(norm_name) and _ORDER_NUMBER.fullmatch(norm_number):
            return name + number.strip("（）()")
        joined = _ORDER.match(norm_name)
        if joined and _ORDER_NUMBER.fullmatch(norm_name[joined.end():]):  # 浙江省人民政府令第388号 on one line
            return re.sub(r"[（）()]", "", name)
    return None


def guess_title(text: str, declared: str | None = None, skip: Iterable[int] = (),
                lines: list[tuple[int, str]] | None = None) -> tuple[str | None, str]:
    """The document's title and where it was found.

    Args:
        text: the body.
        declared: a title the file declares (HTML ``<title>`` …).
        skip: indices of lines (non-empty lines, in order) that are not the
            title: a promulgation notice, a history header.
        lines: ``_lines(text)``, if the caller has them.
    """
    all_lines = _lines(text) if lines is None else lines
    for raw in text.split("\n")[:40]:
        if raw.startswith("# ") and not _NUMBERED.match(normalise(raw[2:].strip())):  # 一、总体要求 in Heading 1: no title
            return raw[2:].strip().strip("#").strip(), "first # heading"
    skip = set(skip)
    head = [line for k, (_, line) in enumerate(all_lines[:10 + len(skip)])
            if k not in skip and not is_header_line(normalise(line))][:10]
    norms = normalise_many(head)  # the kind of document read in simplified script: 行動計劃 is 行动计划
    for i, line in enumerate(head):
        if DOC_NUMBER_RE.fullmatch(line) or DATE_RE.search(line) and len(line) < 20:
            continue
        if line.endswith(("：", ":")):  # 各省、自治区…商务主管部门：, the addressees: never the title
            continue
        if 6 <= len(line) <= 120 and not _SENTENCE.search(line[:-1]) and _TITLE_WORDS.search(norms[i]):
            # A title wrapped over two lines: the second ends with the kind of document.
            if i + 1 < len(head) and len(head[i + 1]) <= 40 and not _SENTENCE.search(head[i + 1]) \
                    and _TITLE_WORDS.search(norms[i + 1][-6:]) and not _TITLE_WORDS.search(norms[i][-4:]):
                return line + head[i + 1], "first title-like lines"
            return line.strip("《》"), "first title-like line"
        if i + 1 < len(head) and len(line) <= 40 and not _SENTENCE.search(line):
            joined = line + head[i + 1]
            if _TITLE_WORDS.search(norms[i + 1][-6:]) and len(joined) <= 120 and not _SENTENCE.search(head[i + 1]):
                return joined.strip("《》"), "first title-like lines"
    for line in head[:3]:
        quoted = re.search(r"《([^》]{4,80})》", line)
        if quoted and _TITLE_WORDS.search(normalise(quoted.group(1)[-6:])):
            return quoted.group(1), "《title》 quoted in the first lines"
    if declared and not PLACEHOLDER_TITLE.match(declared.strip()):
        clean = _SITE_SUFFIX.sub("", declared).strip() or declared.strip()
        return clean, "file's declared title"
    if head and not _NUMBERED.match(norms[0]):  # a clause (第一条…, 一、…) names no document: the file name does
        first = head[0]
        return (first[:60] + "…" if len(first) > 60 else first), "first line"
    return None, ""


def guess_metadata(text: str, declared_title: str | None = None, filename: str | None = None) -> dict[str, Any]:
    """Guess metadata for a document body.

    Args:
        text: the body (original script).
        declared_title: a title the file declares (HTML ``<title>`` …).
        filename: the file's name, the title of last resort.

    Returns:
        Front-matter fields: ``title, region, city, issuer, level,
        doc_number, issued, published, year, status, script`` and, from a
        regulation's history (``index.library.history``), ``adopted,
        effective, amendments`` ([{"date", "event", "text"}]) and ``history``
        (every event: {"date", "event", "body", "text"}); ``issued`` is the
        current version's date. ``inferred`` says where each guess came
        from ({field: {"value", "from": [reason]}}). Unknown fields are None.
    """
    lines = _lines(text)
    # Only the head and the signature block are read line by line; normalising
    # just those keeps a 50 MB import from converting every character twice.
    # The signature block: the last lines, or, in a notice whose attachments follow it, the lines under its list
    # of attachments (附件：1．… / 2．…, then the office and the date).
    listed = next((i for i, (_, line) in enumerate(lines) if _ATTACHMENT_LIST.fullmatch(line.strip())), None)
    signature = list(range(listed, min(listed + 10, len(lines)))) if listed is not None else []
    if not any(DATE_RE.search(lines[i][1]) for i in signature):  # no dated signature there: the last lines
        signature = list(range(max(0, len(lines) - 8), len(lines)))
    wanted = sorted(set(range(min(history_scan(), len(lines)))) | set(signature))
    norm_lines = list(lines)
    for i, norm in zip(wanted, normalise_many([lines[i][1] for i in wanted]), strict=True):  # one OpenCC call
        norm_lines[i] = (lines[i][0], norm)
    tail = [norm_lines[i] for i in signature]
    inferred: dict[str, dict] = {}

    def note(field: str, value: Any, reason: str) -> Any:
        if value not in (None, "", []):
            inferred[field] = {"value": value, "from": [reason]}
        return value

    scan = history_scan()
    history = parse_history([line for _, line in lines[:scan]], [n for _, n in norm_lines[:scan]], text[-20000:])
    if history.title:
        title, why = history.title, "promulgation notice (《title》 it publishes)"
    else:
        title, why = guess_title(text, declared_title, skip=history.lines, lines=lines)
    if not title and filename:
        title, why = filename.rsplit(".", 1)[0], "file name"
    note("title", title, why)
    norm_title = normalise(title or "")

    # -- document number: a line of its own near the top, not a citation.
    doc_number = None
    for _, line in lines[:15]:
        found = DOC_NUMBER_RE.search(line)
        if found and len(found.group(0)) >= 0.6 * len(line.strip("()（）")):
            doc_number = note("doc_number", found.group(0).strip(), "number line under the title")
            break
    if doc_number is None:  # an order (浙江省人民政府令 / 第388号, 中华人民共和国主席令 / 第八十六号)
        doc_number = note("doc_number", _order_number([line for _, line in lines[:6]]), "order number at the top")

    fields = _labelled_fields(norm_lines[:scan], [line for _, line in lines[:scan]])
    issued, published = _guess_dates(history, fields, norm_lines, tail, note)
    issuer = _guess_issuer(text, title, norm_title, history, fields, tail, note)
    region, city, level = guess_region(text, norm_title, issuer, doc_number, tail, note)

    year = None
    for value, reason in ((issued, "issued date"), (doc_number, "document number"),
                          (title, "year in the title"), (published, "published date")):
        found = value and re.search(r"(?:19|20)\d{2}", value)
        if found:
            year = note("year", int(found.group(0)), reason)
            break

    head = "".join(n for _, n in norm_lines[:12])
    status = "征求意见稿" if "征求意见稿" in norm_title or "征求意见稿" in head else "正式"
    if status != "正式":
        note("status", status, "征求意见稿 in the title or heading")

    amendments = [{"date": e.date, "event": e.event, "text": e.text} for e in history.amendments]
    note("adopted", history.adopted, "history header (通过/制定)")
    note("amendments", amendments, "history header (修正/修订/修改)")
    effective = None
    for value, why in ((history.declared_effective, "history header (施行)"),
                       (fields.get("effective"), fields.get("effective_label", "")),
                       (history.effective_in_text, "the text's own 本…自…起施行 article")):
        if value:
            effective = note("effective", value, why)
            break
    if history:
        inferred["history"] = {"value": len(history.events), "from": ["dated history lines under the title"]}
    return {
        "title": title, "region": region, "city": city, "issuer": issuer, "level": level,
        "doc_number": doc_number, "issued": issued, "published": published, "year": year,
        "status": status, "script": detect_script(text[:20000]), "adopted": history.adopted,
        "effective": effective, "amendments": amendments, "history": [e.to_dict() for e in history.events],
        "inferred": inferred,
    }


def history_scan() -> int:
    """Lines read for a history header and promulgation notice (and normalised for it)."""
    from index.library.history import SCAN_LINES

    return max(20, SCAN_LINES)


# Labelled fields at the head of copies from legal databases and government sites:
# 【公布日期】2020.12.24, 施行日期：2021-03-01, 制定机关：…, 【发布部门】….
_FIELD_DATE = re.compile(r"(成文日期|发布日期|发布时间|印发日期|公布日期|施行日期|实施日期|生效日期)\s*[】\]]?\s*[:：]?\s*")
_FIELD_BODY = re.compile(r"^[【\[]?(制定机关|发布机关|发布部门|颁布机关|发文机关)[】\]]?\s*[:：]?\s*(\S.{1,40})$")


def _labelled_fields(norm_lines: list[tuple[int, str]], lines: list[str]) -> dict[str, str]:
    """Dates (by label) and the issuing body that labelled head lines give."""
    out: dict[str, str] = {}
    for (_, nline), line in zip(norm_lines, lines, strict=False):
        found = _FIELD_DATE.search(nline)
        if found:
            date = ISO_DATE.search(nline, found.end()) or DATE_RE.search(nline, found.end())
            if date and parse_date(date):
                out.setdefault(found.group(1), parse_date(date))
                if found.group(1) in ("施行日期", "实施日期", "生效日期") and "effective" not in out:
                    out["effective"], out["effective_label"] = parse_date(date), found.group(1)
        body = _FIELD_BODY.match(nline)
        if body and "issuer" not in out:
            name = line[body.start(2):body.end(2)]
            # 浙江省人大(含常委会): most local regulations are their standing committee's
            name = re.sub(r"[(（]含常委会[)）]$", "常委会", name.strip())
            name = re.sub(r"人大常委会$", "人民代表大会常务委员会", re.sub(r"人大$", "人民代表大会", name))
            out["issuer"], out["issuer_label"] = name, body.group(1)
    return out


def _guess_dates(history: History, fields: dict[str, str], norm_lines: list[tuple[int, str]],
                 tail: list[tuple[int, str]], note) -> tuple[str | None, str | None]:
    """(issued, published): the current version's date from the history, else a 公布日期 field, else the
    signature's, else a site's."""
    issued = published = None
    if history.current:
        latest = next((e for e in reversed(history.events) if e.date == history.current), None)
        issued = note("issued", history.current,
                      f"history: current version ({latest.event if latest else ''} {history.current})")
    elif fields.get("公布日期"):
        issued = note("issued", fields["公布日期"], "公布日期 field")
    if not issued:
        for _, nline in reversed(tail):
            found = DATE_RE.search(nline)
            if found and len(nline) <= len(found.group(0)) + 4:
                issued = note("issued", parse_date(found), "date line under the signature")
                break
    for label in ("成文日期", "印发日期", "发布日期", "发布时间"):
        if fields.get(label):
            if label in ("成文日期", "印发日期") and not issued:
                issued = note("issued", fields[label], label)
            elif label.startswith("发布") and not published:
                published = note("published", fields[label], label)
    if not issued:
        for _, nline in norm_lines[:6]:
            found = DATE_RE.search(nline)
            if found and len(nline) <= len(found.group(0)) + 6:
                issued = note("issued", parse_date(found), "date line under the title")
                break
    if not published and history.published:
        published = note("published", history.published, "history: 公布/发布")
    return issued, published


def _guess_issuer(text: str, title: str | None, norm_title: str, history: History, fields: dict[str, str],
                  tail: list[tuple[int, str]], note) -> str | None:
    """The title's prefix before 关于, else the history's adopting body, else a 制定机关 field, else the signature."""
    about = re.match(r"(.{2,40}?)(?:关于|印发)", norm_title)
    if about and _ORG_END.search(about.group(1)):
        return note("issuer", (title or "")[:about.end(1)], f"title before {norm_title[about.end(1):about.end(1) + 2]}")
    if history.issuer:
        return note("issuer", history.issuer, history.issuer_from())
    if fields.get("issuer"):
        return note("issuer", fields["issuer"], f"{fields['issuer_label']} field")
    for at, nline in reversed(tail):
        if 3 <= len(nline) <= 40 and _ORG_END.search(nline) and not _SENTENCE.search(nline) \
                and not DATE_RE.search(nline):
            return note("issuer", text[at:at + len(nline)], "signature line")
    return None
