"""Put on PYTHONPATH of every goodlooks the tests start as a separate process, so that process
cannot open a network socket either (in-process tests are guarded by pytest-socket). Local
socket pairs (AF_UNIX), which asyncio uses to wake its event loop, stay allowed."""

import socket

_Socket = socket.socket


class _LocalOnlySocket(_Socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family not in (getattr(socket, "AF_UNIX", None),):
            raise OSError("the goodlooks tests block network sockets; goodlooks must not open one")
        super().__init__(family, type, proto, fileno)


socket.socket = _LocalOnlySocket
