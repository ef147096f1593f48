"""Two settings of the Python process that decide how soon a typed key shows its results.

- **Frames.** Textual draws a changed screen at its next frame, on a grid of 1/TEXTUAL_FPS
  seconds (60 by default). The search bar's echo of a key takes one frame; the list that the
  search worker brings back 5-15 ms later waits for the next one, up to 17 ms more. Arshif
  asks for 240 frames a second, so that wait is at most 4 ms. It does not draw more: a frame
  is drawn only when something changed, and animations keep their own 60 Hz clock.
  A TEXTUAL_FPS already set by the user wins.
- **Garbage collection.** Once the app has painted its first list, the objects made while
  starting (Textual's widgets and styles, the modules, the layout tables: about 70 000) are
  moved out of the collector's reach (`gc.freeze`). A full collection then scans what the
  session made since, and stops pausing a keystroke for ~30 ms.
"""

from __future__ import annotations

import gc
import os

FRAMES_PER_SECOND = 240


def ask_for_prompt_frames() -> None:
    """Set TEXTUAL_FPS for this process unless the user did. Textual reads it once, when it
    is first imported: call this before importing the app."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


def freeze_startup_objects() -> None:
    """Collect the garbage of starting up, then exempt what is left from later collections."""
    gc.collect()
    gc.freeze()


def thaw_startup_objects() -> None:
    """Give the frozen objects back to the collector (the app has closed; a process that
    opens another app, like the test suite, can free the first one's)."""
    gc.unfreeze()
