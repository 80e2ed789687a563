"""Wrapping styled text the way rich does, on plain pieces instead of rich `Text` objects.

rich's `Text.wrap` builds a `Text` for every line (copies, span lists, cell counts) and printing
it builds them again. For the thousands of lines of a large profile, and for the interview's
own words (written before rich's console is imported), the same lines are worked out here from
(text, style) pieces. The breaks are rich's rule, written here with rich's public cell
measures (`rich.cells`): a word is its letters and the white space after them; it goes on the
line if its letters fit, else on a new line, and a word wider than a whole line is folded.
Tests compare every line with `Text.wrap`'s, so a change in rich's wrapping shows as a failing
test, not as a different profile. Anything this does not lay out exactly as rich does, it
declines (None), and rich wraps it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TypeVar

from rich.cells import cell_len, chop_cells

S = TypeVar("S")
"""A piece's style: anything, carried along."""

_TRAILING_SPACE = re.compile(r"\s+$")
_WORD = re.compile(r"\s*\S+\s*")
"""A word as rich's wrapping sees it: any white space before it (only at the start of a line),
its letters, and the white space after them."""


def line_breaks(text: str, width: int) -> list[int]:
    """Where `text` (one paragraph) breaks into lines of `width` cells: the offsets at which new
    lines begin, as rich's `Text.wrap` breaks it with overflow "fold"."""
    breaks: list[int] = []
    used = 0  # cells taken on the current line
    for word in _WORD.finditer(text):
        start, letters = word.start(), cell_len(word.group().rstrip())
        if letters <= width - used:
            used += cell_len(word.group())
        elif letters > width:  # wider than any line: fold it, a line's width at a time
            pieces = chop_cells(word.group(), width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = cell_len(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = cell_len(word.group())
    return breaks


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
        cuts = [0, *line_breaks(paragraph, width), len(paragraph)]
        for begin, end in itertools.pairwise(cuts):
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
