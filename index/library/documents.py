"""Documents: Markdown files with a YAML front-matter header.

The same format serves the bundled ``content/docs/`` and the user's imported
documents, so the rest of the engine never cares where a document came from.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, NewType

from index.base.errors import ContentError

DocId = NewType("DocId", str)

FIELDS = (
    "id", "title", "region", "city", "issuer", "level", "doc_number", "issued",
    "published", "year", "status", "script", "source_site", "source_url", "gazette",
    "adopted", "effective", "amendments",  # a regulation's history (index.library.history)
)


class Document:
    """One policy document: metadata plus its body text (original script).

    The body of a file-backed document is read on first use, so listing a
    library of thousands of documents reads only their front matter.

    Attributes:
        id: stable readable id, e.g. ``zhejiang-2022-kaifaqu``.
        body: the policy text as published, minus web boilerplate.
        meta: every front-matter key, including ones not modelled as fields
            (``inferred``, ``notes``, ``removed`` …).
        source: ``bundled`` or ``imported``.
    """

    __slots__ = ("id", "title", "region", "meta", "source", "path", "_body", "_hash")

    def __init__(self, id: DocId, title: str, region: str, body: str | None, meta: dict[str, Any],
                 source: str = "bundled", path: Path | None = None, content_hash: str | None = None):
        self.id = id
        self.title = title
        self.region = region
        self.meta = meta
        self.source = source
        self.path = path
        self._body = body
        self._hash = content_hash

    def __repr__(self) -> str:
        return f"Document({self.id!r}, source={self.source!r})"

    @property
    def body(self) -> str:
        if self._body is None:
            self._body = self.read_body()
        return self._body

    def read_body(self) -> str:
        """The body, without keeping it if it has to be read from the file (one pass over many documents)."""
        if self._body is not None:
            return self._body
        if self.path is None:
            raise ContentError(f"{self.id}: document has no body")
        # The front matter was read already: skip it without parsing it again (PyYAML is not on the start-up
        # path when a restored reader tab needs its document's text).
        try:
            text = _normalised(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError(f"{self.path}: cannot read: {exc}") from exc
        return _body_from(text, _front_matter_end(text, str(self.path)))

    def get(self, key: str, default: Any = None) -> Any:
        return self.meta.get(key, default)

    @property
    def short_title(self) -> str:
        return self.meta.get("short_title") or self.title

    @property
    def content_hash(self) -> str:
        """SHA-256 of the body: what the search index fingerprints."""
        if self._hash is None:
            self._hash = hashlib.sha256(self.body.encode("utf-8")).hexdigest()
        return self._hash

    def summary(self) -> dict[str, Any]:
        """The CLI's document record (``zoneref docs --json``), minus counts."""
        out = {key: self.meta.get(key) for key in FIELDS}
        out["id"] = self.id
        out["title"] = self.title
        out["region"] = self.region
        out["short_title"] = self.short_title
        out["source"] = self.source
        out["inferred"] = self.meta.get("inferred") or {}
        return out


def _yaml():
    """PyYAML and its fastest safe loader, imported on first use.

    Importing PyYAML costs ~35 ms (it compiles its regular expressions), and a
    start-up whose front matter all comes from a cache (``index.library.headers``)
    never needs it.
    """
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


def _front_matter_end(text: str, where: str) -> int:
    """Where the front matter's closing ``---`` line starts in ``text`` (no BOM, ``\\n`` line ends)."""
    if not text.startswith("---\n"):
        raise ContentError(f"{where}: no front matter (must start with '---')")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ContentError(f"{where}: front matter is not closed with '---'")
    return end


def _body_from(text: str, end: int) -> str:
    """The body of a document whose front matter's closing line starts at ``end``."""
    body = text[end + 5:]
    return body[1:] if body.startswith("\n") else body


def _normalised(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _split(text: str, where: str) -> tuple[dict[str, Any], int]:
    """(front matter, offset where the body starts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    end = _front_matter_end(text, where)
    yaml, loader = _yaml()
    try:
        meta = yaml.load(text[4:end], Loader=loader) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{where}: bad front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise ContentError(f"{where}: front matter must be a mapping")
    for key in ("id", "title", "region"):
        if not meta.get(key):
            raise ContentError(f"{where}: front matter lacks '{key}'")
    return meta, end + 5


def parse_markdown(text: str, path: Path | None = None, source: str = "bundled") -> Document:
    """Parse a front-matter Markdown document.

    Raises:
        ContentError: no front matter, bad YAML, or a missing id/title/region.
    """
    where = str(path) if path else "<text>"
    text = _normalised(text)
    meta, at = _split(text, where)
    body = _body_from(text, at - 5)
    return Document(
        id=DocId(str(meta["id"])), title=str(meta["title"]), region=str(meta["region"]),
        body=body, meta=meta, source=source, path=path,
    )


def load_header(path: Path, source: str = "bundled") -> Document:
    """Read only a document's front matter; the body loads on first use."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            head = fh.read(16384)
            while "\n---\n" not in head.replace("\r\n", "\n")[4:]:
                more = fh.read(65536)
                if not more:
                    break
                head += more
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot read: {exc}") from exc
    meta, _ = _split(_normalised(head), str(path))
    return Document(id=DocId(str(meta["id"])), title=str(meta["title"]), region=str(meta["region"]),
                    body=None, meta=meta, source=source, path=path,
                    content_hash=meta.get("content_hash") if source == "imported" else None)


def render_markdown(meta: dict[str, Any], body: str) -> str:
    """The file text for a document: front matter then body."""
    head = _yaml()[0].safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body.rstrip()}\n"


def load_file(path: Path, source: str = "bundled") -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot read: {exc}") from exc
    return parse_markdown(text, path=path, source=source)
