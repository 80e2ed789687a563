"""The profile's table of scores: rich's borderless table layout, done directly.

rich's `Table` measures and renders every cell through its general machinery (nested paddings,
measurements taken twice, a render per cell): about 170 ms for a bank of 500 dimensions, against
25 ms here. This table is simple: a first column of titles that wraps, then short one-line
cells. So it lays itself out directly, to the very layout that rich's
`Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")` gives:
the same characters, every visible character in the same style (tests compare the two; the
spaces that pad a cell may go unstyled where rich carries a cell's colour across them, which
no terminal shows without a background colour). When the table
is too wide for that layout to stay simple (the titles would get too narrow, or a cell holds
more than one line), rich's `Table` lays it out instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from goodlooks.render.outline import text_segments

Cell = Text | str
Justify = Literal["left", "right"]
MIN_TITLE_WIDTH = 20
"""Below this many cells for the titles, rich's Table lays the table out (its rules for tables
wider than the terminal go further than narrowing the first column)."""


@dataclass(frozen=True)
class _Row:
    title: Text
    indent: int
    cells: tuple[Cell, ...]


class ScoreTable:
    """A first column of titles (wrapped to fit, each row indented as given) and columns of
    one-line cells that never wrap; the header in bold."""

    def __init__(self, title_header: str, columns: list[tuple[str, Justify]]) -> None:
        self.title_header = title_header
        self.columns = columns
        self.rows: list[_Row] = []

    def add_row(self, title: Text, *cells: Cell, indent: int = 0) -> None:
        self.rows.append(_Row(title, indent, cells))

    def rich_table(self) -> Table:
        """The same table as a rich `Table` (the layout this one reproduces)."""
        table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column(self.title_header, ratio=1, overflow="fold")
        for header, justify in self.columns:
            table.add_column(header, justify=justify, no_wrap=True)
        for row in self.rows:
            title = Padding(row.title, (0, 0, 0, row.indent)) if row.indent else row.title
            table.add_row(title, *row.cells)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)
        if widths is None:
            yield self.rich_table()
            return
        yield from self._render(console, widths)

    def _cells(self, column: int) -> list[Text]:
        cells = [self.columns[column][0], *(row.cells[column] for row in self.rows)]
        return [cell if isinstance(cell, Text) else Text(cell) for cell in cells]

    def _widths(self, max_width: int) -> list[int] | None:
        """Each column's width with its padding, as rich's Table works them out; None when the
        layout needs more of rich's rules than narrowing the titles."""
        last = len(self.columns)
        widths = []
        for column in range(last):
            pad = 1 + (column + 1 < last)
            plains = [cell.plain for cell in self._cells(column)]
            if any("\n" in plain or "\t" in plain for plain in plains):
                return None
            widths.append(min(max(cell_len(plain) for plain in plains) + pad, max_width) or 1)
        if any("\t" in row.title.plain for row in self.rows):
            return None
        titles = max([cell_len(self.title_header),
                      *(row.indent + max(map(cell_len, row.title.plain.splitlines() or [""]))
                        for row in self.rows)])
        title_width = min(titles + 1, max_width)
        if title_width + sum(widths) > max_width:  # rich narrows the only column that wraps
            title_width = max_width - sum(widths)
        indents = max((row.indent for row in self.rows), default=0)
        if title_width - 1 - indents < MIN_TITLE_WIDTH:
            return None
        return [title_width, *widths]

    def _render(self, console: Console, widths: list[int]) -> RenderResult:
        last = len(self.columns)
        header = [self.title_header, " " * (widths[0] - cell_len(self.title_header))]
        for column, (name, justify) in enumerate(self.columns):
            header += (part.text for part in self._fit(console, Text(name), justify, widths[column + 1],
                                                       column + 1 == last))
        yield Segment("".join(header), console.get_style("bold"))
        yield Segment.line()
        blank = Segment(" " * sum(widths[1:]))
        for row in self.rows:
            lines = row.title.wrap(console, widths[0] - 1 - row.indent, justify="left", overflow="fold")
            for number, line in enumerate(lines):
                if row.indent:
                    yield Segment(" " * row.indent)
                yield from text_segments(console, line)
                yield Segment(" " * (widths[0] - row.indent - cell_len(line.plain)))
                if number == 0:
                    for column, cell in enumerate(row.cells):
                        yield from self._fit(console, cell, self.columns[column][1], widths[column + 1],
                                             column + 1 == last)
                else:
                    yield blank
                yield Segment.line()

    @staticmethod
    def _fit(console: Console, cell: Cell, justify: Justify, width: int, last: bool) -> list[Segment]:
        """One cell of one line: padded on the left (and the right, unless last) and justified."""
        text = cell if isinstance(cell, Text) else Text(cell)
        inner = width - 1 - (0 if last else 1)
        if (text.justify or justify) == "right":
            text = text.copy()
            text.rstrip()
            shown = [Segment(" " * (1 + inner - cell_len(text.plain))), *text_segments(console, text)]
        else:
            shown = [Segment(" "), *text_segments(console, text), Segment(" " * (inner - cell_len(text.plain)))]
        if not last:
            shown.append(Segment(" "))
        return shown
