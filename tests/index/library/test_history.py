"""Regulation history headers and promulgation notices, in the formats laws and regulations are published in."""

from __future__ import annotations

import pytest

from index.base.text import normalise
from index.library.history import parse_history
from index.library.metadata import guess_metadata

ARTICLES = "\n\n第一章　总　　则\n\n第一条　为了规范管理，制定本条例。\n\n第二条　本条例自2020年1月1日起施行。\n"


def history_of(text: str):
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return parse_history(lines, [normalise(x) for x in lines], text)


def test_local_regulation_amended_twice_in_one_bracket():
    h = history_of("上海市某某条例\n\n（2010年3月26日上海市第十三届人民代表大会常务委员会第十八次会议通过　"
                   "根据2015年6月18日上海市第十四届人民代表大会常务委员会第二十一次会议《关于修改〈上海市某某条例〉"
                   "的决定》第一次修正　根据2021年10月28日上海市第十五届人民代表大会常务委员会第三十六次会议"
                   "《关于修改本市部分地方性法规的决定》第二次修正）" + ARTICLES)
    assert [(e.event, e.date) for e in h.events] == [
        ("通过", "2010-03-26"), ("修正", "2015-06-18"), ("修正", "2021-10-28")]
    assert h.issuer == "上海市人民代表大会常务委员会"
    assert (h.adopted, h.current, h.effective) == ("2010-03-26", "2021-10-28", "2020-01-01")
    assert [a.date for a in h.amendments] == ["2015-06-18", "2021-10-28"]
    assert "《关于修改〈上海市某某条例〉的决定》" in h.events[1].text  # the verb inside the quote is not an event


@pytest.mark.parametrize("text, events, issuer, current", [
    pytest.param("某某法\n\n（1999年4月29日第九届全国人民代表大会常务委员会第九次会议通过）\n"
                 "（根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》修正）",
                 [("通过", "1999-04-29"), ("修正", "2009-08-27")], "全国人民代表大会常务委员会", "2009-08-27",
                 id="one_event_a_line_and_separate_brackets"),
    pytest.param("某某条例\n（2001年12月11日中华人民共和国国务院令第338号公布　根据《国务院关于修改部分行政法规的决定》"
                 "修订　自2002年1月1日起施行）",
                 [("公布", "2001-12-11"), ("修订", None), ("施行", "2002-01-01")], "国务院", "2001-12-11",
                 id="state_council_decree_and_revisions_without_dates"),
    pytest.param("宁波市某某条例\n（2006年8月30日宁波市第十二届人民代表大会常务委员会第三十次会议制定　"
                 "2006年9月30日浙江省第十届人民代表大会常务委员会第二十七次会议批准　根据2019年10月30日宁波市第十五届"
                 "人民代表大会常务委员会第二十四次会议通过　2019年11月29日浙江省第十三届人民代表大会常务委员会第十五次"
                 "会议批准的《宁波市人民代表大会常务委员会关于修改〈宁波市某某条例〉的决定》修正）",
                 [("制定", "2006-08-30"), ("批准", "2006-09-30"), ("修正", "2019-10-30"), ("批准", "2019-11-29")],
                 "宁波市人民代表大会常务委员会", "2019-11-29",
                 id="city_regulation_made_then_approved_and_its_amendment_approved"),
])
def test_events_issuer_and_current_version(text, events, issuer, current):
    h = history_of(text + ARTICLES)
    assert [(e.event, e.date) for e in h.events] == events
    assert (h.issuer, h.current) == (issuer, current)


def test_state_council_decree_takes_effect_on_its_own_date():
    h = history_of("某某条例\n（2001年12月11日中华人民共和国国务院令第338号公布　根据《国务院关于修改部分行政法规的决定》"
                   "修订　自2002年1月1日起施行）" + ARTICLES)
    assert h.effective == "2002-01-01"


def test_joint_judicial_interpretation_two_bodies_one_verb():
    h = history_of("最高人民法院、最高人民检察院关于某某的解释\n（2015年11月9日最高人民法院审判委员会第1665次会议、"
                   "2015年12月9日最高人民检察院第十二届检察委员会第44次会议通过，自2015年12月16日起施行）" + ARTICLES)
    assert h.issuer == "最高人民法院、最高人民检察院"
    assert (h.adopted, h.current, h.effective) == ("2015-11-09", "2015-12-09", "2015-12-16")


@pytest.mark.parametrize("header", [
    "（2010年11月26日内蒙古自治区第十一届人大常委会第十九次会议通过）",
    "(2010年11月26日内蒙古自治区第十一届人民代表大会常务委员会第十九次会议通过)",
    "2010年11月26日内蒙古自治区第十一届人民代表大会常务委员会第十九次会议通过",
    "（二〇一〇年十一月二十六日内蒙古自治区第十一届人民代表大会常务委员会第十九次会议通过）",
    "（２０１０年１１月２６日内蒙古自治区第十一届人民代表大会常务委员会第十九次会议通过）",
])
def test_header_spellings(header):
    guess = guess_metadata("内蒙古自治区某某条例\n\n" + header + ARTICLES)
    assert guess["issued"] == "2010-11-26" and guess["year"] == 2010
    assert guess["issuer"] == "内蒙古自治区人民代表大会常务委员会"
    assert guess["region"] == "内蒙古自治区" and guess["title"] == "内蒙古自治区某某条例"


def test_header_on_the_title_line():
    guess = guess_metadata("上海市某某条例（2018年11月22日上海市第十五届人民代表大会常务委员会第七次会议通过）" + ARTICLES)
    assert guess["title"] == "上海市某某条例"
    assert guess["issued"] == "2018-11-22" and guess["region"] == "上海市"


