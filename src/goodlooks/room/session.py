"""A room session's moving parts: the one writer of its results file (the interview's saves and
each vote's, never at the same moment), and the web server on uvicorn in a thread of its own,
started on a socket already listening and stopped when the session ends or is interrupted.

Every vote's save writes the whole results file, atomically and synced to the disk, as every
save does; only the making of its text is quicker (`file_text.FileText`)."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

from goodlooks.base.files import write_atomic
from goodlooks.results.model import Results, now
from goodlooks.room.file_text import FileText
from goodlooks.room.state import Room


class Recorder:
    """Writes the results file with the room's record in it. The interview hands over its
    results at every save; a vote's save (from the server's worker thread) writes the latest.
    Votes arrive only while a question is open, when the interview is waiting on the phones,
    and the terminal waits for their saves before it goes on (`Room.wait_saved`), so the two
    never touch the results at once; the lock keeps the writes themselves in order."""

    def __init__(self, room: Room, results: Results, path: Path) -> None:
        self.room, self.results, self.path = room, results, path
        self._lock = threading.Lock()
        self._text = FileText()

    def save(self, results: Results, path: Path) -> None:
        with self._lock:
            self.results, self.path = results, path
            self._text.forget()  # the interview changed something: everything is made afresh
            self._write()

    def save_votes(self) -> None:
        with self._lock:
            self.results.updated_at = now()
            self._write()

    def _write(self) -> None:
        cast = self.room.cast
        self.results.room = self.room.record(keep_keys=self.results.status != "complete")
        write_atomic(self.path, self._text.chunks(self.results))
        self.room.mark_saved(cast)


class Server:
    """uvicorn serving `app` on `sock` in a thread; `stop` ends it and closes the port."""

    def __init__(self, app: Any, sock: socket.socket) -> None:
        import uvicorn

        self.sock = sock
        config = uvicorn.Config(app, log_config=None, log_level="critical", access_log=False, lifespan="off",
                                proxy_headers=False, server_header=False, ws="none", limit_concurrency=500,
                                timeout_keep_alive=5, timeout_graceful_shutdown=2,
                                h11_max_incomplete_event_size=16 * 1024)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]},
                                       name="goodlooks-room", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(timeout=10)
        self.sock.close()
