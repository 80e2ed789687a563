"""The organisation a results file is for (issue 20): `--organisation NAME` on `assess`, `combine`
and `assess --consensus` (the last in a real pseudo-terminal), stored in the file, shown in the
profile and at the head of every report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env
from goodlooks import assessment
from goodlooks.results import store
from test_workshop_support import ANN, BOB, copy_banks, make_results, plain, read_json


def test_assess_records_the_organisation_with_its_spacing_tidied(run, workdir):
    copy_banks(workdir)
    path = make_results(run, workdir, "ann", ANN, "Ann", "--organisation", "  North   Trust ")
    assert read_json(path)["organisation"] == "North Trust"
    lines = plain(run("profile", str(path)).stdout)
    assert lines[1].startswith("North Trust · Ann · completed ")


def test_without_the_option_a_file_names_no_organisation(run, workdir):
    copy_banks(workdir)
    path = make_results(run, workdir, "ann", ANN, "Ann")
    assert read_json(path)["organisation"] is None
    assert plain(run("profile", str(path)).stdout)[1].startswith("Ann · completed ")


@pytest.mark.parametrize("name, message", [
    ("   ", '--organisation needs a name, e.g. --organisation "North Trust"'),
    ("x" * 201, "--organisation: the name is 201 characters long; at most 200 fit in a results file"),
])
def test_an_empty_or_overlong_organisation_is_a_usage_error(run, workdir, name, message):
    copy_banks(workdir)
    Path("a.yaml").write_text("answers:\n  users-met: never\n", encoding="utf-8")
    result = run("assess", "--bank", "ws.yaml", "--answers", "a.yaml", "--output", "a.json", "--organisation", name)
    assert (result.exit_code, result.stderr.strip()) == (2, message)
    assert not Path("a.json").exists()


def test_a_damaged_organisation_in_a_file_is_refused(run, workdir):
    copy_banks(workdir)
    path = make_results(run, workdir, "ann", ANN, "Ann")
    data = read_json(path)
    data["organisation"] = ""
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("profile", str(path))
    assert result.exit_code == 4
    assert "organisation: String should have at least 1 character" in result.stderr


def test_combine_keeps_the_one_organisation_its_files_name_or_the_option(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "ann", ANN, "Ann", "--organisation", "North Trust")
    make_results(run, workdir, "bob", BOB, "Bob", "--organisation", "north trust")
    assert run("combine", "ann.json", "bob.json", "--output", "c.json").exit_code == 0
    assert read_json("c.json")["organisation"] == "North Trust"
    assert run("combine", "ann.json", "bob.json", "--output", "d.json", "--organisation", "North ICS").exit_code == 0
    assert read_json("d.json")["organisation"] == "North ICS"
    make_results(run, workdir, "cat", ANN, "Cat", "--organisation", "South Trust")
    assert run("combine", "ann.json", "cat.json", "--output", "e.json").exit_code == 0
    assert read_json("e.json")["organisation"] is None  # two organisations: neither is the combined file's


def test_an_agreed_file_takes_the_combined_file_s_organisation_unless_told(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "ann", ANN, "Ann", "--organisation", "North Trust")
    make_results(run, workdir, "bob", BOB, "Bob")
    assert run("combine", "ann.json", "bob.json", "--output", "c.json").exit_code == 0
    agreed = assessment.consensus(Path("c.json"), Path("agreed.json"), False)
    assert agreed.results.organisation == "North Trust"
    other = assessment.consensus(Path("c.json"), Path("agreed-2.json"), False, organisation="North ICS")
    assert other.results.organisation == "North ICS"


def test_the_reports_name_the_organisation(run, workdir, tmp_path):
    copy_banks(workdir)
    path = make_results(run, workdir, "ann", ANN, "Ann", "--organisation", "North Trust")
    assert "| Organisation | North Trust |" in run("report", str(path)).stdout  # on the paper's front sheet
    assert "<tr><th scope=\"row\">Organisation</th><td>North Trust</td></tr>" in run(
        "report", str(path), "--format", "html").stdout
    assert run("report", str(path), "--format", "csv", "--output", "csv").exit_code == 0
    header, first = Path("csv/responses.csv").read_text(encoding="utf-8-sig").splitlines()[:2]
    assert header.startswith("response_id,respondent,organisation,kind,")
    assert first.split(",")[1:3] == ["Ann", "North Trust"]


pexpect = pytest.importorskip("pexpect")


def _goodlooks_in_a_terminal(workdir: Path, *args: str):
    return pexpect.spawn(sys.executable, ["-m", "goodlooks", *args], cwd=str(workdir), encoding="utf-8",
                         dimensions=(40, 120), timeout=30,
                         env=subprocess_env(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1"))


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")
def test_consensus_in_a_terminal_records_the_organisation_given(run, workdir):
    copy_banks(workdir)
    make_results(run, workdir, "ann", ANN, "Ann")
    make_results(run, workdir, "bob", BOB, "Bob")
    assert run("combine", "ann.json", "bob.json", "--output", "c.json").exit_code == 0
    child = _goodlooks_in_a_terminal(workdir, "assess", "--consensus", "c.json", "--output", "agreed.json",
                                     "--organisation", "North Trust")
    for _ in range(5):  # five questions: the suggested answer, then no note
        child.expect_exact("The agreed answer")
        child.send("\r")
        child.expect_exact("Note: why this answer?")
        child.send("\r")
    child.expect_exact("Review: finish, or change an answer?")
    child.send("\r")
    child.expect_exact("Where do you want to be in 12 months?")
    child.send("\r")
    child.expect_exact("North Trust · Agreed by the board over 2 people's answers")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert store.load_results(workdir / "agreed.json").organisation == "North Trust"


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")
def test_resume_records_the_organisation_given(run, workdir):
    copy_banks(workdir)
    partial = {key: value for key, value in ANN.items() if key != "data-safe"}
    path = make_results(run, workdir, "ann", partial, "Ann")
    assert read_json(path)["status"] == "in_progress" and read_json(path)["organisation"] is None
    child = _goodlooks_in_a_terminal(workdir, "assess", "--resume", str(path), "--organisation", "North Trust")
    child.expect_exact("Is data safe?")
    assert read_json(workdir / path)["organisation"] == "North Trust"  # saved before the first question
    child.send("2\r")
    child.expect_exact("Note: why this answer?")
    child.send("\r")
    child.expect_exact("Review: finish, or change an answer?")
    child.send("\r")
    child.expect_exact("Where do you want to be in 12 months?")
    child.send("\r")
    child.expect_exact("North Trust · Ann · completed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert read_json(workdir / path)["organisation"] == "North Trust"
