"""``zoneref gui --screenshot DIR``: the real app offscreen, each main view on real content, one PNG each.

The run uses a private temporary user folder, so the highlight and note it
adds, and the final version of a draft it imports for the 修订对照 view,
never land in the user's own data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

QUERY = "招商引资"


def wait_until(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Process events until ``predicate()`` holds or ``timeout`` seconds pass."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def settle(seconds: float = 0.3) -> None:
    wait_until(lambda: False, seconds)


def screenshot(folder: Path, language: str | None = None, home: Path | None = None) -> int:
    """Start the real app offscreen, open each view on real content, save PNGs.

    Args:
        folder: where ``01-library.png`` … are written (created).
        language: ``zh_CN`` (default) or ``en``.
        home: the user folder to use; default a fresh temporary one.

    Returns:
        0 when every available view was written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = None
    if home is None:
        tmp = tempfile.TemporaryDirectory(prefix="zoneref-shot-")
        home = Path(tmp.name)
    os.environ["ZONEREF_HOME"] = str(home)
    try:
        return _shoot(folder, language)
    finally:
        from desktop import ops

        ops.wait_all(30000)
        if tmp is not None:
            tmp.cleanup()


def _shoot(folder: Path, language: str | None) -> int:
    from PySide6.QtCore import Qt

    from desktop import app as app_module
    from desktop import settings

    qapp = app_module.create_app()
    if language:
        settings.put(settings.LANGUAGE, language)
        app_module.install_translators(qapp, language)
    from desktop.mainwindow import MainWindow

    win = MainWindow(restore=False)
    win.resize(*app_module.MEASURED_SIZE)
    win.show()
    win.start_background()
    written: list[str] = []

    def shot(name: str) -> None:
        settle()
        path = folder / f"{name}.png"
        win.grab().save(str(path))
        written.append(path.name)

    # 1. Library: the reader area shows the first document.
    first = win.corpus.documents()[0].id
    win.open_document(first)
    win.library.select_document("zhejiang-2022-kaifaqu") or win.library.select_document(first)
    shot("01-library")

    # 2. Reader with a highlight and a note, in a traditional-script document.
    doc_id = "jilin-2021-kaifaqu" if win.corpus.has_document("jilin-2021-kaifaqu") else first
    clause = _clause_with(win.corpus, doc_id, "招商") or win.corpus.clauses(doc_id)[1]
    reader = win.open_document(doc_id)
    store = win.services.notes()
    quote_at = max(0, clause.text.find("招商"))
    quote = clause.text[quote_at:quote_at + 12]
    store.add(clause.id, quote, note="与浙江“招商引资”条款对比：**专班**推进。", color="重点",
              tags=("招商",))
    words = clause.text[quote_at + 14:quote_at + 24]
    if words.strip():
        store.add(clause.id, words, color="疑问")
    win.services.annotations_changed.emit(doc_id)
    win.notes_view.refresh()
    win.notes_dock.show()
    win.notes_view.select_first()  # the note's text shows beside its highlight
    win.library_dock.hide()  # reading with notes: the library steps aside
    settle()
    reader.show_clause(clause.id)
    shot("02-reader")
    win.library_dock.show()
    # The wide views get the whole width, as a user would give them by closing the docks.
    win.notes_dock.hide()

    # 3. Search results for 招商引资.
    win.library_dock.hide()
    win.show_search()
    wait_until(lambda: win.services.index is not None, 120)
    win.search_view.set_query(QUERY)
    wait_until(lambda: win.search_view.results_count() > 0, 30)
    shot("03-search")
    win.library_dock.show()
    top = win.search_view.model.rows[0]["clause_id"] if win.search_view.model.rows else None

    # 4. Compare a 招商引资 clause across the five documents.
    source = top or (_clause_with(win.corpus, first, QUERY) or win.corpus.clauses(first)[1]).id
    win.library_dock.hide()
    win.compare_clause(source)
    wait_until(lambda: win.compare_view.is_ready(), 60)
    shot("04-compare")
    win.library_dock.show()

    # 5. Topic coverage matrix.
    win.show_coverage()
    wait_until(lambda: win.coverage_view.is_ready(), 60)
    shot("05-coverage")

    # 6. Notes panel: notes in several documents, one with Markdown, beside its passage.
    store = win.services.notes()
    focus = None
    for other, needle, note, color, tags in (
            ("zhejiang-2022-kaifaqu", "招商引资", "浙江以**亩均税收**为导向：\n\n- 对照吉林（十二）\n- 待核实 2027 年目标",
             "重点", ("招商", "指标")),
            ("henan-2017-kaifaqu", "土地", "用地政策，与河北比较。", "对比", ("用地",)),
            ("hebei-2017-kaifaqu", "人才", "", "疑问", ())):
        target = _clause_with(win.corpus, other, needle) if win.corpus.has_document(other) else None
        if target is None:
            continue
        at = target.text.find(needle)
        a = store.add(target.id, target.text[at:at + 10], note=note, color=color, tags=tags)
        focus = focus or (other, target.id, a.uuid)
    win.notes_view.refresh_filters()
    win.notes_view.refresh()
    win.notes_dock.show()
    win.notes_dock.raise_()
    win.library_dock.hide()
    win.resizeDocks([win.notes_dock], [560], Qt.Orientation.Horizontal)
    if focus is not None:
        shown = win.open_document(focus[0])
        win.notes_view.select_uuid(focus[2])
        for _ in range(2):  # again once the narrower reader has laid its text out
            settle()
            shown.show_clause(focus[1])
    else:
        win.tabs.setCurrentWidget(reader)
        win.notes_view.select_first()
        settle()
        reader.show_clause(clause.id)
    shot("06-notes")
    win.library_dock.show()

    # 7. 修订对照: the 征求意见稿 against its final text, imported into this run's private home.
    win.notes_dock.hide()
    final = _final_version(win.corpus, DRAFT_DOC)
    if final is not None:
        path = Path(os.environ["ZONEREF_HOME"]) / "浙江开发区指导意见（正式稿）.txt"
        path.write_text(final, encoding="utf-8")
        report, changes = win.services.workspace.import_paths([path], workers=1)
        win.services.apply(changes)
        wait_until(lambda: not win.services.applying(), 60)  # the library is listed on a worker, then swapped in
        if report.imported:
            win.library_dock.hide()
            win.show_redline(report.imported[0]["doc_id"])
            wait_until(lambda: win.redline_view.is_ready() and win.redline_view.table is not None, 60)
            win.redline_view.changes_only.setChecked(False)  # the changes among the articles kept as they were
            for _ in range(3):
                win.redline_view.next_change()
            shot("07-redline")
            win.library_dock.show()

    win.save_state = lambda: None  # a screenshot run leaves no layout behind
    win.close()
    sys.stdout.write("\n".join(str(folder / n) for n in written) + "\n")
    return 0


