"""Round three, defect 15: a save killed inside `report`, `form`, `init` or `combine` leaves a
temporary file, and the next write of that file removes it (results files already did). A
temporary file a live writer holds is never taken for a leftover."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK, subprocess_env
from figures import record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and advisory locks")
HARNESS = Path(__file__).resolve().parent / "kill_harness.py"
ANSWERS = "answers:\n  users-met: b\n  users-heard: y\n"


@pytest.fixture
def board(run, write, workdir) -> Path:
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    return workdir


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(".goodlooks-*.tmp"))


def _killed_inside_its_save(folder: Path, *args: str) -> None:
    """Start goodlooks, let it write its temporary file, and SIGKILL it before the rename."""
    hold = folder / "hold-saves"
    hold.touch()
    process = subprocess.Popen([sys.executable, str(HARNESS), *args], cwd=folder, stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True,
                               env=subprocess_env(KILL_HARNESS_HOLD_FILE=str(hold)))
    try:
        for line in process.stderr:  # the harness says when the temporary file is written
            if line.strip() == "<<SAVING>>":
                break
        else:
            pytest.fail(f"goodlooks {' '.join(args)} ended without saving (exit {process.wait()})")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        process.kill()
        process.stderr.close()
        hold.unlink()


@pytest.mark.parametrize(("args", "written"), [
    (("report", "r.json", "--output", "paper.md"), "paper.md"),
    (("report", "r.json", "--format", "html", "--output", "paper.html"), "paper.html"),
    (("report", "r.json", "--format", "csv", "--output", "csv"), "csv/answers.csv"),
    (("form", "--bank", "bank.yaml", "--output", "form.html"), "form.html"),
    (("init", "new.yaml"), "new.yaml"),
    (("init", "copy.yaml", "--from", "bank.yaml"), "copy.yaml"),
    (("combine", "r.json", "--output", "c.json"), "c.json"),
])
def test_a_killed_save_is_tidied_by_the_next_write(run, board, args, written):
    _killed_inside_its_save(board, *args)
    folder = (board / written).parent
    assert _leftovers(folder), "the kill left no temporary file: it did not land inside the save"
    result = run(*args, "--force")
    assert result.exit_code == 0, result.output
    assert _leftovers(folder) == []
    record("killed saves of report, form, init and combine tidied by the next write")


def test_a_live_writers_temporary_file_is_left_alone(board):
    from goodlooks.base import files

    target = board / "paper.md"
    handle, temporary = files._temporary(board, files.temporary_prefix(target))
    try:
        assert files.remove_leftovers(target) == 0  # held: a save in progress elsewhere
        assert Path(temporary).exists()
    finally:
        os.close(handle)
    assert files.remove_leftovers(target) == 1  # nobody holds it now: a leftover
    assert not Path(temporary).exists()
