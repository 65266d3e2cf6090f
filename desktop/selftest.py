"""``zoneref --self-test``: prove an installed (or frozen) ZoneRef works, offline.

Runs every main function once in a temporary user folder, offscreen: the main
window, the search index, a search in each script, a comparison, an import, and
an annotation round trip (add, export, re-import). Prints one line per check
and exits 0, or stops at the first failure and exits 1 with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path


class SelfTestFailure(Exception):
    pass


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise SelfTestFailure(message)


def _steps(work: Path) -> list[tuple[str, Callable[[], str]]]:
    from index.workspace import Workspace

    ws = Workspace()
    corpus = ws.corpus
    state: dict = {}

    def documents() -> str:
        docs = corpus.documents()
        clauses = sum(len(corpus.clauses(d.id)) for d in docs)
        _check(len(docs) >= 5, f"expected the 5 bundled documents, found {len(docs)}")
        _check(clauses > 100, f"too few clauses parsed: {clauses}")
        return f"{len(docs)} documents, {clauses} clauses"

    def search_index() -> str:
        idx = ws.search_index()
        t0 = time.perf_counter()
        idx.ensure()
        state["index"] = idx
        st = idx.status()
        _check(st["clauses"] > 100, f"index holds {st['clauses']} clauses")
        return f"built in {time.perf_counter() - t0:.2f} s: {st['documents']} documents, {st['clauses']} clauses"

    def search_simplified() -> str:
        res = state["index"].search("开发区", limit=50)
        regions = {h.region for h in res.hits}
        _check(res.total > 0, "开发区 found nothing")
        _check("吉林省" in regions or "河南省" in regions, "开发区 did not find the traditional-script documents")
        return f"开发区: {res.total} clauses in {len(regions)} regions"

    def search_traditional() -> str:
        res = state["index"].search("開發區", limit=50)
        regions = {h.region for h in res.hits}
        _check("浙江省" in regions, "開發區 did not find the simplified-script documents")
        hit = res.hits[0]
        s, e = hit.highlights[0]
        _check(hit.text[s:e] in ("开发区", "開發區"), f"highlight points at {hit.text[s:e]!r}")
        return f"開發區: {res.total} clauses in {len(regions)} regions"

    def comparison() -> str:
        source = next(c for c in corpus.clauses("zhejiang-2022-kaifaqu") if c.heading == "加大招商引资力度")
        cols = ws.compare(source.id)["columns"]
        matched = [c for c in cols if c["matches"]]
        _check(len(cols) == 4, f"expected 4 columns, got {len(cols)}")
        _check(len(matched) >= 3, "招商引资 found counterparts in fewer than 3 documents")
        return f"{source.id}: counterparts in {len(matched)} of {len(cols)} documents"

    def import_text() -> str:
        import zipfile

        # A GB18030 text inside a zip whose member name is GBK without the UTF-8 flag, as Windows writes it.
        text = "某某市开发区管理办法\n\n第一条 为了规范开发区管理，制定本办法。\n\n第二条 本办法自发布之日起施行。\n"
        path = work / "测试.zip"
        class WindowsName(zipfile.ZipInfo):
            def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
                return self.filename.encode("cp437"), self.flag_bits

        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(WindowsName("测试文件.txt".encode("gbk").decode("cp437")), text.encode("gb18030"))
        report = ws.import_paths([path], workers=1)[0].to_json()
        _check(len(report["imported"]) == 1 and not report["errors"], f"import failed: {report}")
        _check(report["imported"][0]["path"].endswith("测试.zip/测试文件.txt"), f"member name misread: {report}")
        doc_id = report["imported"][0]["doc_id"]
        res = state["index"].search("规范开发区管理")
        _check(any(h.doc_id == doc_id for h in res.hits), "the imported document is not searchable")
        return (f"GB18030 text in a zip (GBK member name) imported as {doc_id}, "
                f"{report['imported'][0]['clause_count']} clauses, searchable")

    def annotations() -> str:
        from index.userdata import notes_io

        store = ws.notes()
        clause = corpus.clause("jilin-2021-kaifaqu/c3/s12")
        ann = store.add(clause.id, "招商引資", note="自检 **批注**", color="重点", tags=["自检"])
        out = work / "notes.jsonld"
        notes_io.export_w3c(store, out)
        fresh_home = work / "fresh"
        fresh_home.mkdir()
        fresh = Workspace(fresh_home)
        report = notes_io.import_w3c(fresh.notes(), out)
        again = fresh.notes().get(ann.uuid)
        fresh.close()
        _check((again.quote, again.note) == (ann.quote, ann.note), "annotation changed in the round trip")
        return f"annotation {ann.uuid[:8]} added, exported and re-imported ({report})"

    def main_window() -> str:
        from desktop.app import create_app
        from desktop.mainwindow import MainWindow
        from desktop.services import Services

        app = create_app(["zoneref-selftest"])
        t0 = time.perf_counter()
        win = MainWindow(services=Services(ws), restore=False)
        win.show()
        app.processEvents()
        shot = win.grab()
        _check(not shot.isNull() and shot.width() > 300, "the main window did not render")
        _check(app.style().name() == "fusion", f"the style is {app.style().name()!r}, not Fusion")
        elapsed = time.perf_counter() - t0
        win.close()
        return f"main window shown and rendered {shot.width()}×{shot.height()} in {elapsed:.2f} s"

    def translations() -> str:
        from PySide6.QtCore import QCoreApplication

        from desktop import app as app_module

        names = [Path(f).name for f in app_module.translator_files()]
        _check(names == ["qtbase_zh_CN.qm", "zoneref_zh_CN.qm"], f"translations loaded: {names}")
        asked = {("QPlatformTheme", "Cancel"): "取消", ("QFileDialog", "&Look in:"): "查找范围(&L)：",
                 ("MainWindow", "Library"): "文库"}
        for (context, source), expected in asked.items():
            got = QCoreApplication.translate(context, source)
            _check(got == expected, f"{context} {source!r} shows as {got!r}, not {expected!r}")
        return "Qt's and ZoneRef's Chinese: " + ", ".join(names)

    return [
        ("documents", documents),
        ("search index", search_index),
        ("search 开发区 (simplified → traditional)", search_simplified),
        ("search 開發區 (traditional → simplified)", search_traditional),
        ("comparison", comparison),
        ("import", import_text),
        ("annotations", annotations),
        ("main window", main_window),
        ("translations", translations),
    ]


def run(out=None) -> int:
    """Run every check; return the process exit code."""
    out = out or sys.stdout
    work = Path(tempfile.mkdtemp(prefix="zoneref-selftest-"))
    saved = {k: os.environ.get(k) for k in ("ZONEREF_HOME", "QT_QPA_PLATFORM")}
    os.environ["ZONEREF_HOME"] = str(work / "home")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = []
    code = 0
    try:
        for name, step in _steps(work):
            t0 = time.perf_counter()
            try:
                detail = step()
            except SelfTestFailure as exc:
                out.write(f"FAIL {name}: {exc}\n")
                code = 1
                break
            except Exception as exc:  # noqa: BLE001 - report any failure with its reason
                out.write(f"FAIL {name}: {type(exc).__name__}: {exc}\n")
                traceback.print_exc()
                code = 1
                break
            results.append({"check": name, "detail": detail, "seconds": round(time.perf_counter() - t0, 3)})
            out.write(f"ok   {name}: {detail}\n")
            out.flush()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(work, ignore_errors=True)
    out.write(("self-test passed: " if code == 0 else "self-test FAILED after: ")
              + json.dumps([r["check"] for r in results], ensure_ascii=False) + "\n")
    return code
