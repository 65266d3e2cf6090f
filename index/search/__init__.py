"""Full-text search over clauses, in either script."""

import functools
import sys
import types


def _import_whoosh_lightly() -> None:
    """Import Whoosh with stand-ins for two modules it imports and a search never uses.

    ``whoosh.compat`` imports ``urlretrieve`` from ``urllib.request`` (http.client,
    email, ssl, socket), never called; ``whoosh.reading`` imports the
    ``cached_property`` package, which imports asyncio, for one property the
    standard ``functools.cached_property`` does as well. Together ~50 ms of
    every ``zoneref search`` process, for an app that never connects to the
    network. ``whoosh.query.terms`` (imported by ``whoosh.searching``, which
    opening an index needs) imports ``whoosh.lang.morph_en`` for English
    word variations (~11 ms: a large table of regular expressions), never
    used by a ZoneRef query: its stand-in's ``variations`` loads the real
    module if it is ever called. Likewise the Porter stemmer and double
    metaphone of ``whoosh.analysis`` (regular expressions and tables compiled
    at import, ~3 ms: ZoneRef's fields have no stemming or phonetic filter).
    The stand-ins are removed at once: whoever imports any of these modules
    later gets the real one. (The standard ``html``, which Whoosh imports for
    its highlighter, is left real: the GUI imports it on other threads, which
    must never get a stand-in.)
    """
    if "whoosh" in sys.modules:
        return

    def urlretrieve(*_args, **_kwargs):
        raise RuntimeError("ZoneRef never downloads")

    def variations(word):
        from whoosh.lang import morph_en  # the real module: the stand-in is gone by now

        return morph_en.variations(word)

    def stem(word):
        from whoosh.lang import porter

        return porter.stem(word)

    def double_metaphone(text):
        from whoosh.lang import dmetaphone

        return dmetaphone.double_metaphone(text)

    stand_ins = {"urllib.request": types.ModuleType("urllib.request"),
                 "cached_property": types.ModuleType("cached_property"),
                 "whoosh.lang.morph_en": types.ModuleType("whoosh.lang.morph_en"),
                 "whoosh.lang.porter": types.ModuleType("whoosh.lang.porter"),
                 "whoosh.lang.dmetaphone": types.ModuleType("whoosh.lang.dmetaphone")}
    stand_ins["urllib.request"].urlretrieve = urlretrieve
    stand_ins["cached_property"].cached_property = functools.cached_property
    stand_ins["whoosh.lang.morph_en"].variations = variations
    stand_ins["whoosh.lang.porter"].stem = stem
    stand_ins["whoosh.lang.dmetaphone"].double_metaphone = double_metaphone
    stand_ins = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat
        import whoosh.reading
        import whoosh.searching  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


_import_whoosh_lightly()
