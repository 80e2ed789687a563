"""`goodlooks room` on the command line: what it refuses before it listens on anything, and that
its help is as quick as any other (none of the web libraries imported)."""

from __future__ import annotations

import socket
import subprocess
import sys
import types

import pytest

from conftest import TINY_BANK
from goodlooks.base.errors import ExitCode, UsageError
from goodlooks.room import address


@pytest.fixture
def at_a_terminal(monkeypatch):
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)


def test_room_help_imports_none_of_the_web_libraries():
    code = ("import sys; from goodlooks.cli.commands import app\n"
            "try:\n    app(['room', '--help'], prog_name='goodlooks')\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'starlette', 'uvicorn', 'sse_starlette', "
            "'segno', 'anyio', 'httpx', 'jinja2', 'questionary'}), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "[]"
    assert "--anonymous" in result.stdout and "Example: goodlooks room" in result.stdout


def test_room_needs_a_terminal(run, write):
    write(TINY_BANK)
    result = run("room", "--bank", "bank.yaml", "--host", "127.0.0.1")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "goodlooks room is driven from a terminal, and standard input is not one\n"


@pytest.mark.parametrize("host, said", [
    ("0.0.0.0", "--host 0.0.0.0 would listen on every network at once"),
    ("::", "--host :: would listen on every network at once"),
    ("laptop.local", "--host must be an address such as 192.168.1.20, not 'laptop.local'"),
    ("224.0.0.1", "--host 224.0.0.1 is a multicast address")])
def test_room_listens_on_one_address_only(run, write, at_a_terminal, host, said):
    write(TINY_BANK)
    result = run("room", "--bank", "bank.yaml", "--host", host)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(said)


def test_room_resume_takes_only_a_voted_file(run, write, at_a_terminal, workdir):
    write(TINY_BANK)
    (workdir / "answers.yaml").write_text("answers: {users-met: a}\n", encoding="utf-8")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "one.json").exit_code == 0
    result = run("room", "--resume", "one.json", "--host", "127.0.0.1")
    assert result.exit_code == ExitCode.USAGE
    assert "one.json holds answers given without votes" in result.stderr
    result = run("room", "--resume", "one.json", "--only", "users")
    assert result.exit_code == ExitCode.USAGE and "--resume opens the room again as it began" in result.stderr


def test_a_bad_port_is_refused(run, write, at_a_terminal):
    write(TINY_BANK)
    result = run("room", "--bank", "bank.yaml", "--host", "127.0.0.1", "--port", "70000")
    assert result.exit_code == ExitCode.USAGE and "--port must be a port number" in result.stderr


def test_the_default_address_is_asked_of_the_system_without_sending_anything(monkeypatch):
    made = []

    class Probe:
        def __init__(self, family, kind):
            made.append((family, kind))

        def connect(self, where):
            made.append(where)

        def getsockname(self):
            return ("192.168.1.23", 50000)

        def close(self):
            pass

    monkeypatch.setattr(address, "socket", _module_with(Probe))  # not socket.socket itself: pytest-socket's
    assert address.default_host() == "192.168.1.23"
    assert made == [(socket.AF_INET, socket.SOCK_DGRAM), ("192.0.2.1", 9)]  # UDP: no packet is sent


def test_no_network_is_said_plainly(monkeypatch):
    class Offline:
        def __init__(self, *args):
            pass

        def connect(self, where):
            raise OSError(101, "Network is unreachable")

        def close(self):
            pass

    monkeypatch.setattr(address, "socket", _module_with(Offline))
    with pytest.raises(UsageError, match="this laptop has no network that phones could reach it on"):
        address.default_host()


def _module_with(kind: type) -> types.SimpleNamespace:
    return types.SimpleNamespace(socket=kind, AF_INET=socket.AF_INET, SOCK_DGRAM=socket.SOCK_DGRAM)
