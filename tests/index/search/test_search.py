"""Clause search: exact recall in both scripts, ranking, filters, facets, notices."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.base.text import find_in_text, is_cjk, normalise, normalise_many, to_simplified
from index.library.corpus import Corpus
from index.search.analysis import literal_terms, term_counts
from index.search.searcher import SearchIndex

BIG = 100_000


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    corpus = Corpus(imported_dir=None)
    ix = SearchIndex(corpus, tmp_path_factory.mktemp("index"))
    ix.ensure()
    yield ix
    ix.close()


def brute_force(corpus: Corpus, needle: str) -> set[str]:
    n = normalise(needle)
    return {c.id for c in corpus.all_clauses() if n in normalise(c.text)}


def found(ix: SearchIndex, query: str, **kw) -> set[str]:
    result = ix.search(query, limit=BIG, **kw)
    assert result.total == len(result.hits)
    return {h.clause_id for h in result.hits}


def cjk_substrings(corpus: Corpus, count: int, seed: int) -> list[str]:
    """Random runs of 1–8 CJK characters cut from clause texts (original script)."""
    rng = random.Random(seed)
    clauses = list(corpus.all_clauses())
    out: list[str] = []
    while len(out) < count:
        text = rng.choice(clauses).text
        start = rng.randrange(len(text))
        length = rng.choice([1, 1, 2, 2, 2, 3, 4, 5, 8])
        sub = text[start:start + length]
        if sub and all(is_cjk(ch) for ch in sub):
            out.append(sub)
    return out


@pytest.mark.parametrize("proof", ["positions", "text"])
def test_recall_is_exact_for_hundreds_of_random_substrings_in_both_scripts(seed_index, monkeypatch, proof):
    from index.search import executor as search_exec

    # Strings of 3+ characters are proved by bigram positions (many candidates) or the text (few).
    monkeypatch.setattr(search_exec, "TEXT_CHECK_MAX", 0 if proof == "positions" else 10**9)
    seed_index._ready()._cache.clear()
    corpus = seed_index.corpus
    s2t = opencc.OpenCC("s2t")
    subs = cjk_substrings(corpus, 300, seed=7)
    assert any(normalise(s) != s for s in subs), "no traditional-script sample: the test would prove less"
    for sub in subs:
        expect = brute_force(corpus, sub)
        assert expect, sub
        assert found(seed_index, sub) == expect, sub
        # The same string typed in the other script finds the same clauses.
        other = s2t.convert(sub) if normalise(sub) == sub else to_simplified(sub)
        if normalise(other) == normalise(sub):
            assert found(seed_index, other) == expect, other


def test_simplified_finds_traditional_and_back(seed_index):
    jilin = {cid for cid in found(seed_index, "开发区") if cid.startswith("jilin")}
    assert jilin, "吉林 is published in traditional script"
    assert found(seed_index, "開發區") == found(seed_index, "开发区")
    zhejiang = found(seed_index, "開發區 region:浙江")
    assert zhejiang and all(c.startswith(("zhejiang", "jiaxing")) for c in zhejiang)


def test_two_characters_across_a_word_boundary_are_found(seed_index):
    # 区高 spans 开发区|高质量: a word segmenter would never index it.
    corpus = seed_index.corpus
    expect = brute_force(corpus, "区高")
    assert expect and found(seed_index, "区高") == expect


def test_bigrams_apart_are_not_a_match(seed_index):
    # Every clause with both 发展 and 展开 but not 发展开 must be excluded.
    corpus = seed_index.corpus
    assert found(seed_index, "发展开") == brute_force(corpus, "发展开")
    assert found(seed_index, "发展 展开") - found(seed_index, "发展开")


def test_full_width_and_case_fold(seed_index):
    assert found(seed_index, "ＲＣＥＰ") == found(seed_index, "rcep") == found(seed_index, "RCEP")
    assert found(seed_index, "rcep")


def test_hits_carry_original_text_with_highlights(seed_index):
    result = seed_index.search("开发区", limit=BIG)
    jilin = [h for h in result.hits if h.doc_id == "jilin-2021-kaifaqu"]
    assert jilin
    for hit in jilin:
        assert hit.region == "吉林省"
        assert hit.highlights
        for s, e in hit.highlights:
            assert hit.text[s:e] == "開發區"
        assert "開發區" in hit.snippet
        for s, e in hit.snippet_highlights:
            assert hit.snippet[s:e] == "開發區"[: e - s] or hit.snippet[s:e] in "開發區"


def test_every_occurrence_is_highlighted_as_a_whole(seed_index):
    hit = seed_index.search("高质量发展", limit=1).hits[0]
    norm = normalise(hit.text)
    expect = [[i, i + 5] for i in range(len(norm)) if norm.startswith("高质量发展", i)]
    assert hit.highlights == expect


def test_hit_path_and_heading_come_from_the_corpus(seed_index):
    hit = seed_index.search("加大土地支持力度", limit=1).hits[0]
    clause = seed_index.corpus.clause(hit.clause_id)
    assert hit.heading == clause.heading == "加大土地支持力度"
    assert hit.path == seed_index.corpus.path(clause)


def test_empty_query_is_an_empty_result(seed_index):
    for q in ("", "   "):
        r = seed_index.search(q)
        assert r.total == 0 and r.hits == [] and r.notice is None


@pytest.mark.parametrize("query", ['"开发区', "开发区 OR", "-", "NOT", "开发区\x00😀", "。，！", "😀" * 5,
                                   "开发区" * 400, "((((", "region:", "doc:nope 开发区", "year:abcd 开发区"])
def test_malformed_queries_never_raise(seed_index, query):
    r = seed_index.search(query)
    assert r.total >= 0


def test_malformed_query_falls_back_to_literal_and_says_so(seed_index):
    r = seed_index.search('"开发区')
    assert r.notice and r.total == len(found(seed_index, "开发区"))
    r = seed_index.search("。，！")
    assert r.total == 0 and r.notice


def test_a_filter_no_document_passes_is_named_not_a_silent_zero(seed_index):
    # region:火星 (or a year written as words) used to answer 0 results, as if no clause said 开发区.
    for query, kw, at_fault in (("开发区 region:火星", {}, ["region:火星"]), ("开发区", {"regions": ["火星"]}, ["region:火星"]),
                                ("开发区 year:abc", {}, ["year:abc"]), ("开发区 year:abc-", {}, ["year:abc-"]),
                                ("开发区 region:吉林 doc:nope", {}, ["doc:nope"])):
        r = seed_index.search(query, **kw)
        assert r.total == 0 and r.notice_code == "no_document" and r.unmatched == at_fault, query
        assert r.to_dict()["unmatched_filters"] == at_fault and at_fault[0] in r.notice
    r = seed_index.search("开发区 region:吉林 year:2017")  # each passes some document, none passes both
    assert r.total == 0 and r.notice_code == "no_document_together" and r.unmatched == []
    r = seed_index.search("开发区 region:吉林 region:火星")  # values of one filter are ORed
    assert r.total > 0 and r.notice_code is None


def test_and_or_not_phrase(seed_index):
    land, use = found(seed_index, "土地"), found(seed_index, "用地")
    assert found(seed_index, "土地 用地") == land & use
    assert found(seed_index, "土地 OR 用地") == land | use
    assert found(seed_index, "土地 或 用地") == land | use
    assert found(seed_index, "土地 -用地") == land - use
    assert found(seed_index, "土地 NOT 用地") == land - use
    assert found(seed_index, "“土地集约”") == brute_force(seed_index.corpus, "土地集约")


def test_a_literal_with_a_one_character_piece_is_answered_as_the_full_path_answers_it(seed_index, monkeypatch):
    """A pasted passage cut at punctuation (改造提升传统产业、地) has a piece of one character: its unigram went to the
    few-candidates shortcut's text counts as a bigram and the search raised IndexError (the CLI printed a traceback)."""
    from index.search import executor as search_exec

    query = "开发区、地"
    got = seed_index.search(query, limit=BIG)
    assert got.total and got.total == len(brute_force(seed_index.corpus, "开发区") & brute_force(seed_index.corpus, "地"))
    monkeypatch.setattr(search_exec.Executor, "_few", lambda *_a: None)  # the postings' path, scored from postings
    seed_index._ready()._cache.clear()
    full = seed_index.search(query, limit=BIG)
    assert [(h.clause_id, h.score) for h in got.hits] == [(h.clause_id, h.score) for h in full.hits]


