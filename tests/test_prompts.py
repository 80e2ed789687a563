"""The questionary prompts, driven through a pipe instead of a terminal (testing-prompts.md)."""

from __future__ import annotations

import json

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import TINY_BANK

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
KNOWN = ENTER
"""At "How do you know?" after an answer: Enter alone says nothing (the pointer starts there)."""


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def bank(write):
    return write(TINY_BANK)


def _answers(workdir):
    data = json.loads((workdir / "r.json").read_text())
    return data, {k: (a["option"] or a["status"], a["note"]) for k, a in data["answers"].items()}


def test_enter_alone_records_nothing_and_skipped_questions_come_back(run, keys, bank, workdir):
    keys.send_text(ENTER * 2      # both questions: "Skip for now" is where the pointer starts
                   + ENTER * 2    # they come back before the review: skipped again
                   + ENTER        # review: finish
                   + ENTER)       # targets: none for now
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data, answers = _answers(workdir)
    assert answers == {}
    assert data["status"] == "in_progress"
    assert "Back to the 2 questions skipped for now. Enter skips again." in result.stdout
    assert "(no answer yet)" in result.stdout
    assert result.stderr.rstrip().endswith("2 questions not answered yet; to answer them: "
                                           "goodlooks assess --resume r.json")


def test_a_skipped_question_answered_when_it_comes_back_completes_the_interview(run, keys, bank, workdir):
    keys.send_text(ENTER                              # users-met: skip for now
                   + "2" + ENTER + KNOWN + ENTER      # users-heard: y, no note
                   + "3" + ENTER + KNOWN + "later" + ENTER    # users-met comes back: c, with a note
                   + ENTER + ENTER)                   # finish; no targets
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data, answers = _answers(workdir)
    assert answers == {"users-met": ("c", "later"), "users-heard": ("y", None)}
    assert data["status"] == "complete"
    assert "Back to the 1 question skipped for now." in result.stdout


def test_arrows_numbers_and_notes_choose_answers(run, keys, bank, workdir):
    keys.send_text(DOWN * 3 + ENTER + KNOWN + "Seen in three teams" + ENTER  # users-met: skip, a, b, c; a note
                   + "2" + ENTER + KNOWN + ENTER                             # users-heard: number 2 is y
                   + ENTER + ENTER)                                  # finish; no targets
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    _, answers = _answers(workdir)
    assert answers == {"users-met": ("c", "Seen in three teams"), "users-heard": ("y", None)}
    assert "Overall  3.0 on 1 to 3  High" in result.stdout


def test_not_applicable_dont_know_and_back_have_the_same_keys_on_every_question(run, keys, bank, workdir):
    keys.send_text("n" + ENTER + ENTER                # users-met: n is Not applicable
                   + "b" + ENTER                      # users-heard: b goes back
                   + "d" + ENTER + ENTER              # users-met again: d is Don't know
                   + "1" + ENTER + KNOWN + ENTER      # users-heard: n (option 1)
                   + ENTER + ENTER)                   # finish; no targets
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    _, answers = _answers(workdir)
    assert answers == {"users-met": ("dont_know", None), "users-heard": ("n", None)}


def test_the_review_changes_an_answer(run, keys, bank, workdir):
    keys.send_text("1" + ENTER + KNOWN + ENTER + "1" + ENTER + KNOWN + ENTER   # both: first option, no note
                   + DOWN + ENTER                     # review: change an answer in Users
                   + ENTER                            # which answer: 1. users-met
                   + DOWN * 2 + ENTER + KNOWN + "Rethought" + ENTER    # the pointer starts on the answer, a
                   + ENTER + ENTER)                   # finish; no targets
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    _, answers = _answers(workdir)
    assert answers["users-met"] == ("c", "Rethought")
    assert "Your answers" in result.stdout
    assert " 1. Do teams meet users?\n    → Rarely" in result.stdout


def test_targets_set_at_the_end_show_the_gap(run, keys, bank, workdir):
    keys.send_text("1" + ENTER + KNOWN + ENTER + "1" + ENTER + KNOWN + ENTER   # both at the lowest
                   + ENTER                            # review: finish
                   + DOWN + ENTER                     # "Set a target for each part"
                   + DOWN * 2 + ENTER)                # Users: no target, Low, High
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data, _ = _answers(workdir)
    assert data["targets"] == {"users": 3}
    assert "Target" in result.stdout and "Gap" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("  Users") and "2/2" in line)
    assert row.split()[-3:] == ["3.0", "far", "2.0"]
    assert "What to do next, biggest gap to target first" in result.stdout


