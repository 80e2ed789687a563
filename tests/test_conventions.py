"""The conventions every command keeps: data on standard output and messages on standard error;
`-` for standard input and output; `--quiet`; `--debug` anywhere on the line; choices as Enums,
every member accepted; Typer's shell completion."""

from __future__ import annotations

import json
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest

from conftest import TINY_BANK, subprocess_env
from goodlooks.cli import choices
from goodlooks.cli.commands import app
from goodlooks.report.interface import ReportFormat

ANSWERS = "respondent: Pat\nanswers:\n  users-met: b\n  users-heard: y\n"
PARTLY = "answers:\n  users-met: a\n"


@pytest.fixture
def files(run, write, workdir: Path) -> Path:
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    write(PARTLY, "partly.yaml")
    for name, answers in (("r.json", "answers.yaml"), ("old.json", "partly.yaml")):
        assert run("assess", "--bank", "bank.yaml", "--answers", answers, "--output", name).exit_code == 0
    (workdir / "people").mkdir()
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "people/a.json").exit_code == 0
    return workdir


def _profile_shown(text: str) -> bool:
    return "Maturity profile: Tiny bank" in text


# --- data on standard output, messages on standard error: one test per command ------------------

def test_assess(run, files):
    result = run("assess", "--bank", "bank.yaml", "--answers", "partly.yaml", "--output", "new.json")
    assert _profile_shown(result.stdout) and "Saved" not in result.stdout
    assert result.stderr == ("\nSaved in new.json\n1 question not answered yet; to answer it: goodlooks assess "
                             "--resume new.json\n")


def test_profile(run, files):
    result = run("profile", "r.json")
    assert _profile_shown(result.stdout) and result.stderr == ""


def test_validate(run, files):
    result = run("validate", "bank.yaml")
    assert result.stdout == "bank.yaml: valid (1 dimension, 2 questions)\n"
    assert result.stderr.startswith("bank.yaml:21:9: warning: question 'users-met' has no 'evidence'")


def test_validate_says_problems_on_standard_error(run, write, files):
    write("id: [\n", "broken.yaml")
    result = run("validate", "broken.yaml")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("broken.yaml:2:1:")


def test_questions(run, files):
    result = run("questions", "--bank", "bank.yaml")
    assert "Do teams meet users?" in result.stdout and result.stderr == ""


def test_schema(run, files):
    result = run("schema")
    assert json.loads(result.stdout)["title"] == "goodlooks question bank" and result.stderr == ""


def test_init(run, files):
    result = run("init", "mine.yaml")
    assert result.stdout == "" and result.stderr.startswith("Wrote mine.yaml.")


def test_diff(run, files):
    result = run("diff", "bank.yaml", "what-good-looks-like")
    assert result.stdout and result.stderr == ""


def test_combine(run, files):
    # --keep-duplicates: r.json and people/a.json are both Pat's (one person counts once, issue 17)
    result = run("combine", "r.json", "people", "--output", "c.json", "--keep-duplicates")
    assert _profile_shown(result.stdout) and "Combined 2" not in result.stdout
    assert "Combined 2 results files into c.json" in result.stderr


def test_compare(run, files):
    result = run("compare", "old.json", "r.json")
    assert result.exit_code == 0 and result.stdout and result.stderr == ""


def test_list(run, files):
    result = run("list", "people")
    assert "a.json" in result.stdout and result.stderr == ""
    (files / "empty").mkdir()
    empty = run("list", "empty")  # nothing there: that is said, and nothing listed
    assert (empty.stdout, empty.stderr) == ("", "No results files in empty. Start one with: goodlooks assess\n")


def test_form(run, files):
    result = run("form", "--bank", "bank.yaml", "--output", "form.html")
    assert result.stdout == "" and result.stderr.startswith("Wrote form.html.")


def test_report(run, files):
    shown = run("report", "r.json")
    assert shown.stdout.startswith("#") and shown.stderr == ""
    written = run("report", "r.json", "--output", "r.md")
    assert (written.stdout, written.stderr) == ("", "Wrote r.md\n")


def test_peers(run, workdir):
    from standing_data import peer_folder

    own, peers = peer_folder(workdir)
    result = run("peers", str(own), str(peers))
    assert result.exit_code == 0 and result.stdout and result.stderr == ""
    for member in choices.OutputFormat:  # every member of the choice
        assert run("peers", str(own), str(peers), "--format", member.value).exit_code == 0
    assert json.loads(run("peers", str(own), str(peers), "--format", "json").stdout)["organisation"]


