"""Text that XML can hold: what the Word and HTML writers are given.

XML 1.0 has no place for the C0 control characters (but tab, line feed and
carriage return), lone surrogates, U+FFFE and U+FFFF; python-docx (lxml)
refuses them with ``ValueError: All strings must be XML compatible``. They
reach a report from a note typed with a vertical tab (Word's own line
break, pasted), an ``--author`` argument, or a document imported before the
importer dropped them. Each is replaced one for one, so the offsets of the
report's highlights (``Entry.shared``, ``HitEntry.highlights``) still fit.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: A vertical tab and a form feed are line and page breaks (what Word writes for Shift+Enter and a page break).
_BREAKS = {"\x0b": "\n", "\x0c": "\n"}


def xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold replaced: a vertical tab or form feed by a line break, any
    other by U+FFFD. The same length as ``text``."""
    if _XML_INVALID.search(text) is None:
        return text
    return _XML_INVALID.sub(lambda m: _BREAKS.get(m.group(), "\ufffd"), text)


def xml_safe(value: T) -> T:
    """A report model with every string in it passed through ``xml_text``.

    Walks dataclasses (frozen ones too), lists, tuples and dicts; what needs no change is returned as it is
    (the model itself, most of the time), so a clean report costs one look at each string.
    """
    return _safe(value)


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list):
        items = [_safe(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, tuple):
        items = [_safe(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        pairs = {_safe(k): _safe(v) for k, v in value.items()}
        changed = any(k not in value or value[k] is not v for k, v in pairs.items())
        return pairs if changed else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _safe(old)
            if new is not old:
                changes[field.name] = new
        if not changes:
            return value
        clean = copy.copy(value)
        for name, new in changes.items():
            object.__setattr__(clean, name, new)  # frozen dataclasses too; nothing is computed again
        return clean
    return value
