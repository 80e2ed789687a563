"""Round three, defect 3: no command writes over a file it reads, not even with --force (combine
already refused this; now report, assess, form and init do too), and a file replaced with
--force never gets wider permissions than it had."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK
from figures import record

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and links")
ANSWERS = "answers:\n  users-met: b\n  users-heard: y\n"


@pytest.fixture
def board(run, write, workdir) -> Path:
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    write("users: High\n", "targets.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    return workdir


def _refused(result, output: str) -> None:
    assert result.exit_code == 2, result.output
    assert f"{output} is one of the files this command reads" in result.stderr
    record("writes over a command's own input refused")


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_report_never_overwrites_its_own_input(run, board, format):
    before = (board / "r.json").read_bytes()
    result = run("report", "r.json", "--format", format, "--output", "r.json", "--force")
    _refused(result, "r.json")
    assert result.stderr == ("r.json is one of the files this command reads; choose another --output, so it is "
                             "not overwritten (not even with --force)\n")
    assert (board / "r.json").read_bytes() == before
    assert stat.S_IMODE(os.stat(board / "r.json").st_mode) == 0o600


def test_report_never_overwrites_its_baseline(run, board):
    (board / "old.json").write_bytes((board / "r.json").read_bytes())
    result = run("report", "r.json", "--baseline", "old.json", "--output", "old.json", "--force")
    assert result.exit_code == 2
    assert "old.json is one of the files this command reads" in result.stderr


@POSIX
def test_report_sees_through_another_name_for_its_input(run, board):
    os.link(board / "r.json", board / "alias.md")
    result = run("report", "r.json", "--output", "alias.md", "--force")
    assert result.exit_code == 2
    assert result.stderr.startswith("alias.md (the same file as r.json) is one of the files this command reads")


def test_csv_report_never_writes_over_an_input_in_its_folder(run, board):
    (board / "out").mkdir()
    (board / "out" / "answers.csv").write_bytes((board / "r.json").read_bytes())
    result = run("report", "out/answers.csv", "--format", "csv", "--output", "out", "--force")
    assert result.exit_code == 2
    assert "out/answers.csv is one of the files this command reads" in result.stderr


@pytest.mark.parametrize(("args", "name"), [
    (("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "answers.yaml", "--force"),
     "answers.yaml"),
    (("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "bank.yaml", "--force"), "bank.yaml"),
    (("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--targets", "targets.yaml", "--output",
      "targets.yaml", "--force"), "targets.yaml"),
    (("form", "--bank", "bank.yaml", "--output", "bank.yaml", "--force"), "bank.yaml"),
    (("init", "bank.yaml", "--from", "bank.yaml", "--force"), "bank.yaml"),
    (("init", "bank.yaml", "--extends", "bank.yaml", "--force"), "bank.yaml"),
])
def test_no_writer_overwrites_its_own_input(run, board, args, name):
    before = (board / name).read_bytes()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert f"{name} is one of the files this command reads" in result.stderr
    assert (board / name).read_bytes() == before
    record("writes over a command's own input refused")


@POSIX
def test_consensus_never_overwrites_the_combined_file(run, board, monkeypatch):
    assert run("combine", "r.json", "--output", "c.json").exit_code == 0
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    before = (board / "c.json").read_bytes()
    result = run("assess", "--consensus", "c.json", "--output", "c.json", "--force")
    assert result.exit_code == 2
    assert "c.json is one of the files this command reads" in result.stderr
    assert (board / "c.json").read_bytes() == before


@POSIX
def test_an_overlays_base_is_never_overwritten(run, board):
    (board / "over.yaml").write_text('extends: bank.yaml\nid: over\nversion: "1"\n', encoding="utf-8")
    before = (board / "bank.yaml").read_bytes()
    result = run("form", "--bank", "over.yaml", "--output", "bank.yaml", "--force")
    assert result.exit_code == 2
    assert (board / "bank.yaml").read_bytes() == before


@POSIX
def test_force_never_widens_a_files_permissions(run, board):
    (board / "paper.md").write_text("the chair's private draft\n", encoding="utf-8")
    os.chmod(board / "paper.md", 0o600)
    result = run("report", "r.json", "--output", "paper.md", "--force")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(board / "paper.md").st_mode) == 0o600
    assert (board / "paper.md").read_text(encoding="utf-8").startswith("# Tiny bank")
    (board / "public.md").write_text("x", encoding="utf-8")
    os.chmod(board / "public.md", 0o666)
    assert run("report", "r.json", "--output", "public.md", "--force").exit_code == 0
    assert stat.S_IMODE(os.stat(board / "public.md").st_mode) == 0o644  # never wider than a new file
    assert run("report", "r.json", "--output", "new.md").exit_code == 0
    assert stat.S_IMODE(os.stat(board / "new.md").st_mode) == 0o644
