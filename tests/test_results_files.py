"""Results files: the JSON contract, atomic private writes, never overwriting, reading them back,
resuming safely, and profiles from a file mailed without its bank."""

from __future__ import annotations

import json
import os
import stat
import uuid
from datetime import UTC, datetime

import pytest

from conftest import TINY_BANK, finished_results

ANSWERS = """\
respondent: Dana
answers:
  users-met: b
  users-heard: {option: y, note: "We read every comment"}
"""


@pytest.fixture
def finished(run, write, workdir):
    return finished_results(run, write, ANSWERS)


def test_the_results_file_keeps_the_documented_contract(finished):
    data = json.loads(finished.read_text())
    assert data["schema_version"] == 1
    uuid.UUID(data["response_id"])
    assert data["status"] == "complete"
    assert data["tool"]["name"] == "goodlooks" and data["tool"]["version"]
    assert (data["bank"]["id"], data["bank"]["version"], len(data["bank"]["sha256"])) == ("tiny", "1", 64)
    assert data["bank"]["path"] == "bank.yaml" and data["bank"]["builtin"] is False
    assert data["respondent"] == "Dana"
    for key in ("started_at", "updated_at", "completed_at"):
        datetime.fromisoformat(data[key])
    assert data["answers"]["users-heard"] | {"answered_at": None} == {
        "option": "y", "status": "answered", "score": 3, "normalised": None, "note": "We read every comment",
        "evidence": None, "question": "Is feedback used?", "label": "Yes", "dimension": "users", "answered_at": None}
    assert data["scores"]["overall"] == {"score": 2.5, "level": "Low"}
    assert data["scores"]["dimensions"]["users"] == {
        "score": 2.5, "level": "Low", "title": "Users", "answered": 2, "total": 2, "not_applicable": 0,
        "dont_know": 0}
    assert data["scores"]["groups"] == {"people": {"score": 2.5, "level": "Low", "title": "People"}}
    assert data["recommendations"] == [
        {"dimension": "users", "question": None, "text": "Meet some users.", "priority": 1, "level": "Low",
         "owner": None, "within": None}]
    definition = data["bank"]["definition"]
    assert definition["dimensions"][0]["questions"][0]["options"][0] == {
        "key": "a", "label": "Rarely", "score": 1, "recommendation": None, "owner": None, "within": None}


def test_results_are_private_and_no_temporary_file_is_left(finished):
    assert stat.S_IMODE(os.stat(finished).st_mode) == 0o600
    assert [p.name for p in finished.parent.iterdir() if p.name.startswith(".")] == []


def test_an_existing_results_file_is_never_overwritten_without_force(run, finished):
    before = finished.read_text()
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")
    assert result.exit_code == 2
    assert result.stderr == ("r.json already exists; choose another --output, add --force to overwrite "
                             "it, or carry on with it: goodlooks assess --resume r.json\n")
    assert finished.read_text() == before
    again = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json", "--force")
    assert again.exit_code == 0
    assert json.loads(finished.read_text())["response_id"] != json.loads(before)["response_id"]


def test_the_default_output_is_a_new_file_under_goodlooks_results(run, write, workdir):
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    first = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml")
    second = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml")
    files = sorted((workdir / "goodlooks-results").glob("tiny-*.json"))
    assert len(files) == 2
    saved = {line for result in (first, second) for line in result.stderr.splitlines() if line.startswith("Saved")}
    assert saved == {f"Saved in goodlooks-results/{path.name}" for path in files}


def test_profile_reads_a_file_mailed_without_its_bank(run, finished, workdir):
    (workdir / "bank.yaml").unlink()
    result = run("profile", "r.json")
    assert result.exit_code == 0, result.output
    assert "Maturity profile: Tiny bank" in result.stdout
    assert "Overall  2.5 on 1 to 3  Low" in result.stdout
    assert "Dana · completed" in result.stdout


def test_profile_with_bank_rescores_the_answers_against_it(run, finished, write):
    write(TINY_BANK.replace("{key: b, label: Sometimes, score: 2}", "{key: b, label: Sometimes, score: 3}")
          .replace("{key: c, label: Always, score: 3}", "{key: c, label: Always, score: 4}"), "new.yaml")
    result = run("profile", "r.json", "--bank", "new.yaml", "--accept-bank-change")
    assert result.exit_code == 0, result.output
    # users-met b: (3-1)/(4-1) = 2/3; users-heard y: 1 -> D = 5/6, shown on 1..4 = 1 + 2.5 = 3.5
    assert "Overall  3.5 on 1 to 4  High" in result.stdout


