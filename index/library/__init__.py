"""The documents: bundled and imported files, their metadata, clauses and readers."""
