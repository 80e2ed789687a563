"""Wrapping styled text the way rich does, on plain pieces instead of rich `Text` objects.

rich's `Text.wrap` builds a `Text` for every line (copies, span lists, cell counts) and printing
it builds them again. For the thousands of lines of a large profile, and for the interview's
own words (written before rich is imported), the same lines are worked out here from
(text, style) pieces with rich's own line breaking (`rich._wrap.divide_line`). The result is
what `goodlooks.render.outline.print_indented` has always printed (tests compare the two);
anything this does not lay out exactly as rich does, it declines (None), and rich wraps it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from rich._wrap import divide_line
from rich.cells import cell_len

S = TypeVar("S")
"""A piece's style: anything, carried along."""

_TRAILING_SPACE = re.compile(r"\s+$")


def wrap_pieces(pieces: Sequence[tuple[str, S]], width: int) -> list[list[tuple[str, S]]] | None:
    """The lines of the joined pieces wrapped to `width` cells as rich's `Text.wrap` wraps them
    (overflow fold, no justification), each with its trailing white space removed as
    print_indented removes it, and cut into the pieces' parts; None when rich would also
    have to crop a line, or expand a tab."""
    plain = "".join(text for text, _ in pieces)
    if "\t" in plain:
        return None
    lines = []
    start = 0
    for paragraph in plain.split("\n"):
        cuts = [0, *divide_line(paragraph, width, fold=True), len(paragraph)]
        for begin, end in zip(cuts, cuts[1:]):
            line = paragraph[begin:end]
            if len(line) > width:  # Text.rstrip_end: white space beyond the width goes first
                spaces = _TRAILING_SPACE.search(line)
                if spaces:
                    line = line[:len(line) - min(len(spaces.group()), len(line) - width)]
            if cell_len(line) > width:  # rich would crop it (Text.truncate)
                return None
            line = line.rstrip()
            lines.append(_cut(pieces, start + begin, start + begin + len(line)))
        start += len(paragraph) + 1
    return lines


def _cut(pieces: Sequence[tuple[str, S]], begin: int, end: int) -> list[tuple[str, S]]:
    """The parts of `pieces` between two offsets of their joined text."""
    cut, offset = [], 0
    for text, style in pieces:
        low, high = max(begin, offset), min(end, offset + len(text))
        if low < high:
            cut.append((text[low - offset:high - offset], style))
        offset += len(text)
        if offset >= end:
            break
    return cut
