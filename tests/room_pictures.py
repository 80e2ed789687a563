"""The README's two pictures of the room, made from a real session:

    python tests/room_pictures.py      # writes docs/room-phone.png and docs/room-terminal.png

`goodlooks room` on 127.0.0.1 in a pseudo-terminal on the built-in bank's board questions; seven
phones (httpx) and one Chromium phone at 360 x 740 join and vote; the phone is pictured with its
vote chosen, and the terminal (played into a pyte screen, drawn as HTML by Chromium) at the reveal.
"""

from __future__ import annotations

import html
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("NO_COLOR", "1")

from browser import screenshot  # noqa: E402
from room_session import ENTER, HttpPhone, Phone, RoomTerminal  # noqa: E402

DOCS = HERE.parent / "docs"
BOARD = [("Chair", True, "b", "We fund projects, not teams"), ("Chief executive", True, "c", ""),
         ("Chief nurse", False, "a", "Nobody told the wards"), ("Finance director", True, "b", ""),
         ("Medical director", False, "c", ""), ("Non-executive director", True, "dont_know", ""),
         ("Chief digital officer", True, "d", "Two services have standing teams")]


def terminal_png(room: RoomTerminal, png: Path) -> None:
    lines = room.screen_text().splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    page = ("<!DOCTYPE html><meta charset=utf-8><style>body{margin:0;background:#101418}"
            "pre{margin:0;padding:14px 18px;color:#e6e9eb;font:15px/1.25 'DejaVu Sans Mono',monospace}</style>"
            f"<pre>{html.escape(chr(10).join(lines[-40:]))}</pre>")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "terminal.html"
        source.write_text(page, encoding="utf-8")
        screenshot(source, png, 920, 40 * 19 + 30)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        room = RoomTerminal(work, "--only", "board-question", "--host", "127.0.0.1", "--output", "board.json",
                            width=96, height=40)
        phones = [HttpPhone().at(room.address, room.code).join(name, show) for name, show, *_ in BOARD]
        mine = Phone(work / "phone")
        mine.join(room.address, room.code, "Board secretary", True)
        room.wait_screen("Joined: 8")
        room.send(ENTER)
        room.wait_screen("Votes: 0 of 8")
        mine.wait_for_question("")
        question = mine.driver.find_element("css selector", "input[name=question]").get_attribute("value")
        for phone, (_, _, answer, note) in zip(phones, BOARD):
            assert phone.vote(question, answer, note) == 200
        room.wait_screen("Votes: 7 of 8")
        label = mine.driver.find_element("css selector", 'label[for="answer-b"]')
        mine.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        label.click()
        mine.driver.execute_script("window.scrollTo(0, 0)")
        mine.driver.save_screenshot(str(DOCS / "room-phone.png"))
        mine.vote("b", "Only where a keen director pushes")
        room.expect("Everyone has voted: the votes are revealed.")
        room.expect("The agreed answer")
        room.wait_screen("The agreed answer")
        terminal_png(room, DOCS / "room-terminal.png")
        mine.quit()
        room.child.sendcontrol("c")
        room.finish()
    print(f"wrote {DOCS / 'room-phone.png'} and {DOCS / 'room-terminal.png'}")


if __name__ == "__main__":
    main()
