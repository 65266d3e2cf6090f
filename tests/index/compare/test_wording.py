"""Shared/distinctive wording spans and quantitative commitments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.base.text import normalise
from index.compare.numbers import extract_numbers
from index.compare.wording import EDGE_FUNCTION_WORDS, distinct_spans, mask_attributions, shared_spans
from index.library.corpus import Corpus


def _corpus() -> Corpus:
    return Corpus(imported_dir=None)


def test_shared_spans_cross_script_offsets_point_into_original_text():
    c = _corpus()
    jilin = c.clause("jilin-2021-kaifaqu/c1/s1").text  # traditional script
    zhejiang = c.clause("zhejiang-2022-kaifaqu/c4/s5").text  # simplified
    sa, sb = shared_spans(jilin, zhejiang)
    assert "標準地+承諾制" in [jilin[s:e] for s, e in sa]
    assert "标准地+承诺制" in [zhejiang[s:e] for s, e in sb]


def test_shared_spans_management_company_model():
    c = _corpus()
    a = c.clause("jilin-2021-kaifaqu/c2/s6").text
    b = "探索推行“管委会+公司”模式，实行市场化运营。"
    sa, sb = shared_spans(a, b)
    assert any("管委會+公司" in a[s:e] for s, e in sa)
    assert any("管委会+公司" in b[s:e] for s, e in sb)


def test_shared_spans_minimum_length_and_boilerplate_read_from_the_library():
    from index.compare import align

    ctx = align.context(_corpus())
    sa, sb = shared_spans("支持开发区做强", "鼓励开发区做大", weight=ctx.idf, floor=ctx.highlight_floor)
    assert sa == [] and sb == []  # 开发区 is in most clauses of the library; 做强/做大 too short
    sa, sb = shared_spans("支持开发区做强", "鼓励开发区做大")
    assert sa == [(2, 5)]  # without library weights nothing is boilerplate
    sa, sb = shared_spans("甲乙丙丁", "丙丁甲乙")
    assert sa == [] and sb == []  # only 2-character overlaps
    sa, sb = shared_spans("推行标准地改革", "深化標準地改革")
    assert sa == [(2, 7)] and sb == [(2, 7)]


def test_shared_spans_are_sorted_and_disjoint():
    c = _corpus()
    a, b = c.clause("henan-2017-kaifaqu/c9/s2").text, c.clause("hebei-2017-kaifaqu/h2/p4").text
    for spans, text in zip(shared_spans(a, b), (a, b), strict=True):
        assert spans, "these two clauses share 行政审批局 and more"
        assert all(e - s >= 2 for s, e in spans)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
        assert all(0 <= s < e <= len(text) for s, e in spans)


def test_shared_wording_is_cut_on_word_boundaries():
    # Issue 15: the bold cut words in half (业招商, 绩效考).
    a = "大力开展精准招商、产业链招商，完善以业绩为导向的绩效考核体系。"
    b = "推进企业招商和产业招商，建立绩效考评制度。"
    sa, sb = shared_spans(a, b)
    shown = [a[s:e] for s, e in sa] + [b[s:e] for s, e in sb]
    assert "业招商" not in shown and "绩效考" not in shown
    for text, spans in ((a, sa), (b, sb)):
        from index.compare.wording import word_bounds

        starts, ends = word_bounds(normalise(text))
        assert all(s in starts and e in ends for s, e in spans)


def test_shared_wording_neither_starts_nor_ends_with_a_function_word():
    # Seen at scale: 共同用词 "开发区与" (开发区|与|境内外).
    a = "深入推进开发区与境内外国际创新平台对接合作，设立创业投资基金和产业投资基金。"
    b = "推动开发区与自贸试验区联动发展，引导天使投资基金和产业投资基金投向园区。"
    sa, sb = shared_spans(a, b)
    shown = [a[s:e] for s, e in sa] + [b[s:e] for s, e in sb]
    assert "开发区" in shown and any("产业投资基金" in p for p in shown)
    assert not any(p[0] in EDGE_FUNCTION_WORDS or p[-1] in EDGE_FUNCTION_WORDS for p in shown)


def test_distinct_spans_do_not_overlap_shared_ones():
    a = "推行标准地改革，建立链长制。"
    b = "深化标准地改革，设立产业基金。"
    shared_a, _ = shared_spans(a, b)
    dist_a, dist_b = distinct_spans(a, b)
    assert "建立链长制" in [a[s:e] for s, e in dist_a]
    assert "设立产业基金" in [b[s:e] for s, e in dist_b]
    for ds, de in dist_a:
        assert all(de <= s or ds >= e for s, e in shared_a)


def test_attributions_are_masked_with_same_length():
    text = "支持上市融资。(省财政厅、所在地市〔州〕政府按职责分工负责)后文"
    masked = mask_attributions(text)
    assert len(masked) == len(text)
    assert "财政" not in masked and masked.endswith("后文")


def _simple(text):
    return [(n["text"], n["value"], n["unit"], n["kind"]) for n in extract_numbers(text)]


def test_extract_numbers_kinds_units_and_values():
    assert _simple("占全省比重达45%，百分之三十") == [("45%", 45.0, "%", "percent"), ("百分之三十", 30.0, "%", "percent")]
    assert _simple("给予1000萬元奖励，总投资超3.5亿美元") == [
        ("1000萬元", 1e7, "元", "money"), ("3.5亿美元", 3.5e8, "美元", "money")]
    assert _simple("腾退低效用地6000亩，新启用产业用房30万平方米以上") == [
        ("6000亩", 6000.0, "亩", "area"), ("30万平方米以上", 3e5, "平方米", "area")]
    assert _simple("到2020年，国家级开发区达到30個以上，龙头企业100家") == [
        ("2020年", 2020.0, "年", "year"), ("30個以上", 30.0, "个", "count"), ("100家", 100.0, "家", "count")]
    assert _simple("年龄可放宽至65岁，5年以内的居留许可") == [("65岁", 65.0, "岁", "age"), ("5年以内", 5.0, "年", "duration")]
    # 500强 / 百强: rankings the policies target (世界500强企业, 百强县), not bare numbers; 加强 has no numeral
    assert _simple("招引一批世界500強、中国500强企业，争创全国百强县，加强服务") == [
        ("500強", 500.0, "强", "rank"), ("500强", 500.0, "强", "rank"), ("百强", 100.0, "强", "rank")]


def test_extract_numbers_ranges_offsets_and_non_numbers():
    text = "重点打造1-2个产业链，引进一个、带来一串，第十次党代会"
    nums = extract_numbers(text)
    assert len(nums) == 1
    n = nums[0]
    assert (n["value"], n["max"], n["unit"]) == (1.0, 2.0, "个")
    assert text[n["start"] : n["end"]] == n["text"] == "1-2个"


def test_extract_numbers_on_bundled_clause():
    c = _corpus()
    nums = extract_numbers(c.clause("henan-2017-kaifaqu/c1/s3").text)
    kinds = {(n["kind"], n["value"]) for n in nums}
    assert ("year", 2020.0) in kinds and ("year", 2025.0) in kinds
    assert ("money", 1e11) in kinds  # 千亿元
    assert ("count", 30.0) in kinds

_ALPHABET = st.sampled_from(list("开发区招商引资標準地承诺制諾管委会公司，。、（）+1234 土地集約利用"))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.text(_ALPHABET, max_size=60))
def test_shared_spans_properties(a, b):
    spans_a, spans_b = shared_spans(a, b)
    na, nb = normalise(a), normalise(b)
    for spans, text, norm, other in ((spans_a, a, na, nb), (spans_b, b, nb, na)):
        assert all(0 <= s < e <= len(text) and e - s >= 2 for s, e in spans)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
        for s, e in spans:
            # every character of a shared span lies in a 3-character window the other text has
            for i in range(s, e):
                assert any(norm[j : j + 3] in other for j in range(max(0, i - 2), i + 1) if j + 3 <= len(norm))
    for spans, text in zip(distinct_spans(a, b), (a, b), strict=True):
        assert all(0 <= s < e <= len(text) for s, e in spans)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_extract_numbers_never_fails_and_offsets_match(text):
    for n in extract_numbers(text):
        assert text[n["start"] : n["end"]] == n["text"]
        assert n["kind"] in {"percent", "money", "area", "scale", "count", "rank", "multiple", "age", "year",
                             "duration"}
