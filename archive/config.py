"""User configuration: one TOML file, with ARSHIF_* environment overrides.

    ~/.config/arshif/config.toml  (platformdirs.user_config_path("arshif"))

    bidi = "app"            # or "terminal": who shapes and reorders Arabic
    harakat = true          # show harakat in the body pane
    [keys]                  # remap bindings by their id
    add_tag = "a"

`ARSHIF_CONFIG` names another file; `ARSHIF_BIDI` overrides `bidi`. Reading the file has
no side effects: nothing is created until the user writes it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

BIDI_MODES = ("app", "terminal")


class ConfigError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Config:
    bidi: str = "app"
    harakat: bool = True
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def config_path() -> Path:
    env = os.environ.get("ARSHIF_CONFIG")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_path("arshif")) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    data: dict = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    bidi = os.environ.get("ARSHIF_BIDI") or data.get("bidi", "app")
    if bidi not in BIDI_MODES:
        raise ConfigError(f"{path}: bidi must be one of {', '.join(BIDI_MODES)}, not {bidi!r}")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f"{path}: [keys] maps binding ids to key names")
    return Config(bidi=bidi, harakat=bool(data.get("harakat", True)), keys=dict(keys), path=path)
