"""The ``zoneref`` command line.

A stable contract: with ``--json`` every command prints only JSON on stdout;
errors go to stderr with a non-zero exit (2 for an unknown id or bad usage,
1 for other failures). Each command group lives in its own module
(``desktop/cli/*.py``) with a ``register(subparsers)`` function; none of them imports Qt, except the
``gui`` command when it launches the window.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from desktop.cli.output import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError, add_json, emit  # noqa: F401 - the commands' helpers
from index.base.errors import BugError, KnownError, UnknownIdError

# Each command and the module that registers it, in --help order. Only the
# module of the command being run is imported: ``zoneref gui`` (the app's
# launch) must not load the search engine, numpy or SQLite before its window
# shows (they load in the background). A test checks this table against
# what each module registers.
COMMANDS = {
    "docs": "desktop.cli.docs", "outline": "desktop.cli.docs", "show": "desktop.cli.docs",
    "search": "desktop.cli.search", "index": "desktop.cli.search",
    "gui": "desktop.cli.gui",
    "import": "desktop.cli.library", "edit": "desktop.cli.library", "remove": "desktop.cli.library",
    "compare": "desktop.cli.compare", "topics": "desktop.cli.compare", "pin": "desktop.cli.compare",
    "compare-set": "desktop.cli.compare",
    "notes": "desktop.cli.notes",
    "export": "desktop.cli.export",
    "versions": "desktop.cli.versions", "link": "desktop.cli.versions", "unlink": "desktop.cli.versions",
    "diff": "desktop.cli.versions",
}
COMMAND_MODULES = list(dict.fromkeys(COMMANDS.values()))


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
    from desktop.cli import context

    context.reset()  # one command, one workspace (in-process callers may have moved ZONEREF_HOME)
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
    finally:
        context.reset()


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return set(action.choices)
    return set()


if __name__ == "__main__":
    raise SystemExit(main())
