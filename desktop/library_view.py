"""The library panel: documents grouped by region and level, with a filter box.

Signals:
    document_activated(str): a document id, on double-click or Enter.
    files_dropped(list): local paths dropped onto the panel (for import).
    remove_requested(str): the user asked to remove an imported document.
    edit_requested(str): the user asked to correct an imported document's metadata.
    search_requested(str): the filter matched no document; the user asked to search the text for its words.
    redline_requested(str): compare a document with its other versions (修订对照).
    link_requested(str): the user wants to link a document to another as its version.
    unlink_requested(str): the user wants a document out of its versions.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QSize, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop import ops
from desktop.models import ID_ROLE, KIND_ROLE, LibraryModel, doc_date, stored_haystacks
from index.library.corpus import Corpus

log = logging.getLogger(__name__)

#: Libraries up to this size open with every region and level expanded (the model builds their rows at once).
EXPAND_ALL_UP_TO = LibraryModel.BUILD_ALL_UP_TO
#: A filter matching up to this many documents opens their regions and levels; more show their regions closed.
EXPAND_MATCHES_UP_TO = 300
#: The filter's haystacks are made on a worker this long after the notes load (``prepare_filter``): the
#: window's own start-up work has the processors first.
PREPARE_AFTER_MS = 2000


def _doc_of(index) -> str | None:
    """The document id of a tree row; None for a region or level row, or no row."""
    return index.data(ID_ROLE) if index.isValid() and index.data(KIND_ROLE) == "doc" else None


class _Filter(QSortFilterProxyModel):
    """Matches a document on any column (title, issuer, number, date, status)."""

    needle = ""
    accepted: set[str] = set()  # the documents the needle matches (``LibraryModel.matching``)

    def set_needle(self, text: str) -> None:
        from index.base.text import normalise

        needle = normalise(text)
        # Matched once per keystroke over the model's haystacks (normalised when the model is filled: a
        # keystroke over 3,500 documents must not run OpenCC 3,500 times); each row then only looks its id up.
        accepted = self.sourceModel().matching(needle) if needle else set()
        self.sourceModel().show_matches(accepted if needle else None)  # the groups count what is shown
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self.needle, self.accepted = needle, accepted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.needle, self.accepted = needle, accepted
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt override
        if not self.needle:
            return True
        kind, payload = self.sourceModel().node(row, parent)
        return kind == "doc" and payload in self.accepted  # groups show when a child matches (recursive filtering)


class _TwoLineDelegate(QStyledItemDelegate):
    """Document rows: the title over a smaller grey line of issuer · number · date, each elided, with the
    status (征求意见稿, versions: the hidden column 1) at the right end of that line, so the title has the
    panel's whole width."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        if index.data(KIND_ROLE) == "doc":
            size.setHeight(option.fontMetrics.height() * 2 + 8)
        return size

    def paint(self, painter, option, index) -> None:
        if index.data(KIND_ROLE) != "doc":
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, _, meta = str(index.data() or "").partition("\n")
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        # The text's place beside the icon an imported document has (the style drew the icon there).
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        rect = rect.adjusted(2, 0, -2, 0)
        rect.setTop(opt.rect.top() + 3)
        fm = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        painter.save()
        painter.setPen(pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(rect.x(), rect.y() + fm.ascent(), fm.elidedText(title, Qt.TextElideMode.ElideRight,
                                                                          rect.width()))
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() - 1))
        painter.setFont(small)
        painter.setPen(pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText))
        sfm = QFontMetrics(small)
        baseline = rect.y() + fm.height() + sfm.ascent() + 1
        status = index.siblingAtColumn(1)
        text, icon = str(status.data() or ""), status.data(Qt.ItemDataRole.DecorationRole)
        right = rect.right()
        if text:
            width = sfm.horizontalAdvance(text)
            colour = status.data(Qt.ItemDataRole.ForegroundRole)
            painter.save()
            if colour is not None and not selected:
                painter.setPen(colour)
            painter.drawText(right - width, baseline, text)
            painter.restore()
            right -= width + 4
        if icon is not None:
            side = sfm.height() - 2
            icon.paint(painter, right - side, baseline - sfm.ascent() + 1, side, side)
            right -= side + 4
        painter.drawText(rect.x(), baseline, sfm.elidedText(meta, Qt.TextElideMode.ElideRight,
                                                            max(0, right - 6 - rect.x())))
        painter.restore()


