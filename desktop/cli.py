"""The ``zoneref`` command line.

A stable contract: with ``--json`` every command prints only JSON on stdout;
errors go to stderr with a non-zero exit (2 for an unknown id or bad usage,
1 for other failures). Each command group lives in its own ``cli_*`` module
with a ``register(subparsers)`` function; none of them imports Qt, except the
``gui`` command when it launches the window.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from typing import Any

from index.base.errors import BugError, KnownError, UnknownIdError

# Each command and the module that registers it, in --help order. Only the
# module of the command being run is imported: ``zoneref gui`` (the app's
# launch) must not load the search engine, numpy or SQLite before its window
# shows (they load in the background). A test checks this table against
# what each module registers.
COMMANDS = {
    "docs": "desktop.cli_docs", "outline": "desktop.cli_docs", "show": "desktop.cli_docs",
    "search": "desktop.cli_search", "index": "desktop.cli_search",
    "gui": "desktop.cli_gui",
    "import": "desktop.cli_import", "edit": "desktop.cli_import", "remove": "desktop.cli_import",
    "compare": "desktop.cli_compare", "topics": "desktop.cli_compare", "pin": "desktop.cli_compare",
    "compare-set": "desktop.cli_compare",
    "notes": "desktop.cli_notes",
    "export": "desktop.cli_export",
}
COMMAND_MODULES = list(dict.fromkeys(COMMANDS.values()))

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(KnownError):
    """A usage problem found after argument parsing (exit 2)."""


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    """Print ``data`` as JSON, or ``text`` (defaults to a JSON dump) for humans."""
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write((text if text is not None else json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON only (stable format)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with a known ``command``, only that command's module is loaded."""
    from index import __version__

    parser = argparse.ArgumentParser(
        prog="zoneref",
        description="ZoneRef 开发区政策参考: find, compare and annotate development-zone policies.",
    )
    parser.add_argument("--version", action="version", version=f"zoneref {__version__}")
    parser.add_argument("--self-test", action="store_true", help="run the offline self-test and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _command_word(argv: list[str]) -> str | None:
    """The command ``argv`` runs: its first word, ``gui`` when it has none; None when help is asked."""
    for arg in argv:
        if arg in ("-h", "--help"):
            return None  # the help lists every command
        if not arg.startswith("-"):
            return arg
    return "gui"  # no command: the window (see main)


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    _utf8_stdio()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_word(argv))
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop import selftest

        return selftest.run()
    if not args.command:
        args = parser.parse_args(["gui", *(argv or [])]) if "gui" in _commands(parser) else args
        if not args.command:
            parser.print_help()
            return EXIT_OK
    try:
        return int(args.func(args) or 0)
    except (UnknownIdError, CliError) as exc:
        sys.stderr.write(f"zoneref: error: {exc}\n")
        return EXIT_USAGE
    except KnownError as exc:
        sys.stderr.write(f"zoneref: error: {exc}\n")
        return EXIT_FAIL
    except BugError:
        logging.exception("internal error")
        return EXIT_FAIL
    except KeyboardInterrupt:
        sys.stderr.write("zoneref: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return set(action.choices)
    return set()


if __name__ == "__main__":
    raise SystemExit(main())
