"""Web pages saved as ``.html``/``.htm``: the main content's text only.

Scripts, styles, forms and navigation (``<nav>``, header/footer/aside, and
blocks whose class or id says menu, breadcrumb, footer, share …) are
dropped; the main content is ``<main>``/``<article>`` or the container
Chinese government sites use (``TRS_Editor``, ``zoom``, ``content`` …), else
the body. A page with no real text left (only navigation) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.base.text import is_cjk
from index.library.readers import Extracted, paragraphs_to_body
from index.library.readers.errors import NoContentError
from index.library.readers.txt import decode

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


def _soup(data: bytes, path: Path):
    from bs4 import BeautifulSoup

    try:
        import lxml  # noqa: F401
        parser = "lxml"
    except ImportError:  # pragma: no cover - lxml ships with python-docx
        parser = "html.parser"
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text, _ = decode(path, data)
    else:
        text, _ = decode(path, data)
    return BeautifulSoup(text, parser)


def _is_nav(tag) -> bool:
    if tag.name == "header":
        # The page's header is navigation; an article's header holds its title.
        return tag.find_parent(["article", "main"]) is None
    if tag.get("role") in ("navigation", "banner", "contentinfo", "search", "menu"):
        return True
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    return bool(names and _NAV_WORDS.search(names))


def _main(soup):
    for selector in ("main", "article", "[role=main]"):
        found = soup.select_one(selector)
        if found and _cjk_count(found.get_text()) >= MIN_CJK:
            return found
    best, best_count = None, 0
    for tag in soup.find_all(["div", "td", "section"]):
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if names and _MAIN_HINTS.search(names):
            count = _cjk_count(tag.get_text())
            if count > best_count:
                best, best_count = tag, count
    if best is not None and best_count >= MIN_CJK:
        return best
    return soup.body or soup


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))


def _lines(root) -> list[str]:
    """Text in reading order, a new paragraph at each block element."""
    out: list[str] = []
    current: list[str] = []

    def flush():
        line = re.sub(r"[ \t\n]+", " ", "".join(current)).strip()
        if line:
            out.append(line)
        current.clear()

    def walk(node):
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                current.append(str(child))
            elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                text = re.sub(r"\s+", " ", child.get_text(" ")).strip()
                if text:
                    out.append(f"{'#' * int(name[1])} {text}")
            elif name in _BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return out


def read(path: Path, data: bytes) -> Extracted:
    soup = _soup(data, path)
    title_tag = soup.find("title")
    title = re.sub(r"\s+", " ", title_tag.get_text()).strip() if title_tag else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not tag.decomposed and tag.parent is not None and _is_nav(tag):
            tag.decompose()
    root = _main(soup)
    # Link-only blocks (lists of links, 上一篇/下一篇) are navigation too.
    lines = []
    for line in _lines(root):
        lines.append(line)
    link_text = sum(_cjk_count(a.get_text()) for a in root.find_all("a"))
    total = _cjk_count("".join(lines))
    if total - link_text < MIN_CJK:
        raise NoContentError(path, "the page has no document text (only navigation, links or scripts)")
    return Extracted(text=paragraphs_to_body(lines), format="html", title=title or None)
