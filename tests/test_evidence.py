"""How an answer is known (seen, told or believed): asked after each answer in the interview,
after the agreed answer of a vote or a consensus, read from answers files, kept in every kind of
results file, counted behind a combined answer, and shown in the profile and the reports. Saying
nothing costs one key press."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import TINY_BANK
from goodlooks.bank.loader import load_bank
from goodlooks.interview.engine import Interview, QuestionView
from goodlooks.results import store
from goodlooks.results.evidence import (
    EvidenceError,
    count_statuses,
    evidence_summary,
    most_given,
    parse_evidence,
)
from goodlooks.results.model import AnswerRecord
from scripted_ui import ScriptedUI

ENTER = "\r"


# ---- the small piece everything uses --------------------------------------------------------

def test_statuses_are_read_in_any_case_and_anything_else_is_refused():
    assert [parse_evidence(v) for v in ("seen", " Told ", "BELIEVED", None, "", "  ")] == [
        "seen", "told", "believed", None, None, None]
    for wrong in ("sen", "yes", 1, True):
        with pytest.raises(EvidenceError, match="is not an evidence status: write seen, told or believed"):
            parse_evidence(wrong)


def test_behind_a_combined_answer_the_most_given_status_counts_and_a_tie_goes_to_the_weaker():
    assert most_given(count_statuses(["seen", "seen", "told", None])) == "seen"
    assert most_given(count_statuses(["seen", "told"])) == "told"
    assert most_given(count_statuses(["seen", "believed", "told"])) == "believed"
    assert most_given(count_statuses([None, None])) is None
    assert count_statuses(["told", "x", None, "told"]) == {"seen": 0, "told": 2, "believed": 0}


def test_the_summary_counts_the_answers_resting_on_belief():
    summary = evidence_summary([("answered", "seen"), ("answered", "believed"), ("answered", "believed"),
                                ("answered", None), ("not_applicable", None)])
    assert (summary.seen, summary.told, summary.believed, summary.unsaid) == (1, 0, 2, 1)
    assert summary.sentence() == "How the answers are known: 1 seen, 2 believed, 1 not said; 2 rest on belief alone."
    assert evidence_summary([("answered", "told")]).sentence() == (
        "How the answers are known: 1 told; none rests on belief alone.")
    assert evidence_summary([("answered", "believed")]).sentence() == (
        "How the answers are known: 1 believed; 1 rests on belief alone.")
    assert evidence_summary([("answered", None), ("dont_know", None)]) is None  # nothing said: nothing shown


def test_not_applicable_and_dont_know_have_no_evidence_status():
    with pytest.raises(ValueError, match="only an answer with an option has an evidence status"):
        AnswerRecord(option=None, status="dont_know", evidence="seen")
    assert AnswerRecord(option="a", status="answered", evidence="told").evidence == "told"


# ---- the interview, votes and consensus (the loop behind a scripted person) --------------------

@pytest.fixture
def tiny(write, workdir) -> Path:
    write(TINY_BANK)
    return workdir / "bank.yaml"


def _start(path: Path, ui: ScriptedUI, votes: bool = False):
    loaded = load_bank(str(path))
    results = store.new_results(loaded)
    if votes:
        results.kind = "voted"
    return Interview(loaded.bank, results, path.parent / "r.json", ui, votes=votes)


def test_the_interview_asks_after_each_answer_with_an_option_and_saves_it(tiny, workdir):
    ui = ScriptedUI(["b", "dont_know", "c"], evidence=["seen", "told"], reviews=["users-met", None])
    results = _start(tiny, ui).run()
    assert [view.question.id for view in ui.evidence_asked] == ["users-met", "users-met"]  # not after don't know
    assert ui.evidence_asked[1].evidence == "seen"  # changing the answer offers what was said before
    saved = json.loads((workdir / "r.json").read_text())
    assert {q: (a["option"] or a["status"], a["evidence"]) for q, a in saved["answers"].items()} == {
        "users-met": ("c", "told"), "users-heard": ("dont_know", None)}
    assert results.answers["users-met"].evidence == "told"


def test_saying_nothing_keeps_nothing_and_a_new_answer_keeps_what_was_said(tiny, workdir):
    ui = ScriptedUI(["a", "y", "b"], evidence=[None, "believed"], reviews=["users-met", None])
    _start(tiny, ui).run()
    saved = json.loads((workdir / "r.json").read_text())
    # users-met: nothing said; then changed to b in the review, where the default (nothing) stands
    assert {q: a["evidence"] for q, a in saved["answers"].items()} == {"users-met": None, "users-heard": "believed"}


def test_a_voted_file_keeps_how_the_agreed_answer_is_known(tiny, workdir):
    ui = ScriptedUI(["b", "y"], votes=[["a", "b", "c"], ["y", "y"]], evidence=["believed", "seen"])
    _start(tiny, ui, votes=True).run()
    saved = json.loads((workdir / "r.json").read_text())
    assert saved["kind"] == "voted"
    assert {q: a["evidence"] for q, a in saved["answers"].items()} == {"users-met": "believed", "users-heard": "seen"}
    assert saved["distributions"]["users-met"]["evidence"] == {}  # typed votes say nothing of how people know


def _person(run, workdir, name: str, answers: dict) -> Path:
    (workdir / f"{name}.yaml").write_text(json.dumps({"respondent": name, "answers": answers}))
    result = run("assess", "--bank", "bank.yaml", "--answers", f"{name}.yaml", "--output", f"{name}.json")
    assert result.exit_code == 0, result.output
    return workdir / f"{name}.json"


@pytest.fixture
def combined(run, tiny, workdir) -> Path:
    _person(run, workdir, "ana", {"users-met": {"option": "a", "evidence": "seen"},
                                  "users-heard": {"option": "n", "evidence": "told"}})
    _person(run, workdir, "ben", {"users-met": {"option": "c", "evidence": "seen"},
                                  "users-heard": {"option": "y", "evidence": "believed"}})
    _person(run, workdir, "cy", {"users-met": "b", "users-heard": "not_applicable"})
    result = run("combine", "ana.json", "ben.json", "cy.json", "--output", "combined.json")
    assert result.exit_code == 0, result.output
    return workdir / "combined.json"


def test_a_combined_file_counts_how_people_know_and_takes_the_most_given(combined):
    saved = json.loads(combined.read_text())
    assert saved["distributions"]["users-met"]["evidence"] == {"seen": 2, "told": 0, "believed": 0}
    assert saved["distributions"]["users-heard"]["evidence"] == {"seen": 0, "told": 1, "believed": 1}
    assert saved["answers"]["users-met"]["evidence"] == "seen"
    assert saved["answers"]["users-heard"]["evidence"] == "believed"  # a tie: the weaker


def test_an_agreed_file_keeps_the_facilitators_status_and_the_peoples_counts(run, combined, workdir, monkeypatch):
    from goodlooks import assessment

    session = assessment.consensus(combined, workdir / "agreed.json", False)
    ui = ScriptedUI(["b", "y"], evidence=["seen", None])
    results = Interview(session.bank, session.results, session.path, ui).run()
    shown = {view.question.id: view.distribution.evidence for view in ui.evidence_asked}
    assert shown == {"users-met": {"seen": 2, "told": 0, "believed": 0},
                     "users-heard": {"seen": 0, "told": 1, "believed": 1}}
    saved = json.loads((workdir / "agreed.json").read_text())
    assert saved["kind"] == "agreed" and results.kind == "agreed"
    assert {q: a["evidence"] for q, a in saved["answers"].items()} == {"users-met": "seen", "users-heard": None}
    assert saved["distributions"]["users-heard"]["evidence"] == {"seen": 0, "told": 1, "believed": 1}


def test_every_kind_of_results_file_reads_back_with_its_evidence(run, combined, workdir):
    from goodlooks.results.store import load_results

    for name in ("ana.json", "combined.json"):
        results = load_results(workdir / name)
        assert results.answers["users-met"].evidence == "seen", name
    assert load_results(workdir / "combined.json").distributions["users-met"].evidence["seen"] == 2
    assert run("profile", "combined.json").exit_code == 0


# ---- answers files ------------------------------------------------------------------------------

def test_an_answers_file_gives_evidence_and_refuses_a_wrong_one_where_it_was_written(run, tiny, workdir):
    (workdir / "a.yaml").write_text("answers:\n"
                                    "  users-met: {option: b, evidence: sen}\n"
                                    "  users-heard: {option: not_applicable, evidence: seen}\n")
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.yaml", "--output", "r.json")
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        "a.yaml:2:36: the answer to 'users-met': 'sen' is not an evidence status: write seen, told or believed, "
        "or leave it out",
        "a.yaml:3:51: the answer to 'users-heard' is not_applicable, which has no evidence status; give an "
        "option, or leave out 'evidence'",
        "2 problems in a.yaml; fix them and run again."]


# ---- at a real prompt (a pipe for the keys) -------------------------------------------------------

def _ask(keys: str, evidence: str | None = None) -> str | None:
    import io

    from rich.console import Console

    from goodlooks.interview.prompts import TerminalUI

    bank = load_bank(None).bank
    question = bank.questions()[0]
    view = QuestionView(1, 1, question, bank.dimensions[0], "a", None, None, evidence=evidence)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return TerminalUI(lambda: Console(file=io.StringIO(), width=80)).ask_evidence(view)


def test_at_the_prompt_enter_alone_says_nothing_and_a_number_then_enter_chooses():
    assert _ask(ENTER) is None  # one key press to skip
    assert [_ask(f"{n}{ENTER}") for n in (1, 2, 3)] == ["seen", "told", "believed"]
    assert _ask(ENTER, evidence="told") == "told"  # on an answer changed later, what was said stays
    assert _ask(f"s{ENTER}", evidence="told") is None


# ---- the profile and the reports ------------------------------------------------------------------

def test_the_profile_counts_answers_resting_on_belief_and_names_them(run, workdir):
    from conftest import EXAMPLES

    assert run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "b.json").exit_code == 0
    lines = run("profile", "b.json").stdout.splitlines()
    start = lines.index("How the answers are known: 5 seen, 2 told, 3 believed, 22 not said; 3 rest on")
    assert lines[start + 1:start + 5] == [
        "  belief alone.",
        "  · If you asked ten front-line staff what the digital mission is for, how",
        "    many would say the same thing?",
        "  · How do you know whether people can use a service once it is live?"]
    notes = run("profile", "b.json", "--notes").stdout
    assert "Chose “There is no written digital mission or strategy”" not in notes
    assert ("Chose “It is written, but it is mainly a list of systems and projects” (seen): The strategy"
            in " ".join(notes.split()))


def test_a_profile_with_no_status_said_stays_as_it_was(run, tiny, workdir):
    _person(run, workdir, "quiet", {"users-met": "b", "users-heard": "y"})
    assert "How the answers are known" not in run("profile", "quiet.json").stdout


def test_the_reports_show_each_answers_status_and_the_count(run, combined, workdir):
    paper = run("report", "ana.json", "--format", "markdown").stdout
    story = paper.split("## The story of the session\n", 1)[1].split("\n## ", 1)[0]
    assert "How the answers are known: 1 seen, 1 told; none rests on belief alone." in story
    assert "   - How it is known: Seen" in paper and "   - How it is known: Told" in paper
    combined_paper = run("report", "combined.json", "--format", "markdown").stdout
    assert "How the answers are known: 1 seen, 1 believed; 1 rests on belief alone." in combined_paper
    page = run("report", "combined.json", "--format", "html").stdout
    assert "<dd><strong>How it is known:</strong> Seen (people said: 2 seen)</dd>" in page
    out = workdir / "csv"
    assert run("report", "ana.json", "--format", "csv", "--output", str(out)).exit_code == 0
    rows = (out / "answers.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",note,evidence") and rows[1].endswith(",seen") and rows[2].endswith(",told")
