"""The 修订对照 view: two versions of a document side by side, their changes marked.

One table with two columns (修改前 / 修改后), so the versions scroll together
and each article stands beside its counterpart: deletions struck through,
insertions underlined, a summary (N 条修改, N 条新增, N 条删除), and
上一处 / 下一处 to step through the changes (the current one shaded). The
alignment (``index.compare.redline``) runs on a worker. 导出… writes the
新旧对照表 shown (Word, CSV, HTML, PDF).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolButton,
)

from desktop import theme
from desktop.errors import error_text
from desktop.widgets import ServiceView, hbox, vbox
from index.reports.html_redline import redline_body
from index.reports.redline_table import RedlineTable, redline_table


class RedlineView(ServiceView):
    def __init__(self, services, parent=None):
        super().__init__(services, "redline", parent)
        self.redline = None
        self.table: RedlineTable | None = None
        self.current = -1  # index into self.table.rows of the change shown, -1 before the first
        self._op = None
        self._ready = True

        self.old_box = QComboBox()
        self.old_box.setObjectName("redline_old")
        self.new_box = QComboBox()
        self.new_box.setObjectName("redline_new")
        for box in (self.old_box, self.new_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(18)
            box.activated.connect(lambda _i: self._recompute())
        self.swap_button = QToolButton()
        self.swap_button.setIcon(theme.icon("swap"))  # an icon: a ⇄ glyph shows as a box without a symbol font
        self.swap_button.setToolTip(self.tr("Swap the two versions"))
        self.swap_button.clicked.connect(self.swap)
        self.summary = QLabel()
        self.summary.setObjectName("redline_summary")
        self.changes_only = QCheckBox(self.tr("Changes only"))
        self.changes_only.setToolTip(self.tr("Hide the articles that did not change"))
        self.changes_only.setChecked(True)
        self.changes_only.toggled.connect(lambda _on: self._render(keep=True))
        self.prev_button = QPushButton(self.tr("Previous change"))
        self.prev_button.setShortcut(QKeySequence("Shift+F8"))
        self.prev_button.setToolTip(self.tr("Previous change (Shift+F8)"))
        self.prev_button.clicked.connect(self.previous_change)
        self.next_button = QPushButton(self.tr("Next change"))
        self.next_button.setShortcut(QKeySequence("F8"))
        self.next_button.setToolTip(self.tr("Next change (F8)"))
        self.next_button.clicked.connect(self.next_change)
        self.position = QLabel()
        self.browser = QTextBrowser()
        self.browser.setObjectName("redline_text")
        self.browser.setOpenLinks(False)
        self.hint = QLabel(self.tr("Choose a document with several versions: 修订对照 in the library's menu or the "
                                   "reader shows what changed between them."))
        self.hint.setWordWrap(True)

        vbox(hbox(QLabel(self.tr("Before:")), (self.old_box, 1), self.swap_button, QLabel(self.tr("After:")),
                  (self.new_box, 1)),
             hbox((self.summary, 1), self.changes_only, self.position, self.prev_button, self.next_button),
             self.hint, (self.browser, 1), parent=self, margins=4)
        self._update_buttons()

    # -- choosing the versions -------------------------------------------------
    def show_document(self, doc_id: str) -> None:
        """Compare ``doc_id`` with the version before it (or, for the oldest, with the one after it)."""
        versions = self.services.workspace.versions(doc_id)
        ids = [v["doc_id"] for v in versions]
        at = ids.index(doc_id)
        if len(ids) < 2:
            self._fill(versions, doc_id, doc_id)
            self._clear(self.tr("“%1” has no other version. Link it to another version from its menu in the "
                                "library.").replace("%1", self.corpus.document(doc_id).short_title))
            return
        old, new = (ids[at - 1], doc_id) if at > 0 else (doc_id, ids[1])
        self.show_versions(old, new)

    def show_versions(self, old_id: str, new_id: str) -> None:
        """Compare two given versions (the lists offer every version of their document)."""
        versions = self.services.workspace.versions(new_id)
        known = {v["doc_id"] for v in versions}
        if old_id not in known:
            versions = self.services.workspace.versions(old_id) + versions
        self._fill(versions, old_id, new_id)
        self._recompute()

    def _fill(self, versions: list[dict], old_id: str, new_id: str) -> None:
        undated = self.tr("undated")  # outside the f-string: lupdate does not look inside one
        for box, chosen in ((self.old_box, old_id), (self.new_box, new_id)):
            box.blockSignals(True)
            box.clear()
            for v in versions:
                doc = self.corpus.document(v["doc_id"])
                mark = "" if v["status"] == "现行" or v["status"] in doc.short_title else f"〔{v['status']}〕"
                box.addItem(f"{v['date'] or undated}　{doc.short_title}{mark}", v["doc_id"])
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.blockSignals(False)

    def swap(self) -> None:
        old, new = self.old_box.currentIndex(), self.new_box.currentIndex()
        self.old_box.setCurrentIndex(new)
        self.new_box.setCurrentIndex(old)
        self._recompute()

    def chosen(self) -> tuple[str | None, str | None]:
        return self.old_box.currentData(), self.new_box.currentData()

    # -- computing and showing ---------------------------------------------------
    def _recompute(self) -> None:
        old_id, new_id = self.chosen()
        if not old_id or not new_id:
            return
        if old_id == new_id:
            self._clear(self.tr("Choose two different versions."))
            return
        if self._op is not None:
            self._op.cancel()  # superseded: only the newest comparison is shown
        self._ready = False
        self.hint.setText(self.tr("Comparing…"))
        self.hint.show()

        def work(engine, cancelled):
            return engine.diff(old_id, new_id, cancel=cancelled)

        self._op = self.services.run_engine(work, self._show, self._failed, self)

    def _show(self, redline) -> None:
        self._op = None
        self._ready = True
        self.redline = redline
        self.hint.hide()
        self.current = -1
        self._render()

    def _failed(self, exc: BaseException) -> None:
        self._op = None
        self._clear(error_text(exc))

    def _clear(self, message: str) -> None:
        self._ready = True
        self.redline = None
        self.table = None
        self.browser.clear()
        self.summary.clear()
        self.hint.setText(message)
        self.hint.show()
        self._update_buttons()

    def _render(self, keep: bool = False) -> None:
        if self.redline is None:
            return
        shown_row = self.table.rows[self.current] if keep and self.table and 0 <= self.current < len(self.table.rows) \
            else None
        self.table = redline_table(self.redline, unchanged=not self.changes_only.isChecked())
        self.current = self.table.rows.index(shown_row) if shown_row in self.table.rows else -1
        s = self.redline.summary
        text = (self.tr("%1 changed, %2 added, %3 removed").replace("%1", str(s["changed"]))
                .replace("%2", str(s["added"])).replace("%3", str(s["removed"])))
        if s["moved"]:
            text += self.tr(", %1 moved").replace("%1", str(s["moved"]))
        text += self.tr("; %1 unchanged").replace("%1", str(s["unchanged"]))
        if self.redline.renumbered:
            text += self.tr(" (%1 of them renumbered)").replace("%1", str(self.redline.renumbered))
        self.summary.setText(f"<b>{text}</b>")
        bar = self.browser.verticalScrollBar()
        top = bar.value()
        self.browser.setHtml(redline_body(self.table, self.current, header=False))
        bar.setValue(top)
        self._update_buttons()

    def change_rows(self) -> list[int]:
        """Indices (in ``table.rows``) of the rows that changed, in reading order."""
        return [k for k, r in enumerate(self.table.rows) if r.change != "unchanged"] if self.table else []

    def next_change(self) -> None:
        self._step(1)

    def previous_change(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        rows = self.change_rows()
        if not rows:
            return
        if self.current in rows:
            k = rows.index(self.current) + step
        else:
            k = 0 if step > 0 else len(rows) - 1
        self.current = rows[max(0, min(len(rows) - 1, k))]
        self.browser.setHtml(redline_body(self.table, self.current, header=False))
        self.browser.scrollToAnchor(f"row-{self.current}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.change_rows()
        at = rows.index(self.current) if self.current in rows else -1
        self.prev_button.setEnabled(bool(rows) and at != 0)
        self.next_button.setEnabled(bool(rows) and at != len(rows) - 1)
        self.position.setText(f"{at + 1} / {len(rows)}" if at >= 0 else (f"— / {len(rows)}" if rows else ""))
        self.changes_only.setEnabled(self.redline is not None)

    def is_ready(self) -> bool:
        """Whether no comparison is running (the screenshot and the tests wait for it)."""
        return self._ready

    # -- the rest of the window ---------------------------------------------------
    def apply_changes(self, changes) -> None:
        """Documents changed: drop versions that are gone, compare again when a shown one changed."""
        old_id, new_id = self.chosen()
        if not old_id or not changes.documents:
            return
        if old_id in changes.removed or new_id in changes.removed:
            keep = new_id if new_id not in changes.removed else old_id
            if keep not in changes.removed and self.corpus.has_document(keep):
                self.show_document(keep)
            else:
                self._fill([], "", "")
                self._clear(self.tr("The versions shown were removed from the library."))
        elif old_id in changes.edited or new_id in changes.edited:
            self.show_versions(old_id, new_id)

    def report(self) -> RedlineTable | None:
        """The 新旧对照表 as shown (changes only, or every article), for 导出… and 打印预览…."""
        return self.table if self.redline is not None else None

    def export(self) -> bool:
        from desktop import printing

        return printing.export_shown(self, "redline")

    def print_preview(self) -> bool:
        from desktop import printing

        return printing.preview_shown(self, "redline")

    def state(self) -> str:
        """``OLD|NEW``: what the session restores."""
        old_id, new_id = self.chosen()
        return f"{old_id}|{new_id}" if old_id and new_id else ""
