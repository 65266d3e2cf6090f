"""“Saved to …” after an export: where the file went, with buttons to open it or its folder.

It sits in the main window's status bar (left), stays until the next export
or until closed (a temporary status message hides it for its few seconds),
and opens files through the desktop (``QDesktopServices``: Word for .docx,
the file manager for the folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QToolButton, QWidget


def open_in_desktop(path: Path | str) -> bool:
    """Open a file or folder with the system's default program; False if the desktop refused."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SavedNotice(QWidget):
    """The status bar's confirmation of a saved file: its name (full path as tooltip), 打开, 打开所在文件夹, close."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("saved_notice")
        self.path: Path | None = None
        self.label = QLabel()
        self.open_button = QToolButton()
        self.open_button.setObjectName("open_file")
        self.open_button.setText(self.tr("Open"))
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QToolButton()
        self.folder_button.setObjectName("open_folder")
        self.folder_button.setText(self.tr("Open folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QToolButton()
        self.close_button.setObjectName("dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.open_button, self.folder_button, self.close_button):
            layout.addWidget(w)
        self.hide()

    def show_saved(self, path: Path | str) -> None:
        """Say that ``path`` was written."""
        self.path = Path(path).resolve()
        self.label.setText(self.tr("Saved: %1").replace("%1", self.path.name))
        self.label.setToolTip(str(self.path))
        self.folder_button.setToolTip(str(self.path.parent))
        self.show()

    def open_file(self) -> bool:
        return self.path is not None and open_in_desktop(self.path)

    def open_folder(self) -> bool:
        return self.path is not None and open_in_desktop(self.path.parent)
