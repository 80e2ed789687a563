"""Round three, defect 6 and its class: every field of every kind of file goodlooks reads (a bank,
an overlay, an answers file, a targets file, and results files of each kind: single, voted,
a room's, combined and agreed), holding hostile values, through every command that reads it. Whatever a
field holds, no command exits 1, none puts a raw control character on the terminal or in JSON,
JSON output stays JSON, and none hangs.

The paths were found this way, not by reading the code: each leaf of each file is enumerated
from the file itself, so a field added later is covered without a change here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from figures import record
from goodlooks.base.safe_text import has_unsafe
from test_terminal_safety import EVERYTHING

BANK = {
    "id": "world", "title": "World bank", "version": "1", "description": "What it is for.",
    "source": "Who wrote it.", "score_range": [1, 3], "scoring": "mean",
    "levels": [{"name": "Low", "min": 1, "description": "Little."}, {"name": "High", "min": 2, "description": "Much."}],
    "groups": [{"id": "people", "title": "People", "description": "The people part."}],
    "tag_families": {"fam": {"title": "A family", "description": "Its meaning.", "tags": {"x": "Ex", "y": "Why"}}},
    "dimensions": [{
        "id": "users", "title": "Users", "description": "Users first.", "group": "people", "weight": 1,
        "recommendations": {"Low": "Meet some users.", "High": "Keep meeting them."},
        "questions": [
            {"id": "met", "text": "Do teams meet users?", "help": "Weekly is good.", "evidence": "Notes.",
             "weight": 1, "tags": ["fam:x", "free"],
             "options": [{"key": "a", "label": "Rarely", "score": 1, "recommendation": "Start."},
                         {"key": "b", "label": "Sometimes", "score": 2},
                         {"key": "c", "label": "Always", "score": 3}]},
            {"id": "heard", "text": "Is feedback used?", "tags": ["fam:y"],
             "options": [{"key": "n", "label": "No", "score": 1}, {"key": "y", "label": "Yes", "score": 3}]}]}]}
OVERLAY = {"extends": {"bank": "bank.yaml", "version": "1"}, "id": "over", "version": "2", "title": "Over",
           "description": "Adapted.", "change": {"questions": {"met": {"text": "Do our teams meet users?"}}},
           "add": {"questions": [{"after": "met", "id": "extra", "text": "An extra?",
                                  "options": [{"key": "no", "label": "No", "score": 1},
                                              {"key": "yes", "label": "Yes", "score": 3}]}]}}
ANSWERS = {"respondent": "Dana", "answers": {"met": {"option": "b", "note": "Two teams."}, "heard": "y"}}
TARGETS = {"users": "High"}
FREE_TEXT = {"title", "description", "source", "text", "help", "evidence", "label", "recommendation", "note",
             "respondent", "reason", "question", "path", "absolute_path"}
"""Fields that hold words, not ids or names other fields refer to: hostile text there must be
shown, not refused. (A version is words too, in a bank; in a results file it must match the
other file combined with it.)"""


def _json(data: Any) -> str:
    return json.dumps(data, indent=1)


def _write(folder: Path, name: str, data: Any) -> Path:
    (folder / name).write_text(_json(data), encoding="utf-8")
    return folder / name


def _answered(folder: Path, run, name: str, answers: dict) -> dict:
    _write(folder, "a.yaml", answers)
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.yaml", "--output", name, "--force")
    assert result.exit_code == 0, result.output
    return json.loads((folder / name).read_text(encoding="utf-8"))


def build_world(folder: Path, run) -> dict[str, Any]:
    """Every kind of file, made by goodlooks itself where it can be: kind -> (file name, data)."""
    _write(folder, "bank.yaml", BANK)
    _write(folder, "overlay.yaml", OVERLAY)
    single = _answered(folder, run, "single.json", ANSWERS)
    single["organisation"] = "North Trust"
    single["set_aside"] = [{**single["answers"]["heard"], "question_id": "gone",
                            "reason": "question 'gone' is not in bank 'world' version 1"}]
    _answered(folder, run, "other.json", {"respondent": "Sam", "answers": {
        "met": {"option": "c", "note": "Every week."}, "heard": {"option": "n", "note": "Not yet."}}})
    assert run("combine", "single.json", "other.json", "--output", "combined.json", "--force").exit_code == 0
    combined = json.loads((folder / "combined.json").read_text(encoding="utf-8"))
    voted = json.loads(json.dumps(single))
    voted["kind"], voted["set_aside"] = "voted", []
    voted["distributions"] = {"met": {"source": "votes", "counts": {"a": 1, "b": 2, "c": 1, "not_applicable": 0,
                                                                   "dont_know": 1}, "spread": 2, "discuss": True,
                                      "voices": []}}
    room = json.loads(json.dumps(voted))  # a voted file made on phones: its members and their votes
    room["room"] = {"anonymous": False, "open_question": "met",
                    "members": [{"id": "m1", "name": "Chair"}, {"id": "m2", "name": None, "key": "0" * 64}],
                    "ballots": {"met": [{"member": "m1", "answer": "b", "note": "We meet them."},
                                        {"member": "m2", "answer": "dont_know"}]}}
    agreed = json.loads(json.dumps(combined))
    agreed["kind"], agreed["answers"] = "agreed", json.loads(json.dumps(single["answers"]))
    agreed["targets"] = {"users": 2.5}
    return {"bank": ("bank.yaml", BANK), "overlay": ("overlay.yaml", OVERLAY), "answers": ("answers.yaml", ANSWERS),
            "targets": ("targets.yaml", TARGETS), "single": ("r.json", single), "voted": ("r.json", voted),
            "room": ("r.json", room), "combined": ("r.json", combined), "agreed": ("r.json", agreed)}


# What reads each kind of file: every command, with the file named by its kind's name.
RESULTS_COMMANDS = [
    ("profile", "r.json"), ("profile", "r.json", "--explain", "--all", "--notes"), ("profile", "r.json", "--by", "fam"),
    ("profile", "r.json", "--bank", "bank.yaml", "--accept-bank-change"), ("report", "r.json"),
    ("report", "r.json", "--format", "html"), ("report", "r.json", "--format", "csv", "--output", "csv", "--force"),
    ("report", "r.json", "--baseline", "single.json"), ("compare", "single.json", "r.json"),
    ("compare", "r.json", "single.json", "--format", "json"), ("list", "."), ("combine", "r.json", "other.json",
                                                                               "--output", "out.json", "--force"),
    ("diff", "r.json", "bank.yaml"), ("diff", "r.json", "bank.yaml", "--format", "json"),
    ("assess", "--resume", "r.json"), ("assess", "--consensus", "r.json", "--output", "agreed-out.json", "--force"),
    ("peers", "r.json", "other.json"), ("trend", "r.json", "single.json"),
    ("report", "r.json", "--peers", "other.json", "--history", "single.json"),
]
COMMANDS = {
    "bank": [("validate", "bank.yaml"), ("questions", "--bank", "bank.yaml"),
             ("questions", "--bank", "bank.yaml", "--format", "json"),
             ("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--targets", "targets.yaml",
              "--output", "out.json", "--force"),
             ("form", "--bank", "bank.yaml", "--output", "form.html", "--force"),
             ("init", "copy.yaml", "--from", "bank.yaml", "--force"), ("init", "ext.yaml", "--extends", "bank.yaml",
                                                                      "--force"),
             ("diff", "bank.yaml", "overlay.yaml"), ("diff", "bank.yaml", "overlay.yaml", "--format", "json"),
             ("validate", "overlay.yaml"), ("questions", "--bank", "overlay.yaml"),  # the base's words, shown
             ("profile", "single.json", "--bank", "bank.yaml", "--accept-bank-change"),
             ("profile", "single.json", "--bank", "bank.yaml")],  # the change listing, at a terminal
    "overlay": [("validate", "overlay.yaml"), ("questions", "--bank", "overlay.yaml"),
                ("diff", "bank.yaml", "overlay.yaml"), ("form", "--bank", "overlay.yaml", "--output", "form.html",
                                                        "--force"),
                ("init", "ext.yaml", "--extends", "overlay.yaml", "--force")],
    "answers": [("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "out.json", "--force")],
    "targets": [("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--targets", "targets.yaml",
                 "--output", "out.json", "--force")],
    **dict.fromkeys(("single", "voted", "room", "combined", "agreed"), RESULTS_COMMANDS),
}
ALLOWED = {0, 2, 3, 4, 130}
"""Every exit but 1: ok, usage, a bank or results file refused, and an interview stopped (the
interviews here are ended by Ctrl-C at their first prompt)."""


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    from typer.testing import CliRunner

    from goodlooks.cli.commands import app

    folder = tmp_path_factory.mktemp("world")
    runner = CliRunner()
    import os

    here = os.getcwd()
    os.chdir(folder)
    try:
        made = build_world(folder, lambda *args: runner.invoke(app, list(args), catch_exceptions=False))
    finally:
        os.chdir(here)
    return folder, made


def leaves(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value that is not a container, with where it is; and every key, as (path, KEY)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), KEY
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    else:
        yield path, data


KEY = object()


def replaced(data: Any, path: tuple, value: Any, *, key: bool = False) -> Any:
    """A deep copy of `data` with the value (or, with `key`, the key) at `path` replaced."""
    copy = json.loads(json.dumps(data))
    node = copy
    for step in path[:-1]:
        node = node[step]
    if key:
        node[value if isinstance(value, str) else str(value)] = node.pop(path[-1])
    else:
        node[path[-1]] = value
    return copy


def _free_text(path: tuple, value: Any) -> bool:
    named = [step for step in path if isinstance(step, str)]
    if (not isinstance(value, str) or not named or named[0] == "tool"
            or ("distributions" in named and named[-1] == "source")):
        return False
    parent = named[-2] if len(named) > 1 else None
    return (named[-1] in FREE_TEXT or named == ["version"] or parent == "recommendations"
            or ("members" in named and named[-1] == "name")  # a room member's name or role
            or (parent == "tags" and "tag_families" in named))


def _check(result, args: tuple) -> None:
    assert result.exit_code in ALLOWED, (args, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output, args
    for stream in (result.stdout, result.stderr):
        assert not has_unsafe(stream), (args, [c for c in stream if has_unsafe(c)][:5], stream[-1500:])
    if result.exit_code == 0 and "json" in args:
        json.loads(result.stdout)  # JSON output stays JSON
    record("command runs checked with hostile file fields (no exit 1, no raw control, JSON stays JSON)")


def _put_world(folder: Path, world: dict[str, Any]) -> None:
    """Every file of the world in place, clean."""
    for kind, (name, clean) in world.items():
        if kind in ("bank", "overlay", "answers", "targets"):
            _write(folder, name, clean)
    _write(folder, "single.json", world["single"][1])
    _write(folder, "other.json", world["single"][1] | {"response_id": "11111111-1111-1111-1111-111111111111",
                                                       "set_aside": [], "organisation": "South Trust"})


def _run_all(folder: Path, world: dict[str, Any], kind: str, data: Any, commands: list[tuple]) -> None:
    """Put `kind`'s file in place holding `data`, run `commands` on it, then put the clean one back."""
    from typer.testing import CliRunner

    from goodlooks.cli.commands import app

    name, clean = world[kind]
    text = _json(data).replace('"@@surrogate@@"', '"half \\ud800 a character"')
    (folder / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    try:
        for args in commands:
            with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
                pipe.send_text("\x03")  # an interview is stopped at its first prompt
                result = runner.invoke(app, list(args), catch_exceptions=False)
            _check(result, args)
    finally:
        _write(folder, name, clean)


@pytest.fixture
def place(world, monkeypatch):
    folder, made = world
    monkeypatch.chdir(folder)
    _put_world(folder, made)
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    return folder, made


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_hostile_text_in_every_free_text_field_at_once_through_every_command(place, kind):
    """Every field that holds words gets every control character and escape sequence at once; the
    file stays valid, so every command's ordinary output is checked, not only its refusals."""
    folder, made = place
    data = made[kind][1]
    for path, value in list(leaves(data)):
        if value is not KEY and _free_text(path, value):
            data = replaced(data, path, value + EVERYTHING + " end")
    _run_all(folder, made, kind, data, COMMANDS[kind])
    record("file kinds with every free-text field hostile at once")


HOSTILE = [EVERYTHING, "\x1b]0;PWNED\x07", "@@surrogate@@", "", " ", "x" * 5_000, "../../etc/passwd", "/dev/zero",
           None, True, 0, -35, 10 ** 29, 1e308, -1e308, 2 ** 63, 0.5, [], {}, [EVERYTHING], {"\x1b[2J": EVERYTHING},
           "2026-11-25T09:30:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "not_applicable",
           "dont_know", "answered", "single", "combined", "z" * 300, "a\nb: c\n#"]


@st.composite
def mutation(draw) -> tuple[str, tuple, Any, bool, tuple]:
    kind = draw(st.sampled_from(list(COMMANDS)))
    data = BUILT[kind][1]
    spots = list(leaves(data))
    path, value = draw(st.sampled_from(spots))
    hostile = draw(st.sampled_from(HOSTILE))
    command = draw(st.sampled_from(COMMANDS[kind]))
    return kind, path, hostile, value is KEY, command


BUILT: dict[str, Any] = {}


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutation())
def test_any_hostile_value_in_any_field_through_any_command(place, drawn):
    folder, made = place
    kind, path, hostile, is_key, command = drawn
    if is_key and not isinstance(hostile, str):
        hostile = json.dumps(hostile)
    data = replaced(made[kind][1], path, hostile, key=is_key)
    _run_all(folder, made, kind, data, [command])
    record("random hostile values put in random fields (hypothesis)")


