"""The room end to end: the facilitator runs `goodlooks room` in a real pseudo-terminal on
127.0.0.1 while eight headless Chromium phones (each its own profile) join with the join code
they read off the terminal, vote, one changes its vote, and all see the reveal; the file's votes
are what each phone clicked, and `profile` and `report --format html` read it. Then the server is
gone: no port is left open. Skipped only without the browser."""

from __future__ import annotations

import json
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from form_browser import LOCAL_ONLY, axe_violations, missing_browser
from room_session import ENTER, ROOM_BANK, Phone, RoomTerminal

pytestmark = [pytest.mark.skipif(missing_browser() is not None, reason=missing_browser() or ""),
              pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty"), LOCAL_ONLY,
              pytest.mark.timeout(900)]

# name, whether it may be shown, the vote on q1 (then a change), the note, the vote on q2
MEMBERS = [("Chair", True, "a", "We have not watched anyone <b>yet</b>", "b"),
           ("Chief nurse", False, "b", "", "b"),
           ("Chief digital officer", True, "c", "Two teams every week", "c"),
           (None, False, "b", "", "b"),
           ("Finance director", True, "dont_know", "", "a"),
           ("Medical director", False, "a", "Only at launch", "b"),
           ("Non-executive", True, "not_applicable", "", "b"),
           ("Chief executive", True, "b", "", None)]        # does not vote on q2: revealed by the key
CHANGED = {0: ("b", "On reflection, a few times a year")}   # the chair changes their vote before the last one


@pytest.fixture
def phones(tmp_path: Path):
    with ThreadPoolExecutor(4) as pool:
        started = list(pool.map(lambda n: Phone(tmp_path / f"phone-{n}"), range(len(MEMBERS))))
    try:
        yield started
    finally:
        for phone in started:
            phone.quit()


def test_eight_phones_vote_blind_and_the_file_holds_what_each_clicked(workdir, phones, run):
    (workdir / "bank.yaml").write_text(ROOM_BANK, encoding="utf-8")
    room = RoomTerminal(workdir, "--bank", "bank.yaml", "--host", "127.0.0.1", "--output", "room.json")
    room.wait_screen("Joined: 0")
    first = phones[0]
    first.driver.get(room.screen_address)                          # the projector's page
    code = first.wait_for_text(".join-code .code", "Join code").text
    assert code == f"Join code {room.code[:3]} {room.code[3:]}"
    assert axe_violations(first.driver) == []
    first.driver.get(room.address)
    first.wait_for_text("h1", "Join the room")
    assert axe_violations(first.driver) == []                      # the join page, with its code field
    for phone, (name, show, *_rest) in zip(phones, MEMBERS):
        phone.join(room.address, room.code, name, show)
    room.wait_screen("Joined: 8")
    room.send(ENTER)                                               # open the first question
    room.wait_screen("Votes: 0 of 8")
    for phone in phones:
        phone.wait_for_question("How often do teams watch real people")
    assert axe_violations(first.driver) == []
    for index, (phone, member) in enumerate(zip(phones, MEMBERS)):
        if index == len(phones) - 1:                               # before the last vote, the chair changes
            answer, note = CHANGED[0]
            phones[0].vote(answer, note, change=True)
        phone.vote(member[2], member[3])
    room.expect("Everyone has voted: the votes are revealed.")
    # not applicable and don't know are counted apart from the spread (issue 17)
    room.expect("8 votes · 2 not applicable or don't know · spread 2 among the other 6 · the room disagrees: talk")
    room.expect("The agreed answer")
    for phone in phones:
        assert "8 votes · 2 not applicable or don't know · spread 2 among the other 6" in phone.wait_for_reveal()
    reveal = first.driver.page_source
    assert "On reflection, a few times a year" in reveal and "&lt;b&gt;yet" not in reveal
    assert axe_violations(first.driver) == []
    screen = room.seen()
    assert "Chair (A few times a year): “On reflection, a few times a year”" in screen
    assert "Someone (Rarely or never): “Only at launch”" in screen           # the medical director: anonymous
    assert "Start with the ends: lowest, option 1: 1 person · highest, option 3: Chief digital officer" in screen
    room.send(ENTER)                                               # the median: b
    room.expect("How do you know? (Enter to skip)")
    room.send("2" + ENTER)                                         # told: nobody here has looked
    room.expect("Note: why this answer?")
    room.send("Most see users a few times a year" + ENTER)

    room.expect("Does feedback change the service?")
    room.wait_screen("Votes: 0 of 8")
    for phone, member in zip(phones, MEMBERS):
        phone.wait_for_question("Does feedback change the service?")
        if member[4]:
            phone.vote(member[4])
    room.wait_screen("Votes: 7 of 8")
    room.wait_screen("waiting for: Chief executive")
    room.send("r")                                                 # reveal now, without the last one
    room.expect("The votes are revealed.")
    for phone in phones:
        phone.wait_for_reveal()
    room.expect("The agreed answer")
    room.send(ENTER + ENTER + ENTER)                               # the median, b; nothing on how known; no note
    room.expect("Review: finish, or change an answer?")
    room.send(ENTER)
    room.expect("Where do you want to be in 12 months?")
    room.send(ENTER)
    room.expect("Saved in room.json")
    assert room.finish() == 0
    for phone in phones:
        phone.wait_for_text("h1", "The session has ended")

    with pytest.raises(OSError):                                   # the server is gone with the session
        socket.create_connection(("127.0.0.1", room.port), timeout=5).close()

    saved = json.loads((workdir / "room.json").read_text(encoding="utf-8"))
    assert (saved["kind"], saved["status"]) == ("voted", "complete")
    members = {m["id"]: m for m in saved["room"]["members"]}
    assert sorted(m["name"] for m in members.values() if m["name"]) == sorted(
        name for name, show, *_ in MEMBERS if name and show)
    assert not any(m["key"] for m in members.values())             # no phone's cookie is kept once complete
    expected_q1 = sorted([CHANGED[0][0]] + [m[2] for m in MEMBERS[1:]])
    assert sorted(b["answer"] for b in saved["room"]["ballots"]["q1"]) == expected_q1
    by_name = {members[b["member"]]["name"]: b["answer"] for b in saved["room"]["ballots"]["q2"]}
    assert {name: answer for name, answer in by_name.items() if name} == {
        name: q2 for name, show, _, _, q2 in MEMBERS if name and show and q2}
    assert len(saved["room"]["ballots"]["q2"]) == 7
    assert saved["distributions"]["q1"]["counts"] == {"a": 1, "b": 4, "c": 1, "not_applicable": 1, "dont_know": 1}
    assert {q: a["option"] for q, a in saved["answers"].items()} == {"q1": "b", "q2": "b"}
    assert saved["answers"]["q1"]["note"] == "Most see users a few times a year"
    assert [saved["answers"][q]["evidence"] for q in ("q1", "q2")] == ["told", None]  # how the room knows

    profile = run("profile", "room.json")
    assert profile.exit_code == 0 and "Where the room disagreed" in profile.stdout
    report = run("report", "room.json", "--format", "html", "--output", "room.html")
    assert report.exit_code == 0, report.output
    assert "How often do teams watch real people" in (workdir / "room.html").read_text(encoding="utf-8")
