"""`goodlooks assess --plain` (and any terminal whose TERM is dumb): the interview as numbered
lines, for screen readers. Run in a real pseudo-terminal, a whole interview (answers, a note,
going back, skipping, the review, targets and the profile) writes not one escape sequence."""

from __future__ import annotations

import io
import json
import signal
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK, subprocess_env

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.posix_terminal


def _ctrl_c_as_at_a_terminal() -> None:
    """Ctrl-C interrupts the child as it does for a person at a terminal, even when this suite was
    started with SIGINT ignored (a job started with & by a shell without job control inherits
    that, and a plain interview, reading lines, stops on the signal, not on a key)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(folder: Path, *args: str, term: str = "xterm-256color"):
    transcript = io.StringIO()
    env = subprocess_env(TERM=term, PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("NO_COLOR", None)  # colour allowed: plain must not use it anyway
    child = pexpect.spawn(sys.executable, ["-m", "goodlooks", "assess", *args], cwd=str(folder), encoding="utf-8",
                          dimensions=(24, 80), timeout=60, env=env, preexec_fn=_ctrl_c_as_at_a_terminal)
    child.logfile_read = transcript
    child.delaybeforesend = None
    return child, transcript


def _interview(child) -> None:
    child.expect_exact("Question 1 of 2: Do teams meet users?")
    child.expect_exact("s. Skip for now")
    child.expect_exact("Answer: ")
    child.sendline("7")  # not an option: said, and asked again
    child.expect_exact("Type a number from 1 to 3")
    child.expect_exact("Answer: ")
    child.sendline("2")
    child.expect_exact("How do you know? (Enter alone: say nothing)")
    child.expect_exact("How known: ")
    child.sendline("4")  # not a status: said, and asked again
    child.expect_exact("Type a number from 1 to 3, or Enter alone.")
    child.sendline("1")  # seen
    child.expect_exact("Note: why this answer? (Enter to skip): ")
    child.sendline("Two teams do")
    child.expect_exact("Question 2 of 2: Is feedback used?")
    child.expect_exact("Answer: ")
    child.sendline("b")  # back to the first, which keeps its answer
    child.expect_exact("Question 1 of 2")
    child.expect_exact("Enter alone: 2 (Sometimes)")
    child.expect_exact("Answer: ")
    child.sendline("")
    child.expect_exact("(Enter alone: keep seen; - says nothing)")
    child.expect_exact("How known: ")
    child.sendline("")  # keeps seen
    child.expect_exact("Enter keeps it")
    child.sendline("")
    child.expect_exact("Question 2 of 2")
    child.expect_exact("Answer: ")
    child.sendline("")  # skipped for now: asked again before the review
    child.expect_exact("skipped for now")
    child.expect_exact("Question 2 of 2")
    child.expect_exact("Answer: ")
    child.sendline("d")
    child.expect_exact("Note: why this answer? (Enter to skip): ")
    child.sendline("")
    child.expect_exact("Your answers:")
    child.expect_exact("Answer: Sometimes. Known: seen. Note: Two teams do")
    child.expect_exact("Enter alone finishes: ")
    child.sendline("")
    child.expect_exact("Set a target for each part")
    child.sendline("y")
    child.expect_exact("Target (Enter alone: no target for this part): ")
    child.sendline("2")
    child.expect_exact("Maturity profile")
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.parametrize(("args", "term"), [(("--plain",), "xterm-256color"), ((), "dumb")])
def test_a_whole_plain_interview_writes_no_escape_sequence(tmp_path, args, term):
    (tmp_path / "bank.yaml").write_text(TINY_BANK, encoding="utf-8")
    child, transcript = _spawn(tmp_path, "--bank", "bank.yaml", "--output", "r.json", *args, term=term)
    _interview(child)
    assert child.exitstatus == 0, transcript.getvalue()[-2000:]
    written = transcript.getvalue()
    assert "\x1b" not in written and "\x9b" not in written, [line for line in written.splitlines() if "\x1b" in line]
    saved = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {qid: (a["option"], a["status"], a["note"]) for qid, a in saved["answers"].items()} == {
        "users-met": ("b", "answered", "Two teams do"), "users-heard": (None, "dont_know", None)}
    assert saved["targets"] == {"users": 3.0}
    assert saved["answers"]["users-met"]["evidence"] == "seen"  # asked after an answer, not after don't know
    assert "1. Rarely" in written and "n. Not applicable" in written
    # no bars or rules in the profile, which a screen reader would read out symbol by symbol
    assert [line for line in written.splitlines() if set("█░─") & set(line)] == []


def test_a_bank_with_escape_sequences_is_shown_without_them(tmp_path):
    hostile = TINY_BANK.replace("Do teams meet users?", '"Do teams \\e]0;PWNED\\a meet \\e[2J users?"')
    (tmp_path / "bank.yaml").write_text(hostile, encoding="utf-8")
    child, transcript = _spawn(tmp_path, "--bank", "bank.yaml", "--output", "r.json", "--plain")
    child.expect_exact("Answer: ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    written = transcript.getvalue()
    assert child.exitstatus == 130
    assert "\\x1b]0;PWNED\\x07 meet \\x1b[2J users?" in written and "\x1b" not in written


def test_present_and_plain_together_are_refused(tmp_path):
    (tmp_path / "bank.yaml").write_text(TINY_BANK, encoding="utf-8")
    child, transcript = _spawn(tmp_path, "--bank", "bank.yaml", "--present", "--plain")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "--present is for a projector and --plain for a screen reader; choose one" in transcript.getvalue()
