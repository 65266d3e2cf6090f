"""The neutral report model every export format writes.

Engine results (a comparison, a topic coverage matrix, search results,
annotations) are turned here, once, into small plain objects: columns with
their document header, rows of cells, each cell a list of clause entries with
the spans to emphasise, and a numbered citation list. The writers in
``docx_tables``, ``tabular``, ``text_formats`` and ``html_pages`` then only
lay these objects out, so every format says the same thing.

The builders accept the engine's records as dicts or as objects with
``to_dict()`` / dataclasses, because the front ends hand over whichever they
hold.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from index.base.errors import KnownError
from index.compare.records import score_summary
from index.compare.topics import REGION_PREFIX
from index.library.corpus import Corpus, display_name
from index.reports.spans import Span, find_numbers, merge_spans


class ExportError(KnownError, code="export"):
    """An export could not be written (unsupported format, unwritable path, disk full, a matrix too wide to print)."""


class ExportInUseError(ExportError, code="export_in_use"):
    """The file to export over could not be replaced: open in another program (on Windows, Word, WPS and Excel
    keep the file they show open) or read-only. It was left as it was."""


# Fixed wording of the exported documents (content, not UI: the reports are
# Chinese briefing material whatever the UI language).
NO_COUNTERPART = "无对应条款"
# Why a comparison shows no counterpart (``Column.no_counterpart["reason"]``), after NO_COUNTERPART.
_WHY_NONE = {"subject": "该文件未涉及本条主题", "nothing": "该文件中没有与本条相近的条款",
             "coverage": "该文件“{topic}”主题下无条款，最接近的条款仅弱相关"}


# A column a comparison at scale did not reach (``reason`` "unreached") was not compared: no 无对应 claim.
NOT_REACHED = "不在检索所得与本条最相近的文件之列"
NOT_COMPARED = f"未逐条比较：该文件{NOT_REACHED}"


def is_unreached(column: Mapping) -> bool:
    """Whether a comparison's column (``Column.to_dict()``) was not compared: at scale, the search index's
    candidates did not reach its document (thousands of them when every document is a column)."""
    return not column.get("matches") and (column.get("no_counterpart") or {}).get("reason") == "unreached"


def no_counterpart_text(why: Any) -> str:
    """“无对应条款”, with the comparison's reason when it gave one (``Column.no_counterpart``); for a document the
    comparison did not reach, that it was not compared."""
    reason = why.get("reason") if isinstance(why, Mapping) else None
    if reason == "unreached":
        return NOT_COMPARED
    if reason not in _WHY_NONE:
        return NO_COUNTERPART
    topic = why.get("topic") if isinstance(why.get("topic"), Mapping) else {}
    return f"{NO_COUNTERPART}：{_WHY_NONE[reason].format(topic=topic.get('name') or '')}"
NOT_COVERED = "—"


@dataclasses.dataclass(frozen=True)
class Column:
    """One document, or one province's documents joined: a table column with its header fields.

    A province column's ``doc_id`` is ``region:<province>``; a field a document
    does not record is empty, and ``header_lines`` leaves it out.
    """

    doc_id: str
    region: str
    issuer: str
    short_title: str
    title: str
    doc_number: str
    date: str
    status: str

    def header_lines(self) -> list[str]:
        """Region, issuer, short title, document number, date (missing ones skipped)."""
        return [x for x in (self.region, self.issuer, self.short_title, self.doc_number, self.date) if x]


@dataclasses.dataclass(frozen=True)
class Entry:
    """One clause shown in a cell.

    ``shared`` and ``numbers`` are offsets into ``text``; ``body_start`` is
    where the text continues after its own label and heading, so a writer can
    show the heading once.
    """

    clause_id: str
    doc_id: str
    label: str
    heading: str
    text: str
    body_start: int
    shared: tuple[Span, ...]
    numbers: tuple[Span, ...]
    ref: int
    pinned: bool = False
    role: str = "match"
    source: str = ""  # the document's short name, where a cell mixes documents
    # A match's calibrated 0–100 score and its band (强 / 中 / 弱), None for a pinned clause not among the
    # candidates (and for the compared clause), and why it was proposed (``Evidence.summary``: 共同用词：…).
    confidence: int | None = None
    band: str | None = None
    evidence: str = ""

    @property
    def title_line(self) -> str:
        """'（十二）加大招商引资力度': label and heading, or the label alone; after
        '嘉兴·开发区…：' when the cell holds several documents' clauses."""
        line = f"{self.label}{self.heading}".strip()
        return f"{self.source}：{line}" if self.source else line

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    @property
    def is_match(self) -> bool:
        """A comparison's match: a proposed counterpart or a topic's clause (not the compared clause, not a
        coverage cell's clause)."""
        return self.role == "match"

    @property
    def match_line(self) -> str:
        """'匹配度 72 · 中；共同用词：招商引资、产业链；共同主题：招商引资' — the score, band and evidence the
        compare view shows beside a match; '' for the compared clause."""
        if not self.is_match:
            return ""
        return "；".join(x for x in (score_summary(self.confidence, self.band), self.evidence) if x)