def test_filters(seed_index):
    every = found(seed_index, "开发区")
    assert found(seed_index, "开发区 region:吉林") == {c for c in every if c.startswith("jilin")}
    assert found(seed_index, "开发区 地区:嘉兴") == {c for c in every if c.startswith("jiaxing")}
    assert found(seed_index, "开发区 doc:hebei-2017-kaifaqu") == {c for c in every if c.startswith("hebei")}
    assert found(seed_index, "开发区 year:2017") == {c for c in every if c.startswith(("hebei", "henan"))}
    assert found(seed_index, "开发区 year:2016-2021") == {c for c in every if c.startswith(("hebei", "henan", "jilin"))}
    assert found(seed_index, "开发区", regions=["河南"]) == {c for c in every if c.startswith("henan")}
    assert found(seed_index, "开发区", doc_ids=["jilin-2021-kaifaqu"]) == {c for c in every if c.startswith("jilin")}
    # Years as officials write them: 年, 至, a range backwards, open at one end.
    for query in ("开发区 year:2021-2016", "开发区 year:2016年至2021年", "开发区 年份:２０１６～２０２１"):
        assert found(seed_index, query) == found(seed_index, "开发区 year:2016-2021"), query
    assert found(seed_index, "开发区 year:2018-") == {c for c in every if c.startswith(("jilin", "zhejiang"))}
    levels = {d.meta.get("level") for d in seed_index.corpus.documents()}
    assert found(seed_index, "开发区 level:省级") == {
        c for c in every if seed_index.corpus.document(c.split("/")[0]).meta.get("level") == "省级"}
    assert "省级" in levels


