"""Ask for a tag name, completing from the existing tags; a name the archive would refuse
(a space, a leading + or -) is said in the dialog, which stays open to correct it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from archive.layout import visual_line
from archive.store import ArchiveError
from tui.screen_text import for_screen
from tui.widgets.rtl_input import RtlInput

MAX_CHOICES = 50
DIALOG_WIDTH = 56  # app.tcss: #dialog is 60 wide with a thick border and padding 0 1


def matching(names: list[str], typed: str) -> list[str]:
    """Tags starting with what was typed first, then the ones containing it."""
    typed = typed.strip().casefold()
    if not typed:
        return names[:MAX_CHOICES]
    starts = [n for n in names if n.casefold().startswith(typed)]
    inside = [n for n in names if typed in n.casefold() and n not in starts]
    return (starts + inside)[:MAX_CHOICES]


class TagInputScreen(ModalScreen[str | None]):
    """Returns the tag typed or picked, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tag_input.cancel"),
        Binding("down", "to_choices", "Choices", show=False, id="tag_input.to_choices"),
        Binding("tab", "complete", "Complete", id="tag_input.complete"),
    ]

    def __init__(
        self,
        prompt: str,
        names: list[str],
        *,
        only_existing: bool = False,
        placeholder: str = "tag name (Tab completes)",
        check: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.placeholder = placeholder
        self.names = names
        self.only_existing = only_existing
        self.check = check  # the name as it will be stored, or ArchiveError saying why not

    def compose(self) -> ComposeResult:
        mode = getattr(self.app, "bidi_mode", "app")
        with Vertical(id="dialog"):
            yield Label(Text(for_screen(self.prompt, DIALOG_WIDTH, mode)), id="prompt")
            yield RtlInput(
                shaped=mode == "app",
                placeholder=self.placeholder,
                suggester=SuggestFromList(self.names, case_sensitive=False),
                id="tag-name",
            )
            yield Label("", id="tag-problem")
            yield OptionList(id="tag-choices")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#tag-name", RtlInput).focus()

    def _fill(self, typed: str) -> None:
        choices = self.query_one("#tag-choices", OptionList)
        choices.clear_options()
        shaped = getattr(self.app, "bidi_mode", "app") == "app"
        choices.add_options(
            Option(Text(visual_line(n, DIALOG_WIDTH - 4) if shaped else n), id=n)
            for n in matching(self.names, typed)
        )

    @on(Input.Changed, "#tag-name")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        self._say("")

    @on(Input.Submitted, "#tag-name")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            return
        if self.only_existing and value not in self.names:
            found = matching(self.names, value)
            if len(found) != 1:
                self.notify(f"no tag {value!r} on this document", severity="warning")
                return
            value = found[0]
        elif self.check is not None:
            try:
                value = self.check(value)
            except ArchiveError as exc:
                self._say(str(exc))
                return
        self.dismiss(value)

    def _say(self, problem: str) -> None:
        """Show what is wrong with the name typed (empty: nothing)."""
        label = self.query_one("#tag-problem", Label)
        mode = getattr(self.app, "bidi_mode", "app")
        label.update(Text(for_screen(problem, DIALOG_WIDTH, mode)) if problem else "")
        label.display = bool(problem)

    @on(OptionList.OptionSelected, "#tag-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_choices(self) -> None:
        choices = self.query_one("#tag-choices", OptionList)
        if choices.option_count:
            choices.focus()
            choices.highlighted = 0

    def action_complete(self) -> None:
        """Tab: complete the name typed to the first matching tag."""
        name_input = self.query_one("#tag-name", RtlInput)
        found = matching(self.names, name_input.value)
        if found and name_input.value.strip():
            name_input.value = found[0]
            name_input.cursor_position = len(found[0])
            name_input.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
