"""Metadata guesses: against the bundled documents' curated front matter, and edge cases."""

from __future__ import annotations

import pytest

from index.library.corpus import Corpus
from index.library.metadata import CITY_PROVINCE, PROVINCES, cn_number, guess_metadata, guess_title


@pytest.mark.parametrize("doc_id", ["henan-2017-kaifaqu", "jiaxing-2015-kaifaqu", "zhejiang-2022-kaifaqu",
                                    "jilin-2021-kaifaqu"])
def test_guesses_match_curated_metadata(doc_id):
    doc = Corpus(imported_dir=None).document(doc_id)
    guess = guess_metadata(doc.body)
    for key in ("title", "region", "city", "issuer", "level", "doc_number", "issued", "status", "script"):
        assert guess[key] == doc.get(key), key
    assert guess["inferred"]["title"]["from"]


def test_news_report_title_from_quoted_name():
    doc = Corpus(imported_dir=None).document("hebei-2017-kaifaqu")
    assert guess_metadata(doc.body)["title"] == "做大做强重点园区实施方案"


def test_all_34_provincial_divisions_are_known():
    assert len(PROVINCES) == 34
    assert len({p[3] for p in PROVINCES}) == 34
    for name, short, _, _ in PROVINCES:
        assert guess_metadata(f"{name}人民政府关于推进开发区建设的意见\n\n一、总体要求")["region"] == name, short


@pytest.mark.parametrize(("title", "region", "city", "level"), [
    ("嘉兴市人民政府办公室关于开发区的通知", "浙江省", "嘉兴市", "市级"),
    ("吉林市人民政府关于开发区的意见", "吉林省", "吉林市", "市级"),
    ("吉林省人民政府关于开发区的意见", "吉林省", None, "省级"),
    ("延边朝鲜族自治州人民政府关于开发区的意见", "吉林省", "延边朝鲜族自治州", "市级"),
    ("鄭州市人民政府關於開發區的意見", "河南省", "郑州市", "市级"),
    ("国务院办公厅关于促进开发区改革和创新发展的若干意见", "全国", None, "国家级"),
    # A zone's management committee issues in the zone's name, which names the city without 市 (was 不详).
    ("广州经济技术开发区关于促进先进制造业发展的若干措施", "广东省", "广州市", "市级"),
    ("苏州工业园区管理委员会关于加快招商引资的实施意见", "江苏省", "苏州市", "市级"),
    # … but only a zone that opens the title: one named inside it is another place's example.
    ("河北省人民政府关于学习借鉴苏州工业园区经验的意见", "河北省", None, "省级"),
    ("河南省商务厅关于对标上海浦东新区和兰州新区推进开发区建设的通知", "河南省", None, "省级"),
])
def test_region_city_and_level(title, region, city, level):
    guess = guess_metadata(f"{title}\n\n一、总体要求\n\n（一）推动开发区发展。")
    assert (guess["region"], guess["city"], guess["level"]) == (region, city, level)
    assert CITY_PROVINCE["嘉兴"] == "浙江省"


def test_regulation_history_lines_and_congress_issuer():
    text = ("湖北省开发区条例\n\n（2010年3月26日湖北省第十一届人民代表大会常务委员会第十五次会议通过　"
            "根据2016年12月1日湖北省第十二届人民代表大会常务委员会第二十五次会议《关于集中修改部分地方性法规的决定》修正）\n\n"
            "第一章　总则\n\n第一条　为了促进开发区发展，制定本条例。")
    guess = guess_metadata(text)
    assert guess["title"] == "湖北省开发区条例"
    assert [h["date"] for h in guess["history"]] == ["2010-03-26", "2016-12-01"]
    assert guess["history"][1]["text"].endswith("修正")
    assert guess["adopted"] == "2010-03-26"
    assert guess["issued"] == "2016-12-01" and guess["year"] == 2016  # the current version: the amendment
    assert [a["date"] for a in guess["amendments"]] == ["2016-12-01"]
    assert guess["issuer"] == "湖北省人民代表大会常务委员会"  # the adopting body, its term dropped
    assert guess["region"] == "湖北省"


def test_chinese_numeral_dates_and_doc_number_citations():
    text = ("某某县人民政府关于开发区的通知\n\n各乡镇：\n\n根据《国务院办公厅关于促进开发区改革和创新发展的若干意见》"
            "（国办发〔2017〕7号），现通知如下。\n\n某某县人民政府\n二〇一七年十二月十二日")
    guess = guess_metadata(text)
    assert guess["doc_number"] is None  # a citation in the text is not the document's number
    assert guess["issued"] == "2017-12-12"
    assert cn_number("二〇一七") == 2017 and cn_number("十二") == 12 and cn_number("二十") == 20


def test_status_and_traditional_script():
    guess = guess_metadata("浙江省商务厅關於開發區高質量發展的指導意見（徵求意見稿）\n\n一、總體要求")
    assert guess["status"] == "征求意见稿"
    assert guess["script"] == "繁体"
    assert guess_metadata("浙江省商务厅关于开发区的意见\n\n正文。")["status"] == "正式"


def test_title_fallbacks():
    assert guess_title("# 某某办法\n\n正文")[0] == "某某办法"
    assert guess_title("湖南省人民政府关于加快推进\n开发区转型升级的实施意见\n\n正文内容。")[0] == \
        "湖南省人民政府关于加快推进开发区转型升级的实施意见"
    assert guess_title("各单位：现将有关事项通知如下。", declared="开发区管理办法_某某政府网")[0] == "开发区管理办法"
    assert guess_metadata("正文没有标题，只有一句话。", filename="我的文件.txt")["title"]