def test_filters_as_officials_type_them(seed_index):
    """region:"吉林" was a word region: no clause holds (0, no notice); 浙江嘉兴, 吉林、河南, 2018年以来 matched no
    document (0 with no_document)."""
    every = found(seed_index, "开发区")
    jilin = found(seed_index, "开发区 region:吉林")
    assert jilin and found(seed_index, '开发区 region:"吉林"') == found(seed_index, "开发区 地区：“吉林”") == jilin
    assert found(seed_index, "开发区 地区： 吉林") == jilin
    assert found(seed_index, "开发区 region:吉林、河南") == found(seed_index, "开发区 region:吉林 region:河南")
    jiaxing = {c for c in every if c.startswith("jiaxing")}
    for place in ("浙江嘉兴", "浙江省嘉兴市", "浙江嘉兴市"):
        assert found(seed_index, f"开发区 地区:{place}") == jiaxing, place
    assert found(seed_index, "开发区 地区:河北嘉兴") == found(seed_index, "开发区 地区:嘉兴浙江") == set()
    for since in ("2018年以来", "2018年至今", "2018以后"):
        assert found(seed_index, f"开发区 year:{since}") == found(seed_index, "开发区 year:2018-"), since
    assert found(seed_index, "开发区 year:2017年以前") == found(seed_index, "开发区 year:-2017")
    assert found(seed_index, "开发区 year:2015，2021") == found(seed_index, "开发区 year:2015 year:2021")


def test_filter_alone_lists_the_filtered_clauses(seed_index):
    ids = found(seed_index, "doc:hebei-2017-kaifaqu")
    assert ids == {c.id for c in seed_index.corpus.clauses("hebei-2017-kaifaqu")}


def test_facets_count_every_match(seed_index):
    r = seed_index.search("开发区", limit=3)
    assert len(r.hits) == 3
    assert sum(r.facets["doc"].values()) == r.total == sum(r.facets["region"].values())
    assert r.facets["doc"]["jilin-2021-kaifaqu"] == len({c for c in found(seed_index, "开发区") if c.startswith("jilin")})


