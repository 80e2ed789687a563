"""What changed between two banks (`goodlooks diff`), and resuming or re-profiling against a bank
that changed under saved answers: listed by id, asked about, answers set aside rather than lost."""

from __future__ import annotations

import json

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import TINY_BANK
from goodlooks.bank.changes import Change, bank_changes, compare_banks
from goodlooks.bank.loader import parse_bank

CHANGED = (TINY_BANK.replace('version: "1"', 'version: "2"')
           .replace("Is feedback used?", "Is feedback acted on?")
           .replace("{key: c, label: Always, score: 3}", "{key: c, label: Always, score: 4}")
           .replace("      - id: users-heard", "      - id: users-board\n        text: Does the board meet users?\n"
                    "        weight: 2\n        scale: three\n      - id: users-heard"))


def test_compare_matches_by_id_and_names_each_kind_of_change():
    old, new = parse_bank(TINY_BANK.encode(), "old.yaml"), parse_bank(CHANGED.encode(), "new.yaml")
    changes = compare_banks(old, new).changes
    assert changes == (
        Change("bank", "version", "changed", "version", "1", "2"),
        Change("question", "users-board", "added", "text", None, "Does the board meet users?"),
        Change("option", "users-met/c", "re-scored", "score", 3, 4),
        Change("question", "users-heard", "reworded", "text", "Is feedback used?", "Is feedback acted on?"),
    )
    assert bank_changes(old, new) == [
        "the bank's version changed: '1' -> '2'",
        "question 'users-board' added: 'Does the board meet users?'",
        "option 'users-met/c' re-scored: 3 -> 4",
        "question 'users-heard' reworded: 'Is feedback used?' -> 'Is feedback acted on?'",
    ]


def test_comments_and_layout_are_not_changes():
    old = parse_bank(TINY_BANK.encode(), "old.yaml")
    new = parse_bank(("# a comment\n" + TINY_BANK.replace("title: Tiny bank", "title:   Tiny bank")).encode(), "n")
    assert compare_banks(old, new).changes == ()


def test_diff_lists_changes_by_kind(run, write):
    write(TINY_BANK, "old.yaml")
    write(CHANGED.replace("      Low: Meet some users.", "      Low: Meet users every week.")
          .replace("  - {name: High, min: 3}", "  - {name: High, min: 2.5}"), "new.yaml")
    result = run("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Old: old.yaml ('tiny' version 1)\n"
        "New: new.yaml ('tiny' version 2)\n"
        "6 changes: questions 1 added, 1 reworded; options 1 re-scored; 3 other changes\n"
        "\n"
        "The bank\n"
        "  ~ the bank's version changed: '1' -> '2'\n"
        "\n"
        "Levels\n"
        "  ~ level 'High' min changed: 3 -> 2.5\n"
        "\n"
        "Recommendations\n"
        "  ~ recommendation 'users/Low' text changed:\n"
        "      was 'Meet some users.'\n"
        "      now 'Meet users every week.'\n"
        "\n"
        "Questions\n"
        "  + question 'users-board' added: 'Does the board meet users?'\n"
        "  ~ question 'users-heard' reworded:\n"
        "      was 'Is feedback used?'\n"
        "      now 'Is feedback acted on?'\n"
        "\n"
        "Options\n"
        "  ~ option 'users-met/c' re-scored: 3 -> 4\n")


def test_diff_as_json_for_scripts(run, write):
    write(TINY_BANK, "old.yaml")
    write(TINY_BANK.replace("{key: y, label: Yes, score: 3}", "{key: y, label: Yes, score: 5}")
          .replace("questions:\n      - id: users-met", "weight: 2\n    questions:\n      - id: users-met"), "new.yaml")
    result = run("diff", "old.yaml", "new.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "old_file": "old.yaml", "new_file": "new.yaml",
        "old": {"id": "tiny", "version": "1"}, "new": {"id": "tiny", "version": "1"},
        "changes": [
            {"kind": "dimension", "id": "users", "change": "reweighted", "field": "weight", "old": 1, "new": 2},
            {"kind": "option", "id": "users-heard/y", "change": "re-scored", "field": "score", "old": 3, "new": 5}]}


