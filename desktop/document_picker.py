"""Choosing one document of thousands: a list narrowed by words of its title, issuer or number.

``DocumentListModel`` is the list (one text row a document, however many:
no widget per row), shared with the comparison's document chooser.
``pick_document`` asks for one document in a dialog (which document another
is a version of): the likely ones first, narrowed as the user types, in
either script.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
)


class DocumentListModel(QAbstractListModel):
    """Documents as rows "region · year · short title" (the full title as the tooltip, the id as ``UserRole``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.docs: list = []

    def set_docs(self, docs: list) -> None:
        self.beginResetModel()
        self.docs = docs
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.docs)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt override (private in QAbstractListModel)
        return 0 if parent.isValid() else 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self.docs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{doc.region} · {doc.get('year') or '—'} · {doc.subject_title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return doc.title
        if role == Qt.ItemDataRole.UserRole:
            return doc.id
        return None


def document_list(parent, name: str, selection: QAbstractItemView.SelectionMode
                  ) -> tuple[QLineEdit, DocumentListModel, QListView]:
    """A words box over a list of documents (its model empty): the picker's, and the comparison's chooser's."""
    words = QLineEdit()
    words.setPlaceholderText(QCoreApplication.translate("DocumentPicker", "Words in the title, issuer or number"))
    words.setClearButtonEnabled(True)
    model = DocumentListModel(parent)
    view = QListView()
    view.setObjectName(name)
    view.setModel(model)
    view.setUniformItemSizes(True)
    view.setSelectionMode(selection)
    return words, model, view


class DocumentPicker(QDialog):
    """A dialog listing ``docs`` (in their order), narrowed by ``matching(words)`` (the documents whose title,
    issuer or number hold the words, ``Workspace.documents_matching``); ``chosen()`` after it is accepted."""

    def __init__(self, parent, title: str, label: str, docs: list, matching: Callable[[str], list]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._all = docs
        self._matching = matching
        self.words, self.model, self.view = document_list(self, "picker_list",
                                                          QAbstractItemView.SelectionMode.SingleSelection)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        self.words.textChanged.connect(self._narrow)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.words)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(560, 480)
        self._narrow("")

    def _narrow(self, words: str) -> None:
        if words.strip():
            keep = {d.id for d in self._matching(words)}
            docs = [d for d in self._all if d.id in keep]
        else:
            docs = self._all
        self.model.set_docs(docs)
        self.count.setText(self.tr("%n document(s)", "", len(docs)))
        if docs:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(docs))

    def chosen(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None


def pick_document(parent, title: str, label: str, docs: list, matching: Callable[[str], list]) -> str | None:
    """Ask for one of ``docs`` (``DocumentPicker``); its id, or None if cancelled."""
    dialog = DocumentPicker(parent, title, label, docs, matching)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
