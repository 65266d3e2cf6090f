"""The ``zoneref`` command line.

A stable contract: with ``--json`` every command prints only JSON on stdout;
errors go to stderr with a non-zero exit (2 for an unknown id or bad usage,
1 for other failures). Each command group lives in its own module
(``desktop/cli/*.py``) with a ``register(subparsers)`` function; none of them imports Qt, except the
``gui`` command when it launches the window.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import re
import sys

from desktop.cli.output import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError, add_json, emit, error  # noqa: F401 - the commands' helpers
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


class Parser(argparse.ArgumentParser):
    """argparse, except that a word starting with ``-`` and a non-ASCII character is a value, not an option.

    ``zoneref search -招商`` excludes 招商, and ``--note -注意`` is a note:
    every option is ASCII, so such a word can only be a value. (argparse
    treats words matching this pattern as values when no option looks like
    them, the rule it has for negative numbers.)
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _VALUE_WORD  # noqa: SLF001 - argparse's own hook for "-1"


_VALUE_WORD = re.compile(r"^-\d+$|^-\d*\.\d+$|^-[^\x00-\x7f]")
# Arguments that name files: kept exactly as given (a GBK file name is only reachable by its bytes);
# every other argument that is not valid UTF-8 is text typed in another encoding (a GBK terminal).
PATH_ARGUMENTS = {"paths", "file", "output", "backup", "path", "screenshot"}


def _decode_arguments(args: argparse.Namespace) -> None:
    from index.base.text import decode_escaped

    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        if isinstance(value, str):
            setattr(args, name, decode_escaped(value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, name, [decode_escaped(v) for v in value])


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with a known ``command``, only that command's module is loaded and only that command
    is registered (its module's others would be parsers never used: ~1 % of a ``zoneref compare``)."""
    from index import __version__

    parser = Parser(
        prog="zoneref",
        description="ZoneRef 开发区政策参考: find, compare and annotate development-zone policies.",
    )
    parser.add_argument("--version", action="version", version=f"zoneref {__version__}")
    parser.add_argument("--self-test", action="store_true", help="run the offline self-test and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command in COMMANDS:
        importlib.import_module(COMMANDS[command]).register(_OneCommand(sub, command))
    else:
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
    return parser


class _OneCommand:
    """The sub-commands of a parser, to a module's ``register``, adding only the parser of ``command``: the others
    get a stand-in that takes every call (options, sub-commands, defaults) and keeps nothing."""

    def __init__(self, sub: argparse._SubParsersAction, command: str):
        self._sub, self._command = sub, command

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        return self._sub.add_parser(name, **kwargs) if name == self._command else _UNUSED


class _Unused:
    """A parser of a command not being run (``_OneCommand``): any method, any arguments, returns itself."""

    def __getattr__(self, _name: str):
        return self._ignore

    def _ignore(self, *_args, **_kwargs) -> _Unused:
        return self


_UNUSED = _Unused()


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


#: Commands that read the library, answer and exit: they run without the cyclic garbage collector.
ONE_SHOT_READS = frozenset({"search", "docs", "show", "outline", "versions", "topics", "compare", "diff"})


def main(argv: list[str] | None = None) -> int:
    whole_process = argv is None  # this process's own command line (``zoneref``, ``python -m desktop.cli``)
    _utf8_stdio()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    argv = sys.argv[1:] if argv is None else list(argv)
    word = _command_word(argv)
    reads = word in ONE_SHOT_READS and gc.isenabled()
    if reads:
        # A command that reads, answers and exits makes no garbage worth collecting, but the collector kept
        # walking every module and listed document it imported and read: ~11% of `zoneref search`. Paused
        # before its modules load (numpy, the search engine): ~20 collections finding nothing in a comparison.
        gc.disable()
        if whole_process:  # and whose freed memory is worth keeping for its next arrays (not a test's process)
            from index.base.memory import keep_freed_memory

            keep_freed_memory()
    try:
        code = _main(argv, word, reads)
        if reads and whole_process:
            # The interpreter's exit runs one last collection over everything alive (~1,000,000 objects after
            # a comparison at 3,500 documents: ~10% of `zoneref compare`); frozen, they are left out of it.
            # Not for an in-process caller (the tests), whose process goes on.
            gc.freeze()
        return code
    finally:
        if reads:
            gc.enable()  # an in-process caller (the tests, the self-test) goes on with it


def _main(argv: list[str], word: str | None, paused: bool) -> int:
    parser = build_parser(word)
    args = parser.parse_args(argv)
    _decode_arguments(args)
    if args.self_test:
        from desktop import selftest

        return selftest.run()
    if not args.command:
        args = parser.parse_args(["gui", *(argv or [])]) if "gui" in _commands(parser) else args
        if not args.command:
            parser.print_help()
            return EXIT_OK
    if args.command == "gui":
        # The window turns the cyclic collector back on after its first paint (MainWindow._first_paint):
        # until then it kept walking the Qt types and enums PySide builds, ~9% of a launch's instructions.
        gc.disable()
    elif paused and args.command not in ONE_SHOT_READS:
        gc.enable()  # not the command its first word named after all: it runs as any other
    return _run(args)


def _run(args) -> int:
    """Run the parsed command; errors become messages and exit codes."""
    from desktop.cli import context

    context.reset()  # one command, one workspace (in-process callers may have moved ZONEREF_HOME)
    try:
        return int(args.func(args) or 0)
    except (UnknownIdError, CliError) as exc:
        error(exc)
        return EXIT_USAGE
    except KnownError as exc:
        error(exc)
        return EXIT_FAIL
    except BugError:
        logging.exception("internal error")
        return EXIT_FAIL
    except KeyboardInterrupt:
        sys.stderr.write("zoneref: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if not _sqlite_error(exc):
            raise
        # The user database failed mid-read (a disk error, a file removed meanwhile).
        from index.userdata.database import is_damage, trouble

        problem = trouble(exc, context.workspace().db_path, "reading") if not is_damage(exc) else \
            f"the notes database is damaged ({exc}); start ZoneRef again: it checks and repairs it from a backup"
        error(problem)
        return EXIT_FAIL
    finally:
        context.warn_unreadable()
        context.reset()


def _sqlite_error(exc: BaseException) -> bool:
    """Whether ``exc`` is an sqlite3 error (without importing sqlite3 at start-up: ``zoneref gui`` needs it later)."""
    sqlite3 = sys.modules.get("sqlite3")
    return sqlite3 is not None and isinstance(exc, sqlite3.Error)


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return set(action.choices)
    return set()


if __name__ == "__main__":
    raise SystemExit(main())
