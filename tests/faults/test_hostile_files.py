"""Hostile and unlucky files in an import (issue 17, cases 1, 3, 4 and 6).

Each test reproduces a case as the issue reported it; the files are made
here, never committed.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from tests.faults.helpers import POLICY, run

pytestmark = pytest.mark.faults


def _policy_file(path: Path, title: str = "关于推进开发区高质量发展的实施意见") -> Path:
    path.write_text(POLICY.replace("关于推进开发区高质量发展的实施意见", title), encoding="utf-8")
    return path


def _imported_docs():
    from index.library.corpus import Corpus

    return [d for d in Corpus().documents() if d.source == "imported"]


# -- case 1: a file name that is not UTF-8 ----------------------------------------------------
@pytest.fixture
def gbk_folder(tmp_path) -> Path:
    """The issue's repro: a GBK-named .txt file, as a zip made on Chinese Windows unpacks on Linux."""
    folder = tmp_path / "g"
    folder.mkdir()
    name = os.fsencode(folder) + b"/" + "开发区政策".encode("gbk") + b".txt"
    try:
        with open(name, "wb") as fh:
            fh.write("关于推进开发区高质量发展的实施意见\n\n（一）坚持招商引资。\n".encode())
    except (OSError, ValueError) as exc:  # Windows (UTF-16 names), macOS APFS (UTF-8 only)
        pytest.skip(f"this file system cannot hold a GBK file name: {exc}")
    return folder


def test_gbk_file_name_imports_and_every_command_still_works(gbk_folder, capsys, zoneref_home):
    code, data, err = run(capsys, "import", str(gbk_folder), "--json")
    assert code == 0, err
    [record] = data["imported"]
    assert record["path"].endswith("开发区政策.txt")  # the name decoded, not "\udcbf…"
    doc_id = record["doc_id"]
    from index.library.corpus import Corpus

    doc = Corpus().document(doc_id)
    assert doc.get("source_file") == "开发区政策.txt"
    assert "index_notice" not in data  # the search index and the notes read the new document back

    code, docs, err = run(capsys, "docs", "--json")
    assert code == 0 and doc_id in [d["id"] for d in docs] and "warning" not in err
    code, hits, err = run(capsys, "search", "招商引资", "--json")
    assert code == 0 and any(h["doc_id"] == doc_id for h in hits["hits"])
    clause = hits["hits"][0]["clause_id"]
    assert run(capsys, "show", clause, "--json")[0] == 0
    code, note, err = run(capsys, "notes", "add", "--clause", clause, "--quote", "招商引资", "--json")
    assert code == 0, err
    code, removed, err = run(capsys, "remove", doc_id, "--json")
    assert code == 0 and removed["removed"] == doc_id


@pytest.mark.parametrize(("raw", "shown"), [
    ("开发区政策.txt".encode("gbk"), "开发区政策.txt"),
    ("開發區政策.txt".encode(), "開發區政策.txt"),
    ("招商引资".encode("gb18030") + b".docx", "招商引资.docx"),
    (b"\xff\xfe\xfd.txt", "\ufffd\ufffd\ufffd.txt"),
])
def test_file_names_are_decoded_as_utf8_then_gb18030(raw, shown):
    from index.base.paths import display_name

    if os.name == "nt":
        pytest.skip("Windows file names are UTF-16: never bytes")
    assert display_name(os.fsdecode(raw)) == shown
    assert display_name(os.fsdecode(b"/tmp/" + "文件夹".encode() + b"/" + raw)) == "/tmp/文件夹/" + shown


def test_whatever_the_metadata_what_is_written_reads_back():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from index.library.documents import parse_markdown, render_markdown

    texts = st.text(st.characters(codec=None, blacklist_categories=()), max_size=40)

    @settings(max_examples=300, deadline=None)
    @given(title=texts.filter(lambda t: t.strip()), name=texts, body=texts)
    def check(title, name, body):
        from index.base.text import valid_unicode

        meta = {"id": "x-1", "title": title, "region": "浙江省", "source_file": name, "inferred": {"title": name}}
        doc = parse_markdown(render_markdown(meta, body))
        assert doc.meta["source_file"] == valid_unicode(name)
        assert doc.meta["inferred"] == {"title": valid_unicode(name)}

    check()


