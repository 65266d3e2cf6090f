"""Documents: Markdown files with a YAML front-matter header.

The same format serves the bundled ``content/docs/`` and the user's imported
documents, so the rest of the engine never cares where a document came from.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, NewType

from index.base.errors import ContentError
from index.base.text import valid_unicode
from index.library.frontmatter import CARD_OMITS, decode

DocId = NewType("DocId", str)
#: The front-matter keys that chain a document's versions (``index.library.versions``).
LINK_KEYS = ("supersedes", "superseded_by")

FIELDS = (
    "id", "title", "region", "city", "issuer", "level", "doc_number", "issued",
    "published", "year", "status", "script", "source_site", "source_url", "gazette",
    "adopted", "effective", "amendments",  # a regulation's history (index.library.history)
)


@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A document file the library could not load, and why (the rest of the library loads without it).

    Attributes:
        path: the file.
        reason: what is wrong with it.
    """

    path: Path
    reason: str

    @classmethod
    def of(cls, path: Path, exc: Exception) -> Unreadable:
        """The record for ``path`` that raised ``exc``: its message on one line, without the path."""
        reason = str(exc)
        reason = reason[len(f"{path}: "):] if reason.startswith(f"{path}: ") else reason
        return cls(path, " ".join(reason.split()))

    @property
    def name(self) -> str:
        """The file's name without ``.md``: the id ``zoneref remove`` takes to remove it."""
        return self.path.stem

    def to_dict(self) -> dict[str, str]:
        from index.base.paths import display_name

        return {"path": display_name(str(self.path)), "name": display_name(self.name), "reason": self.reason}


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

    __slots__ = ("id", "title", "region", "_meta", "_card", "_card_json", "_meta_json", "source", "_path", "_body",
                 "_hash", "_links", "_short")

    def __init__(self, id: DocId, title: str, region: str, body: str | None, meta: dict[str, Any] | None,
                 source: str = "bundled", path: Path | str | None = None, content_hash: str | None = None,
                 card: dict[str, Any] | None = None, meta_json: str | Callable[[], str] | None = None,
                 card_json: str | Callable[[], str] | None = None,
                 links: tuple[Any, Any] | Callable[[], tuple[Any, Any]] | None = None):
        self.id, self.title, self.region = id, title, region
        self.source, self._path = source, path  # text until asked for (a Path each is ~10 µs × 3,500 at a listing)
        # A listed document may carry only its card (the front matter minus
        # CARD_OMITS) and the full front matter as JSON, decoded on first use:
        # decoding thousands of inferred-field explanations at start is wasted.
        # ``meta_json`` and ``card_json`` may be functions that read them (the manifest, on first use), and ``links``
        # its (supersedes, superseded_by) or a function that decodes them, so that finding version groups
        # decodes no front matter.
        self._meta, self._card, self._meta_json, self._card_json = meta, card, meta_json, card_json
        self._body, self._hash, self._links = body, content_hash, links

    def __repr__(self) -> str:
        return f"Document({self.id!r}, source={self.source!r})"

    @property
    def path(self) -> Path | None:
        """The document's file (None for one parsed from text)."""
        if self._path is not None and not isinstance(self._path, Path):
            self._path = Path(self._path)
        return self._path

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
        return read_body(self.path)

    @property
    def meta(self) -> dict[str, Any]:
        """Every front-matter key, including ones not modelled as fields (``inferred``, ``notes`` …)."""
        if self._meta is None:
            if self._meta_json is not None:
                self._meta = decode(_text(self._meta_json))
            else:
                self._meta = dict(self._card if self._card is not None else decode(_text(self._card_json) or "{}"))
        return self._meta

    @property
    def card(self) -> dict[str, Any]:
        """The front matter without ``CARD_OMITS`` (decoding only that for a listed document)."""
        if self._meta is None and self._card is None and self._card_json is not None:
            self._card = decode(_text(self._card_json))
        if self._meta is None and self._card is not None:
            return self._card
        return {k: v for k, v in self.meta.items() if k not in CARD_OMITS}

    def get(self, key: str, default: Any = None) -> Any:
        if self._meta is None and key not in CARD_OMITS:
            if self._card is None and self._card_json is not None:
                self._card = decode(_text(self._card_json))
            if self._card is not None:
                return self._card.get(key, default)
        return self.meta.get(key, default)

    def links(self) -> tuple[Any, Any]:
        """``(supersedes, superseded_by)`` of its front matter (``index.library.versions``); None where absent."""
        if callable(self._links):
            self._links = self._links()
        if self._links is not None:
            return self._links
        return tuple(self.get(key) for key in LINK_KEYS)

    @property
    def short_title(self) -> str:
        """The front matter's short title, else one made from the title (``short_titles``: 浙江·加快推进…)."""
        try:
            return self._short
        except AttributeError:
            from index.library.short_titles import short_title

            self._short = self.get("short_title") or short_title(self.title, self.region, self.get("city"),
                                                                  self.get("issuer"))
            return self._short

    @property
    def subject_title(self) -> str:
        """The short title without its place (浙江·加快推进… → 加快推进…): where the region is shown beside it."""
        return self.short_title.split("·", 1)[-1]

    @property
    def content_hash(self) -> str:
        """SHA-256 of the body: what the search index fingerprints."""
        if self._hash is None:
            import hashlib  # here, not at start-up (loading OpenSSL's hashes)

            self._hash = hashlib.sha256(self.body.encode("utf-8")).hexdigest()
        return self._hash

    def summary(self) -> dict[str, Any]:
        """The CLI's document record (``zoneref docs --json``), minus counts."""
        out = {key: self.get(key) for key in FIELDS}
        out["id"] = self.id
        out["title"] = self.title
        out["region"] = self.region
        out["short_title"] = self.short_title
        out["source"] = self.source
        out["inferred"] = self.get("inferred") or {}
        return out


