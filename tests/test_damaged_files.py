"""Promise 4 (defects 5, 6, 7 and 12): damaged, oversized, special and wrong-kind files are refused
with exit 4 (3 for banks) and one located message, never exit 1; size and kind are checked before
a byte is read."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import TINY_BANK, finished_results, subprocess_env
from figures import record

ANSWERS = "respondent: Dana\nanswers:\n  users-met: b\n  users-heard: {option: y, note: why}\n"


@pytest.fixture
def finished(run, write, workdir):
    return finished_results(run, write, ANSWERS)


# Defect 5 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d["answers"].__setitem__("ghost", dict(d["answers"]["users-met"])),
     "question 'ghost' is not in bank 'tiny'"),
    (lambda d: d["answers"]["users-met"].__setitem__("option", "zz"),
     "question 'users-met' has no option 'zz' in bank 'tiny'"),
])
def test_profile_refuses_answers_that_do_not_fit_the_bank_it_carries(run, finished, edit, message):
    data = json.loads(finished.read_text())
    edit(data)
    finished.write_text(json.dumps(data))
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr == f"r.json: its answers do not fit the bank: {message}\n"


# Defect 6 -------------------------------------------------------------------------------------

def _replace_first_key(text: str, key: str, duplicate: str) -> str:
    return text.replace(f'"{key}":', f'{duplicate}\n  "{key}":', 1)


DAMAGE = [
    ("nesting 5,000 deep", lambda t: t[:-2] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}\n",
     "r.json: the JSON is nested thousands of levels deep; a results file never is, so it is damaged or "
     "not a goodlooks results file"),
    ("nesting 100 deep", lambda t: t[:-2] + ', "x": ' + "[" * 100 + "]" * 100 + "}\n",
     "r.json: the JSON is nested more than 64 levels deep; a results file never is, so it is damaged or "
     "not a goodlooks results file"),
    ("a 5,000-digit integer", lambda t: t.replace('"score": 2', '"score": ' + "9" * 5000, 1),
     None),
    ("duplicate keys", lambda t: _replace_first_key(t, "respondent", '"respondent": "Mallory",'),
     "r.json:1:1: duplicate key 'respondent' in the object that starts here; a results file has each key "
     "once, so it is damaged or was edited by hand"),
    ("NaN", lambda t: t.replace('"score": 2', '"score": NaN', 1), None),
    ("a number too large", lambda t: t.replace('"score": 2', '"score": 1e999', 1), None),
    ("truncation", lambda t: t[: len(t) // 2], None),
    ("an empty file", lambda t: "", "r.json: the file is empty; the run that created it stopped before "
                                    "saving anything. Delete it, or start again with: goodlooks assess"),
    ("bytes that are not UTF-8", lambda t: t.replace("Dana", "Dan\udce9"), None),
]


@pytest.mark.parametrize(("damage", "message"), [d[1:] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_damaged_json_exits_4_with_a_located_message(run, finished, damage, message, monkeypatch):
    finished.write_bytes(damage(finished.read_text()).encode("utf-8", "surrogateescape"))
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    for command in (("profile", "r.json"), ("assess", "--resume", "r.json")):
        result = run(*command)
        assert result.exit_code == 4, result.output
        assert "Traceback" not in result.output
        record("damaged results files refused")
    result = run("profile", "r.json")
    first = result.stderr.splitlines()[0]
    if message:
        assert first == message
    else:
        assert first.startswith("r.json:") and first.split(":")[1].isdigit(), first  # located: line
    assert len(result.stderr.splitlines()) == 1


def test_a_long_integer_is_located_on_its_line(run, finished):
    text = finished.read_text()
    # an integer score (an answer's score is written 2.0; the bank copy's option scores are whole)
    finished.write_text(re.sub(r'"score": ?2(?=[,}\s])', '"score": ' + "9" * 5000, text, count=1))
    line = next(n for n, row in enumerate(finished.read_text().splitlines(), 1) if "9" * 100 in row)
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"r.json:{line}:")
    assert "a number 5000 digits long; no number in a results file needs more than 30" in result.stderr


def test_duplicate_keys_in_a_nested_object_are_located_at_that_object(run, finished):
    text = finished.read_text()
    finished.write_text(text.replace('"option": "y",', '"option": "n", "option": "y",', 1))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"users-heard": {' in row)
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"r.json:{line}:")
    assert "duplicate key 'option'" in result.stderr


# Defect 7 -------------------------------------------------------------------------------------

def _limited(folder, *args: str) -> subprocess.CompletedProcess:
    """Run goodlooks with 1.5 GB of address space: reading a 3 GB file whole cannot succeed."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)

    return subprocess.run([sys.executable, "-m", "goodlooks", *args], cwd=folder, env=subprocess_env(),
                          capture_output=True, text=True, timeout=60, preexec_fn=limit)