def test_facets_list_the_most_hits_first_and_tied_regions_in_the_official_order(seed_index):
    """河北 (13) before 吉林 (22) on a tie, as in every official list, not 吉 before 河 by their characters."""
    from index.library.regions import region_key

    corpus = seed_index.corpus
    texts = [(corpus.document(c.doc_id).region, normalise(c.text)) for c in corpus.all_clauses()]

    def per_region(gram):
        counts = {}
        for region, text in texts:
            counts[region] = counts.get(region, 0) + (gram in text)
        return counts

    tied = next(g for c in corpus.clauses("hebei-2017-kaifaqu") for g in (normalise(c.text)[i:i + 2]
                                                                          for i in range(len(normalise(c.text)) - 1))
                if is_cjk(g[0]) and is_cjk(g[1]) and (n := per_region(g))["河北省"] == n["吉林省"] > 0)
    facets = seed_index.search(tied, limit=1).facets["region"]
    assert list(facets) == sorted(facets, key=lambda r: (-facets[r], region_key(r)))
    assert list(facets).index("河北省") < list(facets).index("吉林省")


def test_paging_is_consistent(seed_index):
    whole = [h.clause_id for h in seed_index.search("发展", limit=30).hits]
    pages = [h.clause_id for off in (0, 10, 20) for h in seed_index.search("发展", limit=10, offset=off).hits]
    assert pages == whole


def test_ranking_is_by_score_then_document_order(seed_index):
    hits = seed_index.search("土地", limit=BIG).hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def _write_doc(folder: Path, doc_id: str, region: str, body: str, year: int = 2020) -> None:
    from index.library.documents import render_markdown

    meta = {"id": doc_id, "title": f"{region}开发区文件", "region": region, "level": "省级", "year": year}
    (folder / f"{doc_id}.md").write_text(render_markdown(meta, body), encoding="utf-8")


def test_heading_match_outranks_body_match_and_ties_follow_document_order(tmp_path):
    content = tmp_path / "docs"
    content.mkdir()
    _write_doc(content, "a-doc", "安徽省", "一、总体要求\n\n（一）其他事项。推进园区建设和管理工作。\n\n"
                                          "（二）园区建设。推进其他事项和管理工作。\n")
    _write_doc(content, "b-doc", "安徽省", "一、总体要求\n\n（一）其他事项。推进园区建设和管理工作。\n")
    ix = SearchIndex(Corpus(content, None), tmp_path / "index")
    ix.ensure()
    hits = ix.search("园区建设", limit=10).hits
    assert [h.clause_id for h in hits] == ["a-doc/c1/s2", "a-doc/c1/s1", "b-doc/c1/s1"]
    assert hits[1].score == hits[2].score


def test_find_in_text_is_the_readers_ctrl_f():
    text = "推動開發區高質量發展，開發區ＡＢＣ"
    assert find_in_text(text, "开发区") == [(2, 5), (11, 14)]
    assert find_in_text(text, "開發區") == [(2, 5), (11, 14)]
    assert find_in_text(text, "abc") == [(14, 17)]
    assert find_in_text(text, "") == [] and find_in_text("", "开发区") == []
    assert find_in_text("aaaa", "aa") == [(0, 2), (2, 4)]


def test_batch_normalise_agrees_with_normalise_on_odd_characters():
    # (the seed corpus's clauses: test_vectorised_postings_on_the_seed_corpus)
    odd = ["ＡＢＣ㈠ﬁ", "Straße İ ǅ", "", "abc", "\u3000全角　空格"]
    assert normalise_many(odd) == [normalise(t) for t in odd]


def test_terms_are_unigrams_bigrams_and_words():
    counts = term_counts(normalise("開發區RCEP 2021年"))
    assert counts == {"开": 1, "发": 1, "区": 1, "开发": 1, "发区": 1, "rcep": 1, "2021": 1, "年": 1}
    assert literal_terms("開發區") == ["开发", "发区"]
    assert literal_terms("区") == ["区"]


def _postings_as_counts(norms):
    """gram_postings as one {term: count} per text; checks order and positions on the way."""
    from index.search.analysis import gram_postings

    gp = gram_postings(norms)
    occ = gp.occurrence_starts()
    got = [{} for _ in norms]
    for k, term in enumerate(gp.terms):
        lo, hi = gp.bounds[k], gp.bounds[k + 1]
        for j in range(lo, hi):
            rec, count = int(gp.recs[j]), int(gp.counts[j])
            got[rec][term] = count
            where = gp.positions[occ[j]:occ[j + 1]].tolist()
            assert len(where) == count and where == sorted(where)
            assert all(norms[rec].startswith(term, p) for p in where), (term, norms[rec], where)
        assert (gp.recs[lo + 1:hi] > gp.recs[lo:hi - 1]).all()
    assert [t.encode() for t in gp.terms] == sorted(t.encode() for t in gp.terms), "Whoosh wants byte order"
    return got, gp.lengths.tolist()


