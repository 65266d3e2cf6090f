"""Web pages saved as ``.html``/``.htm``: the main content's text only.

Scripts, styles, forms and navigation (``<nav>``, header/footer/aside, and
blocks whose class or id says menu, breadcrumb, footer, share …) are
dropped; every walk over the tree uses an explicit stack, so nesting depth
costs neither recursion nor quadratic time; the main content is ``<main>``/``<article>`` or the container
Chinese government sites use (``TRS_Editor``, ``zoom``, ``content`` …), else
the body. A page with no real text left (only navigation) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.base.text import is_cjk, to_simplified
from index.library.readers import Extracted, paragraphs_to_body
from index.library.readers.errors import ImportFailure, NoContentError
from index.library.readers.txt import decode, decode_declared

_DROP_TAGS = ["script", "style", "noscript", "template", "nav", "footer", "aside", "form",
              "iframe", "svg", "canvas", "button", "select", "input", "menu", "head", "object", "embed"]
_NAV_WORDS = re.compile(r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|topnav|sidebar|sidenav|"
                        r"share|toolbar|pagination|pager|topbar|banner|copyright|friendlinks?|links)(?:$|[-_\s\d])",
                        re.I)
_MAIN_HINTS = re.compile(r"TRS_Editor|zoom|article|content|main|detail|zwnr|text|view", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "td", "th", "center", "font"}
# A page must keep at least this many CJK characters outside links to count as a document.
MIN_CJK = 20


# An XML declaration and a DOCTYPE with its internal subset (``[ <!ENTITY …> ]``),
# as XHTML files carry: the HTML parser would read the subset's ``]>`` as
# text (it became the title), and entities are a way to blow a file up.
_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE\b[^\[>]*(?:\[.*?\]\s*)?>)?", re.I | re.S)
_TEXT_TYPES: tuple = ()


def _soup(data: bytes, path: Path, charset: str | None = None):
    from bs4 import BeautifulSoup

    try:
        import lxml  # noqa: F401
        parser = "lxml"
    except ImportError:  # pragma: no cover - lxml ships with python-docx
        parser = "html.parser"
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I) or \
        re.search(rb"<\?xml[^>]+encoding=[\"']([\w-]+)", data[:200], re.I)
    # ``charset``: what the file around the page says (a saved page's MIME part); else the page's own declaration.
    text = _page_text(data, charset or (declared.group(1).decode("ascii") if declared else None), path)
    text = _PROLOGUE.sub("", text, count=1)
    return BeautifulSoup(text, parser)


# Private use (a GB18030 reading of Big5 bytes is full of it) and C1 controls: what a wrong codec makes of bytes.
_MISREAD = re.compile("[\x80-\x9f\ue000-\uf8ff]")


def _page_text(data: bytes, charset: str | None, path: Path) -> str:
    """``data`` in the charset the page declares, unless that cannot be its encoding, then as detected: a codec
    that does not exist or fails on the bytes, a byte-order mark saying otherwise, a reading with no Chinese
    at all (a CMS template's ``charset=iso-8859-1`` over GBK or UTF-8 text: every byte decodes, and the page
    was refused as holding no text) or with private-use characters and C1 controls (``gb18030`` over Big5)."""
    if not charset or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(path, data)[0]
    try:
        text = decode_declared(data, charset)
    except (LookupError, UnicodeDecodeError):
        return decode(path, data)[0]
    misread = len(_MISREAD.findall(text))
    if data.isascii() or (misread == 0 and any(map(is_cjk, text))):
        return text
    try:
        other, _ = decode(path, data)
    except ImportFailure:  # not Chinese text in any encoding either (Chinese as &#…; entities, say)
        return text
    if not any(map(is_cjk, other)) or len(_MISREAD.findall(other)) > misread:
        return text
    return other


def _text_types() -> tuple:
    """The string types whose text is the page's (not comments, doctypes, processing instructions)."""
    global _TEXT_TYPES
    if not _TEXT_TYPES:
        from bs4.element import CData, NavigableString

        _TEXT_TYPES = (NavigableString, CData)
    return _TEXT_TYPES