def test_ctrl_c_exits_130_with_the_command_to_carry_on(run, keys, bank, workdir):
    keys.send_text("2" + ENTER + KNOWN + "kept" + ENTER + CTRL_C)
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 130
    assert result.stderr == ("\nStopped. 1 answer saved in r.json.\n"
                             "To carry on where you left off: goodlooks assess --resume r.json\n")
    data, answers = _answers(workdir)
    assert data["status"] == "in_progress"
    assert answers == {"users-met": ("b", "kept")}


def test_resume_carries_on_at_the_first_unanswered_question(run, keys, bank, workdir):
    keys.send_text("2" + ENTER + KNOWN + "kept" + ENTER + CTRL_C)
    assert run("assess", "--bank", "bank.yaml", "--output", "r.json").exit_code == 130
    keys.send_text("2" + ENTER + KNOWN + ENTER + ENTER + ENTER)
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "Question 1 of 2" not in result.stdout and "Question 2 of 2" in result.stdout
    assert "Carrying on: 1 answer already given and kept." in result.stdout
    data, answers = _answers(workdir)
    assert answers == {"users-met": ("b", "kept"), "users-heard": ("y", None)}
    assert data["status"] == "complete"


def test_resume_alone_carries_on_with_the_newest_unfinished_results(run, keys, bank, workdir):
    keys.send_text("2" + ENTER + KNOWN + ENTER + CTRL_C)
    assert run("assess", "--bank", "bank.yaml").exit_code == 130
    (saved,) = (workdir / "goodlooks-results").glob("*.json")
    keys.send_text("1" + ENTER + KNOWN + ENTER + CTRL_C)
    again = run("assess", "--bank", "bank.yaml")
    assert again.exit_code == 130
    assert again.stderr.startswith(f"1 unfinished interview here (the newest: {saved.relative_to(workdir)}); to "
                                   "carry on with it instead: goodlooks assess --resume (goodlooks list shows them "
                                   "all)\n")
    newest = next(p for p in (workdir / "goodlooks-results").glob("*.json") if p != saved)
    keys.send_text("2" + ENTER + KNOWN + ENTER + ENTER + ENTER)
    result = run("assess", "--resume")
    assert result.exit_code == 0, result.output
    assert f"Saved in {newest.relative_to(workdir)}" in result.stderr
    assert json.loads(newest.read_text())["status"] == "complete"
    assert json.loads(saved.read_text())["status"] == "in_progress"


