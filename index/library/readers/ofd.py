"""OFD files (GB/T 33190, the format of China's electronic official documents), read from their text objects.

An OFD file is a zip of XML: ``OFD.xml`` names each document's root (``Document.xml``), which lists the pages,
each a ``Content.xml`` of layers holding text objects (``TextObject``: a ``Boundary`` box, ``TextCode`` runs at
``X``, ``Y`` inside it, in the object's ``CTM``). The text is what those runs say; no font or glyph is read, and
a page that is only an image (a scan) has none. A page's template (where a 红头 header is often drawn) is read
with the page.

Runs are put back into visual lines by their baseline (pages in order, top to bottom, left to right); a line
that repeats near the top or bottom of most pages (a running header, a page number) is dropped; lines are joined
into paragraphs by their geometry, which an OFD keeps and a PDF's extracted text does not: a line continues the
one before when it has the same size, follows at the usual spacing, starts at the left margin (or both are
centred, as a title's lines are), the one before reached the right margin, and it does not start a numbered
clause (第X条, 一、, （一） …, as ``pdf.CLAUSE_START``).

Writers differ in their namespace (and some in the case of attribute names): both are ignored. An encrypted
OFD (``Encryptions.xml``) is refused as password-protected.
"""

from __future__ import annotations

import dataclasses
import posixpath
import statistics
import zipfile
from pathlib import Path

from index.base.text import is_cjk
from index.library.readers import MAX_TEXT_CHARS, Extracted, paragraphs_to_body
from index.library.readers.archives import open_package
from index.library.readers.errors import (
    CorruptFileError,
    NoTextLayerError,
    PasswordProtectedError,
    TooLargeError,
    TooLongError,
)
from index.library.readers.pdf import CLAUSE_START, PAGE_NUMBER, without_running_lines

# One part's XML: a page of a dense regulation is ~100 KB; far above that is not a document's page.
MAX_PART_XML = 32 * 1024 * 1024
# More pages than any policy document (a 10,000-page file is a collection or a hostile file).
MAX_PAGES = 10_000
# Fewer meaningful characters than this per page on average: a scan (as for a PDF).
MIN_CHARS_PER_PAGE = 10
_ENDS = tuple("。！？!?：:；;")


@dataclasses.dataclass
class Run:
    """Text drawn at one place: ``x``, ``y`` its start on the baseline, ``size`` its font size, ``end`` where
    it ends (page units)."""

    x: float
    y: float
    size: float
    text: str
    end: float


@dataclasses.dataclass
class Line:
    x: float
    end: float
    y: float
    size: float
    text: str


def read(path: Path, data: bytes) -> Extracted:
    with open_package(path, data, "OFD file") as archive:
        names = {info.filename.lstrip("/"): info for info in archive.infolist()}
        if "OFD.xml" not in names:
            raise CorruptFileError(path, "not an OFD file (its package has no OFD.xml)")
        if any(posixpath.basename(name).lower() == "encryptions.xml" for name in names):
            raise PasswordProtectedError(path, "the OFD file is encrypted; open it in an OFD reader, save it "
                                               "without protection and import that")
        part = _Parts(path, archive, names)
        root = part.xml("OFD.xml")
        pages: list[list[Run]] = []
        title = None
        for body in _children(root, "DocBody"):
            title = title or _text(_child(_child(body, "DocInfo"), "Title"))
            doc_root = _text(_child(body, "DocRoot"))
            if doc_root:
                pages.extend(_document_pages(part, _resolve("OFD.xml", doc_root)))
    if not pages:
        raise CorruptFileError(path, "the OFD file lists no pages")
    lines = _drop_running_lines([_lines(runs) for runs in pages])
    meaningful = sum(1 for page in lines for line in page for ch in line.text if is_cjk(ch) or ch.isalnum())
    if meaningful < MIN_CHARS_PER_PAGE * len(pages):
        raise NoTextLayerError(path, "the OFD file has no text (scanned pages?); ZoneRef cannot read scans - "
                                     "use a file with text or OCR it first")
    return Extracted(text=paragraphs_to_body(_paragraphs(lines)), format="ofd", title=title)


