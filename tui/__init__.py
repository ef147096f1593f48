"""Arshif's Textual app: a thin UI over the `archive` core."""