class LibraryView(QWidget):
    document_activated = Signal(str)
    files_dropped = Signal(list)
    remove_requested = Signal(str)
    edit_requested = Signal(str)
    redline_requested = Signal(str)
    link_requested = Signal(str)
    unlink_requested = Signal(str)
    carry_notes_requested = Signal(str)
    search_requested = Signal(str)  # a filter matching no document: its words looked for in the documents' text

    def __init__(self, corpus: Corpus, parent=None):
        super().__init__(parent)
        self.corpus = corpus
        self.setObjectName("library")
        self.setAcceptDrops(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter documents (title, issuer, number…)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        # A filter matching nothing left a blank list: said under the box, with where else to look.
        self.no_match = QLabel()
        self.no_match.setObjectName("library_no_match")
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.RichText)
        self.no_match.linkActivated.connect(lambda _link: self.search_requested.emit(self.filter_edit.text().strip()))
        self.no_match.hide()
        self.model = LibraryModel(corpus, self)
        self.proxy = _Filter(self)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("library_tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegateForColumn(0, _TwoLineDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderHidden(True)  # one column, named by the panel
        self.tree.setIndentation(self.fontMetrics().horizontalAdvance("一"))  # region > level > document: ~14 px, not 20
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.detail = QLabel()
        self.detail.setObjectName("library_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree.selectionModel().currentChanged.connect(self._show_detail)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(self._activated)
        self.tree.doubleClicked.connect(self._activated)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.returnPressed.connect(self._open_first_match)
        self.filter_edit.installEventFilter(self)  # Down: into the list, on its first document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.count_label)
        self._services = None  # set by ``prepare_filter``
        self._preparing = None  # the ops.Op making the filter's haystacks
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_AFTER_MS)
        self._prepare_timer.timeout.connect(self._prepare)
        self.refresh()  # the model reads the library once, here

    def refresh(self) -> None:
        """Re-read the library (after an import or removal), keeping what was open, the current document
        and the scroll position."""
        opened = self._opened()
        current = self.tree.currentIndex().data(ID_ROLE)
        scroll = self.tree.verticalScrollBar().value()
        self.model.reload()
        if self.proxy.needle:  # the filter's matches among the library as it is now
            self.model.build_all()
            self.proxy.set_needle(self.filter_edit.text().strip())
        self._show_model()
        self._reopen(opened)
        if current and self.corpus.has_document(current):
            self.select_document(current)
        if not self.tree.currentIndex().isValid():
            # A model reset leaves no current row without saying so: a removed document's details would stay.
            self._show_detail(self.tree.currentIndex())
        self.tree.verticalScrollBar().setValue(scroll)

    def _opened(self) -> set[tuple[str, ...]]:
        """The open region and level rows, by their names: (region,) and (region, level)."""
        out: set[tuple[str, ...]] = set()
        root = self.tree.rootIndex()
        for r in range(self.proxy.rowCount(root)):
            region = self.proxy.index(r, 0, root)
            if self.tree.isExpanded(region):
                name = self.model.group_name(self.proxy.mapToSource(region))
                out.add((name,))
                for lv in range(self.proxy.rowCount(region)):
                    level = self.proxy.index(lv, 0, region)
                    if self.tree.isExpanded(level):
                        out.add((name, self.model.group_name(self.proxy.mapToSource(level))))
        return out

    def _reopen(self, opened: set[tuple[str, ...]]) -> None:
        if not opened:
            return
        root = self.tree.rootIndex()
        for r in range(self.proxy.rowCount(root)):
            region = self.proxy.index(r, 0, root)
            name = self.model.group_name(self.proxy.mapToSource(region))
            if (name,) not in opened:
                continue
            self.tree.expand(region)
            if self.proxy.canFetchMore(region):
                self.proxy.fetchMore(region)
            for lv in range(self.proxy.rowCount(region)):
                level = self.proxy.index(lv, 0, region)
                if (name, self.model.group_name(self.proxy.mapToSource(level))) in opened:
                    self.tree.expand(level)

    def _show_model(self) -> None:
        # The model's reset forgets column modes: set them again. The status column is hidden: the delegate
        # draws it at the end of a document's second line (as a column it took ~110 px of a narrow panel,
        # leaving titles 6–9 characters).
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.model.columnCount()):
            self.tree.setColumnHidden(col, True)
        self._expand()
        self._update_count()

    def _expand(self) -> None:
        """Regions and levels open for a small library or a filter matching up to ``EXPAND_MATCHES_UP_TO``
        documents (a document's earlier versions stay folded under it); else the regions show, closed
        (a first character typed matches most of 3,500 documents: opening them all froze the window ~0.3 s)."""
        if (len(self.proxy.accepted) <= EXPAND_MATCHES_UP_TO if self.proxy.needle
                else self.model.document_count() <= EXPAND_ALL_UP_TO):
            self._expand_groups()
        else:
            self.tree.collapseAll()

    def _expand_groups(self, parent=None) -> None:
        """Open regions and levels; a document's earlier versions stay folded under it."""
        parent = parent if parent is not None else self.tree.rootIndex()
        for row in range(self.proxy.rowCount(parent)):
            idx = self.proxy.index(row, 0, parent)
            if idx.data(KIND_ROLE) != "doc":
                self.tree.setExpanded(idx, True)
                if self.proxy.canFetchMore(idx):
                    self.proxy.fetchMore(idx)
                self._expand_groups(idx)

    def prepare_filter(self, services) -> None:
        """Make the filter's haystacks on a worker, ``PREPARE_AFTER_MS`` from now (once, at start).

        At 3,500 documents they are ~90 ms of work on a quiet machine (every card read from the manifest
        and decoded, OpenCC over every title). Made on this thread, 400 documents a pass, each pass froze
        the window 80-220 ms while an import's processes had the processors. A worker makes them from the
        manifest's record of the documents this view lists (``Corpus.stored_cards``: one query, no listing);
        they are installed only if this view still shows the same documents
        (``LibraryModel.set_haystacks``), else the first keystroke makes them. After a refresh the first
        keystroke makes them too: the listing swapped in then has every card decoded already (~40 ms left).
        """
        self._services = services
        self._prepare_timer.start()

    def _prepare(self) -> None:
        listing = self.model.listing()
        if self._services is None or listing is None or self._preparing is not None:
            return

        def done(hay) -> None:
            self._preparing = None
            self.model.set_haystacks(listing, hay)

        def failed(exc) -> None:
            self._preparing = None
            log.warning("preparing the library filter failed; the first keystroke prepares it", exc_info=exc)

        worker, doc_ids = self._services.workspace.worker(), frozenset(listing)
        self._preparing = ops.Op(lambda: stored_haystacks(worker, doc_ids), done, failed, parent=self).run()

    def _filter(self, text: str) -> None:
        if text.strip():
            self.model.build_all()  # the filter looks at every document
        self.proxy.set_needle(text.strip())
        self._expand()
        self._update_count()

    def _first_document(self, parent=None):
        """The first document row shown (depth first: its region and level may be closed), or None."""
        parent = parent if parent is not None else self.tree.rootIndex()
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.data(KIND_ROLE) == "doc":
                return index
            found = self._first_document(index)
            if found is not None:
                return found
        return None

    def _focus_first_match(self) -> str | None:
        """The current document if the filter shows it, else the first one shown, made current; its id."""
        current = self.tree.currentIndex()
        if not (current.isValid() and current.data(KIND_ROLE) == "doc"):
            first = self._first_document()
            if first is None:
                return None
            self.select_document(first.data(ID_ROLE))
        return _doc_of(self.tree.currentIndex())

    def _open_first_match(self) -> None:
        """Enter in the filter opens the document it points at (the current one, else the first match)."""
        doc_id = self._focus_first_match()
        if doc_id:
            self.document_activated.emit(doc_id)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if (watched is self.filter_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)):
            if self._focus_first_match():
                self.tree.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _update_count(self) -> None:
        total = self.model.document_count()
        shown = len(self.proxy.accepted) if self.proxy.needle else total
        self.no_match.setVisible(bool(self.proxy.needle) and shown == 0 and total > 0)
        if self.no_match.isVisibleTo(self):
            words = html.escape(self.filter_edit.text().strip())
            self.no_match.setText(self.tr("No document's title, issuer, number or date contains “%1”.")
                                  .replace("%1", words) + " <a href=\"search\">"
                                  + self.tr("Search the documents' text for it") + "</a>")
        if shown == total:
            self.count_label.setText(self.tr("%n document(s)", "", total))
        else:
            self.count_label.setText(self.tr("%1 of %2 documents shown").replace("%1", str(shown))
                                     .replace("%2", str(total)))

    def _show_detail(self, index) -> None:
        doc_id = _doc_of(index)
        if not doc_id:
            self.detail.clear()
            return
        doc = self.corpus.document(doc_id)
        member = self.model.members.get(doc_id)
        amended = "、".join(f"{a.get('date') or '—'} {a.get('event') or ''}".strip()
                            for a in doc.get("amendments") or [] if isinstance(a, dict))
        rows = [(self.tr("Title"), doc.title), (self.tr("Region"), " ".join(filter(None, (doc.region, doc.get("city"))))),
                (self.tr("Issuer"), doc.get("issuer")), (self.tr("Number"), doc.get("doc_number")),
                (self.tr("Date"), doc_date(doc)), (self.tr("Adopted"), doc.get("adopted")),
                (self.tr("Amended"), amended), (self.tr("In force from"), doc.get("effective")),
                (self.tr("Status"), doc.get("status")),
                (self.tr("Version"), member.status if member is not None else None),
                (self.tr("Clauses"), str(self.corpus.clause_count(doc_id)))]
        import html  # on the first selection, not at start-up (html.entities)

        self.detail.setText("<br>".join(f"<b>{html.escape(k)}</b>：{html.escape(str(v))}" for k, v in rows if v))

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        doc_id = _doc_of(index)
        if not doc_id:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.document_activated.emit(doc_id))
        imported = self.corpus.document(doc_id).source == "imported"
        edit = menu.addAction(self.tr("Edit document information…"), lambda: self.edit_requested.emit(doc_id))
        edit.setEnabled(imported)
        remove = menu.addAction(self.tr("Remove from library…"), lambda: self.remove_requested.emit(doc_id))
        remove.setEnabled(imported)
        menu.addSeparator()
        grouped = doc_id in self.model.members
        redline = menu.addAction(self.tr("Compare versions (修订对照)"), lambda: self.redline_requested.emit(doc_id))
        redline.setEnabled(grouped)
        menu.addAction(self.tr("Link to another version…"), lambda: self.link_requested.emit(doc_id))
        unlink = menu.addAction(self.tr("Unlink from its versions"), lambda: self.unlink_requested.emit(doc_id))
        unlink.setEnabled(grouped)
        carry = menu.addAction(self.tr("Copy notes from its other versions"),
                               lambda: self.carry_notes_requested.emit(doc_id))
        carry.setEnabled(grouped)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _activated(self, index) -> None:
        doc_id = index.data(ID_ROLE)
        if index.data(KIND_ROLE) == "doc" and doc_id:
            self.document_activated.emit(doc_id)

    def selected_document(self) -> str | None:
        """The document of the current row; None for a region or level row, or none."""
        return _doc_of(self.tree.currentIndex())

    def select_document(self, doc_id: str) -> bool:
        """Make ``doc_id`` the current row (shows its details; an earlier version's latest is unfolded)."""
        found = self.model.index_of(doc_id)
        if not found.isValid():
            return False
        index = self.proxy.mapFromSource(found)
        if not index.isValid():  # the filter hides it
            return False
        up = index.parent()
        while up.isValid():  # its level, its region (collapsed in a large library), its latest version
            self.tree.expand(up)
            up = up.parent()
        self.tree.setCurrentIndex(index)
        # Scrolled to once the rows just made are laid out (at once, it scrolled to where they were not yet).
        QTimer.singleShot(0, self.tree, lambda: self.tree.scrollTo(self.tree.currentIndex(),
                                                                   QAbstractItemView.ScrollHint.PositionAtCenter))
        return True

    # -- drag and drop: files onto the library import them -------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
