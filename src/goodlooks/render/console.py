"""The rich console every command prints with: text made safe for a terminal as it is printed.

A module of its own so that sanitising text (`goodlooks.base.safe_text`) does not import rich.

Everything a rich `Console` prints passes its render hooks (rich's public `RenderHook`), so the
console hooks one in: every renderable is wrapped in `Sanitised`, which renders it as rich
would and shows each control character in its text as a visible escape. Segments rich marks
as control codes (its own cursor moves) are left as they are, and rich adds its styling codes
after this, so both still work.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.segment import Segment

from goodlooks.base.safe_text import has_unsafe, terminal_text


class Sanitised:
    """A renderable drawn as rich draws it, every control character in its text made visible.

    An escape (`\\x1b` for ESC) is wider than the character it shows, so a line made longer
    than the width is folded onto the next line, where a terminal would have wrapped it: rich
    would otherwise crop it, and the end of the line would be lost."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        segments = list(console.render(self.renderable, options))
        if not any(has_unsafe(segment.text) for segment in segments if not segment.control):
            yield from segments  # the usual case: exactly what rich drew
            return
        line: list[Segment] = []
        changed = False  # whether the line holds text made longer
        for segment in segments:
            if segment.control:
                line.append(segment)
                continue
            *ended, rest = segment.text.split("\n")
            for part in ended:
                changed |= has_unsafe(part)
                line.append(Segment(terminal_text(part), segment.style))
                yield from _folded(line, options.max_width) if changed else line
                yield Segment.line()
                line, changed = [], False
            changed |= has_unsafe(rest)
            line.append(Segment(terminal_text(rest), segment.style))
        yield from _folded(line, options.max_width) if changed else line


def _folded(line: list[Segment], width: int) -> Iterator[Segment]:
    """One line's segments with a new line after every `width` cells."""
    if Segment.get_line_length(line) <= width:
        yield from line
        return
    used = 0
    for segment in line:
        while used + segment.cell_length > width:
            head, segment = segment.split_cells(width - used)
            if head.text:
                yield head
            yield Segment.line()
            used = 0
        if segment.text:
            yield segment
            used += segment.cell_length


class _Sanitiser(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [Sanitised(renderable) for renderable in renderables]


class SafeConsole(Console):
    """A rich Console that never writes a control character it was not asked to write itself.

    `plain`: for a screen reader (`assess --plain`, TERM=dumb): no colour, and what would be read
    out as a run of symbols is left out (a rule's line under a heading, the profile's bars)."""

    def __init__(self, *args: Any, plain: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plain = plain
        self.push_render_hook(_Sanitiser())

    def rule(self, title: Any = "", *args: Any, **kwargs: Any) -> None:
        if self.plain:  # the heading alone: a screen reader would read every box-drawing character
            self.print(title)
            return
        super().rule(title, *args, **kwargs)

    def on_broken_pipe(self) -> None:
        """Rich exits 1 itself when the reader has gone; hand it to the command line instead,
        which ends quietly (see `goodlooks.base.output_errors`)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of standard output has gone")
