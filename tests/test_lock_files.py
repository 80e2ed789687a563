"""Round three, defects 1, 11 and 16: the lock file beside a results file is written only when it
is a regular file with one name. A hard link, a FIFO or a symbolic link there is refused before a
byte is written (exit 2), and every refusal names the lock file and says what to do."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK
from figures import record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and locks")
ANSWERS = "answers:\n  users-met: b\n  users-heard: y\n"
LOCK = ".r.json.goodlooks-lock"


@pytest.fixture
def folder(write, workdir) -> Path:
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    (workdir / "other").mkdir()
    (workdir / "other" / "precious.txt").write_text("the board's minutes\n", encoding="utf-8")
    return workdir


def _assess(run):
    return run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")


def _refuse_opening_the_lock(monkeypatch) -> None:
    """Opening the lock file fails as the system answers for a file of another user (the tests
    run as root in CI, whom no permission stops)."""
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if str(path).endswith(LOCK):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def test_a_hard_linked_lock_is_refused_and_the_other_file_kept(run, folder):
    os.link(folder / "other" / "precious.txt", folder / LOCK)
    result = _assess(run)
    assert result.exit_code == 2
    assert (folder / "other" / "precious.txt").read_text(encoding="utf-8") == "the board's minutes\n"
    lock = folder / LOCK
    assert result.stderr == (
        f"cannot lock r.json: its lock file {lock} has 1 other name (a hard link to another file), so writing "
        f"it would change that file too. goodlooks writes nothing through it; remove it (rm {lock}) and try "
        "again.\n")
    assert not (folder / "r.json").exists()
    record("lock files refused before writing (hard link, FIFO, symbolic link)")


def test_a_fifo_as_the_lock_is_refused_not_exit_1(run, folder):
    os.mkfifo(folder / LOCK)
    result = _assess(run)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"cannot lock r.json: its lock file {folder / LOCK} is a named pipe (FIFO), "
                                    "not the small file goodlooks keeps there.")
    record("lock files refused before writing (hard link, FIFO, symbolic link)")


def test_a_symbolic_link_as_the_lock_names_the_lock_file(run, folder):
    (folder / LOCK).symlink_to(folder / "other" / "precious.txt")
    result = _assess(run)
    assert result.exit_code == 2
    lock = folder / LOCK
    assert result.stderr == (f"cannot lock r.json: its lock file {lock} is a symbolic link, and goodlooks never "
                             f"writes through one there; remove it (rm {lock}) and try again.\n")
    assert "Too many levels" not in result.stderr
    assert (folder / "other" / "precious.txt").read_text(encoding="utf-8") == "the board's minutes\n"
    record("lock files refused before writing (hard link, FIFO, symbolic link)")


def test_a_stale_lock_owned_by_someone_else_says_so_not_choose_a_folder(run, folder, monkeypatch):
    (folder / LOCK).write_text("4242\n", encoding="utf-8")  # left by another user's run
    _refuse_opening_the_lock(monkeypatch)
    result = _assess(run)
    assert result.exit_code == 2
    lock = folder / LOCK
    assert result.stderr == (
        f"cannot lock r.json: its lock file {lock} cannot be opened (Permission denied): it belongs to someone "
        f"else, perhaps left by their run. If nobody is writing r.json now, remove it (rm {lock}) and try "
        "again.\n")


def test_a_folder_that_cannot_be_written_still_says_so(run, folder, monkeypatch):
    _refuse_opening_the_lock(monkeypatch)
    result = _assess(run)
    assert result.exit_code == 2
    assert result.stderr == (f"cannot lock r.json: its lock file {folder / LOCK} cannot be made (Permission "
                             "denied); choose a folder you can write to, or check that this one is not full "
                             "or read-only\n")


def test_an_ordinary_stale_lock_is_still_taken(run, folder):
    (folder / LOCK).write_text("999999\n", encoding="utf-8")  # a killed run's: one name, regular
    assert _assess(run).exit_code == 0
    assert not (folder / LOCK).exists()