DRAFT_DOC = "zhejiang-2022-kaifaqu"
# The bundled 征求意见稿 as its final text might read: the draft mark gone, targets raised, one measure
# dropped (the next renumbered), one added, a signature and date. Only a copy in the screenshot's
# private home is changed; the bundled text never is.
_FINAL_EDITS = (
    ("的指导意见(征求意见稿)", "的指导意见"),
    ("2家国家级经济技术开发区评价进入前10位、5家进入前30位", "3家国家级经济技术开发区评价进入前10位、6家进入前30位"),
    ("占全省比重达45%", "占全省比重达48%"),
    ("以亩均税收、亩均规上工业增加值等", "以亩均税收、亩均研发投入、亩均规上工业增加值等"),
    ("(五)打造绿色低碳生态园区", "(四)打造绿色低碳生态园区"),
)


def _final_version(corpus, doc_id: str) -> str | None:
    """An amended copy of a bundled draft's text (None if the draft is not there)."""
    if not corpus.has_document(doc_id):
        return None
    text = corpus.document(doc_id).body
    for old, new in _FINAL_EDITS:
        text = text.replace(old, new, 1)
    lines = text.split("\n")
    dropped = [k for k, line in enumerate(lines) if line.startswith("(四)推动区域合作")]
    for k in dropped:
        lines[k] = ""
    chain = next((k for k, line in enumerate(lines) if line.startswith("(五)深化产业链")), None)
    if chain is not None:
        lines.insert(chain + 1, "\n(六)强化人才支撑。支持开发区引进高层次人才和创新团队，建设人才公寓和国际化社区，"
                                "落实人才落户、子女入学、医疗保障等政策。")
    return "\n".join(lines).rstrip() + "\n\n浙江省商务厅\n2023年3月15日\n"


def _clause_with(corpus, doc_id: str, needle: str):
    from index.base.text import normalise

    n = normalise(needle)
    for clause in corpus.clauses(doc_id):
        if n in normalise(clause.text) and clause.kind not in ("preamble", "chapter"):
            return clause
    return None
