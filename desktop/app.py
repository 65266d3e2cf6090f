"""The QApplication: translators, palette, fonts, icon, and the launch of the main window.

Chinese is the default UI language; English is a setting applied at the next
start. Qt's own ``qtbase`` translation is installed next to ours so standard
dialogs (file dialogs, message box buttons) speak the same language (Picard's
``i18n/qt.py``). The palette follows the system light/dark scheme
(``desktop.theme``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop import settings
from desktop.theme import app_icon, apply_palette, ui_font
from index.base import paths

# Keep translators alive as long as the app (Qt does not own them).
_translators: list[QTranslator] = []
_follows_scheme = False
#: The interpreter lock's switch interval in the GUI process (Python's default is 5 ms). The GUI thread
#: takes the lock again for every Python call Qt makes while it paints (the library rows' delegate, the
#: dialogs' Python slots); while a worker runs Python (the notes' and the import's module imports at
#: start, a listing, OpenCC's chunks), each of those waits up to one interval for the worker to let go.
#: A window's repaint makes dozens of such calls: at 5 ms the import dialog opening just as the index
#: was ready froze the window 110-180 ms (issue 14, bench/README.md "2026-12-04"); at 1 ms each wait is
#: a fifth. Workers lose a little to the extra switches; reader processes keep the default.
GIL_SWITCH_S = 0.001


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def install_translators(app: QApplication, language: str) -> None:
    """Install Qt's and ZoneRef's translators for ``language`` (``zh_CN`` or ``en``).

    Qt's own ``qtbase_<language>.qm`` comes from Qt's translations folder (the
    venv's PySide6, or the bundle's copy): file dialogs, message box buttons,
    print dialogs. Qt's Chinese catalogue lags its sources in a few strings
    (6.11's file dialog says “&Look in:”, the catalogue has “Look in:”);
    ZoneRef's catalogue, installed last and so asked first, carries those
    under Qt's own contexts (``sync_translations.QT_GAPS``). Source strings
    are English, so ``en`` needs only an empty translator; it still loads
    ``zoneref_en.qm`` to keep the two paths symmetrical.
    """
    for tr in _translators:
        app.removeTranslator(tr)
    _translators.clear()
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"zoneref_{language}", str(translations_dir()))):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            _translators.append(tr)


def translator_files() -> list[str]:
    """The translation files installed now (Qt's first, then ZoneRef's): the self-test checks them."""
    return [tr.filePath() for tr in _translators]


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, configured; reuses an existing instance (tests)."""
    sys.setswitchinterval(GIL_SWITCH_S)
    app = QApplication.instance()
    if app is None:
        # Qt's own -style option: the app starts with Fusion. setStyle() afterwards made a second style,
        # re-polished the palette and built the QStyle enums for its Python return value (~10 ms of a launch).
        args = list(argv if argv is not None else sys.argv[:1]) or ["zoneref"]
        app = QApplication([*args[:1], "-style", "Fusion", *args[1:]])
    else:
        app.setStyle("Fusion")
    app.setApplicationName("ZoneRef")
    app.setOrganizationName("ZoneRef")
    app.setApplicationDisplayName("ZoneRef")
    app.setFont(ui_font())
    app.setWindowIcon(app_icon())
    apply_palette(app)
    global _follows_scheme
    if not _follows_scheme:  # once per process: create_app is called again by tests
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda scheme: apply_palette(app, scheme))
        _follows_scheme = True
    install_translators(app, settings.get(settings.LANGUAGE))
    return app


def run_gui(argv: list[str] | None = None) -> int:
    """Launch the main window and run the event loop."""
    app = create_app(argv)
    show_main_window()
    return app.exec()


# The window size screenshots and start-up measurements use (a common laptop screen).
MEASURED_SIZE = (1366, 768)


def show_main_window(size: tuple[int, int] | None = None, before_show=None, **kwargs):
    """The main window as a launch shows it: shown, then its background work (index, notes) started.

    ``run_gui`` and the benchmarks' probes (``gui --time-startup``,
    ``bench/gui_import_probe.py``) all start it here. ``before_show(window)``
    runs just before ``show()`` (a probe's event filter); ``kwargs`` go to ``MainWindow``.
    """
    from desktop.mainwindow import MainWindow

    win = MainWindow(**kwargs)
    if size is not None:
        win.resize(*size)
    if before_show is not None:
        before_show(win)
    win.show()
    win.start_background()
    return win
