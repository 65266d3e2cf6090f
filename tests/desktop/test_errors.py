"""Engine errors shown to the user: Chinese titles and texts."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_engine_errors_are_shown_in_chinese(app):
    from desktop.errors import ERROR_TITLES, error_text
    from index.base.errors import KnownError
    from index.compare.comparisons import SetFileError
    from index.userdata.database import DatabaseNewerError

    text = error_text(DatabaseNewerError("user database version 9 is newer than this ZoneRef understands (3)"))
    assert text.startswith("笔记数据库由更新版本的 ZoneRef 写入") and "详情：user database version 9" in text
    assert error_text(SetFileError("bad json")).startswith("此文件不是有效的对比组文件")
    assert error_text(KnownError("x")).startswith("操作未能完成")
    assert error_text(ValueError("z")).startswith("意外错误（程序缺陷）")
    from PySide6.QtCore import QCoreApplication

    for title in ERROR_TITLES.values():  # every title has its Chinese
        assert QCoreApplication.translate("Errors", title) != title


def test_an_export_over_a_file_open_in_word_says_so_in_chinese(app, tmp_path, monkeypatch):
    """Windows: Word keeps the file it shows open, and exporting over it again was "导出失败。" with an English
    "Access is denied" as the only detail."""
    import os
    import time

    from desktop.errors import error_text
    from index.reports import write_file
    from index.reports.model import ExportError

    target = tmp_path / "对照表.docx"
    target.write_bytes(b"old")

    def held_open(src, dst):
        raise PermissionError(13, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", held_open)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    with pytest.raises(ExportError) as exc:
        write_file(target, lambda tmp: tmp.write_bytes(b"new"), suffix=".docx")
    assert exc.value.code == "export_in_use" and target.read_bytes() == b"old"
    assert error_text(exc.value).startswith("导出失败：该文件正被其他程序（Word、WPS、Excel 等）打开")
    monkeypatch.undo()
    with pytest.raises(ExportError) as other:  # any other failure keeps its own sentence
        write_file(tmp_path / "无此文件夹" / "a.docx", lambda tmp: tmp.write_bytes(b"new"), suffix=".docx")
    assert other.value.code == "export" and error_text(other.value).startswith("导出失败。")
