"""The search box's query language: forgiving, and it never raises.

Grammar (informal)::

    query   := item (space item)*            items are ANDed
    item    := alt ((OR | 或 | "|") alt)*    OR binds tighter than AND
    alt     := ["-" | NOT] (phrase | word | filter)
    phrase  := "…"  |  “…”  |  「…」  |  『…』
    filter  := (region | 地区 | doc | level | 级别 | year | 年份) ":" value

``开发区 土地 OR 用地 -临时 region:浙江`` means 开发区 AND (土地 OR 用地) AND
NOT 临时, in documents of 浙江; ``-临时`` alone is every clause without 临时. Anything the grammar cannot read (an
unbalanced quote, a lone operator, control characters, emoji, an over-long
input) turns the whole query into a literal search for its words, and
``notice`` says so; the parser itself never raises.

Notice texts are short English codes-with-words for the CLI; the GUI maps
``notice_code`` to a translated text.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from index.search.analysis import close_letter_spacing, letter_spaced

MAX_QUERY_CHARS = 256

QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "”": "”"}
OR_WORDS = {"OR", "或", "|", "||"}
NOT_WORDS = {"NOT", "非"}
AND_WORDS = {"AND", "且", "&", "&&"}
_OPERATOR_WORDS = OR_WORDS | NOT_WORDS | AND_WORDS
FILTER_KEYS = {
    "region": "region", "地区": "region", "地區": "region", "省": "region",
    "doc": "doc", "文件": "doc",
    "level": "level", "级别": "level", "級別": "level",
    "year": "year", "年份": "year",
}
_FILTER = re.compile(r"^(?P<key>[^:：\s]+)[:：](?P<value>.+)$")
_BARS = "|｜"
_FILTER_KEY = re.compile(r"^(?P<key>[^:：\s]+)[:：]$")
# Values of one filter typed as a list (region:浙江、江苏, year:2015,2016): each a value, ORed.
_VALUE_LIST = re.compile(r"[,，、;；]")
# An article, chapter … number as officials type it (第10条, 第１０条) and as regulations print it (第十条).
_ARABIC_NUMBERED = re.compile(r"第\s*(\d{1,3})\s*([条條章节節款项項编編])")
# A document number (文号): 国办发〔2017〕7号, typed with [] or () too. Its pieces found apart (国办发, 2017, 7, 号
# anywhere in a clause) name other documents, so a word holding one is searched as a phrase (whose brackets
# match any bracket: ``analysis.phrase_pattern``).
_DOC_NUMBER = re.compile(r"[〔\[(【〖{]\s*\d{4}\s*[〕\])】〗}]\s*\d+")
_CHINESE_NUMBERED = re.compile(r"第([零〇一二三四五六七八九十百]{1,7})([条條章节節款项項编編])")


@dataclasses.dataclass(frozen=True)
class Literal:
    """One thing to find: a word (its pieces ANDed) or an exact phrase."""

    text: str
    phrase: bool = False


@dataclasses.dataclass
class ParsedQuery:
    """A query broken into what to find, what to exclude, and filters.

    Attributes:
        groups: ANDed; each group is a list of ORed literals.
        excluded: literals no hit may contain.
        filters: ``region``, ``doc``, ``level``, ``year`` → accepted values (ORed).
        notice: why the query was read literally or cut, else None.
        notice_code: ``literal_fallback``, ``truncated``, ``no_terms`` or None.
    """

    groups: list[list[Literal]] = dataclasses.field(default_factory=list)
    excluded: list[Literal] = dataclasses.field(default_factory=list)
    filters: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    notice: str | None = None
    notice_code: str | None = None

    @property
    def empty(self) -> bool:
        # Only exclusions (``-招商``) is a query too: every clause without the word.
        return not self.groups and not self.filters and not self.excluded


class _Malformed(Exception):
    pass


def _clean(text: str) -> tuple[str, bool]:
    """Control, format and emoji-like characters → space; True if any were found."""
    out = []
    odd = False
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isspace():  # a line break of a pasted passage, a web page's no-break space: a space, not odd
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cs", "Co", "Cn") or cat == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF:
            out.append(" ")
            odd = True
        else:
            out.append(ch)
    return "".join(out), odd


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(token, quoted) pairs. Raises _Malformed on an unbalanced quote."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == " ":
            i += 1
            continue
        # A quote opens a phrase at a token start, or after a leading "-".
        neg = ch == "-" and i + 1 < n and text[i + 1] in QUOTES
        q = text[i + 1] if neg else ch
        if q in QUOTES:
            start = i + (2 if neg else 1)
            close = QUOTES[q]
            end = text.find(close, start)
            if q == '"' and end < 0:
                end = -1
            if q == "“" and end < 0:
                end = text.find('"', start)
            if end < 0:
                raise _Malformed("unbalanced quote")
            out.append((("-" if neg else "") + text[start:end], True))
            i = end + 1
            continue
        # A bar is OR with or without spaces (开发区|园区 was the word 开发区|园区: both ANDed).
        if ch in _BARS:
            end = i
            while end < n and text[end] in _BARS:
                end += 1
            out.append((text[i:end], False))
            i = end
            continue
        end = i
        while end < n and text[end] != " " and text[end] not in _BARS and not (text[end] in QUOTES and end > i):
            end += 1
        # A filter's value in quotes or after a space (region:"浙江", 地区：“浙江”, 地区： 浙江) is its value: read
        # apart, region: was a word no clause holds (a silent 0).
        if _bare_key(text[i:end]):
            at = end
            while at < n and text[at] == " ":
                at += 1
            if at < n and text[at] in QUOTES and (close := text.find(QUOTES[text[at]], at + 1)) > at:
                out.append((text[i:end] + text[at + 1:close].strip(), False))
                i = close + 1
                continue
            if at < n and at > end:
                stop = at
                while stop < n and text[stop] != " " and text[stop] not in QUOTES:
                    stop += 1
                out.append((text[i:end] + text[at:stop], False))
                i = stop
                continue
        out.append((text[i:end], False))
        i = end
    return out


def _operator_form(token: str) -> str:
    """``token`` as the operator words are spelled: NFKC, and an ASCII word in capitals (or, Not, ｏｒ typed
    as they come were words to find, which no clause holds: a silent 0)."""
    word = unicodedata.normalize("NFKC", token)
    return word.upper() if word.isascii() and word.isalpha() else word


def filter_key(typed: str) -> str | None:
    """The filter a key names as typed (region, 地区, ＲＥＧＩＯＮ → ``region``), or None."""
    return FILTER_KEYS.get(unicodedata.normalize("NFKC", typed).lower())


def _bare_key(token: str) -> bool:
    """Whether ``token`` is a filter's key and colon with no value (region:, 地区：)."""
    m = _FILTER_KEY.match(token)
    return bool(m and filter_key(m["key"]))


