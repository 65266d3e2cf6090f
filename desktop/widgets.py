"""Small building blocks the views share: a view over the engine's services, tool buttons, row tables, box layouts,
a label that shortens its text to its width."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QSizePolicy,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class ServiceView(QWidget):
    """A view over the engine: its ``services``, their ``corpus``, and an object name (styles, settings, tests)."""

    def __init__(self, services, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.services = services
        self.corpus = services.corpus


class ElidedLabel(QLabel):
    """One line of plain text shortened to the width the layout gives it (… in the middle, so a citation's clause
    at the end stays), the whole text on hover: a long document title never makes the window wider than the
    screen. ``text()`` is the whole text."""

    def __init__(self, text: str = "", mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle, parent=None):
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Not selectable: what shows may be shortened, so a selection could copy 《嘉兴…》; the owner offers
        # the whole text (the reader's Copy citation).
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # down to minimumSizeHint
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text or ""
        self._elide()

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance("……") * 2, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(self.width() - 2, 0))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


def tool_button(text: str, clicked: Callable[[], object] | None = None, tip: str = "",
                name: str = "") -> QToolButton:
    """A tool button showing ``text`` (already translated), calling ``clicked`` when pressed."""
    button = QToolButton()
    button.setText(text)
    if tip:
        button.setToolTip(tip)
    if name:
        button.setObjectName(name)
    if clicked is not None:
        button.clicked.connect(lambda: clicked())
    return button


def row_table(headers: list[str], stretch: int, name: str = "", read_only: bool = False) -> QTableWidget:
    """A table chosen by whole rows, with ``headers`` (already translated); column ``stretch`` takes the spare width.

    ``read_only`` tables choose one row at a time, cannot be edited, and show no row numbers.
    """
    table = QTableWidget(0, len(headers))
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if read_only:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
    return table


# An item of a box: a widget, a layout, an int (a stretch that far), or (widget, stretch factor).
BoxItem = QWidget | QLayout | int | tuple[QWidget, int]


def hbox(*items: BoxItem, parent: QWidget | None = None, margins: int | None = None) -> QHBoxLayout:
    """A row of ``items``; see ``BoxItem``. ``margins`` sets all four contents margins."""
    return _filled(QHBoxLayout(parent) if parent is not None else QHBoxLayout(), items, margins)


def vbox(*items: BoxItem, parent: QWidget | None = None, margins: int | None = None) -> QVBoxLayout:
    """A column of ``items``; see ``BoxItem``. ``margins`` sets all four contents margins."""
    return _filled(QVBoxLayout(parent) if parent is not None else QVBoxLayout(), items, margins)


def _filled(box: QBoxLayout, items: tuple[BoxItem, ...], margins: int | None):
    if margins is not None:
        box.setContentsMargins(margins, margins, margins, margins)
    for item in items:
        if isinstance(item, tuple):
            box.addWidget(*item)
        elif isinstance(item, int):
            box.addStretch(item)
        elif isinstance(item, QLayout):
            box.addLayout(item)
        else:
            box.addWidget(item)
    return box
