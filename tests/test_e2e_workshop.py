"""A whole workshop, end to end, as a facilitator would run it: three people answer on their
own, `combine` shows where they disagree, the board agrees answers over the combined file in a
real pseudo-terminal, a room votes in another session, and `compare` shows what moved."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.posix_terminal  # skipped on Windows (tests/conftest.py)

DOWN, ENTER = "\x1b[B", "\r"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]")

BANK = """\
id: board
title: Board workshop bank
version: "1"
levels:
  - {name: Low, min: 1, description: Just starting.}
  - {name: Middle, min: 2.5}
  - {name: High, min: 4}
scales:
  five:
    - {key: a, label: Nothing written down, score: 1}
    - {key: b, label: Written but not known, score: 2}
    - {key: c, label: Known by the board, score: 3}
    - {key: d, label: Known by most staff, score: 4}
    - {key: e, label: Known and used by everyone, score: 5}
dimensions:
  - id: purpose
    title: Purpose
    questions:
      - {id: p1, text: Is the mission clear?, scale: five}
      - {id: p2, text: Do people know the mission?, scale: five}
  - id: teams
    title: Teams
    questions:
      - {id: t1, text: Are teams multidisciplinary?, scale: five}
      - {id: t2, text: Do teams own their services?, scale: five}
"""

PEOPLE = {
    "ana.yaml": {"respondent": "Ana", "answers": {
        "p1": {"option": "a", "note": "We have no mission"}, "p2": "c", "t1": "a", "t2": "not_applicable"}},
    "ben.yaml": {"respondent": "Ben", "answers": {"p1": "d", "p2": "c", "t1": "c", "t2": "e"}},
    "anon.yaml": {"answers": {"p1": {"option": "b", "note": "Written, not known"}, "p2": "d", "t1": "b",
                              "t2": "e"}},
}


def _goodlooks(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goodlooks", *args], cwd=cwd, capture_output=True,
                          text=True, env=subprocess_env(COLUMNS="100"), timeout=60)


class Session:
    def __init__(self, cwd: Path, *args: str) -> None:
        self.child = pexpect.spawn(sys.executable, ["-m", "goodlooks", *args], cwd=str(cwd), encoding="utf-8",
                                   dimensions=(40, 120), timeout=20,
                                   env=subprocess_env(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1"))
        self.seen = ""

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)
        self.seen += _ANSI.sub("", self.child.before + self.child.after)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.seen += _ANSI.sub("", self.child.before)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture
def room(tmp_path: Path) -> Path:
    import yaml

    (tmp_path / "bank.yaml").write_text(BANK)
    for name, answers in PEOPLE.items():
        (tmp_path / name).write_text(yaml.safe_dump(answers))
        made = _goodlooks(tmp_path, "assess", "--bank", "bank.yaml", "--answers", name,
                          "--output", f"people/{name.replace('.yaml', '.json')}")
        assert made.returncode == 0, made.stderr
    return tmp_path


def test_combine_flags_exactly_the_questions_two_or_more_positions_apart(room):
    combined = _goodlooks(room, "combine", "people", "--output", "combined.json")
    assert combined.returncode == 0, combined.stderr
    data = json.loads((room / "combined.json").read_text())
    assert (data["kind"], data["respondents"], len(data["sources"])) == ("combined", 3, 3)
    spreads = {qid: (d["spread"], d["discuss"]) for qid, d in data["distributions"].items()}
    assert spreads == {"p1": (3, True), "p2": (1, False), "t1": (2, True), "t2": (0, False)}
    assert data["distributions"]["t2"]["counts"] == {"a": 0, "b": 0, "c": 0, "d": 0, "e": 2,
                                                     "not_applicable": 1, "dont_know": 0}
    # p1: q = 0, 0.75, 0.25 -> mean 1/3 -> shown 1 + 4/3; purpose = (1/3 + q(p2) 7/12) / 2
    assert data["answers"]["p1"]["normalised"] == pytest.approx(1 / 3)
    assert data["scores"]["dimensions"]["purpose"]["score"] == pytest.approx(1 + 4 * (1 / 3 + 7 / 12) / 2)
    out = combined.stdout
    assert "Combined answers of 3 people" in out
    where = out.split("Where the board disagrees", 1)[1]
    assert where.index("Is the mission clear?") < where.index("Are teams multidisciplinary?")
    assert "Do people know the mission?" not in where.split("What to do next")[0]
    assert "Combined 3 results files into combined.json; 2 questions to discuss." in combined.stderr


def test_the_board_agrees_answers_over_the_combined_file_widest_spread_first(room):
    assert _goodlooks(room, "combine", "people", "--output", "combined.json").returncode == 0
    s = Session(room, "assess", "--consensus", "combined.json", "--output", "agreed.json")
    s.expect("Question 1 of 4")
    s.expect("Is the mission clear?")              # spread 3: first
    s.expect("3 answers · spread 3 · the board disagrees: discuss")
    s.expect("Ana (Nothing written down): ")     # names only where people gave them
    s.expect("“We have no mission”")
    s.expect("Someone (Written but not known): ")
    s.expect("“Written, not known”")
    s.send(ENTER)                                   # the pointer starts on the median, b
    s.expect("How do you know? (Enter to skip)")
    s.send("1" + ENTER)                             # seen: the board looked at the strategy itself
    s.expect("Note: why this answer?")
    s.send("Written, but staff cannot say it" + ENTER)
    s.expect("Are teams multidisciplinary?")        # spread 2: second
    s.send(ENTER + ENTER + ENTER)                   # the median; say nothing on how it is known; no note
    s.expect("Do people know the mission?")
    s.send("4" + ENTER + ENTER + ENTER)            # the board agrees d, not the median c
    s.expect("Do teams own their services?")
    s.send(ENTER + ENTER + ENTER)
    s.expect("Review: finish, or change an answer?")
    s.send(ENTER)
    s.expect("Where do you want to be in 12 months?")
    s.send(ENTER)
    assert s.finish() == 0
    assert "Agreed by the board over 3 people's answers" in s.seen
    agreed = json.loads((room / "agreed.json").read_text())
    assert (agreed["kind"], agreed["status"], agreed["respondents"]) == ("agreed", "complete", 3)
    assert {q: a["option"] for q, a in agreed["answers"].items()} == {"p1": "b", "t1": "b", "p2": "d", "t2": "e"}
    assert agreed["answers"]["p1"]["note"] == "Written, but staff cannot say it"
    assert {q: a["evidence"] for q, a in agreed["answers"].items()} == {"p1": "seen", "t1": None, "p2": None,
                                                                       "t2": None}
    assert agreed["distributions"]["p1"]["spread"] == 3
    assert agreed["distributions"]["p1"]["counts"]["a"] == 1


def test_a_room_votes_then_records_the_agreed_answer_and_a_target(room):
    s = Session(room, "assess", "--votes", "--bank", "bank.yaml", "--output", "voted.json")
    s.expect("Is the mission clear?")
    s.expect("Votes, one number per person")
    s.send("1 2 2 5" + ENTER)
    s.expect("4 votes · spread 4 · the room disagrees: talk about it")
    s.send(ENTER)                                   # the median vote, b
    s.expect("How do you know? (Enter to skip)")
    s.send("3" + ENTER)                             # believed: nobody has checked
    s.expect("Note: why this answer?")
    s.send("Most say two" + ENTER)
    s.expect("Do people know the mission?")
    s.expect("Votes, one number per person")
    s.send("3 3 3" + ENTER)
    s.expect("3 votes · spread 0 · close agreement")
    s.send(ENTER + ENTER + ENTER)
    s.expect("Are teams multidisciplinary?")
    s.expect("Votes, one number per person")
    s.send(ENTER)                                   # no votes: skip for now
    s.expect("Do teams own their services?")
    s.expect("Votes, one number per person")
    s.send("n n d" + ENTER + ENTER + ENTER)         # the median of n n d: not applicable
    s.expect("Back to the 1 question skipped for now.")
    s.expect("Are teams multidisciplinary?")
    s.expect("Votes, one number per person")
    s.send("4 4" + ENTER + ENTER + ENTER + ENTER)
    s.expect("Review: finish, or change an answer?")
    s.send(ENTER)
    s.expect("Where do you want to be in 12 months?")
    s.send(DOWN + ENTER)
    s.expect("Purpose:")
    s.send(DOWN * 3 + ENTER)                        # no target, Low, Middle, High
    s.expect("Teams:")
    s.send(ENTER)
    assert s.finish() == 0
    voted = json.loads((room / "voted.json").read_text())
    assert (voted["kind"], voted["status"]) == ("voted", "complete")
    assert {q: a["option"] or a["status"] for q, a in voted["answers"].items()} == {
        "p1": "b", "p2": "c", "t2": "not_applicable", "t1": "d"}
    assert voted["distributions"]["p1"]["counts"] == {"a": 1, "b": 2, "c": 0, "d": 0, "e": 1,
                                                      "not_applicable": 0, "dont_know": 0}
    assert voted["distributions"]["t2"]["counts"]["not_applicable"] == 2
    assert voted["targets"] == {"purpose": 4}
    assert voted["answers"]["p1"]["evidence"] == "believed" and voted["answers"]["p2"]["evidence"] is None
    assert "Where the room disagreed" in s.seen


def test_compare_against_an_earlier_file_prints_what_moved(room):
    assert _goodlooks(room, "combine", "people", "--output", "combined.json").returncode == 0
    text = _goodlooks(room, "compare", "people/ana.json", "combined.json")
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "From people/ana.json to combined.json" in out
    # Ana alone: purpose (0 + 0.5) / 2 -> 2.00, teams 0 (t2 not applicable) -> 1.00, overall 1.50;
    # combined: purpose (1/3 + 7/12) / 2 -> 2.83, teams (1/4 + 1) / 2 -> 3.50, overall 3.17
    assert "Overall  1.50 → 3.17  ↑ +1.67  Low → Middle" in out, out
    assert "Is the mission clear?: Nothing written down → Combined: 3 answers" in out
    data = json.loads(_goodlooks(room, "compare", "people/ana.json", "combined.json", "--format", "json").stdout)
    purpose = next(d for d in data["dimensions"] if d["id"] == "purpose")
    assert purpose["before"] == pytest.approx(2.0)
    assert purpose["after"] == pytest.approx(1 + 4 * (1 / 3 + 7 / 12) / 2)
    assert data["moves"][0]["question"] in {"p1", "t1"}