def _text(json_text: str | Callable[[], str] | None) -> str | None:
    """Stored JSON text, or what the function that reads it returns."""
    return json_text() if callable(json_text) else json_text


@functools.cache
def _yaml():
    """PyYAML and its fastest safe loader, imported on first use.

    Importing PyYAML costs ~35 ms (it compiles its regular expressions), and a
    start-up whose front matter all comes from the manifest (``index.library.manifest``)
    never needs it.

    The loader reads a date as PyYAML's safe loader does (``issued: 2017-12-12``
    is a ``datetime.date``, kept as one: ``index.library.frontmatter``), except
    that one that is no date (``issued: 2019-99-99``) stays the text written, as
    if it were quoted: PyYAML raised ValueError ("month must be in 1..12") for it,
    which no caller expected and which stopped every command.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster

    class Loader(base):
        pass

    def timestamp(loader, node):
        try:
            return loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):  # 2019-99-99, 2019-02-30, a time zone off by days …
            return loader.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return yaml, Loader


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


def load_yaml(text: str) -> Any:
    """YAML front matter read as the library reads it (``_yaml``: a date that is no date stays its text).

    Raises:
        yaml.YAMLError, ValueError, OverflowError, RecursionError: not YAML, or a value no constructor takes.
    """
    yaml, loader = _yaml()
    return yaml.load(text, Loader=loader)


def _split(text: str, where: str) -> tuple[dict[str, Any], int]:
    """(front matter, offset where the body starts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    end = _front_matter_end(text, where)
    yaml = _yaml()[0]
    try:
        meta = load_yaml(text[4:end]) or {}
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # what a constructor may raise on a bad value
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


def read_body(path: Path) -> str:
    """A document file's body, its front matter skipped unparsed (a pass over thousands of documents).

    Raises:
        ContentError: the file cannot be read or has no closed front matter.
    """
    try:
        text = _normalised(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot read: {exc}") from exc
    return _body_from(text, _front_matter_end(text, str(path)))


def render_markdown(meta: dict[str, Any], body: str) -> str:
    """The file text for a document: front matter then body.

    Every string is made valid Unicode first (lone surrogates, from a file
    name that was not UTF-8 say, become U+FFFD): YAML would write them as
    escapes it then refuses to read, and the document could never be loaded.

    Raises:
        ContentError: the text would not read back as a document (a bug: the
            caller must not write it).
    """
    meta = _valid(meta)
    yaml = _yaml()[0]
    head = yaml.dump(meta, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=1000)
    text = f"---\n{head}---\n\n{valid_unicode(body).rstrip()}\n"
    if not _plain(meta):
        # Control or separator characters: YAML escapes them, and a test
        # proves the escapes read back; reading back here makes sure (it
        # costs ~1.4 ms, so plain text, which always reads back, skips it).
        _split(text, "<new document>")
    return text


def _plain(value: Any) -> bool:
    """Whether every string in ``value`` is printable text (no controls, separators, surrogates)."""
    if isinstance(value, str):
        return value.isprintable()
    if isinstance(value, dict):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return True


@functools.cache
def _dumper():
    """``safe_dump``'s dumper, except that a string holding NEL (U+0085) is double-quoted:
    plain and single-quoted scalars fold it into a space when read back. Made on first use
    (PyYAML loads lazily)."""
    yaml = _yaml()[0]

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when available: ~10x faster
        pass

    def represent_str(dumper, value: str):
        style = '"' if "\x85" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    return Dumper


def _valid(value: Any) -> Any:
    """``value`` with every string in it made valid Unicode (see ``render_markdown``)."""
    if isinstance(value, str):
        return valid_unicode(value)
    if isinstance(value, dict):
        return {_valid(k): _valid(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_valid(v) for v in value]
    return value


def load_file(path: Path, source: str = "bundled") -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot read: {exc}") from exc
    return parse_markdown(text, path=path, source=source)
