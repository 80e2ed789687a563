"""The room on a projector (`goodlooks room --present`): the facilitator's terminal as
`assess --present` draws it (`interview.presenting`), so that every screen fits the terminal, even
80x24. The introduction waits for Enter; the join screen is the QR code with the join code and what
to do beside it, the two addresses under it and who has joined (what does not fit beside the QR
code goes on the introduction's pages); each question keeps the question at the top, pages its
help and options with Enter, and keeps a few live lines (the count, who has voted and who not,
each cut to one line) at the foot; the reveal is drawn with the agreed answer's menu, the ends
of the spread with the notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goodlooks.interview.engine import QuestionView
from goodlooks.interview.presenting import PresentUI, paginate
from goodlooks.interview.screen import Blank, Block, Line, Paragraph
from goodlooks.room.address import qr_lines
from goodlooks.room.guard import Door, spaced
from goodlooks.room.live import Lines
from goodlooks.room.parts import Opened
from goodlooks.room.state import Room
from goodlooks.room.terminal import BACK_KEY, REVEAL_KEY, SKIP_KEY, RoomUI, skipped_text
from goodlooks.room.views import progress, who

if TYPE_CHECKING:
    from goodlooks.bank.model import Bank
    from goodlooks.results.model import DistributionRecord

LIVE_LINES = 6
"""Lines kept at the foot of a question's screen for the live count: votes, who has voted, who
has not, the keys, a notice, and one spare for the cursor."""
QR_GAP = 2
"""Columns between the QR code and what is beside it."""


class PresentRoomUI(RoomUI, PresentUI):
    """RoomUI drawn as PresentUI draws `assess --present`: screens that fit, pages that wait."""

    def __init__(self, make_console: Callable[[], Any], room: Room, door: Door, where: str, *,
                 resumed: bool = False) -> None:
        super().__init__(make_console, room, door, where, resumed=resumed)

    # Joining -------------------------------------------------------------------------------
    def _side(self) -> tuple[list[tuple[str, str]], list[str]]:
        """The lines beside the QR code (the join code first), and the notes that do not fit there."""
        import textwrap

        width, _ = self._size
        qr = qr_lines(self.door.join_address)
        room = max(20, width - 2 - len(qr[0]) - QR_GAP - 1)
        how, projector, resumed = self._join_notes()
        side = [("Voting on phones", "bold"), ("", ""), (f"Join code: {spaced(self.door.code)}", "bold")]
        left: list[str] = []
        for note in [how, self.where, projector, *([resumed] if self.resumed else [])]:
            lines = [("", "")] + [(line, "dim" if note == self.where else "") for line in textwrap.wrap(note, room)]
            if len(side) + len(lines) <= len(qr) and not left:
                side += lines
            else:
                left.append(note)
        return side, left

    def _welcome_blocks(self, bank: Bank, path: Path, answered: int) -> list[Block]:
        blocks = super()._welcome_blocks(bank, path, answered)
        _, left = self._side()
        if left:
            blocks += [Blank(), Paragraph(("Voting on phones", "bold"))]
            blocks += [Paragraph(note, indent=2, hang=2) for note in left]
        return blocks

    def show_join(self) -> None:
        """The whole QR code with the join code beside it, the addresses and the lobby's live
        lines under it, on one screen."""
        qr = qr_lines(self.door.join_address)
        side, _ = self._side()
        side += [("", "")] * (len(qr) - len(side))
        gap = " " * QR_GAP
        self.console.clear()
        self.screen.show(*(Line(("  " + line + gap, ""), side[n]) for n, line in enumerate(qr)),
                         Line(("  " + self.door.join_address, "bold")), Line(("  " + self.door.screen_address, "dim")))

    def _who(self, names: list[str], unnamed: int, used: int) -> str:
        width, _ = self._size
        return fitted(names, unnamed, width - 1 - used)

    # Each question -------------------------------------------------------------------------
    def ask_votes(self, view: QuestionView) -> list[str] | DistributionRecord | str:
        _, height = self._size
        self.room.open(Opened(view.question, view.number, view.total, view.dimension.title))  # the phones at once
        sections = [*self._about(view), self._blocks(self._options(view))]
        self._show_pages(paginate(self._head(view), sections, height, LIVE_LINES))
        return self._take_votes(view)

    def _revealed(self, said: str) -> None:
        """Said by the screen that follows at once: the votes, with the agreed answer's menu."""

    def _vote_lines(self, view: QuestionView) -> Callable[[], Lines]:
        width, _ = self._size

        def draw() -> Lines:
            counted = progress(self.room)
            head = f"  Votes: {counted.voted} of {counted.eligible}"
            late = len(self.room.joined()) - counted.eligible
            if late > 0:
                head += f" · {late} joined late (from the next question)"
            lines = [("bold", head + "\n")]
            for said, names, unnamed, shown in (
                    ("  voted: ", counted.voted_names, counted.voted_unnamed, counted.voted),
                    ("  waiting for: ", counted.waiting_names, counted.waiting_unnamed,
                     counted.eligible > counted.voted)):
                if shown:
                    lines.append(("", said + fitted(names, unnamed, width - 1 - len(said)) + "\n"))
            keys = f"  {REVEAL_KEY} reveal now · {SKIP_KEY} skip for now"
            if view.back:
                keys += f" · {BACK_KEY} back"
            lines.append(("italic", keys + f" · join code {spaced(self.door.code)}"))
            if self._notice and not counted.voted:  # (no votes yet)
                lines.append(("bold", "\n  " + self._notice))
            return lines
        return draw

    def show_distribution(self, view: QuestionView) -> None:
        """The phones get the votes now; the terminal shows them with the menu (`ask`)."""
        record = view.distribution
        if record is not None and record.source == "votes":
            self.room.show(Opened(view.question, view.number, view.total, view.dimension.title), record)

    def _spread(self, view: QuestionView) -> tuple[list[list[str]], list[list[str]]]:
        talk, drawn = super()._spread(view)
        said = self._ends(view)
        if said:
            talk = [self._blocks(said) + (talk[0] if talk else [])]
        return talk, drawn

    def skipped(self, count: int) -> None:
        self._show_pages([self._blocks([Paragraph((skipped_text(count), "bold"))])], "Enter to go on")


def fitted(names: list[str], unnamed: int, width: int) -> str:
    """`who` cut to `width` characters: as many names as fit, then how many more."""
    full = who(names, unnamed)
    if len(full) <= width:
        return full
    for keep in range(len(names) - 1, -1, -1):
        more = len(names) - keep + unnamed
        said = (", ".join(names[:keep]) + f" and {more} more") if keep else \
            f"{more} {'person' if more == 1 else 'people'}"
        if len(said) <= width:
            return said
    return f"{len(names) + unnamed}"


def room_ui(make_console: Callable[[], Any], room: Room, door: Door, where: str, *, present: bool,
            resumed: bool) -> RoomUI:
    """The facilitator's terminal: on a projector (`--present`) or not."""
    kind = PresentRoomUI if present else RoomUI
    return kind(make_console, room, door, where, resumed=resumed)
