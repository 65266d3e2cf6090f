"""``zoneref import`` / ``remove`` / ``docs``: the JSON contract and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.gen_import_folder import (
    BAD_INPUT_LIMIT,
    BAD_INPUTS,
    write_bad_input,
    write_docx,
    write_scanned_pdf,
    write_txt,
)
from desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
TEXT = "山东省人民政府关于促进开发区高质量发展的意见\n\n一、总体要求\n\n（一）指导思想。推动开发区发展。\n\n山东省人民政府\n2021年3月4日\n"


def run(capsys, *argv) -> tuple[int, dict | list | None, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() and "--json" in argv else None), err


def test_import_json_contract(tmp_path, capsys):
    write_txt(tmp_path / "a.txt", TEXT, "gbk")
    code, data, _ = run(capsys, "import", str(tmp_path / "a.txt"), "--json")
    assert code == 0
    assert set(data) == {"imported", "skipped", "errors"}
    rec = data["imported"][0]
    assert {"doc_id", "title", "region", "clause_count"} <= set(rec)
    assert rec["region"] == "山东省" and rec["title"] == TEXT.splitlines()[0] and rec["clause_count"] >= 2

    code, docs, _ = run(capsys, "docs", "--json")
    mine = [d for d in docs if d["id"] == rec["doc_id"]]
    assert mine and mine[0]["source"] == "imported"
    assert {d["source"] for d in docs if d["id"] != rec["doc_id"]} == {"bundled"}

    code, data, _ = run(capsys, "import", str(tmp_path / "a.txt"), "--json")
    assert code == 0 and data["imported"] == [] and data["skipped"][0]["path"].endswith("a.txt")


def test_import_errors_exit_1_and_import_nothing(tmp_path, capsys, zoneref_home):
    write_scanned_pdf(tmp_path / "scan.pdf")
    (tmp_path / "empty.txt").write_bytes(b"")
    code, data, _ = run(capsys, "import", str(tmp_path / "scan.pdf"), str(tmp_path / "empty.txt"),
                        str(tmp_path / "missing.docx"), "--json")
    assert code == 1
    assert data["imported"] == []
    assert [Path(e["path"]).name for e in data["errors"]] == ["missing.docx", "scan.pdf", "empty.txt"]
    assert all(e["error"] for e in data["errors"])
    assert list((zoneref_home / "documents").glob("*.md")) == []


def test_region_title_and_size_options(tmp_path, capsys):
    write_docx(tmp_path / "a.docx", "关于开发区的若干措施", [("p", "（一）推动开发区发展。"), ("p", "（二）加大招商引资。")])
    code, data, _ = run(capsys, "import", str(tmp_path / "a.docx"), "--region", "江西省", "--title", "赣州措施", "--json")
    assert code == 0 and (data["imported"][0]["region"], data["imported"][0]["title"]) == ("江西省", "赣州措施")
    assert run(capsys, "import", str(tmp_path), str(tmp_path), "--title", "x", "--json")[0] == 2
    write_txt(tmp_path / "big.txt", TEXT * 100)
    code, data, _ = run(capsys, "import", str(tmp_path / "big.txt"), "--max-mb", "0.001", "--json")
    assert code == 1 and data["errors"][0]["code"] == "too_large"


def test_remove(tmp_path, capsys):
    write_txt(tmp_path / "a.txt", TEXT)
    _, data, _ = run(capsys, "import", str(tmp_path / "a.txt"), "--json")
    doc_id = data["imported"][0]["doc_id"]
    code, out, _ = run(capsys, "remove", doc_id, "--json")
    assert code == 0 and out["removed"] == doc_id
    _, docs, _ = run(capsys, "docs", "--json")
    assert doc_id not in {d["id"] for d in docs}
    assert run(capsys, "remove", doc_id)[0] == 2
    code, _, err = run(capsys, "remove", "jilin-2021-kaifaqu")
    assert code == 1 and "bundled" in err


def test_a_documents_folder_that_cannot_be_made_is_a_clear_error(tmp_path, capsys, zoneref_home):
    """A file named ``documents`` in the data folder (or a read-only data folder): import, remove and edit exit 1
    naming the folder (a FileExistsError/PermissionError traceback from ``mkdir``); the file is left alone."""
    write_txt(tmp_path / "a.txt", TEXT)
    (zoneref_home / "documents").write_text("mine", encoding="utf-8")
    for argv in (("import", str(tmp_path / "a.txt")), ("remove", "jilin-2021-kaifaqu"),
                 ("edit", "jilin-2021-kaifaqu", "--year", "2019")):
        code, data, err = run(capsys, *argv, "--json")
        assert code == 1 and data is None, argv
        assert err == (f"zoneref: error: cannot make the imported documents folder {zoneref_home / 'documents'}: "
                       "a file is there, not a folder\n")
    assert (zoneref_home / "documents").read_text(encoding="utf-8") == "mine"


def test_real_command_end_to_end(tmp_path, zoneref_home):
    write_txt(tmp_path / "a.txt", TEXT, "utf-16")
    env = dict(os.environ, ZONEREF_HOME=str(zoneref_home))
    proc = subprocess.run([sys.executable, "-m", "desktop", "import", str(tmp_path), "--json"],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc_id = json.loads(proc.stdout)["imported"][0]["doc_id"]
    proc = subprocess.run([sys.executable, "-m", "desktop", "outline", doc_id, "--json"],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 0 and json.loads(proc.stdout)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a console event there, not a signal to send")
def test_ctrl_c_stops_an_import_between_files_and_reports_what_it_kept(tmp_path, zoneref_home):
    """Ctrl-C mid-import ended with 'zoneref: interrupted' alone: with --json a script learnt nothing of the
    documents already added (kept), and a reader process killed by the same Ctrl-C failed its file. The import
    stops after the file it is adding and prints its report (``cancelled``), exit 130; the same import again
    adds the rest."""
    import signal

    folder = tmp_path / "政策"
    folder.mkdir()
    for i in range(120):
        (folder / f"办法{i:03d}.txt").write_text(f"某市开发区管理办法（第{i}号）\n\n{TEXT}".replace("开发区", f"开发区{i}", 2),
                                               encoding="utf-8")
    env = dict(os.environ, ZONEREF_HOME=str(zoneref_home))
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "import", str(folder), "--json", "--progress",
                             "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env)
    seen = b""
    while b"[5/120]" not in seen:  # some added, most not yet
        byte = proc.stderr.read(1)
        assert byte, seen.decode(errors="replace")
        seen += byte
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err.decode()
    report = json.loads(out)
    kept = len(report["imported"])
    assert report["cancelled"] is True and 5 <= kept < 120 and report["errors"] == []
    assert f"the {kept} imported are kept" in err.decode()
    again = subprocess.run([sys.executable, "-m", "desktop", "import", str(folder), "--json"],
                           capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    rest = json.loads(again.stdout)
    assert again.returncode == 0 and len(rest["imported"]) == 120 - kept and len(rest["skipped"]) == kept


def _library_files(home) -> list[tuple[str, int]]:
    """Every file of the user's library with its mtime; the search index is compared by its status instead
    (an older index generation is pruned whenever its last reader lets go, and SQLite's -shm/-wal files come
    and go with connections: neither is a change the import made)."""
    index_dir = home / "index"
    return sorted((str(p.relative_to(home)), p.stat().st_mtime_ns) for p in home.rglob("*")
                  if p.is_file() and index_dir not in p.parents and not p.name.endswith(("-shm", "-wal")))


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_every_bad_input_exits_1_and_changes_nothing(tmp_path, capsys, zoneref_home, kind):
    from index.library.corpus import Corpus
    from index.search.searcher import SearchIndex

    write_txt(tmp_path / "good.txt", TEXT)
    assert run(capsys, "import", str(tmp_path / "good.txt"), "--json")[0] == 0
    SearchIndex(Corpus()).ensure()
    _, docs_before, _ = run(capsys, "docs", "--json")
    index_before = SearchIndex(Corpus()).status()
    files_before = _library_files(zoneref_home)
    bad, code = write_bad_input(kind, tmp_path)
    exit_code, data, _ = run(capsys, "import", str(bad), "--max-mb", str(BAD_INPUT_LIMIT / 1048576), "--json")
    assert exit_code == 1
    assert data["imported"] == [] and data["skipped"] == []
    assert [(e["path"], e["code"]) for e in data["errors"]] == [(str(bad), code)]
    assert len(data["errors"][0]["error"]) > 10
    assert _library_files(zoneref_home) == files_before
    assert run(capsys, "docs", "--json")[1] == docs_before
    assert SearchIndex(Corpus()).status() == index_before


def test_folder_import_shows_progress_and_a_summary(tmp_path, capsys):
    src = tmp_path / "folder"
    (src / "sub").mkdir(parents=True)
    write_txt(src / "a.txt", TEXT, "gbk")
    write_txt(src / "sub" / "b.txt", TEXT.replace("山东省", "山西省"), "utf-8")
    write_scanned_pdf(src / "sub" / "scan.pdf")
    (src / "notes.xls").write_bytes(b"x")
    code = main(["import", str(src), "--progress"])
    out, err = capsys.readouterr()
    assert code == 1  # the scan is an error
    assert [f"[{i}/3]" in err for i in (1, 2, 3)] == [True, True, True]
    assert out.strip().splitlines()[-1] == "2 imported, 1 skipped, 1 errors"
    assert "no text layer" in out and "unsupported file type" in out


def test_edit_corrects_guessed_metadata_later(tmp_path, capsys):
    write_txt(tmp_path / "a.txt", TEXT.replace("山东省人民政府关于", "关于").replace("\n山东省人民政府\n", "\n管委会\n"))
    _, data, _ = run(capsys, "import", str(tmp_path / "a.txt"), "--json")
    rec = data["imported"][0]
    assert rec["region"] == "不详"
    code, out, _ = run(capsys, "edit", rec["doc_id"], "--region", "山东省", "--city", "青岛市", "--year", "2021",
                       "--issued", "2021-03-04", "--json")
    assert code == 0
    assert (out["id"], out["region"], out["city"], out["year"], out["issued"]) == \
        (rec["doc_id"], "山东省", "青岛市", 2021, "2021-03-04")
    assert "region" not in out["inferred"]  # confirmed by the user, no longer a guess
    _, docs, _ = run(capsys, "docs", "--json")
    assert next(d for d in docs if d["id"] == rec["doc_id"])["region"] == "山东省"
    for year in ("二〇二一", "²", "0", "1948", "2101", "99999999999999999999999", "2021.5"):
        # ² passed str.isdigit and int() failed (a traceback); 0 and a 23-digit year were stored
        with pytest.raises(SystemExit) as exc:
            main(["edit", rec["doc_id"], "--year", year])
        assert exc.value.code == 2 and "--year" in capsys.readouterr().err, year
    assert run(capsys, "edit", rec["doc_id"], "--issued", "2021/3/4")[0] == 2
    assert run(capsys, "edit", rec["doc_id"])[0] == 2
    assert run(capsys, "edit", rec["doc_id"], "--title", "")[0] == 1  # a title cannot be blanked
    assert run(capsys, "edit", "jilin-2021-kaifaqu", "--region", "辽宁省")[0] == 1  # bundled: read-only


def test_text_output_of_an_earlier_version_imported_after_the_newer_one(tmp_path, capsys):
    """The earlier version, imported second, is numbered 1 and supersedes nothing: the text output says so."""
    head = "# 浙江省开发区条例\n\n（{year}年3月1日浙江省第十三届人民代表大会常务委员会第五次会议通过）\n\n"
    body = "## 第一章 总则\n\n第一条 为了促进开发区{n}发展，制定本条例。\n\n第二条 本条例适用于本省开发区。\n"
    (tmp_path / "a.md").write_text(head.format(year=2021) + body.format(n="高质量"), encoding="utf-8")
    (tmp_path / "b.md").write_text(head.format(year=2015) + body.format(n="持续"), encoding="utf-8")
    assert main(["import", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 imported" in out and "(version 1)" in out


@pytest.mark.parametrize("option, value", [
    ("--max-mb", "nan"), ("--max-mb", "inf"), ("--max-mb", "1e400"), ("--max-mb", "0"), ("--max-mb", "-1"),
    ("--time-limit", "nan"), ("--time-limit", "inf"), ("--time-limit", "0"), ("--memory-limit", "0"),
    ("--memory-limit", "99999999999999"), ("--workers", "0"), ("--workers", "-2"), ("--workers", "1.5"),
])
def test_import_limits_are_finite_numbers_above_zero(tmp_path, capsys, option, value):
    """--max-mb nan/inf ended in a traceback (ValueError, OverflowError); --time-limit nan turned the time limit
    off (no time is greater than nan)."""
    write_txt(tmp_path / "a.txt", TEXT)
    with pytest.raises(SystemExit) as exc:
        main(["import", str(tmp_path / "a.txt"), option, value])
    assert exc.value.code == 2 and f"argument {option}" in capsys.readouterr().err
    assert run(capsys, "docs", "--json")[1] and all(d["source"] == "bundled" for d in run(capsys, "docs", "--json")[1])


@pytest.mark.parametrize("option, value", [("--region", "火星"), ("--title", " ")])
def test_import_options_follow_the_metadata_rules(tmp_path, capsys, option, value):
    # --region 火星 made a library group of its own; the dialogs and `edit` refuse it.
    from desktop import cli

    f = tmp_path / "a.txt"
    f.write_text("江西省人民政府关于开发区的意见\n\n一、总体要求\n\n（一）推动开发区发展。\n", encoding="utf-8")
    assert cli.main(["import", str(f), option, value, "--json"]) == 2
    assert "region" in capsys.readouterr().err or option == "--title"


def test_import_region_takes_the_short_name_as_the_dialogs_do(tmp_path, capsys):
    import json

    from desktop import cli

    f = tmp_path / "a.txt"
    f.write_text("关于开发区的意见\n\n一、总体要求\n\n（一）推动开发区发展。\n", encoding="utf-8")
    assert cli.main(["import", str(f), "--region", "江西", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"][0]["region"] == "江西省"


def test_a_file_that_may_not_be_a_policy_is_imported_and_said(tmp_path, capsys):
    from tests.index.library.test_doubts import NEWS

    write_txt(tmp_path / "a.txt", TEXT, "gbk")
    write_txt(tmp_path / "news.txt", NEWS, "utf-8")
    code, data, _ = run(capsys, "import", str(tmp_path / "a.txt"), str(tmp_path / "news.txt"), "--json")
    assert code == 0 and len(data["imported"]) == 2
    policy, news = sorted(data["imported"], key=lambda r: r["path"])
    assert "doubt" not in policy and news["doubt"] == "no_policy_form"
    run(capsys, "remove", news["doc_id"])
    code = main(["import", str(tmp_path / "news.txt")])
    out = capsys.readouterr().out
    assert code == 0 and "doubt    " in out and "news.txt: may not be a policy document: no document kind" in out
