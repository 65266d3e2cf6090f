"""The engine never imports Qt (STYLE.md: layers, data flows one way)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_index_package_loads_no_qt():
    modules = sorted(m.name for m in pkgutil.walk_packages([str(ROOT / "index")], prefix="index."))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"Qt loaded by the engine: {proc.stdout} {proc.stderr}"
    assert len(modules) >= 5


def test_cli_data_commands_load_no_qt():
    code = (
        "import sys\n"
        "from desktop import cli\n"
        "rc = cli.main(['docs', '--json'])\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "sys.exit(3 if bad else rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_front_ends_open_the_engine_only_through_the_workspace():
    """The GUI, the CLI and the self-test never build a corpus, an index, a library or a note store,
    never open the user database and never look for the content folder themselves (``index.workspace``)."""
    import re

    forbidden = re.compile(r"\b(Corpus|SearchIndex|Library|NoteStore)\(|\bopen_db\(|"
                           r"paths\.(content_dir|imported_dir|bundle_root)\(")
    found = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if forbidden.search(line.split("#", 1)[0]):
                found.append(f"{path.relative_to(ROOT)}:{no}: {line.strip()}")
    assert not found, "\n".join(found)


def test_search_loads_no_network_modules_and_leaves_urllib_request_real():
    """Opening the search engine loads no http/ssl/email/asyncio, nor Whoosh's searching side (queries,
    scoring, highlighting), stemmer or double metaphone (``index.search``'s stand-ins while Whoosh is
    imported); an index update's import of the searching side (``import_whoosh_searching``) loads no English
    morphology; a later ``import urllib.request``, ``cached_property``, ``whoosh.lang.morph_en``,
    ``whoosh.lang.porter`` or ``whoosh.lang.dmetaphone`` still gets the real module; Whoosh's word variations,
    stemming, double metaphone and HTML escape work."""
    code = (
        "import sys\n"
        "import index.search.searcher, whoosh.compat\n"
        "bad = [m for m in ('urllib.request', 'http.client', 'ssl', 'email.parser', 'asyncio',\n"
        "                   'whoosh.searching', 'whoosh.query', 'whoosh.highlight', 'whoosh.scoring',\n"
        "                   'whoosh.lang.morph_en', 'whoosh.lang.porter', 'whoosh.lang.dmetaphone')\n"
        "       if m in sys.modules]\n"
        "index.search.import_whoosh_searching()\n"
        "bad += [m for m in ('whoosh.lang.morph_en', 'urllib.request') if m in sys.modules]\n"
        "bad += [m for m in ('whoosh.searching', 'whoosh.query') if m not in sys.modules]\n"
        "from whoosh.query import terms\n"
        "from whoosh.analysis import morph\n"
        "varied = 'rendered' in terms.variations('render')\n"
        "stemmed = morph.StemFilter().stemfn('rendering') == 'render'\n"
        "phonetic = morph.double_metaphone('Smith') == ('SM0', 'XMT')\n"
        "escaped = whoosh.compat.htmlescape('<a & \"b\">') == '&lt;a &amp; &quot;b&quot;&gt;'\n"
        "import urllib.request\n"
        "import cached_property\n"
        "import whoosh.lang.morph_en, whoosh.lang.porter, whoosh.lang.dmetaphone\n"
        "real = hasattr(urllib.request, 'urlopen') and sys.modules['urllib.request'] is urllib.request \\\n"
        "    and hasattr(cached_property, 'threaded_cached_property') and varied \\\n"
        "    and hasattr(whoosh.lang.morph_en, 'rules') and stemmed and phonetic and escaped \\\n"
        "    and hasattr(whoosh.lang.porter, '_ed_ing') and hasattr(whoosh.lang.dmetaphone, 'vowels')\n"
        "print(bad, real, varied, stemmed, phonetic, escaped)\n"
        "sys.exit(0 if not bad and real else 1)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
