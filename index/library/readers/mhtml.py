"""Web pages saved as one file (``.mht``/``.mhtml``: 网页，单个文件), read as the page they hold.

Browsers save a page with its pictures and styles as one MIME message (RFC 2557): Chrome and Edge as
``.mhtml``, Internet Explorer (and the IE mode that government sites still ask for) as ``.mht``. The page is
the message's root part (named by the ``start`` parameter, else the first ``text/html`` part), its transfer
encoding (quoted-printable, base64) undone; its charset is the part's own, else what the page declares. It is
then read as any saved page (``html.read``): the main content, navigation dropped.
"""

from __future__ import annotations

import codecs
import email
import email.policy
from pathlib import Path

from index.library.readers import Extracted
from index.library.readers.errors import CorruptFileError


def read(path: Path, data: bytes) -> Extracted:
    from index.library.readers import html

    page, charset = _page(path, data)
    found = html.read(path, page, charset)
    found.format = "mhtml"
    return found


def _page(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """The saved page's HTML bytes, and the charset its part declares (a known one), if any."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # noqa: BLE001 - the email parser's errors are many; it rarely raises at all
        raise CorruptFileError(path, f"the saved web page is damaged ({exc})") from None
    parts = [p for p in message.walk() if not p.is_multipart()]
    if not message.is_multipart() and message.get_content_type() != "text/html":
        raise CorruptFileError(path, "not a saved web page (.mht/.mhtml): no MIME message holding a page")
    start = message.get_param("start")
    root = next((p for p in parts if start and p.get("Content-ID", "").strip() == start.strip()), None) or \
        next((p for p in parts if p.get_content_type() == "text/html"), None)
    if root is None:
        raise CorruptFileError(path, "the saved web page holds no page (no text/html part)")
    try:
        body = root.get_payload(decode=True)
    except Exception as exc:  # noqa: BLE001 - a damaged base64 or quoted-printable body
        raise CorruptFileError(path, f"the saved web page is damaged ({exc})") from None
    if not body:
        raise CorruptFileError(path, "the saved web page's page is empty")
    charset = root.get_content_charset()
    try:
        charset = codecs.lookup(charset).name if charset else None
    except LookupError:  # a name no codec has: the page's own declaration, or the detector, decides
        charset = None
    return body, charset
