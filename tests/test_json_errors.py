"""`--format json` when a command is refused: the message on standard error as always, and on
standard output one JSON document, `{"error": {"exit_code", "kind", "message"}}`, so a script
reading the output always has JSON to parse (and the exit code to go by). Hostile names and
texts reach it escaped, as in every other JSON goodlooks writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from goodlooks.base.safe_text import has_unsafe

DAMAGED = "damaged\x1b[2J.json"
BAD_BANK = "bad\x07.yaml"
KINDS = {2: "usage", 3: "invalid bank", 4: "invalid answers or results file", 1: "unexpected"}


@pytest.fixture
def files(run, workdir: Path) -> Path:
    """A finished results file, a damaged one (cut short) and a bank with a problem."""
    result = run("assess", "--answers", str(EXAMPLES / "workshop" / "chair.yaml"), "--only", "board-question",
                 "--organisation", "North", "--output", "good.json")
    assert result.exit_code == 0, result.output
    (workdir / DAMAGED).write_text('{"goodlooks_results": 1, "bank": {"id": "x\x9b', encoding="utf-8")
    (workdir / BAD_BANK).write_text("id: b\ntitle: [unclosed\n", encoding="utf-8")
    return workdir


def _error(result, code: int) -> dict:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert not has_unsafe(result.stdout.replace("\n", "")), repr(result.stdout[:400])
    document = json.loads(result.stdout)
    assert list(document) == ["error"]
    error = document["error"]
    assert (error["exit_code"], error["kind"]) == (code, KINDS[code])
    said = result.stderr.strip().splitlines()
    assert said and error["message"].splitlines()[-1][-30:] == said[-1][-30:]  # the same message, on both
    return error


@pytest.mark.parametrize("args", [
    ("profile", DAMAGED),
    ("compare", "good.json", DAMAGED),
    ("trend", "good.json", DAMAGED),
    ("peers", "good.json", DAMAGED),
    ("combine", "good.json", DAMAGED, "--output", "c.json"),
    ("diff", "what-good-looks-like", DAMAGED),
], ids=lambda args: args[0])
def test_a_damaged_results_file_is_a_json_error(run, files, args):
    error = _error(run(*args, "--format", "json"), 4)
    assert error["message"].startswith(DAMAGED + ":1:")  # the name as it is, escaped only as JSON escapes it
    assert not Path("c.json").exists()


@pytest.mark.parametrize("args", [("questions", "--bank", BAD_BANK), ("diff", BAD_BANK, "what-good-looks-like")],
                         ids=lambda args: args[0])
def test_a_bank_with_problems_is_a_json_error(run, files, args):
    error = _error(run(*args, "--format", "json"), 3)
    assert BAD_BANK in error["message"]


@pytest.mark.parametrize("args", [("profile", "missing.json"), ("list", "no-such-folder")], ids=lambda a: a[0])
def test_a_usage_mistake_is_a_json_error(run, files, args):
    error = _error(run(*args, "-f", "json"), 2)
    assert error["message"].startswith(f"{args[1]} does not exist")


def test_the_format_may_come_first_and_the_error_is_still_json(run, files):
    _error(run("profile", "--format", "json", DAMAGED), 4)


def test_validate_writes_its_own_document_only(run, files):
    result = run("validate", BAD_BANK, "--format", "json")
    assert result.exit_code == 3
    document = json.loads(result.stdout)  # one document: the problems, not an error after them
    assert document["valid"] is False and "error" not in document
    assert "1 problem in 1 file" in result.stderr


def test_text_output_stays_empty_when_refused(run, files):
    result = run("profile", DAMAGED)
    assert (result.exit_code, result.stdout) == (4, "")
    assert "damaged" in result.stderr


def test_one_run_asking_for_json_does_not_make_the_next_write_json(run, files):
    _error(run("profile", DAMAGED, "--format", "json"), 4)
    result = run("profile", DAMAGED)
    assert (result.exit_code, result.stdout) == (4, "")


def test_an_unexpected_error_is_a_json_error_too(run, files, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("goodlooks.results.store.load_results", broken)
    result = run("profile", "good.json", "--format", "json")
    error = _error(result, 1)
    assert "RuntimeError: a bug" in error["message"] and "please report it" in result.stderr
