"""The labelled exemplars and their nearest-neighbour topic vote (``index.compare.exemplars``)."""

from __future__ import annotations

import json

import pytest

from index.base import paths
from index.base.errors import ContentError
from index.compare import exemplars, topics

LAND = "实行土地集约节约利用，严格控制开发区新增建设用地，提高亩均产出和容积率。"
TALENT = "引进高层次人才和创新团队，给予住房补贴和子女入学便利，完善人才服务体系。"
MONEY = "省财政每年安排专项资金，对考核优秀的开发区予以资金支持和奖励。"


def _examples(k: int = 2) -> exemplars.Exemplars:
    return exemplars.Exemplars([
        ("a", LAND, ("tudi_jiyue",)),
        ("a", TALENT, ("rencai",)),
        ("b", LAND.replace("开发区", "园区"), ("tudi_jiyue",)),
        ("b", MONEY, ("caizheng",)),
        ("c", "本意见自印发之日起施行。", ()),
    ], k=k)


def test_the_nearest_exemplars_vote_for_their_topics_in_proportion_to_similarity():
    vote = _examples().vote("elsewhere", "推进土地集约利用，提高开发区亩均产出。")
    assert set(vote) == {"tudi_jiyue"}
    assert vote["tudi_jiyue"] == pytest.approx(1.0)
    mixed = _examples(k=4).vote("elsewhere", "提高亩均产出，对开发区予以资金支持。")
    assert 0 < mixed["caizheng"] < 1 and 0 < mixed["tudi_jiyue"] < 1
    assert sum(mixed.values()) == pytest.approx(1.0)  # each exemplar has one topic here, shares add to 1


def test_a_units_own_document_never_votes():
    ex = _examples(k=1)
    assert ex.vote("elsewhere", TALENT) == {"rencai": pytest.approx(1.0)}
    # Document a's own labels are left out: its talent clause is judged by the other documents' exemplars.
    assert "rencai" not in ex.vote("a", TALENT)
    assert ex.vote("a", LAND) == {"tudi_jiyue": pytest.approx(1.0)}  # b's land exemplar, not a's own


def test_a_text_sharing_no_bigram_with_any_exemplar_gets_no_vote():
    ex = _examples()
    assert ex.vote("elsewhere", "ABC") == {}
    assert ex.vote("elsewhere", "") == {}
    assert exemplars.Exemplars([]).votes("x", ["土地"]) == [{}]


def test_counting_a_documents_units_at_once_gives_each_units_vote():
    ex = _examples(k=3)
    texts = [LAND, "", TALENT + MONEY, "ABC", MONEY]
    assert ex.votes("a", texts) == [ex.vote("a", t) for t in texts]
    assert ex.votes("a", []) == []


def test_both_scripts_fold_together():
    ex = _examples(k=1)
    assert ex.vote("elsewhere", "引進高層次人才和創新團隊") == {"rencai": pytest.approx(1.0)}


def test_the_shipped_exemplars_name_only_taxonomy_topics_and_every_topic():
    data = json.loads(paths.topic_exemplars().read_text(encoding="utf-8"))
    ids = {t.id for t in topics.load_topics()}
    named = {tid for u in data["units"] for tid in u["topics"]}
    assert named <= ids
    assert named == ids  # a topic no exemplar treats could never gain a vote
    assert exemplars.shipped().size == len(data["units"])


@pytest.mark.parametrize("content", ["not json", '{"units": [{"doc": "a"}]}', None])
def test_a_missing_or_damaged_exemplar_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "topic_exemplars.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError, match="topic exemplars"):
        exemplars.shipped(path)


def _built(path) -> exemplars.Exemplars:
    data = json.loads(path.read_text(encoding="utf-8"))
    return exemplars.Exemplars([(u["doc"], u["text"], u["topics"]) for u in data["units"]], int(data["k"]))


def _same(a: exemplars.Exemplars, b: exemplars.Exemplars) -> bool:
    import numpy as np

    return (a.gram_ids == b.gram_ids and a.doc_ranges == b.doc_ranges and a.topics == b.topics and a.k == b.k
            and all(np.array_equal(getattr(a, n), getattr(b, n)) for n in ("gram_idf", "rows", "weights", "starts")))


def test_the_shipped_postings_are_those_of_the_shipped_exemplars():
    """``topic_exemplars.npz`` spares each process counting the texts: it must be what counting them gives."""
    path = paths.topic_exemplars()
    assert exemplars.index_path(path).is_file()
    exemplars.shipped.cache_clear()
    try:
        assert _same(exemplars.shipped(), _built(path))
    finally:
        exemplars.shipped.cache_clear()


@pytest.mark.parametrize("damage", ["stale", "garbage", "missing"])
def test_postings_from_another_file_or_damaged_are_counted_again(tmp_path, damage):
    path = tmp_path / "topic_exemplars.json"
    exemplars.dump([("a", "a/1", LAND, ("tudi_jiyue",)), ("b", "b/1", TALENT, ("rencai",))], path, "test")
    saved = exemplars.index_path(path)
    assert _same(exemplars.shipped(path), _built(path))
    if damage == "stale":  # the exemplars changed after their postings were saved
        other = tmp_path / "other.json"
        exemplars.dump([("a", "a/1", MONEY, ("caizheng",))], other, "test")
        saved.write_bytes(exemplars.index_path(other).read_bytes())
    elif damage == "garbage":
        saved.write_bytes(b"PK\x03\x04 not a zip")
    else:
        saved.unlink()
    exemplars.shipped.cache_clear()
    try:
        assert _same(exemplars.shipped(path), _built(path))
        assert exemplars.shipped(path).vote("x", TALENT) == {"rencai": pytest.approx(1.0)}
    finally:
        exemplars.shipped.cache_clear()
