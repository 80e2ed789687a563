"""The questionary prompts, driven through a pipe instead of a terminal (testing-prompts.md)."""

from __future__ import annotations

import json

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import TINY_BANK

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def bank(write):
    return write(TINY_BANK)


def _answers(workdir):
    data = json.loads((workdir / "r.json").read_text())
    return data, {k: (a["option"] or a["status"], a["note"]) for k, a in data["answers"].items()}


def test_enter_at_every_prompt_walks_through_and_finishes(run, keys, bank, workdir):
    keys.send_text(ENTER * 5)  # two questions, each with a note, then the review
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data, answers = _answers(workdir)
    assert answers == {"users-met": ("a", None), "users-heard": ("n", None)}
    assert data["status"] == "complete"
    assert "Question 1 of 2" in result.stdout and "Question 2 of 2" in result.stdout
    assert "Overall  1.00 on 1 to 3  Low" in result.stdout
    assert result.stdout.rstrip().endswith("Saved in r.json")


def test_arrows_numbers_and_notes_choose_answers(run, keys, bank, workdir):
    keys.send_text(DOWN + DOWN + ENTER + "Seen in three teams" + ENTER  # users-met: c, with a note
                   + "2" + ENTER + ENTER                                # users-heard: 2nd choice, y
                   + ENTER)                                             # finish
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    _, answers = _answers(workdir)
    assert answers == {"users-met": ("c", "Seen in three teams"), "users-heard": ("y", None)}
    assert "Overall  3.00 on 1 to 3  High" in result.stdout


def test_not_applicable_dont_know_and_back(run, keys, bank, workdir):
    keys.send_text(DOWN * 3 + ENTER + ENTER           # users-met: past a, b, c to Not applicable
                   + DOWN * 4 + ENTER                 # users-heard: Back to the previous question
                   + DOWN + ENTER + ENTER             # users-met again (default NA): down to Don't know
                   + ENTER + ENTER + ENTER)           # users-heard: n; note; finish
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    _, answers = _answers(workdir)
    assert answers == {"users-met": ("dont_know", None), "users-heard": ("n", None)}


def test_the_review_changes_an_answer(run, keys, bank, workdir):
    keys.send_text(ENTER * 4                          # both questions: first option, no note
                   + DOWN + ENTER                     # review: change an answer in Users
                   + ENTER                            # which answer: 1. users-met
                   + DOWN * 2 + ENTER + "Rethought" + ENTER
                   + ENTER)                           # finish
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    _, answers = _answers(workdir)
    assert answers["users-met"] == ("c", "Rethought")
    assert "Your answers" in result.stdout
    assert " 1. Do teams meet users?\n    → Rarely" in result.stdout


def test_ctrl_c_exits_130_with_the_command_to_carry_on(run, keys, bank, workdir):
    keys.send_text(DOWN + ENTER + "kept" + ENTER + CTRL_C)
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 130
    assert result.stderr == ("\nStopped. 1 answer saved in r.json.\n"
                             "To carry on where you left off: goodlooks assess --resume r.json\n")
    data, answers = _answers(workdir)
    assert data["status"] == "in_progress"
    assert answers == {"users-met": ("b", "kept")}


def test_resume_carries_on_at_the_first_unanswered_question(run, keys, bank, workdir):
    keys.send_text(DOWN + ENTER + "kept" + ENTER + CTRL_C)
    assert run("assess", "--bank", "bank.yaml", "--output", "r.json").exit_code == 130
    keys.send_text(DOWN + ENTER + ENTER + ENTER)
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "Question 1 of 2" not in result.stdout and "Question 2 of 2" in result.stdout
    assert "Carrying on: 1 answer already given and kept." in result.stdout
    data, answers = _answers(workdir)
    assert answers == {"users-met": ("b", "kept"), "users-heard": ("y", None)}
    assert data["status"] == "complete"


def test_without_a_terminal_assess_asks_for_an_answers_file(run, bank):
    result = run("assess", "--bank", "bank.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("goodlooks assess asks its questions at a terminal, and standard input is "
                             "not one. To run without a terminal, give the answers in a file: "
                             "goodlooks assess --answers answers.yaml\n")


def test_the_question_shows_where_to_look_beside_its_help(run, keys, write, workdir):
    write(TINY_BANK.replace("        text: Do teams meet users?\n",
                            "        text: Do teams meet users?\n        help: Good is every week.\n"
                            "        evidence: Research notes from the last month.\n"))
    keys.send_text(ENTER * 5)
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("Question 1 of 2")
    assert lines[at + 1:at + 3] == ["  Good is every week.", "  Where to look: Research notes from the last month."]
    assert "Where to look" not in result.stdout.split("Question 2 of 2")[1]
