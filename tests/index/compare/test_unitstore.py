"""The units' bigram counts kept per document: read back as counted, recounted when damaged or stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.compare import align, stats, unitstore
from index.compare.inverted import DocTerms
from index.compare.units import Vectors, features, first_features, units
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
    assert any(n.endswith(".facts") for n in kept) and any(n.endswith(".words") for n in kept)
    align._contexts.clear()
    monkeypatch.setattr(unitstore, "encode", lambda features: pytest.fail("counted, not read"))
    monkeypatch.setattr(unitstore, "features", lambda unit: pytest.fail("described, not read"))
    second = compare(tmp_path / "manifest.sqlite")  # read from the files this time
    assert first == plain and second == plain


def test_kept_words_are_read_back_and_a_damaged_or_foreign_file_is_segmented_again(bundled, tmp_path):
    from index.compare.wording import matching_text, word_lengths

    corpus, _ = bundled
    texts = [matching_text(u.text) for u in units(corpus, DOC)]
    want = [word_lengths(t) for t in texts]
    assert all(sum(w) == len(t) for w, t in zip(want, texts, strict=True))  # the words cover each text
    segmented = []

    def compute():
        segmented.append(1)
        return want

    assert unitstore.load_or_segment(tmp_path, DOC, texts, "seg-1", compute) == want
    assert unitstore.load_or_segment(tmp_path, DOC, texts, "seg-1", lambda: pytest.fail("read, not cut")) == want
    path = unitstore.path_for(tmp_path, DOC, "words")
    data = bytearray(path.read_bytes())
    data[-10] ^= 0x01
    path.write_bytes(bytes(data))
    segmented.clear()
    assert unitstore.load_or_segment(tmp_path, DOC, texts, "seg-1", compute) == want and segmented
    segmented.clear()
    assert unitstore.load_or_segment(tmp_path, DOC, texts, "seg-2", compute) == want and segmented  # another segmenter
    segmented.clear()
    assert unitstore.load_or_segment(tmp_path, DOC, texts[:-1], "seg-2", lambda: want[:-1]) == want[:-1]
    assert unitstore.load_or_segment(None, DOC, texts, "seg-2", compute) == want and segmented


def test_known_words_bound_as_the_segmenter_does():
    from index.compare import wording

    norm = wording.matching_text("支持开发区建设标准地改革，推进链长制。")
    want = wording.word_bounds(norm)
    lengths = wording.word_lengths(norm)
    wording.word_bounds.cache_clear()
    wording.know_words(norm, lengths)
    assert wording.word_bounds(norm) == want and wording.words(norm)
    assert wording.segmenter_key() == wording.segmenter_key() and "rjieba" in wording.segmenter_key()


def test_a_comparison_with_kept_words_never_loads_the_segmenter(tmp_path):
    code = ("import sys, json\nfrom pathlib import Path\nfrom index.compare import align\n"
            "from index.library.corpus import Corpus\n"
            "m = None if sys.argv[1] == '-' else Path(sys.argv[1])\n"
            "c = Corpus(Path('content/docs'), imported_dir=None, manifest=m)\n"
            "r = align.counterparts(c, 'jilin-2021-kaifaqu/c1/s1', limit=3).to_dict()\n"
            "print(json.dumps([r, 'rjieba' in sys.modules], ensure_ascii=False, sort_keys=True))")

    def run(manifest):
        return subprocess.run([sys.executable, "-c", code, manifest], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout

    plain, loaded = json.loads(run("-"))
    assert loaded  # no store: the words are cut
    first, loaded_first = json.loads(run(str(tmp_path / "manifest.sqlite")))
    second, loaded_second = json.loads(run(str(tmp_path / "manifest.sqlite")))
    assert first == plain and second == plain
    assert loaded_first and not loaded_second


def _feature_items(f):
    return list(f.lead.items()), list(f.context.items()), list(f.topics.items()), f.length


def test_kept_features_read_back_as_described_and_unknown_units_are_added(bundled, tmp_path):
    corpus, _ = bundled
    doc = units(corpus, DOC)
    facts = unitstore.Facts(tmp_path, DOC, doc, "tagger-1")
    asked = [0, 3, 7, len(doc) - 1]
    for i in asked:
        assert _feature_items(facts.get(i, doc[i])) == _feature_items(features(doc[i]))
    facts.keep()
    again = unitstore.Facts(tmp_path, DOC, doc, "tagger-1")
    assert sorted(again._kept) == asked
    for i in asked:  # the same counts and weights in the same order (sums over them follow it)
        assert _feature_items(again.get(i, doc[i])) == _feature_items(features(doc[i]))
    assert again.get(5, doc[5]) == features(doc[5])  # not kept: described, and kept next time with the others
    again.keep()
    assert sorted(unitstore.Facts(tmp_path, DOC, doc, "tagger-1")._kept) == sorted([*asked, 5])
    assert unitstore.Facts(tmp_path, DOC, doc, "tagger-2")._kept == {}  # another taxonomy: nothing kept holds
    assert unitstore.Facts(tmp_path, DOC, doc[:-1], "tagger-1")._kept == {}  # other units


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_damaged_kept_features_count_as_none_and_are_rewritten(bundled, tmp_path, damage):
    corpus, _ = bundled
    doc = units(corpus, DOC)
    facts = unitstore.Facts(tmp_path, DOC, doc, "t")
    facts.get(2, doc[2])
    facts.keep()
    path = unitstore.path_for(tmp_path, DOC, "facts")
    good = path.read_bytes()
    bad = {"truncate": good[:-7], "flip": bytes([good[0], *good[1:-20], good[-20] ^ 1, *good[-19:]]),
           "garbage": b"\x00" * 64}[damage]
    path.write_bytes(bad)
    again = unitstore.Facts(tmp_path, DOC, doc, "t")
    assert again._kept == {}
    assert again.get(2, doc[2]) == features(doc[2])
    again.keep()
    assert path.read_bytes() == good  # written again as it was


def test_removing_a_document_deletes_what_comparisons_kept_of_it(tmp_path, zoneref_home):
    from index.workspace import Workspace

    src = tmp_path / "yunnan.txt"
    src.write_text("云南省人民政府关于促进开发区高质量发展的意见\n\n一、招商引资\n\n（一）创新招商方式。推行产业链招商、"
                   "以商招商，建设滇中招商项目库。\n", encoding="utf-8")
    ws = Workspace()
    doc_id = ws.import_paths([src], workers=1)[0].imported[0]["doc_id"]
    ws.compare(f"{doc_id}/c1/s1", doc_ids=["jilin-2021-kaifaqu"])
    folder = zoneref_home / unitstore.FOLDER
    assert (folder / f"{doc_id}.units").exists()
    ws.remove_document(doc_id)
    assert not any(p.name.startswith(f"{doc_id}.") for p in folder.iterdir())
    assert (folder / "jilin-2021-kaifaqu.units").exists()  # the others' stay


def test_the_key_of_some_texts_is_their_stream_text_by_text():
    """``digest`` hashes each text and a NUL after it (files written by earlier versions keep their keys)."""
    import hashlib

    for texts in ([], [""], ["第一条 为了……"], ["甲", "", "\ud800x", "y\udc00", "a\x00b"]):
        h = hashlib.blake2b(f"{unitstore.VERSION}:{len(texts)}:".encode(), digest_size=16)
        for text in texts:
            h.update(text.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        assert unitstore.digest(texts) == h.hexdigest() == unitstore._texts_digest(tuple(texts)), texts