def _is_text(node) -> bool:
    return type(node) in _text_types()


def _tags(node) -> list:
    return [child for child in node.contents if getattr(child, "name", None) is not None]


def _is_nav(tag, in_article: bool) -> bool:
    if tag.name == "header":
        # The page's header is navigation; an article's header holds its title.
        return not in_article
    if tag.get("role") in ("navigation", "banner", "contentinfo", "search", "menu"):
        return True
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    return bool(names and _NAV_WORDS.search(names))


def _prune(soup) -> None:
    """Drop scripts, styles, forms and navigation, in one pass without recursion.

    A removed tag's subtree is not visited, so 100,000 nested ``<div>``s cost
    one walk, not one walk per tag.
    """
    doomed = []
    stack = [(soup, False)]
    while stack:
        node, in_article = stack.pop()
        for child in _tags(node):
            if child.name in _DROP_TAGS or _is_nav(child, in_article):
                doomed.append(child)
            else:
                stack.append((child, in_article or child.name in ("article", "main")))
    for tag in doomed:
        tag.decompose()


def _subtree_cjk(root) -> dict[int, int]:
    """CJK characters under every tag of ``root`` (by ``id``), counted in one post-order pass."""
    counts: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            counts[id(node)] = sum(counts[id(c)] if getattr(c, "name", None) is not None
                                   else (_cjk_count(c) if _is_text(c) else 0) for c in node.contents)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in _tags(node))
    return counts


def _main(soup):
    for selector in ("main", "article", "[role=main]"):
        found = soup.select_one(selector)
        if found and _cjk_count(found.get_text()) >= MIN_CJK:
            return found
    counts = _subtree_cjk(soup)
    best, best_count = None, 0
    for tag in soup.find_all(["div", "td", "section"]):
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if names and _MAIN_HINTS.search(names):
            count = counts.get(id(tag), 0)
            if count > best_count:
                best, best_count = tag, count
    if best is not None and best_count >= MIN_CJK:
        return best
    return soup.body or soup


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))


def _lines(root) -> list[str]:
    """Text in reading order, a new paragraph at each block element (an explicit stack, no recursion); a
    site's own lines among them dropped (``_site_line``)."""
    out: list[str] = []
    current: list[tuple[str, bool]] = []  # (text, inside a link)

    def flush():
        line = re.sub(r"[ \t\n]+", " ", "".join(text for text, _ in current)).strip()
        linked = _cjk_count("".join(text for text, link in current if link))
        current.clear()
        line = _BOILERPLATE.sub("", line).strip()
        if line and not _site_line(line, linked):
            out.append(line)

    end = object()
    stack = [iter(root.contents)]
    blocks = [False]  # whether the element each iterator walks is a block (flush when it ends)
    links = [False]  # whether it is inside a link
    while stack:
        child = next(stack[-1], end)
        if child is end:
            stack.pop()
            links.pop()
            if blocks.pop():
                flush()
            continue
        name = getattr(child, "name", None)
        if name is None:
            if _is_text(child):
                current.append((str(child), links[-1]))
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            text = re.sub(r"\s+", " ", child.get_text(" ")).strip()
            if text:
                out.append(f"{'#' * int(name[1])} {text}")
        else:
            block = name in _BLOCKS
            if block:
                flush()
            stack.append(iter(child.contents))
            blocks.append(block)
            links.append(links[-1] or name == "a")
    flush()
    return out


