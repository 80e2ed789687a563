"""End-to-end tests of `goodlooks assess` in a real pseudo-terminal, driven as a person would.

Each test spawns `python -m goodlooks assess` under pexpect, waits for visible text, presses keys
(arrows, numbers, Enter, Ctrl-C), and then checks the exit status, what was shown and the saved
results file. See docs/testing-prompts.md for why PROMPT_TOOLKIT_NO_CPR=1 is set.

On a question not answered before the pointer starts on "Skip for now", above the options, so
Enter alone records nothing: DOWN once (or the key 1) reaches the first option. On a question
answered before, the pointer starts on that answer.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.posix_terminal  # skipped on Windows (tests/conftest.py)

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

DOWN = "\x1b[B"
ENTER = "\r"
NOTE_PROMPT = "Note: why this answer? (Enter to skip)"
KNOWN_PROMPT = "How do you know? (Enter to skip)"
REVIEW_PROMPT = "Review: finish, or change an answer?"
TARGETS_PROMPT = "Where do you want to be in 12 months?"
BUILTIN_TOTAL = 34

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]")

# A bank with unequal question and dimension weights, option scores that are not 1..n and a
# score range that is not the options' range, so the arithmetic is checked, not only the wiring.
MIXED_BANK = """\
id: e2e-mixed
title: End-to-end bank
version: "1"
score_range: [0, 100]
levels:
  - {name: Low, min: 0}
  - {name: Middle, min: 40}
  - {name: High, min: 75}
dimensions:
  - id: alpha
    title: Alpha things
    weight: 1
    questions:
      - id: a1
        text: How is the first alpha thing?
        options:
          - {key: a, label: Alpha one low, score: 0}
          - {key: b, label: Alpha one middle, score: 5}
          - {key: c, label: Alpha one top, score: 10}
      - id: a2
        text: How is the second alpha thing?
        weight: 3
        options:
          - {key: a, label: Alpha two first, score: 2}
          - {key: b, label: Alpha two second, score: 4}
          - {key: c, label: Alpha two third, score: 6}
          - {key: d, label: Alpha two fourth, score: 8}
  - id: beta
    title: Beta things
    weight: 3
    questions:
      - id: b1
        text: How is the beta thing?
        options:
          - {key: a, label: Beta first, score: 1}
          - {key: b, label: Beta second, score: 2}
          - {key: c, label: Beta third, score: 3}
          - {key: d, label: Beta fourth, score: 4}
          - {key: e, label: Beta fifth, score: 5}
