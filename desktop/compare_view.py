"""Side-by-side comparison: one column per document, in sync.

Start from a clause (reader menu 在各省中对比) or from a topic. The source
clause's document is the first column; every other chosen document gets a
column with its aligned clause(s), score, shared wording (yellow) and numbers
(bold blue). "No counterpart" is said in words. Per column the user can pin a
match, replace it with any clause of that document, mark "none", or clear the
decision (``index.compare.comparisons``); columns scroll together. The document
choice and order persist; a comparison can be saved as a named set and
reopened.

Alignment runs on a worker (``ops``); pins are read and written on the GUI
thread (small SQLite transactions).

Signals:
    open_requested(str): a clause id to open in the reader.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels, ops, settings, theme
from desktop.document_picker import document_list
from desktop.errors import error_text
from desktop.widgets import ServiceView, tool_button
from index.base.highlight import marked_html
from index.library.corpus import clause_line, display_name
from index.library.regions import level_key, region_key

SHARED_BG = "#fff1a8"
# A restored session's comparison starts this long after the window is built (after the first paint).
RESTORE_DELAY_MS = 300
#: Documents shown side by side at most, the first ticked ones. Each is a column widget: 400 took seconds to make,
#: and past ~128 the splitter's summed maximum widths overflow Qt's int and the view showed nothing at all.
MAX_COLUMNS = 60
NUMBER_FG = "#1565c0"
NUMBER_FG_DARK = "#82b1ff"  # the same blue, readable on the dark palette's base
# Band colours of the calibrated score (readable on light and dark bases).
BAND_COLOURS = {"强": "#2e7d32", "中": "#ef6c00", "弱": "#9e9e9e"}


def spans_html(text: str, shared: list, numbers: list) -> str:
    """Clause text as HTML: shared wording on yellow, numbers bold blue."""
    number_fg = NUMBER_FG_DARK if theme.is_dark() else NUMBER_FG

    def style(keys: frozenset) -> str:
        css = f"background-color:{SHARED_BG};color:#000;" if "shared" in keys else ""
        if "number" in keys:  # on the yellow, the light palette's blue reads best
            css += f"color:{NUMBER_FG if 'shared' in keys else number_fg};font-weight:bold;"
        return css

    marks = [(s, e, "shared") for s, e in shared or []] + [(n["start"], n["end"], "number") for n in numbers or []]
    return marked_html(text, marks, style)


# The pin before a pinned match: an icon shipped with the app (a 📌 glyph shows as a box without an emoji font).
PIN_ICON = QUrl.fromLocalFile(str(theme.icon_file("pin"))).toString()


class _Column(QFrame):
    """One document's column: header, decision buttons, the matches."""

    def __init__(self, view: CompareView, doc_id: str, is_source: bool):
        super().__init__()
        self.view = view
        self.doc_id = doc_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        doc = view.corpus.document(doc_id)
        self._region, self._title = doc.region, doc.subject_title
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setToolTip(doc.title)
        # Two lines for every header, a longer title cut with …, so the buttons and texts of all columns line up
        # (a third line pushed one column's down).
        self.header.setFixedHeight(self.header.fontMetrics().lineSpacing() * 2 + 2)
        self.header.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit_header()
        self.decision = QLabel()
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(lambda url: view.open_requested.emit(url.toString()))
        self.body.setFont(theme.reader_font(max(10, int(settings.get(settings.FONT_SIZE)) - 2)))
        self.setMinimumWidth(230)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.decision)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        if is_source:
            self.decision.setText(self.tr("Source clause"))
            probe = QToolButton()
            probe.setText(self.tr("Pin"))
            gap = QWidget()  # blank, as tall as the other columns' buttons, so the texts line up
            gap.setFixedHeight(probe.sizeHint().height())
            bar.addWidget(gap)
            probe.deleteLater()
        else:
            self.pin_button = tool_button(self.tr("Pin"), lambda: view.pin(doc_id),
                                          self.tr("Pin the best match as this document's counterpart"))
            self.replace_button = tool_button(self.tr("Replace…"), lambda: view.replace(doc_id))
            self.none_button = tool_button(self.tr("None"), lambda: view.mark_none(doc_id),
                                           self.tr("Mark: this document has no counterpart"))
            self.clear_button = tool_button(self.tr("Auto"), lambda: view.clear(doc_id),
                                            self.tr("Forget the decision; use the automatic match"))
            for b in (self.pin_button, self.replace_button, self.none_button, self.clear_button):
                bar.addWidget(b)
            bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.body, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_header()

    def _fit_header(self) -> None:
        """The region in bold and the title, cut (…) to what two lines of the header's width hold."""
        metrics = self.header.fontMetrics()
        bold = self.header.font()
        bold.setBold(True)
        region = QFontMetrics(bold).horizontalAdvance(self._region + "　")
        # Two wrapped lines hold about twice the width, less what a line break leaves unused at the end of the
        # first (up to a character) and a margin.
        width = self.contentsRect().width() - 8  # the layout's margins
        room = 2 * max(width, 1) - region - 2 * metrics.horizontalAdvance("国")
        title = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(room, 0))
        self.header.setText(f"<b>{html.escape(self._region)}</b>　{html.escape(title)}")

    def show_matches(self, column: dict | None, source: dict | None) -> None:
        v = self.view
        if column is None:  # the source column
            cid = source["id"]
            # What was compared: a section's articles, an article's paragraphs, not its first line alone; the
            # wording each document's best match shares with it marked, as the exported tables mark it.
            shared = []
            if "compared_text" in source:  # the spans point into it (an older saved result has none)
                for col in (v.result or {}).get("columns", []):
                    if col.get("matches"):
                        shared += col["matches"][0].get("source_shared") or []
            text = spans_html(source.get("compared_text", source["text"]), shared,
                              source.get("compared_numbers", source.get("numbers", [])))
            self.body.setHtml(f'<p><a href="{cid}">{html.escape(source.get("citation", cid))}</a></p><p>{text}</p>')
            return
        decision = column.get("decision", "auto")
        self.decision.setText({"pin": self.tr("Pinned by you"), "none": self.tr("Marked: no counterpart"),
                               "auto": self.tr("Automatic match")}.get(decision, decision))
        if not column["matches"]:
            msg = self._no_counterpart(column.get("no_counterpart")) if decision != "none" else \
                self.tr("You marked: no counterpart in this document.")
            self.body.setHtml(f'<p style="color:#888"><i>{html.escape(msg)}</i></p>')
            return
        parts = []
        for m in column["matches"]:
            clause = v.corpus.clause(m["clause_id"])
            name = html.escape(display_name(clause) or m["clause_id"])
            pin = f'<img src="{PIN_ICON}" width="14" height="14"> ' if m.get("pinned") else ""
            parts.append(f'<p><b>{pin}<a href="{m["clause_id"]}">{name}</a></b>　{self._score_html(m)}</p>'
                         f'{self._evidence_html(m)}{self._topic_first_html(m)}{self._topic_column_html(m)}'
                         f'{self._reverse_html(m)}'
                         f'<p>{spans_html(m["text"], m.get("shared", []), m.get("numbers", []))}</p><hr>')
        self.body.setHtml("".join(parts))

    def _no_counterpart(self, why: dict | None) -> str:
        """Why the comparison shows no match in this document (``Column.no_counterpart``), in a sentence."""
        reason = (why or {}).get("reason")
        if reason == "subject":
            return self.tr("No counterpart in this document: it does not treat this clause's subject.")
        if reason == "coverage":
            topic = ((why or {}).get("topic") or {}).get("name") or ""
            return self.tr("No counterpart in this document: it lists no clause under %1, and its closest clause "
                           "matches only weakly.").replace("%1", topic)
        if reason == "nothing":
            return self.tr("No counterpart in this document: none of its clauses comes close to this one.")
        if reason == "unreached":
            return self.tr("Not compared: with this many documents, only those the library's search finds closest "
                           "to this clause are compared clause by clause, and this one is not among them. Compare "
                           "it among fewer documents to see its closest clauses.")
        return self.tr("No counterpart in this document.")

    def _score_html(self, m: dict) -> str:
        """The calibrated 0–100 score and its band (强 / 中 / 弱): the one scale of clause and topic comparison."""
        if m.get("confidence") is None:
            text = self.tr("not scored")  # outside the f-string: lupdate does not look inside one
            return f'<span style="color:#777">{html.escape(text)}</span>'
        colour = BAND_COLOURS.get(m.get("band"), "#777")
        text = self.tr("%1 · %2").replace("%1", str(m["confidence"])).replace("%2", labels.band(m.get("band")))
        return f'<span style="color:{colour};font-weight:bold">{html.escape(text)}</span>'

    def _evidence_html(self, m: dict) -> str:
        """One detail line: why this match (the frame role both play, shared key terms, topics, numbers)."""
        ev = m.get("evidence") or {}
        parts = []
        if ev.get("role"):
            parts.append(self.tr("Both: %1").replace("%1", ev["role"]))
        if ev.get("terms"):
            parts.append(self.tr("Shared terms: %1").replace("%1", "、".join(ev["terms"])))
        if ev.get("topics"):
            parts.append(self.tr("Topics: %1").replace("%1", "、".join(ev["topics"])))
        if ev.get("numbers"):
            parts.append(self.tr("Numbers: %1").replace("%1", "、".join(ev["numbers"])))
        if not parts:
            return ""
        return f'<p style="color:#777;font-size:small">{html.escape("；".join(parts))}</p>'

    def _topic_first_html(self, m: dict) -> str:
        """One detail line when the match is shown first ahead of a higher score: the coverage lists it under the
        clause's topic (``Match.topic_first``), so the clause and the topic comparison show the same clause."""
        topic = m.get("topic_first")
        if not topic:
            return ""
        text = self.tr("Shown first: the coverage lists it under this clause's topic, %1; the clause that scores "
                       "higher is not listed there").replace("%1", topic.get("name") or "")
        return f'<p style="color:#777;font-size:small">{html.escape(text)}</p>'

    def _topic_column_html(self, m: dict) -> str:
        """One detail line when the topic comparison would not show this match: the clauses the coverage lists
        under this clause's topic in the document instead, linked, or that it lists none (``Match.topic_column``)."""
        column = m.get("topic_column")
        if not column:
            return ""
        topic = html.escape(column.get("name") or "")
        ids = column.get("clause_ids") or []
        if not ids:
            text = html.escape(self.tr("Topic comparison: this document lists no clause under this clause's topic, "
                                       "%1; this match shares wording, not necessarily the subject")).replace("%1", topic)
        else:
            corpus = self.view.corpus
            links = "、".join(f'<a href="{cid}">{html.escape(display_name(corpus.clause(cid)) or cid)}</a>'
                             for cid in ids)
            text = html.escape(self.tr("Topic comparison: under this clause's topic, %1, this document lists %2, "
                                       "not this match")).replace("%1", topic).replace("%2", links)
        return f'<p style="color:#777;font-size:small">{text}</p>'

    def _reverse_html(self, m: dict) -> str:
        """One detail line (对照回去): the match compared back, and why it lands elsewhere if it does."""
        rev = m.get("reverse")
        if not rev:
            return ""
        name = " ".join(x for x in (rev.get("label"), rev.get("heading")) if x) or (rev.get("clause_id") or "")
        reason = rev.get("reason")
        topics = rev.get("topics") or []
        if reason == "mutual":
            text = self.tr("Compared back: its best match is this clause (mutual best)")
        elif rev.get("clause_id") is None:
            text = self.tr("Compared back: no candidate in this document")
        elif reason == "part":
            text = (self.tr("Compared back: its best match is %1, the section this clause sits in")
                    if rev.get("relation") == "above" else
                    self.tr("Compared back: its best match is %1, an item of this clause")).replace("%1", name)
        elif reason == "same_topic":
            text = self.tr("Compared back: its best match is %1, on the same topic (%2)").replace(
                "%1", name).replace("%2", "、".join(topics))
        elif reason == "broader":
            text = self.tr("Compared back: it treats several topics (%1); its best match is %2, on %3").replace(
                "%1", "、".join(topics)).replace("%2", name).replace("%3", topics[-1] if topics else "")
        elif reason == "listed":
            text = self.tr("Compared back: its best match is %1").replace("%1", name)
        else:
            text = self.tr("Compared back: its best match is %1, not this clause: this match may be wrong").replace(
                "%1", name)
        if reason != "mutual" and rev.get("clause_id") is not None:
            rank = rev.get("source_rank")
            text += "；" + (self.tr("this clause ranks %1").replace("%1", str(rank)) if rank
                           else self.tr("this clause is not among its 5 best candidates back"))
        colour = "#b35c00" if reason == "differs" else "#777"
        return f'<p style="color:{colour};font-size:small">{html.escape(text)}</p>'


