"""Guess a document's metadata from its text: what the import dialog proposes.

Title, issuer, region and city (all 34 provincial-level divisions and their
prefecture-level cities), document number (豫政办〔2017〕159号), dates
(YYYY年M月D日, 二〇一七年十二月十二日, and the dated history lines of
regulations), status (征求意见稿) and script. Every guess is recorded under
``inferred`` with where it came from, so the user can confirm or correct it.

Matching runs on ``normalise(text)`` (simplified, same length), so a
traditional-script document is understood the same way; values that quote
the document (title, issuer, number) are cut from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from index.base.text import detect_script, normalise
from index.library import national
from index.library.dates import DATE_RE, ISO_DATE, cn_number, parse_date  # noqa: F401 - cn_number re-exported
from index.library.history import History, is_header_line, parse_history

# (name, short name, 简称 used in document numbers, id slug)
PROVINCES: list[tuple[str, str, str, str]] = [
    ("北京市", "北京", "京", "beijing"), ("天津市", "天津", "津", "tianjin"),
    ("河北省", "河北", "冀", "hebei"), ("山西省", "山西", "晋", "shanxi"),
    ("内蒙古自治区", "内蒙古", "蒙", "neimenggu"), ("辽宁省", "辽宁", "辽", "liaoning"),
    ("吉林省", "吉林", "吉", "jilin"), ("黑龙江省", "黑龙江", "黑", "heilongjiang"),
    ("上海市", "上海", "沪", "shanghai"), ("江苏省", "江苏", "苏", "jiangsu"),
    ("浙江省", "浙江", "浙", "zhejiang"), ("安徽省", "安徽", "皖", "anhui"),
    ("福建省", "福建", "闽", "fujian"), ("江西省", "江西", "赣", "jiangxi"),
    ("山东省", "山东", "鲁", "shandong"), ("河南省", "河南", "豫", "henan"),
    ("湖北省", "湖北", "鄂", "hubei"), ("湖南省", "湖南", "湘", "hunan"),
    ("广东省", "广东", "粤", "guangdong"), ("广西壮族自治区", "广西", "桂", "guangxi"),
    ("海南省", "海南", "琼", "hainan"), ("重庆市", "重庆", "渝", "chongqing"),
    ("四川省", "四川", "川", "sichuan"), ("贵州省", "贵州", "黔", "guizhou"),
    ("云南省", "云南", "云", "yunnan"), ("西藏自治区", "西藏", "藏", "xizang"),
    ("陕西省", "陕西", "陕", "shaanxi"), ("甘肃省", "甘肃", "甘", "gansu"),
    ("青海省", "青海", "青", "qinghai"), ("宁夏回族自治区", "宁夏", "宁", "ningxia"),
    ("新疆维吾尔自治区", "新疆", "新", "xinjiang"), ("台湾省", "台湾", "台", "taiwan"),
    ("香港特别行政区", "香港", "港", "hongkong"), ("澳门特别行政区", "澳门", "澳", "macao"),
]

# Prefecture-level divisions by province (short names). Matched only with a
# suffix (市, 地区, 盟, …自治州) because many are also ordinary words (来宾, 中山).
_CITIES = """
河北 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 定州 辛集
山西 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
内蒙古 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安 锡林郭勒 阿拉善
辽宁 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛
吉林 长春 吉林 四平 辽源 通化 白山 松原 白城 延边
黑龙江 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭
江苏 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
浙江 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌
安徽 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福建 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
江西 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
山东 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
河南 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源
湖北 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门
湖南 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西
广东 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
广西 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海南 海口 三亚 三沙 儋州
四川 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山
贵州 贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南
云南 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆
西藏 拉萨 日喀则 昌都 林芝 山南 那曲 阿里
陕西 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 杨凌
甘肃 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南
青海 西宁 海东 海北 黄南 果洛 玉树 海西
宁夏 银川 石嘴山 吴忠 固原 中卫
新疆 乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子
"""

PROVINCE_BY_SHORT = {short: name for name, short, _, _ in PROVINCES}
SLUGS = {name: slug for name, _, _, slug in PROVINCES}
_ABBREV = {abbr: name for name, _, abbr, _ in PROVINCES}
CITY_PROVINCE: dict[str, str] = {}
for _line in _CITIES.strip().splitlines():
    _prov, *_names = _line.split()
    for _name in _names:
        CITY_PROVINCE.setdefault(_name, PROVINCE_BY_SHORT[_prov])

_PROV_RE = re.compile("|".join(sorted(
    {re.escape(n) for name, short, _, _ in PROVINCES for n in (name, short)}, key=len, reverse=True)))
_CITY_RE = re.compile(
    "(" + "|".join(sorted(map(re.escape, CITY_PROVINCE), key=len, reverse=True)) + ")"
    r"(市|地区|盟|[\u4e00-\u9fff]{0,8}?自治州)")

DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,14}\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*[号號]")
_TITLE_WORDS = re.compile(r"法$|法典$|意见|办法|规定|条例|方案|通知|决定|细则|措施|规划|纲要|若干|指导|实施|公告|批复|"
                          r"通告|计划|政策|规则|章程|指引|目录|清单|标准|要点|意見|辦法|規定|條例|決定|細則|規劃|綱要")
_ORG_END = re.compile(r"(?:人民代表大会|人民政府|办公厅|办公室|委员会|常务委员会|常委会|管理委员会|管委会|政府|厅|局|部|委|署|院|"
                      r"办|中心|总局|联合会|商会)$")
_SENTENCE = re.compile(r"[。；;！？!?，,：:]")
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜—–-]+\s*[^_|｜—–-]{0,30})+$")


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines as (offset, stripped line, without a leading #)."""
    out, at = [], 0
    for raw in text.split("\n"):
        line = raw.strip().lstrip("#").strip()
        if line:
            out.append((at + raw.find(line[0]) if line else at, line))
        at += len(raw) + 1
    return out


