"""Note Markdown → safe HTML for the reader's notes panel.

Notes are the user's own text, but they also arrive through imports, so they
are treated as hostile: rendered with Python-Markdown, then sanitised with
``nh3`` (a maintained Rust sanitiser) to a small set of tags. No scripts,
styles, frames or forms; no images at all (a remote image would phone home;
the alt text stays); links only to ``http``, ``https`` and ``mailto`` —
``file:``, ``javascript:``, relative, absolute-path (``/etc/passwd``),
scheme-relative (``//host``) and UNC (``\\host\\share``) links lose their
``href`` (``url_relative="deny"``).

Links are shown, never followed silently: each keeps its URL visible next to
the text and in a ``title``, and carries ``rel="noopener noreferrer nofollow"``;
the GUI opens one only when the user explicitly asks.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "mark", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span",
    "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}
# ``class`` is allowed only as span.url, which render_note itself adds (allowed_classes).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
MAX_NOTE_CHARS = 100_000

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r'\bhref="([^"]*)"')


def _image_to_alt(match: re.Match[str]) -> str:
    alt = _ALT.search(match.group(0))
    text = (alt.group(1) or alt.group(2) or "") if alt else ""
    return f"[{text}]" if text else ""


def _show_link(match: re.Match[str]) -> str:
    attrs, inner = match.group(1), match.group(2)
    href = _HREF.search(attrs)
    if not href:
        return inner  # its scheme was refused: keep the words, drop the link
    url = href.group(1)
    shown = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
    visible = "" if shown == html.unescape(url) else f' <span class="url">&lt;{url}&gt;</span>'
    return f'<a href="{url}" title="{url}">{inner}</a>{visible}'


@functools.lru_cache(maxsize=4096)  # list views re-render the same notes on every refresh
def render_note(text: str) -> str:
    """Render a note's Markdown to sanitised HTML.

    Args:
        text: Markdown (any raw HTML in it is sanitised away).

    Returns:
        An HTML fragment safe to show in a rich-text view.
    """
    if not text:
        return ""
    source = text[:MAX_NOTE_CHARS]
    rendered = markdown.markdown(source, extensions=["extra", "sane_lists", "nl2br"], output_format="html")
    # Images go before sanitising so nothing can smuggle a src past us.
    rendered = _IMG.sub(_image_to_alt, rendered)
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      url_relative="deny", link_rel=None, strip_comments=True)
    shown = _LINK.sub(_show_link, clean)
    # Sanitise again: the link rewrite must not be able to open a hole.
    return nh3.clean(shown, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     url_relative="deny", link_rel="noopener noreferrer nofollow",
                     allowed_classes={"span": {"url"}}, strip_comments=True).strip()
