"""The clause parser: exact structure of every seed, regulations, losslessness."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.base import paths
from index.library.clauses import cn_to_int, int_to_cn, parse_clauses
from index.library.corpus import Corpus


@pytest.fixture(scope="module")
def corpus():
    return Corpus(imported_dir=None)


def top(corpus, doc_id, kind):
    return [c for c in corpus.clauses(doc_id) if c.level == 1 and c.kind == kind]


def children(corpus, clause):
    return [c for c in corpus.clauses(clause.doc_id) if c.parent == clause.id]


def assert_lossless(body, clauses):
    pos = 0
    for c in clauses:
        assert c.start >= pos, f"{c.id} overlaps the previous clause"
        assert body[pos:c.start].strip() == "", f"text before {c.id} belongs to no clause"
        assert c.text == body[c.start:c.end]
        assert c.text.strip() == c.text and c.text
        pos = c.end
    assert body[pos:].strip() == ""
    assert re.sub(r"\s", "", "".join(c.text for c in clauses)) == re.sub(r"\s", "", body)


def assert_tree(clauses):
    ids = [c.id for c in clauses]
    assert len(ids) == len(set(ids)), "clause ids must be unique"
    seen = {}
    for c in clauses:
        if c.parent is None:
            assert c.level == 1
        else:
            assert c.parent in seen, "a parent comes before its children"
            assert c.level == seen[c.parent].level + 1
            assert c.id.startswith(c.parent + "/")
        seen[c.id] = c


@pytest.mark.parametrize("doc_id", [
    "zhejiang-2022-kaifaqu", "jiaxing-2015-kaifaqu", "jilin-2021-kaifaqu",
    "henan-2017-kaifaqu", "hebei-2017-kaifaqu",
])
def test_every_seed_is_lossless_tree(corpus, doc_id):
    doc = corpus.document(doc_id)
    clauses = corpus.clauses(doc_id)
    assert_lossless(doc.body, clauses)
    assert_tree(clauses)
    assert clauses[0].kind == "preamble"


def test_zhejiang_structure(corpus):
    chapters = top(corpus, "zhejiang-2022-kaifaqu", "chapter")
    assert [c.heading for c in chapters] == [
        "总体要求", "高水平推进开放合作", "高质量建设现代产业体系", "深层次推进体制机制改革", "保障措施"]
    assert [len(children(corpus, c)) for c in chapters] == [2, 5, 5, 5, 4]
    goals = children(corpus, chapters[0])[1]
    # "(二)发展目标" is a heading line on its own, then an intro paragraph, then items 1.-3.
    assert goals.label == "(二)" and goals.heading == "发展目标"
    assert "对标对表我省" in goals.text
    items = children(corpus, goals)
    assert [i.label for i in items] == ["1.", "2.", "3."]
    assert items[0].heading == "开发区综合位次进一步前移"
    assert children(corpus, chapters[1])[1].heading == "加大招商引资力度"


def test_jiaxing_structure(corpus):
    chapters = top(corpus, "jiaxing-2015-kaifaqu", "chapter")
    assert [c.heading for c in chapters] == ["重要意义和目标要求", "工作重点", "主要措施", "工作保障"]
    assert [len(children(corpus, c)) for c in chapters] == [2, 2, 10, 4]
    first = children(corpus, chapters[0])[0]
    assert first.heading == "重要意义" and "开展“两年”活动" in first.text  # heading line + next paragraph
    assert len(children(corpus, children(corpus, chapters[0])[1])) == 4
    assert "嘉兴市人民政府办公室" in corpus.clauses("jiaxing-2015-kaifaqu")[0].text


def test_jilin_running_numbering_and_multi_paragraph_section(corpus):
    chapters = top(corpus, "jilin-2021-kaifaqu", "chapter")
    assert len(chapters) == 6
    sections = [c for c in corpus.clauses("jilin-2021-kaifaqu") if c.kind == "section"]
    assert len(sections) == 23
    assert [cn_to_int(s.label.strip("()")) for s in sections] == list(range(1, 24))
    assert [len(children(corpus, c)) for c in chapters] == [3, 4, 6, 3, 3, 4]
    s14 = next(s for s in sections if s.label == "(十四)")
    assert s14.heading == "集聚高端創新資源"
    assert "大學科技園" in s14.text  # its second paragraph stays with it
    s12 = next(s for s in sections if s.label == "(十二)")
    assert corpus.citation(s12) == "《吉林省關于加快推動全省國家級開發區高質量發展的實施意見》（十二）"
    assert s12.heading == "加大招商引資力度"


def test_henan_chapter_intro_and_signature(corpus):
    chapters = top(corpus, "henan-2017-kaifaqu", "chapter")
    assert len(chapters) == 10
    assert chapters[1].heading == "優化區域形態布局"
    assert "綜合考慮資源環境承載能力" in chapters[1].text  # intro before the first (一)
    assert [len(children(corpus, c)) for c in chapters] == [3, 2, 4, 4, 4, 3, 3, 3, 4, 4]
    closing = corpus.clauses("henan-2017-kaifaqu")[-1]
    assert closing.kind == "closing" and "2017年12月12日" in closing.text
    principles = children(corpus, chapters[0])[1]
    assert [i.heading for i in children(corpus, principles)][0] == "創新引領,提升結構"


def test_hebei_unnumbered_parts(corpus):
    parts = top(corpus, "hebei-2017-kaifaqu", "headed_part")
    assert [p.heading for p in parts] == ["开放拉动", "改革推动", "协同联动", "创新驱动", "政策促动"]
    assert [len(children(corpus, p)) for p in parts] == [6, 6, 4, 4, 5]
    assert all(p.text.split("\n")[-1].startswith("——") for p in parts)
    first = children(corpus, parts[0])[0]
    assert first.heading == "壮大开发区招商主体队伍" and first.label is None
    appendix = corpus.clauses("hebei-2017-kaifaqu")[-1]
    assert appendix.kind == "appendix" and appendix.heading == "链接"
    assert "省级层面重点支持的15家开发区" in appendix.text


REGULATION = """# 某某省开发区条例