def guess_title(text: str, declared: str | None = None, skip: Iterable[int] = ()) -> tuple[str | None, str]:
    """The document's title and where it was found.

    Args:
        text: the body.
        declared: a title the file declares (HTML ``<title>`` …).
        skip: indices of lines (non-empty lines, in order) that are not the
            title: a promulgation notice, a history header.
    """
    all_lines = _lines(text)
    for raw in text.split("\n")[:40]:
        if raw.startswith("# "):
            return raw[2:].strip().strip("#").strip(), "first # heading"
    skip = set(skip)
    head = [line for k, (_, line) in enumerate(all_lines[:10 + len(skip)])
            if k not in skip and not is_header_line(normalise(line))][:10]
    for i, line in enumerate(head):
        if DOC_NUMBER_RE.fullmatch(line) or DATE_RE.search(line) and len(line) < 20:
            continue
        if 6 <= len(line) <= 120 and not _SENTENCE.search(line[:-1]) and _TITLE_WORDS.search(line):
            # A title wrapped over two lines: the second ends with the kind of document.
            if i + 1 < len(head) and len(head[i + 1]) <= 40 and not _SENTENCE.search(head[i + 1]) \
                    and _TITLE_WORDS.search(head[i + 1][-6:]) and not _TITLE_WORDS.search(line[-4:]):
                return line + head[i + 1], "first title-like lines"
            return line.strip("《》"), "first title-like line"
        if i + 1 < len(head) and len(line) <= 40 and not _SENTENCE.search(line):
            joined = line + head[i + 1]
            if _TITLE_WORDS.search(head[i + 1][-6:]) and len(joined) <= 120 and not _SENTENCE.search(head[i + 1]):
                return joined.strip("《》"), "first title-like lines"
    for line in head[:3]:
        quoted = re.search(r"《([^》]{4,80})》", line)
        if quoted and _TITLE_WORDS.search(quoted.group(1)[-6:]):
            return quoted.group(1), "《title》 quoted in the first lines"
    if declared:
        clean = _SITE_SUFFIX.sub("", declared).strip() or declared.strip()
        return clean, "file's declared title"
    if head:
        first = head[0]
        return (first[:60] + "…" if len(first) > 60 else first), "first line"
    return None, ""


def _region_in(text: str) -> tuple[str | None, str | None]:
    """(province, city) named in ``text`` (normalised), city winning if both."""
    city = _CITY_RE.search(text)
    if city:
        name = city.group(1)
        suffix = city.group(2)
        province = CITY_PROVINCE[name]
        # 吉林市 is a city, 吉林省 the province; likewise 海南 (海南州 is in 青海).
        return province, name + suffix if suffix in ("市", "盟", "地区") else name + suffix
    prov = _PROV_RE.search(text)
    if prov:
        return PROVINCE_BY_SHORT.get(prov.group(0), prov.group(0)), None
    return None, None


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
    wanted = set(range(min(history_scan(), len(lines)))) | set(range(max(0, len(lines) - 8), len(lines)))
    norm_lines = [(at, normalise(line) if i in wanted else line) for i, (at, line) in enumerate(lines)]
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
        title, why = guess_title(text, declared_title, skip=history.lines)
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

    issued, published = _guess_dates(history, norm_lines, note)
    issuer = _guess_issuer(text, title, norm_title, history, norm_lines[-8:], note)
    region, city, level = _guess_region(text, norm_title, issuer, doc_number, norm_lines[-8:], note)

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
    effective = note("effective", history.effective,
                     "history header (施行)" if history.effective != history.effective_in_text
                     else "the text's own 本…自…起施行 article")
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


