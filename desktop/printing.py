"""Print, preview and PDF of report HTML; the export actions the views call.

Qt's ``QTextDocument.print_`` has no page headers, so pages are painted here:
the document is laid out at screen resolution in pages of the printable
height minus a header band, and each page is drawn scaled onto the printer
(or ``QPdfWriter``) with the title above and “第 n / N 页” below. The same
painter code serves the printer, the preview dialog and the PDF file, so the
preview is what prints.

CJK text needs a font that has the glyphs: the default font names a list of
families (Noto Sans CJK on Linux, Microsoft YaHei on Windows, PingFang on
macOS) and Qt falls back along it. PDFs embed the glyphs with a Unicode map,
so the text stays searchable and copyable.

The export actions (``export_comparison`` and friends) write a file through
``index.reports`` and turn an ``ExportError`` into a message box.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from index.base.errors import KnownError
from index.reports import FORMATS, ExportError, comparison_table, html_pages, write_file, write_report
from index.reports.pdf_text import repair_text_layer

log = logging.getLogger(__name__)

PRINT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                  "Noto Sans CJK TC", "SimSun", "WenQuanYi Micro Hei"]
# QTextDocument lays out in pixels of this resolution; pages are scaled from
# it to the device's, so a point is a point on paper whatever the printer.
LAYOUT_DPI = 96.0
MARGINS_MM = QMarginsF(15, 15, 15, 15)
FILE_FILTERS = {
    "docx": "Word (*.docx)", "csv": "Excel CSV (*.csv)", "md": "Markdown (*.md)",
    "html": "HTML (*.html)", "pdf": "PDF (*.pdf)",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def print_font(point_size: float = 10.5) -> QFont:
    """The body font for printing, with CJK fallbacks."""
    font = QFont()
    font.setFamilies(PRINT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


def _ensure_app() -> None:
    """A QGuiApplication for fonts and painting (the CLI has none)."""
    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_app.app = QGuiApplication([sys.argv[0] if sys.argv else "zoneref"])  # keep a reference


def make_document(html: str) -> QTextDocument:
    """A QTextDocument for ``html`` with the CJK print font."""
    doc = QTextDocument()
    doc.setDefaultFont(print_font())
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    return doc


def setup_page(device: QPagedPaintDevice, landscape: bool) -> None:
    """A4, portrait or landscape, 15 mm margins."""
    device.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        MARGINS_MM, QPageLayout.Unit.Millimeter,
    ))


def paint_pages(doc: QTextDocument, device: QPagedPaintDevice, title: str) -> int:
    """Paint ``doc`` onto ``device`` page by page with a title header and page numbers.

    Args:
        doc: the laid-out content (its page size is set here).
        device: a QPrinter or QPdfWriter whose page layout is already set.
        title: shown at the top of every page.

    Returns:
        The number of pages painted.
    """
    rect_px = device.pageLayout().paintRectPixels(device.resolution())
    scale = device.resolution() / LAYOUT_DPI
    width, height = rect_px.width() / scale, rect_px.height() / scale
    small = print_font()
    # In layout pixels: a point size would be converted at the device's
    # resolution and then scaled again by the painter.
    small.setPixelSize(round(8 * LAYOUT_DPI / 72))
    band = small.pixelSize() * 2.2  # header / footer height in layout pixels
    body_h = height - 2 * band
    doc.setPageSize(QSizeF(width, body_h))
    pages = max(1, doc.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("cannot start printing (printer or file not available)")
    try:
        painter.scale(scale, scale)
        for n in range(pages):
            if n:
                device.newPage()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(QRectF(0, 0, width, band * 0.8), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             title)
            painter.drawLine(0, int(band * 0.85), int(width), int(band * 0.85))
            painter.drawText(QRectF(0, height - band * 0.8, width, band * 0.8), Qt.AlignmentFlag.AlignCenter,
                             f"第 {n + 1} / {pages} 页")
            painter.save()
            painter.translate(0, band - n * body_h)
            doc.drawContents(painter, QRectF(0, n * body_h, width, body_h))
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(path: Path | str, title: str, html: str, landscape: bool = False) -> Path:
    """Render ``html`` to a PDF file with page headers; works offscreen (CLI, tests).

    The PDF is written whole beside ``path`` and renamed over it (``index.reports.write_file``, as every
    export): a failure or a crash half-way leaves the file that was there, never a truncated PDF.

    Raises:
        ExportError: the file cannot be written.
    """
    _ensure_app()
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: folder does not exist")

    def render(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(300)
        writer.setTitle(title)
        writer.setCreator("ZoneRef 开发区政策参考")
        setup_page(writer, landscape)
        paint_pages(make_document(html), writer, title)
        del writer  # the file is finished when the writer goes away
        if tmp.stat().st_size == 0:
            raise ExportError(f"cannot write {path}")
        try:
            repair_text_layer(tmp)
        except (OSError, ValueError) as exc:  # the PDF itself is fine; only copy/paste would suffer
            log.warning("could not repair the PDF text layer of %s: %s", path, exc)

    return write_file(path, render, suffix=".pdf")


def _printer(landscape: bool):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_page(printer, landscape)
    return printer


def make_preview_dialog(parent, title: str, html: str, landscape: bool = False):
    """A QPrintPreviewDialog painting ``html`` with headers (not yet shown)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = _printer(landscape)
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("Print preview") + f" — {title}")
    doc = make_document(html)
    dialog.paintRequested.connect(lambda device: paint_pages(doc, device, title))
    dialog._keep = (printer, doc)  # noqa: SLF001 - both must outlive the dialog's repaints
    return dialog


