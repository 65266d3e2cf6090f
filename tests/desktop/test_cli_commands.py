"""The command table: every command is registered by the module the table names, and only that is loaded."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

from desktop import cli

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


def test_launching_the_window_loads_no_engine_before_it_shows():
    code = ("import json, sys; from desktop import cli; cli.build_parser(cli._command_word([])); "
            "print(json.dumps([m for m in ('numpy', 'whoosh', 'sqlite_utils', 'index.search.searcher', 'index.userdata.notes', "
            "'docx') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


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