def test_diff_of_equal_banks_says_so(run, write):
    write(TINY_BANK, "old.yaml")
    result = run("diff", "old.yaml", "old.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2] == "No changes (comments and layout aside): the two banks are the same."


def test_diff_takes_a_results_file_as_the_old_bank(run, write, workdir):
    write(TINY_BANK)
    write("answers:\n  users-met: b\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "-o", "r.json").exit_code == 0
    write(CHANGED)
    result = run("diff", "r.json", "bank.yaml")
    assert result.exit_code == 0, result.output
    assert "4 changes: questions 1 added, 1 reworded; options 1 re-scored; 1 other change" in result.stdout


def test_diff_of_a_broken_bank_exits_3_and_a_bad_format_exits_2(run, write):
    write("id: [\n", "old.yaml")
    assert run("diff", "old.yaml", "what-good-looks-like").exit_code == 3
    result = run("diff", "what-good-looks-like", "what-good-looks-like", "--format", "yaml")
    assert result.exit_code == 2
    assert "'yaml' is not one of 'text', 'json'" in " ".join(result.stderr.replace("│", " ").split())


@pytest.fixture
def answered(run, write, workdir):
    """r.json with users-met 'c' (a note) and users-heard 'y'; then the bank loses option c and users-heard."""
    write(TINY_BANK)
    write("answers:\n  users-met: {option: c, note: Every week}\n  users-heard: y\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "-o", "r.json").exit_code == 0
    write(TINY_BANK.replace("    - {key: c, label: Always, score: 3}\n", "")
          .replace("      - id: users-heard\n        text: Is feedback used?\n", "      - id: users-new\n"
                   "        text: Is there a new question?\n"))
    return workdir / "r.json"


def test_without_a_terminal_profile_needs_accept_bank_change(run, answered):
    result = run("profile", "r.json", "--bank", "bank.yaml")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[:4] == [
        "r.json: the bank 'tiny' (bank.yaml) has changed since these answers were given:",
        "  - question 'users-heard' removed: 'Is feedback used?'",
        "  - question 'users-new' added: 'Is there a new question?'",
        "  - option 'users-met/c' removed: 'Always'"]
    assert "goodlooks profile r.json --bank bank.yaml --accept-bank-change" in result.stderr
    accepted = run("profile", "r.json", "--bank", "bank.yaml", "--accept-bank-change")
    assert accepted.exit_code == 0, accepted.output
    assert "0 of 2 questions answered" in accepted.stdout
    assert accepted.stderr == ("2 answers are set aside, not scored: the bank has no option 'users-met/c' "
                               "or question 'users-heard'\n")


def test_accepting_at_a_terminal_sets_answers_aside_and_asks_again(run, answered, monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        # go on (y, Enter); users-met, how known, note; users-new, how known, note; finish; no targets
        keys.send_text("y\r" + "1\r\r\r" + "1\r\r\r" + "\r\r")
        result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("r.json: the bank 'tiny' (bank.yaml) has changed since these answers")
    data = json.loads(answered.read_text())
    assert {k: a["option"] for k, a in data["answers"].items()} == {"users-met": "a", "users-new": "n"}
    assert [(a["question_id"], a["option"], a["note"], a["reason"]) for a in data["set_aside"]] == [
        ("users-met", "c", "Every week", "option 'c' is not in bank 'tiny' version 1"),
        ("users-heard", "y", None, "question 'users-heard' is not in bank 'tiny' version 1")]
    assert data["bank"]["definition"]["dimensions"][0]["questions"][1]["id"] == "users-new"
    again = run("profile", "r.json")
    assert again.exit_code == 0, again.output
    assert "2 of 2 questions answered" in again.stdout


def test_declining_at_a_terminal_changes_nothing(run, answered, monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    before = answered.read_text()
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        keys.send_text("n\r")
        result = run("assess", "--resume", "r.json")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-4:] == [
        "Nothing was changed.",
        "To go on with the bank as it is now: goodlooks assess --resume r.json --accept-bank-change",
        "(answers to removed questions or options are kept in the file, set aside and not scored).",
        "Or put back the bank as it was, or start a new interview on this bank: goodlooks assess --bank bank.yaml"]
    assert answered.read_text() == before


def test_resume_from_another_folder_finds_the_bank_by_its_absolute_path(run, answered, workdir, monkeypatch):
    from goodlooks import assessment

    (workdir / "bank.yaml").write_text(TINY_BANK)
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    session = assessment.resume(workdir / "r.json", None)
    assert session.notices == []
    assert session.bank.question("users-heard") is not None


def test_falling_back_to_the_copy_in_the_file_is_said_aloud(run, answered, workdir, monkeypatch):
    (workdir / "bank.yaml").unlink()
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        keys.send_text("\r\r")  # finish at the review; no targets
        result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith("Resuming r.json: Anonymous, 2 of 2 answered, saved ")
    assert result.stderr.splitlines()[1] == (
        f"The bank file (bank.yaml or {workdir / 'bank.yaml'}) is not there, and 'tiny' is not a built-in bank: "
        "carrying on with the copy of the bank saved in r.json. To use a bank file instead: "
        "goodlooks assess --resume r.json --bank FILE")


def test_scoring_ignores_answers_to_questions_and_options_the_bank_lacks():
    from goodlooks.scoring.recommendations import recommend
    from goodlooks.scoring.scores import ANSWERED, Choice, score

    bank = parse_bank(TINY_BANK.encode(), "bank.yaml")
    fitting = {"users-met": Choice(ANSWERED, "b")}
    stray = {**fitting, "users-gone": Choice(ANSWERED, "c"), "users-heard": Choice(ANSWERED, "maybe")}
    assert score(bank, stray) == score(bank, fitting)
    assert recommend(bank, stray, score(bank, stray)) == recommend(bank, fitting, score(bank, fitting))


@pytest.mark.parametrize(("args", "message"), [
    (("assess", "--accept-bank-change"), "--accept-bank-change goes with --resume FILE or --answers FILE: it "
                                         "accepts a bank that changed since FILE's answers were given"),
    (("profile", "r.json", "--accept-bank-change"), "--accept-bank-change goes with --bank BANK: it accepts "
                                                    "re-scoring against a bank that changed since the answers "
                                                    "were given"),
])
def test_accept_bank_change_alone_is_a_usage_error(run, workdir, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
