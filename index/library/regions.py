"""Places: the 34 provincial-level divisions and their prefecture-level cities, and a document's region.

``guess_region`` decides where a document belongs: 全国 for a national
document (``index.library.national``), else the province (and city) its
title, issuer, signature or document number names, else the province its
text names most (three times at least).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.base.text import normalise
from index.library import national

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
SLUGS = {name: slug for name, _, _, slug in PROVINCES} | {national.NATIONAL: "quanguo"}
_ABBREV = {abbr: name for name, _, abbr, _ in PROVINCES}
#: A province by its one-character abbreviation (粤 广东省, 沪 上海市), as officials write it.
PROVINCE_BY_ABBREV = _ABBREV
CITY_PROVINCE: dict[str, str] = {}
for _line in _CITIES.strip().splitlines():
    _prov, *_names = _line.split()
    for _name in _names:
        CITY_PROVINCE.setdefault(_name, PROVINCE_BY_SHORT[_prov])

_PROV_RE = re.compile("|".join(sorted(
    {re.escape(n) for name, short, _, _ in PROVINCES for n in (name, short)}, key=len, reverse=True)))
# A development zone named after its city (广州经济技术开发区, 苏州工业园区) places a document in that city:
# its management committee issues in the zone's name, without 市.
_ZONES = "经济技术开发区|经济开发区|高新技术产业开发区|高新区|工业园区|开发区|新区|综合保税区|保税区|港区"
_ZONE_RE = re.compile(_ZONES)
_CITY_RE = re.compile(
    "(" + "|".join(sorted(map(re.escape, CITY_PROVINCE), key=len, reverse=True)) + ")"
    r"(市|地区|盟|经济特区|[\u4e00-\u9fff]{0,8}?自治州|" + _ZONES + ")")

_RANK = {name: k for k, (name, _, _, _) in enumerate(PROVINCES)}


def region_key(region: str | None) -> tuple[int, int, str]:
    """Sort key for regions: 全国 first, then the provinces in the order of the administrative division codes
    (北京、天津、河北 … 新疆, as every official list has them), any other name after them, 不详 last."""
    region = region or national.UNKNOWN
    if region == national.NATIONAL:
        return (0, 0, region)
    if region == national.UNKNOWN:
        return (3, 0, region)
    rank = _RANK.get(region)
    return (1, rank, region) if rank is not None else (2, 0, region)


# Levels as official lists have them; any other (a user's own, 县级, 区级 …) after them, by name.
_LEVEL_RANK = {"国家级": 0, "省级": 1, "市级": 2, "县级": 3}


def level_key(level: str | None) -> tuple[int, str]:
    """Sort key for levels: 国家级, 省级, 市级, 县级, then any other by name, none last."""
    if not level:
        return (6, "")
    return (_LEVEL_RANK.get(level, 5), level)


def region_in(text: str) -> tuple[str | None, str | None]:
    """(province, city) named in ``text`` (normalised), city winning if both."""
    # A zone places the text only when it opens it (its committee is the issuer, or the title's own subject):
    # 河北省…关于学习借鉴苏州工业园区经验的意见 is 河北's; 长白山开发区 is not 白山市's.
    city = next((m for m in _CITY_RE.finditer(text) if m.start() == 0 or not _ZONE_RE.fullmatch(m.group(2))), None)
    if city:
        name = city.group(1)
        suffix = city.group(2)
        province = CITY_PROVINCE[name]
        # 吉林市 is a city, 吉林省 the province; likewise 海南 (海南州 is in 青海).
        return province, name + ("市" if suffix == "经济特区" or _ZONE_RE.fullmatch(suffix) else suffix)
    prov = _PROV_RE.search(text)
    if prov:
        return PROVINCE_BY_SHORT.get(prov.group(0), prov.group(0)), None
    return None, None


def _local_title(norm_title: str) -> bool:
    """Whether a title names a place before its subject: 上海市实施《中华人民共和国…》办法 (not 中华人民共和国海南…法)."""
    head = re.split(r"关于|印发|《", norm_title, maxsplit=1)[0]
    if head.startswith("中华人民共和国"):
        return False
    return any(region_in(head))


def guess_region(text: str, norm_title: str, issuer: str | None, doc_number: str | None,
                  tail: list[tuple[int, str]], note: Callable) -> tuple[str | None, str | None, str | None]:
    """(region, city, level). A national document is 全国 whatever places its text names."""
    norm_issuer = normalise(issuer or "")
    local_issuer = any(region_in(norm_issuer))
    reason = None
    if not local_issuer:
        if national.is_national_body(norm_issuer):
            reason = "national issuer"
        elif national.is_national_title(norm_title) and not _local_title(norm_title):
            reason = "title of a national law or regulation, or opening with central bodies"
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
            region, city = region_in(where)
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
