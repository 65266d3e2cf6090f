"""Selectors and re-anchoring: offsets, exact search by context, strict fuzzy, orphans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.userdata.anchoring import find_quote, make_selector, reanchor

BODY = (
    "一、总体要求\n坚持开发区的改革创新，推动开发区高质量发展。\n"
    "二、用地保障\n对开发区用地给予保障，支持开发区盘活存量土地。\n"
    "三、财政支持\n省财政对开发区基础设施建设给予补助。\n"
)


def _sel(quote, occurrence=0, body=BODY):
    at = -1
    for _ in range(occurrence + 1):
        at = body.find(quote, at + 1)
    return make_selector(body, at, at + len(quote))


def test_selector_has_context_and_offsets():
    sel = _sel("盘活存量土地")
    assert BODY[sel.start:sel.end] == "盘活存量土地"
    assert BODY.endswith(sel.suffix, 0, sel.end + len(sel.suffix))
    assert sel.prefix == BODY[max(0, sel.start - 32):sel.start]
    with pytest.raises(ValueError):
        make_selector(BODY, 5, 5)


def test_find_quote_across_scripts_and_within_bounds():
    trad = "對開發區用地給予保障"
    body = BODY.replace("对开发区用地给予保障", trad)
    start, end = find_quote(body, "对开发区用地给予保障")
    assert body[start:end] == trad
    lo = body.index("三、")
    s, _ = find_quote(body, "开发区", lo)
    assert s > lo
    assert find_quote(body, "不存在的话") is None
    assert find_quote(body, "   ") is None


def test_unchanged_text_keeps_offsets():
    sel = _sel("开发区", 2)
    anchor = reanchor(BODY, sel)
    assert (anchor.start, anchor.end, anchor.method) == (sel.start, sel.end, "offsets")


def test_inserted_text_moves_to_the_same_occurrence_by_context():
    sel = _sel("开发区", 3)  # 支持开发区盘活… (the fourth one)
    changed = BODY.replace("一、总体要求\n", "一、总体要求\n新增一段关于开发区的文字。\n")
    anchor = reanchor(changed, sel)
    assert anchor.method == "exact"
    assert changed[anchor.start - 2:anchor.end + 2] == "支持开发区盘活"


def test_script_change_is_found_by_normalised_match():
    sel = _sel("省财政对开发区基础设施")
    changed = "前言。\n" + BODY.replace("省财政对开发区基础设施", "省財政對開發區基礎設施")
    anchor = reanchor(changed, sel)
    assert anchor.method == "normalised"
    assert changed[anchor.start:anchor.end] == "省財政對開發區基礎設施"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_a_quote_pasted_with_characters_that_show_nothing_is_found(invisible):
    # Search found 招商\u200b引资 (a zero-width space from a web page), adding a note on it said "quote not found".
    trad = "對開發區用地給予保障"
    body = BODY.replace("对开发区用地给予保障", trad)
    start, end = find_quote(body, f"对开发区{invisible}用地给予保障{invisible}")
    assert body[start:end] == trad
    # … and a document that holds the same character is matched as written.
    body = body.replace(trad, f"對開發區{invisible}用地給予保障")
    start, end = find_quote(body, f"对开发区{invisible}用地给予保障")
    assert body[start:end] == f"對開發區{invisible}用地給予保障"


def test_small_edit_inside_long_quote_is_fuzzy_matched():
    sel = _sel("对开发区用地给予保障，支持开发区盘活存量土地")
    changed = BODY.replace("支持开发区盘活存量土地", "支持开发区积极盘活存量土地")
    anchor = reanchor(changed, sel)
    assert anchor.method == "fuzzy"
    assert anchor.score >= 0.9
    assert "盘活存量土地" in changed[anchor.start:anchor.end]
    assert changed[anchor.start:anchor.end].startswith("对开发区")


def test_removed_text_becomes_orphan():
    sel = _sel("省财政对开发区基础设施建设给予补助")
    changed = BODY.replace("三、财政支持\n省财政对开发区基础设施建设给予补助。\n", "")
    assert reanchor(changed, sel) is None


def test_heavily_rewritten_text_is_not_reattached():
    sel = _sel("省财政对开发区基础设施建设给予补助")
    changed = BODY.replace("省财政对开发区基础设施建设给予补助", "市里对园区道路管网给予一定奖励")
    assert reanchor(changed, sel) is None


def test_short_quote_is_never_fuzzy_matched():
    sel = _sel("用地保障")
    changed = BODY.replace("用地保障", "用地保证")
    assert reanchor(changed, sel) is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="开发区用地政策支持。\n", min_size=0, max_size=40),
       st.text(alphabet="开发区用地政策支持。\n", min_size=0, max_size=40))
def test_a_quote_still_present_is_always_found(before, after):
    quote = "盘活存量土地"
    sel = _sel(quote)
    changed = before + BODY + after
    anchor = reanchor(changed, sel)
    assert anchor is not None
    assert changed[anchor.start:anchor.end] == quote


def test_long_quote_with_an_edit_is_found():
    para = "".join(f"第{i}项：支持开发区在用地、财政、人才等方面先行先试，形成可复制经验。" for i in range(60))
    body = "前言。\n" + para + "\n结语。"
    sel = make_selector(body, 4, 4 + len(para))
    changed = body.replace("第30项", "第30项（新增）")
    anchor = reanchor(changed, sel)
    assert anchor is not None and anchor.method == "fuzzy"
    assert changed[anchor.start:anchor.end].startswith("第0项") and changed[anchor.end - 3:anchor.end] == "经验。"
