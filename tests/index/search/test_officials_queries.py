"""Search as officials type it: headings printed letter-spaced, filters by place and level, pasted forms."""

from __future__ import annotations

import pytest

from index.library.corpus import Corpus
from index.library.documents import render_markdown
from index.search.analysis import close_letter_spacing, closed_positions, letter_spaced
from index.search.searcher import SearchIndex

BIG = 100_000

_SPACED = ("第一章　总　　则\n\n第一条　为了规范开发区管理，制定本条例。\n\n"
           "第二章　法 律 责 任\n\n第二条　违反本条例规定的，依法追究法律责任。\n\n"
           "第三章　附　　则\n\n第三条　本条例自2023年1月1日起施行。\n")


@pytest.fixture(scope="module")
def spaced(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    meta = {"id": "reg", "title": "开发区条例", "region": "上海市", "level": "省级", "year": 2023}
    (folder / "reg.md").write_text(render_markdown(meta, _SPACED), encoding="utf-8")
    trad = {"id": "trad", "title": "開發區條例", "region": "上海市", "level": "省级", "year": 2023}
    (folder / "trad.md").write_text(render_markdown(trad, "第一章　總　　則\n\n第一條　為了規範開發區管理。\n"),
                                    encoding="utf-8")
    ix = SearchIndex(Corpus(folder, imported_dir=None), tmp_path_factory.mktemp("index"))
    ix.ensure()
    yield ix
    ix.close()


def _shown(ix: SearchIndex, query: str) -> dict[str, list[str]]:
    """clause id → the highlighted strings, as the hit's text shows them."""
    result = ix.search(query, limit=BIG)
    return {h.clause_id: [h.text[s:e] for s, e in h.highlights] for h in result.hits}


def test_a_letter_spaced_heading_is_found_by_its_word_and_highlighted_as_printed(spaced):
    """第一章　总　　则, 附　　则, 法 律 责 任: a search for 总则, 附则 or 法律责任 found no heading (0, 0 and only the
    article that says 法律责任), the characters never being neighbours in the index."""
    assert _shown(spaced, "总则") == {"reg/ch1": ["总\u3000\u3000则"], "trad/ch1": ["總\u3000\u3000則"]}
    assert _shown(spaced, "附则") == {"reg/ch3": ["附\u3000\u3000则"]}
    assert _shown(spaced, "法律责任") == {"reg/ch2": ["法 律 责 任"], "reg/ch2/art2": ["法律责任"]}
    # The snippet's highlights too (the GUI's): on the spaced characters.
    hit = spaced.search("附则", limit=1).hits[0]
    assert [hit.snippet[s:e] for s, e in hit.snippet_highlights] == ["附\u3000\u3000则"]


def test_a_letter_spaced_heading_pasted_into_the_box_is_searched_closed_up(spaced):
    """附　　则 pasted as printed was 附 AND 则 anywhere in a clause; 第一章　总　　则 likewise."""
    assert _shown(spaced, "附　　则") == _shown(spaced, "附则")
    assert set(_shown(spaced, "法 律 责 任")) == set(_shown(spaced, "法律责任"))
    assert set(_shown(spaced, "第一章　总　　则")) == {"reg/ch1", "trad/ch1"}
    assert set(_shown(spaced, '"总 则"')) == {"reg/ch1", "trad/ch1"}
    # 或 / 且 / 非 between single characters stay operators.
    assert set(_shown(spaced, "附 或 总")) == set(_shown(spaced, "附")) | set(_shown(spaced, "总"))


def test_letter_spacing_is_closed_up_in_place_and_the_offsets_come_back():
    text = "第一章\u3000总\u3000\u3000则 第一条　为了 总 或 则"
    closed = close_letter_spacing(text)
    assert len(closed) == len(text) and closed.startswith("第一章\u3000总则\u3000\u3000 第一条　为了")
    at = closed_positions(text)
    assert [text[at[i]] for i in range(len(text))] == list(closed)
    assert letter_spaced("第一条　为了") == [] and closed_positions("第一条　为了") is None
    assert letter_spaced("总 或 则", apart="或") == [] and letter_spaced("甲\n乙") == []


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    docs = [("henan", "河南省", None, "省级"), ("hunan", "湖南省", None, "省级"), ("hainan", "海南省", None, "省级"),
            ("ningxia", "宁夏回族自治区", None, "省级"), ("nanning", "广西壮族自治区", "南宁市", "市级"),
            ("ningbo", "浙江省", "宁波市", "市级"), ("hangzhou", "浙江省", "杭州市", "市级"),
            ("yanbian", "吉林省", "延边朝鲜族自治州", "市级"), ("national", "全国", None, "国家级")]
    for doc_id, region, city, level in docs:
        meta = {"id": doc_id, "title": "开发区管理办法", "region": region, "level": level, "year": 2020}
        if city:
            meta["city"] = city
        (folder / f"{doc_id}.md").write_text(render_markdown(meta, "第一条　加强开发区建设。\n"), encoding="utf-8")
    ix = SearchIndex(Corpus(folder, imported_dir=None), tmp_path_factory.mktemp("index"))
    ix.ensure()
    yield ix
    ix.close()


def _docs(ix: SearchIndex, query: str, **kw) -> set[str]:
    return set(ix.search(query, limit=BIG, **kw).facets["doc"])


def test_a_region_filter_names_whole_places_not_parts_of_their_names(places):
    """region:南 matched 河南, 湖南, 海南 (and 南宁市); region:宁 (宁夏's abbreviation) 辽宁 … 宁波市 too."""
    result = places.search("开发区 region:南", limit=5)
    assert result.total == 0 and result.notice_code == "no_document" and result.unmatched == ["region:南"]
    assert _docs(places, "开发区 region:宁") == {"ningxia"}
    assert _docs(places, "开发区 region:江") == set()
    for named in ("河南", "河南省", "豫", "河南省 ", "region:河南"):
        assert _docs(places, f"开发区 region:{named.removeprefix('region:').strip()}") == {"henan"}, named
    for named in ("宁波", "宁波市", "浙江宁波", "浙江省宁波市", "浙宁波"):
        assert _docs(places, f"开发区 region:{named}") == {"ningbo"}, named
    assert _docs(places, "开发区 region:浙江") == _docs(places, "开发区 region:浙") == {"ningbo", "hangzhou"}
    assert _docs(places, "开发区 region:延边") == _docs(places, "开发区 region:吉林延边") == {"yanbian"}
    assert _docs(places, "开发区 region:南宁") == _docs(places, "开发区 地区：廣西南寧") == {"nanning"}
    assert _docs(places, "开发区 region:全国") == {"national"}
    assert _docs(places, "开发区", regions=["南"]) == set()


def test_a_level_filter_names_a_whole_level(places):
    """level:级 matched every level (省级, 市级, 国家级 all hold it)."""
    result = places.search("开发区 level:级", limit=5)
    assert result.total == 0 and result.unmatched == ["level:级"]
    assert _docs(places, "开发区 level:市") == _docs(places, "开发区 level:市级") == {"nanning", "ningbo", "hangzhou",
                                                                                   "yanbian"}
    assert _docs(places, "开发区 level:国家级") == _docs(places, "开发区 level:国家") == {"national"}
