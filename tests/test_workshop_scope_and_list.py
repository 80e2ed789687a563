"""Shorter sessions and coming back (issue 6, part 6): `assess --only ID_OR_TAG ...` asks a subset
and the scores cover only that, the profile saying so; `goodlooks list [FOLDER]` shows results
files with bank, who, status and progress, a damaged file listed rather than fatal."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from goodlooks.base.errors import UsageError
from goodlooks.workshop.listing import list_results
from goodlooks.workshop.scope import in_scope, scope_tokens, scoped
from test_workshop_support import ANN, BOB, bank_v1, copy_banks, make_results, plain, read_json, scores_of

# --- which questions a token names ----------------------------------------------------------------

def test_scope_tokens_split_commas_keep_order_and_drop_repeats():
    assert scope_tokens(["users, board", "data-safe,,users", " skills "]) == ["users", "board", "data-safe",
                                                                             "skills"]
    assert scope_tokens(None) == [] and scope_tokens([]) == []


@pytest.mark.parametrize("tokens, questions", [
    (["users"], {"users-met", "users-heard"}),  # a dimension
    (["people"], {"users-met", "users-heard", "skills-train"}),  # a group
    (["board"], {"users-met", "skills-train"}),  # a tag
    (["data-safe"], {"data-safe"}),  # a question
    (["board", "data"], {"users-met", "skills-train", "data-shared", "data-safe"}),
])
def test_in_scope(tokens, questions):
    assert in_scope(bank_v1(), tokens) == questions


def test_scoped_bank_keeps_only_the_named_questions_in_bank_order():
    cut = scoped(bank_v1(), ["data-safe", "board"])
    assert [(d.id, [q.id for q in d.questions]) for d in cut.dimensions] == [
        ("users", ["users-met"]), ("skills", ["skills-train"]), ("data", ["data-safe"])]
    assert scoped(bank_v1(), []) is bank_v1()


def test_unknown_tokens_are_all_named():
    with pytest.raises(UsageError) as error:
        in_scope(bank_v1(), ["nope", "users", "zip"])
    assert str(error.value) == ("--only: nothing in bank 'ws' is called 'nope', 'zip'; give dimension, group "
                                "or question ids or tags (see: goodlooks questions); its tags: board")
    assert error.value.exit_code == 2


# --- assess --only ------------------------------------------------------------------------------

def test_only_board_scores_only_what_was_asked(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "s", ANN, "Ann", "--only", "board")
    data = read_json("s.json")
    assert (data["scope"], data["status"]) == (["board"], "complete")
    assert sorted(data["answers"]) == ["skills-train", "users-met"]  # the other answers are not asked
    # users-met never (0), skills-train often (2/3, weight 2): (0 + 4/3) / 3 = 4/9 -> 1.333
    scores = scores_of(data)
    assert scores["overall"] == (pytest.approx(4 / 3), "Developing")
    assert (scores["users"], scores["skills"]) == ((0.0, "Starting"), (pytest.approx(2.0), "Established"))
    assert "data" not in scores
    assert scores["group:people"] == (pytest.approx(4 / 3), "Developing")
    assert data["scores"]["dimensions"]["users"]["total"] == 1


def test_the_profile_says_what_it_covers(run, workdir):
    copy_banks(workdir)
    result = run("assess", "--bank", "ws.yaml", "--answers", _answers(workdir), "-o", "s.json",
                 "--only", "users", "--only", "data-safe")
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert lines[1].endswith("· 3 of 3 questions answered")
    assert lines[2] == "Covers 3 of 5 questions: only users, data-safe. Scores cover what was asked."
    assert "Users 0.5 Starting ██░░░░░░░░ 2/2" in lines
    assert "Data 0.0 Starting ░░░░░░░░░░ 1/1" in lines
    assert "Skills" not in result.stdout
    again = plain(run("profile", "s.json").stdout)
    assert again[2] == lines[2]


def test_an_unknown_only_token_is_exit_2_and_writes_nothing(run, workdir):
    copy_banks(workdir)
    result = run("assess", "--bank", "ws.yaml", "--answers", _answers(workdir), "-o", "s.json",
                 "--only", "nope,users", "--only", "zip")
    assert result.exit_code == 2
    assert result.stderr == ("--only: nothing in bank 'ws' is called 'nope', 'zip'; give dimension, group or "
                             "question ids or tags (see: goodlooks questions); its tags: board\n")
    assert not Path("s.json").exists()


def test_without_only_there_is_no_scope_line(run, workdir):
    copy_banks(workdir)
    result = run("assess", "--bank", "ws.yaml", "--answers", _answers(workdir), "-o", "s.json")
    assert "Covers" not in result.stdout
    assert read_json("s.json")["scope"] == []


def test_combining_scoped_files_keeps_the_scope(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "a", ANN, "Ann", "--only", "board")
    make_results(run, workdir, "b", BOB, "Bob", "--only", "board")
    result = run("combine", "a.json", "b.json", "-o", "c.json")
    assert result.exit_code == 0, result.stderr
    data = read_json("c.json")
    assert (data["scope"], data["status"], sorted(data["answers"])) == (["board"], "complete",
                                                                       ["skills-train", "users-met"])
    # users-met: never 0, always 1 -> 0.5 -> 1.5; skills-train: Ann 2/3 (Bob n/a) -> 2; overall (0.5 + 4/3) / 3
    assert scores_of(data)["overall"] == (pytest.approx(1.8333333), "Developing")
    assert "Covers 2 of 5 questions: only board. Scores cover what was asked." in plain(result.stdout)


def _answers(workdir: Path) -> str:
    (workdir / "ann.yaml").write_text(json.dumps({"respondent": "Ann", "answers": ANN}), encoding="utf-8")
    return "ann.yaml"


# --- goodlooks list -----------------------------------------------------------------------------

def _stamp(path: str, when: str) -> None:
    """Set a results file's update time, so the newest-first order is known."""
    data = read_json(path)
    data["updated_at"] = when
    Path(path).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def folder(run, workdir):
    """results/: ann (complete, 10:00), pat (2 of 5, 11:00), board (combined, 12:00), a scoped
    sam (1 of 2, 09:00), and a damaged file."""
    copy_banks(workdir)
    make_results(run, workdir, "ann", ANN, "Ann")
    make_results(run, workdir, "pat", {"users-met": "often", "data-safe": "yes"}, "Pat")
    make_results(run, workdir, "bob", BOB)
    assert run("combine", "ann.json", "bob.json", "-o", "board.json").exit_code == 0
    make_results(run, workdir, "sam", {"users-met": "often"}, "Sam", "--only", "board")
    results = workdir / "results"
    results.mkdir()
    for name, when in (("ann", "10:00"), ("pat", "11:00"), ("board", "12:00"), ("sam", "09:00")):
        _stamp(f"{name}.json", f"2026-03-02T{when}:00+00:00")
        shutil.move(f"{name}.json", results / f"{name}.json")
    (results / "broken.json").write_text("{", encoding="utf-8")
    (results / "notes.txt").write_text("not listed", encoding="utf-8")
    return results