@dataclasses.dataclass
class Row:
    """One aligned clause (or one topic): a cell per column, ``[]`` = no counterpart."""

    label: str
    cells: list[list[Entry]]
    notes: list[str] = dataclasses.field(default_factory=list)
    empty: list[str] = dataclasses.field(default_factory=list)  # per column, what an empty cell says
    more: list[int] = dataclasses.field(default_factory=list)  # per column, clauses the cell does not list

    def more_text(self, k: int) -> str:
        """'另有 N 条' when column ``k``'s cell lists only some of its clauses (a coverage matrix), else ''."""
        n = self.more[k] if k < len(self.more) else 0
        return f"……另有 {n} 条（共 {n + len(self.cells[k])} 条）" if n > 0 else ""

    def empty_text(self, k: int) -> str:
        """What column ``k``'s cell says when it holds no clause (“无对应条款”, with a reason if known)."""
        return self.empty[k] if k < len(self.empty) and self.empty[k] else NO_COUNTERPART


@dataclasses.dataclass(frozen=True)
class Citation:
    """Numbered full citation: 《标题》（十二），发文机关，文号，日期."""

    ref: int
    clause_id: str
    text: str


@dataclasses.dataclass
class ComparisonTable:
    """A comparison: columns = documents, rows = aligned clauses or topics."""

    title: str
    subtitle: str
    columns: list[Column]
    rows: list[Row]
    citations: list[Citation]
    exported: str
    with_notes: bool = False
    row_labels: bool = False

    def source_columns(self) -> list[int]:
        """The columns holding the compared clause in every row (its document): they head every printed part."""
        if not self.rows:
            return []
        return [i for i in range(len(self.columns))
                if all(any(e.role == "source" for e in row.cells[i]) for row in self.rows)]

    def part(self, columns: Sequence[int], with_notes: bool) -> ComparisonTable:
        """The same comparison with only ``columns`` (indices): one of its printed parts (``printed_parts``),
        with or without the notes column."""
        return dataclasses.replace(self, columns=[self.columns[i] for i in columns],
                                   rows=[_row_part(r, columns) for r in self.rows],
                                   with_notes=self.with_notes and with_notes)

    def printed(self) -> list[ComparisonTable]:
        """The tables a printed export shows, one after the other (``PRINTED_COLUMNS`` documents each at most;
        the notes column in the first)."""
        parts = printed_parts(len(self.columns), self.source_columns())
        return [self.part(cols, with_notes=k == 0) for k, cols in enumerate(parts)] or [self]


