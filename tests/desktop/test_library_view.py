"""The library tree: regions, counts, drafts flagged."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_library_groups_by_region_and_counts(idle_win):
    lib = idle_win.library
    regions = lib.model.groups()
    assert any(r.startswith("浙江省") and "2" in r for r in regions)
    assert lib.model.document_count() == 5
    lib.filter_edit.setText("吉林")
    assert lib._count_docs(lib.tree.rootIndex()) == 1
    lib.filter_edit.setText("開發區")  # traditional filter finds simplified titles too
    assert lib._count_docs(lib.tree.rootIndex()) >= 3


def test_draft_is_flagged(idle_win):
    lib = idle_win.library
    flags = []
    model = lib.model
    for r in range(model.rowCount()):
        region = model.index(r, 0)
        for lr in range(model.rowCount(region)):
            level = model.index(lr, 0, region)
            for dr in range(model.rowCount(level)):
                flags.append(model.index(dr, 1, level).data())
    assert sum("征求意见稿" in f for f in flags) == 1