def test_one_unreadable_document_file_does_not_break_the_library(tmp_path, capsys, zoneref_home):
    code, data, err = run(capsys, "import", str(_policy_file(tmp_path / "a.txt")), "--json")
    doc_id = data["imported"][0]["doc_id"]
    folder = zoneref_home / "documents"
    # What the GBK bug used to write, and a file edited by hand into bad YAML.
    (folder / "doc-nd-badname.md").write_text('---\nid: doc-nd-badname\ntitle: x\nregion: 不详\n'
                                              'source_file: "\\uDCBF\\uDCAA.txt"\n---\n\n正文\n', encoding="utf-8")
    (folder / "hand-edited.md").write_text("---\nid: hand-edited\ntitle: [unclosed\n---\n\n正文\n", encoding="utf-8")

    code, docs, err = run(capsys, "docs", "--json")
    assert code == 0 and doc_id in [d["id"] for d in docs]
    assert "2 document file(s) cannot be read" in err
    assert "zoneref remove doc-nd-badname" in err and "zoneref remove hand-edited" in err
    code, hits, err = run(capsys, "search", "招商引资", "--json")
    assert code == 0 and any(h["doc_id"] == doc_id for h in hits["hits"])
    clause = next(h["clause_id"] for h in hits["hits"] if h["doc_id"] == doc_id)
    assert run(capsys, "show", clause)[0] == 0
    assert run(capsys, "notes", "add", "--clause", clause, "--quote", "招商引资")[0] == 0
    assert run(capsys, "notes", "list", "--json")[0] == 0

    code, removed, err = run(capsys, "remove", "hand-edited", "--json")
    assert code == 0 and removed["removed"] == "hand-edited"
    kept = Path(removed["moved_to"])
    assert kept.read_text(encoding="utf-8").startswith("---\nid: hand-edited")  # moved out, never deleted
    assert not (folder / "hand-edited.md").exists()
    assert run(capsys, "remove", "doc-nd-badname")[0] == 0
    code, docs, err = run(capsys, "docs", "--json")
    assert code == 0 and "cannot be read" not in err
    assert run(capsys, "remove", doc_id)[0] == 0


def test_a_front_matter_date_that_is_no_date_breaks_no_command(tmp_path, capsys, zoneref_home):
    """A hand edit to ``issued: 2019-99-99`` (unquoted) stopped every command, even ``remove``, with PyYAML's
    ValueError; the document now lists with that text as its date."""
    code, data, err = run(capsys, "import", str(_policy_file(tmp_path / "a.txt")), "--json")
    assert code == 0, err
    doc_id = data["imported"][0]["doc_id"]
    path = zoneref_home / "documents" / f"{doc_id}.md"
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    lines = [ln for ln in head.splitlines() if not ln.startswith("issued:")]
    path.write_text("\n".join([*lines, "issued: 2019-99-99"]) + sep + body, encoding="utf-8")

    code, docs, err = run(capsys, "docs", "--json")
    assert code == 0 and "cannot be read" not in err
    assert next(d for d in docs if d["id"] == doc_id)["issued"] == "2019-99-99"
    code, hits, err = run(capsys, "search", "招商引资", "--json")
    assert code == 0 and any(h["doc_id"] == doc_id for h in hits["hits"]), err
    clause = next(h["clause_id"] for h in hits["hits"] if h["doc_id"] == doc_id)
    for argv in (["outline", doc_id], ["versions", doc_id], ["compare", clause], ["topics"]):
        code, _, err = run(capsys, *argv, "--json")
        assert code == 0, (argv, err)
    code, removed, err = run(capsys, "remove", doc_id, "--json")
    assert code == 0 and removed["removed"] == doc_id, err


