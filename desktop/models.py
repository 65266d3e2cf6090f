"""Qt models over engine objects.

Models hold ids and a small cache of display rows (Anki's browser
``DataModel``); the engine stays the source of truth. ``SearchResultsModel``
numbers queries so a late answer to an old query never replaces the results
of a newer one (calibre's FTS ``ResultsModel``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette, QStandardItem, QStandardItemModel

from desktop import theme
from desktop.settings import QT_TRANSLATE_NOOP
from index.base.memory import release_in_background
from index.library.corpus import Corpus, display_name
from index.library.regions import level_key, region_key

if TYPE_CHECKING:  # the search engine loads after the window shows
    from index.search.searcher import SearchResult

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex

DRAFT = "征求意见稿"
FINAL = "正式"


def tr(text: str) -> str:
    """Translate a source string marked with ``QT_TRANSLATE_NOOP("Models", …)``."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Models", text)


# Search hits look the same in the results list, the reader and on paper: lavender (index.reports.html_pages).
SEARCH_HIT_BG = "#e1bee7"


def highlight_html(text: str, spans: list, color: str = SEARCH_HIT_BG) -> str:
    """``text`` as HTML with ``spans`` ([start, end] pairs) on a coloured background."""
    from index.base.highlight import marked_html  # with the first results, not at start-up (html.entities)

    css = f"background-color:{color}; color:#000"
    return marked_html(text, ((s, e, "hit") for s, e in spans or []), lambda _keys: css)


# Combined once: a Python ``enum.Flag`` "|" per row, asked for every row the view lays out, adds up.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class _FixedColumns:
    """A model's columns: the translatable names in ``COLUMNS``, as header and count."""

    COLUMNS: tuple[str, ...] = ()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None


