"""Targets (issue 6, part 4): a targets file of dimension id -> level name or score, located
errors (exit 4), the gap, Open SAMMY's priority weight x max((1 + t - c)^2 - 1, 0) on normalised
scores, recommendations ordered by it, and the profile's Target and Gap columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import score
from goodlooks.scoring.targets import Gap, gaps, to_normalised
from goodlooks.workshop.targets import read_targets, target_value
from test_workshop_support import ANN, bank_v1, copy_banks, make_results, plain, read_json, results_in_process


@pytest.fixture(scope="module")
def bank():
    return bank_v1()  # shown on 0 to 3; Starting 0, Developing 1, Established 2, Leading 3


# --- reading targets ------------------------------------------------------------------------------

def test_level_names_in_any_case_and_scores(bank, workdir):
    Path("t.yaml").write_text("users: Established\nskills: 2.5\ndata: leading\n", encoding="utf-8")
    assert read_targets(Path("t.yaml"), bank) == {"users": 2.0, "skills": 2.5, "data": 3.0}


def test_a_json_targets_file_works_too(bank, workdir):
    Path("t.json").write_text('{\n\t"users": "Developing",\n\t"data": 0\n}\n', encoding="utf-8")
    assert read_targets(Path("t.json"), bank) == {"users": 1.0, "data": 0.0}


@pytest.mark.parametrize("value, expected", [("Starting", 0.0), (" developing ", 1.0), ("LEADING", 3.0),
                                             (0, 0.0), (3, 3.0), ("1.5", 1.5), (2.25, 2.25)])
def test_target_value(bank, value, expected):
    assert target_value(bank, value) == expected


@pytest.mark.parametrize("value, message", [
    ("Expert", "'Expert' is neither a level (Starting, Developing, Established, Leading) nor a score"),
    (4, "4 is outside the bank's range, 0 to 3"),
    (-0.5, "-0.5 is outside the bank's range, 0 to 3"),
])
def test_target_value_errors(bank, value, message):
    with pytest.raises(ValueError) as error:
        target_value(bank, value)
    assert str(error.value) == message


def test_every_problem_is_located_and_exit_4(run, workdir):
    copy_banks(workdir)
    Path("a.yaml").write_text("answers: {users-met: never}\n", encoding="utf-8")
    Path("t.yaml").write_text("nope: 2\nusers: Expert\nskills: 7\ndata: leading\n", encoding="utf-8")
    result = run("assess", "--bank", "ws.yaml", "--answers", "a.yaml", "-o", "r.json", "--targets", "t.yaml")
    assert result.exit_code == 4
    assert result.stderr == (
        "t.yaml:1:1: 'nope' is not a dimension of bank 'ws'; its dimensions: data, skills, users\n"
        "t.yaml:2:8: target for 'users': 'Expert' is neither a level (Starting, Developing, Established, "
        "Leading) nor a score\n"
        "t.yaml:3:9: target for 'skills': 7 is outside the bank's range, 0 to 3\n"
        "3 problems in t.yaml; fix them and run again.\n")
    assert not Path("r.json").exists()


def test_a_targets_file_that_is_not_a_mapping(bank, workdir):
    Path("t.yaml").write_text("- users\n- data\n", encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        read_targets(Path("t.yaml"), bank)
    assert str(error.value) == ("t.yaml:1:1: a targets file is a mapping of dimension id: level name or score\n"
                                "1 problem in t.yaml; fix them and run again.")
    assert error.value.exit_code == 4


def test_a_missing_targets_file_is_a_usage_error(run, workdir):
    copy_banks(workdir)
    Path("a.yaml").write_text("answers: {users-met: never}\n", encoding="utf-8")
    result = run("assess", "--bank", "ws.yaml", "--answers", "a.yaml", "-o", "r.json", "--targets", "no.yaml")
    assert (result.exit_code, result.stderr) == (
        2, "no.yaml does not exist; give the path of a targets file (dimension id: level or score)\n")
    with pytest.raises(UsageError):
        read_targets(Path("no.yaml"), bank_v1())


def test_targets_are_stored_in_the_results_file(run, workdir):
    copy_banks(workdir)
    Path("t.yaml").write_text("users: Established\nskills: 3\n", encoding="utf-8")
    make_results(run, workdir, "a", ANN, "Ann", "--targets", "t.yaml")
    assert read_json("a.json")["targets"] == {"users": 2.0, "skills": 3.0}


# --- gaps and priority ----------------------------------------------------------------------------

@pytest.mark.parametrize("shown, normalised", [(0, 0.0), (1.5, 0.5), (3, 1.0), (-1, 0.0), (4, 1.0)])
def test_to_normalised_on_the_banks_range(bank, shown, normalised):
    assert to_normalised(bank, shown) == normalised


@pytest.mark.parametrize("current, target, weight, gap, priority", [
    (1 / 6, 2 / 3, 1, 0.5, 1.25),  # (1 + 0.5)^2 - 1
    (2 / 3, 1.0, 2, 1 / 3, 2 * 7 / 9),  # 2 x ((4/3)^2 - 1)
    (0.75, 0.5, 1, 0.0, 0.0),  # past the target: (0.75)^2 - 1 < 0 -> 0
    (0.5, 0.5, 3, 0.0, 0.0),
    (None, 1.0, 1, 1.0, 3.0),  # nothing scored counts as 0: (1 + 1)^2 - 1
])
def test_gap_and_open_sammy_priority(current, target, weight, gap, priority):
    found = Gap("d", current, target, weight)
    assert found.gap == pytest.approx(gap)
    assert found.priority == pytest.approx(priority)


def test_gaps_of_anns_answers(bank):
    # Ann: users 1/6, skills 2/3 (weight 2), data 3/4
    sheet = score(bank, results_in_process(ANN).choices())
    found = gaps(bank, sheet, {"users": 2.0, "skills": 3.0, "data": 1.5})
    assert {d: (g.current, g.target, g.weight, g.gap, g.priority) for d, g in found.items()} == {
        "users": (pytest.approx(1 / 6), pytest.approx(2 / 3), 1, pytest.approx(0.5), pytest.approx(1.25)),
        "skills": (pytest.approx(2 / 3), 1.0, 2, pytest.approx(1 / 3), pytest.approx(14 / 9)),
        "data": (0.75, 0.5, 1, 0.0, 0.0)}


def test_recommendations_weakest_first_without_targets_and_by_priority_with(bank):
    results = results_in_process(ANN)
    choices = results.choices()
    sheet = score(bank, choices)
    assert [(r.priority, r.dimension, r.text) for r in recommend(bank, choices, sheet)] == [
        (1, "users", "Meet some users."), (2, "skills", "Keep training."), (3, "data", "Keep sharing.")]
    # priorities: skills 14/9 > users 1.25 > data (no target) 0
    assert [(r.priority, r.dimension) for r in recommend(bank, choices, sheet, {"users": 2.0, "skills": 3.0})] \
        == [(1, "skills"), (2, "users"), (3, "data")]
    # a target already met counts 0, like no target; among equals the weakest comes first
    assert [r.dimension for r in recommend(bank, choices, sheet, {"data": 3.0, "users": 0.5})] == \
        ["data", "users", "skills"]


def test_weight_and_gap_together_decide_the_order(bank):
    # users and skills at q = 1/3, data at 1/4; target 1 for all: skills 2 x 16/9, data 33/16, users 16/9
    answers = {"users-met": "rarely", "users-heard": "rarely", "skills-train": "rarely",
               "data-shared": "rarely", "data-safe": "no"}
    results = results_in_process(answers)
    choices = results.choices()
    sheet = score(bank, choices)
    assert [r.dimension for r in recommend(bank, choices, sheet, {"users": 3, "skills": 3, "data": 3})] == \
        ["skills", "data", "users"]  # data is lower (q 1/4): bigger gap than users


# --- the profile ----------------------------------------------------------------------------------

def test_the_profile_shows_target_and_gap_and_orders_advice_by_priority(run, workdir):
    copy_banks(workdir)
    Path("t.yaml").write_text("users: Established\nskills: 3\ndata: 2\n", encoding="utf-8")
    make_results(run, workdir, "a", ANN, "Ann", "--targets", "t.yaml")
    result = run("profile", "a.json")
    assert result.exit_code == 0
    lines = plain(result.stdout)
    assert "Part Score Level Answered Target Gap" in lines
    assert "Users 0.5 Starting ██░░░░░░░░ 2/2 2.0 far 1.5" in lines
    assert "Skills 2.0 Established ███████░░░ 1/1 3.0 far 1.0" in lines
    assert "Data 2.3 Established ████████░░ 2/2 2.0 met" in lines
    at = lines.index("What to do next, biggest gap to target first")
    assert lines[at + 1:at + 4] == ["1. Skills: Keep training.", "2. Users: Meet some users.",
                                    "3. Data: Keep sharing."]
    recorded = read_json("a.json")["recommendations"]
    assert [(r["priority"], r["dimension"]) for r in recorded] == [(1, "skills"), (2, "users"), (3, "data")]


def test_a_dimension_without_a_target_shows_dashes(run, workdir):
    copy_banks(workdir)
    Path("t.yaml").write_text("users: 1\n", encoding="utf-8")
    make_results(run, workdir, "a", ANN, "Ann", "--targets", "t.yaml")
    lines = plain(run("profile", "a.json").stdout)
    assert "Users 0.5 Starting ██░░░░░░░░ 2/2 1.0 close 0.5" in lines
    assert "Skills 2.0 Established ███████░░░ 1/1 – –" in lines


def test_without_targets_there_are_no_target_columns(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "a", ANN, "Ann")
    lines = plain(run("profile", "a.json").stdout)
    assert "Part Score Level Answered" in lines
    assert "What to do next" in lines
