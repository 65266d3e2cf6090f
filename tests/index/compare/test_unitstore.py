"""The units' bigram counts kept per document: read back as counted, recounted when damaged or stale."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.compare import align, stats, unitstore
from index.compare.inverted import DocTerms
from index.compare.units import Vectors, first_features, units
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]
DOC = "henan-2017-kaifaqu"


@pytest.fixture(scope="module")
def bundled():
    corpus = Corpus(ROOT / "content" / "docs", imported_dir=None)
    return corpus, stats.Idf(stats.corpus_stats(corpus))


def _same(a: unitstore.Encoded, b: unitstore.Encoded) -> bool:
    return (a.grams == b.grams and a.units == b.units
            and all(np.array_equal(getattr(a, n), getattr(b, n)) for n in ("ids", "counts", "sizes", "sentences")))


def _texts_and_features(corpus, doc_id):
    doc = units(corpus, doc_id)
    return [u.text for u in doc], (lambda: [first_features(u) for u in doc])


def test_the_file_form_reads_back_what_was_counted(bundled):
    corpus, _ = bundled
    texts, features = _texts_and_features(corpus, DOC)
    enc = unitstore.encode(features())
    key = unitstore.digest(texts)
    back = unitstore.from_bytes(unitstore.to_bytes(enc, key), key)
    assert back is not None and _same(back, enc)
    assert enc.units == len(texts) and len(enc.sizes) == enc.units + int(enc.sentences.sum())
    # Each unit's row holds its bigrams with their counts, in the counts' order.
    first_text = features()[0][0]
    row = slice(0, int(enc.sizes[0]))
    assert [enc.grams[i] for i in enc.ids[row]] == list(first_text)
    assert enc.counts[row].tolist() == list(first_text.values())


def test_inverted_lists_from_the_store_score_as_from_the_counts_to_the_bit(bundled):
    corpus, idf = bundled
    texts, features = _texts_and_features(corpus, DOC)
    key = unitstore.digest(texts)
    stored = unitstore.from_bytes(unitstore.to_bytes(unitstore.encode(features()), key), key)
    a, b = DocTerms(features(), idf), DocTerms(stored, idf)
    for source in units(corpus, "jilin-2021-kaifaqu")[:10]:
        q = Vectors(source, idf)
        assert a.stages(q) == b.stages(q)
        assert a.cosines(q.text).tolist() == b.cosines(q.text).tolist()
        assert a.text.products([q.text, *q.sentences]).tolist() == b.text.products([q.text, *q.sentences]).tolist()


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "other_texts", "old_version"])
def test_a_damaged_or_stale_file_is_counted_again_and_rewritten(bundled, tmp_path, damage, monkeypatch):
    corpus, _ = bundled
    texts, features = _texts_and_features(corpus, DOC)
    want = unitstore.encode(features())
    path = unitstore.path_for(tmp_path, DOC)
    unitstore.load_or_encode(tmp_path, DOC, texts, features)
    good = path.read_bytes()
    key = unitstore.digest(texts)
    assert unitstore.from_bytes(good, key) is not None
    if damage == "truncate":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flip":
        data = bytearray(good)
        data[len(data) // 2] ^= 0x40
        path.write_bytes(bytes(data))
    elif damage == "garbage":
        path.write_bytes(b"not a unit store at all" * 10)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other_texts":
        path.write_bytes(unitstore.to_bytes(want, unitstore.digest(texts[:-1])))
    else:
        monkeypatch.setattr(unitstore, "VERSION", unitstore.VERSION + 1)  # the counting code changed
        key = unitstore.digest(texts)
    assert unitstore.from_bytes(path.read_bytes(), key) is None
    counted = []

    def compute():
        counted.append(1)
        return features()

    got = unitstore.load_or_encode(tmp_path, DOC, texts, compute)
    assert counted and _same(got, want)
    assert unitstore.from_bytes(path.read_bytes(), key) is not None  # rewritten
    again = unitstore.load_or_encode(tmp_path, DOC, texts, lambda: pytest.fail("read, not counted"))
    assert _same(again, want)


def test_an_unwritable_folder_only_costs_a_recount(bundled, tmp_path):
    corpus, _ = bundled
    texts, features = _texts_and_features(corpus, DOC)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    got = unitstore.load_or_encode(blocked, DOC, texts, features)
    assert _same(got, unitstore.encode(features()))
    assert unitstore.load_or_encode(None, DOC, texts, features).units == len(texts)


def test_a_comparison_reads_the_store_and_gives_the_same_result(tmp_path, monkeypatch):
    def compare(manifest):
        corpus = Corpus(ROOT / "content" / "docs", imported_dir=None, manifest=manifest)
        return align.counterparts(corpus, "jilin-2021-kaifaqu/c1/s1").to_dict()

    plain = compare(None)
    folder = tmp_path / unitstore.FOLDER
    first = compare(tmp_path / "manifest.sqlite")
    kept = sorted(p.name for p in folder.iterdir())
    assert "jilin-2021-kaifaqu.units" in kept and len(kept) >= 5
    align._contexts.clear()
    monkeypatch.setattr(unitstore, "encode", lambda features: pytest.fail("counted, not read"))
    second = compare(tmp_path / "manifest.sqlite")  # read from the files this time
    assert first == plain and second == plain