class FacetModel(QAbstractListModel):
    """A filter list with a tick box a row (regions, documents), all ticked at first, with hit counts.

    Rows are ``(key, label)``; ``tip(key)`` gives a row's tooltip when the view asks for it. Nothing is made
    per row: 3,500 documents are two lists and a set. ``ticks_changed`` is emitted when the user ticks or
    unticks a row (not when counts change).
    """

    ticks_changed = Signal()

    def __init__(self, tip=None, parent=None, most_first: bool = False):
        super().__init__(parent)
        self._most_first = most_first  # rows with the most hits first once counted (else as given)
        self._given: list[str] = []
        self._order: list[str] = []  # every key, in the order shown (``set_counts``)
        self._keys: list[str] = []  # the rows shown: ``_order`` less what a filter hides (``set_shown``)
        self._shown: set[str] | None = None
        self._label: Callable[[str], str] = str
        self._labels: dict[str, str] = {}  # made when a row is first shown
        self._unticked: set[str] = set()
        self._counts: dict | None = None
        self._tip = tip

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        """Show ``entries`` (key, label), all ticked, without counts."""
        labels = dict(entries)
        self.set_keys([k for k, _ in entries], labels.__getitem__)

    def set_keys(self, keys: list[str], label: Callable[[str], str]) -> None:
        """Show ``keys``, all ticked, without counts; ``label(key)`` is asked when a row is first shown
        (3,500 documents' short titles read at start decoded every document's card on the GUI thread)."""
        self.beginResetModel()
        self._given = list(keys)
        self._order = list(keys)
        self._keys = self._visible(self._order)  # a filter typed stays (``set_shown``)
        self._label = label
        self._labels = {}
        self._unticked = set()
        self._counts = None
        self.endResetModel()

    def label(self, row: int) -> str:
        key = self._keys[row]
        text = self._labels.get(key)
        if text is None:
            text = self._labels[key] = self._label(key)
        return text

    def set_counts(self, counts: dict | None) -> None:
        """Show each row's hit count (0 for a key ``counts`` lacks); with ``most_first``, rows reordered by it
        (ties in the order given): of 3,500 documents, the few a query finds come first. None: no query, no
        counts, the rows in the order given."""
        self._counts = counts
        if self._most_first and self._given:
            self._order = sorted(self._given, key=lambda k: -(counts or {}).get(k, 0))
            keys = self._visible(self._order)
            if keys != self._keys:
                self.layoutAboutToBeChanged.emit()
                row = {k: i for i, k in enumerate(keys)}
                kept = self.persistentIndexList()  # the current row, a selection: kept on their keys
                moved = [self.index(row[self._keys[i.row()]]) for i in kept]
                self._keys = keys
                self.changePersistentIndexList(kept, moved)
                self.layoutChanged.emit()
        if self._keys:
            self.dataChanged.emit(self.index(0), self.index(len(self._keys) - 1), [Qt.ItemDataRole.DisplayRole])

    def key(self, row: int) -> str:
        return self._keys[row]

    def keys(self) -> list[str]:
        """Every key, shown or not, in the order given."""
        return list(self._given)

    def set_shown(self, keys: set[str] | None) -> None:
        """Show only the rows of ``keys``, in the same order (None: every row). Ticks do not change: a row a
        filter hides keeps its tick, and ``ticked`` still counts it."""
        if keys is None and self._shown is None:
            return
        self.beginResetModel()
        self._shown = None if keys is None else set(keys)
        self._keys = self._visible(self._order)
        self.endResetModel()

    def filtered(self) -> bool:
        """Whether a filter hides rows (``set_shown``)."""
        return self._shown is not None

    def total(self) -> int:
        """Rows with no filter."""
        return len(self._given)

    def ticked_count(self) -> int:
        return len(self._given) - len(self._unticked)

    def _visible(self, order: list[str]) -> list[str]:
        return order if self._shown is None else [k for k in order if k in self._shown]

    def set_ticked(self, row: int, ticked: bool) -> None:
        self.setData(self.index(row), Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked,
                     Qt.ItemDataRole.CheckStateRole)

    def tick_only(self, row: int) -> None:
        """Tick row ``row`` and untick every other, saying so once (``ticks_changed``): one document of 3,000
        was 2,999 unticks, each a search."""
        self._set_unticked(set(self._given) - {self._keys[row]})

    def tick_all(self) -> None:
        """Tick every row (those a filter hides too), saying so once."""
        self._set_unticked(set())

    def tick_shown(self) -> None:
        """Tick the rows a filter shows and untick every other (hidden ones too), saying so once: the 238
        documents a filter 嘉兴 shows among 3,005, one search."""
        self._set_unticked(set(self._given) - set(self._keys))

    def only_shown_ticked(self) -> bool:
        return self._unticked == set(self._given) - set(self._keys)

    def all_ticked(self) -> bool:
        return not self._unticked

    def _set_unticked(self, unticked: set[str]) -> None:
        if unticked == self._unticked:
            return
        self._unticked = unticked
        if self._keys:
            self.dataChanged.emit(self.index(0), self.index(len(self._keys) - 1), [Qt.ItemDataRole.CheckStateRole])
        self.ticks_changed.emit()

    def ticked(self) -> tuple[str, ...]:
        """Ticked keys, or () when all are ticked (no filter); a key nothing matches when none is."""
        if not self._unticked:
            return ()
        keys = tuple(k for k in self._given if k not in self._unticked)  # rows a filter hides too
        return keys or ("\x00none",)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._keys)

    def flags(self, index):
        return _ROW_FLAGS | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.label(row)
            return label if self._counts is None else f"{label}（{self._counts.get(self._keys[row], 0)}）"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Unchecked if self._keys[row] in self._unticked else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.UserRole:
            return self._keys[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(self._keys[row]) if self._tip else self.label(row)
        if role == Qt.ItemDataRole.ForegroundRole and self._counts is not None \
                and not self._counts.get(self._keys[row]):
            # No hit in this row: greyed, so that the few documents a query finds stand out of thousands.
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = self._keys[index.row()]
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if ticked == (key not in self._unticked):
            return True
        (self._unticked.discard if ticked else self._unticked.add)(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticks_changed.emit()
        return True


class LibraryModel(_FixedColumns, QAbstractItemModel):
    """Documents grouped region (全国 first) → level → document, with counts; rows made on demand.

    Columns: the document (short title over a line of issuer · number ·
    date) and its status (征求意见稿 flagged). A document with several
    versions (``index.library.versions``) is listed once, as its latest
    version, with the others as its children (历史版本 / 征求意见稿). Document
    rows carry the document id in ``ID_ROLE``; group rows carry ``None``.

    Only the grouping is built when the library changes; a row's text is
    made when the view shows it, and the filter's normalised text on the
    first filtering. Building thousands of ``QStandardItem`` rows took a
    quarter of a second at every start. Past ``BUILD_ALL_UP_TO`` documents
    (where the library opens with its regions closed) a region's level and
    document rows are made when it is first opened (``fetchMore``), or for
    all when the filter needs them (``build_all``).
    """

    BUILD_ALL_UP_TO = 300  # libraries up to this size open with every region and level expanded

    COLUMNS = (QT_TRANSLATE_NOOP("Models", "Document"), QT_TRANSLATE_NOOP("Models", "Status"))

    def __init__(self, corpus: Corpus, parent=None):
        super().__init__(parent)
        self.corpus = corpus  # filled by reload(): the library view calls it once it is set up
        # Nodes: (kind, parent node, row in parent, payload, children); node 0 is the root.
        self._nodes: list[list] = [["root", -1, 0, None, []]]
        self._unbuilt: dict[int, list[str]] = {}  # region node → its documents, until its rows are made
        self._docs: dict[str, object] = {}
        self._hay: dict[str, str] | None = None
        self._shown: dict[int, int] | None = None  # node → documents under it a filter matches (``show_matches``)
        self.members: dict = {}
        self.older: dict[str, list] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def reload(self) -> None:
        self.beginResetModel()
        # The last references to the previous listing's documents: let go on a worker, one at a time
        # (dropped here they were ~40 ms of the GUI thread at 3,500 documents).
        release_in_background(self._docs, self.older, self._nodes, self._unbuilt)
        docs = self.corpus.documents()
        self._docs = {d.id: d for d in docs}
        self._hay = None
        self._shown = None
        # Versions of one document: the latest is listed, the others under it (历史版本 / 征求意见稿).
        self.members = self.corpus.versions()
        self.older = {}
        for group in self.corpus.version_groups():
            latest = next(m.doc_id for m in group if m.latest)
            self.older[latest] = [self._docs[m.doc_id] for m in reversed(group) if m.doc_id != latest]
        regions: dict[str, list[str]] = {}
        for doc in docs:
            if doc.id in self.members and not self.members[doc.id].latest:
                continue
            regions.setdefault(doc.region, []).append(doc.id)
        self._nodes = [["root", -1, 0, None, []]]
        self._unbuilt = {}
        for region in sorted(regions, key=region_key):  # 全国 first: the national baseline
            ids = regions[region]
            self._unbuilt[self._add("region", 0, (region, self._with_older(ids)))] = ids
        if len(docs) <= self.BUILD_ALL_UP_TO:
            for node in list(self._unbuilt):
                self._build(node)
        self.endResetModel()

    def _with_older(self, ids: list[str]) -> int:
        """How many documents a group row counts: its listed documents and their earlier versions (as the
        region row, the footer and a filter's counts do: a level counted only the listed ones, 浙江省（115）
        over 市级（39） and 省级（62） at 3,440 documents)."""
        return len(ids) + sum(len(self.older.get(d, ())) for d in ids)

    def _add(self, kind: str, parent: int, payload) -> int:
        nodes = self._nodes
        nodes[parent][4].append(len(nodes))
        nodes.append([kind, parent, len(nodes[parent][4]) - 1, payload, []])
        return len(nodes) - 1

    def _levels(self, node: int) -> dict[str | None, list[str]]:
        levels: dict[str | None, list[str]] = {}
        for doc_id in self._unbuilt[node]:
            levels.setdefault(self._docs[doc_id].get("level") or None, []).append(doc_id)
        return levels

    def _build(self, node: int) -> None:
        """Make a region's level and document rows (its earlier versions under each; documents without a
        level, under 其他, after every level)."""
        levels = self._levels(node)
        del self._unbuilt[node]
        other = tr(QT_TRANSLATE_NOOP("Models", "Other"))
        for level in sorted(levels, key=level_key):
            ids = levels[level]
            lv = self._add("level", node, (level or other, self._with_older(ids)))
            for doc_id in ids:
                d = self._add("doc", lv, doc_id)
                for older in self.older.get(doc_id, ()):
                    self._add("doc", d, older.id)

    # -- a large library's regions get their rows when first opened ------------
    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        if parent.isValid() and parent.internalId() in self._unbuilt:
            return parent.column() == 0
        return super().hasChildren(parent)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802 - Qt override
        return parent.isValid() and parent.column() == 0 and parent.internalId() in self._unbuilt

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        node = parent.internalId()
        self.beginInsertRows(parent, 0, len(self._levels(node)) - 1)
        self._build(node)
        self.endInsertRows()

    def build_all(self) -> None:
        """Make every region's rows (the filter looks at every document)."""
        for node in list(self._unbuilt):
            self.fetchMore(self.createIndex(self._nodes[node][2], 0, node))

    # -- the tree ------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = parent.internalId() if parent.isValid() else 0
        children = self._nodes[node][4]
        if not (0 <= row < len(children) and 0 <= column < len(self.COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._nodes[index.internalId()][1]
        if up <= 0:
            return QModelIndex()
        return self.createIndex(self._nodes[up][2], 0, up)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self._nodes[parent.internalId() if parent.isValid() else 0][4])

    def flags(self, index):
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind, _, _, payload, _ = self._nodes[index.internalId()]
        col = index.column()
        if role == KIND_ROLE:
            return kind
        if kind != "doc":
            if col == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):  # the tip: when elided
                n = payload[1] if self._shown is None else self._shown.get(index.internalId(), 0)
                return f"{payload[0]}（{n}）"
            if role == Qt.ItemDataRole.DisplayRole:
                return ""
            if role == Qt.ItemDataRole.FontRole and kind == "region" and col == 0:
                return self._bold
            if role == ID_ROLE + 10 and kind == "region":
                return payload[0]
            return None
        doc = self._docs[payload]
        if role == ID_ROLE:
            return payload
        member = self.members.get(payload)
        older = member is not None and not member.latest
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:  # the subject (浙江·加快推进… under 浙江省 reads 加快推进…), then issuer · number · date
                return f"{doc.subject_title}\n{meta_line(doc)}"
            status = doc.get("status") or ""
            # What is worth a look is marked (a draft, a status other than in force, versions); 正式, the
            # state of almost every row, is not repeated on each of them (the details below say it).
            shown = "" if status == FINAL else status
            if older:
                return tr(QT_TRANSLATE_NOOP("Models", "Draft")) if member.draft else \
                    tr(QT_TRANSLATE_NOOP("Models", "Earlier version"))
            if member is not None:
                n = 1 + len(self.older.get(payload, ()))
                versions = QCoreApplication.translate("Models", "%n version(s)", "", n)
                return f"{shown} · {versions}" if shown else versions
            return shown
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return doc.title
        if role == Qt.ItemDataRole.DecorationRole:  # icons shipped in resources/, never font-dependent glyphs
            if col == 0 and doc.source == "imported":
                return theme.icon("imported")
            if col == 1 and doc.get("status") == DRAFT and not older:
                return theme.icon("draft")
        if role == Qt.ItemDataRole.ForegroundRole:
            # A colour, not a QBrush: the delegate takes either, and building a QBrush before the first
            # paint makes PySide create the enums of QGradient and QImage (its other constructors).
            if older:
                return QColor("#757575")
            if col == 1 and doc.get("status") == DRAFT:
                return QColor("#c62828")
        return None

    def document_count(self) -> int:
        return len(self._docs)

    def show_matches(self, accepted: set[str] | None) -> None:
        """Count, on each region and level row, the documents under it that a filter matches (None: no
        filter, the rows count all their documents)."""
        if accepted is None:
            self._shown = None
            return
        shown: dict[int, int] = {}
        for kind, up, _, payload, _ in self._nodes:
            if kind == "doc" and payload in accepted:
                while up > 0:
                    if self._nodes[up][0] != "doc":
                        shown[up] = shown.get(up, 0) + 1
                    up = self._nodes[up][1]
        self._shown = shown

    def listing(self) -> object | None:
        """The listing shown now, if its filter haystacks are not made yet (for ``set_haystacks``); else None."""
        return self._docs if self._hay is None and self._docs else None

    def set_haystacks(self, listing: object, hay: dict[str, str]) -> bool:
        """Install haystacks made ahead on a worker (``filter_haystacks`` of its own listing of the library).

        Kept only if the model still shows ``listing`` (from ``listing()``) and they cover exactly its
        documents; else the first keystroke makes them as before. Returns whether they were kept.
        """
        if listing is not self._docs or self._hay is not None or hay.keys() != self._docs.keys():
            return False
        self._hay = hay
        return True

    def matching(self, needle: str) -> set[str]:
        """The documents whose title, issuer, number, date, status or region hold ``needle`` (normalised)."""
        if self._hay is None:  # not made ahead (``set_haystacks``): made now, once per listing
            self._hay = filter_haystacks(self._docs.values())
        return {doc_id for doc_id, hay in self._hay.items() if needle in hay}

    def node(self, row: int, parent: _Index) -> tuple[str, object]:
        """(kind, payload) of a row, read without making its index (the filter asks for every row)."""
        kind, _, _, payload, _ = self._nodes[self._nodes[parent.internalId() if parent.isValid() else 0][4][row]]
        return kind, payload

    def index_of(self, doc_id: str) -> QModelIndex:
        """The row of a document (invalid if it is not listed); the regions' rows are made if need be."""
        for node, (kind, _, row, payload, _) in enumerate(self._nodes):
            if kind == "doc" and payload == doc_id:
                return self.createIndex(row, 0, node)
        if self._unbuilt and doc_id in self._docs:
            # Only its region's rows are made (all of them were ~35 ms at 3,500 documents): the region listing
            # it, or its latest version if it is an earlier one.
            listed = next((latest for latest, older in self.older.items() if any(d.id == doc_id for d in older)),
                          doc_id)
            node = next((n for n, ids in self._unbuilt.items() if listed in ids), None)
            if node is None:
                return QModelIndex()
            self.fetchMore(self.createIndex(self._nodes[node][2], 0, node))
            return self.index_of(doc_id)
        return QModelIndex()

    def group_name(self, index: _Index) -> str | None:
        """A region or level row's name (without its count); None for a document row."""
        kind, _, _, payload, _ = self._nodes[index.internalId()]
        return None if kind == "doc" else payload[0]

    def groups(self) -> list[str]:
        """The region rows' texts, in order (``region（n）``)."""
        return [self.index(r, 0).data() for r in range(self.rowCount())]


def filter_haystacks(docs) -> dict[str, str]:
    """What the library filter matches per document (title, issuer, number, date, status, region), normalised in one call.

    Pure: run on a worker over its own listing of the library (``LibraryView.prepare_filter``), or here.
    """
    from index.base.text import normalise_many

    docs = list(docs)
    texts = [" ".join(str(v) for v in (doc.short_title, meta_line(doc), doc.get("status") or "", doc.title,
                                        doc.region, doc.get("city") or "") if v) for doc in docs]
    return dict(zip([d.id for d in docs], normalise_many(texts), strict=True))


def stored_haystacks(worker, doc_ids: frozenset) -> dict[str, str]:
    """On a worker: ``filter_haystacks`` of ``doc_ids``, from what the manifest records of them
    (``Corpus.stored_cards`` on the worker's own handle), else from the worker's own listing; the handle is
    closed after. Made on the GUI thread, 3,000 documents' cards and OpenCC held it ~0.4 s."""
    try:
        docs = worker.corpus.stored_cards(doc_ids)
        if docs is None:  # the manifest lacks one: listed again here, still off the GUI thread
            docs = [d for d in worker.corpus.documents() if d.id in doc_ids]
        return filter_haystacks(docs)
    finally:
        worker.close()


def matching_keys(hay: dict[str, str], text: str) -> set[str] | None:
    """The keys whose haystack (``filter_haystacks``) holds every word of ``text``, traditional or simplified
    alike (開發區 finds 开发区); None when ``text`` has no words (no filter)."""
    from index.base.text import normalise

    words = normalise(text).split()
    if not words:
        return None
    return {key for key, h in hay.items() if all(w in h for w in words)}


def doc_date(doc) -> str:
    return str(doc.get("issued") or doc.get("published") or (doc.get("year") or ""))


def meta_line(doc) -> str:
    """issuer · number · date, leaving out what is unknown."""
    return " · ".join(str(v) for v in (doc.get("issuer"), doc.get("doc_number"), doc_date(doc)) if v)


class OutlineModel(QStandardItemModel):
    """A document's clause tree; each item holds its clause id."""

    def __init__(self, corpus: Corpus, doc_id: str, parent=None):
        super().__init__(parent)
        self.by_id: dict[str, QStandardItem] = {}
        root = self.invisibleRootItem()
        for clause in corpus.clauses(doc_id):
            name = display_name(clause) or clause.text[:16]
            item = QStandardItem(name)
            item.setEditable(False)
            item.setToolTip(clause.text[:200])
            item.setData(clause.id, ID_ROLE)
            parent_item = self.by_id.get(clause.parent) if clause.parent else None
            (parent_item or root).appendRow(item)
            self.by_id[clause.id] = item


class SearchResultsModel(_FixedColumns, QAbstractTableModel):
    """Hits of the latest query, a page at a time.

    Call ``next_query_id()`` when a query is sent; ``set_results(qid, result)``
    drops any answer whose id is older than the newest one already shown.
    When the view scrolls to the last row and the query matched more,
    ``more_wanted(qid, offset)`` asks for the next page (once until it comes);
    ``append_results(qid, page)`` adds it if that query is still the one shown.
    """

    more_wanted = Signal(int, int)

    COLUMNS = (QT_TRANSLATE_NOOP("Models", "Document"), QT_TRANSLATE_NOOP("Models", "Region"),
               QT_TRANSLATE_NOOP("Models", "Heading path"), QT_TRANSLATE_NOOP("Models", "Snippet"))

    def __init__(self, corpus: Corpus, parent=None):
        super().__init__(parent)
        self.corpus = corpus
        self._issued = 0
        self._shown = -1
        self.result: Any = None
        self.rows: list[dict] = []
        self._asked = False  # the next page is asked for and not yet come
        self._exhausted = False  # a page brought nothing new (the library changed since): ask no more

    def next_query_id(self) -> int:
        self._issued += 1
        return self._issued

    def set_results(self, query_id: int, result: SearchResult | None) -> bool:
        """Show ``result`` unless a newer query has been sent since. Returns True if shown."""
        if query_id < self._issued or query_id < self._shown:
            return False  # a newer query was sent: its answer is coming
        self.beginResetModel()
        self._shown = query_id
        self._asked = self._exhausted = False
        self.result = result
        self.rows = [self._row(hit) for hit in (result.hits if result is not None else [])]
        self.endResetModel()
        return True

    def append_results(self, query_id: int, page: SearchResult | None) -> bool:
        """Add the next page of the query shown (its hits after those shown); False, and nothing added, if
        another query has been sent or shown since, or the page does not follow on."""
        self._asked = False
        if page is None or self.result is None or query_id != self._shown or query_id < self._issued:
            return False
        seen = {rec["clause_id"] for rec in self.rows}
        hits = [h for h in page.hits if h.clause_id not in seen]
        if not hits:
            self._exhausted = True
            return False
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(hits) - 1)
        self.result.hits.extend(hits)  # export and print take what is shown
        self.rows.extend(self._row(hit) for hit in hits)
        self.endInsertRows()
        return True

    def more_available(self) -> int:
        """How many more hits the query shown matched than are shown."""
        return max(0, self.result.total - len(self.rows)) if self.result is not None else 0

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return not parent.isValid() and not self._asked and not self._exhausted and self.more_available() > 0

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802 - Qt override
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit(self._shown, len(self.rows))

    def _row(self, hit) -> dict:
        rec = {**hit.to_dict(), "snippet_highlights": hit.snippet_highlights}
        doc = self.corpus.document(rec["doc_id"]) if self.corpus.has_document(rec["doc_id"]) else None
        rec["doc_title"] = doc.short_title if doc else rec["doc_id"]
        # Its date on a line under it: at 3,005 documents 837 shared their short title with another (five
        # 嘉兴·关于推进开发区整合优化的指导意见), their hits told apart by nothing on screen.
        rec["doc_date"] = doc_date(doc) if doc else ""
        rec["doc_tip"] = "\n".join(filter(None, (doc.title, meta_line(doc)))) if doc else rec["doc_id"]
        rec["path_text"] = " / ".join(rec.get("path") or [])
        return rec

    def clear(self) -> None:
        self.set_results(self.next_query_id(), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return rec["clause_id"]
        if role == HTML_ROLE and col == 3:
            if "snippet_html" not in rec:  # made when its row is first measured or shown
                rec["snippet_html"] = snippet_html(rec)
            return rec["snippet_html"]
        if role == Qt.ItemDataRole.DisplayRole:
            title = "\n".join(filter(None, (rec["doc_title"], rec.get("doc_date"))))
            return (title, rec.get("region", ""), rec["path_text"], rec.get("snippet", ""))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return rec.get("doc_tip", "") if col == 0 else rec.get("text", "")[:400]
        return None

    def hit(self, row: int) -> dict:
        return self.rows[row]


_HEADING_MARK = re.compile(r"^#{1,6}[ \t\u3000]+", re.MULTILINE)


def hide_heading_marks(text: str) -> str:
    """Markdown heading marks (``## ``) as zero-width spaces: shown as headings, offsets unchanged.

    Imported Word and Markdown documents keep their headings as ``#`` lines
    (the clause parser reads them); the reader shows the heading, not the mark.
    """
    return _HEADING_MARK.sub(lambda m: "\u200b" * len(m.group(0)), text)


def snippet_html(rec: dict) -> str:
    """The snippet with the hit spans highlighted.

    The engine gives ``snippet_highlights`` (offsets in the snippet); failing
    that, ``highlights`` in the clause ``text`` are moved into the snippet.
    """
    text = hide_heading_marks(rec.get("text") or "")  # an imported Word heading's ## shows as the heading
    snippet = hide_heading_marks(rec.get("snippet") or text[:120])
    if rec.get("snippet_highlights"):
        return highlight_html(snippet, rec["snippet_highlights"])
    spans = rec.get("highlights") or []
    core = snippet.strip("…. ")
    at = text.find(core) if core else -1
    if at < 0:
        import html

        return html.escape(snippet)
    lead = snippet.find(core)
    moved = [[s - at + lead, e - at + lead] for s, e in spans if s >= at and e <= at + len(core)]
    return highlight_html(snippet, moved)


class RecordTableModel(QAbstractTableModel):
    """A read-only table of dict records; ``columns`` are (key, title) pairs."""

    def __init__(self, columns: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = rec.get(key, "")
            if isinstance(value, (list, tuple)):
                return "、".join(str(v) for v in value)
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return rec.get("uuid") or rec.get("id")
        if role == Qt.ItemDataRole.BackgroundRole and "_color" in rec:
            return QBrush(QColor(rec["_color"]))
        if role == Qt.ItemDataRole.ForegroundRole and "_color" in rec:
            return QBrush(QColor("#000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return rec.get("_tooltip")
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and rec.get("_icon"):
            return theme.icon(rec["_icon"])
        return None
