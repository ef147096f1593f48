"""The search bar keeps a query's own direction: its first strong character (as typed), while
document text that is mostly Arabic reads right-to-left even after a Latin word."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.rtl_input import RtlInput


class _Bar(App[None]):
    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        yield RtlInput(self.value, id="bar")


async def _visual(value: str):
    app = _Bar(value)
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        return app.query_one("#bar", RtlInput).visual()


async def test_a_filter_query_with_an_arabic_value_stays_left_to_right() -> None:
    line = await _visual('person:="عبد الله الاقتصادية"')
    assert line is not None and not line.rtl
    assert line.text.startswith('person:="')


async def test_an_arabic_query_is_right_to_left() -> None:
    line = await _visual("مجلس الأمن person:غوتيريش")
    assert line is not None and line.rtl