@pytest.mark.skipif(sys.platform != "linux", reason="sparse files and RLIMIT_AS as on Linux")
@pytest.mark.parametrize(("args", "code", "message"), [
    (("profile", "big.json"), 4, "big.json: the file is 3221.3 MB (3,221,225,472 bytes), over the 64 MB limit "
     "(64,000,000 bytes); is it the right file?"),
    (("assess", "--answers", "big.json"), 4,
     "big.json: the file is 3221.3 MB (3,221,225,472 bytes), over the 32 MB limit (32,000,000 bytes); "
     "is it the right file?"),
    (("validate", "big.json"), 3, "big.json:1:1: the file is 3221.3 MB (3,221,225,472 bytes), over the 32 MB "
                                  "limit (32,000,000 bytes); is it the right file?"),
])
def test_a_3_gb_file_is_refused_before_it_is_read(tmp_path, args, code, message):
    with open(tmp_path / "big.json", "wb") as big:
        big.truncate(3 * 1024 ** 3)  # sparse: no disk used
    done = _limited(tmp_path, *args)
    assert (done.returncode, done.stderr.splitlines()[0]) == (code, message), done.stderr
    record("oversized files refused before reading")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize(("args", "code", "message"), [
    (("profile", "pipe"), 4, "pipe: this is a named pipe (FIFO), not a goodlooks results file; goodlooks "
                             "reads only regular files"),
    (("assess", "--answers", "pipe"), 4, "pipe: this is a named pipe (FIFO), not an answers file (YAML or "
                                         "JSON); goodlooks reads only regular files"),
    (("validate", "pipe"), 3, "pipe:1:1: this is a named pipe (FIFO), not a question bank; goodlooks reads "
                              "only regular files"),
])
def test_a_fifo_is_refused_not_waited_on(tmp_path, args, code, message):
    os.mkfifo(tmp_path / "pipe")
    done = subprocess.run([sys.executable, "-m", "goodlooks", *args], cwd=tmp_path, env=subprocess_env(),
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr.splitlines()[0]) == (code, message), done.stderr
    record("special files refused")


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/zero and RLIMIT_AS as on Linux")
def test_a_device_is_refused(tmp_path):
    for args, code in ((("profile", "/dev/zero"), 4), (("assess", "--answers", "/dev/zero"), 4),
                       (("validate", "/dev/zero"), 3)):
        done = _limited(tmp_path, *args)  # reading /dev/zero whole would never end
        assert done.returncode == code
        assert "this is a character device" in done.stderr
        record("special files refused")


# Defect 12 ------------------------------------------------------------------------------------

def test_a_results_file_given_as_a_bank_says_what_it_is(run, finished):
    for args in (("validate", "r.json"), ("questions", "--bank", "r.json"),
                 ("assess", "--bank", "r.json", "--answers", "answers.yaml", "--output", "x.json")):
        result = run(*args)
        assert result.exit_code == 3
        assert result.stderr.splitlines()[0] == (
            "r.json:1:1: this is a goodlooks results file, not a question bank. To see its profile: "
            "goodlooks profile r.json; to carry on with it: goodlooks assess --resume r.json")


def test_a_bank_given_as_a_results_file_says_what_it_is(run, write):
    write(TINY_BANK)
    write(json.dumps({"id": "tiny", "dimensions": []}), "bank.json")
    for name in ("bank.yaml", "bank.json"):
        for args in (("profile", name), ("assess", "--resume", name)):
            result = run(*args)
            assert result.exit_code in (2, 4)
            if args[0] == "profile":
                assert result.exit_code == 4
                assert result.stderr == (
                    f"{name}: this is a question bank, not a results file. To answer its questions: "
                    f"goodlooks assess --bank {name}; to see them: goodlooks questions --bank {name}\n")


def test_an_answers_file_given_as_a_bank_or_results_says_what_it_is(run, write):
    write(ANSWERS, "answers.yaml")
    result = run("validate", "answers.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "answers.yaml:1:1: this is an answers file, not a question bank. To score it: goodlooks assess "
        "--answers answers.yaml (add --bank BANK for a bank other than the built-in one)")
    result = run("profile", "answers.yaml")
    assert result.exit_code == 4
    assert result.stderr.startswith("answers.yaml: this is an answers file, not a results file.")


def test_a_bank_given_as_answers_says_what_it_is(run, write):
    write(TINY_BANK)
    result = run("assess", "--bank", "bank.yaml", "--answers", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 4
    assert result.stderr.startswith("bank.yaml: this is a question bank, not an answers file.")
