"""Units' weighted vectors: the first stage's at once, the candidates' signals' when first read."""

from __future__ import annotations

from pathlib import Path

from index.compare import stats
from index.compare.units import Vectors, features, first_features, units, weigh
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]


def test_vectors_weigh_the_rest_only_when_read_and_as_the_features_say():
    corpus = Corpus(ROOT / "content" / "docs", imported_dir=None)
    idf = stats.Idf(stats.corpus_stats(corpus))
    unit = next(u for u in units(corpus, "jilin-2021-kaifaqu") if u.context and u.clause.heading)
    v = Vectors(unit, idf)
    f = features(unit)
    counts, sentences = first_features(unit)
    assert v.text == weigh(counts, idf) and v.sentences == tuple(weigh(s, idf) for s in sentences)
    assert "_rest" not in vars(v)  # heading, context and topics not computed for the first stage
    assert v.lead == weigh(f.lead, idf) and v.lead
    assert v.context == weigh(f.context, idf) and v.context
    assert v.path == weigh(f.context + f.lead, idf)
    assert v.topics == f.topics and v.length == f.length > 0
    assert v.position == unit.position and v.preamble is (unit.clause.kind == "preamble")
