"""The topic coverage matrix: topics × provinces (or × documents), each cell its clause count.

By default a column is a province with its documents together; a switch
(remembered) gives one column per document.

Computed on a worker (``index.compare.topics.coverage``). Clicking a cell opens its
clause in the reader (a menu offers them when there are several, by document when there are many);
clicking a topic's row header compares that topic across the documents.
Empty cells say so ("—"), they are never blank.

Signals:
    open_requested(str): a clause id.
    topic_requested(str): a topic id.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
)

from desktop import settings
from desktop.errors import error_text
from desktop.widgets import ServiceView, hbox, vbox
from index.base.errors import KnownError
from index.base.memory import bulk_objects
from index.library.corpus import clause_line, display_name

#: Cell shades, lightest first, by clauses per document of the column: up to 1, 2, 3, more (a document's own count;
#: a province's averaged over its documents, whose totals at 120 documents a province are all past 4: shading
#: totals showed nothing there).
CELL_COLORS = ("#e8f5e9", "#c8e6c9", "#a5d6a7", "#81c784")
#: A cell's tooltip names at most this many clauses (a province's cell at 3,500 documents holds ~1,500).
TOOLTIP_CLAUSES = 12
#: Past this many columns, columns get a fixed width (no stretching or sizing to contents) and scroll.
WIDE_COLUMNS = 60
WIDE_SECTION = 110  # the width of each column past WIDE_COLUMNS (headers cut to it)


class CoverageModel(QAbstractTableModel):
    """Rows are topics, columns documents; a cell holds clause ids."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.topics: list[dict] = []
        self.documents: list[dict] = []
        self.matrix: dict = {}
        self.short: dict[str, str] = {}
        self.header_chars = 14
        # A clause as a tooltip names it (its id said henan-2017-kaifaqu/c4/s4): the view gives the names.
        self.clause_name = lambda cid, with_document: cid

    def set_coverage(self, data: dict, short_titles: dict[str, str], by_region: bool = False,
                     merged: dict | None = None, header_chars: int = 14) -> None:
        """Show ``index.compare.topics.coverage`` output; ``by_region`` merges the documents of each province
        (``merged``: ``coverage_by_region(data)`` if already made, ~0.13 s at 3,500 documents); a column's
        header lines are cut to ``header_chars`` characters (with …)."""
        self.beginResetModel()
        self.topics = data["topics"]
        self.short = short_titles
        self.header_chars = header_chars
        if by_region:
            if merged is None:
                from index.compare.topics import coverage_by_region

                merged = coverage_by_region(data)
            self.documents, self.matrix = merged["documents"], merged["matrix"]
        else:
            self.documents = data["documents"]
            self.matrix = data["matrix"]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.topics)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.documents)

    def clause_ids(self, row: int, col: int) -> list[str]:
        return self.matrix[self.topics[row]["id"]][self.documents[col]["doc_id"]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ids = self.clause_ids(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return str(len(ids)) if ids else "—"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and ids:
            return QBrush(QColor(CELL_COLORS[self._shade(index.column(), ids)]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000" if ids else "#999"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.column(), ids) if ids else None
        return None

    def _members(self, col: int) -> int:
        """How many documents column ``col`` holds (a province's, or one)."""
        return len(self.documents[col].get("members") or [None])

    def _shade(self, col: int, ids: list[str]) -> int:
        """The index in ``CELL_COLORS`` of a non-empty cell: its clauses per document of the column."""
        return min(len(CELL_COLORS), -(-len(ids) // self._members(col))) - 1

    def _tooltip(self, col: int, ids: list[str]) -> str:
        """The cell's first clauses; for a province, first how many of its documents they come from."""
        lines = []
        members = self._members(col)
        if members > 1:
            covering = len({cid.split("/", 1)[0] for cid in ids})
            lines.append(self.tr("%1 of %2 documents, %n clause(s)", "", len(ids))
                         .replace("%1", str(covering)).replace("%2", str(members)))
        lines += [self.clause_name(cid, members > 1) for cid in ids[:TOOLTIP_CLAUSES]]
        if len(ids) > TOOLTIP_CLAUSES:
            lines.append(self.tr("… and %n more", "", len(ids) - TOOLTIP_CLAUSES))
        return "\n".join(lines)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                doc = self.documents[section]
                if len(doc.get("members", ())) > 1:  # a province: its documents merged
                    return f"{doc['region']}\n" + self.tr("%n document(s)", "", len(doc["members"]))
                short = self.short.get(doc.get("members", [doc["doc_id"]])[0], doc["title"])
                return f"{_clipped(doc['region'], self.header_chars)}\n{_clipped(short, self.header_chars)}"
            return self.topics[section]["name"]
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.documents[section]["title"]
        return None


def _clipped(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 1] + "…"


def _coverage_both_ways(engine, cancelled, progress) -> tuple[dict, dict]:
    """On a worker: the coverage per document and per province (switching between them then only shows).

    ~500,000 objects at 3,500 documents, all kept: made with the collector paused and frozen after (its
    collections walked them over and over, holding the GIL: 200-270 ms freezes of the window while the view
    loaded).
    """
    from index.compare.topics import coverage_by_region

    with bulk_objects(keep=True):
        data = engine.coverage(cancel=cancelled, progress=progress).to_dict()
        return data, coverage_by_region(data)


class CoverageView(ServiceView):
    open_requested = Signal(str)
    topic_requested = Signal(str)

    def __init__(self, services, parent=None):
        super().__init__(services, "coverage", parent)
        self._ready = False
        self._loading = False
        self._op = None
        self.data: dict | None = None  # the coverage on screen (for export and print)
        self.merged: dict | None = None  # ``data`` one column per province, made with it on the worker
        self.model = CoverageModel(self)
        self.model.clause_name = self.clause_name
        self.table = QTableView()
        self.table.setObjectName("coverage_table")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumHeight(44)
        self.table.clicked.connect(self._cell_clicked)
        self._natural: list[int] | None = None  # the columns' widths by their headers, when few (``_fill``)
        self._refit = QTimer(self)  # stretched or scrolled again as the width changes
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_columns)
        self.table.verticalHeader().sectionClicked.connect(self._topic_clicked)
        self.hint = QLabel(self.tr("Clauses per topic and province, shaded by clauses per document. "
                                   "Click a cell to read them; click a topic to compare it across documents."))
        self.hint.setWordWrap(True)
        self._hint_text = self.hint.text()
        self.by_document = QCheckBox(self.tr("One column per document"))
        self.by_document.setToolTip(self.tr("Off: one column per province, its documents together"))
        self.by_document.setChecked(bool(settings.get(settings.COVERAGE_BY_DOCUMENT)))
        self.by_document.toggled.connect(self._set_by_document)
        vbox(hbox((self.hint, 1), self.by_document), (self.table, 1), parent=self, margins=4)

    def is_ready(self) -> bool:
        return self._ready

    def ensure_loaded(self) -> None:
        if not self._ready and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        self._loading = True
        if self._op is not None:
            self._op.cancel()  # superseded: only the newest coverage is shown
        self._op = self.services.run_engine(_coverage_both_ways, self._show, self._failed, self,
                                            on_progress=self._progress)

    def _progress(self, done: int, total: int, _message: str = "") -> None:
        """While the matrix is made (about a minute at 3,500 documents the first time after an upgrade, when
        every document is tagged again; under a second otherwise), say how far it is."""
        if done < total:
            self.hint.setText(self.tr("Reading the documents' topics: %1 of %2…")
                              .replace("%1", str(done)).replace("%2", str(total)))

    def documents_changed(self) -> None:
        """The library changed: recompute if the view was loaded (else it loads when first shown)."""
        if self._ready or self._loading:
            self.refresh()

    def _show(self, both: tuple[dict, dict]) -> None:
        self._op = None
        self.data, self.merged = both
        self.hint.setText(self._hint_text)
        self._fill()
        self._loading = False
        self._ready = True

    def _fill(self) -> None:
        if self.data is None:
            return
        short = {d.id: d.subject_title for d in self.corpus.documents()}
        # Stretching or sizing to contents measures every cell: fine for 31 provinces, a freeze for
        # 3,500 documents. Many columns get a fixed width and scroll. The headers are put in modes that
        # measure nothing before the model resets: rows sized to their contents when 3,539 columns
        # arrived asked every cell (~220,000 calls, a 1.4 s freeze when choosing one column per document).
        header = self.table.horizontalHeader()
        self._natural = None  # the model's reset may resize the viewport: no stretching meanwhile
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        by_region = not self.by_document.isChecked()
        columns = len(self.data["documents"]) if not by_region else \
            len(self.merged["documents"]) if self.merged is not None else 0  # provinces: a few dozen
        metrics = header.fontMetrics()
        # Many columns share one fixed width: their headers are cut to it, with …, not clipped on both sides.
        chars = max(3, (WIDE_SECTION - 24) // max(metrics.horizontalAdvance("国"), 1)) if columns > WIDE_COLUMNS \
            else 14
        self.model.set_coverage(self.data, short, by_region=by_region, merged=self.merged, header_chars=chars)
        many = self.model.columnCount() > WIDE_COLUMNS
        if many:
            header.setDefaultSectionSize(WIDE_SECTION)
        else:
            # Each column as wide as its header (the cells hold short counts); stretched to the width when
            # they all fit, else left so and scrolled (31 provinces squeezed into one screen cut their names).
            # Measured from the headers' text: sizing to contents asked every cell (~100 ms at 3,500 documents).
            self._natural = [max(map(metrics.horizontalAdvance,
                                     str(self.model.headerData(col, Qt.Orientation.Horizontal) or "").split("\n"))) + 24
                             for col in range(self.model.columnCount())]
            self._fit_columns(anew=True)

    def _fit_columns(self, anew: bool = False) -> None:
        """Stretch the columns to the width when their headers fit in it, else give each its header's width
        and scroll: decided again whenever the width changes (stretched once to a wide window, they stayed
        stretched when the notes panel opened beside them, narrower than their headers, cut on both sides)."""
        if not self._natural or len(self._natural) != self.model.columnCount():
            return
        header = self.table.horizontalHeader()
        if sum(self._natural) <= self.table.viewport().width():
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        elif anew or header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for col, width in enumerate(self._natural):
                header.resizeSection(col, width)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._natural:
            self._refit.start()  # once the table has its new width

    def _set_by_document(self, on: bool) -> None:
        settings.put(settings.COVERAGE_BY_DOCUMENT, on)
        self._fill()

    def report(self):
        """The matrix on screen as an ``index.reports`` coverage table, or None."""
        job = self.report_job()
        return None if job is None else job()

    def report_job(self):
        """A function that builds ``report()`` without touching a widget (导出… runs it on a worker: at 3,440
        documents it takes seconds), or None when nothing is shown."""
        if self.data is None:
            return None
        from index.reports import coverage_table

        corpus, data, by_region = self.corpus, self.data, not self.by_document.isChecked()
        return lambda: coverage_table(corpus, data, by_region=by_region)

    def export(self) -> bool:
        """导出…: the matrix as shown (per province or per document) as Word, CSV, HTML or PDF.

        False if there is nothing to export."""
        from desktop import printing

        return printing.export_shown(self, "coverage")

    def print_preview(self) -> bool:
        from desktop import printing

        return printing.preview_shown(self, "coverage")

    def _failed(self, exc: BaseException) -> None:
        self._op = None
        self._loading = False
        self._ready = True
        self.hint.setText(error_text(exc))

    def _cell_clicked(self, index) -> None:
        ids = self.model.clause_ids(index.row(), index.column())
        if len(ids) == 1:
            self.open_requested.emit(ids[0])
        elif ids:
            menu = self.cell_menu(ids)
            menu.aboutToHide.connect(menu.deleteLater)
            menu.popup(self.table.viewport().mapToGlobal(self.table.visualRect(index).bottomLeft()))

    def cell_menu(self, ids: list[str]) -> QMenu:
        """The menu a cell of several clauses pops up; choosing a clause opens it.

        Up to ``TOOLTIP_CLAUSES`` clauses are listed as they are. More (a province's cell at 3,500 documents holds
        ~900 in ~120 documents: one menu of every clause was ~25,000 pixels wide, Qt's columns of a menu taller
        than the screen) are grouped by document, most clauses first, each document's clauses read only when
        its submenu opens. Menus scroll instead of spreading into columns.
        """
        menu = _scrolling_menu(self)
        by_doc: dict[str, list[str]] = {}
        for cid in ids:
            by_doc.setdefault(cid.split("/", 1)[0], []).append(cid)
        if len(ids) <= TOOLTIP_CLAUSES:
            self._add_clauses(menu, ids, with_document=len(by_doc) > 1)
            return menu
        for doc_id, cids in sorted(by_doc.items(), key=lambda item: -len(item[1])):  # stable: column order on ties
            sub = _scrolling_menu(menu)
            sub.setTitle(self.tr("%1 (%n clause(s))", "", len(cids)).replace(
                "%1", self.corpus.document(doc_id).short_title))
            sub.aboutToShow.connect(lambda sub=sub, cids=cids: sub.isEmpty() and self._add_clauses(sub, cids))
            menu.addMenu(sub)
        return menu

    def clause_name(self, cid: str, with_document: bool = False) -> str:
        """How a clause is named in the cell's menu and tooltip: its number and heading (with its document's
        short title where the cell holds several documents)."""
        try:
            clause = self.corpus.clause(cid)
        except KnownError:  # a clause the library no longer holds: its id, as it was
            return cid
        where = self.corpus.document(clause.doc_id).short_title + "　" if with_document else ""
        return where + (display_name(clause) or cid)

    def _add_clauses(self, menu: QMenu, ids: list[str], with_document: bool = False) -> None:
        for cid in ids:
            clause = self.corpus.clause(cid)
            where = self.corpus.document(clause.doc_id).short_title + "　" if with_document else ""
            menu.addAction(where + clause_line(clause), lambda c=cid: self.open_requested.emit(c))

    def _topic_clicked(self, row: int) -> None:
        if 0 <= row < len(self.model.topics):
            self.topic_requested.emit(self.model.topics[row]["id"])


def _scrolling_menu(parent) -> QMenu:
    """A menu that scrolls when taller than the screen (Qt otherwise lays it out in columns side by side)."""
    menu = QMenu(parent)
    menu.setStyleSheet("QMenu { menu-scrollable: 1; }")
    return menu
