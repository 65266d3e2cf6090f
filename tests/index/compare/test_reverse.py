"""Compared back (A→B→A): the reverse record of a comparison's first match and its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.compare import align, records, reverse
from index.compare.topics import load_topics, unit_topics
from index.compare.units import unit_of
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]
KEYS = {"clause_id", "mutual", "reason", "source_rank", "topics", "label", "heading", "relation"}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(ROOT / "content" / "docs", imported_dir=None)


def test_first_match_carries_the_reverse_record(corpus):
    # 吉林 （十二） 加大招商引资力度: the 招商 sections of 河北, 河南 and 浙江 find it back (the A↔B case).
    data = align.counterparts(corpus, "jilin-2021-kaifaqu/c3/s12", pins={}).to_dict()
    for col in data["columns"]:
        first, *rest = col["matches"]
        assert set(first["reverse"]) == KEYS
        assert first["reverse"]["reason"] in reverse.REASONS
        assert all(m["reverse"] is None for m in rest)
        if col["doc_id"] in ("hebei-2017-kaifaqu", "henan-2017-kaifaqu", "zhejiang-2022-kaifaqu"):
            assert first["reverse"]["clause_id"] == "jilin-2021-kaifaqu/c3/s12"
            assert first["reverse"]["mutual"] and first["reverse"]["reason"] == "mutual"
            assert first["reverse"]["source_rank"] == 1
        else:
            # not found back first: ranked lower, or not among the 5 compared back (None)
            assert not first["reverse"]["mutual"] and first["reverse"]["source_rank"] in (None, 2, 3, 4, 5)


def test_a_pinned_first_match_is_compared_back_too(corpus):
    pins = {"henan-2017-kaifaqu": {"decision": "pin", "clause_id": "henan-2017-kaifaqu/c10/s3"}}
    col = next(c for c in align.counterparts(corpus, "jilin-2021-kaifaqu/c3/s12", ["henan-2017-kaifaqu"],
                                             pins=pins).columns)
    assert col.decision == "pin" and col.matches[0].reverse is not None
    assert col.matches[0].reverse.clause_id == reverse.back_ranking(
        align.session_for(align.context(corpus), unit_of(corpus, corpus.clause("jilin-2021-kaifaqu/c3/s12"))),
        unit_of(corpus, corpus.clause("henan-2017-kaifaqu/c10/s3")))[0].unit.id


def _reasons_hold(corpus, source_id: str) -> list[str]:
    """Check each first match's reason against the facts it states; return the reasons seen."""
    names = {t.id: t.name for t in load_topics()}
    source = unit_of(corpus, corpus.clause(source_id))
    seen = []
    for col in align.counterparts(corpus, source_id, pins={}).columns:
        if not col.matches:
            continue
        rev = col.matches[0].reverse
        seen.append(rev.reason)
        assert rev.mutual == (rev.clause_id == source_id)
        back = unit_of(corpus, corpus.clause(rev.clause_id))
        counterpart = unit_of(corpus, corpus.clause(col.matches[0].clause_id))
        if rev.reason == "part":
            assert rev.clause_id.startswith(source_id + "/") or source_id.startswith(rev.clause_id + "/")
        elif rev.reason == "same_topic":
            assert rev.topics == [names[unit_topics(source)[0]]]
            assert rev.topics[0] in [names[t] for t in unit_topics(back)]
        elif rev.reason == "broader":
            theirs = [names[t] for t in unit_topics(counterpart)]
            assert len(theirs) >= 2 and set(rev.topics) <= set(theirs) and rev.topics[0] != rev.topics[1]
        elif rev.reason == "listed":
            assert 2 <= rev.source_rank <= reverse.LISTED
        elif rev.reason == "differs":
            assert not rev.mutual and (rev.source_rank is None or rev.source_rank > reverse.LISTED)
            assert "可能不可靠" in rev.summary()
    return seen


def test_each_reason_states_a_checkable_fact(corpus):
    seen = set()
    for source_id in ("jilin-2021-kaifaqu/c1/s2", "jilin-2021-kaifaqu/c2/s5", "jilin-2021-kaifaqu/c3/s11",
                      "hebei-2017-kaifaqu/h2", "jilin-2021-kaifaqu/pre", "henan-2017-kaifaqu/c8"):
        seen.update(_reasons_hold(corpus, source_id))
    # The cases above were chosen to show more than agreement; any four of the six reasons will do.
    assert len(seen) >= 4 and "mutual" in seen


def test_summary_lines():
    mutual = records.Reverse("a/c1", True, "mutual", 1)
    assert mutual.summary() == "对照回去：最接近的正是本条（互为最佳）"
    other = records.Reverse("a/c2", False, "differs", None, [], "(二)", "创新招商方式")
    assert other.summary() == "对照回去：最接近的是 (二)创新招商方式（本条不在其前 5 个候选中），不是本条：这一对应可能不可靠"
    same = records.Reverse("a/c2", False, "same_topic", 2, ["招商引资"], "(二)", None)
    assert "同主题（招商引资）" in same.summary() and "本条排第 2" in same.summary()
