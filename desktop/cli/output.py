"""What every command shares: JSON or text output, and the usage error."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from index.base.errors import KnownError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(KnownError):
    """A usage problem found after argument parsing (exit 2)."""


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    """Print ``data`` as JSON, or ``text`` (defaults to a JSON dump) for humans."""
    if as_json:
        sys.stdout.write(dump(data) + "\n")
    else:
        sys.stdout.write((text if text is not None else dump(data)) + "\n")


def dump(data: Any) -> str:
    """JSON, indented for a person at a terminal, on one line for a program reading a pipe.

    Indenting makes Python's json use its pure-Python encoder: a second for
    the 3,500 documents of ``docs --json``; the compact form uses the C one.
    """
    if sys.stdout.isatty():
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON only (stable format)")