def test_trend(run, workdir):
    from standing_data import years_folder

    years = years_folder(workdir)
    result = run("trend", *map(str, years))
    assert result.exit_code == 0 and result.stdout and result.stderr == ""
    for member in choices.OutputFormat:  # every member of the choice
        assert run("trend", *map(str, years), "--format", member.value).exit_code == 0
    assert json.loads(run("trend", *map(str, years), "--format", "json").stdout)
    import shutil

    shutil.copy(years[0], workdir / "copy.json")
    twice = run("trend", *map(str, years), "copy.json")
    assert twice.exit_code == 0 and "Counted once" in twice.stderr and "Counted once" not in twice.stdout
    assert run("trend", *map(str, years), "copy.json", "--quiet").stderr == ""


def test_room(run, files):
    """The room needs a terminal (its end to end test drives one); without one it says so on
    standard error, and takes --quiet and --debug like every command."""
    result = run("room", "--bank", "bank.yaml", "--quiet", "--debug")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "goodlooks room is driven from a terminal" in result.stderr


def test_every_command_is_covered_here():
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert {command.name or command.callback.__name__ for command in app.registered_commands} <= tested


# --- - for standard input and output ------------------------------------------------------------

def test_a_bank_from_standard_input(run, files):
    result = run("validate", "-", input=TINY_BANK)
    assert (result.exit_code, result.stdout) == (0, "-: valid (1 dimension, 2 questions)\n")
    assert "Do teams meet users?" in run("questions", "--bank", "-", input=TINY_BANK).stdout
    broken = run("validate", "-", input="id: [\n")
    assert broken.exit_code == 3 and broken.stderr.startswith("-:2:1:")


def test_answers_from_standard_input_and_results_to_standard_output(run, files):
    result = run("assess", "--bank", "bank.yaml", "--answers", "-", "--output", "-", input=ANSWERS)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondent"] == "Pat" and result.stderr == ""
    assert not Path("-").exists() and not Path("goodlooks-results").exists()


def test_a_bank_read_from_standard_input_records_no_path(run, files):
    result = run("assess", "--bank", "-", "--answers", "answers.yaml", "--output", "s.json", input=TINY_BANK)
    assert result.exit_code == 0, result.output
    recorded = json.loads(Path("s.json").read_text())["bank"]
    assert (recorded["path"], recorded["absolute_path"], recorded["id"]) == (None, None, "tiny")


def test_results_from_standard_input(run, files):
    results = Path("r.json").read_text()
    assert _profile_shown(run("profile", "-", input=results).stdout)
    assert run("compare", "-", "old.json", input=results).exit_code == 0
    assert run("report", "-", input=results).stdout.startswith("#")
    combined = run("combine", "-", "old.json", "--output", "-", "--include-incomplete", input=results)
    assert combined.exit_code == 0, combined.output
    assert json.loads(combined.stdout)["kind"] == "combined"


def test_standard_input_is_read_once(run, files):
    result = run("compare", "-", "-", input=Path("r.json").read_text())
    assert (result.exit_code, result.stderr) == (
        2, "standard input (-) can be read only once; give the other files by name\n")


def test_files_written_to_standard_output(run, files):
    assert run("init", "-").stdout.startswith("# A goodlooks question bank")
    assert run("form", "--bank", "bank.yaml", "--output", "-").stdout.startswith("<!DOCTYPE html>")
    assert run("report", "r.json", "--format", "html", "--output", "-").stdout.startswith("<!DOCTYPE html>")
    assert not Path("-").exists()


def test_a_word_paper_to_standard_output_is_the_file_itself(run, files):
    result = run("report", "r.json", "--format", "docx", "--output", "-")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip: .docx
    assert not Path("-").exists()


def test_an_interview_cannot_save_to_standard_output(run, files):
    result = run("assess", "--bank", "bank.yaml", "--output", "-")
    assert result.exit_code == 2 and "it needs a file, not -" in result.stderr


# --- --quiet and --debug anywhere ----------------------------------------------------------------

@pytest.mark.parametrize("at", ["before", "after"])
@pytest.mark.parametrize("args", [("init", "q.yaml"), ("form", "--bank", "bank.yaml", "--output", "q.html"),
                                  ("assess", "--bank", "bank.yaml", "--answers", "partly.yaml", "--output", "q.json"),
                                  ("combine", "r.json", "people", "--output", "q.json"),
                                  ("report", "r.json", "--output", "q.md"), ("list",)])
