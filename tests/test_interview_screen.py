"""The interview's own words, written without rich on an ordinary terminal, are the very
characters and escape codes rich writes for them; and rich is not imported before the first
question."""

from __future__ import annotations

import io
import random
import subprocess
import sys

import pytest

from conftest import TINY_BANK
from goodlooks.interview.screen import (Blank, Line, Paragraph, Rule, ordinary_terminal, plain_text,
                                        show_with_rich)
from goodlooks.render.console import SafeConsole

WORDS = ["digital", "mission", "a", "users", "é", "中文字", "(12)", "—", "x" * 70, "“quoted”", "\n", "\n\n",
         "  ", "\x1b[31mred", "\u202e", "\r", "\x07", "trailing   "]
STYLES = ["", "", "bold", "dim", "italic", "bold cyan"]


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def _text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice([" ", "", " "]) for _ in range(rng.randint(1, words)))


def _blocks(rng: random.Random) -> list:
    blocks = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["paragraph", "paragraph", "line", "rule", "blank"])
        if kind == "paragraph":
            pieces = [(_text(rng, 12), rng.choice(STYLES)) for _ in range(rng.randint(1, 3))]
            blocks.append(Paragraph(*pieces, indent=rng.choice([0, 2]), hang=rng.choice([0, 2, 6])))
        elif kind == "line":
            blocks.append(Line((f"Question {rng.randint(1, 2000)} of {rng.randint(1, 2000)}", rng.choice(STYLES))))
        elif kind == "rule":
            blocks.append(Rule(f"Part 1 of 8: {_text(rng, rng.choice([3, 30]))}"))
        else:
            blocks.append(Blank())
    return blocks


ENVIRONMENTS = [({"TERM": term, "NO_COLOR": colour, "COLUMNS": columns, "LINES": lines}, terminal)
                for term in ("xterm", "xterm-256color", "dumb", "")
                for colour in ("1", "")
                for columns, lines in (("80", None), ("120", "30"), ("45", None), (None, None), ("wide", None))
                for terminal in (True, False)]


@pytest.mark.parametrize(("environment", "terminal"), ENVIRONMENTS)
def test_the_plain_text_is_what_rich_writes(environment, terminal, monkeypatch):
    for name, value in environment.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    rng = random.Random(str(environment) + str(terminal))
    laid_out = 0
    for _ in range(25):
        blocks = _blocks(rng)
        stream = _Stream(terminal)
        decided = ordinary_terminal(stream)
        assert decided is not None
        written = plain_text(blocks, *decided)
        if written is None:
            continue
        laid_out += 1
        console = SafeConsole(file=stream, highlight=False)
        show_with_rich(console, blocks)
        assert written == stream.getvalue()
    assert laid_out >= 15


def test_anything_out_of_the_ordinary_is_left_to_rich(monkeypatch):
    assert plain_text([Paragraph("a\ttab")], 80, True, True) is None
    assert plain_text([Paragraph("narrow")], 30, True, True) is None
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ordinary_terminal(_Stream(False)) is None


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
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.stderr.strip().splitlines()[-1] == "[]"
    assert "Question 1 of 2" in result.stdout


def test_a_terminal_resized_during_the_interview_gets_text_wrapped_to_its_new_width(monkeypatch, capsys):
    """rich measures the terminal at every print; so does the screen (it used to keep the first width)."""
    from goodlooks.interview import screen as screen_module

    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    widths = iter([100, 60])
    monkeypatch.setattr(screen_module.os, "get_terminal_size",
                        lambda descriptor=0: __import__("os").terminal_size((next(widths), 40)))
    monkeypatch.setattr(screen_module.sys, "stdout", _Stream(True))
    shown = screen_module.Screen(lambda: pytest.fail("rich was used"))
    text = "word " * 30
    shown.show(Paragraph(text.strip()))
    shown.show(Paragraph(text.strip()))
    lines = screen_module.sys.stdout.getvalue().splitlines()
    assert [len(line) for line in lines] == [99, 49, 59, 59, 29]
