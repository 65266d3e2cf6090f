"""Search across every clause, as you type.

Typing restarts a short timer (the search delay setting); when it fires the
query runs on a worker through ``ops``. One search is in flight at a time and
only the newest waiting query follows it; ``SearchResultsModel`` drops any
answer older than the latest query sent. Facets (region, document) filter the
results; Enter or double-click opens the reader at the clause, hits
highlighted. The query language of ``index.search.query`` works here unchanged.

Signals:
    open_requested(dict): the hit record (``clause_id``, ``highlights`` …).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import ops, settings
from desktop.errors import error_text
from desktop.models import (
    HTML_ROLE,
    FacetModel,
    SearchResultsModel,
    filter_haystacks,
    matching_keys,
    stored_haystacks,
)
from desktop.widgets import ElidedLabel, ServiceView, hbox, vbox
from index.library.regions import region_key

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

log = logging.getLogger(__name__)

LIMIT = 200
LONGEST_REGION = "新疆维吾尔自治区"  # the widest region name a result shows (the region column's width)
FIT_MS = 8  # fitting result rows to their text stops after this much of a pass of the event loop (~1 ms a row)


class HtmlDelegate(QStyledItemDelegate):
    """Paints a cell's ``HTML_ROLE`` rich text (the highlighted snippet).

    Each snippet's laid-out document is kept, by its HTML and width, until the results change
    (``forget``): measuring a row and painting it, and every repaint while rows are fitted, used to
    parse and lay out the rich text again (~1 ms a cell, a dozen cells a repaint).
    """

    KEEP = 1000  # laid-out snippets kept at most (a result set has up to LIMIT rows)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._laid_out: dict[tuple[str, int, str], QTextDocument] = {}

    def forget(self) -> None:
        """New results (or a new font): the kept layouts are of the old ones."""
        self._laid_out.clear()

    def _doc(self, option, index) -> QTextDocument:
        html, width = index.data(HTML_ROLE) or "", max(option.rect.width(), 200)
        key = (html, width, option.font.key())
        doc = self._laid_out.get(key)
        if doc is None:
            from PySide6.QtGui import QTextDocument  # when results show, not at start-up (its enums cost)

            if len(self._laid_out) >= self.KEEP:
                self._laid_out.clear()
            doc = self._laid_out[key] = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setHtml(html)
            doc.setTextWidth(width)
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._doc(opt, index)
        from PySide6.QtGui import QAbstractTextDocumentLayout

        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if opt.state & QStyle.StateFlag.State_Selected else \
            QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        doc = self._doc(option, index)
        return QSize(int(doc.idealWidth()), min(int(doc.size().height()) + 2, 120))


class SearchView(ServiceView):
    open_requested = Signal(dict)

    def __init__(self, services, parent=None):
        super().__init__(services, "search", parent)
        self.model = SearchResultsModel(self.corpus, self)
        self._busy = False
        self._pending: tuple | None = None
        self._last: tuple | None = None
        self.result = None  # the SearchResult on screen (for export and print)

        self.query = QLineEdit()
        self.query.setObjectName("search_query")
        self.query.setPlaceholderText(self.tr("Search all clauses — e.g. 招商引资, \"土地 出让\", 人才 -住房, 地区:浙江"))
        self.query.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_query)
        self.query.textChanged.connect(self._typed)
        self.query.returnPressed.connect(self._enter)
        self.status = QLabel()
        self.status.setObjectName("search_status")

        self.region_model = FacetModel()
        self.doc_model = FacetModel(tip=lambda doc_id: self.corpus.document(doc_id).title, most_first=True)
        self.regions = QListView()
        self.regions.setObjectName("facet_region")
        self.docs = QListView()
        self.docs.setObjectName("facet_doc")
        for lst, model in ((self.regions, self.region_model), (self.docs, self.doc_model)):
            lst.setModel(model)
            lst.setUniformItemSizes(True)
            model.ticks_changed.connect(self.run_query)
            # Long titles are elided in the middle so the hit count at the end stays visible.
            lst.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            # Right-click: this row only, or all again (one document of 3,000 was 2,999 ticks to clear by hand).
            lst.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            lst.customContextMenuRequested.connect(lambda pos, lst=lst: self._facet_menu_at(lst, pos))
        # The documents' list is narrowed by a filter box (its rows showed ~4 characters of a title at each end,
        # 3,000 of them); what it matches is made once, on a worker (``_prepare_doc_filter``).
        self.doc_filter = QLineEdit()
        self.doc_filter.setObjectName("facet_doc_filter")
        self.doc_filter.setPlaceholderText(self.tr("Filter documents (title, issuer, number)"))
        self.doc_filter.setClearButtonEnabled(True)
        self.doc_filter.textChanged.connect(self._filter_docs)
        self.doc_filter.installEventFilter(self)  # Esc clears it; Down goes into the list
        # Cut at the pane's width (the whole text on hover), never widening it.
        self.doc_count = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.doc_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.doc_count.setObjectName("facet_doc_count")
        self.doc_count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._doc_hay: dict[str, str] | None = None  # the documents' filter haystacks, once made
        self._hay_asked = 0  # the newest request for them (a refresh asks again; older answers are dropped)
        self._hay_wanted = False  # made once the box is first used, then after every refresh
        self.doc_model.ticks_changed.connect(self._show_doc_count)  # "· 1 ticked": the ticks the filter may hide
        facets = QWidget()
        fl = QVBoxLayout(facets)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(QLabel(self.tr("Region")))
        fl.addWidget(self.regions, 1)
        fl.addLayout(hbox(QLabel(self.tr("Document")), 1, self.doc_count))
        fl.addWidget(self.doc_filter)
        fl.addWidget(self.docs, 2)
        self.refresh_facets()

        self.table = QTableView()
        self.table.setObjectName("search_results")
        self.table.setModel(self.model)
        self.snippets = HtmlDelegate(self.table)
        self.table.setItemDelegateForColumn(3, self.snippets)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        # The region column is as wide as the longest region's name, not sized to its contents: that asked
        # every result row for its region through Python (~1,600 calls, ~21 ms a time, several times a result set).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, self.table.fontMetrics().horizontalAdvance(LONGEST_REGION) + 24)
        self.table.setColumnWidth(2, 150)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        # Rows are fitted to their text a batch at a time (``_fit_rows``).
        self._fitted = 0
        self._fit_timer = QTimer(self)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_more)
        self.model.modelReset.connect(self.snippets.forget)
        self.model.modelReset.connect(self._fit_rows)
        self.model.rowsInserted.connect(lambda *_a: self._fit_more())  # a further page: fitted as the first
        self.model.more_wanted.connect(self._more)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("search_splitter")
        self.splitter.addWidget(facets)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 800])
        self.all_versions = QCheckBox(self.tr("All versions"))
        self.all_versions.setObjectName("search_all_versions")
        self.all_versions.setToolTip(self.tr("Also search earlier versions and drafts of a document "
                                             "(by default each clause shows once: the latest version's)"))
        self.all_versions.toggled.connect(lambda _on: self.run_query())
        vbox(hbox((self.query, 1), self.all_versions), self.status, (self.splitter, 1), parent=self, margins=4)
        # Bound methods, not lambdas: Qt drops these connections when the view dies.
        services.index_ready.connect(self._index_ready)
        services.index_failed.connect(self._index_failed)
        services.index_progress.connect(self._index_progress)

    def _fit_rows(self) -> None:
        """New results: fit the rows' heights to their text, ``FIT_MS`` of work per pass of the event loop.

        The snippet column lays out rich text for each row it measures: all 200
        rows at once held the GUI thread 100-200 ms after each keystroke's results.
        A pass stops by the clock, not after a number of rows: 25 rows a pass were
        10-25 ms on a quiet machine but 50-85 ms while other processes had the
        processors. The first pass runs now, so the first paint shows fitted rows.
        """
        self._fitted = 0
        self._fit_more()

    def _fit_more(self) -> None:
        end_at = time.perf_counter() + FIT_MS / 1000
        rows = self.model.rowCount()
        while self._fitted < rows:
            self.table.resizeRowToContents(self._fitted)
            self._fitted += 1
            if time.perf_counter() >= end_at:
                break
        if self._fitted < rows:
            self._fit_timer.start()
        else:
            self._fit_timer.stop()

    def rows_fitted(self) -> bool:
        """Whether every result row has its height (``_fit_rows``)."""
        return self._fitted >= self.model.rowCount()

    def _index_progress(self, done: int, total: int) -> None:
        self.status.setText(self.tr("Building the search index: %1 of %2 documents…").replace("%1", str(done))
                            .replace("%2", str(total)))

    def _index_ready(self, _index) -> None:
        self.run_query()

    def _index_failed(self, exc) -> None:
        self.status.setText(error_text(exc))

    # -- facets -------------------------------------------------------------
    def refresh_facets(self) -> None:
        """(Re)fill the region and document lists from the library, all ticked."""
        docs = self.corpus.documents()
        regions = sorted({d.region for d in docs}, key=region_key)  # 全国 first
        self.region_model.set_entries([(r, r) for r in regions])
        by_id = {d.id: d for d in docs}
        self.doc_model.set_keys(list(by_id), lambda doc_id: by_id[doc_id].short_title)
        if self._hay_wanted:  # the filter's haystacks are of the old listing: made again (kept meanwhile)
            self._prepare_doc_filter()
        self._show_doc_count()

    # -- the documents' filter box ---------------------------------------------
    def _filter_docs(self, _text: str = "") -> None:
        """Show the documents whose title, issuer, number or date hold every word typed; ticks unchanged."""
        if self._doc_hay is None:
            if not self._hay_wanted:
                self._hay_wanted = True
                self._prepare_doc_filter()
            if self.doc_filter.text().strip():
                return  # filtered when the haystacks arrive (``_hay_ready``)
        self.doc_model.set_shown(matching_keys(self._doc_hay or {}, self.doc_filter.text()))
        self._show_doc_count()

    def _prepare_doc_filter(self) -> None:
        """The documents' filter haystacks, made on a worker from the manifest (~0.1 s at 3,000 documents; on
        this thread the short titles alone were 0.4 s)."""
        self._hay_asked += 1
        asked, doc_ids = self._hay_asked, frozenset(self.doc_model.keys())
        worker = self.services.workspace.worker()
        ops.Op(lambda: stored_haystacks(worker, doc_ids), lambda hay: self._hay_ready(asked, hay),
               lambda exc: self._hay_failed(asked, exc), parent=self).run()

    def _hay_ready(self, asked: int, hay: dict[str, str]) -> None:
        if asked != self._hay_asked:  # the listing changed since: a newer request is on its way
            return
        self._doc_hay = hay
        self._filter_docs()

    def _hay_failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._hay_asked:
            return
        log.warning("preparing the documents' filter on a worker failed; made here", exc_info=exc)
        self._hay_ready(asked, filter_haystacks(self.corpus.documents()))

    def _show_doc_count(self) -> None:
        model = self.doc_model
        total, ticked = model.total(), model.ticked_count()
        if model.filtered():
            text = self.tr("%1 of %2 shown").replace("%1", str(model.rowCount())).replace("%2", str(total))
        else:
            text = self.tr("%n document(s)", "", total)
        if ticked < total:
            text += " · " + self.tr("%1 ticked").replace("%1", str(ticked))
        self.doc_count.setText(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.doc_filter and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and self.doc_filter.text():
                self.doc_filter.clear()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.doc_model.rowCount():
                self.docs.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.docs.currentIndex().isValid():
                    self.docs.setCurrentIndex(self.doc_model.index(0))
                return True
        return super().eventFilter(watched, event)

    def facet_menu(self, lst: QListView, row: int) -> QMenu:
        """A filter list's menu on row ``row`` (-1: on no row): tick only it; tick every row again."""
        model = lst.model()
        menu = QMenu(lst)
        only = menu.addAction(self.tr("Tick only this"), lambda: model.tick_only(row))
        only.setEnabled(0 <= row < model.rowCount())
        every = menu.addAction(self.tr("Tick all"), model.tick_all)
        every.setEnabled(not model.all_ticked())
        if model.filtered():  # the rows the filter box shows, and no other
            shown = menu.addAction(self.tr("Tick only the %n shown", "", model.rowCount()), model.tick_shown)
            shown.setEnabled(model.rowCount() > 0 and not model.only_shown_ticked())
        return menu

    def _facet_menu_at(self, lst: QListView, pos) -> None:
        menu = self.facet_menu(lst, lst.indexAt(pos).row())
        menu.exec(lst.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _update_facet_counts(self, facets: dict | None) -> None:
        """Each filter row's hits for the query shown; None: no query, no counts."""
        self.region_model.set_counts(None if facets is None else facets.get("region", {}))
        self.doc_model.set_counts(None if facets is None else facets.get("doc", {}))
        self.docs.scrollToTop()  # the documents with the most hits

    # -- querying -----------------------------------------------------------
    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def set_query(self, text: str) -> None:
        """Type ``text`` and search at once (no debounce)."""
        self.query.setText(text)
        self.timer.stop()
        self.run_query()

    def _typed(self, _text: str) -> None:
        self.timer.start(int(settings.get(settings.SEARCH_DELAY)))

    def run_query(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.model.clear()
            self.status.clear()
            self.result = None
            self._update_facet_counts(None)  # the last query's counts beside no results misled
            return
        request = (text, self.region_model.ticked(), self.doc_model.ticked(), self.all_versions.isChecked())
        if self.services.index is None:
            self.status.setText(self.tr("Opening the search index…"))
            self.services.open_index()
            return
        if self._busy:
            self._pending = request  # the newest waiting query replaces older ones
            self.model.next_query_id()  # whatever is in flight is now stale
            return
        self._send(request)

    def _send(self, request: tuple) -> None:
        text, regions, doc_ids, all_versions = request
        qid = self.model.next_query_id()
        index = self.services.index
        self._busy = True
        self._last = request

        def work():
            return index.search(text, limit=LIMIT, regions=regions, doc_ids=doc_ids, all_versions=all_versions)

        ops.Op(work, lambda result: self._done(qid, result), self._failed, parent=self).run()

    def _done(self, qid: int, result) -> None:
        self._busy = False
        if self.model.set_results(qid, result):
            self.result = result
            self._show_count(result)
            self._update_facet_counts(result.facets)
            if self.model.rowCount():
                self.table.selectRow(0)
        self._next()

    def _show_count(self, result) -> None:
        shown = len(result.hits)
        if result.total > shown:
            text = self.tr("%1 matching clauses (first %2 shown; scroll down for more)") \
                .replace("%1", str(result.total)).replace("%2", str(shown))
        else:
            text = self.tr("%n matching clause(s)", "", result.total)
        notice = self.notice_text(result)
        if notice:
            text += "　" + self.tr("Note: %1").replace("%1", notice)
        elif result.total == 0:
            text += "　" + self._nothing_found_hint()
        self.status.setText(text)

    def _nothing_found_hint(self) -> str:
        """What to try when a query found nothing and the engine has no notice on it (a bare "0" was all)."""
        query, regions, doc_ids, _ = self._last or ("", None, None, False)
        if regions or doc_ids:
            return self.tr("Nothing in the documents or regions ticked on the left: untick them to search the "
                           "whole library.")
        words = [w for w in query.split() if ":" not in w and "：" not in w and w.upper() not in ("OR", "或", "NOT")]
        if len(words) > 1:
            return self.tr("Every word must occur in one clause: try fewer words, or OR between them.")
        return self.tr("Try a shorter word, or another word for the same thing (e.g. 招商 for 招商引资).")

    def _more(self, qid: int, offset: int) -> None:
        """The results were scrolled to their last row: the next ``LIMIT`` hits of the query shown, on a worker."""
        index, request = self.services.index, self._last
        if index is None or request is None:
            self.model.append_results(qid, None)
            return
        text, regions, doc_ids, all_versions = request

        def work():
            return index.search(text, limit=LIMIT, offset=offset, regions=regions, doc_ids=doc_ids,
                                all_versions=all_versions)

        def done(page) -> None:
            if self.model.append_results(qid, page):
                self._show_count(self.model.result)

        def failed(exc: BaseException) -> None:
            self.model.append_results(qid, None)
            self.status.setText(error_text(exc))

        ops.Op(work, done, failed, parent=self).run()

    def notice_text(self, result) -> str:
        """The engine's notice about the query (``notice_code``), translated; "" if none."""
        code = getattr(result, "notice_code", None)
        if code == "literal_fallback":
            return self.tr("the query could not be read as written, so its words were searched literally")
        if code == "truncated":
            from index.search.query import MAX_QUERY_CHARS

            return self.tr("the query was cut to its first %1 characters").replace("%1", str(MAX_QUERY_CHARS))
        if code == "no_terms":
            return self.tr("the query has no characters that can be searched")
        if code == "no_document":
            keys = {"region": self.tr("region"), "level": self.tr("level"), "year": self.tr("year"), "doc": "doc"}
            named = [f"{keys.get(k, k)}:{v}" for k, _, v in (f.partition(":") for f in result.unmatched)]
            return self.tr("no document in the library matches %1").replace("%1", "、".join(named))
        if code == "passage_parts":
            return self.tr("no clause holds the whole passage: the clauses that hold one or more of its sentences")
        if code == "no_document_together":
            return self.tr("no document matches these filters together")
        if code == "only_earlier_versions":
            return self.tr("%n match(es) in earlier versions and drafts, which are not searched: tick All versions",
                           "", result.in_earlier_versions)
        return result.notice or ""

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.status.setText(error_text(exc))
        self._next()

    def _next(self) -> None:
        if self._pending is not None:
            request, self._pending = self._pending, None
            self._send(request)

    def report(self):
        """The results on screen as an ``index.reports`` search report, or None."""
        if self.result is None or not self.model.rowCount():
            return None
        from index.reports import search_report

        return search_report(self.corpus, self.result.to_dict())

    def export(self) -> bool:
        """导出…: the results as Word, CSV, Markdown, HTML or PDF. False if there is nothing to export."""
        from desktop import printing

        return printing.export_shown(self, "search")

    def print_preview(self) -> bool:
        from desktop import printing

        return printing.preview_shown(self, "search")

    def results_count(self) -> int:
        return self.model.rowCount()

    # -- opening ------------------------------------------------------------
    def _enter(self) -> None:
        self.timer.stop()
        if self.model.rowCount() and self._last and self._last[0] == self.query.text().strip():
            row = max(self.table.currentIndex().row(), 0)
            self.open_requested.emit(self.model.hit(row))
        else:
            self.run_query()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.hit(index.row()))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Down from the query box moves into the results.
        if event.key() == Qt.Key.Key_Down and self.query.hasFocus() and self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
            return
        super().keyPressEvent(event)
