"""End to end: the real ``zoneref`` command as a subprocess (the CLI contract)."""

from __future__ import annotations

import json
import os
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
