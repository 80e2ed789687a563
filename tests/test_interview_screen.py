"""The interview's own words, printed with prompt_toolkit's `print_formatted_text`: laid out as
rich lays them out (the same lines, wrapped at the same words), every text from a file shown
safely, and rich is not imported before the first question."""

from __future__ import annotations

import io
import random
import subprocess
import sys

import pytest
from rich.console import Console

from conftest import TINY_BANK
from goodlooks.base.safe_text import has_unsafe
from goodlooks.interview.screen import Blank, Line, Paragraph, Rule, Screen, fragments, show_with_rich

WORDS = ["digital", "mission", "a", "users", "é", "中文字", "(12)", "—", "x" * 70, "“quoted”", "\n", "\n\n",
         "  ", "trailing   ", "Supercalifragilistic-long-word"]
HOSTILE = ["\x1b[31mred", "\u202e", "\r", "\x07", "\x9b2J", "\x00", "\ud800", "\t"]
STYLES = ["", "", "bold", "dim", "italic", "bold cyan"]


def _text(rng: random.Random, words: int, pool: list[str]) -> str:
    return "".join(rng.choice(pool) + rng.choice([" ", "", " "]) for _ in range(rng.randint(1, words)))


def _blocks(rng: random.Random, pool: list[str]) -> list:
    blocks = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["paragraph", "paragraph", "line", "rule", "blank"])
        if kind == "paragraph":
            pieces = [(_text(rng, 12, pool), rng.choice(STYLES)) for _ in range(rng.randint(1, 3))]
            blocks.append(Paragraph(*pieces, indent=rng.choice([0, 2]), hang=rng.choice([0, 2, 6])))
        elif kind == "line":
            blocks.append(Line((f"Question {rng.randint(1, 2000)} of {rng.randint(1, 2000)}", rng.choice(STYLES))))
        elif kind == "rule":
            blocks.append(Rule(f"Part 1 of 8: {_text(rng, rng.choice([3, 30]), pool)}"))
        else:
            blocks.append(Blank())
    return blocks


def _plain(laid_out: list[tuple[str, str]]) -> str:
    return "".join(text for _, text in laid_out)


@pytest.mark.parametrize("width", [40, 45, 80, 120])
def test_the_lines_are_the_lines_rich_prints(width):
    """Without colour, the words of every block land on the very lines where rich puts them."""
    rng = random.Random(width)
    compared = 0
    for _ in range(60):
        blocks = _blocks(rng, WORDS)
        stream = io.StringIO()
        show_with_rich(Console(file=stream, width=width, color_system=None, highlight=False), blocks)
        laid_out = fragments(blocks, width)
        if laid_out is not None:  # None: a line rich would crop; rich prints it then
            assert _plain(laid_out) == stream.getvalue()
            compared += 1
    assert compared >= 40


def test_every_text_is_made_safe_before_it_is_laid_out():
    rng = random.Random(7)
    for _ in range(200):
        laid_out = fragments(_blocks(rng, WORDS + HOSTILE), rng.choice([20, 40, 80])) or []
        assert not any(has_unsafe(text) for _, text in laid_out)
        assert all("\t" not in text for _, text in laid_out)


def test_a_paragraph_wraps_its_escaped_text_at_the_width():
    laid_out = _plain(fragments([Paragraph("word " * 10 + "\x1b" * 10)], 40))
    assert [len(line) for line in laid_out.splitlines()] == [39, 9, 40]  # \x1b is four columns now


def test_styles_are_written_by_prompt_toolkit_and_nothing_raw(monkeypatch):
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    monkeypatch.delenv("NO_COLOR", raising=False)
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm-256color")
    Screen(lambda: pytest.fail("rich was used"), output=lambda: output).show(
        Blank(), Line(("Question 1 of 2", "bold cyan")), Paragraph(("Do teams \x1b]0;PWNED\x07 meet?", "bold"),
                                                                    indent=2), Rule("Part 1 of 2: Users"))
    written = screen.getvalue()
    assert "Question 1 of 2" in written and "\\x1b]0;PWNED\\x07" in written
    assert "\x1b[0;1;36m" in written or "\x1b[0;36;1m" in written  # bold cyan, as prompt_toolkit writes it
    assert "\x1b]" not in written and "\x07" not in written


def test_rich_is_not_imported_before_the_first_question(tmp_path):
    (tmp_path / "bank.yaml").write_text(TINY_BANK)
    code = ("import sys, questionary.question as q, goodlooks.interview.prompts as p\n"
            "p.terminal_available = lambda: True\n"
            "def ask(*args):\n"
            "    print(sorted(m for m in sys.modules if m.startswith('rich.console')), file=sys.stderr)\n"
            "    raise SystemExit(0)\n"
            "q.Question.unsafe_ask = ask\n"
            "sys.argv = ['goodlooks', 'assess', '--bank', 'bank.yaml', '--output', 'r.json']\n"
            "from goodlooks.cli import main; main()\n")
    env = {**__import__("os").environ, "TERM": "xterm"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.stderr.strip().splitlines()[-1] == "[]"
    assert "Question 1 of 2" in result.stdout


def test_a_terminal_resized_during_the_interview_gets_text_wrapped_to_its_new_width(monkeypatch):
    """rich measures the terminal at every print; so does the screen (it used to keep the first width)."""
    from prompt_toolkit.output import DummyOutput

    from goodlooks.interview import screen as screen_module

    widths = iter([100, 60])
    monkeypatch.setattr(screen_module.shutil, "get_terminal_size",
                        lambda: __import__("os").terminal_size((next(widths), 40)))
    written: list[str] = []

    class Recorded(DummyOutput):
        def write(self, data: str) -> None:
            written.append(data)

    shown = Screen(lambda: pytest.fail("rich was used"), output=Recorded)
    text = "word " * 30
    shown.show(Paragraph(text.strip()))
    shown.show(Paragraph(text.strip()))
    lines = "".join(written).replace("\r\n", "\n").splitlines()
    assert [len(line) for line in lines] == [99, 49, 59, 59, 29]