@pytest.fixture(autouse=True)
def _built(world) -> None:
    BUILT.update(world[1])


SHARED = {"bank", "answers", "scores", "recommendations", "tool", "set_aside"}
"""What results files of every kind hold as a single file does."""


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_each_field_holding_escape_sequences_alone(place, kind):
    """Each field on its own (ids and keys too, which are refused, and their refusals checked),
    through the cheapest command that reads the whole file."""
    folder, made = place
    data = made[kind][1]
    command = COMMANDS[kind][0]
    for path, value in list(leaves(data)):
        if kind not in ("single", "bank", "overlay", "answers", "targets") and path[0] in SHARED:
            continue  # as in the single file, whose every field is tried
        if not isinstance(value, str) and value is not KEY:
            continue  # numbers, booleans and nulls: the random test puts every kind of value anywhere
        hostile = replaced(data, path, "k\x1b]0;T\x07\x1b[2J\u202e", key=True) if value is KEY else \
            replaced(data, path, f"{value}\x1b]0;T\x07\x9b\u202e")
        _run_all(folder, made, kind, hostile, [command])
    record("file kinds with each field hostile on its own")


# The four paths the attack run found skipping the sanitiser, each on its own ----------------------

TITLE = "\x1b]0;PWNED\x07\x1b[2J"