@dataclasses.dataclass
class CoverageTable:
    """Topics × documents; each cell lists the clauses treating the topic."""

    title: str
    columns: list[Column]
    rows: list[Row]
    citations: list[Citation]
    exported: str
    by_region: bool = False  # columns are provinces, not documents

    @property
    def column_unit(self) -> str:
        return "省份" if self.by_region else "文件"

    def part(self, columns: Sequence[int]) -> CoverageTable:
        """The same matrix with only ``columns`` (indices): one of its printed parts (``printed_parts``)."""
        return dataclasses.replace(self, columns=[self.columns[i] for i in columns],
                                   rows=[_row_part(r, columns) for r in self.rows])

    def printed(self) -> list[CoverageTable]:
        """The tables a printed export shows, one after the other (``PRINTED_COLUMNS`` columns each at most).

        Raises:
            ExportError: more than ``PRINTED_MATRIX_COLUMNS`` columns (every document of a large library).
        """
        check_printable_matrix(len(self.columns), self.by_region)
        return [self.part(cols) for cols in printed_parts(len(self.columns))] or [self]


# How many documents (or provinces) a printed table shows side by side: on A4 landscape a cell is then ~3 cm
# wide, ~9 characters a line. A wider comparison or matrix is printed (Word, PDF, HTML) as several tables of
# the same rows; one table of 20 columns overprinted its cells in the PDF, and Word takes at most 63 columns.
PRINTED_COLUMNS = 8
# A printed coverage matrix takes at most this many columns: every document of a 3,440-document library as a
# column ran for 8 minutes in 1.4 GB before it was stopped (27 topics × 430 tables); CSV takes any number.
PRINTED_MATRIX_COLUMNS = 200
PRINTED_FORMATS = ("docx", "html", "pdf")  # the formats laid out as pages (CSV and Markdown are one table)


def check_printable_matrix(n_columns: int, by_region: bool = False) -> None:
    """Raise ``ExportError`` if a coverage matrix of ``n_columns`` is too wide to print (Word, HTML, PDF)."""
    if n_columns > PRINTED_MATRIX_COLUMNS:
        raise ExportError(
            f"a coverage matrix of {n_columns} {'provinces' if by_region else 'documents'} is too wide to print "
            f"(Word, HTML, PDF: at most {PRINTED_MATRIX_COLUMNS} columns); show it by province (zoneref export "
            "topics --by-region, or untick 按文件分列), choose documents (--docs), or export CSV")