def _filter(token: str) -> tuple[str, list[str]] | None:
    """(key, values) of a filter token; None if it is not one."""
    if _bare_key(token):
        raise _Malformed("a filter without a value")
    m = _FILTER.match(token)
    if not m:
        return None
    key = filter_key(m["key"])
    if not key:
        return None
    values = [v.strip() for v in _VALUE_LIST.split(m["value"])] if key != "doc" else [m["value"]]
    return key, [v for v in values if v] or [m["value"].strip()]


def _numbered_forms(lit: Literal) -> list[Literal]:
    """The literal and, if it names an article (or chapter, section …) by number, the same with the number
    written the other way: 第10条 is also 第十条 (how regulations print it), 第十条 also 第10条 (how some texts cite
    it). The other form is a phrase when written in digits: pieces 第, 10, 条 found apart say nothing. A word
    that holds a document number is a phrase (``_DOC_NUMBER``)."""
    from index.library.clauses import cn_to_int, int_to_cn

    text = unicodedata.normalize("NFKC", lit.text)
    if not lit.phrase and _DOC_NUMBER.search(text):
        lit = Literal(lit.text, phrase=True)
    if _ARABIC_NUMBERED.search(text):
        chinese = _ARABIC_NUMBERED.sub(lambda m: f"第{int_to_cn(int(m[1]))}{m[2]}", text)
        return [Literal(chinese, lit.phrase), Literal(text, phrase=True)]
    if _CHINESE_NUMBERED.search(text):
        def arabic(m: re.Match) -> str:
            n = cn_to_int(m[1])
            return m[0] if n is None or int_to_cn(n) != m[1] else f"第{n}{m[2]}"

        digits = _CHINESE_NUMBERED.sub(arabic, text)
        if digits != text:
            return [lit, Literal(digits, phrase=True)]
    return [lit]


