"""Shared fixtures: a CLI runner with a fixed terminal, and small banks to mutate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figures import FIGURES, NOTES
from goodlooks.cli.commands import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
NO_NETWORK = Path(__file__).resolve().parent / "no_network"


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a goodlooks started as its own process: no network sockets there
    either (tests/no_network/sitecustomize.py), plain output, no debug."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "GOODLOOKS_DEBUG")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NO_NETWORK), env.get("PYTHONPATH", "")]))
    env.update({"NO_COLOR": "1", "TERM": "dumb"}, **extra)
    return env


def finished_results(run: Callable, write: Callable, answers: str) -> Path:
    """A finished results file, r.json, answering the tiny bank (bank.yaml) with `answers` (an
    answers file's YAML): what tests that damage or reread results files start from."""
    write(TINY_BANK)
    write(answers, "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    return Path("r.json").resolve()


def pytest_collection_modifyitems(config, items) -> None:
    """On Windows, skip what needs a POSIX terminal (marked `posix_terminal`: pexpect.spawn, a
    pseudo-terminal, SIGKILL); the rest of the suite is pure Python and runs there too."""
    import sys

    if sys.platform != "win32":
        return
    skip = pytest.mark.skip(reason="needs a POSIX terminal: pexpect.spawn, a pseudo-terminal or POSIX signals")
    for item in items:
        if "posix_terminal" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the reliability figures this run measured (see tests/figures.py)."""
    if FIGURES or NOTES:
        terminalreporter.section("reliability figures (measured in this run)")
        for name, count in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{count:>7,}  {name}")
        for name, value in sorted(NOTES.items()):
            terminalreporter.write_line(f"{value:>7}  {name}")

TINY_BANK = """\
id: tiny
title: Tiny bank
version: "1"
levels:
  - {name: Low, min: 1}
  - {name: High, min: 3}
groups:
  - {id: people, title: People}
scales:
  three:
    - {key: a, label: Rarely, score: 1}
    - {key: b, label: Sometimes, score: 2}
    - {key: c, label: Always, score: 3}
dimensions:
  - id: users
    title: Users
    group: people
    recommendations:
      Low: Meet some users.
    questions:
      - id: users-met
        text: Do teams meet users?
        scale: three
      - id: users-heard
        text: Is feedback used?
        options:
          - {key: n, label: No, score: 1}
          - {key: y, label: Yes, score: 3}
"""


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same terminal: 80 columns, no colour, no real tty features."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("GOODLOOKS_DEBUG", raising=False)


@pytest.fixture
def run() -> Callable:
    """Run the CLI in-process: `run("validate", "bank.yaml")` -> result with exit_code/stdout/stderr."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch):
    """Keys for the interview's prompts, sent through a pipe as if a terminal were there
    (testing-prompts.md): `keys.send_text("1\r")`."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (above) would ask as plain lines, not menus
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh current folder, so messages name files as `bank.yaml`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(workdir: Path) -> Callable[..., Path]:
    def write_file(text: str | bytes, name: str = "bank.yaml") -> Path:
        path = workdir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return Path(name)

    return write_file