def test_the_room_votes_then_agrees_starting_from_the_median(run, keys, bank, workdir):
    keys.send_text("1 2 3 3" + ENTER                  # users-met: four people vote
                   + ENTER + KNOWN + "Two teams see users" + ENTER   # the pointer is on the median, b
                   + "2 2 n" + ENTER + ENTER + KNOWN + ENTER  # users-heard: close; the median, y
                   + ENTER + ENTER)                   # finish; no targets
    result = run("assess", "--votes", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data, answers = _answers(workdir)
    assert answers == {"users-met": ("b", "Two teams see users"), "users-heard": ("y", None)}
    assert data["kind"] == "voted"
    met = data["distributions"]["users-met"]
    assert (met["source"], met["counts"], met["spread"], met["discuss"]) == (
        "votes", {"a": 1, "b": 1, "c": 2, "not_applicable": 0, "dont_know": 0}, 2, True)
    heard = data["distributions"]["users-heard"]
    assert (heard["counts"], heard["spread"], heard["discuss"]) == (
        {"n": 0, "y": 2, "not_applicable": 1, "dont_know": 0}, 0, False)
    assert "4 votes · spread 2 · the room disagrees: talk about it" in result.stdout
    assert "3 votes · 1 not applicable or don't know · spread 0 among the other 2 · close agreement" in \
        " ".join(result.stdout.split())
    assert "Where the room disagreed" in result.stdout


def test_votes_that_cannot_be_read_are_asked_again(run, keys, bank, workdir):
    keys.send_text("1 7" + ENTER + "\x7f" * 3 + "1 1" + ENTER + ENTER + KNOWN + ENTER
                   + "2" + ENTER + ENTER + KNOWN + ENTER + ENTER + ENTER)
    result = run("assess", "--votes", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    data, answers = _answers(workdir)
    assert data["distributions"]["users-met"]["counts"]["a"] == 2
    assert answers["users-met"] == ("a", None)


def test_present_clears_the_screen_before_each_question(run, keys, bank, workdir, monkeypatch):
    cleared = []
    monkeypatch.setattr("rich.console.Console.clear", lambda self, home=True: cleared.append(1))
    keys.send_text(ENTER + "1" + ENTER + KNOWN + ENTER + "1" + ENTER + KNOWN + ENTER + ENTER + ENTER + ENTER * 4)
    result = run("assess", "--present", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    # welcome (it waits for Enter), two questions, the review's one part, the profile's pages
    assert len(cleared) >= 5


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
    keys.send_text("1" + ENTER + KNOWN + ENTER + "1" + ENTER + KNOWN + ENTER + ENTER + ENTER)
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("Question 1 of 2")
    assert lines[at + 1:at + 3] == ["  Good is every week.", "  Where to look: Research notes from the last month."]
    assert "Where to look" not in result.stdout.split("Question 2 of 2")[1]


def test_an_agreement_stopped_half_way_resumes_in_the_same_order_with_its_spreads(run, keys, bank, workdir):
    for name, met, heard in (("a", "a", "n"), ("b", "c", "n"), ("c", "b", "y")):
        (workdir / f"{name}.yaml").write_text(f"answers: {{users-met: {met}, users-heard: {heard}}}\n")
        assert run("assess", "--bank", "bank.yaml", "--answers", f"{name}.yaml",
                   "--output", f"people/{name}.json").exit_code == 0
    assert run("combine", "people", "--output", "combined.json").exit_code == 0
    keys.send_text(ENTER + KNOWN + "agreed b" + ENTER + CTRL_C)   # users-met first (spread 2): the median, b
    stopped = run("assess", "--consensus", "combined.json", "--output", "agreed.json")
    assert stopped.exit_code == 130
    assert "3 answers · spread 2 · the board disagrees: discuss" in stopped.stdout
    keys.send_text(ENTER + KNOWN + ENTER + ENTER + ENTER)  # users-heard: the median, n; finish; no targets
    resumed = run("assess", "--resume", "agreed.json")
    assert resumed.exit_code == 0, resumed.output
    assert "Question 2 of 2" in resumed.stdout and "3 answers · spread 1 · close agreement" in resumed.stdout
    data = json.loads((workdir / "agreed.json").read_text())
    assert (data["kind"], data["status"], data["respondents"]) == ("agreed", "complete", 3)
    assert {k: (a["option"], a["note"]) for k, a in data["answers"].items()} == {
        "users-met": ("b", "agreed b"), "users-heard": ("n", None)}
    assert data["distributions"]["users-met"]["counts"] == {"a": 1, "b": 1, "c": 1, "not_applicable": 0,
                                                            "dont_know": 0}


def test_long_options_and_questions_wrap_under_themselves_instead_of_being_cut(monkeypatch):
    """prompt_toolkit cuts a line at the terminal's edge, so an option's last words went missing
    at 80 columns; titles are wrapped at spaces, later lines under the first word."""
    from questionary import Choice

    from goodlooks.interview import prompts

    monkeypatch.setenv("COLUMNS", "80")
    seen = {}

    def select(message, choices, **kwargs):
        seen["message"], seen["titles"] = message, [c.title for c in choices if isinstance(c, Choice)]
        return type("Asked", (), {"unsafe_ask": lambda self: "a"})()

    monkeypatch.setattr(prompts.questionary, "select", select)
    long = "Work that does not serve the mission has been stopped this year, and staff were told why"
    question = "If you asked ten front-line staff what the digital mission is for, how many would say it?"
    prompts._select(question, [Choice(long, value="a"), Choice("Short", value="b")], "a", True)
    assert seen["titles"] == ["Work that does not serve the mission has been stopped this year, and\n"
                              "      staff were told why", "Short"]
    assert seen["message"] == ("If you asked ten front-line staff what the digital mission is for, how many\n"
                               "  would say it?")
    assert all(len(line) <= 79 for line in seen["message"].splitlines())
    prompts._select(question, [Choice(long, value="a")], "a", False)  # typing to filter: kept whole
    assert seen["titles"] == [long]
