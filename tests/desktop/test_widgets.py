"""The views' shared building blocks."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QWidget

from desktop.widgets import row_table, tool_button, vbox


def test_row_table_chooses_rows_and_stretches_one_column(qtbot):
    table = row_table(["甲", "乙", "丙"], stretch=2, name="files")
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    assert table.columnCount() == 3 and table.objectName() == "files"
    assert [table.horizontalHeaderItem(i).text() for i in range(3)] == ["甲", "乙", "丙"]
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(0) != QHeaderView.ResizeMode.Stretch
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers  # editable unless read_only


def test_read_only_row_table_chooses_one_row_and_cannot_be_edited(qtbot):
    table = row_table(["时间", "文件"], stretch=1, read_only=True)
    qtbot.addWidget(table)
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert table.verticalHeader().isHidden()


def test_vbox_and_tool_button(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    pressed = []
    button = tool_button("导出", lambda: pressed.append(1), tip="导出为文件", name="export")
    box = vbox(QLabel("标题"), (button, 1), 2, parent=parent, margins=3)
    assert box.count() == 3 and box.stretch(1) == 1 and parent.layout() is box
    assert box.contentsMargins().left() == 3
    button.click()
    assert pressed == [1] and button.toolTip() == "导出为文件" and button.objectName() == "export"