def test_the_set_aside_line_of_profile_is_sanitised(place):
    folder, made = place
    data = replaced(made["single"][1], ("set_aside", 0, "question_id"), "gone" + TITLE)
    _run_all(folder, made, "single", data, [("profile", "r.json")])


def test_the_bank_change_listing_at_a_terminal_is_sanitised(place):
    folder, made = place
    data = replaced(made["single"][1], ("bank", "id"), "world" + TITLE)
    changed = replaced(BANK, ("dimensions", 0, "questions", 0, "text"), "Reworded?")
    _write(folder, "bank.yaml", changed)
    try:
        _run_all(folder, made, "single", data, [("profile", "r.json", "--bank", "bank.yaml")])
    finally:
        _write(folder, "bank.yaml", BANK)


def test_the_overlay_line_of_validate_is_sanitised(place):
    folder, made = place
    _run_all(folder, made, "bank", replaced(BANK, ("version",), "1" + TITLE), [("validate", "overlay.yaml")])


def test_the_warnings_of_validate_are_sanitised(place):
    folder, made = place
    name = "bank" + TITLE.replace("\x07", "") + ".yaml"
    _write(folder, name, BANK)  # a question without evidence: a warning naming the file
    try:
        _run_all(folder, made, "bank", BANK, [("validate", name)])
    finally:
        (folder / name).unlink()
