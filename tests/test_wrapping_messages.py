"""Messages wrap, never cut (issue 17): at 80 columns the message of votes that cannot be read
lost its end ("... n for not applicable and d for d"), and the review cut long answers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK

ENTER = "\r"
LONG = ("Every team meets the people who use its service at least once a fortnight and changes the "
        "service because of what it learns from them")


def test_a_message_about_votes_is_wrapped_whole_on_an_80_column_screen(tmp_path: Path):
    pytest.importorskip("pexpect")
    if sys.platform == "win32":
        pytest.skip("pexpect.spawn needs a POSIX pty")
    from terminal_screen import ScreenSession

    (tmp_path / "bank.yaml").write_text(TINY_BANK)
    screen = ScreenSession(tmp_path, "assess", "--votes", "--bank", "bank.yaml", "--output", "r.json")
    try:
        screen.wait_for("Votes, one number per person")
        screen.send("4." + ENTER)
        screen.wait_for("separated by spaces")
        text = " ".join(screen.text().split())
        assert ("'4.' is not a vote: type option numbers 1 to 3, n for not applicable and d for don't know, "
                "separated by spaces") in text
        assert all(len(line) <= 80 for line in screen.lines())
        screen.send("\x7f" * 2 + "1 2" + ENTER)  # asked again, with what was typed to correct
        screen.wait_for("1 vote", "2 votes")
    finally:
        screen.close()


def test_the_review_wraps_long_answers_and_notes_instead_of_cutting_them(run, write, workdir, keys):
    write(TINY_BANK.replace("label: Always", f"label: {LONG}"))
    note = "We checked the diaries of four teams and the backlog of two; " * 2
    keys.send_text("3" + ENTER + "1" + ENTER + note + ENTER     # the long answer, seen, the long note
                   + "1" + ENTER + ENTER + ENTER + ENTER + ENTER)  # the other: how known skipped, no note
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    review = result.stdout.split("Your answers", 1)[1].split("Maturity profile", 1)[0]
    flat = " ".join(review.split())
    assert f"→ {LONG} (seen)" in flat
    assert f"note: {note.strip()}" in flat
    assert "…" not in review
    assert all(len(line) <= 80 for line in review.splitlines())
    assert json.loads((workdir / "r.json").read_text())["answers"]["users-met"]["option"] == "c"
