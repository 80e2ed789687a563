"""Issue 17, item 10: the room's votes are saved the moment they are typed (or cast on phones),
before the agreed answer is asked. Ctrl-C at "The agreed answer" keeps them, and on --resume the
room is not asked to vote again: the question opens at the agreed answer with the spread shown."""

from __future__ import annotations

import json

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import TINY_BANK
from goodlooks.bank.loader import load_bank
from goodlooks.base.errors import ExitCode
from goodlooks.interview.engine import BACK, Interview
from goodlooks.results import store
from scripted_ui import ScriptedUI, interrupt

ENTER, CTRL_C = "\r", "\x03"


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_ctrl_c_at_the_agreed_answer_keeps_the_votes_and_resume_does_not_vote_again(run, keys, write, workdir):
    write(TINY_BANK)
    keys.send_text("1 2 3 3" + ENTER + CTRL_C)       # four votes typed, then Ctrl-C at the agreed answer
    result = run("assess", "--votes", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == ExitCode.INTERRUPTED
    saved = json.loads((workdir / "r.json").read_text())
    assert saved["answers"] == {}
    assert saved["distributions"]["users-met"]["counts"] == {"a": 1, "b": 1, "c": 2, "not_applicable": 0,
                                                              "dont_know": 0}

    keys.send_text(ENTER + "1" + ENTER + ENTER       # resumed at the agreed answer: the median, b; seen; no note
                   + "2 2" + ENTER + ENTER + ENTER   # users-heard: votes, then y, how it is known skipped,
                   + ENTER                           # no note
                   + ENTER + ENTER)                  # finish; no targets
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "4 votes · spread 2 · the room disagrees: talk about it" in result.stdout
    data = json.loads((workdir / "r.json").read_text())  # asked to vote again, the keys would not fit
    assert {k: a["option"] for k, a in data["answers"].items()} == {"users-met": "b", "users-heard": "y"}
    assert data["distributions"]["users-met"]["counts"]["c"] == 2
    assert data["answers"]["users-met"]["evidence"] == "seen"  # the agreed answer is asked how it is known
    assert data["answers"]["users-heard"].get("evidence") is None


def _session(workdir):
    (workdir / "bank.yaml").write_text(TINY_BANK, encoding="utf-8")
    loaded = load_bank("bank.yaml")
    results = store.new_results(loaded)
    results.kind = "voted"
    return loaded.bank, results, workdir / "r.json"


def test_the_votes_are_on_disk_before_the_agreed_answer_is_asked(workdir):
    bank, results, path = _session(workdir)
    seen_on_disk = []

    def agreed_answer():
        seen_on_disk.append(json.loads(path.read_text())["distributions"].get("users-met"))
        return interrupt()

    ui = ScriptedUI(answers=[agreed_answer], votes=[["a", "c", "c"]])
    with pytest.raises(KeyboardInterrupt):
        Interview(bank, results, path, ui, votes=True).run()
    assert seen_on_disk[0]["counts"]["c"] == 2


def test_going_back_from_the_agreed_answer_asks_the_votes_again(workdir):
    bank, results, path = _session(workdir)
    ui = ScriptedUI(answers=["b", BACK, "a", "y"], votes=[["a", "b"], ["y", "y"], ["y", "n"]])
    Interview(bank, results, path, ui, votes=True, ask_targets=False).run()
    saved = store.load_results(path)
    assert saved.distributions["users-heard"].counts["n"] == 1  # the second round of votes
    assert {k: a.option for k, a in saved.answers.items()} == {"users-met": "a", "users-heard": "y"}


def test_a_resumed_room_starts_at_the_question_it_was_on(workdir):
    bank, results, path = _session(workdir)
    ui = ScriptedUI(answers=["y", "b"], votes=[["y"], ["b"]])
    Interview(bank, results, path, ui, votes=True, ask_targets=False, resume_at="users-heard").run()
    assert [view.question.id for view in ui.asked][::2] == ["users-heard", "users-met"]
    assert ui.skipped_notices == [1]
