"""Answers files: the same interview without a terminal, and every mistake in one go (exit 4)."""

from __future__ import annotations

import json

import pytest

from conftest import TINY_BANK


@pytest.fixture
def bank(write):
    return write(TINY_BANK)


def _assess(run, *extra):
    return run("assess", "--bank", "bank.yaml", "--answers", *extra, "--output", "r.json")


def test_keys_notes_and_special_answers_are_recorded(run, write, bank, workdir):
    write("respondent: Sam\nanswers:\n  users-met: not_applicable\n"
          "  users-heard: {option: n, note: Nobody reads it}\n", "answers.yaml")
    result = _assess(run, "answers.yaml")
    assert result.exit_code == 0, result.output
    data = json.loads((workdir / "r.json").read_text())
    assert data["respondent"] == "Sam"
    assert {k: (a["option"], a["status"], a["note"]) for k, a in data["answers"].items()} == {
        "users-met": (None, "not_applicable", None), "users-heard": ("n", "answered", "Nobody reads it")}
    assert data["status"] == "complete"
    assert "Sam · completed" in result.stdout


def test_a_json_answers_file_indented_with_tabs_works(run, write, bank, workdir):
    write('{\n\t"answers": {\n\t\t"users-met": "c",\n\t\t"users-heard": "dont_know"\n\t}\n}\n', "answers.json")
    result = _assess(run, "answers.json")
    assert result.exit_code == 0, result.output
    assert json.loads((workdir / "r.json").read_text())["scores"]["overall"] == {"score": 3, "level": "High"}


def test_questions_left_out_are_unanswered_and_the_profile_says_so(run, write, bank, workdir):
    write("answers:\n  users-met: c\n", "answers.yaml")
    result = _assess(run, "answers.yaml")
    assert result.exit_code == 0
    data = json.loads((workdir / "r.json").read_text())
    assert data["status"] == "in_progress"
    assert data["scores"]["dimensions"]["users"]["answered"] == 1
    assert "Anonymous · in progress · 1 of 2 questions answered (1 unanswered)" in result.stdout
    assert result.stderr.endswith("1 question not answered yet; to answer it: goodlooks assess --resume r.json\n")


def test_the_respondent_option_wins_over_the_file(run, write, bank, workdir):
    write("respondent: Sam\nanswers: {users-met: a}\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "-o", "r.json",
               "--respondent", "Chair").exit_code == 0
    assert json.loads((workdir / "r.json").read_text())["respondent"] == "Chair"


def test_every_mistake_is_reported_at_once_with_hints(run, write, bank, workdir):
    write("respondant: Sam\nanswers:\n  users-mett: a\n  users-heard: maybe\n"
          "  users-met: {option: z, notes: hi}\n", "answers.yaml")
    result = _assess(run, "answers.yaml")
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        "answers.yaml:1:1: unknown key 'respondant'; did you mean 'respondent'?",
        "answers.yaml:3:3: unknown question 'users-mett' in bank 'tiny'; did you mean 'users-met'?",
        "answers.yaml:4:16: question 'users-heard' has no option 'maybe'; choose one of: n, y, "
        "not_applicable, dont_know",
        "answers.yaml:5:23: question 'users-met' has no option 'z'; choose one of: a, b, c, "
        "not_applicable, dont_know",
        "answers.yaml:5:26: unknown key 'notes' in the answer to 'users-met'; did you mean 'note'?",
        "5 problems in answers.yaml; fix them and run again.",
    ]
    assert not (workdir / "r.json").exists()


@pytest.mark.parametrize(("content", "expected"), [
    ("- users-met: a\n", "answers.yaml:1:1: an answers file needs a mapping with 'answers' (question id: "
                         "option key) and, if you like, 'respondent'"),
    ("answers: [a, b]\n", "answers.yaml:1:10: 'answers' must be a mapping of question id: option key"),
    ("answers:\n\tusers-met: a\n", "answers.yaml:2:1: a tab is used for indentation; YAML needs spaces "
                                   "(set your editor to insert spaces)"),
    ("answers: {users-met: a, users-met: b}\n",
     "answers.yaml:1:25: duplicate key 'users-met' (first written at line 1); keep one of them"),
])
def test_a_malformed_answers_file_exits_4(run, write, bank, content, expected):
    write(content, "answers.yaml")
    result = _assess(run, "answers.yaml")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[0] == expected


def test_a_missing_answers_file_is_a_usage_error(run, bank):
    result = _assess(run, "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == "nope.yaml does not exist; give the path of an answers file (YAML or JSON)\n"