_TEXT = st.text(alphabet=st.sampled_from("开发区高质量發展园區ab19Z \n。，𠀀𠀁豈\x00😀"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_vectorised_postings_are_term_counts_of_each_text(texts):
    norms = [normalise(t) for t in texts]
    got, lengths = _postings_as_counts(norms)
    assert got == [dict(term_counts(n)) for n in norms]
    assert lengths == [sum(term_counts(n).values()) for n in norms]


def test_vectorised_postings_on_the_seed_corpus():
    corpus = Corpus(imported_dir=None)
    texts = [c.text for c in corpus.all_clauses()]
    norms = normalise_many(texts)
    assert norms == [normalise(t) for t in texts]
    got, _ = _postings_as_counts(norms)
    assert got == [dict(term_counts(n)) for n in norms]


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_normalising_many_texts_at_once_is_normalising_each(texts):
    assert normalise_many(texts) == [normalise(t) for t in texts]


def test_positions_and_text_check_agree(seed_index, monkeypatch):
    """Strings of 3+ characters are proved by bigram positions; the text check (old segments) agrees."""
    from index.search import executor as search_exec
    from index.search.executor import Executor

    monkeypatch.setattr(search_exec, "TEXT_CHECK_MAX", 0)
    subs = cjk_substrings(seed_index.corpus, 120, seed=11)
    subs = [s for s in subs if len(s) >= 3] + ["发展开", "区高质", "开发区开发区", "高质量发展", "国家级经济技术开发区"]
    by_positions = {s: found(seed_index, s) for s in subs}
    ex = seed_index._ready()
    assert ex.starts("开发") is not None and len(ex.starts("开发")[0]) > 0
    monkeypatch.setattr(Executor, "starts", lambda self, term: None)
    ex._cache.clear()
    for s in subs:
        assert found(seed_index, s) == by_positions[s] == brute_force(seed_index.corpus, s), s


def test_warm_makes_what_the_first_search_reads(seed_index, monkeypatch):
    """After ``warm`` (the app's worker, after opening) the first search neither lists the versions of the
    library nor makes the side table's offsets: each was ~5 ms of the first query at 3,500 documents."""
    from index.search import rows

    expected = seed_index.search("开发区", limit=20).to_dict()
    opened = SearchIndex(Corpus(imported_dir=None), seed_index.folder)
    try:
        opened.ensure()
        opened.warm()

        def made_in_the_query(*_a, **_k):
            raise AssertionError("made by the first search, not by warm()")

        monkeypatch.setattr(Corpus, "_ordered_groups", staticmethod(made_in_the_query))
        monkeypatch.setattr(rows, "_starts", made_in_the_query)
        assert opened.search("开发区", limit=20).to_dict() == expected
    finally:
        opened.close()


def test_the_scratch_bitmap_is_made_on_first_use_or_warmed_and_always_left_clear(seed_index, monkeypatch):
    """A one-query process does not touch the bitmap's pages at open; the app warms it; both answer the same."""
    from index.search import executor as search_exec

    monkeypatch.setattr(search_exec, "TEXT_CHECK_MAX", 0)  # proved by bigram positions, through the bitmap
    monkeypatch.setattr(search_exec.Executor, "_few", lambda *_a: None)  # not by the few-candidates shortcut
    ex = seed_index._ready()
    ex._cache.clear()
    ex._pos_cache.clear()
    ex._bitmap = None
    cold = found(seed_index, "开发区管理")
    assert cold == brute_force(seed_index.corpus, "开发区管理") and cold
    assert ex._bitmap is not None and not ex._bitmap.any()
    seed_index.warm()
    ex._cache.clear()
    ex._pos_cache.clear()
    assert found(seed_index, "開發區管理") == cold and not ex._bitmap.any()


@pytest.mark.parametrize("best_first", [1, 7, 40])
def test_similar_reads_the_records_in_the_order_of_a_whole_stable_sort(seed_index, monkeypatch, best_first):
    """The best records sorted first (and the rest only when read on) give what sorting them all gave, ties
    (records of equal score) in record order, at any cut."""
    from index.search import executor

    terms = {"开发": 1.0, "园区": 0.5, "土地": 0.75, "企业": 0.25}
    want = seed_index.similar_clauses(terms, per_doc=100, limit=60)
    every = seed_index.similar_clauses(terms, per_doc=1_000, limit=100_000)  # past any cut: the rest read too
    scores = [s for _, _, s in want]
    assert len(want) == 60 and len(set(scores)) < len(scores) and len(every) > 100  # ties; more than the cuts
    monkeypatch.setattr(executor, "BEST_FIRST", best_first)
    assert seed_index.similar_clauses(terms, per_doc=100, limit=60) == want
    assert seed_index.similar_clauses(terms, per_doc=1_000, limit=100_000) == every
    assert seed_index.similar_clauses(terms, per_doc=2, limit=5) == _first_per_doc(every, 2)[:5]  # documents skipped


def _first_per_doc(found: list, per_doc: int) -> list:
    taken: dict[str, int] = {}
    out = []
    for x in found:
        if taken.get(x[0], 0) < per_doc:
            taken[x[0]] = taken.get(x[0], 0) + 1
            out.append(x)
    return out


def test_normalising_many_converts_a_bounded_number_of_characters_a_call(monkeypatch):
    """An OpenCC call holds the interpreter lock throughout: a worker's long one froze the window."""
    from index.base import text as text_module

    texts = [c.text for c in Corpus(imported_dir=None).all_clauses()]
    each = [normalise(t) for t in texts]
    real, sizes = text_module._converter(), []

    class Spy:
        def convert(self, s: str) -> str:
            sizes.append(len(s))
            return real.convert(s)

    monkeypatch.setattr(text_module, "CONVERT_CHUNK", 2000)
    monkeypatch.setattr(text_module, "_converter", lambda: Spy())
    assert normalise_many(texts) == each
    assert len(sizes) > 1 and max(sizes) < 2000 + max(map(len, texts)) + 1  # a call ends with the text that fills it


def test_an_article_typed_with_digits_finds_the_article_printed_in_chinese_numerals(tmp_path):
    """第2条 was its pieces 第, 2 and 条 anywhere in a clause: at 3,440 documents 第10条 doc:X answered article 192
    (第一百九十二条 … 10个 …) and never 第十条. Now each form is searched in both forms, the digits as a phrase."""
    from index.library.corpus import Corpus
    from index.library.documents import render_markdown

    folder = tmp_path / "docs"
    folder.mkdir()
    body = ("第一条　为了规范2个开发区的管理，制定本条例。\n\n第二条　开发区管理机构应当建立招商引资项目库。\n\n"
            "第三条　违反本条例第2条规定的，由有关主管部门责令改正。\n")
    (folder / "reg.md").write_text(render_markdown({"id": "reg", "title": "开发区条例", "region": "上海市"}, body),
                                   encoding="utf-8")
    corpus = Corpus(folder, imported_dir=None)
    by_label = {c.label: c.id for c in corpus.clauses("reg")}
    ix = SearchIndex(corpus, tmp_path / "index")
    ix.ensure()
    try:
        want = {by_label["第二条"], by_label["第三条"]}
        for query in ("第2条", "第２条", "第二条", "第二條", "“第2条”"):
            assert found(ix, query) == want, query
        assert found(ix, "第2条 doc:reg") == want
        assert found(ix, "管理 -第2条") == {by_label["第一条"]}
        hit = ix.search("第2条", limit=10).hits
        assert {h.text[s:e] for h in hit for s, e in h.highlights} == {"第二条", "第2条"}
    finally:
        ix.close()


def test_a_phrase_matches_across_any_separators_where_it_has_a_space_and_any_bracket_where_it_has_one(tmp_path):
    """The README's own phrase "标准地 承诺制" found nothing at 3,440 documents (the texts print 标准地+承诺制, 823
    clauses), nor “国办发[2017]7号” (printed 国办发〔2017〕7号); unquoted, a document number was its pieces anywhere
    in a clause (国办发〔2016〕7号 … 2017年 was a hit)."""
    from index.library.corpus import Corpus
    from index.library.documents import render_markdown

    folder = tmp_path / "docs"
    folder.mkdir()
    body = ("一、深化“标准地+承诺制”改革。\n\n二、推行标准地承诺制。\n\n三、标准地出让后，承诺制另行规定。\n\n"
            "四、贯彻国办发〔2017〕7号文件。\n\n五、依照国办发〔2016〕7号和2017年的规定。\n")
    (folder / "p.md").write_text(render_markdown({"id": "p", "title": "开发区意见", "region": "上海市"}, body),
                                 encoding="utf-8")
    corpus = Corpus(folder, imported_dir=None)
    by_label = {c.label: c.id for c in corpus.clauses("p")}
    ix = SearchIndex(corpus, tmp_path / "index")
    ix.ensure()
    try:
        assert found(ix, '"标准地 承诺制"') == found(ix, "“標準地  承諾制”") == {by_label["一、"], by_label["二、"]}
        assert found(ix, '"标准地+承诺制"') == {by_label["一、"]}  # no space: as typed
        for query in ("国办发[2017]7号", "国办发(2017)7号", "国办发（２０１７）7号", "“国办发[2017]7号”", "国办发〔2017〕7号"):
            assert found(ix, query) == {by_label["四、"]}, query
        marked = {h.clause_id: [h.text[s:e] for s, e in h.highlights]
                  for query in ('"标准地 承诺制"', "国办发[2017]7号") for h in ix.search(query, limit=10).hits}
        assert marked == {by_label["一、"]: ["标准地+承诺制"], by_label["二、"]: ["标准地承诺制"],
                          by_label["四、"]: ["国办发〔2017〕7号"]}
    finally:
        ix.close()


def test_a_number_is_highlighted_as_the_whole_number_it_matched_and_excluding_nothing_finds_nothing(tmp_path):
    """7 matches the number 7 only (a word term), but was highlighted inside 2017 too (11 of the first 100 hits of
    7 at 3,440 documents); -， (an exclusion of nothing searchable) answered every clause of the library."""
    from index.library.corpus import Corpus
    from index.library.documents import render_markdown

    folder = tmp_path / "docs"
    folder.mkdir()
    body = "一、本办法自2017年7月7日起施行，RCEP7与RCEP同时适用。\n\n二、开发区管理办法另行制定。\n"
    (folder / "p.md").write_text(render_markdown({"id": "p", "title": "开发区意见", "region": "上海市"}, body),
                                 encoding="utf-8")
    ix = SearchIndex(Corpus(folder, imported_dir=None), tmp_path / "index")
    ix.ensure()
    try:
        (hit,) = ix.search("7", limit=10).hits
        assert [hit.text[s:e] for s, e in hit.highlights] == ["7", "7"]
        assert [hit.text[s - 1:e + 1] for s, e in hit.highlights] == ["年7月", "月7日"]
        (hit,) = ix.search("rcep", limit=10).hits
        assert [hit.text[s:e + 1] for s, e in hit.highlights] == ["RCEP同"]
        for query in ("-，", "--"):
            r = ix.search(query, limit=10)
            assert (r.total, r.notice_code) == (0, "no_terms"), query
        assert ix.search("-，", regions=["上海"], limit=10).total == 2  # with a filter: the filter's clauses
        assert found(ix, "-管理") == {"p/" + c.id.split("/", 1)[1] for c in ix.corpus.clauses("p")
                                      if "管理" not in c.text}
    finally:
        ix.close()


def test_a_pasted_passage_no_clause_holds_whole_finds_the_clauses_of_its_sentences(tmp_path):
    """A passage pasted from a document (several articles, line breaks, “quotes”) found nothing at 3,440 documents:
    its words were ANDed in one clause (and a line break read the query literally). It is now searched for its
    sentences, the clauses holding most of them first; words typed (招商引资 量子纠缠) are not a passage."""
    from index.library.corpus import Corpus
    from index.library.documents import render_markdown

    folder = tmp_path / "docs"
    folder.mkdir()
    body = ("第一条　为了规范开发区管理，优化营商环境，制定本条例。\n\n"
            "第二条　开发区管理机构应当建立招商引资项目库，推行“标准地+承诺制”改革。\n\n"
            "第三条　鼓励以商招商、产业链招商，开展招商引资活动。\n")
    (folder / "reg.md").write_text(render_markdown({"id": "reg", "title": "开发区条例", "region": "上海市"}, body),
                                   encoding="utf-8")
    corpus = Corpus(folder, imported_dir=None)
    by_label = {c.label: c.id for c in corpus.clauses("reg")}
    ix = SearchIndex(corpus, tmp_path / "index")
    ix.ensure()
    try:
        pasted = ("开发区管理机构应当建立招商引资项目库，推行“标准地+承诺制”改革。\n"
                  "第三条　鼓励以商招商、产业链招商，\n开展招商引资活动。")
        r = ix.search(pasted, limit=10)
        assert r.notice_code == "passage_parts" and r.to_dict()["notice_code"] == "passage_parts"
        assert {h.clause_id for h in r.hits} == {by_label["第二条"], by_label["第三条"]}
        assert any(h.text[s:e] == "开发区管理机构应当建立招商引资项目库" for h in r.hits for s, e in h.highlights)
        assert ix.search(pasted + " region:北京", limit=10).notice_code == "no_document"
        for typed in ("招商引资 量子纠缠", "招商引资项目库 OR 量子纠缠火星基地在此 产业链招商开展招商引资活动"):
            r = ix.search(typed, limit=10)
            assert (r.total, r.notice_code) == (0, None), typed
    finally:
        ix.close()


def test_a_heading_over_its_clauses_comes_after_the_clauses_that_say_something(tmp_path):
    """At 3,500 documents, 183 of the first 200 hits of 招商引资 were section titles (第四节 招商引资项目库):
    a clause whose text is its number and heading only, over the clauses under it, is listed after them."""
    from index.library.corpus import Corpus
    from index.library.documents import render_markdown
    from index.search.rows import signpost
    from index.search.searcher import SearchIndex

    folder = tmp_path / "docs"
    folder.mkdir()
    body = ("第一章　总则\n\n第一条　为了规范开发区管理，制定本条例。\n\n第二章　招商引资\n\n"
            "第一节　招商引资项目库\n\n第二条　开发区管理机构应当建立招商引资项目库，定期更新项目信息，"
            "对入库项目实行分类管理和跟踪服务，并按照规定向社会公布。\n\n"
            "第三条　鼓励以商招商、产业链招商，开展招商引资活动。\n")
    (folder / "reg.md").write_text(render_markdown({"id": "reg", "title": "开发区条例", "region": "上海市"}, body),
                                   encoding="utf-8")
    corpus = Corpus(folder, imported_dir=None)
    by_label = {c.label: c for c in corpus.clauses("reg")}
    assert signpost(by_label["第一节"].text, "第一节", by_label["第一节"].heading)
    assert not signpost(by_label["第二条"].text, "第二条", by_label["第二条"].heading)
    assert signpost("（二）目标要求。", "（二）", "目标要求")  # a run-in heading
    # A one-sentence rule over its items says something: not a signpost.
    assert not signpost("三、对招商引资成效显著的开发区给予奖励。", "三、", "对招商引资成效显著的开发区给予奖励")
    assert not signpost("一、申请开发区专项资金应当提交下列材料：", "一、", "申请开发区专项资金应当提交下列材料")
    ix = SearchIndex(corpus, tmp_path / "index")
    ix.ensure()
    hits = [h.clause_id for h in ix.search("招商引资", limit=10).hits]
    ix.close()
    articles = [by_label[k].id for k in ("第二条", "第三条")]
    headings = [by_label[k].id for k in ("第二章", "第一节")]
    assert set(hits) == set(articles + headings)
    assert set(hits[:2]) == set(articles) and set(hits[2:]) == set(headings)


def test_a_province_by_its_abbreviation(seed_index):
    """region:豫 and 地区:冀 (as officials write provinces) matched no document: no region's name holds them."""
    assert found(seed_index, "开发区 region:豫") == found(seed_index, "开发区 region:河南") != set()
    assert found(seed_index, "开发区 地区:冀") == found(seed_index, "开发区 region:河北") != set()
    assert found(seed_index, "开发区 region:豫、冀") == found(seed_index, "开发区 region:河南 region:河北")
    assert found(seed_index, "开发区 region:粤") == set()  # no 广东 document here