# What a government site prints around a document, in the page's own lines (old sites lay pages out in tables,
# with no class saying menu or footer): its tools (【打印本页】【关闭窗口】, 字号：[ 大 中 小 ], 浏览次数：1234) are
# cut from their line; the breadcrumb, previous/next links and the site's imprint (网站标识码, ICP备案) are
# dropped with theirs, and so is a line all of whose words are links (a menu, a column list). A line of
# links that names a document (附件, 1. …, a .doc/.pdf) is the document's.
_BOILERPLATE = re.compile(r"[【\[［]\s*(?:打印本页|打印本文|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏|纠错|分享)\s*[】\]］]|"
                          r"字号\s*[：:]\s*[\[［【]?\s*大\s*中\s*小\s*[\]］】]?|"
                          r"(?:浏览|访问|阅读|点击)(?:次数|量)\s*[：:]\s*\d*|"
                          r"(?:打印本页|关闭窗口|返回顶部)")
_SITE_LINE = re.compile(r"^(?:当前位置|您现在的位置|您的位置|所在位置)\s*[：:]|^(?:上一篇|下一篇|上一条|下一条)\s*[：:]|"
                        r"网站标识码|ICP备|公网安备|版权所有|技术支持\s*[：:]")
_DOCUMENT_LINK = re.compile(r"^\s*(?:附件|\d{1,2}\s*[.．、])|\.(?:docx?|wps|pdf|ofd|xlsx?|et|zip|rar)\b", re.I)


def _site_line(line: str, linked: int) -> bool:
    """Whether ``line`` (``linked``: its CJK characters inside links) is the site's, not the document's."""
    if _SITE_LINE.search(line):
        return True
    words = _cjk_count(line)
    if not any(ch.isalnum() for ch in line):
        return True  # what the tools left: brackets, bars, spaces
    return words > 0 and linked >= words and not _DOCUMENT_LINK.search(line)


# A government site's table of a document's facts (gov.cn's 索引号 / 发文机关 / 发文字号 … above the text): the
# label cell, then its value's.
_PAGE_FIELDS = {"标题": "title", "发文机关": "issuer", "发布机构": "issuer", "发文字号": "doc_number",
                "文号": "doc_number", "成文日期": "issued", "发布日期": "published"}


def _page_fields(soup) -> dict:
    """The document's facts a site's table states (title, issuer, number, dates), as front matter would."""
    from index.library.dates import DATE_RE, ISO_DATE, parse_date

    found: dict = {}
    for cell in soup.find_all(["td", "th"]):
        label = re.sub(r"[\s\u3000:：]+", "", cell.get_text())
        key = _PAGE_FIELDS.get(to_simplified(label))  # a traditional page's 發文機關, 發文字號 …
        value_cell = cell.find_next_sibling(["td", "th"]) if key else None
        if key is None or value_cell is None or key in found:
            continue
        value = re.sub(r"\s+", " ", value_cell.get_text()).strip()
        if key in ("issued", "published"):
            date = ISO_DATE.search(value) or DATE_RE.search(value)
            value = parse_date(date) if date else None
        if value and len(value) <= 200:
            found[key] = value
    return found


def read(path: Path, data: bytes, charset: str | None = None) -> Extracted:
    """The page's main text; ``charset``: the encoding something outside the page declares for its bytes. A
    site's table of the document's facts (gov.cn's 发文机关, 发文字号, 成文日期 …) is declared metadata."""
    soup = _soup(data, path, charset)
    fields = _page_fields(soup)
    title_tag = soup.find("title")
    title = re.sub(r"\s+", " ", title_tag.get_text()).strip() if title_tag else None
    _prune(soup)
    root = _main(soup)
    # Link-only blocks (lists of links, 上一篇/下一篇) are navigation too.
    lines = _lines(root)
    link_text = sum(_cjk_count(a.get_text()) for a in root.find_all("a"))
    total = _cjk_count("".join(lines))
    if total - link_text < MIN_CJK:
        raise NoContentError(path, "the page has no document text (only navigation, links or scripts)")
    return Extracted(text=paragraphs_to_body(lines), format="html", title=fields.get("title") or title or None,
                     meta=fields)