def _guess_dates(history: History, norm_lines: list[tuple[int, str]], note) -> tuple[str | None, str | None]:
    """(issued, published): the current version's date from the history, else the signature's, else a site's."""
    issued = published = None
    if history.current:
        latest = next((e for e in reversed(history.events) if e.date == history.current), None)
        issued = note("issued", history.current,
                      f"history: current version ({latest.event if latest else ''} {history.current})")
    tail = norm_lines[-8:]
    if not issued:
        for _, nline in reversed(tail):
            found = DATE_RE.search(nline)
            if found and len(nline) <= len(found.group(0)) + 4:
                issued = note("issued", parse_date(found), "date line under the signature")
                break
    for _, nline in norm_lines[:20]:
        site = re.search(r"(成文日期|发布日期|发布时间|印发日期)\s*[:：]?\s*", nline)
        if site:
            found = ISO_DATE.search(nline, site.end()) or DATE_RE.search(nline, site.end())
            if found and parse_date(found):
                if site.group(1) in ("成文日期", "印发日期") and not issued:
                    issued = note("issued", parse_date(found), site.group(1))
                elif site.group(1).startswith("发布") and not published:
                    published = note("published", parse_date(found), site.group(1))
    if not issued:
        for _, nline in norm_lines[:6]:
            found = DATE_RE.search(nline)
            if found and len(nline) <= len(found.group(0)) + 6:
                issued = note("issued", parse_date(found), "date line under the title")
                break
    if not published and history.published:
        published = note("published", history.published, "history: 公布/发布")
    return issued, published


def _guess_issuer(text: str, title: str | None, norm_title: str, history: History,
                  tail: list[tuple[int, str]], note) -> str | None:
    """The title's prefix before 关于, else the history's adopting body, else the signature."""
    about = re.match(r"(.{2,40}?)关于", norm_title)
    if about and _ORG_END.search(about.group(1)):
        return note("issuer", (title or "")[:about.end(1)], "title before 关于")
    if history.issuer:
        return note("issuer", history.issuer, history.issuer_from())
    for at, nline in reversed(tail):
        if 3 <= len(nline) <= 40 and _ORG_END.search(nline) and not _SENTENCE.search(nline) \
                and not DATE_RE.search(nline):
            return note("issuer", text[at:at + len(nline)], "signature line")
    return None


def _guess_region(text: str, norm_title: str, issuer: str | None, doc_number: str | None,
                  tail: list[tuple[int, str]], note) -> tuple[str | None, str | None, str | None]:
    """(region, city, level). A national document is 全国 whatever places its text names."""
    norm_issuer = normalise(issuer or "")
    local_issuer = any(_region_in(norm_issuer))
    reason = None
    if not local_issuer:
        if national.is_national_body(norm_issuer):
            reason = "national issuer"
        elif national.is_national_title(norm_title) and not any(_region_in(norm_title[7:])):
            reason = "title of a national law or regulation (中华人民共和国…)"
        elif national.is_national_number(normalise(doc_number or "")):
            reason = "document number of a central body"
    if reason:
        note("region", national.NATIONAL, reason)
        note("level", national.NATIONAL_LEVEL, reason)
        return national.NATIONAL, None, national.NATIONAL_LEVEL

    region = city = None
    sources = [(norm_title, "title"), (norm_issuer, "issuer"),
               ("".join(n for _, n in tail), "signature"), (normalise(doc_number or "")[:1], "")]
    for where, why in sources:
        if not where:
            continue
        if why:
            region, city = _region_in(where)
        elif where in _ABBREV:
            region, why = _ABBREV[where], "document number prefix"
        if region:
            note("region", region, why)
            if city:
                note("city", city, why)
            break
    if not region:
        counts: dict[str, int] = {}
        for found in _PROV_RE.finditer(normalise(text[:20000])):
            name = PROVINCE_BY_SHORT.get(found.group(0), found.group(0))
            counts[name] = counts.get(name, 0) + 1
        if counts:
            best = max(counts, key=counts.get)
            if counts[best] >= 3:
                region = note("region", best, f"named {counts[best]} times in the text")

    level = "市级" if city else "省级" if region else None
    note("level", level, "from the issuer/region")
    return region, city, level
