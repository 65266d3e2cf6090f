"""Markdown files: a ``# title`` line, ``##`` chapters, one article per line.

Kept as Markdown (the clause parser reads ``#`` headings); a YAML front
matter block, if the file has one (a ZoneRef export, say), becomes declared
metadata instead of text. Emphasis and link markup are reduced to their text
so search and citations see the words only.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from index.library.documents import load_yaml
from index.library.readers import Extracted
from index.library.readers.txt import decode

# Bounded and unable to span another bracket: on hostile input (50,000 "[")
# an unbounded pattern rescans the rest of the text from every bracket.
_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\([^()\n]{0,2000}\)")
_EMPH = re.compile(r"(\*\*|__)(.{1,1000}?)\1")
# A real header (a ZoneRef export, say) is a few hundred bytes of plain keys.
MAX_FRONT_MATTER = 64 * 1024
MAX_FRONT_MATTER_BRACKETS = 1000
_HEADING = re.compile(r"^#{1,6}[ \t　]+(.+?)[ \t#]*$", re.M)


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    head = text[4:end]
    if len(head) > MAX_FRONT_MATTER or head.count("[") + head.count("{") > MAX_FRONT_MATTER_BRACKETS:
        return {}, text  # not metadata, whatever it is: the file is read as text
    try:
        meta = load_yaml(head)  # as the library reads its own: a date that is no date stays its text
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):  # bad, or nested past any header
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[end + 5:]


def read(path: Path, data: bytes) -> Extracted:
    text, encoding = decode(path, data)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _front_matter(text)
    body = _LINK.sub(r"\1", body)
    body = _EMPH.sub(r"\2", body)
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if not title:
        first = _HEADING.search(body)
        title = first.group(1).strip() if first and first.group(0).startswith("# ") else None
    return Extracted(text=body, format="markdown", title=title, encoding=encoding, meta=meta)
