"""The profile's hand-laid table of scores looks exactly like rich's Table it replaces (the same
characters, each in the same style), and print_indented, wrapping pieces of text itself and
printing them in one go, writes exactly what rich's wrapping printed line by line wrote."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console
from rich.text import Text

from goodlooks.render.console import SafeConsole
from goodlooks.render.outline import print_indented
from goodlooks.render.score_table import ScoreTable

WORDS = ["digital", "mission", "a", "users", "governance", "é", "中文字", "(12)", "—", "x" * 30,
         "Supercalifragilistic-long-word", "a\nb", "\x1b[31mred", "\u202e", "\r", "  "]
LEVELS = ["Starting", "Emerging", "Developing", "Established", "–"]
STYLES = ["", "red", "yellow", "green3", "bold"]


def _random_table(rng: random.Random) -> ScoreTable:
    columns = [("Score", "right"), ("Level", "left"), ("", "left"), ("Answered", "right")]
    targets = rng.random() < 0.4
    if targets:
        columns += [("Target", "right"), ("Gap", "right")]
    table = ScoreTable("Dimension", columns)
    for _ in range(rng.randint(0, 8)):
        style = rng.choice(STYLES)
        cells: list[Text | str] = [Text(rng.choice(["3.00", "–", "10.25"]), justify="right"),
                                   Text(rng.choice(LEVELS), style=style), Text("█" * rng.randint(0, 10), style=style),
                                   rng.choice(["", "4/4", "12/120"])]
        if targets:
            cells += [rng.choice(["", "3.50"]), rng.choice(["met", "0.25", ""])]
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
        table.add_row(Text(title, style=rng.choice(["", "bold"])), *cells, indent=rng.choice([0, 2]))
    return table


def _shown(console: Console, renderable: object) -> list[tuple[str, str | None]]:
    """Each character shown, with its style where it has ink (a space's style cannot be seen)."""
    return [(char, str(segment.style) if segment.style and char != " " else None)
            for segment in console.render(renderable, console.options) if not segment.control
            for char in segment.text]


def _plain(width: int, renderable: object) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_the_table_looks_exactly_like_richs_table(seed):
    rng = random.Random(seed)
    table = _random_table(rng)
    for width in (40, 60, 80, 120, 200):
        console = Console(file=io.StringIO(), width=width, color_system="truecolor", highlight=False)
        assert _plain(width, table) == _plain(width, table.rich_table())
        assert _shown(console, table) == _shown(console, table.rich_table())


def test_a_table_too_wide_for_its_titles_is_laid_out_by_rich():
    usual = ScoreTable("Dimension", [("Score", "right"), ("Level", "left")])
    usual.add_row(Text("A clear mission that everyone shares, written out at some length"), "3.00", "Developing")
    assert usual._widths(80) == [62, 7, 11]  # laid out here: the titles narrowed to fit 80 columns
    table = ScoreTable("Dimension", [("Level", "left")])
    table.add_row(Text("A title"), Text("A level name far longer than any the built-in banks use"))
    assert table._widths(60) is None  # the titles would get too narrow: rich's rules apply
    assert _plain(60, table) == _plain(60, table.rich_table())


def _line_by_line(console: Console, text: Text | str, indent: int = 0, hang: int = 0) -> None:
    """print_indented as it was: one print per line."""
    text = Text(text) if isinstance(text, str) else text
    for index, line in enumerate(text.wrap(console, max(20, console.width - indent - hang))):
        line.rstrip()
        console.print(Text(" " * (indent + (hang if index else 0))) + line, soft_wrap=True)


@pytest.mark.parametrize("seed", range(60))
def test_wrapped_text_printed_in_one_go_is_the_same_as_line_by_line(seed):
    rng = random.Random(seed)
    parts = [(rng.choice(WORDS + ["\n", "\n\n"]) + rng.choice([" ", ""]), rng.choice(["", "bold", "dim", "red"]))
             for _ in range(rng.randint(0, 30))]
    text = Text.assemble(*parts, style=rng.choice(["", "dim", "underline"]))
    for _ in range(rng.randint(0, 3)):  # spans over spans, as stylize makes them
        if text:
            start = rng.randrange(len(text))
            text.stylize(rng.choice(["bold", "green", "reverse", "on blue"]), start, rng.randint(start, len(text)))
    indent, hang, width = rng.choice([0, 2, 4]), rng.choice([0, 2, 6]), rng.choice([30, 80])
    for colour in (None, "truecolor"):
        outputs = []
        for show in (_line_by_line, print_indented):
            console = SafeConsole(file=io.StringIO(), width=width, color_system=colour,
                                  force_terminal=colour is not None, highlight=False)
            show(console, text.copy(), indent, hang)
            outputs.append(console.file.getvalue())
        assert outputs[0] == outputs[1]