（2019年5月30日某某省第十三届人民代表大会常务委员会第十二次会议通过）

## 第一章 总则

第一条 为了促进开发区发展，制定本条例。

第二条 本条例适用于本省行政区域内的开发区。

本条例所称开发区，包括：

（一）经济技术开发区；

（二）高新技术产业开发区。

## 第二章 管理体制

### 第一节 管理机构

第三条【职责】开发区管理机构履行下列职责：

(一)组织编制规划;

(二)负责招商引资。
"""


def test_regulation_chapters_articles_paragraphs_items():
    clauses = parse_clauses("reg", REGULATION)
    assert_lossless(REGULATION, clauses)
    assert_tree(clauses)
    by_id = {c.id: c for c in clauses}
    assert by_id["reg/pre"].text.startswith("# 某某省开发区条例")
    assert by_id["reg/ch1"].label == "第一章" and by_id["reg/ch1"].heading == "总则"
    art2 = by_id["reg/ch1/art2"]
    assert art2.label == "第二条"
    assert by_id["reg/ch1/art2/k2"].kind == "paragraph"
    assert [by_id[f"reg/ch1/art2/k2/s{n}"].label for n in (1, 2)] == ["（一）", "（二）"]
    assert by_id["reg/ch1/art2/k2/s1"].heading is None  # enumerations carry no titles
    assert by_id["reg/ch2/se1"].heading == "管理机构"
    assert by_id["reg/ch2/se1/art3"].heading == "职责"
    assert by_id["reg/ch2/se1/art3/s2"].label == "(二)"


def test_regulation_citations(tmp_path):
    (tmp_path / "reg.md").write_text(
        "---\nid: reg\ntitle: 某某省开发区条例\nregion: 某某省\n---\n\n" + REGULATION, encoding="utf-8")
    c = Corpus(content_dir=tmp_path, imported_dir=None)
    assert c.citation(c.clause("reg/ch1/art2/k2")) == "《某某省开发区条例》第二条第二款"
    assert c.citation(c.clause("reg/ch1/art2")) == "《某某省开发区条例》第二条"
    assert c.citation(c.clause("reg/ch1/art2/k2/s1")) == "《某某省开发区条例》第二条第二款（一）"


def test_unstructured_text_becomes_paragraph_clauses():
    body = "第一段文字。很长的第二句。\n\n第二段。\n\n第三段没有句号\n"
    clauses = parse_clauses("plain", body)
    assert [c.id for c in clauses] == ["plain/p1", "plain/p2", "plain/p3"]
    assert clauses[0].heading == "第一段文字"
    assert_lossless(body, clauses)


def test_ids_are_stable():
    assert [c.id for c in parse_clauses("x", REGULATION)] == [c.id for c in parse_clauses("x", REGULATION)]


def test_duplicate_numbers_get_distinct_ids():
    body = "一、甲\n\n(一)乙。文字。\n\n(一)丙。文字。\n"
    ids = [c.id for c in parse_clauses("d", body)]
    assert ids == ["d/c1", "d/c1/s1", "d/c1/s1~2"]


@pytest.mark.parametrize("text,value", [("二十三", 23), ("十", 10), ("一百零五", 105), ("12", 12), ("⑤", 5)])
def test_cn_numerals(text, value):
    assert cn_to_int(text) == value


def test_article_numbers_written_as_regulations_print_them_read_back():
    assert [int_to_cn(n) for n in (3, 10, 12, 20, 105, 110, 115, 200, 999)] == [
        "三", "十", "十二", "二十", "一百零五", "一百一十", "一百一十五", "二百", "九百九十九"]
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 1000))


MARKER_PIECES = ["一、", "(一)", "（二十三）", "1.", "2、", "(3)", "①", "第一章 ", "第二节", "第十条 ",
                 "# ", "## ", "——", "■", "附件1:", "2017年12月12日", "\n", "\n\n", "。", "，", " ", "　"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MARKER_PIECES), st.text(max_size=12)), max_size=60))
def test_parser_never_raises_and_stays_lossless(pieces):
    body = "".join(pieces)
    clauses = parse_clauses("h", body)
    assert_lossless(body, clauses)
    assert_tree(clauses)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_on_arbitrary_text(body):
    clauses = parse_clauses("h", body)
    assert_lossless(body, clauses)


def test_regulation_in_traditional_script():
    body = "第一章　總則\n\n第一條　爲了推動開發區發展，制定本條例。\n\n第二條　本條例適用於本省開發區。\n\n前款所稱開發區，是指經批准設立的開發區。\n"
    by_id = {c.id: c for c in parse_clauses("reg", body)}
    assert by_id["reg/ch1/art1"].label == "第一條"
    assert by_id["reg/ch1/art2/k2"].kind == "paragraph"


def test_marker_lookup_by_first_character_matches_trying_every_marker():
    """``_match_marker`` tries only the markers a line's first character allows; the answer is the same as
    trying all of them in order, for every first character the documents and these samples have."""
    from index.library import clauses as module

    def every_marker(line):
        for rank, kind, prefix, rx in module._MARKERS:
            m = rx.match(line)
            if m:
                return rank, kind, prefix, m
        return None

    bodies = [p.read_text(encoding="utf-8") for p in sorted((paths.content_dir() / "docs").glob("*.md"))]
    lines = {ln.strip() for body in bodies for ln in body.splitlines() if ln.strip()}
    firsts = {ln[0] for ln in lines} | set("第（(）)一二三四五六七八九十百千两零〇0123456789０１２３٣①⑳ⅠⅡ#■附、 　")
    tails = ("条 总则", "章", "编", "节", "、内容", ".内容", "．", "）", ")内容", "十三）", "2）", "", "1.2")
    for first in firsts:
        lines |= {first + tail for tail in tails}
    for line in sorted(lines):
        fast, slow = module._match_marker(line), every_marker(line)
        assert (fast and fast[:3], fast and fast[3].group(0)) == (slow and slow[:3], slow and slow[3].group(0)), line


@pytest.mark.parametrize("contents", [
    "目　　录\n\n第一章　总　　则\n\n第二章　规划与设立\n\n第一节　规划\n\n第三章　附　　则\n\n",
    "目录\n\n第一章 总则\t1\n\n第二章 规划与设立\t3\n\n第一节 规划\t3\n\n第三章 附则\t9\n\n",  # a Word contents page
])
def test_a_table_of_contents_is_preamble_text_not_chapters(contents):
    # Every chapter was listed twice and the body's numbered ch1~2, ch2~2/se1/art2.
    body = ("某省开发区条例\n\n（2021年1月1日某省人民代表大会常务委员会通过）\n\n" + contents +
            "第一章　总　　则\n\n第一条　为了促进开发区发展，制定本条例。\n\n第二章　规划与设立\n\n第一节　规划\n\n"
            "第二条　开发区规划应当符合国土空间规划。\n\n第三章　附　　则\n\n第三条　本条例自公布之日起施行。\n")
    clauses = parse_clauses("d", body)
    assert [c.id for c in clauses] == ["d/pre", "d/ch1", "d/ch1/art1", "d/ch2", "d/ch2/se1", "d/ch2/se1/art2", "d/ch3",
                                       "d/ch3/art3"]
    assert "规划与设立" in clauses[0].text  # the contents stay in the preamble's text: nothing lost


def test_a_traditional_table_of_contents_is_preamble_text_not_chapters():
    # 目錄 (and 第一節, 附則) in a regulation reposted in traditional characters were not read as contents: every
    # chapter was listed twice and the body's were ch1~2, ch2~2/se1~2/art2 (citations and comparisons lost them).
    body = ("某省開發區條例\n\n目　　錄\n\n第一章　總　　則\n\n第二章　規劃與設立\n\n第一節　規劃\n\n第三章　附　　則\n\n"
            "第一章　總　　則\n\n第一條　為了促進開發區發展，制定本條例。\n\n第二章　規劃與設立\n\n第一節　規劃\n\n"
            "第二條　開發區規劃應當符合國土空間規劃。\n\n第三章　附　　則\n\n第三條　本條例自公布之日起施行。\n")
    clauses = parse_clauses("d", body)
    assert [c.id for c in clauses] == ["d/pre", "d/ch1", "d/ch1/art1", "d/ch2", "d/ch2/se1", "d/ch2/se1/art2", "d/ch3",
                                       "d/ch3/art3"]
    assert "規劃與設立" in clauses[0].text


@pytest.mark.parametrize("date", ["二〇二三年四月七日", "二〇一七年十二月十二日", "二○一九年一月八日", "二〇二一年三月十五日"])
def test_a_signature_dated_in_chinese_numerals_is_the_closing(date):
    # The year's digits were read from 一二〇零○ only: a notice dated 二〇二三年 or 二〇一七年 had its signature and date
    # in its last clause's text (3 of these 4 dates).
    body = f"廣東省人民政府關於開發區的通知\n\n一、總體要求\n\n推動發展。\n\n二、主要任務\n\n招商引資。\n\n廣東省人民政府\n{date}\n"
    clauses = parse_clauses("d", body)
    assert [c.id for c in clauses] == ["d/pre", "d/c1", "d/c2", "d/end"]
    assert clauses[2].text == "二、主要任務\n\n招商引資。" and clauses[3].text == f"廣東省人民政府\n{date}"


def test_a_chapter_list_without_a_contents_line_is_still_chapters():
    body = "第一章　总则\n\n第一条　为了促进开发区发展，制定本条例。\n\n第二章　附则\n\n第二条　本条例自公布之日起施行。\n"
    assert [c.id for c in parse_clauses("d", body)] == ["d/ch1", "d/ch1/art1", "d/ch2", "d/ch2/art2"]


@pytest.mark.parametrize("contents, body_first", [
    ("目录\n\n第一章 一般规定\n\n第二章 附则\n\n", "第一章　总则\n\n"),        # the body's title reads otherwise
    ("目录\n\n第一章 总则 - 1 -\n\n第二章 附则 - 3 -\n\n", "第一章　总则\n\n"),  # a 公文's page marks
    ("目录\n\n第一章 总则\n\n第二章 附则\n\n", "第一章\n\n总则\n\n"),          # the body's title on a line of its own
    ("目录\n\n", "第一章　总则\n\n"),                                          # a bare 目录 line over the body
    ("目录\n\n第一章 总则\t1\n\n第二章 附则\t3\n\n", "# 第一章　总则\n\n"),     # Word: the body's in Heading 1
])
def test_contents_end_where_the_body_starts_again_and_never_take_its_first_chapter(contents, body_first):
    # The contents took every entry-like line up to an exact repeat of the first: the body's first chapter
    # went into the preamble and its articles lost their chapter.
    body = "某省开发区条例\n\n" + contents + body_first + ("第一条　为了促进开发区发展，制定本条例。\n\n第二章　附　　则\n\n"
                                                    "第二条　本条例自公布之日起施行。\n")
    assert [c.id for c in parse_clauses("d", body)] == ["d/pre", "d/ch1", "d/ch1/art1", "d/ch2", "d/ch2/art2"]


def test_a_clause_in_a_list_is_not_named_twice(corpus):
    # The 替换… list read 一、总体要求　一、总体要求.
    from index.library.corpus import clause_line

    lines = [clause_line(c, 30) for c in corpus.clauses("zhejiang-2022-kaifaqu") if c.kind != "closing"]
    assert not any(line.startswith(f"{name}　{name}") for line in lines for name in [line.split("　")[0]] if name)
    first = next(line for line in lines if line.startswith("一、"))
    assert first.count("总体要求") == 1


@pytest.mark.parametrize("date", [
    "2023年4月7日",
    "2023 年 4 月 7 日",  # a PDF's text layer: the list was app1 again, its 2．… item app1/i2 (the pattern that allowed
    #                       the spaces was shadowed by another of the same name)
    "二○二三年四月七日",  # ○ (U+25CB) for 〇
])
def test_a_notices_list_of_attachments_is_its_text_and_the_first_attachment_is_app1(date):
    # 附件：1．…方案 / 2．…表 over the signature became app1, with the signature in it, and 附件1 became app2.
    body = ("合肥市人民政府办公室关于印发开发区行动方案的通知\n\n各县（市）、区人民政府：\n\n现将有关方案印发给你们，请认真贯彻执行。\n\n"
            f"附件：1．合肥市开发区高质量发展三年行动方案\n\n2．合肥市开发区重点任务分工表\n\n合肥市人民政府办公室\n\n{date}\n\n"
            "附件1\n\n合肥市开发区高质量发展三年行动方案\n\n一、主要目标\n\n到2025年，开发区工业总产值再上台阶。\n\n"
            "附件2\n\n合肥市开发区重点任务分工表\n")
    clauses = parse_clauses("d", body)
    assert [c.id for c in clauses] == ["d/pre", "d/app1", "d/app1/c1", "d/app2"]
    assert "2．合肥市开发区重点任务分工表" in clauses[0].text and clauses[1].label == "附件1"