def test_promulgated_and_effective_verbs_of_older_and_local_texts():
    guess = guess_metadata("广州市某某规定\n\n（2018年3月5日广州市人民政府令第158号颁布　自2018年5月1日起实施）" + ARTICLES)
    assert guess["issued"] == "2018-03-05" and guess["effective"] == "2018-05-01"
    assert guess["issuer"] == "广州市人民政府" and guess["city"] == "广州市"


def test_notice_before_the_title_gives_title_adoption_and_publication():
    text = ("中华人民共和国国务院令\n\n第723号\n\n《中华人民共和国某某条例》已经2019年12月12日国务院第74次常务会议通过，"
            "现予公布，自2020年1月1日起施行。\n\n总理　李克强\n\n2019年12月26日\n\n中华人民共和国某某条例" + ARTICLES)
    guess = guess_metadata(text)
    assert guess["title"] == "中华人民共和国某某条例"
    assert (guess["adopted"], guess["issued"], guess["effective"]) == ("2019-12-12", "2019-12-26", "2020-01-01")
    assert (guess["issuer"], guess["region"], guess["level"]) == ("国务院", "全国", "国家级")


def test_traditional_script_keeps_its_script_in_names():
    guess = guess_metadata("吉林省某某條例\n\n（2019年5月30日吉林省第十三屆人民代表大會常務委員會第十二次會議通過　"
                           "根據2021年7月30日吉林省第十三屆人民代表大會常務委員會第二十九次會議《關於修改〈吉林省某某條例〉的決定》修改）"
                           "\n\n第一條　為了規範管理，制定本條例。")
    assert guess["issuer"] == "吉林省人民代表大會常務委員會"
    assert guess["issued"] == "2021-07-30" and guess["amendments"][0]["event"] == "修改"


def test_a_policy_document_has_no_history():
    text = "某某县人民政府关于开发区的通知\n\n各乡镇：\n\n现将有关事项通知如下。\n\n某某县人民政府\n2017年12月12日\n"
    guess = guess_metadata(text)
    assert guess["history"] == [] and guess["adopted"] is None and guess["amendments"] == []
    assert guess["issued"] == "2017-12-12"


@pytest.mark.parametrize(("text", "issuer"), [
    ("最高人民法院关于上海金融法院案件管辖的规定\n\n为服务上海国际金融中心建设，上海、上海、上海。" + ARTICLES, "最高人民法院"),
    ("中华人民共和国海南自由贸易港法\n\n（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）\n\n"
     "第一条　海南、海南、海南。", "全国人民代表大会常务委员会"),
    ("国务院关于同意设立中国（上海）自由贸易试验区的批复\n\n上海市人民政府、商务部：\n\n同意设立。\n\n国务院\n2013年9月18日",
     "国务院"),
    ("关于开发区的通知\n\n各省、自治区、直辖市商务主管部门：\n\n江苏、江苏、江苏开发区。\n\n商务部办公厅\n2020年5月6日", "商务部办公厅"),
    ("财政部 税务总局关于开发区税收政策的公告\n\n江苏、江苏、江苏开发区。", "财政部 税务总局"),
    ("中共中央办公厅 国务院办公厅印发《关于开发区的意见》的通知\n\n江苏、江苏、江苏开发区。", "中共中央办公厅 国务院办公厅"),
    ("国家税务总局关于开发区的公告\n\n浙江、浙江、浙江。", "国家税务总局"),
])
def test_national_documents_are_national_whatever_places_they_name(text, issuer):
    guess = guess_metadata(text)
    assert (guess["region"], guess["level"], guess["city"]) == ("全国", "国家级", None)
    assert guess["issuer"] == issuer


@pytest.mark.parametrize(("title", "region", "city"), [
    ("国家税务总局上海市税务局关于开发区的公告", "上海市", None),
    ("厦门经济特区某某条例", "福建省", "厦门市"),
    ("上海市实施《中华人民共和国某某法》办法", "上海市", None),
])
def test_local_documents_stay_local(title, region, city):
    guess = guess_metadata(title + ARTICLES)
    assert (guess["region"], guess["city"]) == (region, city)
    assert guess["level"] == ("市级" if city else "省级")


@pytest.mark.parametrize("head", [
    "【发布部门】浙江省人大(含常委会)\n【发文字号】浙江省人民代表大会常务委员会公告第29号\n【公布日期】2020.12.24\n"
    "【施行日期】2021.03.01\n【时效性】现行有效\n【效力级别】省级地方性法规",
    "制定机关：浙江省人民代表大会常务委员会\n公布日期：2020-12-24\n施行日期：2021-03-01",
])
def test_labelled_fields_of_legal_databases(head):
    guess = guess_metadata("浙江省数字经济促进条例\n\n" + head + ARTICLES)
    assert (guess["issued"], guess["year"], guess["effective"]) == ("2020-12-24", 2020, "2021-03-01")
    assert guess["issuer"] == "浙江省人民代表大会常务委员会" and guess["region"] == "浙江省"


def test_a_national_law_from_a_database_with_labelled_fields():
    guess = guess_metadata("中华人民共和国某某法\n\n制定机关：全国人民代表大会常务委员会\n公布日期：2021-06-10\n"
                           "\n第一条　北京、上海、广东、广东、广东。")
    assert (guess["region"], guess["issuer"], guess["issued"]) == ("全国", "全国人民代表大会常务委员会", "2021-06-10")
