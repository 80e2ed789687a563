"""Starting quickly changes nothing a person sees: the command line builds only the command it
runs; in its own process the garbage collector, off while goodlooks starts, is on once a command
runs; inside another program (the tests, a script) nothing is tuned."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from goodlooks.cli.commands import app
from goodlooks.cli.start_up import app_for


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


def test_running_a_command_inside_another_program_leaves_its_collector_alone(run, write):
    before = (gc.isenabled(), gc.get_threshold())
    write("id: x\n")
    run("validate", "bank.yaml")
    assert (gc.isenabled(), gc.get_threshold()) == before


def test_importing_every_goodlooks_module_changes_no_collector_setting():
    code = ("import gc, pkgutil, importlib, goodlooks\n"
            "before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())\n"
            "for info in pkgutil.walk_packages(goodlooks.__path__, 'goodlooks.'):\n"
            "    if info.name != 'goodlooks.__main__':\n"
            "        importlib.import_module(info.name)\n"
            "print(before == (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()), gc.isenabled())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_in_its_own_process_goodlooks_starts_with_the_collector_off_and_turns_it_on_for_the_command():
    code = ("import gc\nfrom goodlooks.cli import start_up\n"
            "start_up.begin(); off = gc.isenabled()\n"
            "start_up.collect_from_here(); print(off, gc.isenabled(), gc.get_threshold()[0])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "10000"]
