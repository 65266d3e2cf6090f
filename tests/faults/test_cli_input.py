"""Hostile input on the command line and in imported notes (issue 17, case 6)."""

from __future__ import annotations

import json
import os

import pytest

from tests.faults.helpers import run, run_process

pytestmark = pytest.mark.faults

CLAUSE = "jilin-2021-kaifaqu/c3/s12"
QUOTE = "招商引資"


# -- note Markdown: links keep an href only to the web or mail ------------------------------------
@pytest.mark.parametrize("link", ["/etc/passwd", "//host/share", "\\\\host\\share", "notes.md", "../secret",
                                  "file:///etc/passwd", "javascript:alert(1)", "C:\\Windows\\win.ini", "?q=1",
                                  "#top", " /etc/passwd", "\\/\\/evil.com"])
def test_relative_absolute_and_unc_links_lose_their_href(link):
    from index.userdata.markup import render_note

    html = render_note(f"[点这里]({link}) and <a href=\"{link}\">raw</a>")
    assert "href" not in html, html
    assert "点这里" in html and "raw" in html


def test_web_and_mail_links_keep_their_href():
    from index.userdata.markup import render_note

    html = render_note("[政府网](https://www.gov.cn/) [邮件](mailto:a@b.cn)")
    assert 'href="https://www.gov.cn/"' in html and 'href="mailto:a@b.cn"' in html


# -- terminal escape sequences from imported notes -----------------------------------------------
def _import_notes(tmp_path, capsys, note: str, tags: list[str], exact: str = QUOTE) -> int:
    item = {"type": "Annotation", "id": "urn:uuid:0b1d3c1e-2f4a-4b5c-9d6e-7f8091a2b3c4",
            "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
            "target": {"source": "urn:zoneref:doc:jilin-2021-kaifaqu", "clause": CLAUSE,
                       "selector": [{"type": "TextQuoteSelector", "exact": exact}]},
            "body": [{"type": "TextualBody", "value": note, "purpose": "commenting"},
                     *({"type": "TextualBody", "value": t, "purpose": "tagging"} for t in tags),
                     {"type": "TextualBody", "value": "重点", "purpose": "classifying"}]}
    path = tmp_path / "notes.jsonld"
    path.write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": [item]}}), encoding="utf-8")
    code, _, err = run(capsys, "notes", "import", str(path))
    return code


def test_escape_sequences_in_imported_notes_are_not_sent_to_the_terminal(tmp_path, capsys):
    evil = "\x1b]0;pwned\x07\x1b[2J\x1b[31m红色\x9b31m\u202egnp.exe"
    assert _import_notes(tmp_path, capsys, evil, [f"标签{evil}"]) == 0
    for argv in (["notes", "list"], ["notes", "tags"], ["notes", "show", "0b1d3c1e-2f4a-4b5c-9d6e-7f8091a2b3c4"]):
        code, out, err = run(capsys, *argv)
        assert code == 0
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in out + err, (argv, out)
        assert "\\x1b" in out  # shown, escaped: the user sees something odd is there
    code, data, _ = run(capsys, "notes", "list", "--json")
    assert data[0]["note"] == evil  # JSON keeps the exact text (escaped by JSON itself)


def test_lone_surrogates_in_imported_notes_do_not_crash(tmp_path, capsys):
    path = tmp_path / "notes.jsonld"
    raw = ('{"type": "AnnotationCollection", "first": {"items": [{"type": "Annotation", '
           '"id": "urn:uuid:0b1d3c1e-2f4a-4b5c-9d6e-7f8091a2b3c4", "created": "2026-01-01T00:00:00Z", '
           '"modified": "2026-01-01T00:00:00Z", "target": {"source": "urn:zoneref:doc:jilin-2021-kaifaqu", '
           f'"clause": "{CLAUSE}", "selector": [{{"type": "TextQuoteSelector", "exact": "招商引資"}}]}}, '
           '"body": [{"type": "TextualBody", "value": "half \\ud83d pair", "purpose": "commenting"}, '
           '{"type": "TextualBody", "value": "tag\\udc00", "purpose": "tagging"}]}]}}')
    path.write_text(raw, encoding="utf-8")
    code, report, err = run(capsys, "notes", "import", str(path), "--json")
    assert code == 0, err
    assert report["replaced_characters"] == 2
    code, notes, err = run(capsys, "notes", "list", "--json")
    assert code == 0 and notes[0]["note"] == "half \ufffd pair" and notes[0]["tags"] == ["tag\ufffd"]
    assert run(capsys, "notes", "list")[0] == 0
    assert run(capsys, "notes", "export", "--format", "markdown", "-o", str(tmp_path / "out.md"))[0] == 0


# -- non-UTF-8 command-line arguments -----------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="Windows passes arguments as UTF-16, never bytes")
def test_non_utf8_arguments_do_not_crash(zoneref_home):
    gbk = "招商".encode("gbk")
    done = run_process("search", gbk, "--json", home=zoneref_home)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    result = json.loads(done.stdout)
    assert result["query"] == "招商" and result["total"] > 0  # read as GB18030, what a GBK terminal sends
    done = run_process("notes", "add", "--clause", CLAUSE, "--quote", QUOTE, "--note", b"\xff\xfe note",
                       "--json", home=zoneref_home)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert json.loads(done.stdout)["note"] == "\ufffd\ufffd note"
    done = run_process("show", b"jilin-2021-kaifaqu/c3/s\xff", home=zoneref_home)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    done = run_process("import", b"/no/such/\xbf\xaa.txt", "--json", home=zoneref_home)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert json.loads(done.stdout)["errors"][0]["path"] == "/no/such/开.txt"


# -- queries that look like options; unknown ids ---------------------------------------------------
def test_a_query_starting_with_a_dash_is_a_query(capsys):
    code, result, err = run(capsys, "search", "-招商", "--json")
    assert code == 0, err
    assert result["total"] > 0 and result["notice"] is None
    assert all("招商" not in h["text"] for h in result["hits"])
    assert run(capsys, "search", "--json", "--", "-招商")[1]["total"] == result["total"]
    code, with_word, _ = run(capsys, "search", "开发区 -招商", "--json")
    from index.base.text import to_simplified

    assert with_word["total"] and all("招商" not in to_simplified(h["text"]) and "开发区" in to_simplified(h["text"])
                                      for h in with_word["hits"])
    code, out, err = run(capsys, "notes", "add", "--clause", CLAUSE, "--quote", QUOTE, "--note", "-注意", "--json")
    assert code == 0 and out["note"] == "-注意"


def test_search_in_an_unknown_document_exits_2(capsys):
    code, _, err = run(capsys, "search", "招商", "--doc", "nosuch")
    assert code == 2 and "nosuch" in err
    assert run(capsys, "search", "招商", "--doc", "jilin-2021-kaifaqu")[0] == 0
