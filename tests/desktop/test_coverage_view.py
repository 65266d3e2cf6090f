"""The coverage matrix view: by province or document, a cell opens its clause."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_coverage_by_province_or_document(win, qtbot):
    from desktop import settings

    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    model = view.model
    assert not view.by_document.isChecked()
    regions = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    # The provinces in the administrative codes' order (河北 13, 吉林 22, 浙江 33, 河南 41), not the characters'.
    assert [r.split("\n")[0] for r in regions] == ["河北省", "吉林省", "浙江省", "河南省"]
    assert regions[2] == "浙江省\n2 份文件"
    row = next(r for r in range(model.rowCount()) if model.topics[r]["name"] == "土地集约")
    zhejiang = model.clause_ids(row, 2)
    shown = view.report()  # what 导出… writes: the columns on screen
    assert [c.region for c in shown.columns] == [r.split("\n")[0] for r in regions] and shown.by_region
    assert [e.clause_id for e in shown.rows[row].cells[2]] == zhejiang
    view.by_document.setChecked(True)  # one column per document: the province's cells split
    assert model.columnCount() == 5 and settings.get(settings.COVERAGE_BY_DOCUMENT)
    split = [model.clause_ids(row, c) for c in range(5) if model.documents[c]["region"] == "浙江省"]
    assert len(split) == 2 and sorted(split[0] + split[1]) == sorted(zhejiang) and all(split)
    shown = view.report()
    assert [c.doc_id for c in shown.columns] == [d["doc_id"] for d in model.documents] and not shown.by_region


def test_coverage_cell_opens_clause(win, qtbot):
    win.show_coverage()
    view = win.coverage_view
    view.by_document.setChecked(True)
    qtbot.waitUntil(view.is_ready, timeout=30000)
    model = view.model
    assert model.rowCount() >= 20 and model.columnCount() == 5
    row = next(r for r in range(model.rowCount())
               if len(model.clause_ids(r, 0)) == 1)
    opened = []
    view.open_requested.connect(opened.append)
    view._cell_clicked(model.index(row, 0))
    assert opened == model.clause_ids(row, 0)
    empty = [(r, c) for r in range(model.rowCount()) for c in range(5) if not model.clause_ids(r, c)]
    assert empty and model.index(*empty[0]).data() == "—"


def test_many_provinces_keep_their_names_whole_and_scroll(win, qtbot):
    """31 provinces squeezed into the window cut 内蒙古自治区 and "24 份文件"; columns now fit their headers."""
    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    header = view.table.horizontalHeader()
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch  # four provinces fit: stretched
    data = dict(view.data)
    regions = [f"第{k}号{'维吾尔自治区' if k % 3 == 0 else '省'}" for k in range(31)]
    docs = [dict(d, doc_id=f"{d['doc_id']}-{k}", region=regions[k], members=[f"{d['doc_id']}-{k}"] * 2)
            for k, d in enumerate((data["documents"] * 7)[:31])]
    data["documents"] = docs
    data["matrix"] = {t["id"]: {d["doc_id"]: [] for d in docs} for t in data["topics"]}
    view.data = data
    view.by_document.setChecked(True)  # one column per (made-up) document, each a province of its own
    model = view.model
    assert model.columnCount() == 31
    assert header.sectionResizeMode(0) == header.ResizeMode.Interactive
    metrics = header.fontMetrics()
    for col in range(31):
        lines = str(model.headerData(col, Qt.Orientation.Horizontal)).split("\n")
        assert header.sectionSize(col) >= max(metrics.horizontalAdvance(line) for line in lines)
    assert header.length() > view.table.viewport().width()  # wider than the window: it scrolls


def test_thousands_of_documents_are_shown_without_asking_every_cell(win, qtbot, monkeypatch):
    """At 3,500 documents, choosing one column per document froze the window 1.4 s: rows sized to their contents
    asked all ~92,000 cells (and each several times). Only the cells on screen may be asked now."""
    from desktop.coverage_view import CoverageModel

    asked = []
    real_data = CoverageModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked.append(index.column())
        return real_data(self, index, role)

    # The view's own model counted (a model of the test's own set in its place segfaulted in setModel once in
    # twenty runs, under xdist, while the search index was built on a worker thread).
    monkeypatch.setattr(CoverageModel, "data", counting)
    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    _shown_without_asking_every_cell(view, qtbot, asked)


def _shown_without_asking_every_cell(view, qtbot, asked):
    from index.compare.topics import coverage_by_region

    data = dict(view.data)
    docs = [dict(d, doc_id=f"{d['doc_id']}-{k}") for k, d in enumerate(data["documents"] * 600)]  # 3,000
    data["documents"] = docs
    data["matrix"] = {t["id"]: {d["doc_id"]: [f"{d['doc_id']}/c1"] for d in docs} for t in data["topics"]}
    view.data, view.merged = data, coverage_by_region(data)
    view.by_document.setChecked(True)
    qtbot.wait(100)  # painted
    assert view.model.columnCount() == 3000
    assert asked and len(set(asked)) < 100  # the columns on screen, not 3,000
    # Each header fits the shared width, cut with … (it was clipped on both sides: 强重点园区实, 改革创新推进).
    metrics = view.table.horizontalHeader().fontMetrics()
    for col in (0, 1, 2999):
        lines = view.model.headerData(col, Qt.Orientation.Horizontal).split("\n")
        assert max(map(metrics.horizontalAdvance, lines)) <= view.table.horizontalHeader().sectionSize(col) - 12
        assert lines[1].endswith("…") or len(lines[1]) <= view.model.header_chars
    asked.clear()
    view.by_document.setChecked(False)  # back to provinces: widths from the headers, no cell measured
    qtbot.wait(100)
    assert view.model.columnCount() == 4 and len(asked) < 2000


def test_the_view_says_how_far_making_the_matrix_is(win, qtbot, monkeypatch):
    """Made the first time after a tagger change, the matrix takes about a minute at 3,500 documents: the view
    says how many documents are done (the engine's ``progress``), then shows its hint again."""
    from index.compare import topics

    seen = []
    monkeypatch.setattr(topics, "PROGRESS_EVERY", 1)
    view = win.coverage_view
    hint = view.hint.text()
    real = view._progress

    def watch(done, total, message=""):
        real(done, total, message)
        seen.append((done, total, view.hint.text()))

    monkeypatch.setattr(view, "_progress", watch)
    win.show_coverage()
    qtbot.waitUntil(view.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: seen and seen[-1][0] == seen[-1][1], timeout=5000)
    total = len(win.corpus.documents())
    assert [d for d, _, _ in seen] == list(range(total + 1)) and {t for _, t, _ in seen} == {total}
    assert "1 / 5" in seen[1][2] or "1 of 5" in seen[1][2]
    assert view.hint.text() == hint  # shown again once the matrix is there



def test_exporting_the_matrix_builds_its_table_on_a_worker_then_asks_where(win, qtbot, monkeypatch):
    """At 3,440 documents the export's table takes 4–14 s to build: it must not freeze the window."""
    import threading

    from desktop import printing
    from index.reports import builders

    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    built_on, asked = [], []
    real = builders.coverage_table

    def spy(*args, **kwargs):
        built_on.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr("index.reports.coverage_table", spy)
    monkeypatch.setattr(printing, "ask_export_report", lambda parent, kind, report: asked.append((kind, report)))
    assert view.export()
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert built_on == [False]  # built on a worker thread
    kind, report = asked[0]
    assert kind == "coverage" and report.by_region and [c.region for c in report.columns] == \
        [view.model.headerData(c, Qt.Orientation.Horizontal).split("\n")[0] for c in range(view.model.columnCount())]


def test_a_province_is_shaded_by_its_clauses_per_document_and_its_tooltip_stays_short(win, qtbot):
    """At 3,500 documents every province's cell held 50–1,500 clauses: all shaded the darkest (totals of 4 and
    more), and a cell's tooltip listed every clause id, taller than the screen."""
    from desktop.coverage_view import CELL_COLORS, TOOLTIP_CLAUSES

    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    data = dict(view.data)
    topic = data["topics"][0]["id"]
    docs = [dict(doc_id=f"d{k}", region="河北省" if k < 8 else "浙江省", title=f"文件{k}") for k in range(12)]
    # 河北省: 8 documents, 2 of them with 3 clauses on the topic (6, under one a document); 浙江省: 4 documents, 4 each.
    cells = {f"d{k}": [f"d{k}/c{j}" for j in range(3 if k < 2 else 4)] for k in (0, 1, 8, 9, 10, 11)}
    data["documents"] = docs
    data["matrix"] = {t["id"]: ({d["doc_id"]: cells.get(d["doc_id"], []) for d in docs} if t["id"] == topic else
                                {d["doc_id"]: [] for d in docs}) for t in data["topics"]}
    view.data, view.merged = data, None
    view.by_document.setChecked(True)
    view.by_document.setChecked(False)
    model = view.model

    def shade(row, col):
        return model.index(row, col).data(Qt.ItemDataRole.BackgroundRole).color().name()

    assert [model.documents[c]["region"] for c in range(2)] == ["河北省", "浙江省"]
    assert model.index(0, 0).data() == "6" and model.index(0, 1).data() == "16"
    assert [shade(0, 0), shade(0, 1)] == [CELL_COLORS[0], CELL_COLORS[-1]]
    tip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).split("\n")
    assert tip[0] == "4 份文件中 4 份论及，共 16 条"
    assert len(tip) == TOOLTIP_CLAUSES + 2 and tip[1:3] == ["d8/c0", "d8/c1"] and tip[-1] == "……另有 4 条"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).split("\n")[0] == "8 份文件中 2 份论及，共 6 条"
    view.by_document.setChecked(True)  # one document a column: shaded by its own count, its clauses named
    assert [shade(0, 0), shade(0, 8)] == [CELL_COLORS[2], CELL_COLORS[3]]
    assert model.index(0, 8).data(Qt.ItemDataRole.ToolTipRole) == "\n".join(f"d8/c{j}" for j in range(4))