"""


def _env(**extra: str) -> dict[str, str]:
    """The environment of a person's terminal. COLUMNS and LINES are dropped (tests/conftest.py
    sets COLUMNS=80 for in-process tests), so rich and prompt_toolkit both use the pty's size."""
    env = subprocess_env(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", **extra)
    return env


def plain(text: str) -> str:
    """Terminal output with escape sequences and carriage returns removed."""
    return _ANSI.sub("", text).replace("\r", "")


class Terminal:
    """One `python -m goodlooks ...` run in a pseudo-terminal, with a transcript of its output."""

    def __init__(self, cwd: Path, *args: str, width: int = 120) -> None:
        self.cwd = cwd
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(sys.executable, ["-m", "goodlooks", *args], cwd=str(cwd),
                                   encoding="utf-8", dimensions=(40, width), timeout=20, env=_env())
        self.child.logfile_read = self.transcript
        # Every key is sent only after the prompt that takes it is on screen, so pexpect's
        # default 50 ms pause before each send is not needed; it would double the run time.
        self.child.delaybeforesend = None

    # What is on screen -------------------------------------------------------------------
    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def screen(self) -> str:
        return plain(self.transcript.getvalue())

    # Answering -----------------------------------------------------------------------------
    def question(self, number: int, total: int) -> None:
        """Wait for question `number` and for its menu to be drawn (it ends with the reserved
        choices; "Don't know" is always there)."""
        self.expect(f"Question {number} of {total}")
        self.expect("Don't know")

    def choose(self, keys: str = "") -> None:
        """Press `keys` (arrows or a number) at the menu on screen, then Enter."""
        if keys:
            self.child.send(keys)
        self.child.send(ENTER)

    def note(self, text: str = "") -> None:
        self.expect(NOTE_PROMPT)
        self.child.send(text + ENTER)

    def known(self, keys: str = "") -> None:
        """At "How do you know?" after an answer with an option: `keys` then Enter (Enter alone
        says nothing: the pointer starts on "Say nothing about this")."""
        self.expect(KNOWN_PROMPT)
        self.expect("Believed: nobody has checked")
        self.choose(keys)

    def answer(self, number: int, total: int, keys: str = "", note: str = "", known: str = "") -> None:
        self.question(number, total)
        self.choose(keys)
        self.known(known)
        self.note(note)

    def answer_first_options(self, first: int, last: int, total: int) -> None:
        """Questions `first`..`last`: 1 then Enter at the menu (the first option), Enter at how it
        is known, Enter at the note."""
        for number in range(first, last + 1):
            self.answer(number, total, keys="1")

    def finish(self) -> int:
        """Enter at the review (its default is to finish), Enter at the targets question that
        follows (every bank here has levels; its default is no targets), then wait for the
        profile and the end."""
        self.expect(REVIEW_PROMPT)
        self.expect("Finish and show the profile")
        self.child.send(ENTER)
        self.expect(TARGETS_PROMPT)
        self.expect("No targets for now")
        self.child.send(ENTER)
        self.expect("Maturity profile: ")
        return self.wait()

    def interrupt(self) -> int:
        self.child.sendcontrol("c")
        return self.wait()

    def wait(self) -> int:
        """Wait for the program to end; its exit status."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.signalstatus is None, f"killed by signal {self.child.signalstatus}"
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def terminals(tmp_path: Path):
    """Spawn terminals in tmp_path: `terminals("assess", "--output", "r.json")`; all are ended
    at teardown, so a failing test never leaves a child behind."""
    spawned: list[Terminal] = []

    def spawn(*args: str, width: int = 120) -> Terminal:
        terminal = Terminal(tmp_path, *args, width=width)
        spawned.append(terminal)
        return terminal

    yield spawn
    for terminal in spawned:
        terminal.close()


def results(tmp_path: Path, name: str = "r.json") -> dict:
    return json.loads((tmp_path / name).read_text(encoding="utf-8"))


def starter_bank(tmp_path: Path) -> str:
    """Write the starter bank with `goodlooks init bank.yaml`, as a person would."""
    done = subprocess.run([sys.executable, "-m", "goodlooks", "init", "bank.yaml"], cwd=tmp_path,
                          env=_env(), capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return "bank.yaml"


def mixed_bank(tmp_path: Path) -> str:
    (tmp_path / "mixed.yaml").write_text(MIXED_BANK, encoding="utf-8")
    return "mixed.yaml"


def no_traceback(terminal: Terminal) -> None:
    assert "Traceback" not in terminal.screen()


# ---------------------------------------------------------------------------------------------
# 1. The first option on every question of the whole built-in interview
# ---------------------------------------------------------------------------------------------

def test_first_option_through_the_builtin_interview(terminals, tmp_path: Path) -> None:
    term = terminals("assess", "--output", "r.json")
    term.expect("34 questions in 8 parts")
    term.answer_first_options(1, BUILTIN_TOTAL, BUILTIN_TOTAL)
    term.expect("Your answers")

    assert term.finish() == 0
    screen = term.screen()
    assert "Maturity profile: What good looks like for digital transformation" in screen
    assert re.search(r"Overall  1\.0 on 1 to 5  Starting", screen)
    assert "34 of 34 questions answered" in screen
    assert "Saved in r.json" in screen
    no_traceback(term)

    saved = results(tmp_path)
    assert saved["status"] == "complete"
    assert len(saved["answers"]) == BUILTIN_TOTAL
    assert {a["option"] for a in saved["answers"].values()} == {"a"}
    assert {a["status"] for a in saved["answers"].values()} == {"answered"}
    assert {a["note"] for a in saved["answers"].values()} == {None}
    assert saved["scores"]["overall"]["score"] == 1
    assert len(saved["scores"]["dimensions"]) == 8
    assert {d["score"] for d in saved["scores"]["dimensions"].values()} == {1}


# ---------------------------------------------------------------------------------------------
# 2. Arrow keys give the expected scores
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [120, 80])
def test_arrows_on_the_starter_bank_give_the_expected_scores(terminals, tmp_path: Path, width: int) -> None:
    bank = starter_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json", width=width)
    # users-research (scale never 1 / sometimes 3 / always 5, weight 1): from "Skip for now",
    # down three times = Always.
    term.answer(1, 2, keys=DOWN * 3, note="Teams watch users every week")
    # users-feedback (lost 1 / reported 3 / acted 5, weight 2): down twice = reported.
    term.answer(2, 2, keys=DOWN * 2)
    assert term.finish() == 0

    # q = (5-1)/(5-1) = 1 and (3-1)/(5-1) = 0.5; D = (1*1 + 2*0.5) / 3 = 2/3;
    # shown on [1, 5]: 1 + 2/3 * 4 = 11/3 = 3.67, level Developing (2.5 <= 3.67 < 4).
    saved = results(tmp_path)
    assert saved["status"] == "complete"
    assert saved["answers"]["users-research"]["option"] == "always"
    assert saved["answers"]["users-research"]["note"] == "Teams watch users every week"
    assert saved["answers"]["users-feedback"]["option"] == "reported"
    assert saved["answers"]["users-feedback"]["note"] is None
    assert saved["scores"]["dimensions"]["users"]["score"] == pytest.approx(11 / 3)
    assert saved["scores"]["overall"]["score"] == pytest.approx(11 / 3)
    assert saved["scores"]["overall"]["level"] == "Developing"

    screen = term.screen()
    assert "Overall  3.7 on 1 to 5  Developing" in screen
    assert re.search(r"Knowing our users\s+3\.7\s+Developing\s+\S+\s+2/2", screen)
    no_traceback(term)


def test_weights_and_ranges_on_a_mixed_bank(terminals, tmp_path: Path) -> None:
    bank = mixed_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json")
    # The pointer starts on "Skip for now": DOWN * n is option n.
    term.answer(1, 3, keys=DOWN * 3)   # a1 = c: (10-0)/(10-0) = 1
    term.answer(2, 3, keys=DOWN * 2)   # a2 = b: (4-2)/(8-2) = 1/3, weight 3
    term.answer(3, 3, keys=DOWN * 4)   # b1 = d: (4-1)/(5-1) = 3/4
    assert term.finish() == 0

    # alpha D = (1*1 + 3*1/3) / 4 = 0.5 -> 50 on [0, 100]; beta D = 0.75 -> 75;
    # overall = (1*0.5 + 3*0.75) / 4 = 0.6875 -> 68.75.
    saved = results(tmp_path)
    assert [saved["answers"][q]["option"] for q in ("a1", "a2", "b1")] == ["c", "b", "d"]
    assert saved["scores"]["dimensions"]["alpha"]["score"] == pytest.approx(50)
    assert saved["scores"]["dimensions"]["beta"]["score"] == pytest.approx(75)
    assert saved["scores"]["overall"]["score"] == pytest.approx(68.75)
    screen = term.screen()
    assert "Overall  68.8 on 0 to 100  Middle" in screen
    assert re.search(r"Alpha things\s+50\.0\s+Middle", screen)
    assert re.search(r"Beta things\s+75\.0\s+High", screen)


# ---------------------------------------------------------------------------------------------
# 3. A number shortcut selects an option
# ---------------------------------------------------------------------------------------------

def test_a_number_selects_that_option(terminals, tmp_path: Path) -> None:
    bank = mixed_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json")
    term.answer(1, 3, keys="3")        # a1: the third option, "Alpha one top"
    term.question(2, 3)
    term.choose("2")                   # a2: "Alpha two second"
    term.expect("Alpha two second")    # the answer is echoed after the question
    term.known()
    term.note()
    term.answer(3, 3, keys="4")        # b1: "Beta fourth"
    assert term.finish() == 0

    saved = results(tmp_path)
    assert [saved["answers"][q]["option"] for q in ("a1", "a2", "b1")] == ["c", "b", "d"]
    assert saved["scores"]["overall"]["score"] == pytest.approx(68.75)
    assert "Overall  68.8 on 0 to 100  Middle" in term.screen()


# ---------------------------------------------------------------------------------------------
# 4. Not applicable is saved as such and left out of the score
# ---------------------------------------------------------------------------------------------

def test_not_applicable_is_saved_and_left_out_of_the_score(terminals, tmp_path: Path) -> None:
    bank = mixed_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json")
    term.answer(1, 3, keys=DOWN * 2)                    # a1 = b: q = 0.5
    term.question(2, 3)
    term.choose(DOWN * 5)                               # past Skip and a2's 4 options (and the separators)
    term.expect("Not applicable")
    term.note("We do not do this")
    term.answer(3, 3, keys=DOWN * 3)                    # b1 = c: q = 0.5
    assert term.finish() == 0

    saved = results(tmp_path)
    a2 = saved["answers"]["a2"]
    assert (a2["status"], a2["option"], a2["note"]) == ("not_applicable", None, "We do not do this")
    alpha = saved["scores"]["dimensions"]["alpha"]
    # Only a1 counts: 0.5 -> 50. Counting the weight-3 n/a as zero would give 12.5.
    assert alpha["score"] == pytest.approx(50)
    assert (alpha["answered"], alpha["not_applicable"], alpha["total"]) == (1, 1, 2)
    assert saved["scores"]["overall"]["score"] == pytest.approx(50)
    screen = term.screen()
    assert "2 of 3 questions answered (1 not applicable)" in screen
    assert re.search(r"Alpha things\s+50\.0\s+Middle\s+\S+\s+1/2", screen)


# ---------------------------------------------------------------------------------------------
# 5. Back to the previous question
# ---------------------------------------------------------------------------------------------

def test_back_to_the_previous_question_changes_the_earlier_answer(terminals, tmp_path: Path) -> None:
    bank = starter_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json")
    term.answer(1, 2, keys=DOWN * 2, note="first thought")    # Sometimes
    term.question(2, 2)
    term.expect("Back to the previous question")
    # Skip for now, 3 options, Not applicable, Don't know, Back: down six times (separators are
    # skipped).
    term.choose(DOWN * 6)

    term.question(1, 2)
    # The earlier answer is the default: one more down moves from Sometimes to Always.
    term.choose(DOWN)
    term.expect("Always")
    term.known()
    term.expect(NOTE_PROMPT)
    term.expect("first thought")                              # the earlier note is offered again
    term.child.send(ENTER)
    term.answer(2, 2, keys="1")                               # still not answered: lost
    assert term.finish() == 0

    saved = results(tmp_path)
    assert saved["answers"]["users-research"]["option"] == "always"
    assert saved["answers"]["users-research"]["note"] == "first thought"
    assert saved["answers"]["users-feedback"]["option"] == "lost"
    # D = (1*1 + 2*0) / 3 = 1/3 -> 1 + 4/3 = 2.33, Starting (below 2.5).
    assert saved["scores"]["overall"]["score"] == pytest.approx(7 / 3)
    assert "Overall  2.3 on 1 to 5  Starting" in term.screen()
    assert term.screen().count("Question 2 of 2") == 2


def test_the_review_can_change_an_answer(terminals, tmp_path: Path) -> None:
    bank = starter_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json")
    term.answer(1, 2, keys="1")
    term.answer(2, 2, keys="1")
    term.expect("Your answers")
    term.expect(REVIEW_PROMPT)
    term.expect("Change an answer in Knowing our users")
    term.choose(DOWN)                                          # Change an answer in Knowing our users
    term.expect("Which answer?")
    term.expect("Back to the review")
    term.choose(DOWN)                                          # 2. What happens to feedback ...
    term.question(2, 2)
    term.expect("Keep the answer as it was")
    term.choose(DOWN * 2)                                      # from lost (the answer) to acted
    term.known()
    term.note()
    assert term.finish() == 0

    saved = results(tmp_path)
    assert saved["answers"]["users-feedback"]["option"] == "acted"
    # D = (1*0 + 2*1) / 3 = 2/3 -> 3.67
    assert saved["scores"]["overall"]["score"] == pytest.approx(11 / 3)


# ---------------------------------------------------------------------------------------------
# 6. Ctrl-C, then resume
# ---------------------------------------------------------------------------------------------

def test_ctrl_c_saves_and_resume_carries_on(terminals, tmp_path: Path) -> None:
    term = terminals("assess", "--output", "r.json")
    term.answer(1, BUILTIN_TOTAL, keys=DOWN * 2, note="Asked ten staff")   # mission-summary = b
    term.answer(2, BUILTIN_TOTAL, keys="3", known="1")                     # mission-clear = c, seen
    term.answer(3, BUILTIN_TOTAL, keys="1")                                # mission-decisions = a
    term.question(4, BUILTIN_TOTAL)
    assert term.interrupt() == 130
    screen = term.screen()
    no_traceback(term)
    assert "3 answers saved in r.json" in screen
    assert "goodlooks assess --resume r.json" in screen

    saved = results(tmp_path)
    assert saved["status"] == "in_progress"
    assert list(saved["answers"]) == ["mission-summary", "mission-clear", "mission-decisions"]
    assert [a["option"] for a in saved["answers"].values()] == ["b", "c", "a"]
    assert [a["evidence"] for a in saved["answers"].values()] == [None, "seen", None]
    assert saved["answers"]["mission-summary"]["note"] == "Asked ten staff"

    again = terminals("assess", "--resume", "r.json")
    again.expect("Carrying on: 3 answers already given and kept.")
    again.question(4, BUILTIN_TOTAL)
    assert "Question 1 of 34" not in again.screen()
    again.choose("1")
    again.known()
    again.note()
    again.answer_first_options(5, BUILTIN_TOTAL, BUILTIN_TOTAL)
    assert again.finish() == 0
    no_traceback(again)

    saved = results(tmp_path)
    assert saved["status"] == "complete"
    assert len(saved["answers"]) == BUILTIN_TOTAL
    first = [saved["answers"][q] for q in ("mission-summary", "mission-clear", "mission-decisions")]
    assert [a["option"] for a in first] == ["b", "c", "a"]
    assert [a["note"] for a in first] == ["Asked ten staff", None, None]
    assert first[1]["evidence"] == "seen"
    # mission D = (0.25 + 0.5 + 0 + 0) / 4 = 0.1875; mission weighs 2 of 15, so overall = 0.1875
    # * 2 / 15 = 0.025; shown 1 + 4 * that.
    assert saved["scores"]["dimensions"]["mission"]["score"] == pytest.approx(1.75)
    assert saved["scores"]["overall"]["score"] == pytest.approx(1.1)
    assert "Overall  1.1 on 1 to 5  Starting" in again.screen()


# ---------------------------------------------------------------------------------------------
# 7. Ctrl-C at the note prompt
# ---------------------------------------------------------------------------------------------

def test_ctrl_c_at_the_note_keeps_the_answer_just_chosen(terminals, tmp_path: Path) -> None:
    bank = starter_bank(tmp_path)
    term = terminals("assess", "--bank", bank, "--output", "r.json")
    term.question(1, 2)
    term.choose(DOWN * 2)                                      # Sometimes
    term.known()
    term.expect(NOTE_PROMPT)
    term.child.send("half a thou")                             # typed, never entered
    term.expect("half a thou")
    assert term.interrupt() == 130
    no_traceback(term)
    assert "1 answer saved in r.json" in term.screen()
    assert "goodlooks assess --resume r.json" in term.screen()

    saved = results(tmp_path)
    assert saved["status"] == "in_progress"
    assert list(saved["answers"]) == ["users-research"]
    answer = saved["answers"]["users-research"]
    assert (answer["option"], answer["status"], answer["note"]) == ("sometimes", "answered", None)

    again = terminals("assess", "--resume", "r.json")
    again.answer(2, 2, keys="1")
    assert again.finish() == 0
    assert results(tmp_path)["answers"]["users-research"]["option"] == "sometimes"


# ---------------------------------------------------------------------------------------------
# What the questions look like
# ---------------------------------------------------------------------------------------------

def test_help_text_is_not_misquoted_as_what_good_looks_like(terminals, tmp_path: Path) -> None:
    term = terminals("assess", "--output", "r.json")
    term.answer(1, BUILTIN_TOTAL, keys="1")
    term.answer(2, BUILTIN_TOTAL, keys="1")
    term.question(3, BUILTIN_TOTAL)
    assert term.interrupt() == 130
    shown = " ".join(term.screen().split())           # undo the wrapping at the terminal's width
    assert "Good looks like a short, plain aim that a porter" in shown   # question 2's help, as written
    assert "Good looks like: A list of systems to buy" not in shown
    assert "Good looks like: A mission earns its keep" not in shown


# ---------------------------------------------------------------------------------------------
# 8. No terminal
# ---------------------------------------------------------------------------------------------

def test_without_a_terminal_assess_exits_2_and_names_answers(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "goodlooks", "assess"], cwd=tmp_path, env=_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "--answers" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "goodlooks-results").exists()       # nothing started, nothing written