def printed_parts(n_columns: int, keep: Sequence[int] = (), per_part: int | None = None) -> list[list[int]]:
    """The column indices of each printed table (at most ``per_part``, default ``PRINTED_COLUMNS``): one table
    when ``n_columns`` fit, else parts of near equal size, in order. The columns in ``keep`` (the compared
    clause's document) head every part."""
    kept = [k for k in keep if 0 <= k < n_columns]
    rest = [i for i in range(n_columns) if i not in kept]
    room = max(1, (per_part or PRINTED_COLUMNS) - len(kept))
    if len(rest) <= room:
        return [kept + rest] if n_columns else []
    n_parts = -(-len(rest) // room)
    size, extra = divmod(len(rest), n_parts)
    parts, at = [], 0
    for k in range(n_parts):
        n = size + (1 if k < extra else 0)
        parts.append(kept + rest[at:at + n])
        at += n
    return parts


def part_heading(k: int, parts: Sequence[Any], unit: str = "文件") -> str:
    """'续表（第 2 部分，共 3 部分）' above part ``k`` (0-based) of a table printed in ``parts``; empty for one."""
    if len(parts) < 2:
        return ""
    n = len(parts[k].columns)
    return f"{'续表' if k else '对照表'}（第 {k + 1} 部分，共 {len(parts)} 部分；本部分 {n} 个{unit}）"


def _row_part(row: Row, columns: Sequence[int]) -> Row:
    return Row(label=row.label, cells=[row.cells[i] for i in columns], notes=row.notes,
               empty=[row.empty_text(i) for i in columns],
               more=[row.more[i] if i < len(row.more) else 0 for i in columns])


@dataclasses.dataclass(frozen=True)
class HitEntry:
    """One search hit with its citation."""

    rank: int
    clause_id: str
    doc_id: str
    region: str
    doc_title: str
    path: str
    text: str
    highlights: tuple[Span, ...]
    citation: str
    score: float | None


@dataclasses.dataclass
class SearchReport:
    title: str
    query: str
    total: int
    hits: list[HitEntry]
    exported: str
    notice: str | None = None

    @property
    def count_line(self) -> str:
        """'共 5337 条结果，列出前 200 条' (where fewer are listed than found), else '共 12 条结果'."""
        shown = f"，列出前 {len(self.hits)} 条" if len(self.hits) < self.total else ""
        return f"共 {self.total} 条结果{shown}"


@dataclasses.dataclass(frozen=True)
class NoteEntry:
    """One annotation under its clause, as the notes report prints it.

    ``orphan`` is true when the clause's text changed and the quote could not
    be found again; the report says so beside the note.
    """

    quote: str
    note: str
    color: str
    tags: tuple[str, ...]
    created: str
    updated: str
    orphan: bool
    uuid: str = ""


@dataclasses.dataclass
class NoteClause:
    clause_id: str
    citation: str
    path: str
    notes: list[NoteEntry]


@dataclasses.dataclass
class NoteGroup:
    column: Column
    clauses: list[NoteClause]
    removed: bool = False  # the document is no longer in the library


@dataclasses.dataclass
class NotesReport:
    title: str
    groups: list[NoteGroup]
    exported: str
    count: int


# -- helpers ----------------------------------------------------------------

def today() -> str:
    return _dt.date.today().isoformat()


def column_for(corpus: Corpus, doc_id: str) -> Column:
    """The header of one document's column."""
    doc = corpus.document(doc_id)
    meta = doc.meta
    region = doc.region
    if meta.get("city") and meta["city"] not in region:
        region = f"{region}·{meta['city']}"
    date = meta.get("issued") or meta.get("published") or (f"{meta['year']}年" if meta.get("year") else "")
    return Column(
        doc_id=doc.id, region=region, issuer=str(meta.get("issuer") or ""),
        short_title=doc.short_title, title=doc.title, doc_number=str(meta.get("doc_number") or ""),
        date=str(date or ""), status=str(meta.get("status") or ""),
    )


# A province column's header names its documents up to this many; past it, how many (the citations name each).
HEADER_TITLES = 3


def region_column(corpus: Corpus, region: str, members: Sequence[str]) -> Column:
    """The header of one province's column (id ``region:<province>``): its documents' fields joined."""
    doc_id = REGION_PREFIX + region
    cols = [column_for(corpus, m) for m in members]
    if len(cols) == 1:
        return dataclasses.replace(cols[0], doc_id=doc_id)
    years = sorted({y for c in cols for y in re.findall(r"(?:19|20)\d\d", c.date)})
    issuers = list(dict.fromkeys(c.issuer for c in cols if c.issuer))
    if len(cols) > HEADER_TITLES:  # a province of 120 documents: a header naming each was taller than a page
        issuer = "、".join(issuers[:HEADER_TITLES]) + ("等" if len(issuers) > HEADER_TITLES else "")
        short = f"共 {len(cols)} 份文件"
    else:
        issuer, short = "、".join(issuers), "、".join(c.short_title for c in cols)
    return Column(
        doc_id=doc_id, region=region, issuer=issuer,
        short_title=short, title="\n".join(c.title for c in cols),
        doc_number="", date=f"{years[0]}—{years[-1]}年" if len(years) > 1 else (f"{years[0]}年" if years else ""),
        status="征求意见稿" if any(c.status == "征求意见稿" for c in cols) else "",
    )


def full_citation(corpus: Corpus, clause_id: str) -> str:
    """《标题》（十二），发文机关，文号，日期，来源 — whatever the document records."""
    clause = corpus.clause(clause_id)
    col = column_for(corpus, clause.doc_id)
    doc = corpus.document(clause.doc_id)
    parts = [corpus.citation(clause), col.issuer, col.doc_number, col.date]
    if doc.meta.get("source_site"):
        parts.append(f"来源：{doc.meta['source_site']}")
    return "，".join(p for p in parts if p)


def body_start(text: str, label: str | None, heading: str | None) -> int:
    """Where a clause's text continues after its own label and heading.

    Clause texts repeat their label and heading (“（十二）加大招商引資力度。…”);
    the writers show those once, as the cell's title line.
    """
    at = 0
    for part in (label, heading):
        if part and text.startswith(part, at):
            at += len(part)
    if at:
        while at < len(text) and text[at] in "。.．:：、 \n":
            at += 1
    return at


class _Citations:
    """Numbers each cited clause once, in order of first appearance."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.refs: dict[str, int] = {}
        self.items: list[Citation] = []

    def ref(self, clause_id: str) -> int:
        if clause_id not in self.refs:
            self.refs[clause_id] = len(self.items) + 1
            self.items.append(Citation(self.refs[clause_id], clause_id, full_citation(self.corpus, clause_id)))
        return self.refs[clause_id]


def _spans(raw: Iterable | None, length: int) -> tuple[Span, ...]:
    out = []
    for item in raw or ():
        if isinstance(item, Mapping):
            s, e = item.get("start"), item.get("end")
        else:
            s, e = item[0], item[1]
        if s is None or e is None:
            continue
        s, e = max(0, int(s)), min(length, int(e))
        if e > s:
            out.append((s, e))
    return tuple(merge_spans(out))


def make_entry(corpus: Corpus, cites: _Citations, clause_id: str, shared=None, numbers=None,
               pinned: bool = False, role: str = "match",
               text: str | None = None, confidence: int | None = None, band: str | None = None,
               evidence: str = "") -> Entry:
    """One cell entry from a clause id plus the engine's spans (offsets into ``text``).

    ``text`` is the match's own text where the engine gives one (an article
    with its paragraphs); default the clause's text. ``role``: ``match`` (a
    comparison's match, with its ``confidence``, ``band`` and ``evidence``),
    ``source`` (the compared clause) or ``listed`` (a coverage cell's clause).
    """
    clause = corpus.clause(clause_id)
    text = text if text is not None else clause.text
    nums = _spans(numbers, len(text)) if numbers is not None else tuple(find_numbers(text))
    return Entry(
        clause_id=clause.id, doc_id=clause.doc_id, label=clause.label or "", heading=clause.heading or "",
        text=text, body_start=body_start(text, clause.label, clause.heading),
        shared=_spans(shared, len(text)), numbers=nums, ref=cites.ref(clause.id),
        pinned=bool(pinned), role=role,
        confidence=None if confidence is None else int(confidence), band=band or None, evidence=evidence,
    )


def note_texts(notes: Any) -> dict[str, list[str]]:
    """clause id → note lines, from annotation records (``Annotation.to_dict()``) or an already-built mapping."""
    if notes is None:
        return {}
    if isinstance(notes, Mapping):
        return {k: [str(x) for x in (v if isinstance(v, list | tuple) else [v])] for k, v in notes.items()}
    out: dict[str, list[str]] = {}
    for rec in notes:
        line = (rec.get("note") or "").strip()
        quote = (rec.get("quote") or "").strip()
        text = f"“{quote}”：{line}" if quote and line else (line or (f"“{quote}”" if quote else ""))
        if text:
            out.setdefault(rec["clause_id"], []).append(text)
    return out


def row_label_for(corpus: Corpus, clause_id: str) -> str:
    return display_name(corpus.clause(clause_id)) or corpus.citation(corpus.clause(clause_id))
