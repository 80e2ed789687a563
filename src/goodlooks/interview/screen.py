"""Where the interview's own words go: the welcome, each part's rule, each question's heading.

They are described once, as blocks (paragraphs, lines, rules, blank lines), and written either by
rich or, on an ordinary terminal, straight to standard output with the very characters and
escape codes rich would write (tests compare the two). rich takes about 12 ms to import, a
twentieth of the wait for the first question; the interview needs it only later (the review,
a room's votes, the profile). Anything out of the ordinary (Windows, Jupyter, FORCE_COLOR, a
non-UTF-8 output, a projector's cleared screens, tabs, very narrow terminals) goes to rich.

Text from files passes through `terminal_text` either way, as it would in `SafeConsole`.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from goodlooks.render.wrapping import wrap_pieces
from goodlooks.base.safe_text import terminal_text

Piece = tuple[str, str]
"""Some text and its style: "", "bold", "dim", "italic" or "bold cyan"."""

_STRIPPED = {code: None for code in (7, 8, 11, 12, 13)}
"""The control characters rich's Text drops (rich.control.STRIP_CONTROL_CODES)."""
_CODES = {"bold": "1", "dim": "2", "italic": "3", "bold cyan": "1;36", "rule.line": "92"}
"""SGR codes of the styles used here, as rich writes them (rule.line is bright green)."""
_COLOURS = {"bold cyan": "1", "rule.line": ""}
"""The same without colour (NO_COLOR)."""
_UNUSUAL_ENVIRONMENT = ("FORCE_COLOR", "TTY_COMPATIBLE")
MIN_WIDTH = 40

# The blocks are plain classes: a frozen dataclass costs about 0.35 ms to define, at every start.


class Paragraph:
    """Wrapped to the terminal's width, every line indented, later lines by `hang` more (as
    `goodlooks.render.outline.print_indented` prints it)."""

    __slots__ = ("pieces", "indent", "hang")

    def __init__(self, *pieces: Piece | str, indent: int = 0, hang: int = 0) -> None:
        self.pieces = tuple((piece, "") if isinstance(piece, str) else piece for piece in pieces)
        self.indent, self.hang = indent, hang


class Line:
    """One line as rich's `Console.print` prints it."""

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
    for everything else. `plain_allowed=False` always uses rich."""

    def __init__(self, make_console: Callable[[], Any], *, plain_allowed: bool = True) -> None:
        self._make_console, self._console = make_console, None
        self._plain_allowed = plain_allowed

    @property
    def console(self) -> Any:
        if self._console is None:
            self._console = self._make_console()
        return self._console

    def show(self, *blocks: Block) -> None:
        # Asked afresh each time, as rich measures its width at every print: a terminal resized
        # during the interview gets text wrapped to its new width.
        terminal = ordinary_terminal(sys.stdout) if self._plain_allowed else None
        written = plain_text(blocks, *terminal) if terminal else None
        if written is None:
            show_with_rich(self.console, blocks)
            return
        sys.stdout.write(written)
        sys.stdout.flush()


def ordinary_terminal(stream: Any) -> tuple[int, bool, bool] | None:
    """(width, styled, coloured): what rich's `Console` decides for `stream` (its width, whether
    it writes escape codes at all, and colours among them), where the decision is an ordinary
    one to make; None otherwise (then rich decides)."""
    environ = os.environ
    if (os.name != "posix" or any(name in environ for name in _UNUSUAL_ENVIRONMENT)
            or "get_ipython" in vars(builtins)
            or str(getattr(sys.stdin, "__module__", "")).startswith("idlelib")
            or not (getattr(stream, "encoding", None) or "utf-8").lower().startswith("utf")):
        return None
    try:
        terminal = bool(stream.isatty())
    except (AttributeError, ValueError):
        terminal = False
    dumb = terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    columns, lines = environ.get("COLUMNS", ""), environ.get("LINES", "")
    if columns.isdigit() and (lines.isdigit() or not dumb):
        width = int(columns)
    elif dumb:
        width = 80
    else:
        width = 0
        for descriptor in (0, 1, 2):
            try:
                width = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width, terminal and not dumb, environ.get("NO_COLOR", "") == ""


def plain_text(blocks: Sequence[Block], width: int, styled: bool, coloured: bool) -> str | None:
    """The blocks as rich would write them to a terminal of this kind; None for anything this
    does not lay out exactly as rich does (rich writes it then)."""
    if width < MIN_WIDTH:
        return None
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Blank):
            out.append("\n")
            continue
        pieces = _pieces(block)
        if pieces is None:
            return None
        if isinstance(block, Paragraph):
            lines = wrap_pieces(pieces, max(20, width - block.indent - block.hang))
            if lines is None:
                return None
            for number, line in enumerate(lines):
                out.append(" " * (block.indent + (block.hang if number else 0)))
                out.extend(_styled(text, style, styled, coloured) for text, style in line)
                out.append("\n")
        elif isinstance(block, Line):
            from rich.cells import cell_len

            joined = "".join(text for text, _ in pieces)
            if "\n" in joined or cell_len(joined) > width:
                return None
            out.extend(_styled(text, style, styled, coloured) for text, style in pieces)
            out.append("\n")
        else:
            out.extend(_rule(pieces[0][0], width, styled, coloured))
    return "".join(out)


def _pieces(block: Paragraph | Line | Rule) -> list[Piece] | None:
    """The block's pieces as rich's Text holds them (a few control characters dropped); None
    when one holds a tab or a style not known here."""
    pieces = [(block.title, "bold")] if isinstance(block, Rule) else list(block.pieces)
    if any("\t" in text or (style and style not in _CODES) for text, style in pieces):
        return None
    return [(text.translate(_STRIPPED), style) for text, style in pieces]


def _styled(text: str, style: str, styled: bool, coloured: bool) -> str:
    text = terminal_text(text)
    codes = (_CODES[style] if coloured else _COLOURS.get(style, _CODES[style])) if style and styled else ""
    return f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text


def _rule(title: str, width: int, styled: bool, coloured: bool) -> list[str]:
    """rich's Rule(title, characters="─", align="left") with a bold title."""
    from rich.cells import cell_len, set_cell_size

    title = title.replace("\n", " ")
    if cell_len(title) > width - 2:
        title = set_cell_size(title, width - 3) + "…"
    line = "─" * (width - cell_len(title) - 1)
    return [_styled(title, "bold", styled, coloured), " ", _styled(line, "rule.line", styled, coloured), "\n"]


def show_with_rich(console: Any, blocks: Sequence[Block]) -> None:
    """The blocks printed by rich (what `plain_text` reproduces)."""
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
