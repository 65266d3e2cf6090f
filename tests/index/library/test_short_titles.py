"""Short titles made from a title (place·subject), for documents whose front matter has none."""

from __future__ import annotations

import pytest

from index.library.documents import Document
from index.library.short_titles import short_title


@pytest.mark.parametrize(("title", "region", "city", "issuer", "short"), [
    ("浙江省人民政府办公厅关于加快推进开发区高质量发展的实施意见", "浙江省", None, "浙江省人民政府办公厅",
     "浙江·加快推进开发区高质量发展的实施意见"),
    ("嘉兴市人民政府办公室关于印发嘉兴市省级以上经济开发区开展“改革创新推进年”和“国际化水平提升年”活动方案的通知",
     "浙江省", "嘉兴市", "嘉兴市人民政府办公室", "嘉兴·省级以上经济开发区开展“改革创新推进年”和“国际化水平提升年”活动方案"),
    ("上海市社会救助条例", "上海市", None, "上海市人民代表大会常务委员会", "上海·社会救助条例"),
    ("国务院办公厅关于促进开发区改革和创新发展的若干意见", "全国", None, "国务院办公厅",
     "国务院办公厅·促进开发区改革和创新发展的若干意见"),
    ("中华人民共和国外商投资法", "全国", None, "全国人民代表大会", "全国·外商投资法"),
    ("商务部关于印发《国家级经济技术开发区综合发展水平考核评价办法》的通知", "全国", None, "商务部",
     "商务部·国家级经济技术开发区综合发展水平考核评价办法"),
    ("广州经济技术开发区关于促进先进制造业发展的若干措施", "广东省", "广州市", "广州经济技术开发区管理委员会",
     "广州·促进先进制造业发展的若干措施"),
    ("关于加快开发区发展的意见", "河南省", None, None, "河南·加快开发区发展的意见"),
    ("开发区条例", None, None, None, "开发区条例"),  # no place: the title as it is
    ("延边朝鲜族自治州开发区条例", "吉林省", "延边朝鲜族自治州", None, "延边·开发区条例"),
    ("关于《开发区条例》的说明", "全国", None, None, "全国·《开发区条例》的说明"),  # 《》 taken off as a pair only
    ("国务院", "全国", None, "国务院", "国务院"),  # the subject opens with the issuer: no place before it
    ("商务部令2019年第1号", "全国", None, "商务部", "商务部令2019年第1号"),
    # A traditional title's place in its own script: it was 广东·推動開發區高質量發展的通知.
    ("廣東省人民政府關於推動開發區高質量發展的通知", "广东省", None, "廣東省人民政府", "廣東·推動開發區高質量發展的通知"),
    ("廣州經濟技術開發區關於促進先進製造業發展的若干措施", "广东省", "广州市", None, "廣州·促進先進製造業發展的若干措施"),
    ("關於加快推動開發區改革創新發展的實施意見", "河南省", None, None, "河南·加快推動開發區改革創新發展的實施意見"),
    ("關於加快廣東開發區發展的意見", "广东省", None, None, "廣東·加快廣東開發區發展的意見"),
    ("國務院辦公廳關於促進開發區改革和創新發展的若干意見", "全国", None, "國務院辦公廳",
     "國務院辦公廳·促進開發區改革和創新發展的若干意見"),
    ("中華人民共和國外商投資法", "全国", None, "全國人民代表大會", "全國·外商投資法"),
])
def test_a_short_title_is_the_place_then_the_subject(title, region, city, issuer, short):
    assert short_title(title, region, city, issuer) == short


def test_a_document_without_a_short_title_gets_one_and_one_it_has_is_kept():
    # Lists, tabs and columns cut the title to its first characters: 浙江省人民… for most of a province.
    meta = {"issuer": "浙江省人民政府办公厅"}
    made = Document("x", "浙江省人民政府办公厅关于加快推进开发区高质量发展的实施意见", "浙江省", "正文", meta)
    assert made.short_title == "浙江·加快推进开发区高质量发展的实施意见"
    given = Document("y", "浙江省人民政府办公厅关于加快推进开发区高质量发展的实施意见", "浙江省", "正文",
                     {**meta, "short_title": "浙江·开发区意见"})
    assert given.short_title == "浙江·开发区意见"


@pytest.mark.parametrize(("title", "region", "city", "short"), [
    ("太原市关于加快推进开发区改革的实施方案", "山西省", "太原市", "太原·加快推进开发区改革的实施方案"),
    ("浙江省关于加快推进开发区高质量发展的实施意见", "浙江省", None, "浙江·加快推进开发区高质量发展的实施意见"),
    ("北京市關於深化開發區管理制度改革的實施方案", "北京市", "北京市", "北京·深化開發區管理制度改革的實施方案"),
    ("吉林省關于加快推動全省國家級開發區高質量發展的實施意見", "吉林省", None,
     "吉林·加快推動全省國家級開發區高質量發展的實施意見"),  # the bundled title's own 關于
    ("延边朝鲜族自治州关于推进开发区整合优化的指导意见", "吉林省", "延边朝鲜族自治州", "延边·推进开发区整合优化的指导意见"),
    ("阿拉善盟关于推进开发区整合优化的指导意见", "内蒙古自治区", "阿拉善盟", "阿拉善·推进开发区整合优化的指导意见"),
    ("德清县关于加快推动开发区高质量发展的若干措施", "浙江省", "湖州市", "湖州·加快推动开发区高质量发展的若干措施"),
    ("杭州市关于印发《杭州市开发区整合提升方案》的通知", "浙江省", "杭州市", "杭州·开发区整合提升方案"),
    ("吉林市關於印發吉林市開發區考覈評價辦法的通知", "吉林省", "吉林市", "吉林·開發區考覈評價辦法"),
])
def test_a_place_issuing_by_its_name_alone_is_dropped_with_its_about(title, region, city, short):
    """A place before 关于 was no issuer: of 3,000 generated documents (太原市关于…的实施方案) 2,750 short titles
    kept it, as 北京·关于深化…, and a column cut to its first characters showed 关于 instead of the subject."""
    assert short_title(title, region, city) == short


@pytest.mark.parametrize(("title", "region", "short"), [
    ("河南省人民政府办公厅关于转发省发展改革委关于推进开发区整合优化的意见的通知", "河南省", "河南·推进开发区整合优化的意见"),
    ("浙江省人民政府关于转发《省商务厅关于加快推进开发区创新提升的实施意见》的通知", "浙江省",
     "浙江·加快推进开发区创新提升的实施意见"),
    ("河南省人民政府辦公廳關於轉發省發展改革委關於推進開發區整合優化的意見的通知", "河南省", "河南·推進開發區整合優化的意見"),
    ("国务院办公厅关于印发《关于促进开发区改革和创新发展的若干意见》的通知", "全国",
     "国务院办公厅·促进开发区改革和创新发展的若干意见"),
])
def test_the_issuer_and_about_of_a_title_an_issuing_notice_wraps_are_dropped_too(title, region, short):
    """关于转发省发展改革委关于…的通知 kept the wrapped title's issuer and 关于: 河南·省发展改革委关于推进…."""
    issuer = title.split("关于")[0].split("關於")[0]
    assert short_title(title, region, None, issuer) == short
