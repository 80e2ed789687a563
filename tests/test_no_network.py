"""Promise 9: the whole suite runs with network sockets blocked, in-process (pytest-socket, set
in pyproject.toml) and in every goodlooks process the tests start (tests/no_network); the local
socket pairs asyncio uses to wake its event loop still work."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

import pytest
from pytest_socket import SocketBlockedError

from conftest import subprocess_env


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_a_network_socket_cannot_be_opened_in_the_tests():
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_asyncio_local_socket_pairs_still_work():
    async def nothing() -> int:
        await asyncio.sleep(0)
        return 7

    assert asyncio.run(nothing()) == 7
    left, right = socket.socketpair()
    left.close()
    right.close()


def test_a_goodlooks_process_the_tests_start_cannot_open_one_either():
    done = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
                          env=subprocess_env(), capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert "the goodlooks tests block network sockets" in done.stderr


LOOPBACK_TRY = """
import socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0)); server.listen(1)
client = socket.create_connection(server.getsockname(), timeout=5)
client.close(); server.close()
print("loopback ok")
probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
probe.connect(("192.0.2.1", 9))
"""


def test_a_room_under_test_may_use_loopback_and_nothing_else():
    done = subprocess.run([sys.executable, "-c", LOOPBACK_TRY], env=subprocess_env(GOODLOOKS_TESTS_LOOPBACK="1"),
                          capture_output=True, text=True, timeout=30)
    assert done.stdout == "loopback ok\n"
    assert done.returncode == 1 and "only loopback is allowed here, not '192.0.2.1'" in done.stderr
    blocked = subprocess.run([sys.executable, "-c", LOOPBACK_TRY], env=subprocess_env(),
                             capture_output=True, text=True, timeout=30)
    assert blocked.returncode == 1 and "loopback ok" not in blocked.stdout
