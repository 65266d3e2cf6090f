"""National documents: the region 全国 and the bodies whose documents bind the whole country.

A document of 全国人大 or its standing committee, 国务院 and its offices,
a ministry or commission, 最高人民法院 or 最高人民检察院 belongs to the
region ``全国`` at level ``国家级``, whatever places its text names: the
最高人民法院's rules on the 上海金融法院 are national law, not Shanghai's.
Officials compare their province with that national baseline, so ``全国``
sorts before every province (``regions.region_key``) in the library, the search
facets, coverage and comparison columns.
"""

from __future__ import annotations

import re

from index.base.text import LazyPattern

NATIONAL = "全国"
NATIONAL_LEVEL = "国家级"
UNKNOWN = "不详"

# Central bodies by how their names begin, or ministries and agencies by how
# they end (商务部, 海关总署, 国家市场监督管理总局). Callers check first that
# the name holds no place: 国家税务总局上海市税务局 is Shanghai's office.
_CENTRAL = LazyPattern(
    r"^(?:全国人民代表大会|全国人大|国务院|中共中央|中国共产党中央委员会|中央(?:军事委员会|办公厅|全面|机构编制|网络安全)|"
    r"最高人民法院|最高人民检察院|国家|中国(?!共产党)|海关总署|审计署)")
_MINISTRY = LazyPattern(r"^[\u4e00-\u9fff]{1,12}(?:部|总局|总署|署)(?:办公厅|办公室)?$")
# Titles that open with a central body: 国务院关于…, 中共中央办公厅 国务院办公厅印发…, 财政部 税务总局关于….
_TITLE_BODY = LazyPattern(r"^(?P<body>[\u4e00-\u9fff、 ]{2,40}?)(?:关于|印发|等\d*个?部门)")
# Document numbers only central bodies use (国办发〔2017〕7号, 法释〔2019〕20号).
_NATIONAL_NUMBER = LazyPattern(r"^(?:国发|国办发|国函|国办函|国令|法释|法发|高检发|中发|中办发)\s*[〔\[［【(（]")
_STATE_PREFIX = "中华人民共和国"


def is_national_body(name: str | None) -> bool:
    """Whether ``name`` (normalised, already checked to name no place) is a central body.

    Joint issuers (``商务部、国家市场监督管理总局``) are national when every
    one of them is.
    """
    if not name:
        return False
    parts = [p.strip() for p in re.split(r"[、，,\s]+", name) if p.strip()]
    return bool(parts) and all(_is_central(p) for p in parts)


def _is_central(part: str) -> bool:
    if part.startswith(_STATE_PREFIX) and len(part) > len(_STATE_PREFIX):
        part = part[len(_STATE_PREFIX):]
    return bool(_CENTRAL.match(part) or _MINISTRY.match(part))


def is_national_number(doc_number: str | None) -> bool:
    """Whether a document number is one only central bodies issue."""
    return bool(doc_number and _NATIONAL_NUMBER.match(doc_number.strip()))


def is_national_title(title: str | None) -> bool:
    """A title of the state's own (中华人民共和国外商投资法) or one opening with central bodies (国务院关于…).

    Args:
        title: normalised; the caller has checked that it names no place
            before the body it opens with.
    """
    if not title:
        return False
    if title.startswith(_STATE_PREFIX) and len(title) > len(_STATE_PREFIX) + 1:
        return True
    opening = _TITLE_BODY.match(title)
    return bool(opening and is_national_body(opening.group("body")))
