"""Shared ground: the exception root, where things live, Chinese text normalisation."""
