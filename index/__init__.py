"""ZoneRef engine: documents, clauses, search, comparison, notes.

This package never imports Qt; ``tests/index/test_layering.py`` proves it.
"""

__version__ = "0.1.0"