def preview_html(parent, title: str, html: str, landscape: bool = False) -> bool:
    """Show the print preview; the user prints from it. True if printed."""
    return bool(make_preview_dialog(parent, title, html, landscape).exec())


# -- reports: HTML for each kind, export actions ------------------------------

def report_html(kind: str, report: Any) -> tuple[str, bool]:
    """(HTML, landscape?) for a report model of ``kind``."""
    if kind == "comparison":
        return html_pages.comparison_html(report), True
    if kind == "coverage":
        return html_pages.coverage_html(report), True
    if kind == "search":
        return html_pages.search_html(report), False
    if kind == "redline":
        from index.reports.html_redline import redline_html

        return redline_html(report), False
    if kind == "notes":
        return html_pages.notes_html(report), False
    raise ExportError(f"no printable form for {kind}")


def _show_error(parent, exc: KnownError) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, tr("Export failed"), str(exc))


def export_report(parent, kind: str, report: Any, path: Path | str, fmt: str) -> Path | None:
    """Write a report model to ``path``; on failure show a message box and return None.

    Args:
        parent: the widget for the error message (``None`` raises instead).
        kind: ``comparison``, ``coverage``, ``search`` or ``notes``.
        report: the model from ``index.reports`` builders.
        path: the file to write.
        fmt: one of ``FORMATS[kind]`` or ``pdf`` (comparison, coverage, search).
    """
    try:
        if fmt == "pdf":
            html, landscape = report_html(kind, report)
            return write_pdf(path, report.title, html, landscape)
        from desktop import settings

        return write_report(kind, report, path, fmt, author=settings.get(settings.EXPORT_AUTHOR))
    except KnownError as exc:
        if parent is None:
            raise
        _show_error(parent, exc)
        return None


def _as_comparison(comparison: Any, corpus=None, notes: Any = None, **options):
    from index.reports.model import ComparisonTable

    if isinstance(comparison, ComparisonTable):
        return comparison
    if corpus is None:
        raise TypeError("a comparison result needs the corpus it came from")
    return comparison_table(corpus, comparison, notes=notes, **options)


def export_comparison(parent, comparison: Any, path: Path | str, fmt: str, corpus=None,
                      notes: Any = None, **options) -> Path | None:
    """Export what the compare view shows.

    Args:
        parent: the compare view (parent of the error message; ``None`` raises).
        comparison: the ``index.compare.align.counterparts`` / ``topic_columns`` result
            (or a list of them, or a ready ``ComparisonTable``).
        path: the file to write.
        fmt: ``docx``, ``csv``, ``md``, ``html`` or ``pdf``.
        corpus: the corpus the clause ids belong to (default: the shared one).
        notes: annotation records to add as a notes column (``None``: no column).
        **options: passed to ``index.reports.comparison_table`` — ``doc_order``
            (the view's column order), ``per_cell`` (counterparts per cell,
            default 1 = the best or pinned one), ``title``.

    Returns:
        The written path, or ``None`` after showing an error.
    """
    try:
        table = _as_comparison(comparison, corpus, notes, **options)
    except KnownError as exc:
        if parent is None:
            raise
        _show_error(parent, exc)
        return None
    return export_report(parent, "comparison", table, path, fmt)