class _Parts:
    """The package's XML parts, parsed safely (no entities, no network), each at most ``MAX_PART_XML``."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]):
        self.path, self.archive, self.names = path, archive, names
        self._lower = {name.lower(): name for name in names}
        self._runs: dict[str, list[Run]] = {}
        self._chars = 0

    def runs(self, name: str) -> list[Run]:
        """The text runs of a page or template part, read once however many pages name it (a template is
        named by every page; a hostile file names one dense page thousands of times)."""
        if name not in self._runs:
            self._runs[name] = _runs(self.xml(name))
        return self._runs[name]

    def count(self, pages: int, chars: int) -> None:
        """Refuse a file past ``MAX_PAGES`` pages or ``MAX_TEXT_CHARS`` characters of text, as it is read."""
        self._chars += chars
        if pages > MAX_PAGES or self._chars > MAX_TEXT_CHARS:
            raise TooLongError(self.path, f"the OFD file holds more than {MAX_PAGES:,} pages or "
                                          f"{MAX_TEXT_CHARS:,} characters of text, more than any policy document; "
                                          "split it into its documents and import those")

    def xml(self, name: str):
        from lxml import etree

        info = self.names.get(name) or self.names.get(self._lower.get(name.lower(), ""))
        if info is None:
            raise CorruptFileError(self.path, f"the OFD file is damaged (it names {name}, which it does not hold)")
        if info.file_size > MAX_PART_XML:
            raise TooLargeError(self.path, f"{name} is {info.file_size / 1048576:.0f} MB of XML, far more than "
                                           f"any page (limit {MAX_PART_XML // 1048576} MB); refusing it")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
        try:
            with self.archive.open(info) as stream:
                return etree.fromstring(stream.read(MAX_PART_XML + 1), parser)
        except etree.XMLSyntaxError as exc:
            raise CorruptFileError(self.path, f"the OFD file is damaged ({name}: {exc})") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise CorruptFileError(self.path, f"the OFD file is damaged ({name}: {exc})") from None


def _document_pages(part: _Parts, document: str) -> list[list[Run]]:
    """Each page's runs, its templates' first, for the document whose root part is ``document``."""
    root = part.xml(document)
    common = _child(root, "CommonData")
    templates = {t.get("ID"): _resolve(document, t.get("BaseLoc") or "")
                 for t in _children(common, "TemplatePage") if t.get("BaseLoc")}
    pages = []
    for page in _children(_child(root, "Pages"), "Page"):
        location = page.get("BaseLoc")
        if not location:
            continue
        content = _resolve(document, location)
        runs: list[Run] = []
        for used in _children(page, "Template"):
            if used.get("TemplateID") in templates:
                runs.extend(part.runs(templates[used.get("TemplateID")]))
        runs.extend(part.runs(content))
        pages.append(runs)
        part.count(len(pages), sum(len(r.text) for r in runs))
    return pages


def _runs(page) -> list[Run]:
    """The text runs of a page part (or a template's), in page coordinates."""
    runs = []
    for obj in page.iter():
        if not isinstance(obj.tag, str) or _local(obj.tag) != "TextObject":
            continue
        box = _numbers(_attr(obj, "Boundary"))
        if len(box) < 2:
            continue
        a, b, c, d, e, f = (_numbers(_attr(obj, "CTM")) + [0.0] * 6)[:6] if _attr(obj, "CTM") else (1, 0, 0, 1, 0, 0)
        scale = abs(a * d - b * c) ** 0.5 or 1.0
        size = (_float(_attr(obj, "Size")) or 3.5) * scale
        x = y = 0.0
        for code in obj:
            if not isinstance(code.tag, str) or _local(code.tag) != "TextCode":
                continue
            x = _float(_attr(code, "X"), x)
            y = _float(_attr(code, "Y"), y)
            text = "".join(code.itertext())
            if text.strip():
                # Advances a writer left out (some give fewer than the characters) are the characters' widths.
                given = _advances(_attr(code, "DeltaX"), len(text) - 1)
                advance = sum(given) + sum(_width(ch, size / scale) for ch in text[len(given):])
                end = box[0] + a * (x + advance) + c * y + e
                runs.append(Run(box[0] + a * x + c * y + e, box[1] + b * x + d * y + f, size, text, end))
    return runs


def _lines(runs: list[Run]) -> list[Line]:
    """A page's runs as visual lines, top to bottom: runs whose baselines are within half a character."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(run.y - lines[-1][0].y) <= 0.5 * min(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    result = []
    for group in lines:
        group.sort(key=lambda r: r.x)
        text = group[0].text
        for before, run in zip(group, group[1:], strict=False):
            # A wide gap is a tab stop or a table's next cell: a space keeps the two apart. Runs side by side
            # join as they are (a writer that places each character on its own, digits too).
            text += (" " if run.x - before.end > 1.5 * run.size else "") + run.text
        size = statistics.median(r.size for r in group)
        result.append(Line(group[0].x, max(r.end for r in group), group[0].y, size, text.strip()))
    return [line for line in result if line.text]


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """``pages`` without what repeats at the top or bottom of most pages (``pdf.running_lines``)."""
    keep = without_running_lines([[line.text for line in lines] for lines in pages])
    return [[line for line, kept in zip(lines, flags, strict=True) if kept] for lines, flags in zip(pages, keep,
                                                                                                    strict=True)]


def _paragraphs(pages: list[list[Line]]) -> list[str]:
    lines = [line for page in pages for line in page if not PAGE_NUMBER.match(line.text)]
    if not lines:
        return []
    left = statistics.mode(round(line.x, 1) for line in lines)
    right = sorted(line.end for line in lines)[int(0.95 * (len(lines) - 1))]
    paragraphs: list[str] = []
    before: Line | None = None
    for line in lines:
        if before is not None and _continues(before, line, left, right):
            prev = paragraphs[-1]
            sep = "" if (is_cjk(prev[-1]) or is_cjk(line.text[0]) or not prev[-1].isalnum()) else " "
            paragraphs[-1] = prev + sep + line.text
        else:
            paragraphs.append(line.text)
        before = line
    return paragraphs


def _continues(before: Line, line: Line, left: float, right: float) -> bool:
    """Whether ``line`` goes on with the paragraph ``before`` ends (see the module docstring)."""
    size = line.size
    if abs(before.size - size) > 0.1 * size or CLAUSE_START.match(line.text):
        return False
    if before.text.endswith(_ENDS) and before.end < right - size:  # a sentence's end short of the margin
        return False
    gap = line.y - before.y
    if 0 < gap and gap > 2.2 * size:  # more space than a line's: a new paragraph (a new page resets it)
        return False
    if all(abs((ln.x - left) - (right - ln.end)) < 2 * size for ln in (before, line)) and line.x - left > size:
        return True  # a centred line under a centred (or full) one: a title's next line
    # A line may stop short of the margin before a word (a number, 〔2014〕54号) that would not fit.
    return line.x - left < size and before.end >= right - 4 * size


def _width(ch: str, size: float) -> float:
    """A character's likely advance: a full em for CJK and wide punctuation, half for the rest."""
    return size if ord(ch) > 0x2000 else size / 2


def _advances(delta: str | None, most: int) -> list[float]:
    """The first ``most`` advances of a ``DeltaX`` list (``g 54 1.05`` is 54 advances of 1.05), or [] if there
    is none or it is malformed."""
    parts = (delta or "").split()
    found: list[float] = []
    i = 0
    try:
        while i < len(parts) and len(found) < most:
            if parts[i] == "g":
                found.extend([float(parts[i + 2])] * max(0, min(int(parts[i + 1]), most - len(found))))
                i += 3
            else:
                found.append(float(parts[i]))
                i += 1
    except (ValueError, IndexError):
        return []
    return found


def _resolve(base: str, location: str) -> str:
    """``location`` as named in the part ``base``: from the package's root if it starts with "/", else from
    ``base``'s folder."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and _local(c.tag) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _text(element) -> str | None:
    if element is None:
        return None
    return "".join(element.itertext()).strip() or None


def _attr(element, name: str) -> str | None:
    """An attribute, whatever the case its writer gave it (``Size``, ``size``)."""
    value = element.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in element.attrib.items() if _local(k).lower() == lowered), None)
    return value


def _numbers(value: str | None) -> list[float]:
    found = []
    for part in (value or "").split():
        try:
            found.append(float(part))
        except ValueError:
            return []
    return found


def _float(value: str | None, default: float | None = None) -> float | None:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
