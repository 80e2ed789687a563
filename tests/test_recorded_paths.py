"""Round three, defects 17 to 19: what a results or answers file records is the file's, not the
command line's. A recorded scope naming nothing in the bank blames the file, not --only; a
recorded bank path is a hint, used only if a bank with the recorded id is there, and nothing of
any other file is read out; an overlay whose base has gone falls back to the copy carried in
the results file, as a plain bank does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TINY_BANK
from figures import record

PARTLY = "answers:\n  users-met: b\n"
SECRET = "root:$6$SECRET-HASH-OF-THE-CHAIR:19000:0:99999:7:::\n"


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def partly(run, write, workdir) -> Path:
    write(TINY_BANK)
    write(PARTLY, "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    return workdir / "r.json"


# Defect 17 ------------------------------------------------------------------------------------

def test_a_recorded_scope_naming_nothing_blames_the_file_not_only(run, partly):
    _edit(partly, lambda d: d.__setitem__("scope", ["gone"]))
    for args in (("profile", "r.json"), ("report", "r.json"), ("combine", "r.json", "--output", "c.json",
                                                               "--include-incomplete")):
        result = run(*args)
        assert result.exit_code == 4, (args, result.output)
        assert "--only" not in result.stderr
    assert run("profile", "r.json").stderr == (
        "r.json: its 'scope' (the questions asked) names 'gone', which bank 'tiny' does not have; the file was "
        "made from another bank, or is damaged\n")
    record("recorded scopes and paths treated as the file's, not the command line's")


def test_an_answers_files_only_naming_nothing_blames_that_file(run, write):
    write(TINY_BANK)
    write("only: [gone]\nanswers:\n  users-met: b\n", "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")
    assert (result.exit_code, result.stderr) == (4, "answers.yaml: its 'only' (the questions the form asked) names "
                                                    "'gone', which bank 'tiny' does not have; the file was made "
                                                    "from another bank, or is damaged\n")


def test_only_given_on_the_command_line_still_says_only(run, write):
    write(TINY_BANK)
    write(PARTLY, "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--only", "gone", "--output", "r.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("--only: nothing in bank 'tiny' is called 'gone'")


# Defect 18 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["path", "absolute_path"])
def test_a_recorded_path_to_another_file_is_never_read_out(run, partly, keys, workdir, field):
    (workdir / "shadow").write_text(SECRET, encoding="utf-8")
    _edit(partly, lambda d: (d["bank"].__setitem__("path", "gone.yaml"),
                             d["bank"].__setitem__("absolute_path", str(workdir / "gone.yaml")),
                             d["bank"].__setitem__(field, str(workdir / "shadow"))))
    keys.send_text("1\r\r\r\r\r")  # answer the question left, how known skipped, no note, finish, no targets
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "SECRET" not in result.output and "root:" not in result.output
    said = " ".join(result.stderr.split())
    assert (f"The bank file recorded in r.json is not used: {workdir / 'shadow'} could not be loaded as a bank "
            f"(see why with: goodlooks validate {workdir / 'shadow'}). Carrying on with the copy of the bank "
            "saved in r.json.") in said
    record("recorded scopes and paths treated as the file's, not the command line's")


def test_a_recorded_path_to_another_bank_is_not_taken_for_this_one(run, partly, keys, workdir):
    (workdir / "other.yaml").write_text(TINY_BANK.replace("id: tiny", "id: other"), encoding="utf-8")
    _edit(partly, lambda d: (d["bank"].__setitem__("path", "other.yaml"),
                             d["bank"].__setitem__("absolute_path", str(workdir / "other.yaml"))))
    keys.send_text("1\r\r\r\r\r")
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "other.yaml is now bank 'other', not 'tiny'" in " ".join(result.stderr.split())


def test_the_recorded_bank_is_still_used_when_it_is_there(run, partly, keys):
    keys.send_text("1\r\r\r\r\r")
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "copy of the bank" not in result.stderr


# Defect 19 ------------------------------------------------------------------------------------

def test_an_overlay_whose_base_is_gone_falls_back_to_the_copy(run, write, workdir, keys):
    write(TINY_BANK, "base.yaml")
    write('extends: base.yaml\nid: over\nversion: "1"\n', "over.yaml")
    write(PARTLY, "answers.yaml")
    assert run("assess", "--bank", "over.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    (workdir / "base.yaml").unlink()
    keys.send_text("1\r\r\r\r\r")
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert ("The bank file recorded in r.json is not used: over.yaml could not be loaded as a bank (see why "
            "with: goodlooks validate over.yaml). Carrying on with the copy of the bank saved in r.json."
            ) in " ".join(result.stderr.split())
    assert json.loads((workdir / "r.json").read_text(encoding="utf-8"))["status"] == "complete"
    record("recorded scopes and paths treated as the file's, not the command line's")
