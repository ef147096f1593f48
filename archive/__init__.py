"""Arshif's core: storage, Arabic text, search and metadata. Knows nothing of screens.

Nothing in this package imports Textual (tests/test_import_hygiene.py checks it).
"""

__version__ = "0.1.0"