def test_a_cell_of_many_clauses_offers_them_by_document_and_reads_each_only_when_opened(win, qtbot):
    """At 3,500 documents a province's cell holds ~900 clauses of ~120 documents: one menu of them all was
    ~25,000 pixels wide (Qt lays a menu taller than the screen out in columns) and read every clause first."""
    from index.library.corpus import display_name

    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    corpus = view.corpus
    jilin = [c.id for c in corpus.clauses("jilin-2021-kaifaqu")][:20]
    hebei = [c.id for c in corpus.clauses("hebei-2017-kaifaqu")][:3]
    read = []
    real_clause = type(corpus).clause
    try:
        # Only the window's own reads: a background task of the window (on a worker thread) reads clauses too.
        type(corpus).clause = lambda self, cid: (threading.current_thread() is threading.main_thread()
                                                 and read.append(cid)) or real_clause(self, cid)
        menu = view.cell_menu(hebei + jilin)
        subs = [a.menu() for a in menu.actions()]
        assert [s.title() for s in subs] == [f"{corpus.document(d).short_title}（{n} 条）"
                                             for d, n in (("jilin-2021-kaifaqu", 20), ("hebei-2017-kaifaqu", 3))]
        assert read == [] and all(s.isEmpty() for s in subs)  # nothing read until a document's submenu opens
        subs[0].aboutToShow.emit()
        assert read == jilin and len(subs[0].actions()) == 20 and subs[1].isEmpty()
        subs[0].aboutToShow.emit()  # opened again: not filled twice
        assert len(subs[0].actions()) == 20
        # A clause whose text starts with its name (（十二）加大招商引资力度。…, 第一条 …) is not named twice.
        named = [(a.text(), corpus.clause(c)) for a, c in zip(subs[0].actions(), jilin, strict=True)]
        assert any(display_name(c) and c.text.startswith(display_name(c)) for _, c in named)
        for text, c in named:
            assert text == (c.text[:24] if c.text.startswith(display_name(c)) else f"{display_name(c)}　{c.text[:24]}")
    finally:
        type(corpus).clause = real_clause
    assert all("menu-scrollable: 1" in m.styleSheet() for m in (menu, *subs))
    opened = []
    view.open_requested.connect(opened.append)
    subs[0].actions()[4].trigger()
    assert opened == [jilin[4]]
    few = view.cell_menu(hebei + jilin[:2])  # a few: listed as they are, each with its document
    assert [a.menu() for a in few.actions()] == [None] * 5
    assert few.actions()[3].text().startswith(corpus.document("jilin-2021-kaifaqu").short_title)
    menu.deleteLater()
    few.deleteLater()


