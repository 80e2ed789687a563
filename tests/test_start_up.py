"""Starting quickly changes nothing a person sees: the command line builds only the command it
runs, and the garbage collector, off while goodlooks starts, is on once a command runs."""

from __future__ import annotations

import gc

import pytest
from typer.testing import CliRunner

from goodlooks.cli import app
from goodlooks.start_up import app_for


def _names(typer_app) -> list[str]:
    return [info.callback.__name__ for info in typer_app.registered_commands]


def test_only_the_command_named_is_built():
    assert _names(app_for(app, ["assess", "--bank", "b.yaml"])) == ["assess"]
    assert _names(app_for(app, ["--debug", "validate", "b.yaml"])) == ["validate"]
    assert _names(app_for(app, ["list"])) == ["list_command"]  # registered under another name


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["asses"], ["--debug"], ["b.yaml", "validate"]])
def test_help_and_anything_that_names_no_command_get_the_whole_app(args):
    assert app_for(app, args) is app


@pytest.mark.parametrize("args", [["assess", "--help"], ["validate", "--help"], ["--debug", "combine", "--help"],
                                  ["assess", "--nope"], ["validate"], ["profile", "a", "b"]])
def test_a_command_reads_the_same_alone_as_in_the_whole_app(args):
    runner = CliRunner()
    alone, whole = (runner.invoke(each, args, prog_name="goodlooks") for each in (app_for(app, args), app))
    assert _names(app_for(app, args)) != _names(app)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


def test_the_collector_is_on_once_a_command_has_run(run, write):
    gc.disable()  # as importing goodlooks.cli leaves it
    write("id: x\n")
    run("validate", "bank.yaml")
    assert gc.isenabled()
