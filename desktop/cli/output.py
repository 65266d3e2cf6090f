"""What every command shares: JSON or text output, and the usage error."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

from index.base.errors import KnownError
from index.base.text import terminal_safe

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(KnownError):
    """A usage problem found after argument parsing (exit 2)."""


# In JSON, characters a terminal could act on (C1 controls such as CSI U+009B, bidi overrides)
# and lone surrogates (not encodable) are written as \uXXXX escapes: the same data, inert.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def to_json(data: Any) -> str:
    """``data`` as the CLI's JSON text (UTF-8, nothing a terminal would act on).

    Indented for a person at a terminal, on one line for a program reading
    a pipe: indenting makes Python's json use its pure-Python encoder, a
    second for the 3,500 documents of ``docs --json``; the compact form uses
    the C one.
    """
    if sys.stdout.isatty():
        text = json.dumps(data, ensure_ascii=False, indent=2)
    else:
        text = _compact(data)
    return _inert(text)


def _inert(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    """Print ``data`` as JSON, or ``text`` (defaults to a JSON dump) for humans.

    Text for humans passes ``terminal_safe``: a note imported from a hostile
    file cannot send escape sequences to the user's terminal.
    """
    if as_json or text is None:
        sys.stdout.write(to_json(data) + "\n")
    else:
        sys.stdout.write(terminal_safe(text) + "\n")


def emit_encoded(items: list[str]) -> None:
    """Print a JSON array of values already encoded compactly (``separators=(",", ":")``, not ASCII-only).

    The same text ``emit(values, True)`` prints, without decoding the values
    to encode them again (``zoneref docs --json``: 3,500 stored records);
    indented on a terminal.
    """
    if sys.stdout.isatty():
        sys.stdout.write(to_json([json.loads(item) for item in items]) + "\n")
        return
    text = f"[{','.join(items)}]"
    sys.stdout.write(_inert(text) + "\n")


def emit_chunks(chunks: Callable[[], Iterable[str]], data: Callable[[], Any]) -> None:
    """Print JSON written piece by piece: ``chunks()`` yields compact JSON text (``separators=(",", ":")``,
    not ASCII-only), the text ``emit(data(), True)`` prints.

    A large record (``topics --json``: ~30 MB for 3,500 documents) is
    written as it is made instead of being built whole first. On a terminal
    the indented form is made from ``data()``.
    """
    if sys.stdout.isatty():
        sys.stdout.write(to_json(data()) + "\n")
        return
    for chunk in chunks():
        sys.stdout.write(chunk if chunk.isascii() else _inert(chunk))  # the clause ids' rows: nothing to check
    sys.stdout.write("\n")


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def error(message: object) -> None:
    """Write an error line on stderr (terminal-safe)."""
    sys.stderr.write(terminal_safe(f"zoneref: error: {message}") + "\n")


def file_argument(value: str) -> str:
    """The argparse ``type`` of every argument that names a file or folder: an empty one is a usage error.

    ``""`` is what an unset shell variable gives (``-o "$OUT"``): read as a path it is the current folder,
    which ``import`` imported whole and an export tried to replace.
    """
    if not value.strip():
        raise argparse.ArgumentTypeError("no file given")
    return value


def output_argument(value: str) -> str:
    """The argparse ``type`` of a file to write: ``file_argument``, and ``-`` is not standard output.

    An export is written whole and renamed into place, which a pipe or a terminal cannot be; ``-o -`` wrote a
    file named ``-`` in the current folder.
    """
    if file_argument(value) == "-":
        raise argparse.ArgumentTypeError("'-' (standard output) is not supported: give a file name "
                                         "(./- for a file named -)")
    return value


def count_argument(least: int = 1, most: int | None = None) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``least`` (to ``most``), written in ASCII digits.

    Every option that counts (``--limit``, ``--workers``, ``--memory-limit``) takes it: ``--limit -1`` was
    taken and found nothing, ``--limit 0`` refused by one command and taken by another.
    """

    def whole_number(value: str) -> int:
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not (digits.isascii() and digits.isdigit()):  # str.isdigit alone takes ², int() then fails
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}")
        number = int(text)
        if number < least or (most is not None and number > most):
            span = f"from {least} to {most}" if most is not None else f"at least {least}"
            raise argparse.ArgumentTypeError(f"must be {span}, got {number}")
        return number

    return whole_number


def positive_number(value: str) -> float:
    """The argparse ``type`` of a size or a time (``--max-mb``, ``--time-limit``): a finite number above 0.

    ``float`` takes ``nan`` (which turned the time limit off: no time is greater than it) and ``inf`` (an
    ``OverflowError`` made into bytes).
    """
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {value!r}")
    return number




def year_argument(value: str) -> int:
    """The argparse ``type`` of a year (``edit --year``): ASCII digits, in the years metadata holds
    (``index.library.fields.YEARS``: one rule for the CLI and the dialogs)."""
    from index.library.fields import YEARS

    return count_argument(*YEARS)(value)


def name_argument(value: str) -> str:
    """The argparse ``type`` of a name given as an option (``compare-set import --name``): not empty (an unset
    shell variable), which the command took for 'no name given'."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the name is empty")
    return value


#: The positional arguments ``command`` declares that name files: typed ``file_argument``.
FILE_ARGUMENTS = frozenset({"file", "path", "paths"})


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON only (stable format)")


def command(sub: argparse._SubParsersAction, name: str, *, help: str, func: Callable | None = None,
            args: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    """Add the sub-command ``name``: its positional ``args``, ``--json``, and ``func`` to run it.

    The caller adds any options to the parser returned (or sets ``func`` on a parser with sub-actions).
    """
    parser = sub.add_parser(name, help=help)
    for arg in args:
        parser.add_argument(arg, type=file_argument if arg in FILE_ARGUMENTS else None)
    add_json(parser)
    if func is not None:
        parser.set_defaults(func=func)
    return parser


#: A command that reports how far it is says so only once it has taken this long (most runs end sooner).
PROGRESS_AFTER = 1.0
COVERAGE_PROGRESS = "正在读取各文件的主题"  # what the coverage matrix reports (as the GUI says it)
TOPIC_PROGRESS = "正在读取各文件中该主题的条款"  # a topic comparison of every document (~20 s at 3,440)


def slow_progress(what: str, stream=None, after: float = PROGRESS_AFTER) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` that writes ``what：done / total 份…`` on one line of stderr, once the
    command has run ``after`` seconds (the first ``topics`` after an upgrade tags every document again,
    about a minute at 3,500). None when stderr is not a terminal: a program reading the output sees nothing."""
    import time

    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    start = time.monotonic()
    shown = False

    def report(done: int, total: int) -> None:
        nonlocal shown
        if not shown and time.monotonic() - start < after:
            return
        shown = True
        stream.write(f"\r{what}：{done} / {total} 份…")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report

