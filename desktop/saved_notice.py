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
from PySide6.QtWidgets import QLabel, QStyle, QWidget

from desktop.widgets import hbox, tool_button


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
        self.open_button = tool_button(self.tr("Open"), self.open_file, name="open_file")
        self.folder_button = tool_button(self.tr("Open folder"), self.open_folder, name="open_folder")
        self.close_button = tool_button("", self.hide, tip=self.tr("Close"), name="dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        hbox(self.label, self.open_button, self.folder_button, self.close_button, parent=self, margins=0)
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