@pytest.mark.parametrize(("signer", "region", "city", "level"), [
    ("湖北省人民政府办公厅", "湖北省", None, "省级"),
    ("宁波市商务局", "浙江省", "宁波市", "市级"),
    ("内蒙古自治区发展和改革委员会", "内蒙古自治区", None, "省级"),
])
def test_region_from_the_signature_when_the_title_names_none(signer, region, city, level):
    text = (f"关于加快开发区转型升级的实施意见（征求意见稿）\n\n一、总体要求\n\n（一）推动开发区发展。\n\n"
            f"{signer}\n2018年3月2日\n")
    guess = guess_metadata(text)
    assert (guess["region"], guess["city"], guess["issuer"], guess["level"]) == (region, city, signer, level)
    assert (guess["issued"], guess["year"], guess["status"]) == ("2018-03-02", 2018, "征求意见稿")
    assert guess["title"] == "关于加快开发区转型升级的实施意见（征求意见稿）"


def test_a_numbered_heading_or_the_addressees_are_never_the_title():
    # A Word 公文 with its title in a plain paragraph and 一、 in Heading 1 was titled 一、总体要求; a page whose
    # first lines are the addressees (各省、自治区…：) was titled by them, and placed in 新疆 (新疆生产建设兵团).
    body = ("江苏省人民政府办公厅关于推进全省开发区高质量发展的实施意见\n\n# 一、总体要求\n\n（一）指导思想。推动开发区发展。\n\n"
            "江苏省人民政府办公厅\n\n2021年3月5日\n")
    assert guess_title(body)[0] == "江苏省人民政府办公厅关于推进全省开发区高质量发展的实施意见"
    body = ("各省、自治区、直辖市及计划单列市、新疆生产建设兵团商务主管部门：\n\n为贯彻落实《国家级经济技术开发区综合发展水平考核评价办法》，"
            "现将有关事项通知如下。\n\n一、考核对象\n\n（一）国家级经济技术开发区。\n\n商务部\n\n2021年5月6日\n")
    guess = guess_metadata(body)
    assert not guess["title"].startswith("各省") and guess["region"] != "新疆维吾尔自治区"


def test_a_traditional_title_is_read_as_a_simplified_one():
    # The kinds of document a title ends with (计划, 实施, 要点, 标准, 清单 …) were matched in simplified script only: a
    # traditional title wrapped over two lines lost its second (廣東省開發區高質量發展), and a Word heading 第一條 or
    # 第一節 was taken for the title.
    body = "廣東省開發區高質量發展\n三年行動計劃\n\n粵府辦〔2023〕5號\n\n一、總體要求\n\n推動發展。\n\n廣東省人民政府辦公廳\n2023年4月7日\n"
    assert guess_title(body)[0] == "廣東省開發區高質量發展三年行動計劃"
    body = "# 第一節　規劃\n\n第一條　開發區規劃應當符合國土空間規劃。\n\n# 廣東省開發區條例\n"
    assert guess_title(body)[0] == "廣東省開發區條例"


@pytest.mark.parametrize(("head", "number"), [
    ("浙江省人民政府令\n\n第388号\n\n", "浙江省人民政府令第388号"),
    ("中华人民共和国主席令\n\n第八十六号\n\n", "中华人民共和国主席令第八十六号"),
    ("湖南省人民政府\n公　告\n（第52号）\n\n", "湖南省人民政府公告第52号"),
    ("湖南省人民政府公告(第52号)\n\n", "湖南省人民政府公告第52号"),  # on one line, half-width brackets
    ("廣東省人民政府令\n\n第388號\n\n", "廣東省人民政府令第388號"),  # traditional script: read as 第388号, kept as written
    ("中華人民共和國主席令\n\n第八十六號\n\n", "中華人民共和國主席令第八十六號"),
    ("湖南省人民政府公告（第52號）\n\n", "湖南省人民政府公告第52號"),
])
def test_an_orders_number_is_its_document_number(head, number):
    # An order's number (its first two lines) was never read: doc_number null.
    body = head + "《开发区管理办法》已经审议通过，现予公布。\n\n开发区管理办法\n\n第一条　为了规范开发区管理，制定本办法。\n"
    assert guess_metadata(body)["doc_number"] == number


def test_a_notice_whose_attachments_follow_its_signature_is_dated_and_signed_by_it():
    # The signature and date stand under the list of attachments, not at the end: issued was null.
    body = ("合肥市人民政府办公室关于印发开发区行动方案的通知\n\n各县（市）、区人民政府：\n\n现将有关方案印发给你们。\n\n"
            "附件：1．合肥市开发区高质量发展三年行动方案\n\n2．合肥市开发区重点任务分工表\n\n合肥市人民政府办公室\n\n"
            "2023年4月7日\n\n附件1\n\n合肥市开发区高质量发展三年行动方案\n\n一、主要目标\n\n到2025年，工业总产值再上台阶。\n\n"
            "附件2\n\n合肥市开发区重点任务分工表\n\n序号　重点任务　牵头单位\n\n1　产业链强链　市发改委\n")
    guess = guess_metadata(body)
    assert (guess["issued"], guess["issuer"], guess["city"]) == ("2023-04-07", "合肥市人民政府办公室", "合肥市")
