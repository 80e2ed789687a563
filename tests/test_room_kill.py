"""The room loses no cast vote: the facilitator's process killed (SIGKILL) between votes, then
`goodlooks room --resume` opens the room again at the question it was on, the phones join again
with their cookies, and every vote cast (acknowledged) is still there. Ctrl-C stops the session
and its server: no port is left open, and on resume a revealed question goes straight to the
agreed answer (the room does not vote again). And killed while a dozen phones are voting at
once, the file is whole and holds every vote that was acknowledged."""

from __future__ import annotations

import json
import signal
import socket
import sys
import threading

import httpx
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
    ada, ben, cat = (HttpPhone().at(room.address, room.code).join(n, True) for n in ("Ada", "Ben", "Cat"))
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
    again.expect("phones join again with this new address and code")
    assert again.port != room.port or again.secret != room.secret
    ada.at(again.address, again.code)
    assert "Join the room again" in ada.page()                   # known by the cookie, but not in yet
    assert ada.join_status(None) == 422                          # the new session's code, typed again
    for phone in (ada, ben, cat):
        phone.at(again.address, again.code).join(None)           # the same cookie: known again
    # the lobby's line is redrawn in place: read until it is drawn to its end, not just to its count
    joined = again.wait(lambda: next((line for line in again.lines() if "Joined: 3 · " in line and
                                      line.endswith(f"join code {again.code[:3]} {again.code[3:]}")), None))
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
    third.wait_screen("Nobody has joined yet")                    # (members of the file are not in until they join)
    third.wait_screen("Press Enter again to open it anyway")      # said in the live lines, in place
    third.send(ENTER)
    third.expect("3 votes · spread 2")                           # straight to the reveal and the agreed answer
    third.expect("The agreed answer")
    assert "Votes: " not in third.screen_text()
    third.send("\x03")
    assert third.finish() == 130
    final = json.loads((workdir / "room.json").read_text(encoding="utf-8"))
    assert final["distributions"]["q1"]["counts"] == {"a": 1, "b": 1, "c": 1, "not_applicable": 0, "dont_know": 0}


@pytest.mark.parametrize("after", [1, 9, 40])
def test_killed_while_phones_vote_at_once_every_acknowledged_vote_is_in_the_file(workdir, after):
    (workdir / "bank.yaml").write_text(ROOM_BANK, encoding="utf-8")
    room = RoomTerminal(workdir, "--bank", "bank.yaml", "--host", "127.0.0.1", "--output", "room.json")
    names = [f"Phone {n}" for n in range(12)]
    phones = [HttpPhone().at(room.address, room.code).join(name, True) for name in names]
    HttpPhone().at(room.address, room.code).join("Silent", True)  # never votes: the question stays open
    room.wait_screen("Joined: 13")
    room.send(ENTER)
    room.wait_screen("Votes: 0 of 13")
    acknowledged = threading.Semaphore(0)
    sent: dict[str, list[tuple[str, bool]]] = {name: [] for name in names}  # each vote, and whether it was acked

    def keep_voting(phone: HttpPhone, name: str) -> None:
        for turn in range(1000):
            answer = "abc"[turn % 3]
            sent[name].append((answer, False))
            try:
                status = phone.vote("q1", answer)
            except httpx.HTTPError:  # the room is gone
                return
            if status != 200:  # a phone's own budget of votes, spent
                return
            sent[name][-1] = (answer, True)
            acknowledged.release()

    voters = [threading.Thread(target=keep_voting, args=pair) for pair in zip(phones, names)]
    for voter in voters:
        voter.start()
    for _ in range(after):
        assert acknowledged.acquire(timeout=180)
    room.child.kill(signal.SIGKILL)                              # while votes are in flight
    room.child.wait()
    for voter in voters:
        voter.join(180)
    assert _closed(room.port)

    saved = json.loads((workdir / "room.json").read_text(encoding="utf-8"))  # whole: it parses
    named = {m["id"]: m["name"] for m in saved["room"]["members"]}
    in_file = {named[b["member"]]: b["answer"] for b in saved["room"]["ballots"].get("q1", [])}
    assert sum(ok for votes in sent.values() for _, ok in votes) >= after
    for name, votes in sent.items():
        acked = [n for n, (_, ok) in enumerate(votes) if ok]
        if not acked:
            continue
        # the last acknowledged vote, or one sent after it (saved, but killed before its answer came)
        possible = {answer for answer, _ in votes[acked[-1]:]}
        assert in_file.get(name) in possible, (name, votes[acked[-1]:], in_file.get(name))
