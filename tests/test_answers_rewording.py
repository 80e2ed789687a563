"""Members' answers after the bank moved on (issue 17): answers saved from a form whose bank has
since been reworded only (same ids, option keys, scores, levels) are scored with a notice naming
what was reworded; a bank whose structure changed needs --accept-bank-change, which now works
with --answers (answers it cannot take are set aside); the change list shows where two long texts
differ; --only with answers names what it leaves out, and leaving out everything is an error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import TINY_BANK
from goodlooks.bank.changes import Change

LONG = ("Our digital strategy is framed as services that users need, with a named owner for each one "
        "and money that follows the service rather than the project")


def _form_bank(run, workdir: Path, *only: str) -> dict:
    """The bank record a form made now would write into its answers files."""
    args = [arg for token in only for arg in ("--only", token)]
    assert run("form", "--bank", "bank.yaml", *args, "--output", "form.html", "--force").exit_code == 0
    html = (workdir / "form.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="form-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))["bank"]


def _saved(workdir: Path, bank: dict, answers: dict, name: str = "a.json", **extra) -> str:
    (workdir / name).write_text(json.dumps({"respondent": "Sam", "bank": bank, "answers": answers, **extra}))
    return name


def test_the_form_records_the_banks_structure_and_wording(run, write, workdir):
    write(TINY_BANK)
    bank = _form_bank(run, workdir)
    assert set(bank) == {"id", "version", "sha256", "structure", "wording"}
    assert set(bank["wording"]) == {"bank", "level:Low", "level:High", "group:people", "dimension:users",
                                    "question:users-met", "question:users-heard"}


def test_answers_to_a_reworded_bank_are_scored_with_a_notice_naming_what_changed(run, write, workdir):
    write(TINY_BANK)
    answers = _saved(workdir, _form_bank(run, workdir), {"users-met": "c", "users-heard": "y"})
    write(TINY_BANK.replace("label: Sometimes", "label: Now and then")
          .replace("text: Is feedback used?", "text: Is feedback from users acted on?"))
    result = run("assess", "--bank", "bank.yaml", "--answers", answers, "--output", "r.json")
    assert result.exit_code == 0, result.stderr
    first = result.stderr.splitlines()[0]
    assert first == ("a.json: the bank was reworded since the form was made (still called version 1); the "
                             "questions, options and scores are the same, so the answers are scored on the bank as "
                             "it is now. Reworded: question 'users-met', question 'users-heard'.")
    data = json.loads((workdir / "r.json").read_text())
    assert data["status"] == "complete"
    assert data["answers"]["users-heard"]["question"] == "Is feedback from users acted on?"


def test_a_rescored_bank_needs_accept_bank_change_which_sets_aside_what_it_cannot_take(run, write, workdir):
    write(TINY_BANK)
    answers = _saved(workdir, _form_bank(run, workdir), {"users-met": {"option": "c", "note": "Weekly"},
                                                         "users-heard": "y"})
    write(TINY_BANK.replace("    - {key: c, label: Always, score: 3}\n", "").replace("score: 2}", "score: 3}"))
    refused = run("assess", "--bank", "bank.yaml", "--answers", answers, "--output", "r.json")
    assert refused.exit_code == 4
    assert "its questions, options or scores have changed since" in refused.stderr
    assert "goodlooks assess --answers a.json --accept-bank-change" in refused.stderr
    assert not (workdir / "r.json").exists()
    accepted = run("assess", "--bank", "bank.yaml", "--answers", answers, "--output", "r.json",
                   "--accept-bank-change")
    assert accepted.exit_code == 0, accepted.stderr
    assert accepted.stderr.startswith("a.json: the bank 'tiny' has changed since the form was made (still called "
                                      "version 1); scored on the bank as it is now (--accept-bank-change)")
    data = json.loads((workdir / "r.json").read_text())
    assert {k: a["option"] for k, a in data["answers"].items()} == {"users-heard": "y"}
    assert [(a["question_id"], a["option"], a["note"], a["reason"]) for a in data["set_aside"]] == [
        ("users-met", "c", "Weekly", "option 'c' is not in bank 'tiny' version 1")]


def test_the_change_list_shows_where_two_long_texts_differ():
    from goodlooks.bank.changes import where_they_differ

    old, new = LONG, LONG.replace("rather than the project", "rather than the programme")
    before, after = where_they_differ(old, new, 60)
    assert before != after
    assert "project" in before and "programme" in after
    assert len(before) <= 60 and len(after) <= 60 and before.startswith("…")
    line = Change("question", "q", "reworded", "text", old, new).describe()
    assert "'…" in line and "project" in line and "programme" in line
    assert where_they_differ("short", "other", 60) == ("short", "other")  # short texts whole


def test_answers_outside_only_are_counted_and_named(run, write, workdir):
    write(TINY_BANK)
    answers = _saved(workdir, _form_bank(run, workdir), {"users-met": "c", "users-heard": "y"})
    result = run("assess", "--bank", "bank.yaml", "--answers", answers, "--only", "users-met", "-o", "r.json")
    assert result.exit_code == 0, result.stderr
    first = result.stderr.splitlines()[0]
    assert first == ("a.json: 1 answer outside --only users-met is left out, not scored: "
                                             "users-heard. To score it too, leave out --only.")


def test_only_that_leaves_out_every_answer_is_an_error_and_writes_nothing(run, write, workdir):
    write(TINY_BANK)
    answers = _saved(workdir, _form_bank(run, workdir, "users-heard"), {"users-heard": "y"}, only=["users-heard"])
    result = run("assess", "--bank", "bank.yaml", "--answers", answers, "--only", "users-met", "-o", "r.json")
    assert result.exit_code == 2
    assert result.stderr == ("a.json: every answer in it is outside --only users-met (1 answer: users-heard); "
                             "nothing was saved. The form asked users-heard: give --only users-heard, or leave out "
                             "--only.\n")
    assert not (workdir / "r.json").exists()


@pytest.mark.parametrize("value", ["true", "yes please"])
def test_anonymous_must_be_true_or_false(run, write, workdir, value):
    write(TINY_BANK)
    (workdir / "a.yaml").write_text(f"anonymous: {value}\nanswers:\n  users-met: c\n")
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.yaml", "-o", "r.json")
    if value == "true":
        assert result.exit_code == 0 and json.loads((workdir / "r.json").read_text())["anonymous"] is True
    else:
        assert result.exit_code == 4
        assert "'anonymous' must be true (do not name me to the board) or false" in result.stderr
