"""The compare, topics, pin and compare-set commands (run in-process through ``desktop.cli.main``)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main

SRC = "jilin-2021-kaifaqu/c1/s1"


def _run(capsys, *argv) -> tuple[int, dict | list | None]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if code == 0 and "--json" in argv else None)


def test_compare_json_contract(capsys):
    code, data = _run(capsys, "compare", SRC, "--docs", "henan-2017-kaifaqu,hebei-2017-kaifaqu",
                      "--limit", "2", "--json")
    assert code == 0
    assert data["source"]["id"] == SRC
    assert [c["doc_id"] for c in data["columns"]] == ["henan-2017-kaifaqu", "hebei-2017-kaifaqu"]
    for col in data["columns"]:
        assert {"doc_id", "region", "matches"} <= set(col)
        assert len(col["matches"]) <= 2
        for m in col["matches"]:
            assert {"clause_id", "score", "text", "shared", "numbers", "pinned"} <= set(m)


def test_compare_text_and_errors(capsys):
    assert main(["compare", SRC]) == 0
    assert "河南省" in capsys.readouterr().out
    assert main(["compare", "jilin-2021-kaifaqu/nope", "--json"]) == 2
    for limit in ("0", "-5"):  # a usage error (argparse), as --limit -5 with --topic, which was taken
        with pytest.raises(SystemExit) as exc:
            main(["compare", SRC, "--limit", limit])
        assert exc.value.code == 2
    assert main(["compare"]) == 2
    assert main(["compare", SRC, "--docs", "no-such-doc"]) == 2
    capsys.readouterr()


@pytest.mark.parametrize(("docs", "said"), [(",, ,", "--docs names no document"),
                                           ("{own}", "--docs names only the clause's own document")])
def test_compare_docs_that_leave_nothing_to_compare_are_refused(capsys, docs, said):
    # Was: a comparison with no column at all, and no word why.
    assert main(["compare", SRC, "--docs", docs.format(own=SRC.split("/")[0]), "--json"]) == 2
    assert said in capsys.readouterr().err


def test_compare_says_why_a_document_has_no_counterpart(capsys):
    """A silent column says why in ``no_counterpart`` (--json) and in words (text): 浙江 二（四）推动区域合作 against 嘉兴,
    whose coverage lists nothing under 区域合作与飞地 and whose closest clause is weak."""
    code, data = _run(capsys, "compare", "zhejiang-2022-kaifaqu/c2/s4", "--docs", "jiaxing-2015-kaifaqu", "--json")
    assert code == 0
    column = data["columns"][0]
    assert column["matches"] == [] and column["no_counterpart"] == {
        "reason": "coverage", "topic": {"id": "quyu_hezuo", "name": "区域合作与飞地"}}
    code, data = _run(capsys, "compare", SRC, "--docs", "henan-2017-kaifaqu", "--json")
    assert data["columns"][0]["matches"] and data["columns"][0]["no_counterpart"] is None
    assert main(["compare", "zhejiang-2022-kaifaqu/c2/s4", "--docs", "jiaxing-2015-kaifaqu"]) == 0
    assert "（无对应条款：该文件“区域合作与飞地”主题下无条款，最接近的条款仅弱相关）" in capsys.readouterr().out


def test_compare_topic_and_topics_matrix(capsys):
    code, data = _run(capsys, "compare", "--topic", "人才", "--json")
    assert code == 0 and data["topic"]["id"] == "rencai" and len(data["columns"]) == 5
    code, data = _run(capsys, "topics", "--json")
    assert code == 0 and len(data["topics"]) >= 20
    assert all(len(row) == 5 for row in data["matrix"].values())



def test_unknown_topic_exits_2_like_unknown_ids(capsys, tmp_path):
    """An unknown topic is bad input naming something that does not exist: exit 2, like an unknown clause id."""
    for argv in (["compare", "--topic", "没有这个专题"],
                 ["export", "compare", "--topic", "没有这个专题", "-f", "csv", "-o", str(tmp_path / "x.csv")],
                 ["compare-set", "save", "集", "--topic", "没有这个专题"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "unknown topic: 没有这个专题" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_pin_commands_override_compare(capsys):
    assert main(["pin", "set", SRC, "hebei-2017-kaifaqu/h2/p6", "--json"]) == 0
    assert main(["pin", "none", SRC, "henan-2017-kaifaqu", "--json"]) == 0
    capsys.readouterr()
    code, data = _run(capsys, "compare", SRC, "--json")
    cols = {c["doc_id"]: c for c in data["columns"]}
    assert cols["hebei-2017-kaifaqu"]["matches"][0]["clause_id"] == "hebei-2017-kaifaqu/h2/p6"
    assert cols["hebei-2017-kaifaqu"]["matches"][0]["pinned"] is True
    assert cols["henan-2017-kaifaqu"]["matches"] == []
    code, data = _run(capsys, "compare", SRC, "--no-pins", "--json")
    assert {c["doc_id"]: c for c in data["columns"]}["henan-2017-kaifaqu"]["matches"] != []
    code, data = _run(capsys, "pin", "list", SRC, "--json")
    assert {p["doc_id"] for p in data} == {"hebei-2017-kaifaqu", "henan-2017-kaifaqu"}
    code, data = _run(capsys, "pin", "clear", SRC, "henan-2017-kaifaqu", "--json")
    assert data["cleared"] is True
    assert main(["pin", "set", SRC, "jilin-2021-kaifaqu/c1/s2"]) == 1  # same document as the source


def test_compare_set_save_export_import_reopen(capsys, tmp_path):
    assert main(["pin", "set", SRC, "hebei-2017-kaifaqu/h2/p6"]) == 0
    assert main(["compare-set", "save", "放权", "--clause", SRC, "--docs", "hebei-2017-kaifaqu"]) == 0
    assert main(["compare-set", "save", "人才专题", "--topic", "人才"]) == 0
    capsys.readouterr()
    code, data = _run(capsys, "compare-set", "list", "--json")
    assert {s["name"] for s in data} == {"放权", "人才专题"}
    path = tmp_path / "fangquan.json"
    assert main(["compare-set", "export", "放权", str(path)]) == 0
    assert main(["pin", "clear", SRC, "hebei-2017-kaifaqu"]) == 0
    assert main(["compare-set", "delete", "放权"]) == 0
    assert main(["compare-set", "import", str(path)]) == 0
    capsys.readouterr()
    # Reopening the set shows its pin even though the user's own pin is gone.
    code, data = _run(capsys, "compare", "--set", "放权", "--json")
    assert [c["doc_id"] for c in data["columns"]] == ["hebei-2017-kaifaqu"]
    assert data["columns"][0]["matches"][0]["pinned"] is True
    code, data = _run(capsys, "compare", "--set", "人才专题", "--json")
    assert data["topic"]["id"] == "rencai"
    with pytest.raises(SystemExit) as exc:  # an unset variable (--name "$NAME"): it used the file's name
        main(["compare-set", "import", str(path), "--name", ""])
    assert exc.value.code == 2 and "--name: the name is empty" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["compare-set", "import", str(bad)]) == 1
    assert main(["compare-set", "show", "nope"]) == 2


def test_compare_set_export_to_a_long_file_name(capsys, tmp_path):
    """As ``notes export``: a 251-byte name is written (its ``.partial`` name was too long: a traceback), a
    longer one is a clean ``cannot write``."""
    assert main(["compare-set", "save", "放权", "--clause", SRC]) == 0
    fits = tmp_path / ("长" * 82 + ".json")
    assert main(["compare-set", "export", "放权", str(fits)]) == 0
    assert json.loads(fits.read_text(encoding="utf-8"))["name"] == "放权"
    capsys.readouterr()
    assert main(["compare-set", "export", "放权", str(tmp_path / ("长" * 100 + ".json"))]) == 1
    err = capsys.readouterr().err
    assert err.startswith("zoneref: error: cannot write") and err.rstrip().endswith("File name too long")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fits.name, "zoneref-home"])


def test_compare_set_export_never_replaces_a_pipe(capsys, tmp_path):
    import os
    import stat

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert main(["compare-set", "save", "放权", "--clause", SRC]) == 0
    capsys.readouterr()
    assert main(["compare-set", "export", "放权", str(fifo)]) == 1
    assert f"cannot write {fifo}: it is not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_compare_set_files_that_are_bad_or_from_another_library(capsys, tmp_path):
    """A lone surrogate and JSON nested 100,000 deep ended in tracebacks; a set of a clause not in the library
    was imported without a word, then `compare --set` said '--docs names only the clause's own document (nope)'
    and `export compare --set` 'unknown clause id'."""
    head = {"format": "zoneref-comparison-set", "version": 1}
    files = {"sur.json": json.dumps({**head, "name": "sur\ud800", "payload": {"source_clause_id": SRC}}),
             "ids.json": json.dumps({**head, "name": "x", "payload": {"source_clause_id": SRC, "doc_ids": ["\ud800"]}}),
             "deep.json": "[" * 100_000}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["compare-set", "import", str(tmp_path / name)]) == 1, name
        err = capsys.readouterr().err
        assert err.startswith(f"zoneref: error: {tmp_path / name}: ") and "Traceback" not in err
    ghost = tmp_path / "ghost.json"
    ghost.write_text(json.dumps({**head, "name": "ghost", "payload": {"source_clause_id": "nope/c1",
                                                                     "doc_ids": ["nope"]}}), encoding="utf-8")
    assert main(["compare-set", "import", str(ghost)]) == 0
    assert "not in your library (the set still names them): nope/c1, nope" in capsys.readouterr().out
    code, data = _run(capsys, "compare-set", "import", str(ghost), "--name", "ghost2", "--json")
    assert code == 0 and data["not_in_library"] == ["nope/c1", "nope"]
    for argv in (["compare", "--set", "ghost"], ["export", "compare", "--set", "ghost", "-f", "csv", "-o",
                                                 str(tmp_path / "g.csv")]):
        assert main(argv) == 1
        assert ("set 'ghost' refers to clause nope/c1, which is not in your library"
                in capsys.readouterr().err), argv
    assert not (tmp_path / "g.csv").exists()


def test_compare_shows_the_match_compared_back(capsys):
    code, data = _run(capsys, "compare", "jilin-2021-kaifaqu/c3/s12", "--json")
    assert code == 0
    reasons = [col["matches"][0]["reverse"]["reason"] for col in data["columns"]]
    assert reasons.count("mutual") >= 3
    assert main(["compare", "jilin-2021-kaifaqu/c3/s12"]) == 0
    assert "对照回去：最接近的正是本条（互为最佳）" in capsys.readouterr().out


def test_compare_says_why_a_match_listed_under_the_topic_comes_first(capsys):
    """河北 政策促动 支持开发区开放发展 (予以资金支持) → 吉林: （二十）加大財政支持 comes first although （十八）提升對外貿易
    scores higher, because 吉林's coverage lists it under 财政支持 (``Session._topic_first``): the JSON says so, and so
    does the text."""
    code, data = _run(capsys, "compare", "hebei-2017-kaifaqu/h5/p2", "--docs", "jilin-2021-kaifaqu", "--json")
    assert code == 0
    first, second = data["columns"][0]["matches"][:2]
    assert first["clause_id"] == "jilin-2021-kaifaqu/c6/s20"
    assert first["topic_first"]["name"] == "财政支持" and second["topic_first"] is None
    assert first["score"] < second["score"]
    assert main(["compare", "hebei-2017-kaifaqu/h5/p2", "--docs", "jilin-2021-kaifaqu"]) == 0
    assert "排在首位：覆盖矩阵将其列于本条主题「财政支持」之下" in capsys.readouterr().out


def test_topics_json_is_the_coverage_record(capsys):
    """``topics --json`` writes the coverage piece by piece: the text the whole record encodes to."""
    from desktop.cli.output import to_json
    from index.workspace import Workspace

    assert main(["topics", "--json"]) == 0
    printed = capsys.readouterr().out
    ws = Workspace()
    try:
        assert printed == to_json(ws.coverage().to_dict()) + "\n"
        restricted = ws.coverage(["hebei-2017-kaifaqu", "jilin-2021-kaifaqu"]).to_dict()
    finally:
        ws.close()
    assert main(["topics", "--docs", "hebei-2017-kaifaqu,jilin-2021-kaifaqu", "--json"]) == 0
    assert capsys.readouterr().out == to_json(restricted) + "\n"


def test_topics_text_counts_documents_per_topic_past_a_dozen_columns():
    from desktop.cli.compare import TEXT_COLUMNS, _topics_text

    docs = [{"doc_id": f"d{i}", "region": "江苏省", "title": f"文件{i}"} for i in range(TEXT_COLUMNS + 1)]
    result = {"documents": docs, "topics": [{"id": "zhaoshang", "name": "招商引资"}, {"id": "rencai", "name": "人才"}],
              "matrix": {"zhaoshang": {d["doc_id"]: ["x"] if i < 4 else [] for i, d in enumerate(docs)},
                         "rencai": {d["doc_id"]: [] for d in docs}}}
    lines = _topics_text(result).splitlines()
    assert lines[1].split() == ["招商引资", "4", "/", "13（31%）"] and lines[2].split() == ["人才", "0", "/", "13（0%）"]
    import unicodedata

    def on_screen(text):
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    assert on_screen(lines[1][:lines[1].index("4")]) == on_screen(lines[2][:lines[2].index("0")])  # aligned
    small = _topics_text({**result, "documents": docs[:TEXT_COLUMNS]})
    assert small.splitlines()[0].count("江苏") == TEXT_COLUMNS  # a column per document


class _Terminal:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> None:
        self.text += s

    def flush(self) -> None:
        pass


def test_a_slow_coverage_says_how_far_it_is_on_a_terminal_only():
    """The first ``topics`` after an upgrade tags every document again (about a minute at 3,500): on a terminal
    it says how far it is once it has run a second; a quick run, or a program reading stderr, sees nothing."""
    from desktop.cli.output import slow_progress

    assert slow_progress("正在读取各文件的主题", _Terminal(False), after=0.0) is None
    quick = _Terminal(True)
    slow_progress("正在读取各文件的主题", quick, after=60.0)(20, 40)
    assert quick.text == ""
    slow = _Terminal(True)
    report = slow_progress("正在读取各文件的主题", slow, after=0.0)
    report(20, 40)
    report(40, 40)
    assert slow.text == "\r正在读取各文件的主题：20 / 40 份…\r正在读取各文件的主题：40 / 40 份…\n"


def test_topics_reports_progress_through_the_coverage(monkeypatch, capsys):
    from desktop.cli import compare as compare_cli

    seen = []
    monkeypatch.setattr(compare_cli, "slow_progress", lambda what: lambda done, total: seen.append((done, total)))
    assert main(["topics", "--json"]) == 0
    capsys.readouterr()
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] >= 5


def test_compare_text_says_once_how_many_documents_were_not_compared():
    # At scale every document a column leaves thousands unreached: one line counts them; a column the
    # comparison found no counterpart in keeps its own line and reason.
    from desktop.cli.compare import _columns_text

    def col(doc_id, reason):
        return {"doc_id": doc_id, "region": "吉林省", "decision": "auto", "matches": [],
                "no_counterpart": {"reason": reason, "topic": None}}

    lines = _columns_text([col("a", "nothing"), col("b", "unreached"), col("c", "unreached")])
    text = "\n".join(lines)
    assert "■ 吉林省  a" in text and "无对应条款：该文件中没有与本条相近的条款" in text
    assert "  b" not in text and "  c" not in text
    assert lines[-1] == "\n■ 其余 2 个文件未逐条比较：不在检索所得与本条最相近的文件之列（用 --docs 指定文件可逐条比较）"
    assert not any("未逐条比较" in line for line in _columns_text([col("a", "nothing")]))


def test_a_topic_comparison_reports_progress_per_document(monkeypatch, capsys):
    """Every document's clauses on a topic took ~20 s at 3,440 documents: the terminal says how far it is."""
    from desktop.cli import compare as compare_cli
    from desktop.cli.output import TOPIC_PROGRESS

    seen = []
    monkeypatch.setattr(compare_cli, "slow_progress",
                        lambda what: (lambda done, total: seen.append((what, done, total))))
    assert main(["compare", "--topic", "招商引资", "--json"]) == 0
    columns = json.loads(capsys.readouterr().out)["columns"]
    assert [d for _, d, _ in seen] == list(range(len(columns) + 1))  # before each document, then all done
    assert {(w, t) for w, _, t in seen} == {(TOPIC_PROGRESS, len(columns))}


