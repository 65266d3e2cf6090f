"""``zoneref search`` and ``zoneref index``: the JSON contract, filters, scripts and bad queries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from index.base.text import normalise
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]
HIT_KEYS = {"clause_id", "doc_id", "region", "score", "heading", "path", "text", "snippet", "highlights"}
STATUS_KEYS = {"documents", "clauses", "size_bytes", "fingerprint", "built_at"}


def run(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else None), (out if "--json" not in argv
                                                                                   else err)


def brute(needle: str, doc_ids=None, regions=None) -> set[str]:
    corpus = Corpus(imported_dir=None)
    n = normalise(needle)
    out = set()
    for clause in corpus.all_clauses():
        doc = corpus.document(clause.doc_id)
        if doc_ids and doc.id not in doc_ids:
            continue
        if regions and not any(r in doc.region or r in (doc.meta.get("city") or "") for r in regions):
            continue
        if n in normalise(clause.text):
            out.add(clause.id)
    return out


def test_search_json_contract(capsys):
    code, data, _ = run(capsys, "search", "开发区", "--json", "--limit", "1000")
    assert code == 0
    assert set(data) >= {"query", "total", "hits", "facets", "notice"}
    assert data["query"] == "开发区" and data["notice"] is None
    assert data["total"] == len(data["hits"]) == len(brute("开发区"))
    assert {h["clause_id"] for h in data["hits"]} == brute("开发区")
    assert set(data["facets"]) >= {"region", "doc"}
    assert sum(data["facets"]["doc"].values()) == data["total"] == sum(data["facets"]["region"].values())
    for hit in data["hits"]:
        assert set(hit) >= HIT_KEYS
        assert isinstance(hit["score"], float) and isinstance(hit["path"], list)
        assert hit["clause_id"].startswith(hit["doc_id"] + "/")
        assert hit["highlights"], hit["clause_id"]
        for s, e in hit["highlights"]:
            # Offsets into the original text, which may be traditional script.
            assert normalise(hit["text"][s:e]) == "开发区"
        assert hit["snippet"].replace("…", "") in hit["text"].replace("\n", " ")
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert any(hit["text"][s:e] == "開發區" for hit in data["hits"] for s, e in hit["highlights"])


def test_limit(capsys):
    _, data, _ = run(capsys, "search", "开发区", "--limit", "3", "--json")
    assert len(data["hits"]) == 3 and data["total"] > 3
    _, whole, _ = run(capsys, "search", "开发区", "--limit", "10", "--json")
    assert [h["clause_id"] for h in whole["hits"][:3]] == [h["clause_id"] for h in data["hits"]]
    _, none, _ = run(capsys, "search", "开发区", "--limit", "0", "--json")
    assert none["hits"] == [] and none["total"] == data["total"]


def test_region_and_doc_filters(capsys):
    _, data, _ = run(capsys, "search", "土地", "--region", "吉林", "--limit", "1000", "--json")
    assert {h["clause_id"] for h in data["hits"]} == brute("土地", regions=["吉林"])
    assert {h["region"] for h in data["hits"]} == {"吉林省"}
    _, data, _ = run(capsys, "search", "土地", "--region", "吉林", "--region", "河南", "--limit", "1000", "--json")
    assert {h["clause_id"] for h in data["hits"]} == brute("土地", regions=["吉林", "河南"])
    assert set(data["facets"]["region"]) == {"吉林省", "河南省"}
    _, data, _ = run(capsys, "search", "土地", "--doc", "hebei-2017-kaifaqu", "--limit", "1000", "--json")
    assert {h["clause_id"] for h in data["hits"]} == brute("土地", doc_ids={"hebei-2017-kaifaqu"})
    assert set(data["facets"]["doc"]) == {"hebei-2017-kaifaqu"}
    _, data, _ = run(capsys, "search", "土地", "--region", "嘉兴", "--limit", "1000", "--json")
    assert {h["doc_id"] for h in data["hits"]} == {"jiaxing-2015-kaifaqu"}, "a city matches too"


def test_traditional_query_finds_simplified_documents(capsys):
    _, trad, _ = run(capsys, "search", "開發區", "--region", "浙江", "--limit", "1000", "--json")
    _, simp, _ = run(capsys, "search", "开发区", "--region", "浙江", "--limit", "1000", "--json")
    assert trad["total"] > 0 and {h["region"] for h in trad["hits"]} == {"浙江省"}
    assert [h["clause_id"] for h in trad["hits"]] == [h["clause_id"] for h in simp["hits"]]
    hit = trad["hits"][0]
    s, e = hit["highlights"][0]
    assert hit["text"][s:e] == "开发区", "highlights show the document's own script"


@pytest.mark.parametrize("query", ['"开发区', "开发区 OR", "NOT", "。，！", "😀开发区\x07", "开发区" * 400])
def test_malformed_query_exits_0_with_a_notice(capsys, query):
    code, data, _ = run(capsys, "search", query, "--json")
    assert code == 0
    assert isinstance(data["notice"], str) and data["notice"]
    assert data["total"] >= 0


def test_unbalanced_quote_falls_back_to_a_literal_search(capsys):
    _, data, _ = run(capsys, "search", '"高质量发展', "--limit", "1000", "--json")
    assert data["notice"] and {h["clause_id"] for h in data["hits"]} == brute("高质量发展")


def test_empty_query_is_an_empty_result(capsys):
    code, data, _ = run(capsys, "search", "", "--json")
    assert code == 0 and data["total"] == 0 and data["hits"] == [] and data["notice"] is None


def test_text_output_marks_matches(capsys):
    code, _, out = run(capsys, "search", "开发区", "--limit", "2")
    assert code == 0
    assert "【开发区】" in out or "【開發區】" in out
    assert "条结果" in out


def test_index_status_and_rebuild_json(capsys, zoneref_home):
    code, data, _ = run(capsys, "index", "status", "--json")
    assert code == 0 and set(data) >= STATUS_KEYS
    assert data["documents"] == 0 and data["fingerprint"] is None, "nothing built yet"
    code, rebuilt, _ = run(capsys, "index", "rebuild", "--json")
    assert code == 0 and set(rebuilt) >= STATUS_KEYS
    corpus = Corpus(imported_dir=None)
    assert rebuilt["documents"] == len(corpus.documents()) == 5
    assert rebuilt["clauses"] == len(list(corpus.all_clauses()))
    assert rebuilt["size_bytes"] > 0 and len(rebuilt["fingerprint"]) == 32
    assert rebuilt["built_at"].endswith("Z")
    assert Path(rebuilt["folder"]).is_relative_to(zoneref_home)
    _, status, _ = run(capsys, "index", "status", "--json")
    assert {k: status[k] for k in STATUS_KEYS} == {k: rebuilt[k] for k in STATUS_KEYS}
    code, _, text = run(capsys, "index", "status")
    assert code == 0 and rebuilt["fingerprint"] in text


def _flip_first_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_damaged_index_is_rebuilt_by_search_and_named_by_status(capsys, zoneref_home):
    """A byte changed in a search index file: ``search`` rebuilt nothing and died of a UnicodeDecodeError, and
    ``index status`` said all was well. Now the search rebuilds and answers; the status names the damage."""
    code, first, _ = run(capsys, "search", "招商", "--json")
    assert code == 0 and first["total"] > 0
    (paths,) = (zoneref_home / "index").glob("gen-*/side-*.paths")
    _flip_first_byte(paths)
    code, again, _ = run(capsys, "search", "招商", "--json")
    assert code == 0 and again == first
    assert not paths.exists(), "rebuilt: the damaged generation is gone"
    (paths,) = (zoneref_home / "index").glob("gen-*/side-*.paths")
    _flip_first_byte(paths)
    code, status, _ = run(capsys, "index", "status", "--json")
    assert code == 0 and status["damaged"] == f"{paths.name} does not match its checksum"
    code, _, text = run(capsys, "index", "status")
    assert code == 0 and "the search index is damaged" in text and "zoneref index rebuild" in text
    code, again, _ = run(capsys, "search", "招商", "--json")
    assert code == 0 and again == first
    _, status, _ = run(capsys, "index", "status", "--json")
    assert status["damaged"] is None


def test_search_builds_the_index_on_first_use(capsys):
    _, before, _ = run(capsys, "index", "status", "--json")
    assert before["fingerprint"] is None
    run(capsys, "search", "土地", "--json")
    _, after, _ = run(capsys, "index", "status", "--json")
    assert after["fingerprint"] and after["clauses"] > 0


def test_an_index_folder_that_cannot_be_made_is_a_clear_error(capsys, zoneref_home):
    """A file named ``index`` in the data folder (or a read-only data folder): search and index rebuild exit 1
    with the folder and the reason (they ended in a FileExistsError traceback from ``mkdir``)."""
    (zoneref_home / "index").write_text("not a folder", encoding="utf-8")
    for argv in (("search", "土地", "--json"), ("index", "rebuild", "--json")):
        rc, data, err = run(capsys, *argv)
        assert rc == 1 and data is None, argv
        assert err.startswith(f"zoneref: error: cannot write the search index in {zoneref_home / 'index'}: ")
        assert err.count("\n") == 1
    assert (zoneref_home / "index").read_text(encoding="utf-8") == "not a folder"


def zoneref(*args, home):
    env = {**os.environ, "ZONEREF_HOME": str(home), "PYTHONIOENCODING": "ascii"}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_real_command_search_json(zoneref_home):
    proc = zoneref("search", "開發區 region:浙江", "--limit", "5", "--json", home=zoneref_home)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["total"] == len(brute("开发区", regions=["浙江"]))
    assert len(data["hits"]) == 5 and all(set(h) >= HIT_KEYS for h in data["hits"])
    assert {h["region"] for h in data["hits"]} == {"浙江省"}
    proc = zoneref("index", "status", "--json", home=zoneref_home)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 5


def test_a_read_command_runs_without_the_collector_and_an_index_build_inside_it_with(capsys, monkeypatch):
    """``zoneref search`` reads, answers and exits: the cyclic collector stays off while it runs (it walked every
    module and document it loaded), and is on again for an in-process caller after it; an index the command
    must first build is built with the collector on."""
    import gc

    from index.search import searcher

    seen = {}
    real_search, real_build = searcher.SearchIndex.search, searcher.build_generation

    def search(self, *a, **k):
        seen["search"] = gc.isenabled()
        return real_search(self, *a, **k)

    def build(*a, **k):
        seen["build"] = gc.isenabled()
        return real_build(*a, **k)

    monkeypatch.setattr(searcher.SearchIndex, "search", search)
    monkeypatch.setattr(searcher, "build_generation", build)
    assert gc.isenabled()
    code, data, _ = run(capsys, "search", "开发区", "--json")  # a fresh home: its index is built first
    assert code == 0 and data["total"] > 0
    assert seen == {"search": False, "build": True}
    assert gc.isenabled()