def test_a_cells_tooltip_names_its_clauses(win, qtbot):
    """It listed ids (henan-2017-kaifaqu/c4/s4) an official cannot read."""
    from index.library.corpus import display_name

    win.show_coverage()
    view = win.coverage_view
    qtbot.waitUntil(view.is_ready, timeout=30000)
    view.by_document.setChecked(True)
    model = view.model
    row, col = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                    if 0 < len(model.clause_ids(r, c)) <= 3)
    tip = model.index(row, col).data(Qt.ItemDataRole.ToolTipRole).split("\n")
    assert tip == [display_name(win.corpus.clause(cid)) for cid in model.clause_ids(row, col)]
    assert not any("/" in line for line in tip)


def test_columns_stretched_to_the_window_scroll_instead_of_cutting_their_headers_when_it_narrows(win, qtbot):
    """Four documents' columns were stretched to a wide window; the notes panel opened beside them (or the
    window narrowed) and they stayed stretched, narrower than their headers: 做大做强重点园区实施方案 was cut
    on both sides to 大做强重点园区实施方. They now go back to their headers' widths and scroll."""
    win.notes_dock.hide()
    win.library_dock.hide()
    win.resize(1600, 900)
    win.show_coverage()
    view = win.coverage_view
    view.by_document.setChecked(True)
    qtbot.waitUntil(view.is_ready, timeout=30000)
    header = view.table.horizontalHeader()
    model = view.model
    metrics = header.fontMetrics()

    def cut() -> list[int]:
        return [col for col in range(model.columnCount())
                if header.sectionSize(col) < max(map(metrics.horizontalAdvance,
                                                     str(model.headerData(col, Qt.Orientation.Horizontal)).split("\n")))]

    qtbot.waitUntil(lambda: header.length() <= view.table.viewport().width() + 1)
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch and not cut()  # they fit: stretched
    win.resize(700, 700)  # as narrow as opening the notes beside a small window leaves it
    qtbot.waitUntil(lambda: view.table.viewport().width() < 600)
    qtbot.wait(50)  # refitted once the resizing is over
    assert not cut()
    assert header.length() > view.table.viewport().width()  # it scrolls
    win.resize(1600, 900)  # wide again: stretched to the width again
    qtbot.waitUntil(lambda: view.table.viewport().width() > 1000)
    qtbot.wait(50)
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch and not cut()
    assert header.length() <= view.table.viewport().width() + 1
