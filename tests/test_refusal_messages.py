"""Refusal messages a new-user trial found wrong, each as the facilitator sees it: what is wrong,
where, and what to do, in plain words, with the exit code the house gives that mistake."""

from __future__ import annotations

import json

import pytest

from conftest import TINY_BANK, finished_results

ANSWERS = "respondent: Dana\nanswers:\n  users-met: b\n  users-heard: y\n"
CUT_SHORT = ("the file ends in the middle of its data, so it was cut short or damaged in copying (a partial "
             "download or a full disk does this); get the file again from whoever sent it, or from your backup")


@pytest.fixture
def finished(run, write, workdir):
    return finished_results(run, write, ANSWERS)


# A results file cut short, or damaged ------------------------------------------------------------

def test_a_results_file_cut_mid_string_says_so_and_what_to_do(run, write):
    write('{"goodlooks_results": 1, "bank": {"id": "x', "trunc.json")
    result = run("profile", "trunc.json")
    assert result.exit_code == 4
    assert result.stderr == f"trunc.json:1:41: {CUT_SHORT}\n"


def test_a_results_file_cut_between_values_says_so(run, finished):
    finished.write_text(finished.read_text().rstrip()[:-1] + ",\n", encoding="utf-8")
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr.endswith(f": {CUT_SHORT}\n")


def test_a_results_file_damaged_inside_gives_a_plain_reason_and_what_to_do(run, write):
    write('{"a": 1,\n  oops}', "r.json")
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr == (
        "r.json:2:3: this is not valid JSON (a key in double quotes was expected here), so it is damaged, "
        "was edited by hand, or is not a goodlooks results file; check it is the right file, or get it "
        "again from whoever sent it, or from your backup\n")


@pytest.mark.parametrize(("name", "text", "where"), [
    ("answers.json", '{"respondent": "Dana", "answers": {"users-met": "b', "1:51: "),
    ("answers.yaml", 'respondent: "Dana\nanswers: {users-met: b', "2:23: "),
])
def test_an_answers_file_cut_short_says_so_and_what_to_do(run, write, name, text, where):
    write(TINY_BANK)
    write(text, name)
    result = run("assess", "--bank", "bank.yaml", "--answers", name, "--output", "r.json")
    assert result.exit_code == 4
    assert result.stderr == (
        f"{name}:{where}the file ends before a quote or bracket begun earlier (at line 1) is closed: it was "
        "cut short in copying, or the closing quote or bracket is missing; get the file again from whoever "
        f"sent it, or close it\n1 problem in {name}; fix them and run again.\n")


# Another bank altogether given with --bank -----------------------------------------------------------

@pytest.mark.parametrize(("command", "without_bank"), [
    (("profile", "r.json", "--bank", "other.yaml"), "goodlooks profile r.json"),
    (("profile", "r.json", "--bank", "other.yaml", "--accept-bank-change"), "goodlooks profile r.json"),
    (("assess", "--resume", "r.json", "--bank", "other.yaml", "--accept-bank-change"),
     "goodlooks assess --resume r.json"),
])
def test_results_shown_with_another_bank_altogether_are_refused_naming_both(run, write, finished, command,
                                                                              without_bank):
    write(TINY_BANK.replace("id: tiny", "id: other"), "other.yaml")
    before = finished.read_bytes()
    result = run(*command)
    assert result.exit_code == 4
    assert result.stderr == (
        "r.json: these answers were given on bank 'tiny', but other.yaml is bank 'other', another bank "
        f"altogether. Leave out --bank to use the copy of 'tiny' saved in the file ({without_bank}), or give "
        "the file of bank 'tiny' with --bank\n")
    assert finished.read_bytes() == before  # nothing set aside


def test_a_builtin_bank_of_another_id_is_named_by_its_id(run, finished):
    result = run("profile", "r.json", "--bank", "what-good-looks-like")
    assert result.exit_code == 4
    assert result.stderr.startswith("r.json: these answers were given on bank 'tiny', but --bank gave the "
                                    "built-in bank 'what-good-looks-like', another bank altogether.")


# Nesting too deep names the kind of file -------------------------------------------------------------

@pytest.mark.parametrize(("option", "kind"), [("--answers", "an answers file"), ("--targets", "a targets file")])
def test_a_file_nested_too_deep_is_named_as_the_kind_of_file_it_is(run, write, option, kind):
    write(TINY_BANK)
    write('{"answers": ' + "[" * 30 + "]" * 30 + "}", "a_deep.json")
    write(ANSWERS, "answers.yaml")
    args = ["--answers", "a_deep.json"] if option == "--answers" else ["--answers", "answers.yaml",
                                                                          "--targets", "a_deep.json"]
    result = run("assess", "--bank", "bank.yaml", *args, "--output", "r.json")
    assert result.exit_code == 4
    assert result.stderr == (f"a_deep.json:1:{13 + 19}: the data is nested more than 20 levels deep; {kind} "
                             "never needs that many\n1 problem in a_deep.json; fix them and run again.\n")


# A number in score_range out of bounds names the field ------------------------------------------------

@pytest.mark.parametrize(("score_range", "message"), [
    ("[0, 1e20]", "4:18: the highest number in 'score_range' of the bank must be between -1,000,000,000 and "
                  "1,000,000,000, not 1e20"),
    ("[nan, 5]", "4:15: the lowest number in 'score_range' of the bank must be a finite number, not 'nan'"),
])
def test_a_bad_number_in_score_range_names_the_field(run, write, score_range, message):
    write(TINY_BANK.replace('version: "1"\n', f'version: "1"\nscore_range: {score_range}\n'))
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr == f"bank.yaml:{message}\n1 problem in 1 file; fix them and validate again.\n"


# A results file whose content is damaged: plain words, not pydantic's ------------------------------

@pytest.mark.parametrize(("edit", "said"), [
    (lambda d: d["answers"].__setitem__("nosuch", {}),
     "answers.nosuch: there is no question 'nosuch' in the bank the file carries, so this answer cannot be read"),
    (lambda d: d.__setitem__("answers", []), "answers: should be a mapping of question id: answer, not a list"),
    (lambda d: d["answers"].__setitem__("users-met", "b"),
     "answers.users-met: should be a mapping (key: value pairs), not text"),
    (lambda d: d["answers"]["users-met"].pop("status"), "answers.users-met.status: 'status' is missing"),
    (lambda d: d["answers"]["users-met"].__setitem__("option", None),
     "answers.users-met: an answered question needs an option; not_applicable and dont_know have none"),
])
def test_a_damaged_results_file_says_what_is_wrong_in_plain_words(run, finished, edit, said):
    data = json.loads(finished.read_text())
    edit(data)
    finished.write_text(json.dumps(data))
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr == (f"r.json: this results file is damaged (edited by hand, or by another program): "
                             f"{said}. Get it again from whoever sent it, or from your backup\n")
    assert "Input should" not in result.stderr and "Field required" not in result.stderr
