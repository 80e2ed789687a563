"""Promises 5 and 10 (defects 9 and 10): the atomic write never replaces a device node or a
symbolic link's link (it writes through to the target, and says so), long file names work,
leftover temporary files of a killed run are removed when the file is next opened; a closed pipe
ends quietly and a full disk on standard output is a clear error."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import TINY_BANK, subprocess_env

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")
PARTLY = "answers:\n  users-met: b\n"


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def partly(run, write, workdir) -> Path:
    """A results file with one of two questions answered, in real/, and link.json pointing at it."""
    write(TINY_BANK)
    write(PARTLY, "answers.yaml")
    (workdir / "real").mkdir()
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "real/r.json")
    assert result.exit_code == 0, result.output
    (workdir / "link.json").symlink_to("real/r.json")
    return workdir / "real" / "r.json"


@POSIX
def test_resuming_through_a_link_writes_the_target_and_keeps_the_link(run, keys, partly, workdir):
    keys.send_text("1\r\r\r\r\r")  # answer the second question, skip how it is known and its note, finish, no targets
    result = run("assess", "--resume", "link.json")
    assert result.exit_code == 0, result.output
    assert (workdir / "link.json").is_symlink()
    saved = json.loads(partly.read_text())
    assert saved["status"] == "complete" and set(saved["answers"]) == {"users-met", "users-heard"}
    assert f"Saved in link.json (a link: written through to {partly.resolve()})" in result.stderr


@POSIX
def test_output_through_a_link_with_force_writes_the_target(run, partly, workdir):
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "link.json", "--force")
    assert result.exit_code == 0, result.output
    assert (workdir / "link.json").is_symlink() and json.loads(partly.read_text())["status"] == "in_progress"


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_force_never_replaces_a_fifo_or_a_device(run, write, workdir, kind):
    if kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(workdir / "node", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
        what = "a character device"
    else:
        os.mkfifo(workdir / "node")
        what = "a named pipe (FIFO)"
    write(TINY_BANK)
    write(PARTLY, "answers.yaml")
    for args in (("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "node", "--force"),
                 ("init", "node", "--force")):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr == (f"node is {what}, not a file; goodlooks never replaces one (not even with "
                                 "--force); choose a file name\n")
        mode = os.lstat(workdir / "node").st_mode
        assert stat.S_ISCHR(mode) if kind == "device" else stat.S_ISFIFO(mode)


def test_a_245_character_file_name_works(run, write, workdir):
    write(TINY_BANK)
    write(PARTLY, "answers.yaml")
    name = "b" * 240 + ".json"
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", name)
    assert result.exit_code == 0, result.output
    assert json.loads((workdir / name).read_text())["answers"]["users-met"]["option"] == "b"
    result = run("init", "c" * 240 + ".yaml")
    assert result.exit_code == 0, result.output


def test_a_leftover_temporary_file_is_removed_when_the_file_is_next_opened(run, keys, partly, workdir):
    from goodlooks.base.files import temporary_prefix

    leftover = partly.parent / f"{temporary_prefix(partly)}k1ll3d.tmp"
    leftover.write_text(partly.read_text())  # what a SIGKILL between write and rename leaves
    other = partly.parent / f"{temporary_prefix(partly.with_name('other.json'))}x.tmp"
    other.write_text("{}")  # another file's: not ours to remove
    keys.send_text("1\r\r\r\r\r")  # answer, not how known, no note, finish, no targets
    result = run("assess", "--resume", "real/r.json")
    assert result.exit_code == 0, result.output
    assert not leftover.exists() and other.exists()


# Defect 10 ------------------------------------------------------------------------------------

def _goodlooks(folder: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "goodlooks", *args], cwd=folder, env=subprocess_env(),
                            stderr=subprocess.PIPE, text=True, **kwargs)


@POSIX
@pytest.mark.parametrize("args", [("schema",), ("questions",), ("questions", "--format", "json"),
                                  ("profile", "r.json", "--explain")])
def test_a_closed_pipe_ends_quietly(run, write, workdir, args):
    write(TINY_BANK)
    write(PARTLY, "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    reader, writer = os.pipe()
    os.close(reader)  # the reader has gone before goodlooks writes a byte (like `| head` done early)
    process = _goodlooks(workdir, *args, stdout=writer)
    os.close(writer)
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (0, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("schema",), ("questions",)])
def test_a_full_disk_on_standard_output_is_a_clear_error(tmp_path, args):
    with open("/dev/full", "w") as full:
        process = _goodlooks(tmp_path, *args, stdout=full)
        _, errors = process.communicate(timeout=60)
    assert process.returncode == 2
    assert errors == ("goodlooks could not write its output: No space left on device. Free some space, or "
                      "send the output somewhere else.\n")