def suggested_name(kind: str, report: Any) -> str:
    """A file name (no suffix) like 条款对照表_加大招商引资力度_2026-11-22."""
    label = ""
    rows = getattr(report, "rows", None)
    if rows and len(rows) == 1:
        label = rows[0].label
    elif kind == "search":
        label = report.query
    # Every system's rules (index.base.paths.file_name); the date is kept whole, the title or label cut.
    from index.base.paths import NAME_BYTES, file_name

    date = file_name(report.exported or "", default="")
    stem = file_name("_".join(x for x in (report.title, label) if x), default="",
                     max_bytes=NAME_BYTES - len(date.encode("utf-8")) - 1)
    return "_".join(x for x in (stem, date) if x) or "export"


def ask_export_report(parent, kind: str, report: Any, folder: Path | str | None = None) -> Path | None:
    """Ask where to save (format chosen by the file type) and export. ``None`` if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    fmts = [*FORMATS[kind], "pdf"]
    filters = ";;".join(FILE_FILTERS[f] for f in fmts)
    start = Path(folder or Path.home()) / f"{suggested_name(kind, report)}.{fmts[0]}"
    path, chosen = QFileDialog.getSaveFileName(parent, tr("Export"), str(start), filters)
    if not path:
        return None
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in fmts:  # no or unknown suffix: take the chosen file type's
        fmt = next((f for f in fmts if FILE_FILTERS[f] == chosen), fmts[0])
        path = f"{path}.{fmt}"
    written = export_report(parent, kind, report, path, fmt)
    if written is not None:
        confirm_saved(parent, written)
    return written


def confirm_saved(parent, path: Path | str) -> None:
    """Tell the user where a file was saved, with a way to open it (the main window's status bar)."""
    window = parent.window() if parent is not None else None
    show = getattr(window, "show_saved", None)
    if show is not None:
        show(path)


def ask_export_comparison(parent, comparison: Any, corpus=None, notes: Any = None,
                          folder: Path | str | None = None, **options) -> Path | None:
    """The compare view's “导出…” action: choose a file, write it. ``None`` if cancelled/failed.

    Word is the preselected type, so 导出… then 保存 gives the .docx table.
    ``options`` as for ``export_comparison``.
    """
    try:
        table = _as_comparison(comparison, corpus, notes, **options)
    except KnownError as exc:
        _show_error(parent, exc)
        return None
    return ask_export_report(parent, "comparison", table, folder)


def preview_comparison(parent, comparison: Any, corpus=None, notes: Any = None, **options) -> bool:
    """The compare view's “打印…” action: landscape print preview of the comparison table."""
    try:
        table = _as_comparison(comparison, corpus, notes, **options)
    except KnownError as exc:
        _show_error(parent, exc)
        return False
    return preview_report(parent, "comparison", table)


def preview_report(parent, kind: str, report: Any) -> bool:
    """Print preview of a comparison, coverage matrix or search results."""
    html, landscape = report_html(kind, report)
    return preview_html(parent, report.title, html, landscape)


def preview_document(parent, corpus, doc_id: str, highlights=None, simplified: bool = False) -> bool:
    """Print preview of the reader view of one document (portrait, title in the header)."""
    html = html_pages.document_html(corpus, doc_id, highlights=highlights, simplified=simplified)
    return preview_html(parent, corpus.document(doc_id).title, html, landscape=False)


def export_shown(view, kind: str) -> bool:
    """File → 导出… for a view whose ``report()`` gives what it shows (or None): ask where, write it.

    Returns:
        False if the view shows nothing to export.
    """
    return _with_shown_report(view, lambda report: ask_export_report(view, kind, report))


def preview_shown(view, kind: str) -> bool:
    """File → 打印预览… for a view whose ``report()`` gives what it shows; False if nothing."""
    return _with_shown_report(view, lambda report: preview_report(view, kind, report))


def _with_shown_report(view, then) -> bool:
    """Call ``then(report)`` with the view's report. A view whose report takes long to build (the coverage
    matrix of a large library: seconds) has ``report_job()``: a function, or None, run on a worker with a
    progress dialog, so the window does not freeze; ``then`` runs on the GUI thread afterwards."""
    job = view.report_job() if hasattr(view, "report_job") else None
    if job is None:
        report = view.report()
        if report is not None:
            then(report)
        return report is not None
    from desktop import ops

    def build(cancelled):
        report = job()
        if cancelled():
            raise ops.Cancelled()
        return report

    def failed(exc: BaseException) -> None:
        if isinstance(exc, KnownError) and not isinstance(exc, ops.Cancelled):
            _show_error(view, exc)
        elif not isinstance(exc, ops.Cancelled):
            log.error("preparing the export failed", exc_info=exc)

    ops.Op(build, on_success=then, on_failure=failed, parent=view).with_progress(
        view, tr("Preparing the table…")).run()
    return True
