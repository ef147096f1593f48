"""Terminal bidi: in "app" mode the app shapes and reorders, so a terminal that implements
implicit bidi (VTE, mintty) must not reorder again. CSI 8 l turns its bidi off (BDSM: cells
shown as given), CSI 8 h turns it back on. The body pane re-exports both."""

from __future__ import annotations

from textual.app import App


def disable_terminal_bidi(app: App) -> None:
    """Ask the terminal not to reorder (CSI 8 l): the app sends cells in visual order."""
    _write(app, "\x1b[8l")


def restore_terminal_bidi(app: App) -> None:
    """Give the terminal its implicit bidi back (CSI 8 h), e.g. on exit."""
    _write(app, "\x1b[8h")


def _write(app: App, sequence: str) -> None:
    driver = app._driver
    if driver is None or app.is_headless:
        return
    driver.write(sequence)
    driver.flush()
