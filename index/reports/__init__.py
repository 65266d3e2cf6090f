"""Reports: comparisons, coverage, search results and notes as files.

Build a report model from engine results (``builders``), then write it in a
format. The CLI and the GUI call the ``write_*`` functions here; each picks
the writer for ``fmt`` and writes atomically (a temporary file renamed into
place), so a failed export never leaves a half-written file where the user's
old one was. No Qt here: printing and PDF live in ``desktop.printing``.

The 修订对照 of two versions (``index.compare.redline``) is written as a
新旧对照表 with ``redline_table`` and ``write_redline``.

Example::

    from index.compare.align import counterparts
    from index.reports import comparison_table, write_comparison
    table = comparison_table(corpus, counterparts(corpus, "jilin-2021-kaifaqu/c3/s12").to_dict())
    write_comparison(table, Path("对照表.docx"), "docx")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.reports.builders import comparison_table, coverage_table, notes_report, search_report
from index.reports.model import (
    PRINTED_FORMATS,
    ComparisonTable,
    CoverageTable,
    ExportError,
    NotesReport,
    SearchReport,
    check_printable_matrix,
)
from index.reports.redline_table import RedlineTable, redline_table

__all__ = [
    "FORMATS", "PRINTED_FORMATS", "ExportError", "check_printable_matrix", "RedlineTable", "comparison_table", "coverage_table", "notes_report", "redline_table",
    "search_report", "write_comparison", "write_coverage", "write_search", "write_notes", "write_redline",
    "check_target", "write_file", "write_report",
]


def _writers() -> dict[str, dict[str, Callable[[Any, Path], Path]]]:
    # Imported on demand: python-docx (lxml) costs ~100 ms and most runs never export.
    from index.reports import (
        docx_lists,
        docx_redline,
        docx_tables,
        html_pages,
        html_redline,
        tabular,
        text_formats,
    )

    return {
        "comparison": {
            "docx": docx_tables.write_comparison_docx,
            "csv": tabular.write_comparison_csv,
            "md": text_formats.write_comparison_md,
            "html": lambda t, p: html_pages.write_html(html_pages.comparison_html(t), p),
        },
        "coverage": {
            "docx": docx_tables.write_coverage_docx,
            "csv": tabular.write_coverage_csv,
            "html": lambda t, p: html_pages.write_html(html_pages.coverage_html(t), p),
        },
        "search": {
            "docx": docx_lists.write_search_docx,
            "csv": tabular.write_search_csv,
            "md": text_formats.write_search_md,
            "html": lambda t, p: html_pages.write_html(html_pages.search_html(t), p),
        },
        "notes": {
            "docx": docx_lists.write_notes_docx,
            "md": text_formats.write_notes_md,
            "html": lambda r, p: html_pages.write_html(html_pages.notes_html(r), p),
        },
        "redline": {
            "docx": docx_redline.write_redline_docx,
            "csv": tabular.write_redline_csv,
            "html": lambda t, p: html_pages.write_html(html_redline.redline_html(t), p),
        },
    }


# Formats each report kind can be written in (pdf is added by desktop.printing).
FORMATS: dict[str, tuple[str, ...]] = {
    "comparison": ("docx", "csv", "md", "html"),
    "coverage": ("docx", "csv", "html"),
    "search": ("docx", "csv", "md", "html"),
    "notes": ("docx", "md", "html"),
    "redline": ("docx", "csv", "html"),
}


def write_report(kind: str, report: Any, path: Path | str, fmt: str, *, author: str | None = None) -> Path:
    """Write ``report`` (a model of ``kind``) to ``path`` in ``fmt``, atomically.

    Args:
        kind, report: what to write (``FORMATS`` lists the kinds and their formats).
        path, fmt: where, and in which format.
        author: a Word file's author property (default: the system user's
            name); Word files also get the report's title, a subject and the
            time of the export (``docx_meta``).

    Raises:
        ExportError: ``fmt`` is not offered for ``kind``, or the file cannot be
            written (message names the path and the reason).
    """
    path = Path(path)
    fmt = fmt.lower().lstrip(".")
    writer = _writers().get(kind, {}).get(fmt)
    if writer is None:
        raise ExportError(f"cannot export {kind} as {fmt!r}; choose one of: {', '.join(FORMATS.get(kind, ()))}")

    # lxml refuses what XML cannot hold (HTML: write_html); a lone surrogate (text imported before the importer
    # dropped them) cannot be written as UTF-8 either: CSV and Markdown stopped with a UnicodeEncodeError
    from index.reports.xml_text import xml_safe

    report = xml_safe(report)

    def write(tmp: Path) -> None:
        writer(report, tmp)
        if fmt == "docx":
            from index.base.paths import system_user_name
            from index.reports import docx_meta

            docx_meta.stamp(tmp, title=report.title, subject=docx_meta.subject_of(kind, report),
                            author=system_user_name() if author is None else author)

    return write_file(path, write, suffix=f".{fmt}")


def check_target(path: Path | str) -> None:
    """Refuse to export onto anything but a regular file (a device, a pipe, a folder), for a writer that writes
    in place (PDF through Qt); ``write_file`` checks by itself.

    Raises:
        ExportError: ``path`` exists and is not a regular file.
    """
    from index.base.durable import check_replaceable

    try:
        check_replaceable(Path(path))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_file(path: Path | str, write: Callable[[Path], Any], suffix: str = "") -> Path:
    """Write an export whole with ``write(tmp)`` (``durable.write_whole``): the one way exports reach the disk.

    Raises:
        ExportError: the file cannot be written (message names the path and the reason);
            ``ExportInUseError`` if it is there and cannot be replaced (open in Word).
    """
    from index.base.durable import IN_USE, write_whole
    from index.reports.model import ExportInUseError

    path = Path(path)
    try:
        return write_whole(path, write, suffix=suffix)
    except OSError as exc:
        # The rename refused to the end: on Windows the file is open in Word (or read-only).
        kind = ExportInUseError if isinstance(exc, PermissionError) and exc.strerror == IN_USE else ExportError
        raise kind(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def write_comparison(table: ComparisonTable, path: Path | str, fmt: str, *, author: str | None = None) -> Path:
    """Write a comparison table as docx, csv, md or html."""
    return write_report("comparison", table, path, fmt, author=author)


def write_coverage(table: CoverageTable, path: Path | str, fmt: str, *, author: str | None = None) -> Path:
    """Write the topic coverage matrix as docx, csv or html."""
    return write_report("coverage", table, path, fmt, author=author)


def write_search(report: SearchReport, path: Path | str, fmt: str, *, author: str | None = None) -> Path:
    """Write search results as docx, csv, md or html."""
    return write_report("search", report, path, fmt, author=author)


def write_notes(report: NotesReport, path: Path | str, fmt: str = "docx", *, author: str | None = None) -> Path:
    """Write the user's notes as docx (other note formats: ``index.userdata.notes_io``)."""
    return write_report("notes", report, path, fmt, author=author)


def write_redline(table: RedlineTable, path: Path | str, fmt: str = "docx", *, author: str | None = None) -> Path:
    """Write a 新旧对照表 (修改前 / 修改后, marks kept) as docx, csv or html."""
    return write_report("redline", table, path, fmt, author=author)
