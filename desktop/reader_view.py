"""The reader: one document with its clause outline.

The body is shown as plain text in its original script (or simplified, for
display only: ``to_simplified`` keeps lengths, so every offset stays valid),
with clause headings emphasised and indented by level. Search hits, find
matches and annotations are painted as extra selections, so the document text
is never modified and offsets into the body are offsets into the view
(after mapping astral characters, which Qt counts twice).

Signals:
    annotate_requested(str, str, int, int, bool, str): clause id, quote, body
        start, body end, whether the user wants to write a note, and the
        colour name ("" for the default).
    compare_requested(str): a clause id to compare across documents.
    redline_requested(str): compare this document with its other versions (修订对照).
    clause_changed(str): the clause under the cursor changed.
"""

from __future__ import annotations

import bisect
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTextEdit,
    QToolTip,
    QTreeView,
    QWidget,
)

from desktop import labels, settings, theme
from desktop.models import ID_ROLE, OutlineModel, hide_heading_marks
from desktop.widgets import ElidedLabel, hbox, tool_button, vbox
from index.base.text import find_in_text, to_simplified

if TYPE_CHECKING:
    from index.library.clauses import Clause
    from index.library.corpus import Corpus

# Search hits: lavender with a purple underline, unlike any note colour (the printed page uses the same
# lavender, bold and underlined: index.reports.html_pages.HIT_STYLE).
SEARCH_COLOR = "#e1bee7"
SEARCH_UNDERLINE = "#6a1b9a"
FIND_COLOR = "#80deea"


