"""The live stream that every phone and the projector keep open (server-sent events): the room's
public state (`views.public_state`: no vote, no count by option), worked out and encoded once per
change for all the streams, not once per stream. A new stage or question goes out at once; a new
count of votes at most every COUNT_EVERY seconds (sixty phones voting would otherwise send every
phone sixty counts in a second)."""

from __future__ import annotations

import asyncio
import json
import math
import threading
from collections.abc import AsyncIterator

from goodlooks.room.state import Room
from goodlooks.room.views import public_state

COUNT_EVERY = 0.25
"""Seconds between two updates of the count of votes on the live streams."""


class Hub:
    """Hears the room change (in any thread) and publishes its public state to the streams (in
    the server's event loop): `sequence` counts the states published, `data` is the latest."""

    def __init__(self, room: Room, count_every: float = COUNT_EVERY) -> None:
        self.room, self.count_every = room, count_every
        self.streams = 0
        self.sequence = 0
        self.data = ""
        self.ended = False
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: int | None = None
        self._news = asyncio.Event()
        self._where: tuple[str, str | None] | None = None
        self._due: asyncio.TimerHandle | None = None
        self._published_at = -math.inf
        room.subscribe(self.notify)

    def notify(self) -> None:
        """The room changed: safe to call from any thread."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        if threading.get_ident() == self._thread:  # a vote, in the server's own loop
            self._changed()
        else:
            loop.call_soon_threadsafe(self._changed)

    async def stream(self) -> AsyncIterator[dict[str, str]]:
        """The events of one live stream: the state now, then each one published, until the end."""
        self._attach()
        self.streams += 1
        try:
            sent = 0
            while True:
                if sent != self.sequence:
                    sent = self.sequence
                    yield {"event": "room", "data": self.data}
                    if self.ended:
                        return
                    continue
                await self._news.wait()
        finally:
            self.streams -= 1

    def _attach(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self.loop:  # the first stream (or a test client's new loop)
            self.loop, self._thread, self._news, self._due = loop, threading.get_ident(), asyncio.Event(), None
            self._publish()

    def _changed(self) -> None:
        if self.room.where() != self._where:
            self._publish()  # a new stage or question: at once
        elif self._due is None and self.loop is not None:
            wait = self._published_at + self.count_every - self.loop.time()
            if wait <= 0:
                self._publish()
            else:
                self._due = self.loop.call_later(wait, self._publish)

    def _publish(self) -> None:
        assert self.loop is not None
        if self._due is not None:
            self._due.cancel()
            self._due = None
        with self.room.reading():
            state, where = public_state(self.room), self.room.where()
        self._published_at, self._where = self.loop.time(), where
        data = json.dumps(state)
        if data == self.data:
            return
        self.data, self.ended = data, state["stage"] == "ended"
        self.sequence += 1
        news, self._news = self._news, asyncio.Event()
        news.set()
