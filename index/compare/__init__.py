"""Comparison: clause alignment, topics, shared wording, saved comparisons."""