def test_quiet_leaves_only_the_output(run, files, at, args):
    result = run("--quiet", *args) if at == "before" else run(*args, "--quiet")
    assert (result.exit_code, result.stderr) == (0, "")


def test_quiet_never_hides_an_error(run, files):
    result = run("validate", "nope.yaml", "--quiet")
    assert result.exit_code == 2 and "nope.yaml" in result.stderr


@pytest.mark.parametrize("args", [("--debug", "validate", "nope.yaml"), ("validate", "--debug", "nope.yaml"),
                                  ("validate", "nope.yaml", "--debug")])
def test_debug_anywhere_on_the_line_shows_the_traceback(run, files, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "built-in banks: what-good-looks-like" in result.stderr


def test_every_command_takes_debug_and_quiet(run):
    for info in app.registered_commands:
        shown = run(info.name or info.callback.__name__, "--help").stdout
        assert "--debug" in shown and "--quiet" in shown, info.callback.__name__


def test_without_debug_no_traceback(run, files):
    assert "Traceback" not in run("validate", "nope.yaml").stderr


# --- choices are Enums, every member accepted ------------------------------------------------------

CHOICE_OPTIONS = [
    (choices.OutputFormat, lambda member: ("profile", "r.json", "--format", member)),
    (choices.OutputFormat, lambda member: ("list", "people", "--format", member)),
    (choices.OutputFormat, lambda member: ("validate", "bank.yaml", "--format", member)),
    (choices.OutputFormat, lambda member: ("combine", "r.json", "people", "--output", f"c-{member}.json",
                                           "--format", member)),
    (choices.OutputFormat, lambda member: ("compare", "old.json", "r.json", "--format", member)),
    (choices.OutputFormat, lambda member: ("diff", "bank.yaml", "bank.yaml", "--format", member)),
    (choices.OutputFormat, lambda member: ("questions", "--bank", "bank.yaml", "--format", member)),
    (choices.SchemaKind, lambda member: ("schema", member)),
    (ReportFormat, lambda member: ("report", "r.json", "--format", member, "--output", f"out-{member}")),
]


@pytest.mark.parametrize(("enum", "args"), CHOICE_OPTIONS)
def test_every_member_of_every_choice_is_accepted(run, files, enum: type[Enum], args):
    for member in enum:
        result = run(*args(member.value))
        assert result.exit_code == 0, (member, result.output)
        if member.value == "json":
            json.loads(result.stdout)


@pytest.mark.parametrize(("enum", "args"), CHOICE_OPTIONS)
def test_a_choice_not_in_the_enum_is_a_usage_error_naming_the_choices(run, files, enum: type[Enum], args):
    result = run(*args("nonsense"))
    said = " ".join(result.stderr.replace("│", " ").split())
    assert result.exit_code == 2
    assert "'nonsense' is not one of " + ", ".join(f"'{member.value}'" for member in enum) in said


def test_every_order_of_questions_is_accepted(run, files):
    for member in choices.QuestionOrder:
        result = run("assess", "--consensus", "r.json", "--order", member.value)
        assert result.exit_code == 2 and "at a terminal" in result.stderr  # past the option, to the terminal


def test_every_choice_in_the_command_line_is_an_enum():
    """No choice is a string checked by hand against a list: every format, order or kind is an Enum."""
    import inspect
    import typing

    found = 0
    for info in app.registered_commands:
        for name, parameter in inspect.signature(info.callback, eval_str=True).parameters.items():
            if name in ("format", "order", "kind"):
                declared = typing.get_args(parameter.annotation)[0]
                assert isinstance(declared, type) and issubclass(declared, Enum), (info.callback.__name__, name)
                found += 1
    assert found >= 11


# --- shell completion ------------------------------------------------------------------------------

def test_shell_completion_is_on(run):
    assert "--install-completion" in run("--help").stdout
    shown = run("--show-completion", "bash")
    assert shown.exit_code == 0 and "_GOODLOOKS_COMPLETE" in shown.stdout


def test_completion_completes_commands_and_choices(tmp_path):
    def complete(words: str) -> str:
        env = subprocess_env(_GOODLOOKS_COMPLETE="complete_bash", COMP_WORDS=words,
                             COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
        done = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'goodlooks'; "
                               "from goodlooks.cli import main; main()"], cwd=tmp_path, env=env,
                              capture_output=True, text=True)
        return done.stdout

    assert "assess" in complete("goodlooks ass").split()
    assert set(complete("goodlooks questions --format ").split()) == {"text", "json"}