def test_compare_says_what_the_topic_comparison_lists_instead_of_the_first_match(capsys):
    """吉林 (一)加大放權力度 → 嘉兴: the first match, 1.加快构建对外开放新体制, is not what 嘉兴's coverage lists under the
    source's topic (营商环境与放管服): the JSON names the clause it lists, (一)推进改革创新, and the text says so in a line."""
    code, data = _run(capsys, "compare", "jilin-2021-kaifaqu/c1/s1", "--docs", "jiaxing-2015-kaifaqu", "--json")
    assert code == 0
    first = data["columns"][0]["matches"][0]
    assert first["topic_column"] == {"id": "fangguanfu", "name": "营商环境与放管服",
                                     "clause_ids": ["jiaxing-2015-kaifaqu/c2/s1"]}
    assert main(["compare", "jilin-2021-kaifaqu/c1/s1", "--docs", "jiaxing-2015-kaifaqu"]) == 0
    assert "专题对照：本文件在本条主题「营商环境与放管服」下列的是 (一)推进改革创新，未列此条" in capsys.readouterr().out
    assert main(["compare", "jilin-2021-kaifaqu/c2/s5", "--docs", "henan-2017-kaifaqu"]) == 0
    assert "专题对照：本文件在本条主题「人事薪酬与绩效」下未列条款，此条用词相近，未必同一主题" in capsys.readouterr().out


@pytest.mark.parametrize("argv, option", [(["--topic", ""], "--topic"), (["--set", "  "], "--set"),
                                          ([" "], "CLAUSE_ID")])
def test_an_empty_choice_says_it_is_empty(capsys, argv, option):
    # compare --topic '' said "give exactly one of CLAUSE_ID, --topic NAME or --set NAME": the topic was given.
    assert main(["compare", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"zoneref: error: {option} is empty") and "exactly one" not in err
