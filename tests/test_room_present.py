"""`goodlooks room --present` on a projector's terminal of exactly 80x24, drawn as `assess
--present` draws it (issue 17's presenting): the introduction waits for Enter; the join screen
holds the whole QR code, the join code, both addresses and who has joined; each question keeps
the question at the top while its help and options page with Enter, the live count stays on
the screen (long names cut to one line), the reveal pages under the question, and the profile
pages at the end. What is checked is the terminal emulator's 24 lines (pyte), and that no line
ever went off the top of the screen."""

from __future__ import annotations

import json
import re
import signal
import sys

import pytest

from form_browser import LOCAL_ONLY

pytest.importorskip("pexpect")
pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pty"), LOCAL_ONLY,
              pytest.mark.timeout(600)]

from room_session import ENTER, PAGE, HttpPhone, RoomTerminal  # noqa: E402 - needs pexpect

WIDTH, HEIGHT = 80, 24
OPTION = "shown to the board by the team itself, with what users said about it"
LONG = "Good looks like a board that sees the work itself, not a report about it, and asks what changed. "
BANK = f"""\
id: projector
title: A board on a projector
version: "1"
levels:
  - {{name: Starting, min: 1}}
  - {{name: Leading, min: 3}}
dimensions:
  - id: seeing
    title: Seeing the work
    questions:
      - id: q1
        text: >-
          How often does the board see working software shown by the team that built it, and ask
          what users made of it?
        help: "{LONG * 4}"
        evidence: "{LONG * 3}"
        options:
""" + "".join(f"          - {{key: o{n}, label: 'Option {n}: {OPTION}', score: {n}}}\n" for n in range(1, 7)) + """\
      - id: q2
        text: Does feedback change the service?
        options:
          - {key: a, label: Not that we know of, score: 1}
          - {key: b, label: Sometimes, score: 2}
          - {key: c, label: "Within weeks, every time", score: 3}
      - id: q3
        text: Does the board know who its services are for?
        options:
          - {key: a, label: Not really, score: 1}
          - {key: b, label: For some services, score: 2}
          - {key: c, label: For every service, score: 3}
"""
NAMES = ["Professor Adaline Fitzwilliam-Montgomery, chair of the board", "Benedict Okonkwo-Hargreaves, chief executive",
         "Catherine Rousseau-Llewellyn, chief nurse", "Dominic Abernathy-Whitlock, finance director",
         "Eleanor Castellanos-Ferreira, medical director", "Frederick Van der Berg, non-executive", None, None]
QUESTION = re.compile(r"^Question (\d) of 3 · Seeing the work$")
FINISH = re.compile(r"(\d)\) Finish and show the profile")


def _fits(room: RoomTerminal) -> list[str]:
    """The screen's lines, once sure nothing has gone off its top or past its edge."""
    lines = room.lines()
    assert not room.scrolled(), "went off the top of the screen:\n" + "\n".join(room.scrolled()[-5:]) + \
        "\n--- the screen now:\n" + room.screen_text()
    assert all(len(line) <= WIDTH for line in lines)
    return lines


def _on_top(room: RoomTerminal, number: int) -> None:
    lines = _fits(room)
    found = QUESTION.match(lines[0])
    assert found and int(found.group(1)) == number, "not the question at the top:\n" + room.screen_text()


def _the_join_screen_is_whole(room: RoomTerminal) -> None:
    lines = _fits(room)
    rows = [line for line in lines if line.startswith(("  ██", "  ▀▀"))]
    size = len(rows[0][2:].split(" ")[0])                       # the QR code's top edge
    qr = [row[2:2 + size] for row in rows]
    assert qr[0] == "█" * size and qr[-1] == "▀" * size and len(qr) >= 17, room.screen_text()
    assert all(len(row) == size and set(row) <= set("█▀▄ ") for row in qr), room.screen_text()
    assert any(f"Join code: {room.code[:3]} {room.code[3:]}" in row for row in rows), room.screen_text()
    assert room.address in room.screen_text() and room.screen_address in room.screen_text()
    assert any(line.startswith("  Joined: ") for line in lines), room.screen_text()


def _page_through(room: RoomTerminal, number: int, until: str) -> None:
    """Enter through the pages of a question's screen (each with the question on top) to `until`."""
    room.wait(lambda: room.lines()[0].startswith(f"Question {number} of 3"))
    while room.wait(lambda: PAGE.search(room.screen_text()) or until in room.screen_text()) is not True:
        _on_top(room, number)
        room.next_page(until)
    _on_top(room, number)


