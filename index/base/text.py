"""Chinese text normalisation, applied identically to documents and queries.

``normalise`` is length-preserving: ``normalise(s)[i]`` is the matching form of
``s[i]``. Offsets found in normalised text are therefore offsets into the
original text, which is what display, snippets and citations always show.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# OpenCC's t2s works on phrases first, then characters. Phrase rules almost
# always keep length; where one does not, we fall back to converting each
# character alone, which always keeps length.


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _char_nfkc(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        # Ligatures and compatibility sequences (e.g. "㈠" -> "(一)") cannot
        # map one to one; keep the character so offsets stay exact.
        return ch
    return folded.casefold() if len(folded.casefold()) == 1 else folded


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character.

    Per-character NFKC + casefold keeps the length; caching the answer makes
    the whole fold run at C speed (``str.translate``) after warm-up.
    """

    def __missing__(self, code: int) -> str:
        folded = _char_nfkc(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def _nfkc_fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def to_simplified(text: str) -> str:
    """Traditional to simplified, same length as the input (OpenCC t2s)."""
    if not text or text.isascii():
        return text
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)


def normalise(text: str) -> str:
    """The matching form of ``text``: NFKC, traditional→simplified, case-folded.

    Args:
        text: any text, original script.

    Returns:
        A string of exactly the same length.
    """
    return to_simplified(_nfkc_fold(text))


#: Characters converted per OpenCC call by ``normalise_many``. A call holds the interpreter lock from start to end
#: (~0.15 ms per 1,000 characters): a worker converting the whole library's titles at once (~260,000 characters)
#: held every other thread, the GUI's too, for 40-80 ms.
CONVERT_CHUNK = 16_000


def normalise_many(texts: list[str]) -> list[str]:
    """``normalise`` of each text, with one OpenCC call per ``CONVERT_CHUNK`` characters of them (the index
    build's hot path).

    OpenCC's phrase rules never span a line break, so converting the texts
    joined by ``\n`` and cutting the result at the same lengths gives what
    converting each alone gives; if a rule changed the length (rare), each
    text of that call is converted alone, as ``to_simplified`` does.
    """
    out: list[str] = []
    start = size = 0
    for end, text in enumerate(texts, start=1):
        size += len(text) + 1
        if size >= CONVERT_CHUNK or end == len(texts):
            out.extend(_normalise_joined(texts[start:end]))
            start, size = end, 0
    return out


def _normalise_joined(texts: list[str]) -> list[str]:
    folded = _nfkc_fold("\n".join(texts))
    out = folded if folded.isascii() else _converter().convert(folded)
    if len(out) != len(folded):
        return [normalise(t) for t in texts]
    parts, at = [], 0
    for t in texts:
        parts.append(out[at:at + len(t)])
        at += len(t) + 1
    return parts


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph (the characters search indexes as n-grams)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2FA1F
        or 0xF900 <= code <= 0xFAFF
    )


class LazyPattern:
    """A regular expression compiled on first use; otherwise used as the ``re.Pattern`` it stands for.

    Compiling the patterns of CJK character ranges and alternations costs
    milliseconds at import; the desktop app imports the modules that hold
    them before its window first paints, and most are only needed at import
    time of a document or for a search.
    """

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


_NOT_CJK = LazyPattern("[^\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f\uf900-\ufaff]+")


def detect_script(text: str) -> str:
    """'繁体' if a noticeable share of CJK characters change under t2s, else '简体'."""
    # The same CJK blocks as is_cjk, dropped in one regex pass (a Python loop per character cost
    # a third of reading a file at import).
    sample = _NOT_CJK.sub("", text)[:20000]
    if not sample:
        return "简体"
    simp = to_simplified(sample)
    if simp == sample:  # most documents: no character changes (compared in C, not one at a time)
        return "简体"
    changed = sum(map(str.__ne__, sample, simp)) if len(simp) == len(sample) else \
        sum(1 for a, b in zip(sample, simp) if a != b)  # noqa: B905 - lengths may differ (a rare phrase rule)
    return "繁体" if changed / len(sample) > 0.03 else "简体"


_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls except tab and newline, DEL, and the bidirectional
# overrides that can make a terminal line read differently from its bytes.
_TERMINAL_UNSAFE = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Characters that show nothing: zero-width space and joiners, word joiner, a BOM inside text, a soft hyphen.
# Text copied from a web page carries them between Chinese characters.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def without_invisibles(text: str) -> str:
    """``text`` without the characters that show nothing (so a quote pasted from a web page is found)."""
    return _INVISIBLE.sub("", text)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds lone surrogates (undecodable bytes kept by ``surrogateescape``, bad JSON escapes)."""
    return _SURROGATE.search(text) is not None


def valid_unicode(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it can be encoded, stored and read back."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogates(text) else text


# Encodings tried, in order, for bytes that came as surrogate escapes (PEP 383):
# a file name from a zip made on Chinese Windows, an argument typed in a GBK terminal.
ESCAPED_ENCODINGS = ("utf-8", "gb18030")


def decode_escaped(text: str) -> str:
    """Text that Python decoded with surrogate escapes, decoded again as UTF-8, then GB18030.

    Bytes neither explains become U+FFFD. Text without escapes is returned as it is.
    """
    if not has_surrogates(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes (bad UTF-16, bad JSON)
        return valid_unicode(text)
    decoded = decode_chinese(raw)
    return decoded if decoded is not None else raw.decode("utf-8", "replace")


def decode_chinese(raw: bytes) -> str | None:
    """Bytes of a name or a short text as UTF-8, else GB18030 (Windows' Chinese code page); None if neither."""
    for encoding in ESCAPED_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def terminal_safe(text: str) -> str:
    """``text`` for a terminal: control and bidi-override characters shown as ``\\x1b``-style escapes.

    Imported notes and file names are hostile input; printed raw, an escape
    sequence could move the cursor, retitle the window or hide text.
    Newlines and tabs are kept.
    """
    text = valid_unicode(text)
    return _TERMINAL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def find_all(haystack: str, needle: str, overlapping: bool = False) -> list[int]:
    """Start offsets of every occurrence of ``needle`` in ``haystack`` (exact comparison).

    Args:
        overlapping: also report occurrences that start inside an earlier one
            (``aa`` in ``aaa`` at 0 and 1).
    """
    if not needle:
        return []
    step = 1 if overlapping else len(needle)
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + step)
    return found


def occurrences(norm: str, needles: list[str]) -> list[tuple[int, int]]:
    """Where any of ``needles`` occurs in ``norm``: sorted spans, overlapping ones merged."""
    spans = sorted((at, at + len(n)) for n in needles for at in find_all(norm, n))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:  # overlapping, not merely touching
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def find_in_text(text: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text``, compared in matching form.

    The reader's Ctrl+F: 開發區 is found for 开发区, full-width for
    half-width, any case. Offsets are into ``text`` (normalising keeps length).

    Returns:
        Non-overlapping ``(start, end)`` pairs in order; empty for an empty query.
    """
    needle = normalise(query or "")
    if not needle.strip() or not text:
        return []
    return occurrences(normalise(text), [needle])
