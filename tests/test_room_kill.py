"""The room loses no cast vote: the facilitator's process killed (SIGKILL) between votes, then
`goodlooks room --resume` opens the room again at the question it was on, the phones join again
with their cookies, and every vote cast (acknowledged) is still there. Ctrl-C stops the session
and its server: no port is left open, and on resume a revealed question goes straight to the
agreed answer (the room does not vote again)."""

from __future__ import annotations

import json
import signal
import socket
import sys

import pytest

from form_browser import LOCAL_ONLY
from room_session import ENTER, ROOM_BANK, HttpPhone, RoomTerminal

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and a POSIX pty"), LOCAL_ONLY,
              pytest.mark.timeout(600)]


def _closed(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except OSError:
        return True
    return False


def test_killed_between_votes_then_resumed_no_cast_vote_is_lost(workdir):
    (workdir / "bank.yaml").write_text(ROOM_BANK, encoding="utf-8")
    room = RoomTerminal(workdir, "--bank", "bank.yaml", "--host", "127.0.0.1", "--output", "room.json",
                        "--organisation", "North Trust")
    ada, ben, cat = (HttpPhone().at(room.address).join(n, True) for n in ("Ada", "Ben", "Cat"))
    room.wait_screen("Joined: 3")
    room.send(ENTER)
    room.wait_screen("Votes: 0 of 3")
    assert ada.vote("q1", "a", "kept through a kill") == 200   # acknowledged: on disk
    assert ben.vote("q1", "c") == 200
    room.wait_screen("Votes: 2 of 3")
    room.child.kill(signal.SIGKILL)
    room.child.wait()
    assert _closed(room.port)

    saved = json.loads((workdir / "room.json").read_text(encoding="utf-8"))
    assert sorted((b["answer"], b["note"]) for b in saved["room"]["ballots"]["q1"]) == [
        ("a", "kept through a kill"), ("c", None)]
    assert saved["room"]["open_question"] == "q1" and saved["answers"] == {}
    assert saved["organisation"] == "North Trust"

    again = RoomTerminal(workdir, "--resume", "room.json", "--host", "127.0.0.1")
    again.expect("phones join again with this new address")
    assert again.port != room.port or again.secret != room.secret
    for phone in (ada, ben, cat):
        phone.at(again.address).join(None)                       # the same cookie: known again
    again.wait_screen("Joined: 3 · ")
    joined = next(line for line in again.screen_text().splitlines() if "Joined: 3" in line)
    assert "Ada" in joined and "Ben" in joined and "and 1 other" in joined  # Cat had not voted: not kept
    again.send(ENTER)
    again.expect("How often do teams watch real people")        # the question it was on
    again.wait_screen("Votes: 2 of 3 · voted: ")
    assert "Your vote is in: <strong>Rarely or never</strong>" in ada.page()
    assert cat.vote("q1", "b") == 200
    again.expect("Everyone has voted: the votes are revealed.")
    again.expect("3 votes · spread 2")
    again.expect("The agreed answer")
    again.send("\x03")                                            # Ctrl-C at the agreed answer
    assert again.finish() == 130
    assert "Stopped. 0 answers and 3 votes saved in room.json." in again.seen()
    assert "To open the room again where it was: goodlooks room --resume room.json" in again.seen()
    assert "Traceback" not in again.seen()
    assert _closed(again.port)

    third = RoomTerminal(workdir, "--resume", "room.json", "--host", "127.0.0.1")
    third.wait_screen("Press Enter to open the first question")
    third.send(ENTER)                                             # nobody joins: the votes are all in
    third.expect("3 votes · spread 2")                           # straight to the reveal and the agreed answer
    third.expect("The agreed answer")
    assert "Votes: " not in third.screen_text()
    third.send("\x03")
    assert third.finish() == 130
    final = json.loads((workdir / "room.json").read_text(encoding="utf-8"))
    assert final["distributions"]["q1"]["counts"] == {"a": 1, "b": 1, "c": 1, "not_applicable": 0, "dont_know": 0}