def _vote(room: RoomTerminal, phones: list[HttpPhone], number: int, question: str, answers: list[str]) -> None:
    """The question opened on the terminal; every phone votes; the reveal pages to the menu; the
    pointer's answer is agreed, saying nothing of how it is known, with no note."""
    _page_through(room, number, f"Votes: 0 of {len(phones)}")
    for phone, answer in zip(phones[:-1], answers, strict=False):
        assert phone.vote(question, answer, note="We saw it in March. " * 6) == 200
    room.wait_screen(f"Votes: {len(phones) - 1} of {len(phones)}")
    _on_top(room, number)

    def live_lines() -> list[str] | None:  # redrawn in place: read until the redraw has reached its last line
        lines, keys = room.lines(), f"join code {room.code[:3]} {room.code[3:]}"
        drawn = any(line.startswith("  r reveal now") and line.endswith(keys) for line in lines)
        return lines if drawn and any(line.startswith("  voted: ") for line in lines) else None

    lines = room.wait(live_lines)                          # long names cut to what fits on one line each
    voted = next(at for at, line in enumerate(lines) if line.startswith("  voted: "))
    assert lines[voted + 1].startswith("  waiting for: ") and lines[voted + 2].startswith("  r reveal now"), \
        room.screen_text()
    _fits(room)
    assert phones[-1].vote(question, answers[-1]) == 200  # everyone has voted: the reveal
    _page_through(room, number, "? Answer")
    room.send(ENTER)
    room.wait_screen("How do you know?")
    _on_top(room, number)
    room.send(ENTER)
    room.wait_screen("Note: why this answer?")
    _on_top(room, number)
    room.send(ENTER)
    room.wait(lambda: "Note: why this answer?" not in room.screen_text())


def test_the_room_on_a_projector_at_80x24_keeps_everything_on_the_screen(workdir):
    (workdir / "bank.yaml").write_text(BANK, encoding="utf-8")
    room = RoomTerminal(workdir, "--present", "--bank", "bank.yaml", "--host", "127.0.0.1", "--output", "room.json",
                        width=WIDTH, height=HEIGHT)                 # (through the introduction's pages)
    room.wait_screen("Joined: 0")
    introduction = " ".join(room.seen().split())              # the room's keys, not typing answers
    assert "r reveals the votes" in introduction and "Enter alone on a new question" not in introduction
    _the_join_screen_is_whole(room)
    room.send(ENTER)                                            # nobody yet: said, in place
    room.wait_screen("Nobody has joined yet")
    _the_join_screen_is_whole(room)
    phones = [HttpPhone().at(room.address, room.code).join(name, show=True) for name in NAMES]
    room.wait_screen("Joined: 8")
    _the_join_screen_is_whole(room)
    room.send(ENTER)

    _page_through(room, 1, "Votes: 0 of 8")
    room.send("r")                                              # no votes yet: said in the live lines
    room.wait_screen("No votes yet")
    _on_top(room, 1)
    _vote(room, phones, 1, "q1", ["o1", "o2", "o2", "o3", "o4", "o6", "o5", "o2"])
    _page_through(room, 2, "Votes: 0 of 8")
    room.send("s")                                              # set aside for now
    _vote(room, phones, 3, "q3", ["a", "b", "c", "a", "b", "c", "a", "b"])
    room.wait_screen("Enter to go on")                          # back to the skipped one, on a page
    assert "Back to the 1 question skipped for now" in room.screen_text()
    _fits(room)
    room.send(ENTER)
    _vote(room, phones, 2, "q2", ["a", "a", "b", "c", "b", "b", "a", "c"])

    room.wait_screen("Review: finish")
    lines = _fits(room)
    assert lines[0].startswith("Your answers: part 1 of 1"), room.screen_text()
    finish = room.wait(lambda: next(filter(None, map(FINISH.search, room.lines())), None))  # the menu drawn to it
    room.send(finish.group(1) + ENTER)
    room.wait_screen("Where do you want to be in 12 months?")
    _fits(room)
    room.send(ENTER)                                            # no targets for now
    room.wait_screen("Maturity profile: A board on a projector")
    while room.wait(lambda: PAGE.search(room.screen_text()) or "Saved in room.json" in room.screen_text()) is not True:
        _fits(room)                                             # the profile, a page at a time
        assert PAGE.search(room.screen_text()).group(1) != "1" or \
            room.lines()[0].startswith("Maturity profile: A board on a projector")
        room.next_page("Saved in room.json")
    _fits(room)
    assert room.finish() == 0
    saved = json.loads((workdir / "room.json").read_text(encoding="utf-8"))
    assert saved["status"] == "complete" and sorted(saved["answers"]) == ["q1", "q2", "q3"]
    assert sorted(b["answer"] for b in saved["room"]["ballots"]["q2"]) == sorted("aabcbbac")


def test_resumed_on_a_projector_the_join_screen_still_fits(workdir):
    (workdir / "bank.yaml").write_text(BANK, encoding="utf-8")
    room = RoomTerminal(workdir, "--present", "--bank", "bank.yaml", "--host", "127.0.0.1", "--output", "room.json",
                        width=WIDTH, height=HEIGHT)
    phone = HttpPhone().at(room.address, room.code).join(NAMES[0], show=True)
    room.wait_screen("Joined: 1")
    room.send(ENTER)
    _page_through(room, 1, "Votes: 0 of 1")
    room.child.kill(signal.SIGKILL)
    room.child.wait()

    again = RoomTerminal(workdir, "--present", "--resume", "room.json", "--host", "127.0.0.1",
                         width=WIDTH, height=HEIGHT)
    assert "Resumed: phones join again" in again.seen()
    again.wait_screen("Joined: 0")
    _the_join_screen_is_whole(again)
    phone.at(again.address, again.code).join(None)
    again.wait_screen("Joined: 1")
    _the_join_screen_is_whole(again)
    again.send("\x03")
    assert again.finish() == 130
