"""The README's "Running a workshop" recipe, run end to end as it is written (issue 17): members'
answers files and forms (one saved twice), combine (the second save counted, saying so), the
board agreeing over the combined file in a real pseudo-terminal, a folder mixed with an agreed
file refused by name, compare with last year, and the reports. Every line of the README's
output blocks must be in what the run printed (dates aside), so the README stays true.

To regenerate the README's blocks from a run: GOODLOOKS_README_OUTPUTS=DIR pytest this file,
then copy from DIR/*.txt (the whole outputs) into the README."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, subprocess_env

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")

README = REPO / "README.md"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]")
_WHEN = re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d\b")
ENTER = "\r"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Running a workshop"):text.index("## Reports for the board")]


def _block(command: str) -> list[str]:
    """The README block that starts with `$ COMMAND`: its lines after the command (the command's
    continuation lines too)."""
    for block in re.findall(r"```text\n(.*?)```", _section(), re.S):
        lines = block.splitlines()
        if lines and lines[0] == f"$ {command}":
            while lines and lines[0].rstrip().endswith("\\"):
                lines.pop(0)
            return lines[1:]
    raise AssertionError(f"no README block for: $ {command}")


def _commands() -> list[str]:
    """Every `$ ...` command of the section's blocks (continuation lines joined), then every
    `goodlooks ...` command in its text."""
    found = []
    for block in re.findall(r"```text\n(.*?)```", _section(), re.S):
        lines = block.splitlines()
        while lines and lines[0].startswith("$ "):
            command = lines.pop(0)[2:]
            while command.endswith("\\"):
                command = command[:-1].rstrip() + " " + lines.pop(0).strip()
            found.append(command)
            if not (lines and lines[0].startswith("$ ")):
                break
    return found + re.findall(r"`(goodlooks [^`]+)`", _section())  # and those in the text


def _normal(line: str) -> str:
    return _WHEN.sub("DATE", line.rstrip())


def _check(block: list[str], output: str, name: str) -> None:
    """Every line of the README block, in order, among the output's lines ('...' skips any)."""
    keep = os.environ.get("GOODLOOKS_README_OUTPUTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"{name}.txt").write_text(output, encoding="utf-8")
    shown = [_normal(line) for line in output.splitlines()]
    at = 0
    for line in block:
        if line.strip() == "...":
            continue
        wanted = _normal(line)
        try:
            at = shown.index(wanted, at) + 1
        except ValueError:
            raise AssertionError(f"README ({name}) says {wanted!r}, which the run did not print in that "
                                 f"place. The run printed:\n" + "\n".join(shown)) from None


def _run(cwd: Path, command: str) -> subprocess.CompletedProcess:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=subprocess_env(COLUMNS="80", PYTHONUNBUFFERED="1", PATH=path))


@pytest.fixture
def day(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "examples" / "workshop", tmp_path / "examples" / "workshop")
    if shutil.which("goodlooks", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("the goodlooks command is not installed beside this Python")
    return tmp_path


def test_the_readme_workshop_recipe_runs_as_written(day: Path):
    commands = _commands()
    members = sorted(path.stem for path in (day / "examples" / "workshop").glob("*.yaml")
                     if path.stem not in ("targets", "last-year"))
    assert members == ["chair", "chief-executive", "chief-nurse"]
    scoring = [c for c in commands if c.startswith("for m in ") and "--answers" in c]
    assert scoring, "the README gives no command that scores every member's answers file"
    assert scoring[0].startswith(f"for m in {' '.join(members)}; do goodlooks assess "), scoring[0]
    done = _run(day, scoring[0])  # as the README shows it: every member's file, not only the chair's
    assert done.returncode == 0, done.stderr
    for member in members:
        scored = json.loads((day / "answers" / f"{member}.json").read_text())
        assert (scored["status"], scored["scope"]) == ("complete", ["board-question"]), member
    loop = next(c for c in commands if c.startswith("for f in examples/workshop/forms/"))
    done = _run(day, loop)
    assert done.returncode == 0, done.stderr

    combine = "goodlooks combine answers --output combined.json"
    done = _run(day, combine + " 2>&1")  # messages (standard error) and the profile, as a terminal shows them
    assert done.returncode == 0, done.stdout
    _check(_block(combine), done.stdout, "combine")
    combined = json.loads((day / "combined.json").read_text())
    assert combined["respondents"] == 4  # the finance director's form, saved twice, counts once
    assert "Combined answers of 4 people" in done.stdout and "Traceback" not in done.stdout

    consensus = "goodlooks assess --consensus combined.json --output agreed.json"
    child = pexpect.spawn("/bin/sh", ["-c", consensus], cwd=str(day), encoding="utf-8", dimensions=(40, 80),
                          timeout=60, env=subprocess_env(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1",
                                                         PATH=f"{Path(sys.executable).parent}{os.pathsep}"
                                                              f"{os.environ.get('PATH', '')}"))
    child.delaybeforesend = None
    child.expect_exact("Question 1 of 8")
    child.expect_exact("d) Don't know")
    screen = "Question 1 of 8" + _ANSI.sub("", child.before + child.after).replace("\r", "")
    _check(_block(consensus), "...\n" + screen, "consensus")
    for number in range(1, 9):
        if number > 1:
            child.expect_exact(f"Question {number} of 8")
            child.expect_exact("d) Don't know")
        child.send(ENTER)                        # the median answer
        child.expect_exact("How do you know?")
        child.send("1" + ENTER if number == 1 else ENTER)  # seen, for the first; then said nothing
        child.expect_exact("Note: why this answer?")
        child.send(("The board agrees: designers join two teams next year" if number == 1 else "") + ENTER)
    child.expect_exact("Review: finish, or change an answer?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    agreed = json.loads((day / "agreed.json").read_text())
    assert (agreed["kind"], agreed["status"], agreed["respondents"]) == ("agreed", "complete", 4)
    assert [a.get("evidence") for a in agreed["answers"].values()].count("seen") == 1

    last_year = next(c for c in commands if "last-year.yaml" in c)
    assert _run(day, last_year).returncode == 0
    compare = "goodlooks compare last-year.json agreed.json"
    done = _run(day, compare)
    assert done.returncode == 0, done.stderr
    _check(_block(compare), done.stdout, "compare")

    mixed = "cp agreed.json answers/ && goodlooks combine answers --output again.json"
    done = _run(day, mixed)
    assert done.returncode == 4
    _check(_block(mixed), done.stderr, "mixed")
    assert not (day / "again.json").exists()

    for report in ("goodlooks report agreed.json --baseline last-year.json --format html --output board.html",
                   "goodlooks report agreed.json --baseline last-year.json --format markdown --output board.md"):
        assert report in commands
        done = _run(day, report)
        assert done.returncode == 0, done.stderr
    assert "<html" in (day / "board.html").read_text()
