"""Promise 2 (defect 2): one writer per results file. A second interview on a file another one
holds is refused (exit 2, naming the holder's process); a lock left by a killed process does not
block; `--output` is never overwritten without --force, even by a run started at the same
moment; default names never collide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK, subprocess_env
from figures import record
from goodlooks.base.errors import UsageError

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.posix_terminal  # skipped on Windows (tests/conftest.py)

ANSWERS = "answers:\n  users-met: b\n  users-heard: y\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "bank.yaml").write_text(TINY_BANK, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    return tmp_path


def _spawn(folder: Path, *args: str):
    child = pexpect.spawn(sys.executable, ["-m", "goodlooks", *args], cwd=str(folder), encoding="utf-8",
                          timeout=20, env=subprocess_env(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1"),
                          dimensions=(40, 100))
    child.delaybeforesend = None
    return child


def _start(folder: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "goodlooks", *args], cwd=folder, env=subprocess_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_interview_on_a_held_file_is_refused_naming_the_holder(folder):
    first = _spawn(folder, "assess", "--bank", "bank.yaml", "--output", "r.json")
    try:
        first.expect_exact("Question 1 of 2")
        first.expect_exact("Don't know")
        second = _spawn(folder, "assess", "--resume", "r.json")
        second.expect(pexpect.EOF)
        second.close()
        assert second.exitstatus == 2
        said = second.before.replace("\r\n", " ").replace("\n", " ")
        assert f"r.json is being written by another goodlooks (process {first.pid})" in " ".join(said.split())
        first.send("2\r")  # the first interview carries on and keeps its answers
        first.expect_exact("How do you know? (Enter to skip)")
        first.send("\r")
        first.expect_exact("Note: why this answer?")
        first.send("\r")
        first.expect_exact("Question 2 of 2")
        first.expect_exact("Don't know")
        first.send("1\r")  # option 1, n (Enter alone would skip it)
        first.expect_exact("How do you know? (Enter to skip)")
        first.send("\r")
        first.expect_exact("Note: why this answer?")
        first.send("\r")
        first.expect_exact("Finish and show the profile")
        first.send("\r")
        first.expect_exact("Where do you want to be in 12 months?")
        first.expect_exact("No targets for now")
        first.send("\r")
        first.expect(pexpect.EOF)
        first.close()
        assert first.exitstatus == 0
    finally:
        first.terminate(force=True)
    saved = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert {k: a["option"] for k, a in saved["answers"].items()} == {"users-met": "b", "users-heard": "n"}
    assert not list(folder.glob(".*goodlooks-lock"))  # the lock file goes with its holder


def test_a_lock_left_by_a_killed_interview_does_not_block(folder):
    first = _spawn(folder, "assess", "--bank", "bank.yaml", "--output", "r.json")
    first.expect_exact("Question 1 of 2")
    first.kill(9)
    first.close(force=True)
    assert list(folder.glob(".r.json.goodlooks-lock"))  # left behind by the kill
    second = _spawn(folder, "assess", "--resume", "r.json")
    try:
        second.expect_exact("Question 1 of 2")
    finally:
        second.terminate(force=True)


def test_the_lock_is_refused_in_process_with_the_holders_pid(folder):
    from goodlooks.results import lock

    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from goodlooks.results import lock; lock.hold(Path('r.json')); "
                               "print('held', flush=True); time.sleep(30)"],
                              cwd=folder, env=subprocess_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(UsageError, match=rf"process {holder.pid}\)"):
            lock.hold(folder / "r.json")
    finally:
        holder.kill()
        holder.wait()
    lock.hold(folder / "r.json")  # its holder is gone: free again
    lock.release_all()


TRIALS = 10


def test_two_runs_started_together_never_both_write_one_output(folder):
    for trial in range(TRIALS):
        name = f"same-{trial}.json"
        runs = [_start(folder, "assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", name)
                for _ in range(2)]
        codes = sorted(run.wait(timeout=60) for run in runs)
        errors = [run.stderr.read() for run in runs]
        assert codes == [0, 2], errors
        assert any("already exists" in e or "being written by another goodlooks" in e for e in errors)
        json.loads((folder / name).read_text(encoding="utf-8"))
        record("simultaneous runs on one --output: exactly one wrote it")


def test_runs_started_together_on_default_names_never_collide(folder):
    runs = [_start(folder, "assess", "--bank", "bank.yaml", "--answers", "answers.yaml") for _ in range(6)]
    assert [run.wait(timeout=60) for run in runs] == [0] * 6
    files = sorted((folder / "goodlooks-results").glob("tiny-*.json"))
    assert len(files) == 6
    for file in files:
        assert json.loads(file.read_text(encoding="utf-8"))["status"] == "complete"
    record("simultaneous runs on default names, each its own file", 6)


def test_claim_new_never_overwrites_without_force(tmp_path):
    from goodlooks.results import lock

    path = tmp_path / "r.json"
    assert lock.create_exclusive(path) is True
    assert lock.create_exclusive(path) is False
    with pytest.raises(UsageError, match="already exists"):
        lock.claim_new(path, force=False)
    lock.claim_new(path, force=True)  # allowed, and left for the save to replace