class CompareView(ServiceView):
    open_requested = Signal(str)

    def __init__(self, services, parent=None):
        super().__init__(services, "compare", parent)
        self.source_id: str | None = None
        self.topic: str | None = None
        self.result: dict | None = None
        self.columns: list[_Column] = []
        self._ready = False
        self._syncing = False
        self._op: ops.Op | None = None
        self._pins_problem = ""  # why the user's pins could not be read, shown under the title
        self._set_note = ""  # the documents of a reopened set this library does not hold, said under the title
        self._left_out = 0  # ticked documents past MAX_COLUMNS, not compared (said under the title)
        self._saved_line = ""  # "saved as …", under the title until the next comparison is shown

        self.title = QLabel(self.tr("Choose a clause in the reader (Compare across provinces) or a topic."))
        self.title.setWordWrap(True)
        self.topic_box = QComboBox()
        self.topic_box.setMinimumWidth(160)
        self.topic_box.activated.connect(lambda _i: self.start_from_topic(self.topic_box.currentData()))
        self.docs_button = QPushButton(self.tr("Documents…"))
        self.docs_button.clicked.connect(self._toggle_docs)
        self.save_button = QPushButton(self.tr("Save set…"))
        self.save_button.clicked.connect(self.save_set_dialog)
        self.open_button = QPushButton(self.tr("Open set"))
        self.open_button.clicked.connect(self._open_set_menu)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Topic:")))
        bar.addWidget(self.topic_box)
        bar.addStretch(1)
        bar.addWidget(self.docs_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.open_button)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip("Word / Excel CSV / Markdown / HTML / PDF")
        self.export_button.clicked.connect(self.export)
        self.print_button = QPushButton(self.tr("Print preview…"))
        self.print_button.clicked.connect(self.print_preview)
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)
        self._sync_output_buttons()

        self.doc_list = QListWidget()
        self.doc_list.setObjectName("compare_docs")
        self.doc_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.doc_list.setToolTip(self.tr("The compared documents: untick to leave one out; drag to reorder"))
        self.doc_list.itemChanged.connect(lambda _i: self._docs_changed())
        self.doc_list.model().rowsMoved.connect(lambda *_: self._docs_changed())
        self.chooser = self._build_chooser()
        self.chooser.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("compare_columns")
        self.splitter.setChildrenCollapsible(False)
        # Many columns scroll sideways instead of widening the window.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.splitter)
        body = QHBoxLayout()
        body.addWidget(self.chooser)
        body.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        self.refresh_documents()
        self.topic_box.addItem(self.tr("(choose a topic)"), None)
        self._topics_filled = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        # The topic list loads when the view is first seen, not at start-up.
        if not self._topics_filled:
            self._topics_filled = True
            self._fill_topics()
        super().showEvent(event)

    # -- the document chooser ---------------------------------------------
    def _build_chooser(self) -> QWidget:
        """The compared documents (ticked, in column order) over filters to add others by region, level, year."""
        panel = QWidget()
        panel.setObjectName("compare_chooser")
        panel.setMaximumWidth(300)
        self.region_box = QComboBox()
        self.level_box = QComboBox()
        self.year_from = QSpinBox()
        self.year_to = QSpinBox()
        for box in (self.year_from, self.year_to):
            box.setRange(0, 2100)
            box.setSpecialValueText(self.tr("any"))
        self.words, self.matches, self.match_view = document_list(
            self, "compare_matches", QAbstractItemView.SelectionMode.ExtendedSelection)
        self.match_view.doubleClicked.connect(lambda _i: self._add_selected())
        self.match_count = QLabel()
        add = QPushButton(self.tr("Add selected"))
        add.clicked.connect(self._add_selected)
        reset = QPushButton(self.tr("Default"))
        reset.setToolTip(self.tr("The documents that matter for this comparison: your pins, what you read lately, "
                                 "the bundled policies, the same level in other regions"))
        reset.clicked.connect(lambda: self.set_doc_order([]) or self.refresh())
        for box in (self.region_box, self.level_box):
            box.activated.connect(lambda _i: self._filter_matches())
        for box in (self.year_from, self.year_to):
            box.valueChanged.connect(lambda _v: self._filter_matches())
        self.words.textChanged.connect(lambda _t: self._filter_matches())
        years = QHBoxLayout()
        years.addWidget(QLabel(self.tr("Year")))
        years.addWidget(self.year_from, 1)
        years.addWidget(QLabel("–"))
        years.addWidget(self.year_to, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(reset)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Compared documents")))
        layout.addWidget(self.doc_list, 2)
        layout.addWidget(QLabel(self.tr("Add documents")))
        layout.addWidget(self.region_box)
        layout.addWidget(self.level_box)
        layout.addLayout(years)
        layout.addWidget(self.words)
        layout.addWidget(self.match_view, 3)
        layout.addWidget(self.match_count)
        layout.addLayout(buttons)
        return panel

    def _fill_filters(self) -> None:
        docs = self.corpus.documents()
        for box, label, values in ((self.region_box, self.tr("All regions"), sorted({d.region for d in docs}, key=region_key)),
                                   (self.level_box, self.tr("All levels"),
                                    sorted({d.get("level") for d in docs if d.get("level")}, key=level_key))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, None)
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    def _filter_matches(self) -> None:
        """List the documents passing the filters (a model: thousands of rows cost nothing)."""
        docs = self.services.workspace.documents_matching(
            region=self.region_box.currentData(), level=self.level_box.currentData(),
            year_from=self.year_from.value() or None, year_to=self.year_to.value() or None, text=self.words.text())
        chosen = set(self.chosen_docs())
        self.matches.set_docs([d for d in docs if d.id not in chosen])
        self.match_count.setText(self.tr("%n document(s) match", "", len(self.matches.docs)))

    def _add_selected(self) -> None:
        rows = sorted({i.row() for i in self.match_view.selectionModel().selectedIndexes()})
        added = [self.matches.docs[r].id for r in rows]
        if added:
            self.set_doc_order(self.chosen_docs() + [d for d in added if d not in self.chosen_docs()])
            self.refresh()

    def refresh_documents(self) -> None:
        """Show the compared documents: the user's choice, or the ones that matter for this comparison."""
        order = [d for d in settings.get(settings.COMPARE_DOCS) if self.corpus.has_document(d)]
        ids = order or self.default_docs()
        self.doc_list.blockSignals(True)
        self.doc_list.clear()
        for doc_id in ids:
            doc = self.corpus.document(doc_id)
            item = QListWidgetItem(f"{doc.region} · {doc.subject_title}")
            item.setData(Qt.ItemDataRole.UserRole, doc_id)
            item.setToolTip(doc.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked)
            self.doc_list.addItem(item)
        self.doc_list.blockSignals(False)
        if self.chooser.isVisible():
            self._filter_matches()

    def default_docs(self) -> list[str]:
        """The documents that matter for the current comparison (``Workspace.compare_choice``)."""
        try:
            return self.services.workspace.compare_choice(self.source_id, settings.get(settings.RECENT_DOCS))
        except Exception:  # noqa: BLE001 - the pins could not be read: choose without them
            return self.services.workspace.compare_choice(None, settings.get(settings.RECENT_DOCS))

    def apply_changes(self, changes) -> None:
        """Documents or pins changed (``Services.changed``): show the compared documents again, then redo."""
        if changes.documents:
            self.refresh_documents()
        if self.source_id and not self.corpus.has_document(self.source_id.split("/", 1)[0]):
            self.source_id = None
        if self.source_id or self.topic:
            self.refresh()

    def _fill_topics(self) -> None:
        from index.compare.topics import load_topics

        self._topics_filled = True
        self.topic_box.clear()
        self.topic_box.addItem(self.tr("(choose a topic)"), None)
        for t in load_topics():
            self.topic_box.addItem(t.name, t.id)
        self._show_topic()

    def _show_topic(self) -> None:
        """The topic drop-down names the topic being compared ((choose a topic) for a clause)."""
        if not self._topics_filled:
            return  # filled when first shown, which selects it then
        at = 0
        if self.topic:
            from index.base.errors import KnownError
            from index.compare.topics import find_topic

            try:
                at = max(0, self.topic_box.findData(find_topic(self.topic).id))
            except KnownError:
                at = 0
        self.topic_box.setCurrentIndex(at)

    def chosen_docs(self) -> list[str]:
        """Ticked documents in the user's order."""
        out = []
        for i in range(self.doc_list.count()):
            item = self.doc_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_doc_order(self, doc_ids: list[str]) -> None:
        settings.put(settings.COMPARE_DOCS, list(doc_ids))
        self.refresh_documents()

    def _toggle_docs(self) -> None:
        self.chooser.setVisible(not self.chooser.isVisible())
        if self.chooser.isVisible():
            self._fill_filters()
            self._filter_matches()

    def _docs_changed(self) -> None:
        settings.put(settings.COMPARE_DOCS, self.chosen_docs())
        self.refresh()

    def save_state(self) -> None:
        settings.put(settings.COMPARE_DOCS, self.chosen_docs())

    def apply_font(self) -> None:
        size = max(10, int(settings.get(settings.FONT_SIZE)) - 2)
        for col in self.columns:
            col.body.setFont(theme.reader_font(size))

    # -- starting points ------------------------------------------------------
    def start_from_clause(self, clause_id: str) -> None:
        self._set_note = ""
        self.source_id, self.topic = clause_id, None
        self._show_topic()
        self.refresh_documents()  # the default documents depend on the source
        self.refresh()

    def start_from_topic(self, topic: str | None) -> None:
        if not topic:
            return
        self._set_note = ""
        self.source_id, self.topic = None, topic
        self._show_topic()
        self.refresh_documents()
        self.refresh()

    def starting_point(self) -> str:
        """What the view compares, for the saved session: ``clause:ID``, ``topic:ID`` or ""."""
        if self.source_id:
            return f"clause:{self.source_id}"
        return f"topic:{self.topic}" if self.topic else ""

    def restore_starting_point(self, point: str) -> None:
        """Compare again what ``starting_point()`` gave, if it still exists (a restored session).

        The comparison starts once the window has painted: its worker loads
        the alignment engine (numpy, rapidfuzz), which would hold up the first paint.
        """
        kind, _, ident = point.partition(":")
        if kind == "clause" and ident and self.corpus.has_document(ident.split("/", 1)[0]):
            self.source_id, self.topic = ident, None
        elif kind == "topic" and ident:
            self.source_id, self.topic = None, ident
        else:
            return
        self.title.setText(self.tr("Comparing…"))
        QTimer.singleShot(RESTORE_DELAY_MS, self.refresh)

    def is_ready(self) -> bool:
        """True once the current comparison is on screen (tests, screenshots)."""
        return self._ready

    def refresh(self) -> None:
        """Recompute the comparison on a worker."""
        if not self.source_id and not self.topic:
            return
        self._ready = False
        docs = self.chosen_docs()
        self._pins_problem = ""
        if self.source_id:
            source_doc = self.source_id.split("/", 1)[0]
            docs = [d for d in docs if d != source_doc]
        self._left_out = max(0, len(docs) - MAX_COLUMNS)
        docs = docs[:MAX_COLUMNS]
        if self.source_id:
            others = docs
            pins = self._pins()
            source_id = self.source_id

            def work(engine, cancelled):
                return engine.compare(source_id, doc_ids=others, limit=3, pins=pins, cancel=cancelled).to_dict()
        else:
            topic = self.topic

            def work(engine, cancelled):
                return engine.compare_topic(topic, doc_ids=docs, cancel=cancelled).to_dict()

        if self._op is not None:
            self._op.cancel()  # superseded: its result is dropped, never shown over this one
        self._op = self.services.run_engine(work, self._show, self._failed, self)

    def _pins(self) -> dict:
        from index.compare import comparisons

        if not self.source_id:
            return {}
        try:
            return comparisons.pins_map(self.services.db(), self.source_id)
        except Exception as exc:  # noqa: BLE001 - compare without the user's pins, and say why
            self._pins_problem = error_text(exc)
            return {}

    def _failed(self, exc: BaseException) -> None:
        self._op = None
        self.title.setText(error_text(exc))
        self._ready = True

    def _sync_output_buttons(self) -> None:
        """导出 and 打印预览 only with a comparison shown (on an empty view they were enabled and did nothing)."""
        for button in (self.export_button, self.print_button):
            button.setEnabled(bool(self.result))

    def _show(self, result: dict) -> None:
        self._op = None
        self.result = result
        self._sync_output_buttons()
        self._saved_line = ""
        for col in self.columns:
            col.setParent(None)
            col.deleteLater()
        self.columns = []
        source = result.get("source")
        left_out = ("\n" + self.tr("Showing the first %1 of the %2 chosen documents: choose fewer to see the others.")
                    .replace("%1", str(MAX_COLUMNS)).replace("%2", str(MAX_COLUMNS + self._left_out))
                    if self._left_out else "") + (f"\n{self._set_note}" if self._set_note else "")
        if source:
            self.title.setText(self.tr("Comparing %1").replace("%1", source.get("citation", source["id"]))
                               + ("\n" + self._pins_problem if self._pins_problem else "") + left_out)
            first = _Column(self, source["doc_id"], True)
            first.show_matches(None, source)
            self.columns.append(first)
        else:
            topic = result.get("topic", {})
            self.title.setText(self.tr("Topic: %1").replace("%1", topic.get("name", "")) + left_out)
        for column in result["columns"]:
            col = _Column(self, column["doc_id"], bool(result.get("topic")))
            col.show_matches(column, source)
            if result.get("topic"):  # after show_matches, which names the decision (a topic's columns have none)
                col.decision.setText(self.tr("%n clause(s)", "", len(column["matches"])))
            self.columns.append(col)
        for col in self.columns:
            self.splitter.addWidget(col)
            col.body.verticalScrollBar().valueChanged.connect(lambda v, c=col: self._sync_scroll(c, v))
        self.splitter.setSizes([1000] * len(self.columns))
        self._ready = True

    def _sync_scroll(self, origin: _Column, value: int) -> None:
        """Scroll the other columns to the same relative position."""
        if self._syncing:
            return
        self._syncing = True
        bar = origin.body.verticalScrollBar()
        frac = value / bar.maximum() if bar.maximum() else 0.0
        for col in self.columns:
            if col is not origin:
                other = col.body.verticalScrollBar()
                other.setValue(round(frac * other.maximum()))
        self._syncing = False

    def column_doc_ids(self) -> list[str]:
        return [c.doc_id for c in self.columns]

    # -- decisions ------------------------------------------------------------
    def _column(self, doc_id: str) -> dict | None:
        for column in (self.result or {}).get("columns", []):
            if column["doc_id"] == doc_id:
                return column
        return None

    def pin(self, doc_id: str, clause_id: str | None = None) -> None:
        """Pin ``clause_id`` (default: the column's best match) for the source clause."""
        if not self.source_id:
            return
        if clause_id is None:
            column = self._column(doc_id)
            if not column or not column["matches"]:
                self.replace(doc_id)
                return
            clause_id = column["matches"][0]["clause_id"]
        from index.compare import comparisons

        comparisons.set_pin(self.services.db(), self.source_id, doc_id, clause_id)
        self.refresh()

    def replace(self, doc_id: str) -> None:
        """Let the user choose any clause of the document as the counterpart."""
        if not self.source_id:
            return
        clauses = [c for c in self.corpus.clauses(doc_id) if c.kind not in ("closing",)]
        labels = [clause_line(c, 30) for c in clauses]  # 一、总体要求, not 一、总体要求　一、总体要求
        choice, ok = QInputDialog.getItem(self, self.tr("Replace counterpart"), self.tr("Clause:"), labels, 0, False)
        if ok and choice in labels:
            self.pin(doc_id, clauses[labels.index(choice)].id)

    def mark_none(self, doc_id: str) -> None:
        if not self.source_id:
            return
        from index.compare import comparisons

        comparisons.set_none(self.services.db(), self.source_id, doc_id)
        self.refresh()

    def clear(self, doc_id: str) -> None:
        if not self.source_id:
            return
        from index.compare import comparisons

        comparisons.clear_pin(self.services.db(), self.source_id, doc_id)
        self.refresh()

    # -- export and print (desktop.printing, index.reports) ---------------------
    def export(self) -> bool:
        """导出…: the comparison as a Word table (or CSV, Markdown, HTML, PDF), columns in view order."""
        if self.result:
            from desktop import printing

            printing.ask_export_comparison(self, self.result, corpus=self.corpus, doc_order=self.column_doc_ids())
        return bool(self.result)

    def print_preview(self) -> bool:
        if self.result:
            from desktop import printing

            printing.preview_comparison(self, self.result, corpus=self.corpus, doc_order=self.column_doc_ids())
        return bool(self.result)

    # -- saved sets -----------------------------------------------------------
    def payload(self) -> dict:
        from index.compare import comparisons

        out: dict = {"doc_ids": self.chosen_docs(), "pins": []}
        if self.source_id:
            out["source_clause_id"] = self.source_id
            out["pins"] = [{k: p[k] for k in ("source_clause_id", "doc_id", "clause_id", "decision")}
                           for p in comparisons.pins_for(self.services.db(), self.source_id)]
        else:
            out["topic"] = self.topic
        return out

    def save_set(self, name: str) -> dict:
        from index.compare import comparisons

        return comparisons.save_set(self.services.db(), name, self.payload())

    def save_set_dialog(self) -> None:
        if not self.source_id and not self.topic:
            return
        from index.compare import comparisons

        name, ok = QInputDialog.getText(self, self.tr("Save comparison set"), self.tr("Name:"))
        name = name.strip()
        if not ok or not name:
            return
        try:
            taken = any(s["name"] == name for s in comparisons.list_sets(self.services.db()))
            if taken and QMessageBox.question(
                    self, self.tr("Save comparison set"),
                    self.tr("A comparison set named “%1” already exists. Replace it with this comparison?")
                    .replace("%1", name)) != QMessageBox.StandardButton.Yes:
                return
            self.save_set(name)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.title.setText(error_text(exc))
            return
        self._say_saved(self.tr("Saved as the comparison set “%1”.").replace("%1", name))

    def _say_saved(self, line: str) -> None:
        """Say under the title that the set was saved (a second save's line replaces the first's)."""
        text = self.title.text()
        if self._saved_line and text.endswith("\n" + self._saved_line):
            text = text[: -len(self._saved_line) - 1]
        self._saved_line = line
        self.title.setText(f"{text}\n{line}")

    def _open_set_menu(self) -> None:
        from index.compare import comparisons

        menu = QMenu(self)
        sets = comparisons.list_sets(self.services.db())
        if not sets:
            menu.addAction(self.tr("(no saved sets)")).setEnabled(False)
        for s in sets:
            menu.addAction(s["name"], lambda n=s["name"]: self.open_set(n))
        menu.addSeparator()
        menu.addAction(self.tr("Import a set file…"), self.import_set_dialog)
        export = menu.addAction(self.tr("Export a set to a file…"), self.export_set_dialog)
        export.setEnabled(bool(sets))
        menu.exec(self.open_button.mapToGlobal(self.open_button.rect().bottomLeft()))
        menu.deleteLater()

    def import_set_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from index.compare import comparisons

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a set file"), "", "JSON (*.json)")
        if not path:
            return
        try:
            saved = comparisons.import_set(self.services.db(), Path(path))
        except Exception as exc:  # noqa: BLE001 - a bad file is the user's to see
            self.title.setText(error_text(exc))
            return
        self.open_set(saved["name"])

    def export_set_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from index.compare import comparisons

        names = [s["name"] for s in comparisons.list_sets(self.services.db())]
        name, ok = QInputDialog.getItem(self, self.tr("Export a set to a file"), self.tr("Set:"), names, 0, False)
        if not ok or not name:
            return
        from index.base.paths import file_name

        # The set's name as a file name every system takes ("CON", "北京/上海", 100 characters are names of sets).
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export a set to a file"),
                                              f"{file_name(name, default='comparison-set')}.json", "JSON (*.json)")
        if path:
            try:
                comparisons.export_set(self.services.db(), name, Path(path))
            except Exception as exc:  # noqa: BLE001 - shown to the user
                self.title.setText(error_text(exc))
                return
            from desktop import printing

            printing.confirm_saved(self, path)

    def open_set(self, name: str) -> None:
        """Reopen a saved set: its documents, order, pins and starting point."""
        from index.base.errors import KnownError
        from index.compare import comparisons

        db = self.services.db()
        try:  # a set from a colleague's library may name what this one does not hold
            data, missing = comparisons.usable_set(comparisons.load_set(db, name), self.corpus)
        except KnownError as exc:
            self.title.setText(error_text(exc))
            return
        for pin in data.get("pins", []):
            if pin["decision"] == "pin":
                comparisons.set_pin(db, pin["source_clause_id"], pin["doc_id"], pin["clause_id"])
            else:
                comparisons.set_none(db, pin["source_clause_id"], pin["doc_id"])
        self.set_doc_order(data.get("doc_ids", []))
        if data.get("source_clause_id"):
            self.start_from_clause(data["source_clause_id"])
        else:
            self.start_from_topic(data.get("topic"))
        if missing:
            self._set_note = self.tr("Not in your library, left out: %1").replace("%1", "、".join(missing))
