"""A document's short title, as the bundled documents have one (吉林·加快推动国家级开发区高质量发展实施意见), made
from the title of a document that has none: the place, then the subject.

Titles of official documents open with their issuer and 关于 (浙江省人民政府办公厅关于加快推进…的实施意见), and an
issuing notice wraps what it issues (关于印发《…方案》的通知); regulations open with their place (上海市社会救助
条例). Lists, tabs and column headers cut a title to its first characters, which were then the same for most of a
province's documents (浙江省人民…). The short title puts the place's short name first and the subject after it:
浙江·加快推进…的实施意见, 嘉兴·省级以上经济开发区开展…活动方案, 上海·社会救助条例.
"""

from __future__ import annotations

import functools
import re

from index.base.text import detect_script, to_simplified
from index.library import national
from index.library.regions import CITY_PROVINCE, PROVINCES

_SHORT_PROVINCE = {name: short for name, short, _, _ in PROVINCES}
# What an issuer's name ends with, before 关于 (厅, 办公室, 委员会, 人民政府 …; 和 and 、 join several), or a
# place's name issuing alone (太原市关于…, 浙江省关于…, 德清县关于…, 苏州工业园区关于…): with the place not counted,
# 2,750 of 3,000 generated documents' short titles read 北京·关于深化…, 关于 where the subject should be.
_ISSUER_END = re.compile(r"(?:厅|室|局|会|部|委|府|院|办|处|署|行|司|组|区|中心|省|市|县|州|盟|旗|镇|乡|街道|园)$")
_ABOUT = re.compile(r"^(.{2,80}?)关于(.{4,})$")
_ISSUING = re.compile(r"(?:印发|转发|发布|公布)《?(.{4,}?)》?的(?:通知|决定|公告|令)$")
_CITY_SUFFIX = re.compile(r"(?:市|地区|盟|[\u4e00-\u9fff]{0,8}?自治州)$")
_NATIONAL_ISSUER_MAX = 6  # 国务院办公厅, 商务部: short enough to stand for 全国 (全国人民代表大会 is not)


def short_title(title: str, region: str | None, city: str | None = None, issuer: str | None = None) -> str:
    """The place's short name, ·, and the title's subject; the title itself when there is no place or subject."""
    title = (title or "").strip()
    core = subject(title, region, city)
    place = _place(region, city, issuer)
    norm = to_simplified(core)
    # No place where the subject opens with it or with the issuer already (国务院, 商务部令2019年第1号).
    if not place or not core or any(n and norm.startswith(to_simplified(n)) for n in (place, issuer)):
        return core or title
    return f"{_as_written(place, title)}·{core}"


def _as_written(place: str, title: str) -> str:
    """The place as the title writes it (廣東 in 廣東省人民政府關於…), else in the title's script: a traditional
    title's short title read 广东·推動開發區…, its place in the other script from the rest."""
    norm = to_simplified(title)
    at = norm.find(to_simplified(place))
    if at >= 0:
        return title[at:at + len(place)]
    if detect_script(title) != "繁体":
        return place
    written = _to_traditional().convert(place)
    return written if len(written) == len(place) else place


@functools.cache
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def subject(title: str, region: str | None, city: str | None = None) -> str:
    """The title without its issuer, 关于, an issuing notice's wrapper and the place it opens with; read in
    simplified script (關於 is 关于), cut from the title as written."""
    norm = to_simplified(title)  # the same length: its offsets are the title's
    start, end = _past_issuer(norm), len(title)
    issuing = _ISSUING.match(norm, start)
    if issuing:
        start, end = issuing.start(1), issuing.end(1)
        # What it issues has its own issuer and 关于 (转发省发展改革委关于…的意见的通知, 印发《关于…》的通知).
        start += _past_issuer(norm[start:end])
    for name in _place_names(region, city):
        if norm.startswith(name, start) and end - start - len(name) >= 4:
            start += len(name)
            break
    core = title[start:end].strip()
    if core.startswith("《") and core.endswith("》") and core.count("《") == 1:  # 《…条例》: the pair, not one mark
        core = core[1:-1]
    return core


def _past_issuer(norm: str) -> int:
    """Where the subject begins after the issuer and 关于 that a title in simplified script opens with, or after
    a 关于 without an issuer; 0 when it opens with neither."""
    about = _ABOUT.match(norm)
    if about and _ISSUER_END.search(about.group(1)):
        return about.start(2)
    if norm.startswith("关于") and len(norm) > 6:
        return 2
    return 0


@functools.lru_cache(maxsize=4096)
def city_short(city: str) -> str:
    """延边朝鲜族自治州 → 延边, 嘉兴市 → 嘉兴: the known short name it opens with, else without its suffix.

    Remembered: every listing of the library asks it of each document's city, and each answer scans the ~350
    known names (a worker holding the interpreter lock for it stalled the window's search at 3,443 documents).
    """
    known = [name for name in CITY_PROVINCE if city.startswith(name)]
    return max(known, key=len) if known else (_CITY_SUFFIX.sub("", city) or city)


def _place(region: str | None, city: str | None, issuer: str | None) -> str | None:
    if city:
        return city_short(city)
    if region == national.NATIONAL:
        return issuer if issuer and len(issuer) <= _NATIONAL_ISSUER_MAX else national.NATIONAL
    if region in _SHORT_PROVINCE:
        return _SHORT_PROVINCE[region]
    return None


def _place_names(region: str | None, city: str | None) -> list[str]:
    """The names a title may open with, longest first (嘉兴市 before 嘉兴, 中华人民共和国)."""
    names = []
    if city:
        names += [city, city_short(city)]
    if region == national.NATIONAL:
        names.append("中华人民共和国")
    elif region:
        names += [region, _SHORT_PROVINCE.get(region, "")]
    return [n for n in sorted(set(names), key=len, reverse=True) if n]
