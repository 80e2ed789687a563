"""`goodlooks combine` (issue 6, part 2): each question's score is the mean of the respondents' q
with not applicable and don't know left out; one bank and version; in-progress files left out
unless --include-incomplete; the same response counted once; no combined file as input; folders
mean every *.json; --output never overwritten without --force."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.workshop.combine import combine, results_files
from test_workshop_support import ANN, BOB, copy_banks, make_results, plain, read_json, scores_of

CAROL = {"users-met": "often", "users-heard": "dont_know", "skills-train": "not_applicable",
         "data-shared": "never", "data-safe": "no"}


@pytest.fixture
def people(run, workdir):
    """a.json (Ann) and b.json (Bob), both complete, against ws.yaml version 1."""
    copy_banks(workdir)
    return make_results(run, workdir, "a", ANN, "Ann"), make_results(run, workdir, "b", BOB, "Bob")


# --- the numbers ---------------------------------------------------------------------------------

def test_each_question_is_the_mean_of_the_respondents_q(run, people):
    result = run("combine", "a.json", "b.json", "--output", "c.json")
    assert result.exit_code == 0, result.stderr
    data = read_json("c.json")
    answers = {qid: (a["status"], a["option"], a["normalised"], a["score"], a["label"])
               for qid, a in data["answers"].items()}
    assert answers == {
        "users-met": ("answered", None, 0.5, 1.5, "Combined: 2 answers"),  # never 0, always 1
        "users-heard": ("answered", None, pytest.approx(1 / 3), pytest.approx(1.0), "Combined: 2 answers"),
        "skills-train": ("answered", None, pytest.approx(2 / 3), pytest.approx(2.0), "Combined: 1 answer"),
        "data-shared": ("answered", None, pytest.approx(5 / 6), pytest.approx(2.5), "Combined: 2 answers"),
        "data-safe": ("answered", None, 0.5, 1.5, "Combined: 2 answers"),
    }


def test_dimensions_groups_and_overall_aggregate_as_for_one_response(run, people):
    run("combine", "a.json", "b.json", "--output", "c.json")
    # users (0.5 + 1/3) / 2 = 5/12 -> 1.25; skills 2/3 -> 2; data (3 x 5/6 + 0.5) / 4 = 0.75 -> 2.25;
    # people (5/12 + 2 x 2/3) / 3 = 7/12 -> 1.75; overall (5/12 + 4/3 + 3/4) / 4 = 0.625 -> 1.875
    assert scores_of(read_json("c.json")) == {
        "overall": (pytest.approx(1.875), "Developing"),
        "group:people": (pytest.approx(1.75), "Developing"), "group:tech": (pytest.approx(2.25), "Established"),
        "users": (pytest.approx(1.25), "Developing"), "skills": (pytest.approx(2.0), "Established"),
        "data": (pytest.approx(2.25), "Established")}


def test_the_combined_file_records_its_kind_respondents_and_sources(run, people):
    run("combine", "a.json", "b.json", "--output", "c.json")
    data = read_json("c.json")
    assert (data["kind"], data["status"], data["respondents"], data["respondent"]) == \
        ("combined", "complete", 2, None)
    assert data["sources"] == [read_json("a.json")["response_id"], read_json("b.json")["response_id"]]
    assert data["bank"]["id"] == "ws" and data["bank"]["version"] == "1"
    assert data["completed_at"] is not None


def test_each_question_keeps_its_distribution_and_spread(run, people):
    run("combine", "a.json", "b.json", "--output", "c.json")
    found = {qid: (d["source"], {k: v for k, v in d["counts"].items() if v}, d["spread"], d["discuss"])
             for qid, d in read_json("c.json")["distributions"].items()}
    assert found == {
        "users-met": ("combined", {"never": 1, "always": 1}, 3, True),
        "users-heard": ("combined", {"rarely": 2}, 0, False),
        "skills-train": ("combined", {"often": 1, "not_applicable": 1}, 0, False),
        "data-shared": ("combined", {"often": 1, "always": 1}, 1, False),
        "data-safe": ("combined", {"no": 1, "yes": 1}, 1, False),
    }


def test_notes_travel_as_voices_with_names(run, workdir, people):
    (workdir / "n.yaml").write_text("respondent: Chief nurse\nanswers:\n  users-met: {option: often, note: "
                                    "Two teams do}\n  users-heard: rarely\n  skills-train: often\n"
                                    "  data-shared: often\n  data-safe: 'no'\n", encoding="utf-8")
    assert run("assess", "--bank", "ws.yaml", "--answers", "n.yaml", "-o", "n.json").exit_code == 0
    run("combine", "a.json", "n.json", "--output", "c.json")
    voices = read_json("c.json")["distributions"]["users-met"]["voices"]
    assert voices == [{"respondent": "Ann", "answer": "never", "label": "Never", "note": None},
                      {"respondent": "Chief nurse", "answer": "often", "label": "Often", "note": "Two teams do"}]


def test_the_command_says_what_it_did_and_shows_where_the_board_disagrees(run, people):
    result = run("combine", "a.json", "b.json", "--output", "c.json")
    lines = plain(result.stdout)
    assert lines[1].startswith("Combined answers of 2 people · completed ")
    assert "Overall 1.9 on 0 to 3 Developing ████████████░░░░░░░░" in lines
    at = lines.index("Where the board disagrees")
    assert lines[at + 1:at + 3] == ["Do teams meet users? (2 answers · spread 3 · the board disagrees:",
                                    "discuss)"]
    assert "Combined 2 results files" not in result.stdout  # data on standard output, messages on error
    assert result.stderr == ("\nCombined 2 results files into c.json; 1 question to discuss.\n"
                             "To agree the board's answers, widest spread first: goodlooks assess --consensus c.json\n")


def test_profile_reads_the_combined_file_unchanged(run, people):
    run("combine", "a.json", "b.json", "--output", "c.json")
    result = run("profile", "c.json")
    assert result.exit_code == 0
    lines = plain(result.stdout)
    assert lines[1].startswith("Combined answers of 2 people · completed ")
    assert "Overall 1.9 on 0 to 3 Developing ████████████░░░░░░░░" in lines
    assert "Users 1.3 Developing ████░░░░░░ 2/2" in lines


# --- not applicable and don't know ----------------------------------------------------------------

def test_not_applicable_and_dont_know_are_left_out_of_the_mean(run, workdir, people):
    make_results(run, workdir, "c", CAROL, "Carol")
    run("combine", "a.json", "b.json", "c.json", "--output", "all.json")
    answers = read_json("all.json")["answers"]
    # users-heard: Ann rarely, Bob rarely, Carol don't know -> 1/3 from two answers
    assert (answers["users-heard"]["normalised"], answers["users-heard"]["label"]) == \
        (pytest.approx(1 / 3), "Combined: 2 answers")
    # skills-train: Ann often, Bob and Carol not applicable -> Ann's 2/3 alone
    assert (answers["skills-train"]["normalised"], answers["skills-train"]["label"]) == \
        (pytest.approx(2 / 3), "Combined: 1 answer")
    # users-met: never 0, always 1, often 2/3 -> 5/9
    assert answers["users-met"]["normalised"] == pytest.approx(5 / 9)


@pytest.mark.parametrize("statuses, expected", [
    (("not_applicable", "not_applicable", "dont_know"), ("not_applicable", "Not applicable")),
    (("dont_know", "dont_know", "not_applicable"), ("dont_know", "Don't know")),
    (("dont_know", "dont_know", "dont_know"), ("dont_know", "Don't know")),
])
def test_a_question_nobody_answered_takes_the_more_common_of_the_two(run, workdir, statuses, expected):
    copy_banks(workdir)
    files = [make_results(run, workdir, f"p{n}", {**ANN, "skills-train": status}, f"Person {n}")
             for n, status in enumerate(statuses)]
    assert run("combine", *map(str, files), "--output", "c.json").exit_code == 0
    data = read_json("c.json")
    answer = data["answers"]["skills-train"]
    assert (answer["status"], answer["label"], answer["option"], answer["normalised"]) == (*expected, None, None)
    assert data["scores"]["dimensions"]["skills"] == {
        "score": None, "level": None, "title": "Skills", "answered": 0, "total": 1,
        "not_applicable": int(expected[0] == "not_applicable"), "dont_know": int(expected[0] == "dont_know")}
    assert data["distributions"]["skills-train"]["spread"] is None
    # the other dimensions still score: users 0.5, data 2.25 -> overall (1/6 + 3/4) / 2 = 0.4583 -> 1.375
    assert data["scores"]["overall"]["score"] == pytest.approx(1.375)


# --- one bank, one version ----------------------------------------------------------------------

def test_a_file_of_another_bank_version_is_named_and_exit_4(run, workdir, people):
    v2_answers = {k: v for k, v in ANN.items() if k != "users-heard"} | {"users-asked": "often"}
    make_results(run, workdir, "v2", v2_answers, "Ann", bank="ws-2.yaml")
    result = run("combine", "a.json", "b.json", "v2.json", "--output", "c.json")
    assert result.exit_code == 4
    assert result.stderr == ("these files answer a different bank from the rest ('ws' version 1): v2.json "
                             "(ws version 2). Combine answers to one bank and version at a time.\n")
    assert not Path("c.json").exists()


def test_every_odd_file_is_named(run, workdir, people):
    (workdir / "other.yaml").write_text(Path("ws.yaml").read_text().replace("id: ws\n", "id: other\n"))
    make_results(run, workdir, "o1", ANN, bank="other.yaml")
    make_results(run, workdir, "o2", BOB, bank="other.yaml")
    make_results(run, workdir, "a2", ANN)
    result = run("combine", "o1.json", "a.json", "b.json", "o2.json", "a2.json", "--output", "c.json")
    assert result.exit_code == 4
    assert result.stderr == ("these files answer a different bank from the rest ('ws' version 1): o1.json "
                             "(other version 1); o2.json (other version 1). Combine answers to one bank and "
                             "version at a time.\n")


# --- files still in progress ----------------------------------------------------------------------

def test_a_file_in_progress_is_left_out_with_a_warning(run, workdir, people):
    make_results(run, workdir, "p", {"users-met": "always"}, "Pat")
    assert read_json("p.json")["status"] == "in_progress"
    result = run("combine", "a.json", "p.json", "b.json", "--output", "c.json")
    assert result.exit_code == 0
    assert result.stderr.startswith("Left out p.json: still in progress (finish it, or add --include-incomplete)\n")
    data = read_json("c.json")
    assert (data["respondents"], data["status"]) == (2, "complete")
    assert data["distributions"]["users-met"]["counts"]["always"] == 1
    assert "Combined 2 results files into c.json; 1 question to discuss." in result.stderr


def test_include_incomplete_counts_it_and_the_combined_file_is_in_progress(run, workdir, people):
    make_results(run, workdir, "p", {"users-met": "always"}, "Pat")
    result = run("combine", "a.json", "p.json", "b.json", "--output", "c.json", "--include-incomplete")
    assert result.exit_code == 0
    assert "Left out" not in result.stderr
    data = read_json("c.json")
    assert (data["respondents"], data["status"], data["completed_at"]) == (3, "in_progress", None)
    assert data["distributions"]["users-met"]["counts"]["always"] == 2
    assert data["answers"]["users-met"]["normalised"] == pytest.approx(2 / 3)  # 0, 1, 1
    assert data["answers"]["users-heard"]["label"] == "Combined: 2 answers"  # Pat did not answer it
    assert "Combined 3 results files into c.json; 1 question to discuss." in result.stderr


def test_nothing_but_files_in_progress_is_an_error(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "p", {"users-met": "always"})
    make_results(run, workdir, "q", {"users-met": "never"})
    result = run("combine", "p.json", "q.json", "--output", "c.json")
    assert result.exit_code == 4
    assert result.stderr == ("nothing to combine: 2 files still in progress; finish them, or add "
                             "--include-incomplete\n")
    assert not Path("c.json").exists()


# --- the same response twice ----------------------------------------------------------------------

def test_the_same_response_with_the_same_content_counts_once(run, people):
    shutil.copy("a.json", "a-copy.json")
    result = run("combine", "a.json", "b.json", "a-copy.json", "--output", "c.json")
    assert result.exit_code == 0
    assert result.stderr.startswith("Counted once: a-copy.json is the same response as a.json\n")
    data = read_json("c.json")
    assert data["respondents"] == 2
    assert data["distributions"]["users-met"]["counts"] == {
        "never": 1, "rarely": 0, "often": 0, "always": 1, "not_applicable": 0, "dont_know": 0}
    assert scores_of(data)["overall"] == (pytest.approx(1.875), "Developing")


def test_the_same_response_with_different_answers_names_both_files(run, people):
    data = read_json("a.json")
    data["answers"]["users-met"].update(option="often", score=2.0, label="Often")
    Path("a-edited.json").write_text(json.dumps(data), encoding="utf-8")
    result = run("combine", "a.json", "b.json", "a-edited.json", "--output", "c.json")
    assert result.exit_code == 4
    assert result.stderr == (f"a.json and a-edited.json hold the same response ({data['response_id']}) with "
                             "different answers; keep the newer one and combine again\n")
    assert not Path("c.json").exists()


# --- what may be combined -------------------------------------------------------------------------

def test_a_combined_file_is_refused_as_input(run, people):
    run("combine", "a.json", "b.json", "--output", "c.json")
    result = run("combine", "a.json", "c.json", "--output", "d.json")
    assert result.exit_code == 4
    assert result.stderr == ("combine takes each member's own answers only, and this is not: c.json (a combined "
                             "file). Leave it out (move it to another folder, or name the files to combine), so "
                             "nobody is counted twice.\n")
    assert not Path("d.json").exists()


def test_a_folder_means_every_json_directly_in_it_in_name_order(run, workdir, people):
    folder = workdir / "answers"
    (folder / "deeper").mkdir(parents=True)
    shutil.move("b.json", folder / "1-bob.json")
    shutil.move("a.json", folder / "2-ann.json")
    (folder / "notes.txt").write_text("not results")
    (folder / "answers.yaml").write_text("answers: {}\n")
    make_results(run, workdir, "c", CAROL, "Carol")
    shutil.move("c.json", folder / "deeper" / "carol.json")
    assert [p.name for p in results_files([Path("answers")])] == ["1-bob.json", "2-ann.json"]
    result = run("combine", "answers", "--output", "c.json")
    assert result.exit_code == 0, result.stderr
    data = read_json("c.json")
    assert data["respondents"] == 2
    assert data["sources"] == [read_json(folder / "1-bob.json")["response_id"],
                               read_json(folder / "2-ann.json")["response_id"]]


def test_an_empty_folder_and_a_missing_file_are_usage_errors(run, workdir, people):
    (workdir / "empty").mkdir()
    (workdir / "empty" / "readme.txt").write_text("x")
    result = run("combine", "empty", "--output", "c.json")
    assert (result.exit_code, result.stderr) == (2, "no results files (*.json) in empty\n")
    result = run("combine", "a.json", "nope.json", "--output", "c.json")
    assert (result.exit_code, result.stderr) == (
        2, "nope.json does not exist; give results files or folders of them\n")
    assert not Path("c.json").exists()


def test_a_damaged_input_is_exit_4_naming_it(run, workdir, people):
    Path("broken.json").write_text("{", encoding="utf-8")
    result = run("combine", "a.json", "broken.json", "--output", "c.json")
    assert result.exit_code == 4
    assert result.stderr == ("broken.json:1:2: the file ends in the middle of its data, so it was cut short or "
                             "damaged in copying (a partial download or a full disk does this); get the file "
                             "again from whoever sent it, or from your backup\n")
    assert not Path("c.json").exists()


def test_output_is_never_overwritten_without_force(run, people):
    Path("c.json").write_text("keep me", encoding="utf-8")
    result = run("combine", "a.json", "b.json", "--output", "c.json")
    assert result.exit_code == 2
    assert result.stderr == "c.json already exists; choose another --output, or add --force to overwrite it\n"
    assert Path("c.json").read_text(encoding="utf-8") == "keep me"
    result = run("combine", "a.json", "b.json", "--output", "c.json", "--force")
    assert result.exit_code == 0
    assert read_json("c.json")["kind"] == "combined"


def test_the_overwrite_advice_does_not_offer_to_resume_a_combined_file(run, people):
    """`assess --resume` refuses a combined file, so the advice must not suggest it."""
    run("combine", "a.json", "b.json", "--output", "c.json")
    result = run("combine", "a.json", "b.json", "--output", "c.json")
    assert result.exit_code == 2
    assert "--resume" not in result.stderr, result.stderr
    assert run("assess", "--resume", "c.json").exit_code == 2  # what the advice would lead to


def test_force_never_overwrites_one_of_the_inputs(run, people):
    """--force allows replacing an old output, but an input is someone's own answers: writing the
    combined file over it loses them (house rule: never lose data)."""
    before = Path("a.json").read_bytes()
    result = run("combine", "a.json", "b.json", "--output", "a.json", "--force")
    assert Path("a.json").read_bytes() == before, "a.json, Ann's own answers, was overwritten"
    assert result.exit_code == 2


def test_the_output_option_is_required(run, people):
    result = run("combine", "a.json", "b.json")
    assert result.exit_code == 2
    assert "Missing option '--output'" in result.stderr


# --- targets carried ------------------------------------------------------------------------------

def test_targets_are_carried_as_the_mean_of_the_respondents(run, workdir):
    copy_banks(workdir)
    (workdir / "t1.yaml").write_text("users: 2\nskills: Leading\n")
    (workdir / "t2.yaml").write_text("users: Leading\n")
    make_results(run, workdir, "a", ANN, "Ann", "--targets", "t1.yaml")
    make_results(run, workdir, "b", BOB, "Bob", "--targets", "t2.yaml")
    assert run("combine", "a.json", "b.json", "-o", "c.json").exit_code == 0
    assert read_json("c.json")["targets"] == {"users": 2.5, "skills": 3.0}


# --- the library, directly ------------------------------------------------------------------------

def test_the_library_reports_what_it_used_left_out_and_counted_once(run, workdir, people):
    make_results(run, workdir, "p", {"users-met": "always"})
    shutil.copy("a.json", "a-copy.json")
    report = combine([Path("a.json"), Path("p.json"), Path("a-copy.json"), Path("b.json")])
    assert report.used == [Path("a.json"), Path("b.json")]
    assert report.left_out == [Path("p.json")]
    assert [(d.replaced, d.kept, d.reason) for d in report.repeated] == [
        (Path("a-copy.json"), Path("a.json"), "the same response")]
    assert report.results.respondents == 2
    with pytest.raises(UsageError):
        combine([Path("missing.json")])
    with pytest.raises(ResultsError):
        combine([Path("p.json")])


def test_a_folder_holding_an_earlier_combined_file_combines_again(run, people, tmp_path):
    import shutil

    folder = Path("board")
    folder.mkdir()
    for name in ("a.json", "b.json"):
        shutil.copy(name, folder / name)
    assert run("combine", "board", "--output", "board/c.json").exit_code == 0
    again = run("combine", "board", "--output", "board/c.json", "--force")
    assert again.exit_code == 0, again.stderr
    assert read_json("board/c.json")["respondents"] == 2


# --- streaming -----------------------------------------------------------------------------------

def test_combining_keeps_no_file_it_has_counted(run, workdir, people, monkeypatch):
    """Memory must not grow with the files: while a file is read, of the files read before only
    the first (whose bank record the combined file copies) and the one just counted are held."""
    import gc
    import weakref

    from goodlooks.results import store

    for number in range(4):
        shutil.copy("a.json", f"copy{number}.json")
        data = read_json(f"copy{number}.json")
        data["response_id"] = f"00000000-0000-4000-8000-00000000000{number}"
        data["respondent"] = f"Ann's colleague {number}"  # another person: not counted once
        Path(f"copy{number}.json").write_text(json.dumps(data))
    read, alive_at_each_read = [], []
    load = store.load_results

    def counting(path):
        gc.collect()
        alive_at_each_read.append(sum(1 for ref in read if ref() is not None))
        results = load(path)
        read.append(weakref.ref(results))
        return results

    monkeypatch.setattr(store, "load_results", counting)
    combined = combine([Path("a.json"), Path("b.json"), *(Path(f"copy{n}.json") for n in range(4))])
    assert combined.results.respondents == 6
    assert alive_at_each_read == [0, 1, 2, 2, 2, 2]
