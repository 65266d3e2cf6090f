"""Full-text search over clauses, in either script."""

import functools
import sys
import types


def _import_whoosh_lightly() -> None:
    """Import Whoosh with stand-ins for modules it imports and a search never uses.

    ``whoosh.compat`` imports ``urlretrieve`` from ``urllib.request`` (http.client,
    email, ssl, socket), never called; ``whoosh.reading`` imports the
    ``cached_property`` package, which imports asyncio, for one property the
    standard ``functools.cached_property`` does as well. Together ~50 ms of
    every ``zoneref search`` process, for an app that never connects to the
    network. Likewise the Porter stemmer and double metaphone of
    ``whoosh.analysis`` (regular expressions and tables compiled at import,
    ~3 ms: ZoneRef's fields have no stemming or phonetic filter): their
    stand-ins load the real modules if ever called. The stand-ins are removed
    at once: whoever imports any of these modules later gets the real one.
    (The standard ``html``, which ``whoosh.compat`` imports, is left real: the
    GUI imports it on other threads, which must never get a stand-in.)

    Whoosh's searching side (``whoosh.searching``, its queries, scoring,
    highlighting and English morphology: ~20M instructions, ~1 % of a
    comparison) is not imported here: an index is opened as a reader
    (``store.open_generation``) and ZoneRef's own executor answers every
    query; an index update imports it (``import_whoosh_searching``).
    """
    if "whoosh" in sys.modules:
        return

    def urlretrieve(*_args, **_kwargs):
        raise RuntimeError("ZoneRef never downloads")

    def stem(word):
        from whoosh.lang import porter

        return porter.stem(word)

    def double_metaphone(text):
        from whoosh.lang import dmetaphone

        return dmetaphone.double_metaphone(text)

    stand_ins = {"urllib.request": types.ModuleType("urllib.request"),
                 "cached_property": types.ModuleType("cached_property"),
                 "whoosh.lang.porter": types.ModuleType("whoosh.lang.porter"),
                 "whoosh.lang.dmetaphone": types.ModuleType("whoosh.lang.dmetaphone")}
    stand_ins["urllib.request"].urlretrieve = urlretrieve
    stand_ins["cached_property"].cached_property = functools.cached_property
    stand_ins["whoosh.lang.porter"].stem = stem
    stand_ins["whoosh.lang.dmetaphone"].double_metaphone = double_metaphone
    stand_ins = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def import_whoosh_searching() -> None:
    """Import Whoosh's searching side (an index update's ``delete_by_term`` runs a query), with a stand-in
    for ``whoosh.lang.morph_en`` while it is imported.

    ``whoosh.query.terms`` imports it for English word variations (~11 ms: a
    large table of regular expressions), never used by a ZoneRef query: the
    stand-in's ``variations`` loads the real module if it is ever called.
    Removed at once, as in ``_import_whoosh_lightly``.
    """
    if "whoosh.searching" in sys.modules:
        return

    def variations(word):
        from whoosh.lang import morph_en  # the real module: the stand-in is gone by now

        return morph_en.variations(word)

    stand_in = None
    if "whoosh.lang.morph_en" not in sys.modules:
        stand_in = sys.modules["whoosh.lang.morph_en"] = types.ModuleType("whoosh.lang.morph_en")
        stand_in.variations = variations
    try:
        import whoosh.searching  # noqa: F401
    finally:
        if stand_in is not None and sys.modules.get("whoosh.lang.morph_en") is stand_in:
            del sys.modules["whoosh.lang.morph_en"]


_import_whoosh_lightly()
