"""The command table: every command is registered by the module the table names, and only that is loaded."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.cli import compare as cli_compare

ROOT = Path(__file__).resolve().parents[2]


def test_command_table_matches_what_each_module_registers():
    for module in cli.COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub)
        assert set(sub.choices) == {c for c, m in cli.COMMANDS.items() if m == module}, module


def test_help_and_unknown_commands_see_every_command():
    assert cli._command_word(["--help"]) is None and cli._command_word(["-h", "docs"]) is None
    assert cli._command_word([]) == cli._command_word(["--self-test"]) == "gui"
    assert cli._command_word(["notes", "list", "--json"]) == "notes"
    commands = cli._commands(cli.build_parser(None))
    assert commands == set(cli.COMMANDS)


def test_a_known_command_registers_only_itself_and_parses_as_before():
    for command in ("compare", "pin", "compare-set", "notes", "docs"):
        assert cli._commands(cli.build_parser(command)) == {command}
    args = cli.build_parser("pin").parse_args(["pin", "set", "a/c1", "b/c2", "--json"])
    assert (args.command, args.pin_command, args.source, args.clause_id, args.json) == ("pin", "set", "a/c1", "b/c2", True)
    args = cli.build_parser("compare").parse_args(["compare", "a/c1", "--docs", "b,c", "--limit", "2"])
    assert (args.clause_id, args.docs, args.limit, args.json, args.func) == ("a/c1", "b,c", 2, False, cli_compare.cmd_compare)


def test_launching_the_window_loads_no_engine_before_it_shows():
    code = ("import json, sys; from desktop import cli; cli.build_parser(cli._command_word([])); "
            "print(json.dumps([m for m in ('numpy', 'whoosh', 'sqlite_utils', 'index.search.searcher', 'index.userdata.notes', "
            "'docx') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize("argv", [["docs"], ["search", "招商"], ["notes", "list"], ["index", "status"],
                                  ["outline", "jilin-2021-kaifaqu"], ["topics"], ["versions", "jilin-2021-kaifaqu"],
                                  ["compare", "jilin-2021-kaifaqu/c3/s12"], ["remove", "x"], ["notes", "backup"]])
def test_a_home_that_cannot_be_used_is_one_message_for_every_command(argv, capsys, tmp_path, monkeypatch):
    """``ZONEREF_HOME`` naming a file, or a folder under one: a FileExistsError or NotADirectoryError traceback
    before. Each command says which folder and why, exit 1."""
    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    for home in (afile, afile / "sub"):
        monkeypatch.setenv("ZONEREF_HOME", str(home))
        assert cli.main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"zoneref: error: ZONEREF_HOME {home} is not a usable folder (") and "Traceback" \
            not in err
    assert afile.read_text(encoding="utf-8") == "not a folder"


def test_the_gui_command_pauses_the_collector(monkeypatch):
    """The launch runs with the cyclic collector paused (the window resumes it: test above)."""
    import gc

    from desktop.cli import gui

    seen = []
    monkeypatch.setattr(gui, "cmd_gui", lambda args: seen.append(gc.isenabled()) or 0)  # registered per parse
    try:
        assert cli.main(["gui"]) == 0
    finally:
        gc.enable()
    assert seen == [False]


def test_a_one_shot_read_pauses_the_collector_from_its_imports_and_freezes_before_its_exit(monkeypatch, capsys):
    """A reading command runs without the cyclic collector from before its modules load; the process's own
    command line (``main()`` reading ``sys.argv``) keeps its freed memory for its next arrays
    (``memory.keep_freed_memory``) and freezes what is alive before the interpreter's exit walks it.
    An in-process caller's objects are never frozen, and it gets the collector back."""
    import gc

    from index.base import memory

    seen, frozen, kept = [], [], []
    real_build = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda word: seen.append(gc.isenabled()) or real_build(word))
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(gc.isenabled()))
    monkeypatch.setattr(memory, "keep_freed_memory", lambda: kept.append(True))  # the allocator's, for the process
    assert gc.isenabled()
    assert cli.main(["docs", "--json"]) == 0
    assert seen == [False] and frozen == [] and kept == [] and gc.isenabled()
    monkeypatch.setattr(sys, "argv", ["zoneref", "docs", "--json"])
    assert cli.main() == 0
    assert seen == [False, False] and frozen == [False] and kept == [True] and gc.isenabled()
    monkeypatch.setattr(sys, "argv", ["zoneref", "notes", "list", "--json"])  # not a one-shot read: as before
    assert cli.main() == 0
    assert seen == [False, False, True] and frozen == [False] and kept == [True] and gc.isenabled()
    capsys.readouterr()


@pytest.mark.parametrize("argv", [
    ["import", ""], ["import", "a.txt", ""], ["notes", "import", ""], ["notes", "export", "--format", "w3c", "-o", ""],
    ["export", "search", "招商", "-f", "docx", "-o", ""], ["export", "document", "jilin-2021-kaifaqu", "-f", "html",
                                                          "-o", " "],
    ["compare-set", "export", "集", ""], ["compare-set", "import", ""],
])
def test_an_empty_file_argument_is_a_usage_error(argv, capsys, tmp_path, monkeypatch):
    """An unset shell variable (``-o "$OUT"``): before, ``import ""`` imported the whole current folder, an export
    tried to replace it (``cannot write .: Device or resource busy``) or failed with a traceback."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "a.txt").write_text("第一条 开发区。\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2 and "no file given" in capsys.readouterr().err
    assert [p.name for p in work.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("argv", [
    ["search", "招商", "--limit", "-1"], ["search", "招商", "--offset", "-1"],
    ["search", "招商", "--limit", "²"], ["compare", "--topic", "人才", "--limit", "-5"],
    ["compare", "jilin-2021-kaifaqu/c3/s12", "--limit", "0"],
    ["export", "compare", "jilin-2021-kaifaqu/c3/s12", "--limit", "-1", "-f", "csv", "-o", "x.csv"],
    ["export", "search", "招商", "--limit", "0", "-f", "csv", "-o", "x.csv"],
])
def test_a_count_below_its_least_is_a_usage_error(argv, capsys, tmp_path, monkeypatch):
    """``search --limit -1`` found nothing without a word (``--limit 0`` is the count alone), and ``compare --topic X --limit -5`` was taken while
    ``compare CLAUSE --limit 0`` was refused: every counting option has one type (output.count_argument)."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2 and "argument --" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_count_and_number_types():
    from desktop.cli import output

    assert output.count_argument()(" 3 ") == 3 and output.count_argument(0)("0") == 0
    assert output.positive_number("0.5") == 0.5 and output.year_argument("2021") == 2021
    for kind, value in ((output.count_argument(), "１"), (output.count_argument(1, 9), "10"),
                        (output.positive_number, "-inf"), (output.year_argument, "²⁰²¹")):
        with pytest.raises(argparse.ArgumentTypeError):
            kind(value)
