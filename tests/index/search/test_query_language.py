"""The query language: operators, phrases, filters, and forgiving fallbacks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.search.query import MAX_QUERY_CHARS, Literal, parse_query


def words(groups):
    return [[lit.text for lit in g] for g in groups]


def test_spaces_and_the_ideographic_space_mean_and():
    q = parse_query("开发区  土地\u3000用地")
    assert words(q.groups) == [["开发区"], ["土地"], ["用地"]]
    assert q.notice is None


def test_or_binds_tighter_than_and_in_both_spellings():
    q = parse_query("开发区 土地 OR 用地 或 厂房")
    assert words(q.groups) == [["开发区"], ["土地", "用地", "厂房"]]


def test_minus_and_not_exclude():
    q = parse_query("开发区 -临时 NOT 试点")
    assert words(q.groups) == [["开发区"]]
    assert [lit.text for lit in q.excluded] == ["临时", "试点"]


def test_phrases_in_ascii_and_chinese_quotes():
    q = parse_query('"高质量 发展" “开发区条例” 「园区」 -"暂行"')
    assert q.groups == [[Literal("高质量 发展", True)], [Literal("开发区条例", True)], [Literal("园区", True)]]
    assert q.excluded == [Literal("暂行", True)]


def test_an_article_number_is_searched_in_digits_and_in_chinese_numerals():
    """Regulations print 第十条; officials type 第10条 (pieces 第, 10, 条 found apart said nothing)."""
    both = [Literal("第十条"), Literal("第10条", True)]
    assert parse_query("第10条").groups == [both]
    assert parse_query("第１０条").groups == [both]
    assert parse_query("第十条").groups == [both]
    assert parse_query("-第10条 开发区").excluded == both
    assert parse_query("第10条 OR 第一百一十条").groups == [[*both, Literal("第一百一十条"), Literal("第110条", True)]]
    assert parse_query("第十一 第1000条").groups == [[Literal("第十一")], [Literal("第1000条")]]


def test_a_word_holding_a_document_number_is_a_phrase():
    for text in ("国办发[2017]7号", "国办发〔2017〕7号", "国办发（2017）7号"):
        assert parse_query(text).groups == [[Literal(text, True)]]
    assert parse_query("(2017) 2017年(一)").groups == [[Literal("(2017)")], [Literal("2017年(一)")]]


def test_a_line_break_or_a_no_break_space_separates_words_as_a_space_does():
    """A pasted line break read the whole query literally (odd characters): its quotes and exclusions were lost."""
    for text in ("开发区\n-土地", "开发区\r\n-土地", "开发区\u00a0-土地"):
        q = parse_query(text)
        assert words(q.groups) == [["开发区"]] and [lit.text for lit in q.excluded] == ["土地"], repr(text)
        assert q.notice is None


def test_operators_in_lower_case_are_operators():
    """开发区 or 园区 was three words ANDed, or among them: 0 results at 3,440 documents (82,390 hold 开发区)."""
    for text in ("开发区 or 园区", "开发区 Or 园区", "开发区 ｏｒ 园区"):
        assert parse_query(text).groups == parse_query("开发区 OR 园区").groups, text
    assert parse_query("开发区 not 临时 and 土地") == parse_query("开发区 NOT 临时 AND 土地")
    assert words(parse_query("ORG 开发区").groups) == [["ORG"], ["开发区"]]


def test_a_bar_is_or_with_or_without_spaces():
    """开发区|园区 was one word, its pieces ANDed: 4,199 clauses at 3,440 documents against 87,870 for 开发区 | 园区."""
    either = parse_query("开发区 OR 园区").groups
    for text in ("开发区|园区", "开发区｜园区", "开发区||园区", "开发区 | 园区"):
        assert parse_query(text).groups == either, text
    assert parse_query("“开发区|园区”").groups == [[Literal("开发区|园区", True)]]


def test_filters_in_english_chinese_and_full_width_colon():
    q = parse_query("region:浙江 地区：吉林 doc:hebei-2017-kaifaqu level:省级 year:2017 年份:2015-2018 开发区")
    assert q.filters == {"region": ["浙江", "吉林"], "doc": ["hebei-2017-kaifaqu"], "level": ["省级"],
                         "year": ["2017", "2015-2018"]}
    assert words(q.groups) == [["开发区"]]


def test_a_filter_value_quoted_listed_or_after_a_space():
    for text in ('region:"浙江" 土地', "地区：“浙江” 土地", "地区： 浙江 土地"):
        q = parse_query(text)
        assert q.filters == {"region": ["浙江"]} and words(q.groups) == [["土地"]], text
    assert parse_query("region:浙江、江苏 year:2015,2016").filters == {"region": ["浙江", "江苏"],
                                                                     "year": ["2015", "2016"]}
    q = parse_query("土地 region:")  # a key alone: no filter, and not a word to find
    assert words(q.groups) == [["土地"]] and not q.filters and q.notice_code == "literal_fallback"
    assert words(parse_query('foo:"bar"').groups) == [["foo:"], ["bar"]]


def test_unknown_filter_key_is_plain_text():
    q = parse_query("foo:bar")
    assert words(q.groups) == [["foo:bar"]]


def test_empty_and_blank_queries_are_empty_without_notice():
    for text in ("", "   ", "\u3000"):
        q = parse_query(text)
        assert q.empty and q.notice is None


def test_unbalanced_quote_falls_back_to_literal_with_notice():
    q = parse_query('"开发区 土地')
    assert q.notice_code == "literal_fallback" and "quote" in q.notice
    assert words(q.groups) == [["开发区"], ["土地"]]


def test_lone_operators_fall_back_to_literal():
    for text, expect in (("OR", []), ("开发区 OR", [["开发区"]]), ("NOT", []), ("-", []),
                         ("或 土地", [["土地"]]), ("开发区 OR OR 土地", [["开发区"], ["土地"]])):
        q = parse_query(text)
        assert q.notice_code == "literal_fallback", text
        assert words(q.groups) == expect, text


def test_only_exclusions_exclude_from_everything():
    # Issue 17: "-土地" used to search 土地 literally; it means every clause without it.
    q = parse_query("-土地")
    assert q.notice_code is None and not q.empty
    assert q.groups == [] and [lit.text for lit in q.excluded] == ["土地"]


def test_control_characters_and_emoji_are_dropped_with_notice():
    q = parse_query("开发\x00区 😀 土地\x1b")
    assert q.notice_code == "literal_fallback"
    assert words(q.groups) == [["开发"], ["区"], ["土地"]]
    assert parse_query("😀").notice_code == "no_terms"


def test_very_long_input_is_cut_with_notice():
    q = parse_query("开发区" * 1000)
    assert q.notice_code == "truncated"
    assert sum(len(lit.text) for g in q.groups for lit in g) == MAX_QUERY_CHARS


def test_a_cut_query_read_literally_still_says_it_was_cut():
    """A pasted passage over 256 characters with a quote open at the cut said only "searched literally": the
    status never told that its end was not searched."""
    q = parse_query("开发区" * 84 + "“招商引资”")
    assert q.notice_code == "truncated" and "256" in q.notice and "literally" in q.notice


def test_not_a_string_does_not_raise():
    assert parse_query(None).empty


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parser_never_raises(text):
    q = parse_query(text)
    assert isinstance(q.groups, list)