# -- case 3: files that would hang the import ---------------------------------------------------
def _nested_html(path: Path, depth: int) -> Path:
    text = "关于推进开发区高质量发展的实施意见。（一）坚持招商引资，加强用地保障，盘活存量土地。"
    path.write_text(f"<html><head><title>嵌套</title></head><body>{'<div>' * depth}{text}{'</div>' * depth}"
                    "</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("depth", [4_000, 8_000, 100_000])
def test_deeply_nested_html_is_read_without_recursion(tmp_path, depth):
    from index.library.imported import Library

    report = Library().import_paths([_nested_html(tmp_path / f"nest{depth}.html", depth)])
    assert report.errors == []
    [record] = report.imported
    assert "坚持招商引资" in Path(_imported_docs()[0].path).read_text(encoding="utf-8")
    assert record["title"] == "嵌套"


def test_deeply_nested_html_with_navigation_classes_is_read(tmp_path):
    from index.library.readers import read_path

    depth = 20_000
    path = tmp_path / "nav.html"
    path.write_text("<html><body>" + '<div class="content">' * depth + "关于推进开发区高质量发展的实施意见。（一）坚持招商引资，"
                    "加强用地保障，盘活存量土地。" + "</div>" * depth + '<div class="nav">' * depth + "首页 导航 栏目"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    found = read_path(path)
    assert "坚持招商引资" in found.text and "导航" not in found.text


def test_deeply_nested_front_matter_is_not_metadata(tmp_path):
    from index.library.imported import Library

    path = tmp_path / "nested.md"
    path.write_text("---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\n\n# 关于推进开发区高质量发展的实施意见\n\n"
                    "（一）坚持招商引资，加强用地保障。\n", encoding="utf-8")
    report = Library().import_paths([path])
    assert report.errors == []
    assert report.imported[0]["title"] == "关于推进开发区高质量发展的实施意见"


def _docx_with_xml(path: Path, xml_mb: int) -> Path:
    """A .docx whose word/document.xml is ``xml_mb`` MB, compressed like real text (~16:1, under the bomb ratio)."""
    rng = random.Random(17)
    words = [w * rng.randint(1, 3) for w in "开发区招商引资用地保障营商环境考核评价改革创新"]
    pool = [f"<w:p><w:r><w:t>{''.join(rng.choice(words) for _ in range(60))}</w:t></w:r></w:p>" for _ in range(60)]
    paragraphs = []
    size = 0
    while size < xml_mb * 1024 * 1024:
        para = rng.choice(pool)
        paragraphs.append(para)
        size += len(para.encode())
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("word/document.xml", document)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.slow
def test_docx_holding_a_huge_xml_is_refused_before_it_is_parsed(tmp_path):
    from index.library.imported import Library
    from index.library.readers.archives import PACKAGE_MAX_RATIO as MAX_RATIO
    from index.library.readers.docx import MAX_DOCUMENT_XML

    bomb = _docx_with_xml(tmp_path / "huge.docx", MAX_DOCUMENT_XML // (1024 * 1024) + 6)
    with zipfile.ZipFile(bomb) as zf:
        info = zf.getinfo("word/document.xml")
    assert info.file_size / info.compress_size < MAX_RATIO  # not caught as a zip bomb
    good = _policy_file(tmp_path / "good.txt")
    report = Library().import_paths([bomb, good])
    assert [e["code"] for e in report.errors] == ["too_large"]
    assert "MB of XML" in report.errors[0]["error"]
    assert [Path(r["path"]).name for r in report.imported] == ["good.txt"]


def test_text_longer_than_any_policy_document_is_refused(tmp_path, monkeypatch):
    from index.library import readers
    from index.library.readers import read_path
    from index.library.readers.errors import TooLongError

    path = _policy_file(tmp_path / "long.txt")
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 40)
    with pytest.raises(TooLongError, match="split it"):
        read_path(path)


# -- case 3: every reader bounded --------------------------------------------------------------
def _outcomes(func: str, limits):
    """Three jobs through the reader pool; the middle one runs ``helpers.<func>``, the others finish at once."""
    from index.library.readers.pool import run_jobs

    return list(run_jobs(_dispatch, [("before", func), ("bad", func), ("after", func)], workers=2, limits=limits))


def _dispatch(name: str, func: str):
    from tests.faults import helpers

    return getattr(helpers, func if name == "bad" else "quick")(name)


@pytest.mark.parametrize("rlimit", [True, False], ids=["rlimit", "watchdog"])
def test_a_reader_over_the_memory_limit_is_stopped_and_the_batch_goes_on(monkeypatch, rlimit):
    from index.library.readers import pool

    if rlimit and not pool.RLIMIT_AVAILABLE:
        pytest.skip("no RLIMIT_AS on this system (the watchdog case covers it)")
    monkeypatch.setattr(pool, "RLIMIT_AVAILABLE", rlimit)
    outcomes = _outcomes("hog", pool.Limits(seconds=120, memory_mb=64))
    assert [o[0] for o in outcomes] == ["ok", "error", "ok"]
    assert outcomes[1][1]["code"] == "memory_limit"
    assert "more than 64 MB" in outcomes[1][1]["error"] and "import that" in outcomes[1][1]["error"]


def test_a_reader_over_the_time_limit_is_stopped_and_the_batch_goes_on():
    from index.library.readers import pool

    outcomes = _outcomes("hang", pool.Limits(seconds=1, memory_mb=256))
    assert [o[0] for o in outcomes] == ["ok", "error", "ok"]
    assert outcomes[1][1]["code"] == "time_limit" and "longer than 1 s" in outcomes[1][1]["error"]


def test_a_reader_that_dies_refuses_only_its_file():
    from index.library.readers import pool

    outcomes = _outcomes("crash", pool.Limits())
    assert [o[0] for o in outcomes] == ["ok", "error", "ok"]
    assert outcomes[1][1]["code"] == "reader_crashed" and "exit code 70" in outcomes[1][1]["error"]


def test_the_import_runs_every_file_under_the_limits(tmp_path):
    """The limits reach the real import: a limit no HTML parse can meet refuses the file, the rest import."""
    from index.library.imported import Library
    from index.library.readers.candidates import prepare_files
    from index.library.readers.pool import Limits

    html = _nested_html(tmp_path / "page.html", 100_000)
    outcomes = list(prepare_files([html], limits=Limits(seconds=0.01)))
    assert outcomes[0][0] == "error" and outcomes[0][1]["code"] == "time_limit"
    report = Library().import_paths([html, _policy_file(tmp_path / "good.txt")])
    assert report.errors == [] and len(report.imported) == 2


# -- case 4: symbolic links ------------------------------------------------------------------
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="creating symbolic links needs privileges on Windows")


@needs_symlinks
def test_symlink_loops_do_not_abort_a_folder_import(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    _policy_file(folder / "good.txt")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink(".", folder / "again")  # a folder loop
    os.symlink("nowhere.txt", folder / "broken.txt")
    code, data, err = run(capsys, "import", str(folder), "--json")
    assert code == 0, err
    assert [Path(r["path"]).name for r in data["imported"]] == ["good.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert "loop" in reasons["self.txt"] and "loop" in reasons["a.txt"] and "loop" in reasons["b.txt"]
    assert "not followed" in reasons["again"] and "broken" in reasons["broken.txt"]


@needs_symlinks
def test_folder_import_never_follows_links_out_of_the_folder(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    _policy_file(outside / "secret.txt", "不应导入的外部文件关于开发区的意见")
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    _policy_file(folder / "sub" / "inner.txt")
    os.symlink(outside / "secret.txt", folder / "secret.txt")
    os.symlink(outside, folder / "outdir")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink(folder / "sub" / "inner.txt", folder / "inside.txt")  # inside the folder: the same file, once
    code, data, err = run(capsys, "import", str(folder), "--json")
    assert code == 0, err
    assert [Path(r["path"]).name for r in data["imported"]] == ["inside.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert "outside the imported folder" in reasons["secret.txt"]
    assert "outside the imported folder" in reasons["passwd.txt"]
    assert "not followed" in reasons["outdir"]
    assert all("不应导入" not in d.title for d in _imported_docs())


# -- case 6: dot-files, XHTML, binary ------------------------------------------------------------
def test_hidden_files_and_lock_files_are_listed_as_skipped(tmp_path, capsys):
    folder = tmp_path / "folder"
    (folder / ".git").mkdir(parents=True)
    _policy_file(folder / "good.txt")
    _policy_file(folder / ".hidden.txt")
    _policy_file(folder / ".git" / "inside.txt")
    (folder / "~$draft.docx").write_bytes(b"lock")
    code, data, err = run(capsys, "import", str(folder), "--json")
    assert code == 0
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert reasons == {".git": "a hidden folder: not imported", ".hidden.txt": "a hidden file: not imported",
                       "~$draft.docx": "a lock file Word keeps while a document is open: not a document"}


def test_xhtml_with_a_doctype_gets_its_real_title(tmp_path):
    from index.library.imported import Library

    path = tmp_path / "page.xhtml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" [\n'
        '  <!ENTITY zone "开发区">\n  <!ENTITY lol "lol">\n]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>关于推进开发区高质量发展的实施意见</title></head>'
        "<body><p>（一）坚持招商引资，加强用地保障，盘活存量土地，完善考核评价。</p>"
        "<p>（二）优化营商环境，推进改革创新，提升开放水平。</p></body></html>", encoding="utf-8")
    report = Library().import_paths([path])
    assert report.errors == []
    assert report.imported[0]["title"] == "关于推进开发区高质量发展的实施意见"
    assert "]>" not in Path(_imported_docs()[0].path).read_text(encoding="utf-8")


@pytest.mark.parametrize("data", [bytes(range(32)) * 100, bytes(range(128)) * 40, bytes(range(256)) * 20,
                                  b"\x00\x01\x02\x03" * 1000 + "开发区".encode() * 10],
                         ids=["c0", "ascii", "all-bytes", "nul-with-text"])
def test_binary_bytes_are_refused(tmp_path, data):
    from index.library.readers import read_path
    from index.library.readers.errors import BinaryFileError

    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryFileError):
        read_path(path)


def test_utf16_without_a_byte_order_mark_is_still_text(tmp_path):
    from index.library.readers import read_path

    path = tmp_path / "u16.txt"
    path.write_bytes(POLICY.encode("utf-16-le"))
    assert "坚持招商引资" in read_path(path).text


def test_cancel_stops_a_reader_in_the_middle_of_a_file():
    import psutil

    from index.library.readers.pool import Limits, run_jobs

    polls = []

    def cancel() -> bool:
        polls.append(1)
        return len(polls) > 30  # polled every POLL_SECONDS while the hanging file is read

    outcomes = list(run_jobs(_dispatch, [("before", "hang"), ("bad", "hang"), ("after", "hang")], workers=1,
                             limits=Limits(seconds=600), cancel=cancel))
    assert [o[1] for o in outcomes] == ["before"]
    assert not [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]


def test_the_limits_can_be_set_on_the_command_line(tmp_path, capsys):
    html = _nested_html(tmp_path / "page.html", 100_000)
    code, data, err = run(capsys, "import", str(html), "--time-limit", "0.01", "--json")
    assert code == 1 and data["errors"][0]["code"] == "time_limit"
    with pytest.raises(SystemExit) as stopped:  # refused while the arguments are read: a usage error
        run(capsys, "import", str(html), "--memory-limit", "0")
    assert stopped.value.code == 2 and "--memory-limit: must be from 1" in capsys.readouterr().err


def test_a_link_to_another_drive_is_outside_the_folder_not_a_crash(monkeypatch):
    """Windows: a symbolic link in C:\\资料 to a file on D: made ``os.path.commonpath`` raise ValueError ("Paths
    don't have the same drive"), which ended the whole folder import."""
    import ntpath
    import types

    from index.library.readers import candidates

    windows = types.SimpleNamespace(path=types.SimpleNamespace(
        realpath=lambda p, strict=False: "D:\\下载\\政策.docx", commonpath=ntpath.commonpath, isfile=lambda p: True))
    monkeypatch.setattr(candidates, "os", windows)
    assert candidates._link_problem(Path("C:\\资料\\政策.docx"), "C:\\资料") == (  # noqa: SLF001
        "a symbolic link to outside the imported folder: not followed", "link_outside")
