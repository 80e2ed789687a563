"""The command line as a whole: help, version, exit codes, --debug, and a quick start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO
from goodlooks.base.errors import ExitCode
from goodlooks.cli.commands import app

COMMANDS = ["assess", "profile", "validate", "questions", "schema", "init", "diff", "combine", "compare", "list",
            "peers", "trend", "form", "report", "room"]


def test_every_command_is_listed_in_order():
    assert [c.name or c.callback.__name__ for c in app.registered_commands] == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: goodlooks {command}" in result.stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"goodlooks {command}" in readme


def test_the_readme_documents_every_exit_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"| {code.value} |" in readme, code


def test_the_readme_starts_with_the_two_set_up_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "pip install . && goodlooks assess" in first_block
    assert "pip install -e '.[test]' && pytest" in first_block


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("goodlooks ")


def test_a_user_mistake_shows_a_message_and_no_traceback(run, workdir):
    result = run("validate", "nope.yaml")
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback_as_well(run, workdir):
    result = run("--debug", "validate", "nope.yaml")
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip().endswith("built-in banks: what-good-looks-like")


def test_an_unexpected_error_exits_1_with_a_short_message(run, monkeypatch):
    def broken(ref):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("goodlooks.bank.loader.load_bank", broken)
    result = run("questions")
    assert result.exit_code == ExitCode.UNEXPECTED
    assert result.stderr == ("goodlooks hit an unexpected error: RuntimeError: disk on fire\n"
                             "Run the same command with --debug to see where, and please report it.\n")
    debug = run("--debug", "questions")
    assert debug.exit_code == ExitCode.UNEXPECTED
    assert "Traceback" in debug.stderr and "disk on fire" in debug.stderr


def test_ctrl_c_outside_the_interview_exits_130(run, monkeypatch):
    def interrupted(ref):
        raise KeyboardInterrupt

    monkeypatch.setattr("goodlooks.bank.loader.load_bank", interrupted)
    result = run("questions")
    assert result.exit_code == ExitCode.INTERRUPTED
    assert result.stderr == "\nInterrupted.\n"


def test_an_unknown_command_is_a_usage_error(run):
    assert run("asses").exit_code == ExitCode.USAGE


def test_help_imports_no_heavy_modules():
    code = ("import sys; from goodlooks.cli.commands import app\n"
            "try:\n    app(['--help'], prog_name='goodlooks')\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in "
            "('questionary', 'yaml', 'jinja2', 'starlette', 'uvicorn', 'sse_starlette', 'segno', 'anyio', "
            "'httpx') or m.startswith(('goodlooks.bank', 'goodlooks.room'))]\n"
            "print(sorted(heavy), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "[]"


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "goodlooks", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("goodlooks ")


def test_importing_the_cli_leaves_the_prompt_and_template_libraries_unloaded():
    code = ("import sys; import goodlooks.cli\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'questionary', 'prompt_toolkit', 'jinja2'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_loading_a_bank_that_extends_nothing_leaves_the_overlay_modules_unloaded():
    code = ("import sys; from goodlooks.bank.loader import load_bank; load_bank(None)\n"
            "print(sorted(m for m in sys.modules if m.startswith('goodlooks.bank.overlay')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