def test_list_shows_bank_who_status_and_progress_newest_first(run, folder):
    result = run("list", "results")
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert lines[0] == "Bank: ws 1"
    assert lines[1] == "File Who Status Answered Updated"
    rows = [line.rsplit(" ", 4)[0] for line in lines[2:6]]  # the update time shown is local, so cut off
    assert rows == ["board.json 2 people (combined) complete 5/5", "pat.json Pat in progress 2/5",
                    "ann.json Ann complete 5/5", "sam.json Sam in progress 1/2"]
    assert lines[6].startswith("broken.json cannot read:")


def test_a_damaged_file_is_listed_with_the_reason_and_is_not_fatal(folder):
    entries = list_results(folder)
    assert [e.path.name for e in entries] == ["board.json", "pat.json", "ann.json", "sam.json", "broken.json"]
    broken = entries[-1]
    assert (broken.results, broken.progress) == (None, (0, 0))
    assert broken.problem.startswith("the file ends in the middle of its data, so it was cut short")
    assert [e.progress for e in entries[:4]] == [(5, 5), (2, 5), (5, 5), (1, 2)]


def test_several_banks_get_a_bank_column(run, workdir, folder):
    make_results(run, workdir, "v2", {"users-met": "never"}, "Vic", bank="ws-2.yaml")
    _stamp("v2.json", "2026-03-02T13:00:00+00:00")
    shutil.move("v2.json", folder / "v2.json")
    lines = plain(run("list", "results").stdout)
    assert lines[0] == "File Bank Who Status Answered Updated"
    assert lines[1].startswith("v2.json ws 2 Vic in progress 1/5 ")
    assert lines[2].startswith("board.json ws 1 2 people (combined) complete 5/5 ")


def test_an_empty_folder_says_how_to_start(run, workdir):
    (workdir / "empty").mkdir()
    (workdir / "empty" / "notes.txt").write_text("x")
    result = run("list", "empty")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", "No results files in empty. Start one with: goodlooks assess\n")


def test_a_folder_that_is_not_there_is_a_usage_error(run, workdir):
    result = run("list", "nowhere")
    assert (result.exit_code, result.stderr) == (
        2, "nowhere does not exist; give the folder that holds the results files\n")
    Path("file.json").write_text("{}")
    result = run("list", "file.json")
    assert (result.exit_code, result.stderr) == (
        2, "file.json is not a folder; give the folder that holds the results files\n")


def test_list_defaults_to_here_and_the_folders_here(run, workdir):
    """goodlooks-results/ and the README recipe's answers/ alike (issue 17: it looked only in the first)."""
    copy_banks(workdir)
    (workdir / "goodlooks-results").mkdir()
    (workdir / "answers").mkdir()
    make_results(run, workdir, "ann", ANN, "Ann")
    make_results(run, workdir, "bob", BOB, "Bob")
    _stamp("bob.json", "2026-03-02T10:00:00+00:00")
    shutil.move("ann.json", workdir / "goodlooks-results" / "ann.json")
    shutil.move("bob.json", workdir / "answers" / "bob.json")
    (workdir / "package.json").write_text("{}")
    result = run("list")
    lines = plain(result.stdout)
    assert lines[:2] == ["Bank: ws 1", "File Who Status Answered Updated"]
    assert lines[2].startswith("goodlooks-results/ann.json Ann complete 5/5 ")
    assert lines[3].startswith("answers/bob.json Bob complete 5/5 ")
    assert result.stderr == ("1 other .json file here could not be read as results; to see why: goodlooks list "
                             "FOLDER\n")


def test_at_80_columns_a_default_file_name_folds_so_who_and_when_stay_whole(run, workdir, folder):
    """Default names are 40 characters; the list used to drop the Who column and cut the time."""
    make_results(run, workdir, "long", ANN, "Finance director")
    _stamp("long.json", "2026-03-03T13:00:00+00:00")
    shutil.move("long.json", folder / "what-good-looks-like-20260303-130000.json")
    result = run("list", "results")  # COLUMNS=80, as every CLI test runs
    row = next(line for line in result.stdout.splitlines() if line.startswith("what-good-looks-li"))
    assert "Finance director" in row and "complete" in row
    assert re.search(r"03 Mar 26 \d\d:\d\d$", row.rstrip())
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 80
