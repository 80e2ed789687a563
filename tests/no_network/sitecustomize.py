"""Put on PYTHONPATH of every goodlooks the tests start as a separate process, so that process
cannot open a network socket either (in-process tests are guarded by pytest-socket). Local
socket pairs (AF_UNIX), which asyncio uses to wake its event loop, stay allowed.

The room's tests start `goodlooks room` on the loopback address: with GOODLOOKS_TESTS_LOOPBACK=1
in its environment, IP sockets may be made, but bound, connected or sent to loopback only
(127.0.0.1 or ::1); anything else is refused as before."""

import os
import socket

_Socket = socket.socket
_LOOPBACK = os.environ.get("GOODLOOKS_TESTS_LOOPBACK") == "1"
_LOOPBACK_ADDRESSES = ("127.0.0.1", "::1", "localhost")
_BLOCKED = "the goodlooks tests block network sockets; goodlooks must not open one"


def _check(address):
    host = address[0] if isinstance(address, tuple) else address
    if host not in _LOOPBACK_ADDRESSES:
        raise OSError(f"{_BLOCKED} (only loopback is allowed here, not {host!r})")


class _LocalOnlySocket(_Socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        ip = family in (socket.AF_INET, socket.AF_INET6, -1)
        if fileno is None and family not in (getattr(socket, "AF_UNIX", None),) and not (_LOOPBACK and ip):
            raise OSError(_BLOCKED)
        super().__init__(family, type, proto, fileno)

    def _checked(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)

    def bind(self, address):
        self._checked(address)
        return super().bind(address)

    def connect(self, address):
        self._checked(address)
        return super().connect(address)

    def connect_ex(self, address):
        self._checked(address)
        return super().connect_ex(address)

    def sendto(self, data, *args):
        self._checked(args[-1])
        return super().sendto(data, *args)


socket.socket = _LocalOnlySocket
