"""The interview loop, driven by a scripted UI: order, going back, review, notes, saving."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import TINY_BANK
from goodlooks.assessment import resume, start
from goodlooks.interview.engine import BACK, Interview
from goodlooks.results import store
from scripted_ui import ScriptedUI, interrupt

THREE_DIMENSIONS = TINY_BANK + """\
  - id: teams
    title: Teams
    questions:
      - {id: teams-mixed, text: Are teams mixed?, scale: three}
      - {id: teams-stable, text: Are teams stable?, scale: three}
"""


@pytest.fixture
def bank_file(write):
    return write(THREE_DIMENSIONS)


def _interview(bank_file, ui, output="r.json", save=store.save):
    session = start(str(bank_file), Path(output), None, False)
    return session, Interview(session.bank, session.results, session.path, ui, save=save)


def _saved(workdir, name="r.json"):
    return json.loads((workdir / name).read_text())


def test_questions_are_asked_in_order_with_progress_and_parts(bank_file, workdir):
    ui = ScriptedUI(["b", "y", "c", "a"], notes=["", "We checked", "", ""])
    _, interview = _interview(bank_file, ui)
    results = interview.run()
    assert [(v.number, v.total, v.question.id) for v in ui.asked] == [
        (1, 4, "users-met"), (2, 4, "users-heard"), (3, 4, "teams-mixed"), (4, 4, "teams-stable")]
    assert ui.dimensions == ["users", "teams"]
    assert [v.back for v in ui.asked] == [None, "previous", "previous", "previous"]
    assert results.status == "complete" and results.completed_at is not None
    saved = _saved(workdir)
    assert saved["status"] == "complete"
    assert {k: (a["option"], a["note"]) for k, a in saved["answers"].items()} == {
        "users-met": ("b", None), "users-heard": ("y", "We checked"), "teams-mixed": ("c", None),
        "teams-stable": ("a", None)}


def test_enter_everywhere_gives_real_answers_and_finishes(bank_file, workdir):
    ui = ScriptedUI([])
    _, interview = _interview(bank_file, ui)
    results = interview.run()
    assert {k: a.option for k, a in results.answers.items()} == {
        "users-met": "a", "users-heard": "n", "teams-mixed": "a", "teams-stable": "a"}
    assert results.status == "complete"


def test_back_returns_to_the_previous_question_and_keeps_its_answer_as_default(bank_file, workdir):
    ui = ScriptedUI(["c", BACK, "b", "y", "a", "a"], notes=["first", "changed", "", "", ""])
    _, interview = _interview(bank_file, ui)
    results = interview.run()
    asked = [(v.question.id, v.current, v.note) for v in ui.asked]
    assert asked[:3] == [("users-met", None, None), ("users-heard", None, None), ("users-met", "c", "first")]
    assert results.answers["users-met"].option == "b"
    assert results.answers["users-met"].note == "changed"
    assert ui.dimensions == ["users", "teams"]


def test_back_across_a_part_shows_that_part_again(bank_file, workdir):
    ui = ScriptedUI(["a", "n", BACK, "y", "a", "a"])
    _, interview = _interview(bank_file, ui)
    interview.run()
    assert ui.dimensions == ["users", "teams", "users", "teams"]


def test_not_applicable_and_dont_know_are_saved_as_statuses(bank_file, workdir):
    ui = ScriptedUI(["not_applicable", "dont_know", "a", "c"])
    _, interview = _interview(bank_file, ui)
    interview.run()
    answers = _saved(workdir)["answers"]
    assert answers["users-met"] | {"answered_at": None} == {
        "option": None, "status": "not_applicable", "score": None, "normalised": None, "note": None,
        "evidence": None, "question": "Do teams meet users?", "label": "Not applicable", "dimension": "users",
        "answered_at": None}
    assert (answers["users-heard"]["status"], answers["users-heard"]["label"]) == ("dont_know", "Don't know")


def test_the_review_shows_every_answer_and_lets_one_be_changed(bank_file, workdir):
    ui = ScriptedUI(["a", "y", "a", "a", "c"], notes=["", "", "", "", "on reflection"],
                    reviews=["teams-mixed", None])
    _, interview = _interview(bank_file, ui)
    results = interview.run()
    first_review = ui.review_rows[0]
    assert [(r.number, r.question.id, r.answer) for r in first_review] == [
        (1, "users-met", "Rarely"), (2, "users-heard", "Yes"), (3, "teams-mixed", "Rarely"),
        (4, "teams-stable", "Rarely")]
    assert ui.asked[-1].question.id == "teams-mixed" and ui.asked[-1].back == "review"
    assert ui.asked[-1].current == "a"
    assert results.answers["teams-mixed"].option == "c"
    assert results.answers["teams-mixed"].note == "on reflection"
    assert ui.review_rows[1][2].answer == "Always"


def test_backing_out_of_a_change_in_the_review_keeps_the_answer(bank_file, workdir):
    ui = ScriptedUI(["a", "y", "a", "a", BACK], reviews=["users-met", None])
    _, interview = _interview(bank_file, ui)
    results = interview.run()
    assert results.answers["users-met"].option == "a"


def test_the_file_is_saved_after_every_answer_and_every_note(bank_file, workdir):
    saves = []

    def save(results, path):
        saves.append({k: (a.option, a.note) for k, a in results.answers.items()})
        store.save(results, path)

    ui = ScriptedUI(["a", "y", "b", "c"], notes=["", "a note", "", ""])
    _, interview = _interview(bank_file, ui, save=save)
    interview.run()
    assert saves[0] == {}  # the empty file, before the first question
    assert saves[1] == {"users-met": ("a", None)}
    assert saves[2] == {"users-met": ("a", None), "users-heard": ("y", None)}
    assert saves[3] == {"users-met": ("a", None), "users-heard": ("y", "a note")}
    assert len(saves) == 1 + 4 + 1 + 1  # start, four answers, one note, completion


def test_ctrl_c_keeps_every_answer_given_and_resume_carries_on(bank_file, workdir):
    ui = ScriptedUI(["b", "y", interrupt], notes=["why b", ""])
    session, interview = _interview(bank_file, ui)
    with pytest.raises(KeyboardInterrupt):
        interview.run()
    saved = _saved(workdir)
    assert saved["status"] == "in_progress"
    assert {k: a["option"] for k, a in saved["answers"].items()} == {"users-met": "b", "users-heard": "y"}
    assert not list(workdir.glob("*.tmp")) and not list(workdir.glob(".*.tmp"))  # no temporary file left

    again = resume(workdir / "r.json", None)
    ui = ScriptedUI(["c", "a"])
    results = Interview(again.bank, again.results, again.path, ui).run()
    assert [v.question.id for v in ui.asked] == ["teams-mixed", "teams-stable"]
    assert ui.welcomed[2] == 2
    assert results.answers["users-met"].option == "b" and results.answers["users-met"].note == "why b"
    assert results.status == "complete"
    assert results.response_id == session.results.response_id


def test_ctrl_c_at_the_note_keeps_the_answer(bank_file, workdir):
    ui = ScriptedUI(["c"], notes=[interrupt])
    _, interview = _interview(bank_file, ui)
    with pytest.raises(KeyboardInterrupt):
        interview.run()
    assert _saved(workdir)["answers"]["users-met"]["option"] == "c"


def test_resuming_starts_at_the_first_unanswered_question(bank_file, workdir):
    ui = ScriptedUI(["a", BACK, interrupt])
    _, interview = _interview(bank_file, ui)
    with pytest.raises(KeyboardInterrupt):
        interview.run()
    again = resume(workdir / "r.json", str(bank_file))
    ui = ScriptedUI([interrupt])
    with pytest.raises(KeyboardInterrupt):
        Interview(again.bank, again.results, again.path, ui).run()
    assert ui.asked[0].question.id == "users-heard"
    assert ui.asked[0].back == "previous"


def test_resuming_after_a_comment_only_edit_carries_on_with_the_new_files_hash(bank_file, workdir):
    ui = ScriptedUI(["b", interrupt])
    _, interview = _interview(bank_file, ui)
    with pytest.raises(KeyboardInterrupt):
        interview.run()
    (workdir / bank_file).write_text("# a comment\n" + THREE_DIMENSIONS)
    again = resume(workdir / "r.json", None)
    assert again.results.bank.sha256 == hashlib.sha256((workdir / bank_file).read_bytes()).hexdigest()
    assert again.results.answers["users-met"].option == "b"


def test_after_going_back_twice_it_walks_forward_through_each_question(bank_file, workdir):
    ui = ScriptedUI(["a", "y", BACK, BACK, "c", "n", "b", "a"])
    _, interview = _interview(bank_file, ui)
    results = interview.run()
    assert [(v.question.id, v.current) for v in ui.asked] == [
        ("users-met", None), ("users-heard", None), ("teams-mixed", None), ("users-heard", "y"),
        ("users-met", "a"), ("users-heard", "y"), ("teams-mixed", None), ("teams-stable", None)]
    assert {k: a.option for k, a in results.answers.items()} == {
        "users-met": "c", "users-heard": "n", "teams-mixed": "b", "teams-stable": "a"}


def test_a_prefilled_file_is_resumed_only_at_its_unanswered_questions(run, bank_file, write, workdir):
    write("answers: {users-met: b, teams-mixed: c}\n", "answers.yaml")
    assert run("assess", "--bank", str(bank_file), "--answers", "answers.yaml", "-o", "r.json").exit_code == 0
    again = resume(workdir / "r.json", None)
    ui = ScriptedUI(["y", "a"])
    Interview(again.bank, again.results, again.path, ui).run()
    assert [v.question.id for v in ui.asked] == ["users-heard", "teams-stable"]
