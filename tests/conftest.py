"""Shared fixtures. Helpers for the app tests live in tests/app/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's config or ./archive.db."""
    monkeypatch.setenv("ARSHIF_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("ARSHIF_DB", raising=False)
    monkeypatch.delenv("ARSHIF_BIDI", raising=False)
