"""A comparison's default documents and the filters that choose others, on a library of many documents."""

from __future__ import annotations

import pytest

from index.library.corpus import Corpus
from index.library.documents import render_markdown
from index.library.regions import region_key
from index.library.shortlist import DEFAULT_COLUMNS, documents_that_matter, matching

REGIONS = ["浙江省", "江苏省", "河南省", "吉林省", "广东省", "四川省", "山东省", "湖北省"]


@pytest.fixture()
def corpus(tmp_path):
    docs = tmp_path / "documents"
    docs.mkdir()
    for n in range(60):
        region = REGIONS[n % len(REGIONS)]
        meta = {"id": f"d{n:02d}", "title": f"{region}开发区条例{n}", "region": region,
                "level": "省级" if n % 3 else "市级", "year": 2000 + n % 25}
        (docs / f"d{n:02d}.md").write_text(render_markdown(meta, "第一条 正文。\n"), encoding="utf-8")
    return Corpus(imported_dir=docs, manifest=None)


def test_defaults_are_few_and_start_with_what_the_user_decided_and_read(corpus):
    chosen = documents_that_matter(corpus, "d01", pinned=["d05"], recent=["d07", "d01", "nope"])
    assert len(chosen) == DEFAULT_COLUMNS and len(corpus.documents()) > 60
    assert chosen[:2] == ["d05", "d07"]  # pinned, then recent; the source itself and unknown ids left out
    bundled = [d.id for d in corpus.documents() if d.source == "bundled"]
    assert chosen[2:2 + len(bundled)] == bundled
    source = corpus.document("d01")
    plain = documents_that_matter(corpus, "d01")  # no pins, nothing read: the same level fills the rest
    rest = [corpus.document(d) for d in plain[len(bundled):]]
    assert rest and all(d.get("level") == source.get("level") and d.region != source.region for d in rest)
    # First the newest document of each region the bundled policies do not already stand for, newest first.
    covered = {corpus.document(d).region for d in bundled} | {source.region}
    newest = {}
    for d in corpus.documents():
        if d.get("level") == source.get("level") and d.region not in covered:
            if d.region not in newest or d.get("year") > newest[d.region].get("year"):
                newest[d.region] = d
    expect = [d.id for d in sorted(newest.values(), key=lambda d: (-d.get("year"), region_key(d.region)))]
    assert [d.id for d in rest[:len(expect)]] == expect[:len(rest)]


def test_documents_of_the_same_year_follow_the_provinces_official_order(tmp_path):
    """上海 before 北京 by their characters; an official's list has 北京 first (the division codes' order)."""
    docs = tmp_path / "documents"
    docs.mkdir()
    for doc_id, region in (("src", "浙江省"), ("sh", "上海市"), ("bj", "北京市"), ("gd", "广东省"), ("tj", "天津市")):
        meta = {"id": doc_id, "title": f"{region}开发区条例", "region": region, "level": "省级", "year": 2020}
        (docs / f"{doc_id}.md").write_text(render_markdown(meta, "第一条 正文。\n"), encoding="utf-8")
    corpus = Corpus(imported_dir=docs, manifest=None)
    bundled = [d.id for d in corpus.documents() if d.source == "bundled"]
    assert documents_that_matter(corpus, "src", limit=len(bundled) + 4)[len(bundled):] == ["bj", "tj", "sh", "gd"]


def test_a_topic_comparison_surveys_the_regions_after_the_bundled_policies_and_recent_reading(corpus):
    """A topic has no source: at 3,005 documents its comparison showed the 5 bundled policies alone (and what was
    read lately), where the coverage had 30 provinces. Each region not yet shown adds one document: its
    province's own (省级 before 市级), the newest."""
    chosen = documents_that_matter(corpus, None, recent=["d10"])
    bundled = [d.id for d in corpus.documents() if d.source == "bundled"]
    assert chosen[:1 + len(bundled)] == ["d10", *bundled]
    shown = {corpus.document(d).region for d in chosen[:1 + len(bundled)]}
    rest = [corpus.document(d) for d in chosen[1 + len(bundled):]]
    assert {d.region for d in rest} == set(REGIONS) - shown and len(rest) == len(set(REGIONS) - shown)
    for d in rest:  # the region's highest level, then its newest
        mine = [x for x in corpus.documents() if x.region == d.region and x.get("level") == "省级"]
        assert d.get("level") == "省级" and d.get("year") == max(x.get("year") for x in mine)
    assert [d.get("year") for d in rest] == sorted((d.get("year") for d in rest), reverse=True)


def test_a_topic_comparison_puts_the_national_baseline_first(tmp_path):
    docs = tmp_path / "documents"
    docs.mkdir()
    for doc_id, region, level, year in (("sc", "四川省", "省级", 2023), ("gw", "全国", "国家级", 2019),
                                        ("cd", "四川省", "市级", 2024)):
        meta = {"id": doc_id, "title": f"{region}开发区意见", "region": region, "level": level, "year": year}
        (docs / f"{doc_id}.md").write_text(render_markdown(meta, "一、正文。\n"), encoding="utf-8")
    corpus = Corpus(imported_dir=docs, manifest=None)
    bundled = [d.id for d in corpus.documents() if d.source == "bundled"]
    assert documents_that_matter(corpus, None)[len(bundled):] == ["gw", "sc"]


def test_filters_choose_by_region_level_year_and_words(corpus):
    got = matching(corpus, region="浙江", level="省级", year_from=2005, year_to=2020)
    assert got and all(d.region == "浙江省" and d.get("level") == "省级" and 2005 <= d.get("year") <= 2020 for d in got)
    assert {d.id for d in matching(corpus, text="条例1")} >= {"d01", "d10", "d19"}
    assert matching(corpus, region="西藏") == []


def test_filters_list_regions_in_the_official_order_and_the_newest_of_each_first(corpus):
    got = matching(corpus)
    assert len(got) == len(corpus.documents())
    keys = [(region_key(d.region), -(d.get("year") or 0)) for d in got]
    assert keys == sorted(keys)
    zhejiang = [d.get("year") for d in got if d.region == "浙江省" and d.get("year")]
    assert len(set(zhejiang)) > 1 and zhejiang == sorted(zhejiang, reverse=True)


def test_a_version_replaced_by_a_newer_one_is_left_out_even_when_only_the_newer_one_says_so(tmp_path):
    # An import stopped after writing the new version (its ``supersedes``) and before its predecessor's
    # ``superseded_by`` (written at the batch's end): the shortlist still offers only the newer version.
    docs = tmp_path / "documents"
    docs.mkdir()
    cards = [("src", "浙江省", 2020, {}), ("old", "江苏省", 2010, {}), ("new", "江苏省", 2021, {"supersedes": "old"}),
             ("was", "河南省", 2008, {"superseded_by": "now"}), ("now", "河南省", 2019, {"supersedes": "was"})]
    for doc_id, region, year, links in cards:
        meta = {"id": doc_id, "title": f"{region}开发区条例{year}", "region": region, "level": "省级", "year": year,
                **links}
        (docs / f"{doc_id}.md").write_text(render_markdown(meta, "第一条 正文。\n"), encoding="utf-8")
    chosen = documents_that_matter(Corpus(imported_dir=docs, manifest=None), "src")
    assert {"new", "now"} <= set(chosen)
    assert "old" not in chosen and "was" not in chosen