class ReaderView(QWidget):
    annotate_requested = Signal(str, str, int, int, bool, str)
    compare_requested = Signal(str)
    redline_requested = Signal(str)
    clause_changed = Signal(str)

    def __init__(self, corpus: Corpus, doc_id: str, parent=None):
        super().__init__(parent)
        self.corpus = corpus
        self.doc = corpus.document(doc_id)
        self.doc_id = self.doc.id
        self.setObjectName(f"reader:{doc_id}")
        self.clauses: list[Clause] = corpus.clauses(doc_id)
        self._starts = [c.start for c in self.clauses]
        self.body = self.doc.body
        self._astral = [i for i, ch in enumerate(self.body) if ord(ch) > 0xFFFF]
        self.simplified = bool(settings.get(settings.SIMPLIFIED))
        self.font_size = int(settings.get(settings.FONT_SIZE))
        self._search: list[tuple[int, int]] = []
        self._find: list[tuple[int, int]] = []
        self._notes: list[dict] = []
        self._current: str | None = None
        self._top: int | None = None  # body offset to keep at the top through a resize (None: read it)
        self._reflowing = False
        self._build()
        self._render()

    # -- layout -----------------------------------------------------------
    def _build(self) -> None:
        self.outline = QTreeView()
        self.outline.setObjectName("outline")
        self.outline.setHeaderHidden(True)
        self.outline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outline_model = OutlineModel(self.corpus, self.doc_id, self)
        self.outline.setModel(self.outline_model)
        self.outline.expandToDepth(0)
        self.outline.clicked.connect(lambda idx: self.show_clause(idx.data(ID_ROLE)))
        self.outline.activated.connect(lambda idx: self.show_clause(idx.data(ID_ROLE)))
        self.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.outline.customContextMenuRequested.connect(self._outline_menu)

        self.text = QTextEdit()
        self.text.setObjectName("reader_text")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.cursorPositionChanged.connect(self._cursor_moved)
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(120)
        self._scroll_timer.timeout.connect(self._update_current_from_view)
        self.text.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.text.viewport().installEventFilter(self)  # tooltips: a highlight's note

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.redline_button = tool_button(self.tr("Compare versions"),
                                          lambda: self.redline_requested.emit(self.doc_id),
                                          self.tr("What changed between this document's versions (修订对照)"),
                                          name="redline_button")
        self.meta_label = QLabel()
        self._show_metadata()
        self.citation_label = ElidedLabel()
        self.citation_label.setObjectName("citation")
        self.copy_button = tool_button(self.tr("Copy citation"), lambda: self.copy_citation())
        self.simplified_box = QCheckBox(self.tr("Simplified"))
        self.simplified_box.setToolTip(self.tr("Show traditional characters as simplified (display only)"))
        self.simplified_box.setChecked(self.simplified)
        self.simplified_box.toggled.connect(self.set_simplified)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find in document"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMaximumWidth(220)
        self.find_edit.setMinimumWidth(110)
        self.find_edit.textChanged.connect(self.find)
        self.find_edit.returnPressed.connect(self.find_next)

        right = QWidget()
        vbox(self.title_label, self.meta_label,
             hbox((self.citation_label, 1), self.copy_button, self.redline_button, self.simplified_box, self.find_edit),
             (self.text, 1), parent=right, margins=0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reader_splitter")
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 700])
        vbox(self.splitter, parent=self, margins=4)
        # Only now that the layout has adopted it: shown without a parent, the box would open as a window
        # of its own and take the main window's activation (and with it, its shortcuts).
        self.simplified_box.setVisible(self.doc.get("script") == "繁体" or _looks_traditional(self.body))

        # Ctrl+F is the main window's 在文中查找 (Edit menu): a second action here would make it ambiguous.

    def _show_metadata(self) -> None:
        self.title_label.setText(f"<b>{html.escape(self.doc.title)}</b>")
        member = self.corpus.versions().get(self.doc_id)
        meta = [self.doc.get("issuer"), self.doc.get("doc_number"),
                str(self.doc.get("issued") or self.doc.get("year") or ""), self.doc.get("status"),
                member.status if member is not None and not member.latest and not member.draft else None]
        self.meta_label.setText("　".join(str(m) for m in meta if m))
        self.redline_button.setVisible(member is not None)

    def reload_document(self) -> None:
        """The document changed on disk (its metadata or text): show it again, at the same clause."""
        keep = self._current
        self.doc = self.corpus.document(self.doc_id)
        self._show_metadata()
        if self.doc.body != self.body:
            self.clauses = self.corpus.clauses(self.doc_id)
            self._starts = [c.start for c in self.clauses]
            self.body = self.doc.body
            self._astral = [i for i, ch in enumerate(self.body) if ord(ch) > 0xFFFF]
            self._search, self._find, self._notes = [], [], []
            self.outline_model = OutlineModel(self.corpus, self.doc_id, self)
            self.outline.setModel(self.outline_model)
            self.outline.expandToDepth(0)
            self._render()
            if keep and any(c.id == keep for c in self.clauses):
                self.show_clause(keep)

    # -- rendering --------------------------------------------------------
    def _render(self) -> None:
        shown = hide_heading_marks(to_simplified(self.body) if self.simplified else self.body)
        self.text.setFont(theme.reader_font(self.font_size))
        self.text.setPlainText(shown)
        doc = self.text.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for clause in self.clauses:
            self._format_clause(cursor, clause)
        cursor.endEditBlock()
        self._paint()

    def _format_clause(self, cursor: QTextCursor, clause: Clause) -> None:
        start, end = self.qpos(clause.start), self.qpos(clause.end)
        indent = max(0, clause.level - 1) * 18
        block = self.text.document().findBlock(start)
        while block.isValid() and block.position() < max(end, start + 1):
            fmt = block.blockFormat()
            fmt.setLeftMargin(indent)
            fmt.setBottomMargin(6)
            if block.position() == start and clause.kind in ("chapter", "part", "headed_part", "heading"):
                fmt.setTopMargin(10)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
            block = block.next()
        head_end = self._heading_end(clause)
        if head_end:
            cursor.setPosition(start)
            cursor.setPosition(self.qpos(clause.start + head_end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            if clause.kind in ("chapter", "part", "headed_part"):
                fmt.setFontPointSize(self.font_size + 2)
            cursor.mergeCharFormat(fmt)

    @staticmethod
    def _heading_end(clause: Clause) -> int:
        """Length of the clause's label + heading at its start (0 if none)."""
        first = clause.text.split("\n", 1)[0]
        if clause.heading:
            at = first.find(clause.heading)
            if at >= 0 and at < 12:
                return at + len(clause.heading)
        if clause.label and first.startswith(clause.label):
            return len(clause.label)
        return 0

    def qpos(self, offset: int) -> int:
        """Body offset → QTextDocument position (astral characters count twice)."""
        return offset + bisect.bisect_left(self._astral, offset) if self._astral else offset

    def body_offset(self, qpos: int) -> int:
        """QTextDocument position → body offset."""
        if not self._astral:
            return qpos
        lo, hi = 0, len(self.body)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.qpos(mid) < qpos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _paint(self) -> None:
        sels = []
        for note in self._notes:
            if note.get("orphan") or note.get("start") is None:
                continue
            sels.append(self._selection(note["start"], note["end"], note.get("hex") or "#fff59d",
                                        underline=bool(note.get("note"))))
        for s, e in self._search:
            sels.append(self._selection(s, e, SEARCH_COLOR, underline=SEARCH_UNDERLINE))
        for s, e in self._find:
            sels.append(self._selection(s, e, FIND_COLOR))
        self.text.setExtraSelections(sels)

    def _selection(self, start: int, end: int, color: str, underline: bool | str = False) -> QTextEdit.ExtraSelection:
        """A painted span: ``color`` behind black text; ``underline`` True dashes it (a note), a colour
        draws a solid line in it (a search hit)."""
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.text.document())
        cur.setPosition(self.qpos(start))
        cur.setPosition(self.qpos(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        fmt.setForeground(QColor("#000000"))
        if isinstance(underline, str):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(underline))
        elif underline:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        sel.format = fmt
        return sel

    # -- public API ---------------------------------------------------------
    def set_annotations(self, notes: list[dict]) -> None:
        """Paint annotations: dicts with body ``start``, ``end``, ``hex`` colour, ``note``."""
        self._notes = list(notes)
        self._paint()

    def annotations(self) -> list[dict]:
        return list(self._notes)

    def note_at(self, offset: int) -> dict | None:
        """The painted annotation covering body ``offset`` (the shortest, if they overlap)."""
        covering = [n for n in self._notes if not n.get("orphan") and n.get("start") is not None
                    and n["start"] <= offset < n["end"]]
        return min(covering, key=lambda n: n["end"] - n["start"]) if covering else None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.text.viewport() and event.type() == QEvent.Type.Resize and not self._reflowing:
            # The text reflows at the new width; keep the same words at the top (read before the reflow).
            if self._top is None:
                self._top = self.body_offset(self.text.cursorForPosition(QPoint(4, 4)).position())
            self._reflowing = True
            QTimer.singleShot(0, self._restore_top)
            return False
        if watched is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            note = self.note_at(self.body_offset(self.text.cursorForPosition(pos).position()))
            if note is not None and note.get("note"):
                QToolTip.showText(event.globalPos(), note_tooltip(note["note"]), self.text.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def show_clause(self, clause_id: str | None, spans: list | None = None) -> None:
        """Scroll so the clause is at the top; ``spans`` (offsets in the clause text) are highlighted."""
        if not clause_id:
            return
        try:
            clause = self.corpus.clause(clause_id)
        except Exception:  # noqa: BLE001 - an id from a stale result: stay where we are
            return
        if clause.doc_id != self.doc_id:
            return
        if spans is not None:
            self._search = [(clause.start + int(s), clause.start + int(e)) for s, e in spans]
            self._paint()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.qpos(clause.start))
        self.text.setTextCursor(cursor)
        block = self.text.document().findBlock(self.qpos(clause.start))
        top = self.text.document().documentLayout().blockBoundingRect(block).top()
        self.text.verticalScrollBar().setValue(int(top))
        self._top = clause.start  # kept at the top if the view is resized
        self._set_current(clause.id)

    def search_highlights(self) -> list[tuple[int, int]]:
        return list(self._search)

    def clause_at(self, offset: int) -> Clause | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.clauses[i] if 0 <= i < len(self.clauses) else None

    def visible_clause_id(self) -> str | None:
        """The clause at the top of the viewport."""
        pos = self.text.cursorForPosition(QPoint(4, 4)).position()
        clause = self.clause_at(self.body_offset(pos))
        return clause.id if clause else None

    def current_clause_id(self) -> str | None:
        return self._current

    def clause_for_action(self) -> str | None:
        """The clause a command acts on: the selection's, else the one at the cursor or being read."""
        sel = self.selection()
        clause = self.clause_at(sel[0]) if sel else None
        return clause.id if clause is not None else (self._current or self.visible_clause_id())

    def selection(self) -> tuple[int, int] | None:
        """The selected body span, or None."""
        cur = self.text.textCursor()
        if not cur.hasSelection():
            return None
        return self.body_offset(cur.selectionStart()), self.body_offset(cur.selectionEnd())

    def select(self, start: int, end: int) -> None:
        cur = QTextCursor(self.text.document())
        cur.setPosition(self.qpos(start))
        cur.setPosition(self.qpos(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cur)

    def citation(self, clause_id: str | None = None) -> str:
        cid = clause_id or self._current or (self.clauses[0].id if self.clauses else None)
        return self.corpus.citation(self.corpus.clause(cid)) if cid else f"《{self.doc.title}》"

    def copy_citation(self, clause_id: str | None = None, quote: bool = True) -> str:
        """Copy 《标题》（十二） (original script) to the clipboard; with a selection (and ``quote``), quote it too."""
        sel = self.selection() if quote else None
        if clause_id is None and sel:
            clause = self.clause_at(sel[0])
            clause_id = clause.id if clause else None
        text = self.citation(clause_id)
        if sel:
            text = f"“{self.body[sel[0]:sel[1]]}”（{text}）"
        QGuiApplication.clipboard().setText(text)
        return text

    def set_simplified(self, on: bool) -> None:
        if on == self.simplified:
            return
        self.simplified = on
        settings.put(settings.SIMPLIFIED, on)
        value = self.text.verticalScrollBar().value()
        self._render()
        self.text.verticalScrollBar().setValue(value)

    def apply_preferences(self) -> None:
        """Re-read font size and script from the settings, staying at the clause being read (a new font size
        from 首选项 went back to 前言; zooming kept the place)."""
        clause = self.visible_clause_id()
        self.font_size = int(settings.get(settings.FONT_SIZE))
        self.simplified_box.setChecked(bool(settings.get(settings.SIMPLIFIED)))
        self._render()
        if clause:
            self.show_clause(clause)

    def zoom(self, step: int) -> None:
        """Change the font size by ``step`` points (remembered); 0 resets."""
        self.font_size = settings.FONT_SIZE.default if step == 0 else max(8, min(40, self.font_size + step))
        settings.put(settings.FONT_SIZE, self.font_size)
        clause = self.visible_clause_id()
        self._render()
        if clause:
            self.show_clause(clause)

    def find(self, query: str) -> int:
        """Highlight every match of ``query`` (either script); returns the count."""
        self._find = find_in_text(self.body, query.strip())
        self._paint()
        if self._find:
            self.select(*self._find[0])
        return len(self._find)

    def find_next(self) -> None:
        if not self._find:
            return
        here = self.body_offset(self.text.textCursor().selectionEnd())
        nxt = next((m for m in self._find if m[0] >= here), self._find[0])
        self.select(*nxt)

    # -- interaction ----------------------------------------------------------
    def _cursor_moved(self) -> None:
        clause = self.clause_at(self.body_offset(self.text.textCursor().position()))
        if clause:
            self._set_current(clause.id)

    def _scrolled(self, _value: int) -> None:
        if not self._reflowing:
            self._top = None  # the user moved: read the place again at the next resize
        self._scroll_timer.start()

    def _restore_top(self) -> None:
        if self._top is not None:
            bar = self.text.verticalScrollBar()
            pos = self.qpos(self._top)
            block = self.text.document().findBlock(pos)
            if pos == 0:
                bar.setValue(0)
            elif block.position() == pos:  # a paragraph's start: as show_clause places it
                bar.setValue(int(self.text.document().documentLayout().blockBoundingRect(block).top()))
            else:
                cursor = QTextCursor(self.text.document())
                cursor.setPosition(pos)
                bar.setValue(bar.value() + self.text.cursorRect(cursor).top())
        self._reflowing = False

    def _update_current_from_view(self) -> None:
        if not self.text.textCursor().hasSelection():
            cid = self.visible_clause_id()
            if cid:
                self._set_current(cid)

    def _set_current(self, clause_id: str) -> None:
        if clause_id == self._current:
            return
        self._current = clause_id
        self.citation_label.setText(self.citation(clause_id))
        item = self.outline_model.by_id.get(clause_id)
        if item is not None:
            self.outline.setCurrentIndex(item.index())
        self.clause_changed.emit(clause_id)

    def _context_menu(self, pos) -> None:
        menu = self.build_context_menu()
        menu.exec(self.text.mapToGlobal(pos))
        menu.deleteLater()  # a new menu each time: do not keep the old ones as children

    def build_context_menu(self) -> QMenu:
        """The selection menu: 高亮 / 添加批注 / 复制引用 / 在各省中对比 (+ copy)."""
        menu = QMenu(self)
        sel = self.selection()
        clause = self.clause_at(sel[0]) if sel else self.clause_at(self.body_offset(self.text.textCursor().position()))
        act = menu.addAction(self.tr("Highlight"), lambda: self._annotate(False))
        act.setObjectName("highlight")
        act.setEnabled(bool(sel))
        colours = menu.addMenu(self.tr("Highlight in colour"))
        colours.menuAction().setObjectName("highlight_colour")
        colours.setEnabled(bool(sel))
        from index.userdata.notes import COLORS  # built on demand: not on the start-up path

        for name, hexcode in COLORS.items():
            pix = QPixmap(12, 12)
            pix.fill(QColor(hexcode))
            colours.addAction(QIcon(pix), labels.colour(name), lambda n=name: self._annotate(False, n))
        act = menu.addAction(self.tr("Add note…"), lambda: self._annotate(True))
        act.setObjectName("add_note")
        act.setEnabled(bool(sel))
        act = menu.addAction(self.tr("Copy citation"),
                             lambda: self.copy_citation(None if sel else (clause.id if clause else None)))
        act.setObjectName("copy_citation")
        act = menu.addAction(self.tr("Compare across provinces"),
                             lambda: clause and self.compare_requested.emit(clause.id))
        act.setObjectName("compare")
        act.setEnabled(clause is not None)
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"), self.text.copy)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(bool(sel))
        return menu

    def build_outline_menu(self, clause_id: str) -> QMenu:
        """The outline's menu for one clause: 复制引用 / 在各省中对比."""
        menu = QMenu(self)
        act = menu.addAction(self.tr("Copy citation"), lambda: self.copy_citation(clause_id, quote=False))
        act.setObjectName("copy_citation")
        act = menu.addAction(self.tr("Compare across provinces"), lambda: self.compare_requested.emit(clause_id))
        act.setObjectName("compare")
        return menu

    def _outline_menu(self, pos) -> None:
        clause_id = self.outline.indexAt(pos).data(ID_ROLE)
        if clause_id:
            menu = self.build_outline_menu(clause_id)
            menu.exec(self.outline.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _annotate(self, with_note: bool, color: str = "") -> None:
        sel = self.selection()
        if not sel:
            return
        start, end = sel
        # Trim whitespace so the quote is exactly the words chosen.
        while start < end and self.body[start].isspace():
            start += 1
        while end > start and self.body[end - 1].isspace():
            end -= 1
        clause = self.clause_at(start)
        if clause is None or start >= end:
            return
        # A selection running past its clause is cut at the clause's end: notes belong to one clause.
        end = min(end, clause.end)
        self.annotate_requested.emit(clause.id, self.body[start:end], start, end, with_note, color)

    def state(self) -> dict:
        return {"doc_id": self.doc_id, "clause_id": self.visible_clause_id()}


TOOLTIP_CHARS = 400


def note_tooltip(markdown_text: str) -> str:
    """A note as its hover tooltip: the Markdown rendered and sanitised as in the notes panel, cut if long."""
    from index.userdata.markup import render_note

    cut = len(markdown_text) > TOOLTIP_CHARS
    body = render_note(markdown_text[:TOOLTIP_CHARS].rstrip() + ("…" if cut else ""))
    return f"<qt>{body}</qt>"  # rich text even when the note renders to a single line




def _looks_traditional(text: str) -> bool:
    sample = text[:2000]
    return to_simplified(sample) != sample
