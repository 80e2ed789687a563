"""The live streams' hub (`room.hub`), in an event loop of its own with no server: every stream
gets the same events; a new stage or question goes out at once, new counts at most every
`count_every` seconds (so many votes make one event), and the room's public state is worked out
once for each event, not once for each stream."""

from __future__ import annotations

import asyncio
import json

import pytest

from conftest import TINY_BANK
from goodlooks.room import hub as hub_module
from goodlooks.room.hub import Hub
from goodlooks.room.state import Opened, Room


@pytest.fixture
def bank(tmp_path):
    from goodlooks.bank.loader import load_bank

    (tmp_path / "tiny.yaml").write_text(TINY_BANK, encoding="utf-8")
    return load_bank(str(tmp_path / "tiny.yaml")).bank


def listen(hub: Hub, count: int) -> list[asyncio.Task]:
    async def collect() -> list[dict]:
        return [json.loads(event["data"]) async for event in hub.stream()]

    return [asyncio.ensure_future(collect()) for _ in range(count)]


async def settle() -> None:
    for _ in range(20):  # let every stream take what was published
        await asyncio.sleep(0)


def test_every_stream_hears_each_stage_at_once_and_counts_only_in_between(bank, monkeypatch):
    made = []
    real = hub_module.public_state
    monkeypatch.setattr(hub_module, "public_state", lambda room: made.append(1) or real(room))
    room = Room()
    members = [room.join(f"M{n}", True)[0] for n in range(5)]
    hub = Hub(room, count_every=3600)  # no count goes out on its own in this test

    async def session() -> list[list[dict]]:
        streams = listen(hub, 3)
        await settle()
        room.open(Opened(bank.questions()[0], 1, 2, "Users"))
        await settle()
        for member in members[:4]:
            room.vote(member, "users-met", "a", None)  # counts: held back
        await settle()
        room.reveal()                                  # a new stage: at once, with the count it has
        await settle()
        room.end()
        return await asyncio.gather(*streams)

    heard = asyncio.run(session())
    assert heard[0] == heard[1] == heard[2]
    assert [(s["stage"], s["voted"]) for s in heard[0]] == [("lobby", 0), ("open", 0), ("revealed", 0), ("ended", 0)]
    assert len(made) == 4  # once an event, for all three streams


def test_counts_go_out_when_their_time_comes(bank):
    room = Room()
    ada, _ = room.join("Ada", True)
    ben, _ = room.join("Ben", True)
    hub = Hub(room, count_every=0)  # every count goes out as it comes

    async def session() -> list[dict]:
        (stream,) = listen(hub, 1)
        await settle()
        room.open(Opened(bank.questions()[0], 1, 2, "Users"))
        await settle()
        room.vote(ada, "users-met", "a", None)
        await settle()
        room.vote(ben, "users-met", "b", None)
        await settle()
        room.end()
        return await stream

    assert [(s["stage"], s["voted"]) for s in asyncio.run(session())] == [
        ("lobby", 0), ("open", 0), ("open", 1), ("open", 2), ("ended", 0)]
