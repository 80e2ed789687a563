"""Where the interview's own words go: the welcome, each part's rule, each question's heading.

They are described once, as blocks (paragraphs, lines, rules, blank lines), and printed with
prompt_toolkit's `print_formatted_text`: questionary has loaded prompt_toolkit by then, while
rich's console takes about 12 ms to import, a twentieth of the wait for the first question
(rich is needed only later: the review, a room's votes, the profile). On a projector, where
every screen is cleared first, rich prints them (`show_with_rich`).

Paragraphs are wrapped to the terminal's width as rich wraps them (`goodlooks.render.wrapping`),
after their text from files has been through `terminal_text`, so an escaped control character
takes its real room on the line.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

from goodlooks.base.safe_text import terminal_text
from goodlooks.render.wrapping import wrap_pieces

Piece = tuple[str, str]
"""Some text and its style: "", "bold", "dim", "italic" or "bold cyan"."""

STYLES = {"": "", "bold": "bold", "dim": "dim", "italic": "italic", "bold cyan": "bold fg:ansicyan",
          "rule": "fg:ansibrightgreen"}
"""Each style as prompt_toolkit writes it (the rule's line is rich's bright green)."""
NARROWEST = 20
"""Paragraphs are wrapped to at least this many columns, however narrow the terminal."""

# The blocks are plain classes: a frozen dataclass costs about 0.35 ms to define, at every start.


class Paragraph:
    """Wrapped to the terminal's width, every line indented, later lines by `hang` more (as
    `goodlooks.render.outline.print_indented` prints it)."""

    __slots__ = ("hang", "indent", "pieces")

    def __init__(self, *pieces: Piece | str, indent: int = 0, hang: int = 0) -> None:
        self.pieces = tuple((piece, "") if isinstance(piece, str) else piece for piece in pieces)
        self.indent, self.hang = indent, hang


class Line:
    """One line, not wrapped."""

    __slots__ = ("pieces",)

    def __init__(self, *pieces: Piece) -> None:
        self.pieces = pieces


class Rule:
    """A bold title on the left, then a line to the terminal's edge (rich's `Console.rule`)."""

    __slots__ = ("title",)

    def __init__(self, title: str) -> None:
        self.title = title


class Blank:
    """An empty line."""

    __slots__ = ()


Block = Paragraph | Line | Rule | Blank


class Screen:
    """Shows blocks of the interview's text; `console` is the rich console (made on first use)
    for everything else. `rich_only` (a projector) prints the blocks with rich too."""

    def __init__(self, make_console: Callable[[], Any], *, rich_only: bool = False,
                 output: Callable[[], Any] | None = None) -> None:
        self._make_console, self._console = make_console, None
        self._rich_only = rich_only
        self._output = output

    @property
    def console(self) -> Any:
        if self._console is None:
            self._console = self._make_console()
        return self._console

    def show(self, *blocks: Block) -> None:
        if self._rich_only:
            show_with_rich(self.console, blocks)
            return
        # Measured afresh each time, as rich measures at every print: a terminal resized during
        # the interview gets text wrapped to its new width.
        laid_out = fragments(blocks, shutil.get_terminal_size().columns)
        if laid_out is None:
            show_with_rich(self.console, blocks)
            return
        if self._output is None and not _is_terminal(sys.stdout):  # a file or a pipe: the words alone
            sys.stdout.write("".join(text for _, text in laid_out))
            sys.stdout.flush()
            return
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.output import create_output

        # Standard output itself, as rich writes there, whatever output prompts are drawn on.
        output = self._output() if self._output is not None else create_output(stdout=sys.stdout)
        print_formatted_text(FormattedText(laid_out), end="", output=output, include_default_pygments_style=False)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def fragments(blocks: Sequence[Block], width: int) -> list[tuple[str, str]] | None:
    """The blocks laid out for a terminal `width` columns wide, as prompt_toolkit's
    (style, text) fragments, every text from a file made safe to show; None when a paragraph
    is one that rich would crop to fit (a wide character at the edge): rich prints those."""
    out: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Blank):
            out.append(("", "\n"))
        elif isinstance(block, Rule):
            out += _rule(_safe(block.title.replace("\n", " ")), width)
        elif isinstance(block, Line):
            out += [(STYLES[style], _safe(text).replace("\n", " ")) for text, style in block.pieces]
            out.append(("", "\n"))
        else:
            pieces = [(_safe(text), style) for text, style in block.pieces]
            lines = wrap_pieces(pieces, max(NARROWEST, width - block.indent - block.hang))
            if lines is None:
                return None
            for number, line in enumerate(lines):
                out.append(("", " " * (block.indent + (block.hang if number else 0))))
                out += [(STYLES[style], text) for text, style in line]
                out.append(("", "\n"))
    return out


def _safe(text: str) -> str:
    return terminal_text(text).expandtabs(8)


def _rule(title: str, width: int) -> list[tuple[str, str]]:
    """rich's Rule(title, characters="─", align="left") with a bold title."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(title) > width - 2:
        title = set_cell_size(title, max(1, width - 3)) + "…"
    line = "─" * max(1, width - cell_len(title) - 1)
    return [(STYLES["bold"], title), ("", " "), (STYLES["rule"], line), ("", "\n")]


def show_with_rich(console: Any, blocks: Sequence[Block]) -> None:
    """The blocks printed by rich (on a projector, and by the plain interview for screen readers)."""
    from rich.text import Text

    from goodlooks.render.outline import print_indented

    for block in blocks:
        if isinstance(block, Blank):
            console.print()
        elif isinstance(block, Paragraph):
            print_indented(console, Text.assemble(*block.pieces), block.indent, block.hang)
        elif isinstance(block, Line):
            console.print(Text.assemble(*block.pieces))
        else:
            console.rule(Text(block.title, style="bold"), align="left", characters="─")
