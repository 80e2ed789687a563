"""Round three, defect 4: `combine` compares every file's copy of the bank, by content, with the
others'. Copies that would score the same answers differently are refused by name, whichever
file comes first; copies that differ only in wording are combined, with a notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY_BANK
from figures import record

RESCORED = TINY_BANK.replace("{key: a, label: Rarely, score: 1}", "{key: a, label: Rarely, score: 3}").replace(
    "{key: c, label: Always, score: 3}", "{key: c, label: Always, score: 1}")  # no new version
REWORDED = TINY_BANK.replace("Do teams meet users?", "How often do teams meet the people who use the service?")


def _answer(run, workdir: Path, bank: str, name: str, option: str) -> None:
    (workdir / "bank.yaml").write_text(bank, encoding="utf-8")
    (workdir / "a.yaml").write_text(f"answers:\n  users-met: {option}\n  users-heard: y\n", encoding="utf-8")
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.yaml", "--output", name)
    assert result.exit_code == 0, result.output


@pytest.fixture
def edited(run, workdir) -> Path:
    _answer(run, workdir, TINY_BANK, "r1.json", "c")
    _answer(run, workdir, RESCORED, "r2.json", "c")
    return workdir


@pytest.mark.parametrize("order", [("r1.json", "r2.json"), ("r2.json", "r1.json")])
def test_copies_that_score_differently_are_refused_whichever_comes_first(run, edited, order):
    result = run("combine", *order, "--output", "c.json")
    assert result.exit_code == 4, result.output
    first, second = order
    assert result.stderr.startswith(
        f"these files carry different copies of bank 'tiny' version 1, which would score the same answers "
        f"differently: {first} on one side; {second} on the other (option 'users-met/a' re-scored")
    assert "combine files answered on one copy of the bank" in result.stderr
    assert not (edited / "c.json").exists()
    record("combines refused for copies of a bank that score differently")


def test_a_tampered_first_file_cannot_move_the_board(run, workdir):
    _answer(run, workdir, TINY_BANK, "honest.json", "a")
    _answer(run, workdir, TINY_BANK, "tampered.json", "a")
    data = json.loads((workdir / "tampered.json").read_text(encoding="utf-8"))
    for option in data["bank"]["definition"]["dimensions"][0]["questions"][0]["options"]:
        option["score"] = 4 - option["score"]  # reversed; id, version and sha256 left as they were
    data["answers"]["users-met"]["score"] = 3
    (workdir / "tampered.json").write_text(json.dumps(data), encoding="utf-8")
    result = run("combine", "tampered.json", "honest.json", "--output", "c.json")
    assert result.exit_code == 4
    assert "tampered.json on one side; honest.json on the other" in result.stderr
    record("combines refused for copies of a bank that score differently")


def test_copies_that_differ_only_in_wording_are_combined_with_a_notice(run, workdir):
    _answer(run, workdir, TINY_BANK, "r1.json", "c")
    _answer(run, workdir, REWORDED, "r2.json", "a")
    result = run("combine", "r1.json", "r2.json", "--output", "c.json")
    assert result.exit_code == 0, result.output
    assert ("r2.json carries bank 'tiny' version 1 with other wording (question 'users-met' reworded: "
            "'Do teams meet users?' -> 'How often do teams meet the people who…'); the answers score the same, "
            "and the wording of r1.json is shown") in " ".join(result.stderr.split())
    combined = json.loads((workdir / "c.json").read_text(encoding="utf-8"))
    assert combined["answers"]["users-met"]["normalised"] == 0.5
    assert combined["answers"]["users-met"]["question"] == "Do teams meet users?"


def test_a_folder_of_one_copy_combines_as_before(run, workdir):
    for number, option in enumerate("abc"):
        _answer(run, workdir, TINY_BANK, f"m{number}.json", option)
    result = run("combine", ".", "--output", "c.json")
    assert result.exit_code == 0, result.output
    assert "wording" not in result.stderr


# The class: whatever two copies of a bank differ in, combining never depends on which file came first.

EDITS = st.sampled_from([
    ("options", 0, "score", 3), ("options", 2, "score", 1), ("options", 1, "score", 2.5),
    ("options", 0, "label", "Never"), ("options", 1, "recommendation", "Do more."), ("text", None, None, "Reworded?"),
    ("help", None, None, "New help."), ("weight", None, None, 2), ("weight", None, None, 0),
    ("tags", None, None, ["new"]), ("options", 0, "key", "z"),
])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=1, max_size=3), options=st.tuples(st.sampled_from("abc"), st.sampled_from("abc")))
def test_combining_never_depends_on_the_order_of_the_files(run, workdir, edits, options):
    for old in workdir.glob("*.json"):
        old.unlink()
    _answer(run, workdir, TINY_BANK, "r1.json", options[0])
    _answer(run, workdir, TINY_BANK, "r2.json", options[1])
    data = json.loads((workdir / "r2.json").read_text(encoding="utf-8"))
    question = data["bank"]["definition"]["dimensions"][0]["questions"][0]
    for field, index, inner, value in edits:
        if index is None:
            question[field] = value
        else:
            question[field][index][inner] = value
    (workdir / "r2.json").write_text(json.dumps(data), encoding="utf-8")
    outcomes = []
    for order in (("r1.json", "r2.json"), ("r2.json", "r1.json")):
        result = run("combine", *order, "--output", "c.json", "--force")
        assert result.exit_code in (0, 4), result.output
        saved = json.loads((workdir / "c.json").read_text(encoding="utf-8")) if result.exit_code == 0 else None
        outcomes.append((result.exit_code, saved and {q: a["normalised"] for q, a in saved["answers"].items()},
                         saved and saved["scores"]["overall"]["score"]))
        (workdir / "c.json").unlink(missing_ok=True)
    assert outcomes[0] == outcomes[1], outcomes
    record("pairs of edited bank copies combined both ways round, with the same outcome")
