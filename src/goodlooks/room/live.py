"""The facilitator's live lines: a few lines at the foot of the terminal that redraw as phones
join and vote, and take one key. prompt_toolkit draws them (as it draws every prompt); the room
calls `Live.poke` from any thread when something changes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import Layout
from prompt_toolkit.layout.containers import Window
from prompt_toolkit.layout.controls import FormattedTextControl

from goodlooks.base.safe_text import terminal_text

Lines = list[tuple[str, str]]
"""(style, text) pieces; text from phones passes through `terminal_text`."""


class Live:
    """Show `draw()` until a key in `keys` is pressed (returning its name) or `done()` says
    what to return (checked each time the room changes). A key whose name `taken` refuses
    (returns False: it has set what `draw` says instead) only redraws the lines, in place."""

    def __init__(self, draw: Callable[[], Lines], keys: dict[str, str],
                 done: Callable[[], str | None] = lambda: None,
                 taken: Callable[[str], bool] = lambda name: True) -> None:
        self.draw, self.done = draw, done
        bindings = KeyBindings()
        if "enter" in keys:  # Enter pressed between two screens reaches the next as a line feed
            keys = {**keys, "c-j": keys["enter"]}

        def pressed(event, result: str) -> None:
            if taken(result):
                event.app.exit(result=result)
            else:
                event.app.invalidate()

        for key, result in keys.items():
            bindings.add(key)(lambda event, _result=result: pressed(event, _result))

        @bindings.add("c-c")
        def _interrupt(event) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        self.app: Application[str] = Application(
            layout=Layout(Window(FormattedTextControl(self._text, show_cursor=False), wrap_lines=True,
                                 dont_extend_height=True)),
            key_bindings=bindings, full_screen=False, erase_when_done=False)

    def _text(self) -> FormattedText:
        return FormattedText([(style, terminal_text(text)) for style, text in self.draw()])

    def poke(self) -> None:
        """Redraw, or finish if `done()` says so; safe to call from any thread."""
        loop = self.app.loop
        if loop is None or loop.is_closed():
            return
        loop.call_soon_threadsafe(self._check)

    def _check(self) -> None:
        if self.app.is_done or not self.app.is_running:
            return
        result = self.done()
        if result is not None:
            self.app.exit(result=result)
        else:
            self.app.invalidate()

    def run(self) -> str:
        result = self.done()
        if result is not None:
            return result
        def check_as_it_starts() -> None:  # a change between the check above and the start
            asyncio.get_running_loop().call_soon(self._check)

        return self.app.run(pre_run=check_as_it_starts)
