"""The bundled corpus: provenance from the seeds and complete metadata."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from index.base.text import detect_script
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "tests" / "data" / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def _make_content():
    spec = importlib.util.spec_from_file_location("make_content", ROOT / "tools" / "make_content.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MAKE = _make_content()
DOCS = {rule["meta"]["id"]: name for name, rule in MAKE.SEEDS.items()}


@pytest.fixture(scope="module")
def corpus():
    return Corpus(imported_dir=None)


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def test_seed_copies_match_shared_seeds():
    if not SHARED_SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    for name in DOCS.values():
        assert (SEEDS / name).read_bytes() == (SHARED_SEEDS / name).read_bytes()


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_body_comes_from_seed_in_order(corpus, doc_id):
    seed = (SEEDS / DOCS[doc_id]).read_text(encoding="utf-8")
    body = corpus.document(doc_id).body
    assert is_subsequence(re.sub(r"\s", "", body), re.sub(r"\s", "", seed))
    # Stronger: every body line is a verbatim substring of one seed line.
    seed_lines = [ln.strip() for ln in seed.splitlines()]
    for line in filter(None, (ln.strip() for ln in body.splitlines())):
        assert any(line in s for s in seed_lines), line


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_no_policy_sentence_dropped(corpus, doc_id):
    doc = corpus.document(doc_id)
    seed = (SEEDS / DOCS[doc_id]).read_text(encoding="utf-8")
    removed = [r["text"] for r in doc.meta["removed"]]
    boilerplate = [re.compile(rx) for rx, _ in MAKE.COMMON_DROP]
    for piece in filter(None, (p.strip() for p in re.split(r"[。;；\n]", seed))):
        if piece in doc.body or any(piece in r for r in removed):
            continue
        # A line that lost a declared prefix/suffix keeps the rest verbatim.
        rest = piece
        for r in removed:
            rest = rest.replace(r, "")
        assert rest != piece and rest.strip() in doc.body, f"dropped without a declared reason: {piece!r}"
    for r in doc.meta["removed"]:
        assert r["why"], "every removal says why"
        assert r["text"] not in doc.body or len(r["text"]) < 4
    # Removed whole lines really are boilerplate, not policy sentences.
    for text in removed:
        assert "。" not in text or any(rx.search(text) for rx in boilerplate) or text == seed.splitlines()[0]


def test_content_is_reproducible_from_seeds(corpus):
    for doc_id, name in DOCS.items():
        body, removed = MAKE.clean(name, (SEEDS / name).read_text(encoding="utf-8"))
        doc = corpus.document(doc_id)
        assert doc.body == body
        assert doc.meta["removed"] == removed


@pytest.mark.parametrize("junk", ["点击:次", "【打印本页】", "報告庫會員", "掃一掃", "(圖)", "中商情報網訊", "首页", "浏览次数"])
def test_boilerplate_is_gone(corpus, junk):
    for doc in corpus.documents():
        assert junk not in doc.body, (doc.id, junk)


def test_metadata(corpus):
    docs = {d.id: d for d in corpus.documents()}
    assert set(docs) == set(DOCS)
    for doc in docs.values():
        for key in ("title", "region", "level", "status", "script", "year"):
            assert doc.meta.get(key), (doc.id, key)
        assert doc.meta["script"] == detect_script(doc.body), doc.id
        assert doc.title.replace("(征求意见稿)", "") in doc.body.replace("\n\n", "") or doc.id.startswith("hebei")
    assert docs["zhejiang-2022-kaifaqu"].meta["status"] == "征求意见稿"
    assert docs["jiaxing-2015-kaifaqu"].meta["city"] == "嘉兴市"
    assert docs["jiaxing-2015-kaifaqu"].meta["level"] == "市级"
    assert docs["henan-2017-kaifaqu"].meta["doc_number"] == "豫政辦〔2017〕159號"
    assert docs["henan-2017-kaifaqu"].meta["issued"] == "2017-12-12"
    assert docs["jilin-2021-kaifaqu"].meta["script"] == "繁体"
    assert docs["jilin-2021-kaifaqu"].meta["issuer"] is None  # unknown stays unknown
    hebei = docs["hebei-2017-kaifaqu"]
    assert hebei.region == "河北省"
    assert hebei.meta["inferred"]["region"]["from"]
    assert hebei.meta["inferred"]["year"]["value"] == hebei.meta["year"]
    assert hebei.meta["issued"] is None and hebei.meta["published"] is None
    assert "河北" in hebei.body  # the evidence is in the text itself


def test_a_corpus_let_go_hands_what_it_listed_and_parsed_to_the_background_release_unchanged(monkeypatch):
    from index.library import corpus as corpus_module

    handed = []
    monkeypatch.setattr(corpus_module, "release_in_background", lambda *containers: handed.extend(containers))
    corpus = Corpus(imported_dir=None)
    docs = corpus.documents()
    clauses = corpus.clauses(docs[0].id)
    corpus.let_go()
    assert any(c is corpus._docs for c in handed) and any(c is corpus._clauses for c in handed)
    assert corpus.documents() == docs and corpus.clauses(docs[0].id) == clauses  # still whole for a running op


def test_stored_cards_are_the_listed_documents_titles_regions_and_cards_without_a_listing(tmp_path):
    manifest = tmp_path / "manifest.sqlite"
    docs = Corpus(imported_dir=None, manifest=manifest).documents()  # a listing brings the manifest up to date
    stored = Corpus(imported_dir=None, manifest=manifest).stored_cards(d.id for d in docs)
    assert stored is not None
    by_id = {d.id: d for d in stored}
    assert set(by_id) == {d.id for d in docs}
    for d in docs:
        s = by_id[d.id]
        assert (s.title, s.region, s.source, s.card, s.short_title) == (d.title, d.region, d.source, d.card, d.short_title)
    assert Corpus(imported_dir=None, manifest=manifest).stored_cards([docs[0].id, "no-such-document"]) is None
