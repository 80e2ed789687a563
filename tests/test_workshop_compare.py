"""`goodlooks compare BASELINE CURRENT` (issue 6, part 5): overall and per-dimension change with
arrows and level changes, the answers that moved (biggest first), questions added and removed
between bank versions, the bank's changes named, and with targets the gap, percent to target
1 - sum(gap) / sum(target) and progress (c - b) / (t - b) on normalised scores; --format json
gives the same numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goodlooks.workshop.compare import TargetProgress
from test_workshop_support import ANN, copy_banks, make_results, plain

LATER = {"users-met": "often", "users-heard": "rarely", "skills-train": "always", "data-shared": "always",
         "data-safe": "yes"}
"""Ann a year on: users 1.5 (Developing), skills 3 and data 3 (Leading), overall 2.625."""
LATER_V2 = {"users-met": "often", "users-asked": "always", "skills-train": "always", "data-shared": "always",
            "data-safe": "yes"}


@pytest.fixture
def year(run, workdir):
    """before.json: Ann against ws.yaml; after.json: Ann later, with targets users 2, skills 3, data Leading."""
    copy_banks(workdir)
    Path("t.yaml").write_text("users: 2\nskills: 3\ndata: Leading\n", encoding="utf-8")
    make_results(run, workdir, "before", ANN, "Ann")
    make_results(run, workdir, "after", LATER, "Ann", "--targets", "t.yaml")
    return Path("before.json"), Path("after.json")


def test_the_text_shows_overall_and_each_dimension_with_arrows_and_levels(run, year):
    result = run("compare", "before.json", "after.json")
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert lines[0].startswith("What changed ─")
    assert lines[1:3] == ["From before.json to after.json", "Overall 1.69 → 2.62 ↑ +0.94 Developing → Established"]
    at = lines.index("Part Was Now Change Level")
    assert lines[at + 1:at + 4] == ["Users 0.50 1.50 ↑ +1.00 Starting → Developing",
                                    "Skills 2.00 3.00 ↑ +1.00 Established → Leading",
                                    "Data 2.25 3.00 ↑ +0.75 Established → Leading"]


def test_the_answers_that_moved_come_biggest_first(run, year):
    lines = plain(run("compare", "before.json", "after.json").stdout)
    at = lines.index("Answers that moved (3), biggest first")
    assert lines[at + 1:at + 4] == ["↑ Is data safe?: No → Yes",  # q 0 -> 1
                                    "↑ Do teams meet users?: Never → Often",  # q 0 -> 2/3
                                    "↑ Is there training?: Often → Always"]  # q 2/3 -> 1


def test_progress_to_targets(run, year):
    lines = plain(run("compare", "before.json", "after.json").stdout)
    # users: gap 2/3 - 1/2 = 1/6; percent 1 - (1/6) / (2/3 + 1 + 1) = 0.9375
    at = lines.index("Towards the targets: 94% of the way (1 − total gap ÷ total target, as shown)")
    # users: 0.5 -> 1.5 of a target of 2: (1.5 - 0.5) / (2 - 0.5) = 67%
    assert lines[at + 1:at + 4] == ["Users: 1.50, target 2.00 (0.50 to go); progress since the baseline 67%",
                                    "Skills: 3.00, target 3.00 (met); progress since the baseline 100%",
                                    "Data: 3.00, target 3.00 (met); progress since the baseline 100%"]


def test_the_same_bank_has_no_added_removed_or_changed_lines(run, year):
    text = run("compare", "before.json", "after.json").stdout
    assert "Questions added" not in text and "no longer asked" not in text and "The bank changed" not in text


def test_json_gives_the_same_numbers(run, year):
    result = run("compare", "before.json", "after.json", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["overall"] == {"id": "overall", "title": "Overall", "before": 1.6875, "after": 2.625,
                               "before_level": "Developing", "after_level": "Established", "change": 0.9375}
    assert [(d["id"], d["before"], d["after"], d["change"], d["before_level"], d["after_level"])
            for d in data["dimensions"]] == [
        ("users", 0.5, pytest.approx(1.5), pytest.approx(1.0), "Starting", "Developing"),
        ("skills", pytest.approx(2.0), 3.0, pytest.approx(1.0), "Established", "Leading"),
        ("data", 2.25, 3.0, 0.75, "Established", "Leading")]
    assert [(m["question"], m["dimension"], m["before"], m["after"], m["move"]) for m in data["moves"]] == [
        ("data-safe", "data", "No", "Yes", 1.0),
        ("users-met", "users", "Never", "Often", pytest.approx(2 / 3)),
        ("skills-train", "skills", "Often", "Always", pytest.approx(1 / 3))]
    assert [(t["dimension"], t["baseline"], t["current"], t["target"], t["gap"], t["progress"])
            for t in data["targets"]] == [
        ("users", pytest.approx(1 / 6), pytest.approx(0.5), pytest.approx(2 / 3), pytest.approx(1 / 6),
         pytest.approx(2 / 3)),
        ("skills", pytest.approx(2 / 3), 1.0, 1.0, 0.0, pytest.approx(1.0)),
        ("data", 0.75, 1.0, 1.0, 0.0, pytest.approx(1.0))]
    assert data["percent_to_target"] == pytest.approx(0.9375)
    assert (data["added"], data["removed"], data["bank_changes"]) == ([], [], [])


def test_without_targets_there_is_no_progress(run, year):
    result = run("compare", "after.json", "before.json", "--format", "json")
    data = json.loads(result.stdout)
    # the baseline (after.json here) has targets: they are used when the current file has none
    assert [t["dimension"] for t in data["targets"]] == ["users", "skills", "data"]
    make_results(run, Path.cwd(), "plain", LATER, "Ann")
    data = json.loads(run("compare", "before.json", "plain.json", "--format", "json").stdout)
    assert (data["targets"], data["percent_to_target"]) == ([], None)
    assert "Towards the targets" not in run("compare", "before.json", "plain.json").stdout


def test_going_down_has_a_down_arrow_and_a_negative_change(run, year):
    lines = plain(run("compare", "after.json", "before.json").stdout)
    assert "Overall 2.62 → 1.69 ↓ -0.94 Established → Developing" in lines
    assert "Data 3.00 2.25 ↓ -0.75 Leading → Established" in lines
    assert "↓ Is data safe?: Yes → No" in lines


def test_an_answer_that_became_dont_know_is_listed_as_moved(run, year):
    make_results(run, Path.cwd(), "unsure", {**ANN, "users-heard": "dont_know"}, "Ann")
    data = json.loads(run("compare", "before.json", "unsure.json", "--format", "json").stdout)
    assert [(m["question"], m["before"], m["after"], m["move"]) for m in data["moves"]] == [
        ("users-heard", "Rarely", "Don't know", 0.0)]
    # users now rests on users-met alone (q 0): 0.5 -> 0
    assert data["dimensions"][0]["after"] == 0.0


@pytest.mark.parametrize("baseline, current, target, progress", [
    (0.25, 0.5, 0.75, 0.5), (0.5, 0.5, 1.0, 0.0), (0.5, 0.25, 1.0, -0.5), (0.5, 1.0, 0.75, 2.0),
    (0.5, 0.75, 0.5, None),  # the target is the baseline: no progress to speak of
    (None, 0.5, 1.0, None),
])
def test_progress_to_date_formula(baseline, current, target, progress):
    found = TargetProgress("d", "D", baseline, current, target)
    assert found.progress == (None if progress is None else pytest.approx(progress))
    assert found.gap == pytest.approx(max(0.0, target - current))


# --- between bank versions ------------------------------------------------------------------------

@pytest.fixture
def versions(run, workdir):
    copy_banks(workdir)
    Path("t.yaml").write_text("users: 2\nskills: 3\ndata: Leading\n", encoding="utf-8")
    make_results(run, workdir, "v1", ANN, "Ann")
    make_results(run, workdir, "v2", LATER_V2, "Ann", "--targets", "t.yaml", bank="ws-2.yaml")


def test_questions_added_and_removed_are_listed_and_the_bank_change_named(run, versions):
    result = run("compare", "v1.json", "v2.json")
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert "Questions added since the baseline (1): users-asked" in lines
    assert "Questions no longer asked (1): users-heard" in lines
    at = next(n for n, line in enumerate(lines) if line.startswith("The bank changed between the two ("))
    assert "- the bank's version changed: '1' -> '2'" in lines[at:]
    assert "- option 'data-safe/part' added: 'Partly'" in lines[at:]
    # users: 1/6 -> (2/3 + 1) / 2 = 5/6 -> 2.5
    assert "Users 0.50 2.50 ↑ +2.00 Starting → Established" in lines


def test_moves_only_cover_questions_in_both_versions(run, versions):
    data = json.loads(run("compare", "v1.json", "v2.json", "--format", "json").stdout)
    assert [m["question"] for m in data["moves"]] == ["data-safe", "users-met", "skills-train"]
    assert (data["added"], data["removed"]) == (["users-asked"], ["users-heard"])
    assert "the bank's version changed: '1' -> '2'" in data["bank_changes"]
    assert data["overall"]["after"] == pytest.approx(2.875)  # (5/6 + 2 + 1) / 4 = 0.9583
    assert data["percent_to_target"] == 1.0  # every target met
    assert data["targets"][0]["progress"] == pytest.approx(4 / 3)  # (5/6 - 1/6) / (2/3 - 1/6)


def test_added_and_removed_questions_are_not_also_listed_as_bank_changes(run, versions):
    """compare lists them under their own headings; the bank's changes should not repeat them."""
    data = json.loads(run("compare", "v1.json", "v2.json", "--format", "json").stdout)
    assert [c for c in data["bank_changes"] if "users-heard" in c or "users-asked" in c] == []


# --- mistakes ---------------------------------------------------------------------------------------

def test_results_of_different_banks_are_refused_with_exit_4(run, workdir, year):
    Path("other.yaml").write_text(Path("ws.yaml").read_text().replace("id: ws\n", "id: other\n"))
    make_results(run, workdir, "o", ANN, bank="other.yaml")
    result = run("compare", "before.json", "o.json")
    assert (result.exit_code, result.stderr) == (
        4, "before.json answers bank 'ws' and o.json answers 'other'; compare results of the same bank\n")


def test_an_unknown_format_is_a_usage_error(run, year):
    result = run("compare", "before.json", "after.json", "--format", "xml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "'xml' is not one of 'text', 'json'" in " ".join(result.stderr.replace("│", " ").split())


def test_a_damaged_file_is_exit_4_naming_it(run, year):
    Path("broken.json").write_text('{"bank": 1, "answers": {}}', encoding="utf-8")
    result = run("compare", "before.json", "broken.json")
    assert (result.exit_code, result.stderr) == (
        4, "broken.json: this results file is damaged (edited by hand, or by another program): bank: should "
           "be the bank the answers were given on, not a number. Get it again from whoever sent it, or from "
           "your backup\n")
