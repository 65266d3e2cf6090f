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
