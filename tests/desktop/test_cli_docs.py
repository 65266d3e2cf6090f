"""End to end: the real ``zoneref`` command as a subprocess (the CLI contract)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def zoneref(*args, home):
    env = {**os.environ, "ZONEREF_HOME": str(home), "PYTHONIOENCODING": "ascii"}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_docs_json(zoneref_home):
    proc = zoneref("docs", "--json", home=zoneref_home)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)
    assert len(docs) == 5
    keys = {"id", "title", "region", "city", "issuer", "level", "doc_number", "issued", "published",
            "status", "script", "clause_count"}
    for d in docs:
        assert keys <= set(d)
        assert d["clause_count"] > 20
    by_id = {d["id"]: d for d in docs}
    assert by_id["henan-2017-kaifaqu"]["doc_number"] == "豫政辦〔2017〕159號"
    assert by_id["jiaxing-2015-kaifaqu"]["city"] == "嘉兴市"


def test_outline_and_show_json(zoneref_home):
    proc = zoneref("outline", "jilin-2021-kaifaqu", "--json", home=zoneref_home)
    assert proc.returncode == 0, proc.stderr
    clauses = json.loads(proc.stdout)
    keys = {"id", "doc_id", "label", "heading", "level", "parent", "text", "start", "end"}
    assert all(keys <= set(c) for c in clauses)
    s12 = next(c for c in clauses if c["label"] == "(十二)")
    proc = zoneref("show", s12["id"], "--json", home=zoneref_home)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["citation"] == "《吉林省關于加快推動全省國家級開發區高質量發展的實施意見》（十二）"
    assert rec["citation_simplified"] == "《吉林省关于加快推动全省国家级开发区高质量发展的实施意见》（十二）"
    assert rec["path"] == ["三、加快推動產業轉型升級"]
    assert rec["text"].startswith("(十二)加大招商引資力度")


@pytest.mark.parametrize("args", [("show", "no-such/c1"), ("outline", "no-such-doc"), ("show", "jilin-2021-kaifaqu/c99")])
def test_unknown_id_is_a_clear_error(zoneref_home, args):
    proc = zoneref(*args, "--json", home=zoneref_home)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "unknown" in proc.stderr and args[1] in proc.stderr


def test_readable_output(zoneref_home):
    proc = zoneref("docs", home=zoneref_home)
    assert proc.returncode == 0
    assert "征求意见稿" in proc.stdout and "河北省" in proc.stdout
    proc = zoneref("show", "zhejiang-2022-kaifaqu/c2/s2", home=zoneref_home)
    assert "加大招商引资力度" in proc.stdout and "二（二）" in proc.stdout


def test_nothing_written_to_content(zoneref_home):
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "content").rglob("*")}
    zoneref("docs", "--json", home=zoneref_home)
    after = {p: p.stat().st_mtime_ns for p in (ROOT / "content").rglob("*")}
    assert before == after


# -- docs --json from the manifest's stored records: the same bytes as the records made from the documents ----

REGULATIONS = ROOT / "tests" / "data" / "regulations" / "tune"


def _listing_from_the_documents(home: Path) -> str:
    """``zoneref docs --json`` as it was made before the manifest kept records: every document read and parsed,
    each record built from ``Document.summary()``, the clause count and the version status."""
    from desktop.cli.output import to_json
    from index.library.corpus import Corpus

    c = Corpus(imported_dir=home / "documents", manifest=None)  # a manifest in memory: every file read
    versions = c.versions()
    records = []
    for doc in c.documents():
        rec = doc.summary()
        rec["clause_count"] = len(c.clauses(doc.id))
        member = versions.get(doc.id)
        rec["version_status"] = member.status if member is not None else None
        records.append(rec)
    return to_json(records) + "\n"


def _docs_json(capsys) -> str:
    from desktop import cli

    capsys.readouterr()
    assert cli.main(["docs", "--json"]) == 0
    return capsys.readouterr().out


def test_docs_json_is_the_record_made_from_the_documents(zoneref_home, capsys, tmp_path):
    from desktop import cli
    from index.library.manifest import FILE_NAME

    hostile = tmp_path / "hostile.txt"
    hostile.write_text("关于\u009b31m优化营商环境的通知\n\n一、总体要求\n\n（一）加强招商引资。\n", encoding="utf-8")
    assert cli.main(["import", str(REGULATIONS / "t29_xingzheng_fuyifa_2017.txt"),
                     str(REGULATIONS / "t30_xingzheng_fuyifa_2023.txt"), str(hostile), "--json"]) == 0
    capsys.readouterr()
    expected = _listing_from_the_documents(zoneref_home)
    assert '"version_status":"历史版本"' in expected and "\\u009b" in expected  # the cases this test is about
    assert _docs_json(capsys) == expected  # records stored at import
    assert _docs_json(capsys) == expected  # and read back

    # A metadata edit rewrites the document's record; a file changed behind the library's back is read again.
    new = json.loads(expected)[-1]["id"]
    assert cli.main(["edit", new, "--city", "测试市", "--json"]) == 0
    doc = next(p for p in (zoneref_home / "documents").glob("*.md") if "优化营商环境" in p.read_text(encoding="utf-8"))
    doc.write_text(doc.read_text(encoding="utf-8") + "\n（二）盘活存量土地。\n", encoding="utf-8")
    expected = _listing_from_the_documents(zoneref_home)
    assert '"city":"测试市"' in expected
    assert _docs_json(capsys) == expected

    # Records missing (a manifest from before they were kept) or computed by older code are made again.
    with sqlite3.connect(zoneref_home / FILE_NAME) as conn:
        conn.execute("UPDATE documents SET listing = NULL WHERE rowid % 2 = 0")
        conn.execute("UPDATE documents SET listing_version = 'old', listing = '{}' WHERE rowid % 2 = 1")
    conn.close()
    assert _docs_json(capsys) == expected
    with sqlite3.connect(zoneref_home / FILE_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM documents WHERE listing IS NULL OR listing = '{}'").fetchone() == (0,)
    conn.close()
