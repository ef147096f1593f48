"""The core knows no screen: importing every core module leaves Textual unloaded."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import archive


def test_core_never_imports_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(archive.__path__, "archive.")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert len(modules) > 5