def _structured(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    tokens = _tokens(text)
    pending_or = False
    negate_next = False
    for i, (tok, quoted) in enumerate(tokens):
        word = _operator_form(tok)
        last = i == len(tokens) - 1
        if not quoted and word in AND_WORDS:
            continue
        if not quoted and word in OR_WORDS:
            if not parsed.groups or pending_or or last or negate_next:
                raise _Malformed("lone OR")
            pending_or = True
            continue
        if not quoted and word in NOT_WORDS:
            if last or negate_next or pending_or:
                raise _Malformed("lone NOT")
            negate_next = True
            continue
        neg = negate_next
        negate_next = False
        if tok.startswith("-"):
            tok = tok[1:]
            if not tok or neg:
                raise _Malformed("lone -")
            neg = True
        if not quoted and (flt := _filter(tok)):
            if neg or pending_or:
                raise _Malformed("operator on a filter")
            parsed.filters.setdefault(flt[0], []).extend(flt[1])
            continue
        forms = _numbered_forms(Literal(tok, phrase=quoted))
        if neg:
            if pending_or:
                raise _Malformed("OR before NOT")
            parsed.excluded.extend(forms)
        elif pending_or:
            parsed.groups[-1].extend(forms)
            pending_or = False
        else:
            parsed.groups.append(forms)
    if pending_or or negate_next:
        raise _Malformed("dangling operator")
    return parsed


def _literal(text: str) -> ParsedQuery:
    """Every word of ``text`` ANDed, quotes and operators taken as plain characters."""
    words = [w for w in text.replace("“", " ").replace("”", " ").replace('"', " ").split()
             if _operator_form(w) not in OR_WORDS | NOT_WORDS | AND_WORDS | {"-"} and not _bare_key(w)]
    return ParsedQuery(groups=[_numbered_forms(Literal(w.lstrip("-") or w)) for w in words])


def parse_query(text: str) -> ParsedQuery:
    """Read a search-box query. Never raises.

    Args:
        text: what the user typed, any script.

    Returns:
        The parsed query; ``notice`` is set when it was read literally or cut.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    notice = code = None
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notice, code = f"query cut to its first {MAX_QUERY_CHARS} characters", "truncated"
    cleaned, odd = _clean(text)
    if not cleaned.strip():
        parsed = ParsedQuery()
        if odd:
            parsed.notice, parsed.notice_code = "no searchable characters in the query", "no_terms"
        return parsed
    # A heading pasted as printed (附　　则, 法 律 责 任) is searched as the index holds it: closed up, not as
    # single characters ANDed (附 and 则 anywhere in a clause).
    cleaned = close_letter_spacing(cleaned, letter_spaced(cleaned, apart="".join(w for w in _OPERATOR_WORDS
                                                                                  if len(w) == 1)))
    try:
        if odd:
            raise _Malformed("odd characters")
        parsed = _structured(cleaned)
    except _Malformed as why:
        parsed = _literal(cleaned)
        # A cut query keeps saying so (the cut is often what left a quote open): words past it were not searched.
        notice = "; ".join(filter(None, (notice, f"searched the words literally ({why})")))
        code = code or "literal_fallback"
    parsed.notice = parsed.notice or notice
    parsed.notice_code = parsed.notice_code or code
    return parsed
