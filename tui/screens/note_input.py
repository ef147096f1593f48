"""Write, change or clear the note of one document."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.screen_text import for_screen
from tui.widgets.rtl_input import RtlInput

DIALOG_WIDTH = 56  # app.tcss: #dialog is 60 wide with a thick border and padding 0 1


class NoteInputScreen(ModalScreen[str | None]):
    """Returns the new note ("" clears it), or None when cancelled or left unchanged."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note_input.cancel"),
    ]

    def __init__(self, prompt: str, note: str | None) -> None:
        super().__init__()
        self.prompt = prompt
        # One line to edit: a note written with line breaks (`arshif note --stdin`) shows
        # them as spaces, and is only rewritten when the text is changed here.
        self.shown = (note or "").replace("\n", " ")

    def compose(self) -> ComposeResult:
        mode = getattr(self.app, "bidi_mode", "app")
        with Vertical(id="dialog"):
            yield Label(Text(for_screen(self.prompt, DIALOG_WIDTH, mode)), id="prompt")
            yield RtlInput(
                self.shown,
                shaped=mode == "app",
                placeholder="a note (empty removes it) · Enter saves · Esc cancels",
                id="note-text",
            )

    def on_mount(self) -> None:
        self.query_one("#note-text", RtlInput).focus()

    @on(Input.Submitted, "#note-text")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(None if event.value == self.shown else event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
