"""``zoneref versions``, ``link``, ``unlink``, ``diff``, ``export diff`` and ``search --all-versions`` end to end."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from desktop import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "regulations" / "tune"


def run(capsys, *argv) -> tuple[int, dict | str]:
    rc = cli.main(list(argv))
    captured = capsys.readouterr()
    try:
        return rc, json.loads(captured.out)
    except json.JSONDecodeError:
        return rc, captured.out + captured.err


@pytest.fixture
def laws(capsys) -> tuple[str, str]:
    """The administrative review law before (2017) and after (2023) its revision, imported."""
    rc, rep = run(capsys, "import", str(DATA / "t29_xingzheng_fuyifa_2017.txt"),
                  str(DATA / "t30_xingzheng_fuyifa_2023.txt"), "--json")
    assert rc == 0
    old, new = (r["doc_id"] for r in rep["imported"])
    assert rep["imported"][1]["supersedes"] == old and rep["imported"][1]["version"] == 2
    return old, new


def test_versions_json(capsys, laws):
    old, new = laws
    rc, data = run(capsys, "versions", old, "--json")
    assert rc == 0 and data["doc_id"] == old
    assert data["versions"] == [
        {"doc_id": old, "title": "中华人民共和国行政复议法", "date": "2017-09-01", "status": "历史版本", "latest": False},
        {"doc_id": new, "title": "中华人民共和国行政复议法", "date": "2023-09-01", "status": "现行", "latest": True}]
    rc, text = run(capsys, "versions", new)
    assert rc == 0 and "现行" in text and "历史版本" in text
    rc, docs = run(capsys, "docs", "--json")
    status = {d["id"]: d["version_status"] for d in docs}
    assert status[old] == "历史版本" and status[new] == "现行" and status["jilin-2021-kaifaqu"] is None
    law = next(d for d in docs if d["id"] == new)
    assert (law["region"], law["level"], law["adopted"], law["effective"]) == ("全国", "国家级", "1999-04-29", "2024-01-01")
    assert [a["date"] for a in law["amendments"]] == ["2009-08-27", "2017-09-01", "2023-09-01"]
    assert docs[0]["region"] == "全国"  # national documents first
    assert run(capsys, "versions", "no-such-doc", "--json")[0] == 2


def test_unlink_then_link(capsys, laws):
    old, new = laws
    rc, data = run(capsys, "unlink", new, "--json")
    assert rc == 0 and [v["doc_id"] for v in data["versions"]] == [new] and set(data["changed"]) == {old, new}
    assert run(capsys, "unlink", new, "--json")[0] == 1  # not linked: a failure, not bad usage
    rc, data = run(capsys, "link", old, new, "--json")
    assert rc == 0 and [v["doc_id"] for v in data["versions"]] == [old, new]
    assert run(capsys, "link", old, "no-such-doc")[0] == 2
    rc, err = run(capsys, "link", "zhejiang-2022-kaifaqu", "jilin-2021-kaifaqu")
    assert rc == 1 and "bundled" in err


def test_diff_json(capsys, laws):
    old, new = laws
    rc, data = run(capsys, "diff", old, new, "--json")
    assert rc == 0 and data["old"] == old and data["new"] == new
    assert set(data["summary"]) == {"unchanged", "changed", "added", "removed", "moved"}
    assert sum(data["summary"].values()) == len(data["rows"])
    for row in data["rows"]:
        assert row["change"] in data["summary"]
        assert (row["old_clause"] is None) == (row["change"] == "added")
        assert (row["new_clause"] is None) == (row["change"] == "removed")
        if row["change"] == "unchanged":
            assert row["old_spans"] == row["new_spans"] == []
    first = next(r for r in data["rows"] if r["old_clause"] and r["old_clause"].endswith("/art1"))
    s, e = first["old_spans"][0]
    assert first["change"] == "changed" and first["old_text"][s:e] == "具体"
    rc, text = run(capsys, "diff", old, new)
    assert rc == 0 and "条修改" in text and "[-具体-]" in text
    assert run(capsys, "diff", old, "nope", "--json")[0] == 2


def test_export_diff_docx_keeps_the_marks(capsys, laws, tmp_path):
    old, new = laws
    out = tmp_path / "新旧对照表.docx"
    rc, rec = run(capsys, "export", "diff", old, new, "--format", "docx", "-o", str(out), "--json")
    assert rc == 0 and rec["kind"] == "redline" and rec["old"] == old
    document = docx.Document(str(out))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["修改前", "修改后"]
    assert len(table.rows) == 1 + rec["rows"] == 1 + sum(v for k, v in rec["summary"].items() if k != "unchanged")
    struck = [r.text for row in table.rows[1:] for p in row.cells[0].paragraphs for r in p.runs if r.font.strike]
    underlined = [r.text for row in table.rows[1:] for p in row.cells[1].paragraphs for r in p.runs
                  if r.font.underline]
    assert "具体" in struck and "监督和保障" in underlined
    assert not any(r.font.strike for row in table.rows[1:] for p in row.cells[1].paragraphs for r in p.runs)
    assert "（删除）" in [row.cells[1].text for row in table.rows[1:]]
    assert "（新增）" in [row.cells[0].text for row in table.rows[1:]]
    heading = "\n".join(p.text for p in document.paragraphs)
    assert "新旧对照表" in heading and "条修改" in heading


def test_export_diff_csv(capsys, laws, tmp_path):
    old, new = laws
    out = tmp_path / "diff.csv"
    rc, rec = run(capsys, "export", "diff", old, new, "-f", "csv", "-o", str(out), "--all", "--json")
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    assert rc == 0 and rows[0][:5] == ["变化", "修改前条文序号", "修改前", "修改后条文序号", "修改后"]
    assert len(rows) == 1 + sum(rec["summary"].values())  # --all: unchanged articles too
    assert any("〔删：具体〕" in r[5] for r in rows[1:])


def test_search_all_versions(capsys, laws):
    old, new = laws
    rc, data = run(capsys, "search", "行政复议机关受理行政复议申请，不得向申请人收取任何费用", "--json")
    assert rc == 0 and {h["doc_id"] for h in data["hits"]} == {new}
    rc, data = run(capsys, "search", "行政复议机关受理行政复议申请，不得向申请人收取任何费用", "--all-versions", "--json")
    assert {h["doc_id"] for h in data["hits"]} == {old, new}


def test_a_filter_only_an_earlier_version_passes_says_so(capsys, laws):
    old, new = laws
    rc, data = run(capsys, "search", f"行政复议 doc:{old}", "--json")
    assert rc == 0 and data["total"] > 0  # doc: names a version: it is searched
    # Only the 2017 text (replaced in 2023) passes year:2017: 0 results used to say nothing more.
    rc, all_of_them = run(capsys, "search", "行政复议 year:2017", "--all-versions", "--json")
    assert all_of_them["total"] > 0 and all_of_them["notice_code"] is None
    rc, data = run(capsys, "search", "行政复议 year:2017", "--json")
    assert data["total"] == 0 and data["notice_code"] == "only_earlier_versions" and data["unmatched_filters"] == []
    assert data["in_earlier_versions"] == all_of_them["total"]
    rc, text = run(capsys, "search", "行政复议 year:2017")
    assert f"{all_of_them['total']} match(es) in earlier versions" in text
    # Only the earlier version passes the filters at all (the bundled 2017 policies are not 全国); also when the
    # query had to be cut to its first 256 characters.
    for query in ("行政复议 region:全国 year:2017", "行政复议 region:全国 year:2017" + " " * 300):
        rc, data = run(capsys, "search", query, "--json")
        assert data["total"] == 0 and data["notice_code"] == "only_earlier_versions", query
        assert data["in_earlier_versions"] == all_of_them["total"]
    rc, data = run(capsys, "search", "行政复议 year:2023", "--json")
    assert data["total"] > 0 and data["in_earlier_versions"] == 0


@pytest.mark.slow
def test_new_old_table_opens_in_libreoffice(capsys, laws, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        if os.environ.get("CI"):  # .ci/run installs it: there the check must run
            pytest.fail("LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice is not installed")
    old, new = laws
    out = tmp_path / "table.docx"
    assert run(capsys, "export", "diff", old, new, "-f", "docx", "-o", str(out), "--json")[0] == 0
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "table.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    from pypdf import PdfReader

    assert "修改前" in PdfReader(str(pdf)).pages[0].extract_text()
