"""Full-text search over clauses, in either script."""
