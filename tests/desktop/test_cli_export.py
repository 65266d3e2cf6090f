"""``zoneref export …`` end to end on the bundled corpus, files read back."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from desktop import cli
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "jilin-2021-kaifaqu/c3/s12"


def run(capsys, *argv) -> tuple[int, dict | str]:
    rc = cli.main(list(argv))
    out = capsys.readouterr().out
    try:
        return rc, json.loads(out)
    except json.JSONDecodeError:
        return rc, out


def test_export_compare_docx_real_alignment(capsys, tmp_path):
    out = tmp_path / "对照表.docx"
    rc, rec = run(capsys, "export", "compare", SOURCE, "--format", "docx", "-o", str(out), "--json")
    assert rc == 0 and rec["path"] == str(out) and rec["kind"] == "comparison"
    corpus = Corpus()
    assert rec["columns"][0] == "jilin-2021-kaifaqu" and len(rec["columns"]) == len(corpus.documents())
    t = docx.Document(str(out)).tables[0]
    assert len(t.columns) == len(rec["columns"])
    assert "加大招商引資力度" in t.rows[1].cells[0].text
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for cid in rec["citations"]:
        assert corpus.citation(corpus.clause(cid)) in text


def test_export_compare_topic_csv_with_chosen_docs(capsys, tmp_path):
    out = tmp_path / "topic.csv"
    rc, rec = run(capsys, "export", "compare", "--topic", "招商引资", "--docs", "hebei-2017-kaifaqu,jilin-2021-kaifaqu",
                  "-f", "csv", "-o", str(out), "--json")
    assert rc == 0 and rec["columns"] == ["hebei-2017-kaifaqu", "jilin-2021-kaifaqu"]
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    assert rows[0][0] == "对照项" and rows[0][1].startswith("河北省") and rows[0][5].startswith("吉林省")
    assert rows[0][2:5] == rows[0][6:9] == ["匹配度", "强度", "依据"]  # each topic's clause: its score, band, why
    assert rows[1][0] == "招商引资" and "加大招商引資力度" in rows[1][5]
    bands, why = rows[1][7].split("\n"), rows[1][8].split("\n")  # a line per clause the cell lists
    assert len(bands) == len(why) > 1 and set(bands) <= {"强", "中", "弱"} and "共同主题：招商引资" in why[0]


def test_export_topics_and_search_and_notes(capsys, tmp_path):
    rc, rec = run(capsys, "export", "topics", "-f", "csv", "-o", str(tmp_path / "cov.csv"), "--json")
    assert rc == 0
    rows = list(csv.reader(open(tmp_path / "cov.csv", encoding="utf-8-sig", newline="")))
    assert [r[0] for r in rows[1:-1]] == rec["topics"] and len(rows[0]) == len(rec["columns"]) + 1
    rc, by_region = run(capsys, "export", "topics", "--by-region", "-f", "docx", "-o", str(tmp_path / "p.docx"),
                        "--json")
    regions = list(dict.fromkeys(d.region for d in Corpus().documents()))
    assert rc == 0 and by_region["columns"] == ["region:" + r for r in regions]
    assert len(by_region["columns"]) < len(rec["columns"]) and by_region["topics"] == rec["topics"]
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "p.docx")).paragraphs)
    assert "每格列出该省份涉及该主题的条款" in text

    rc, rec = run(capsys, "export", "search", "招商引资", "-f", "md", "-o", str(tmp_path / "s.md"), "--json")
    assert rc == 0 and rec["total"] >= 1 and SOURCE in rec["hits"]
    md = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "检索词：招商引资" in md and "<mark>**招商引資**</mark>" in md

    from index.userdata.database import open_db
    from index.userdata.notes import NoteStore

    NoteStore(open_db(), Corpus()).add(SOURCE, "以商招商", note="可借鉴的做法", tags=("招商",))
    rc, rec = run(capsys, "export", "notes", "-f", "docx", "-o", str(tmp_path / "n.docx"), "--json")
    assert rc == 0 and rec["notes"] == 1
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "n.docx")).paragraphs)
    assert "“以商招商”" in text and "可借鉴的做法" in text and "（十二）" in text

    rc, rec = run(capsys, "export", "compare", SOURCE, "--with-notes", "-f", "docx", "-o", str(tmp_path / "c.docx"),
                  "--json")
    t = docx.Document(str(tmp_path / "c.docx")).tables[0]
    assert t.rows[0].cells[-1].text == "批注" and "可借鉴的做法" in t.rows[1].cells[-1].text


def test_export_errors_exit_2(capsys, tmp_path):
    assert cli.main(["export", "compare", "nope/c1", "-f", "docx", "-o", str(tmp_path / "x.docx")]) == 2
    assert cli.main(["export", "compare", SOURCE, "--topic", "招商引资", "-f", "docx", "-o", str(tmp_path / "x")]) == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["export", "notes", "-f", "csv", "-o", str(tmp_path / "x.csv")])
    assert exc.value.code == 2
    assert not list(tmp_path.glob("x*"))


def test_export_pdf_as_a_real_command(tmp_path):
    """PDF through the real ``zoneref`` process: Qt offscreen, no window."""
    out = tmp_path / "henan.pdf"
    proc = subprocess.run([sys.executable, "-m", "desktop", "export", "document", "henan-2017-kaifaqu",
                           "--simplified", "-f", "pdf", "-o", str(out), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["path"] == str(out)
    reader = pypdf.PdfReader(str(out))
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert len(reader.pages) >= 2
    assert "河南省人民政府办公厅关于促进产业集聚区和开发区改革创新发展的实施意见" in text


def test_export_saved_set_applies_its_documents_and_pins(capsys, tmp_path):
    from index.compare import comparisons
    from index.workspace import Workspace

    ws = Workspace()
    comparisons.save_set(ws.db(), "招商对照", {
        "source_clause_id": SOURCE, "doc_ids": ["jilin-2021-kaifaqu", "henan-2017-kaifaqu", "hebei-2017-kaifaqu"],
        "pins": [{"source_clause_id": SOURCE, "doc_id": "henan-2017-kaifaqu", "clause_id": "henan-2017-kaifaqu/c2/s1",
                  "decision": "pin"},
                 {"source_clause_id": SOURCE, "doc_id": "hebei-2017-kaifaqu", "clause_id": None, "decision": "none"}]})
    ws.close()
    out = tmp_path / "set.docx"
    rc, rec = run(capsys, "export", "compare", "--set", "招商对照", "-f", "docx", "-o", str(out), "--json")
    assert rc == 0 and rec["columns"] == ["jilin-2021-kaifaqu", "henan-2017-kaifaqu", "hebei-2017-kaifaqu"]
    d = docx.Document(str(out))
    cells = d.tables[0].rows[1].cells
    assert "〔已固定〕" in cells[1].text and "(一)推動整合提升" in cells[1].text
    assert cells[2].text == "无对应条款"
    assert d.paragraphs[0].text == "开发区政策条款对照表：招商对照"


def test_export_several_clauses_one_row_each(capsys, tmp_path):
    out = tmp_path / "rows.csv"
    rc, rec = run(capsys, "export", "compare", SOURCE, "jilin-2021-kaifaqu/c3/s13", "-f", "csv", "-o", str(out),
                  "--json")
    assert rc == 0 and rec["rows"] == 2
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    assert rows[0][0] == "对照项" and len(rows) == 3
    assert rows[1][1].startswith("(十二)加大招商引資力度") and rows[2][1].startswith("(十三)")


def test_non_pdf_exports_load_no_qt(tmp_path):
    code = (
        "import sys\n"
        "from desktop import cli\n"
        f"rc = cli.main(['export', 'compare', '{SOURCE}', '-f', 'docx', '-o', {str(tmp_path / 'q.docx')!r}])\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "sys.exit(3 if bad else rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "q.docx").exists()


def test_word_exports_name_the_author_given_or_the_system_user(capsys, tmp_path):
    import getpass

    for argv, author in ((["topics"], "钱七"), (["search", "招商引资"], None), (["notes"], "钱七")):
        out = tmp_path / f"{argv[0]}.docx"
        extra = ["--author", author] if author else []
        rc, _ = run(capsys, "export", *argv, "-f", "docx", "-o", str(out), *extra)
        assert rc == 0
        props = docx.Document(str(out)).core_properties
        assert props.author == (author or getpass.getuser()) and props.title and props.subject


def test_an_export_never_replaces_a_device_or_a_pipe(capsys, tmp_path):
    """Exports are written beside the target and renamed over it: a named pipe or a device node (made here,
    as /dev/null is one) was replaced by a regular file, exit 0. The PDF writer (Qt, in place) would hang on a
    pipe. ``-o -`` wrote a file named ``-``: standard output is not offered."""
    import os
    import stat

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    targets = [fifo]
    if os.geteuid() == 0:
        os.mknod(tmp_path / "mynull", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets.append(tmp_path / "mynull")
    for target in targets:
        for argv in (["search", "招商", "-f", "csv"], ["search", "招商", "-f", "pdf"],
                     ["document", "jilin-2021-kaifaqu", "-f", "html"], ["notes", "-f", "docx"]):
            rc = cli.main(["export", *argv, "-o", str(target)])
            out, err = capsys.readouterr()
            assert rc == 1 and out == "" and f"cannot write {target}: it is not a regular file" in err, argv
        assert not stat.S_ISREG(target.stat().st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".zoneref-")]
    with pytest.raises(SystemExit) as exc:
        cli.main(["export", "search", "招商", "-f", "csv", "-o", "-"])
    assert exc.value.code == 2 and "standard output" in capsys.readouterr().err


def test_word_exports_of_a_note_with_a_vertical_tab(capsys, tmp_path):
    """A note pasted with Word's line break (a vertical tab) and an --author with a control character: each Word
    export ended in a traceback (lxml: "All strings must be XML compatible")."""
    assert cli.main(["notes", "add", "--clause", SOURCE, "--quote", "招商引资", "--note", "第一行\v第二行"]) == 0
    capsys.readouterr()
    for argv in (["notes"], ["compare", SOURCE, "--with-notes"], ["search", "招商", "--author", "a\x01b"]):
        out = tmp_path / f"{argv[0]}.docx"
        rc, rec = run(capsys, "export", *argv, "-f", "docx", "-o", str(out), "--json")
        assert rc == 0 and rec["path"] == str(out), argv
        d = docx.Document(str(out))
        text = "\n".join(p.text for p in d.paragraphs) + "".join(
            c.text for t in d.tables for row in t.rows for c in row.cells)
        assert argv[0] == "search" or "第一行\n第二行" in text
    assert d.core_properties.author == "a\ufffdb"