def test_profile_against_a_bank_the_answers_do_not_fit_lists_the_changes_first(run, finished, write):
    write(TINY_BANK.replace("users-heard", "users-listened"), "other.yaml")
    result = run("profile", "r.json", "--bank", "other.yaml")
    assert result.exit_code == 4
    assert result.stderr == (
        "r.json: the bank 'tiny' (other.yaml) has changed since these answers were given:\n"
        "  - question 'users-heard' removed: 'Is feedback used?'\n"
        "  - question 'users-listened' added: 'Is feedback used?'\n"
        "To go on with the bank as it is now: goodlooks profile r.json --bank other.yaml --accept-bank-change\n"
        "(answers to removed questions or options are kept in the file, set aside and not scored).\n"
        "Or put back the bank as it was, or start a new interview on this bank: goodlooks assess --bank "
        "other.yaml\n")


@pytest.mark.parametrize(("content", "message"), [
    ('{"a": 1,\n  oops}', "r.json:2:3: this is not valid JSON (a key in double quotes was expected here), "
                          "so it is damaged, was edited by hand, or is not a goodlooks results file; check it "
                          "is the right file, or get it again from whoever sent it, or from your backup"),
    ("[]", "r.json: this is not a goodlooks results file (it has no 'bank' and 'answers')"),
    ('{"schema_version": 7, "bank": {}, "answers": {}}',
     "r.json: made by a newer goodlooks (schema_version 7); upgrade goodlooks to read it"),
])
def test_a_broken_results_file_exits_4_with_one_message(run, workdir, content, message):
    (workdir / "r.json").write_text(content)
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr == message + "\n"


def test_a_damaged_results_file_says_what_is_wrong(run, finished):
    data = json.loads(finished.read_text())
    data["answers"]["users-met"]["status"] = "maybe"
    finished.write_text(json.dumps(data))
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr.startswith("r.json: this results file is damaged (edited by hand, or by another "
                                    "program): answers.users-met.status: 'maybe' is not allowed here; it "
                                    "must be 'answered', 'not_applicable' or 'dont_know'")


def test_a_results_file_whose_bank_copy_was_tampered_with_is_refused(run, finished):
    data = json.loads(finished.read_text())
    for option in data["bank"]["definition"]["dimensions"][0]["questions"][1]["options"]:
        option["score"] = 2
    finished.write_text(json.dumps(data))
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr == ("r.json: the copy of the bank inside it is not valid: every option of question "
                             "'users-heard' scores 2; give the options different scores so that answers "
                             "can be told apart\n")


def test_profile_of_a_missing_file_is_a_usage_error(run, workdir):
    result = run("profile", "nope.json")
    assert result.exit_code == 2
    assert result.stderr == "nope.json does not exist; give the path of a goodlooks results file\n"


def test_resuming_against_a_changed_bank_without_a_terminal_is_refused_naming_the_changes(run, write, workdir):
    write(TINY_BANK)
    write("answers:\n  users-met: b\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "-o", "r.json").exit_code == 0
    write(TINY_BANK.replace("Is feedback used?", "Is feedback acted on?")
          .replace("{key: c, label: Always, score: 3}", "{key: c, label: Always, score: 4}"))
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 4
    assert result.stderr == (
        "r.json: the bank 'tiny' (bank.yaml) has changed since these answers were given:\n"
        "  - option 'users-met/c' re-scored: 3 -> 4\n"
        "  - question 'users-heard' reworded: 'Is feedback used?' -> 'Is feedback acted on?'\n"
        "To go on with the bank as it is now: goodlooks assess --resume r.json --accept-bank-change\n"
        "(answers to removed questions or options are kept in the file, set aside and not scored).\n"
        "Or put back the bank as it was, or start a new interview on this bank: goodlooks assess --bank "
        "bank.yaml\n")


def test_resume_cannot_be_combined_with_output_or_answers(run, workdir):
    result = run("assess", "--resume", "r.json", "--output", "x.json")
    assert result.exit_code == 2
    assert result.stderr == "--resume carries on in the file it names; leave out --answers and --output\n"


def test_an_output_that_cannot_be_written_is_a_usage_error(run, write, workdir):
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    (workdir / "taken").mkdir()
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "taken", "--force")
    assert result.exit_code == 2
    assert result.stderr == ("taken is a folder, not a file; goodlooks never replaces one (not even with "
                             "--force); choose a file name\n")
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []


def test_a_file_finished_again_keeps_the_date_it_was_first_finished(finished):
    from goodlooks.results import store

    results = store.load_results(finished)
    first = results.completed_at = datetime(2025, 12, 3, 10, 0, tzinfo=UTC)  # finished a year ago
    bank = store.carried_bank(results, finished)
    store.record_note(results, "users-met", "A note added a year later")
    store.complete(results, bank)
    assert results.completed_at == first  # a trend and the paper date it by when it was finished


def test_a_file_with_fields_of_a_newer_goodlooks_says_to_upgrade(run, finished):
    data = json.loads(finished.read_text())
    data["made_later"] = True
    data["answers"]["users-met"]["weighed"] = 2
    finished.write_text(json.dumps(data))
    result = run("profile", "r.json")
    assert (result.exit_code, result.stderr.strip()) == (4, (
        "r.json: this results file has fields this goodlooks does not know (answers.users-met.weighed, "
        "made_later); it was made by a newer goodlooks (upgrade goodlooks to read it), or edited by hand"))
