"""`assess --present` on a projector's terminal of exactly 80x24 (issue 17): the question stays
at the top of the screen at every step (help, notes and long lists of options page, Enter for
more), the introduction waits for Enter, and the final profile pages with Enter, its score and
table first. What is checked is what is on the 24 lines of the screen (a terminal emulator),
not what was written."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES
from goodlooks.bank.loader import load_bank

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")

from terminal_screen import ScreenSession  # noqa: E402 - needs pexpect

ENTER, DOWN = "\r", "\x1b[B"
QUESTION_LINE = re.compile(r"^Question (\d+) of (\d+) · ")
WORKSHOP = EXAMPLES / "workshop"


@pytest.fixture
def sessions():
    spawned: list[ScreenSession] = []

    def spawn(cwd: Path, *args: str) -> ScreenSession:
        session = ScreenSession(cwd, *args)
        spawned.append(session)
        return session

    yield spawn
    for session in spawned:
        session.close()


def _goodlooks(cwd: Path, *args: str) -> None:
    import subprocess

    from conftest import subprocess_env

    done = subprocess.run([sys.executable, "-m", "goodlooks", *args], cwd=cwd, env=subprocess_env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _first_lines() -> dict[str, str]:
    """Each board question's text as its first line on screen (indented 2, wrapped at 78)."""
    bank = load_bank(None).bank
    return {q.id: textwrap.wrap(q.text, 78)[0] for q in bank.questions()}


def _question_on_top(screen: ScreenSession, texts: dict[str, str]) -> int:
    """The number of the question at the top of the screen; fails unless its line is there."""
    lines = screen.lines()
    found = QUESTION_LINE.match(lines[0])
    assert found, "the question line is not at the top:\n" + screen.text()
    assert lines[1].strip() in texts.values(), "the question's text is not under it:\n" + screen.text()
    return int(found.group(1))


def test_consensus_at_80x24_keeps_the_question_on_screen_at_every_step(sessions, tmp_path: Path):
    for name in ("chair", "chief-executive", "chief-nurse"):
        _goodlooks(tmp_path, "assess", "--only", "board-question", "--targets", str(WORKSHOP / "targets.yaml"),
                   "--answers", str(WORKSHOP / f"{name}.yaml"), "--output", f"answers/{name}.json")
    _goodlooks(tmp_path, "combine", "answers", "--output", "combined.json")
    texts = _first_lines()
    screen = sessions(tmp_path, "assess", "--present", "--consensus", "combined.json", "--output", "agreed.json")

    # The introduction waits for Enter: its first lines stay until Enter is pressed.
    assert screen.wait_for("Enter for more (page 1 of", "Press Enter to start")
    assert screen.lines()[0] == "What good looks like for digital transformation"
    while screen.wait_for("Enter for more", "Press Enter to start") == "Enter for more":
        screen.next_page("Press Enter to start")
    screen.send(ENTER)

    seen, went_back = [], False
    while True:
        step = screen.wait_for("Enter for more (page", "d) Don't know", "Review: finish")
        if step == "Review: finish":
            break
        number = _question_on_top(screen, texts)
        if step.startswith("Enter for more"):
            screen.next_page("d) Don't know")
            continue
        if number > 1:
            assert "Back to the previous question" in screen.text()
        if number == 2 and not went_back:  # back to question 1, then on again
            went_back = True
            screen.send("b" + ENTER)
            screen.wait_until_gone("Question 2 of 8")
            continue
        seen.append(number)
        screen.send(ENTER)                      # the pointer is on the median answer
        screen.wait_for("How do you know?")
        assert _question_on_top(screen, texts) == number
        screen.send(ENTER)                      # say nothing about how it is known
        screen.wait_for("Note: why this answer?")
        assert _question_on_top(screen, texts) == number
        screen.send(("The board agrees" if number == 1 else "") + ENTER)
        screen.wait_until_gone("Note: why this answer?")
    assert sorted(set(seen)) == list(range(1, 9))

    # The review, a part at a time, each on one screen under its heading; finish from the first.
    assert screen.lines()[0].startswith("Your answers: part 1 of 5"), screen.text()
    screen.wait_for(") Finish and show the profile")  # the menu, drawn as far as its Finish line
    finish = next(line for line in screen.lines() if ") Finish and show the profile" in line)
    screen.send(re.search(r"(\d)\)", finish).group(1) + ENTER)
    screen.wait_for("Enter for more (page 1 of")
    first = screen.text()
    assert first.splitlines()[0].startswith("Maturity profile: What good looks like")
    assert "Overall  " in first and "Part " in first and "Working in the open" in first
    while "Enter for more" in screen.text():
        if screen.next_page("Saved in agreed.json") == "Saved in agreed.json":
            break
    assert screen.finish() == 0
    agreed = json.loads((tmp_path / "agreed.json").read_text())
    assert agreed["status"] == "complete" and len(agreed["answers"]) == 8


LONG_BANK = """\
id: long
title: A bank with a long list of options
version: "1"
dimensions:
  - id: many
    title: Many options
    questions:
      - id: many-options
        text: Which of these thirty services has the board seen a demonstration of this year?
        help: Count only demonstrations of working software, shown by the team that built it.
        options:
""" + "".join(f"          - {{key: o{n}, label: Service number {n} of the trust's thirty, score: {n}}}\n"
              for n in range(1, 31)) + """\
      - id: after
        text: Is the next question still at the top?
        options:
          - {key: a, label: Yes, score: 1}
          - {key: b, label: No, score: 2}
"""


def test_a_long_list_of_options_pages_and_the_answer_is_typed(sessions, tmp_path: Path):
    (tmp_path / "long.yaml").write_text(LONG_BANK)
    screen = sessions(tmp_path, "assess", "--present", "--bank", "long.yaml", "--output", "r.json")
    screen.wait_for("Press Enter to start")
    screen.send(ENTER)
    pages = 0
    while screen.wait_for("Enter for more (page", "Answer: an option number") != "Answer: an option number":
        assert screen.lines()[0].startswith("Question 1 of 2 · Many options"), screen.text()
        pages += 1
        screen.next_page("Answer: an option number")
    assert pages >= 1
    assert screen.lines()[0].startswith("Question 1 of 2 · Many options"), screen.text()
    screen.send("31" + ENTER)                   # not an option: said, wrapped, and asked again
    screen.wait_for("is not an answer")
    screen.send("\x7f" * 2 + "25" + ENTER)
    screen.wait_for("How do you know?")
    screen.send(ENTER)
    screen.wait_for("Note: why this answer?")
    screen.send(ENTER)
    screen.wait_for("d) Don't know")
    assert screen.lines()[0].startswith("Question 2 of 2 · Many options"), screen.text()
    screen.send("1" + ENTER)                    # yes; how it is known skipped; no note (each once asked)
    screen.wait_for("How do you know?")
    screen.send(ENTER)
    screen.wait_for("Note: why this answer?")
    screen.send(ENTER)
    screen.wait_for("Review: finish")
    screen.send(ENTER)
    while screen.wait_for("Enter for more (page", "Saved in r.json") != "Saved in r.json":
        screen.next_page("Saved in r.json")
    assert screen.finish() == 0
    saved = json.loads((tmp_path / "r.json").read_text())
    assert {k: a["option"] for k, a in saved["answers"].items()} == {"many-options": "o25", "after": "a"}
