"""The facilitator's terminal in a room: the interview as `assess --votes` runs it (the same
keys, skip, back, the agreed answer and why, targets, `--present`), except that the votes come
from phones. It shows the join address and its QR code, who has joined, and at each question how
many have voted (and who, where names are given), never what anyone chose, until the reveal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goodlooks.base.numbers import plural
from goodlooks.interview.engine import BACK, SKIP, QuestionView, ReviewRow
from goodlooks.interview.prompts import TerminalUI
from goodlooks.interview.screen import Blank, Block, Line, Paragraph
from goodlooks.room.address import qr_lines
from goodlooks.room.guard import Door, spaced
from goodlooks.room.live import Lines, Live
from goodlooks.room.parts import Opened
from goodlooks.room.state import Room
from goodlooks.room.views import ends, progress, who

if TYPE_CHECKING:
    from goodlooks.bank.model import Bank
    from goodlooks.results.model import DistributionRecord
    from goodlooks.scoring.scores import ScoreSheet

REVEAL_KEY, SKIP_KEY, BACK_KEY = "r", "s", "b"


class RoomUI(TerminalUI):
    """The room at the facilitator's terminal; `room.presenting.PresentRoomUI` is the same on a
    projector (`--present`), every screen fitting the terminal as `assess --present` does."""

    def __init__(self, make_console: Callable[[], Any], room: Room, door: Door, where: str, *,
                 resumed: bool = False) -> None:
        super().__init__(make_console)
        self.room, self.door, self.where, self.resumed = room, door, where, resumed
        self._nobody_warned = False
        self._notice = ""
        """Said in the live lines until the next question: why a key did nothing."""

    # Joining -------------------------------------------------------------------------------
    def welcome(self, bank: Bank, path: Path, answered: int) -> None:
        super().welcome(bank, path, answered)
        if self.present:
            self.console.clear()
        self.show_join()

        def start(_: str) -> bool:  # whoever joins once a question is open votes from the next one
            if self.room.joined() or self._nobody_warned:
                return True
            self._nobody_warned = True
            return False

        self._live(self._lobby_lines, {"enter": "start"}, taken=start)

    def _welcome_blocks(self, bank: Bank, path: Path, answered: int) -> list[Block]:
        """The interview's introduction, with the room's keys in place of typing answers (its last
        paragraph)."""
        blocks = super()._welcome_blocks(bank, path, answered)
        return [*blocks[:-1], Paragraph(ROOM_KEYS)]

    def show_join(self) -> None:
        """The QR code with what to do beside it (the join code first), then the addresses: 21
        lines, so the whole QR code stays on an 80 x 24 projector screen with the lobby's lines
        below it."""
        import shutil
        import textwrap

        door = self.door
        qr = qr_lines(door.join_address)
        side: list[tuple[str, str]] = [("Voting on phones", "bold"), ("", ""),
                                       (f"Join code: {spaced(door.code)}", "bold"), ("", "")]
        notes = [self._join_notes()[0], "", self.where, "", self._join_notes()[1]]
        if self.resumed:
            notes += ["", self._join_notes()[2]]
        width = shutil.get_terminal_size().columns - len(qr[0]) - 6
        blocks: list[Block] = [Blank()]
        if width < 30:  # too narrow to put them side by side
            blocks += [Line(("  " + line, "")) for line in qr]
            blocks += [Paragraph(side[2], indent=2)] + [Paragraph(note, indent=2, hang=2) for note in notes if note]
        else:
            for note in notes:
                side += [(line, "dim" if note == self.where else "") for line in textwrap.wrap(note, width)] \
                    if note else [("", "")]
            side += [("", "")] * (len(qr) - len(side))
            blocks += [Line(("  " + line + "  ", ""), side[n] if n < len(side) else ("", ""))
                       for n, line in enumerate(qr)]
            blocks += [Line(("  " + text, style)) for text, style in side[len(qr):]]
        blocks += [Line(("  " + door.join_address, "bold")), Line(("  " + door.screen_address, "dim"))]
        self.screen.show(*blocks)

    @staticmethod
    def _join_notes() -> tuple[str, str, str]:
        """How to join, the projector's address, and (on --resume) that phones join again."""
        return ("Scan the QR code with a phone's camera (or type the address below), then type the join code "
                "on the phone.", "A projector's browser: the second address below (it shows the join code too).",
                "Resumed: phones join again with this new address and code; votes already cast are kept.")

    def _lobby_lines(self) -> Lines:
        members = self.room.joined()
        names = [m.name for m in members if m.name]
        joined = self._who(names, len(members) - len(names), len(f"  Joined: {len(members)} · ")) \
            if members else "nobody yet"
        wrong = self.room.wrong_codes
        refused = f"  {plural(wrong, 'wrong join code')} typed (refused)\n" if wrong else ""
        code = "" if self.present else f" · join code {spaced(self.door.code)}"  # beside the QR code there
        return [("bold", f"  Joined: {len(members)}"), ("", f" · {joined}{code}\n"), ("", refused),
                ("bold", _wrapped(NOBODY_YET)) if self._nobody_warned else
                ("italic", "  Press Enter to open the first question when everyone is in.")]

    def _who(self, names: list[str], unnamed: int, used: int) -> str:
        """`who` in full (the projector's screen: what fits on one line)."""
        return who(names, unnamed)

    # Each question -------------------------------------------------------------------------
    def ask_votes(self, view: QuestionView) -> list[str] | DistributionRecord | str:
        self._heading(view, with_text=True)
        self.screen.show(*self._options(view))
        self.room.open(Opened(view.question, view.number, view.total, view.dimension.title))
        return self._take_votes(view)

    @staticmethod
    def _options(view: QuestionView) -> list[Block]:
        return [*(Paragraph(f"{line:>2}. {option.label}", indent=2, hang=6)
                  for line, option in enumerate(view.question.choices, start=1)),
                Paragraph((" n = not applicable, d = don't know (on the phones)", "dim"), indent=2)]

    def _take_votes(self, view: QuestionView) -> DistributionRecord | str:
        """The live count until the reveal (the record), a skip or going back."""
        room = self.room
        self._notice = ""
        keys = {REVEAL_KEY: "reveal", SKIP_KEY: "skip"}
        if view.back:
            keys[BACK_KEY] = "back"

        def taken(picked: str) -> bool:
            if picked == "reveal" and not progress(room).voted:
                self._notice = f"No votes yet: wait for the phones, or {SKIP_KEY} to skip for now."
                return False
            return True

        picked = self._live(self._vote_lines(view), keys, lambda: "everyone" if room.everyone_voted() else None,
                            taken)
        self._notice = ""
        if picked in ("reveal", "everyone"):
            record = room.reveal()
            room.wait_saved()
            self._revealed("Everyone has voted: the votes are revealed." if picked == "everyone" else
                           "The votes are revealed.")
            return record
        room.pause("The facilitator has set this question aside for now." if picked == "skip"
                   else "The facilitator has gone back to an earlier question.")
        room.wait_saved()
        return SKIP if picked == "skip" else BACK

    def _revealed(self, said: str) -> None:
        self.screen.show(Blank(), Paragraph((said, "bold"), indent=2))

    def _vote_lines(self, view: QuestionView) -> Callable[[], Lines]:
        def draw() -> Lines:
            counted = progress(self.room)
            parts = [f"Votes: {counted.voted} of {counted.eligible}"]
            if counted.voted:
                parts.append("voted: " + who(counted.voted_names, counted.voted_unnamed))
            if counted.eligible > counted.voted:
                parts.append("waiting for: " + who(counted.waiting_names, counted.waiting_unnamed))
            late = len(self.room.joined()) - counted.eligible
            if late > 0:
                parts.append(f"{plural(late, 'late joiner')} vote{'s' if late == 1 else ''} from the next question")
            hint = f"{REVEAL_KEY} reveal now · {SKIP_KEY} skip for now"
            if view.back:
                hint += f" · {BACK_KEY} back"
            notice = [("", "\n"), ("bold", _wrapped(self._notice))] if self._notice and not counted.voted else []
            return [("bold", _wrapped(" · ".join(parts))), ("", "\n"),
                    ("italic", _wrapped(hint + " · the votes show when everyone has voted · join code "
                                        + spaced(self.door.code))), *notice]
        return draw

    def show_distribution(self, view: QuestionView) -> None:
        record = view.distribution
        if record is not None and record.source == "votes":
            self.room.show(Opened(view.question, view.number, view.total, view.dimension.title), record)
        super().show_distribution(view)
        said = self._ends(view)
        if said:
            self.screen.show(*said, Blank())

    def _ends(self, view: QuestionView) -> list[Block]:
        """Who voted at each end of the spread (names where they agreed), after a vote on phones."""
        at_ends = ends(self.room)
        record = view.distribution
        if at_ends is None or record is None or record.source != "votes":
            return []
        said = (f"lowest, option {at_ends.low_number}: {who(at_ends.low_names, at_ends.low_unnamed)} · "
                f"highest, option {at_ends.high_number}: {who(at_ends.high_names, at_ends.high_unnamed)}")
        return [Paragraph(("Start with the ends: ", "bold"), said, indent=2, hang=4)]

    def skipped(self, count: int) -> None:
        self.screen.show(Blank(), Paragraph((skipped_text(count), "bold")))

    def review(self, rows: list[ReviewRow]) -> str | None:
        self.room.pause("The facilitator is going over the answers.")
        return super().review(rows)

    def ask_targets(self, bank: Bank, sheet: ScoreSheet) -> dict[str, float]:
        self.room.pause("The board is setting its targets.")
        return super().ask_targets(bank, sheet)

    def _live(self, draw: Callable[[], Lines], keys: dict[str, str],
              done: Callable[[], str | None] = lambda: None, taken: Callable[[str], bool] = lambda _: True) -> str:
        live = Live(draw, keys, done, taken)
        self.room.subscribe(live.poke)
        try:
            return live.run()
        finally:
            self.room.unsubscribe(live.poke)


ROOM_KEYS = (f"Members vote on their phones. At each question {REVEAL_KEY} reveals the votes (they show by "
             f"themselves once everyone has voted), {SKIP_KEY} skips it for now and {BACK_KEY} goes back; then "
             "choose the agreed answer with the arrow keys or a number, and Enter. Skipped questions come back "
             "before the review.")
NOBODY_YET = ("Nobody has joined yet: anyone who joins once the first question is open votes from the second. "
              "Press Enter again to open it anyway.")


def skipped_text(count: int) -> str:
    return (f"Back to the {plural(count, 'question')} skipped for now: the phones vote on "
            f"{'it' if count == 1 else 'them'} now. {SKIP_KEY} skips again.")


def _wrapped(text: str) -> str:
    """`text` wrapped to the terminal's width under a two-space indent (prompt_toolkit would cut
    a long line at the edge, or wrap it to the left margin)."""
    import shutil
    import textwrap

    width = max(40, shutil.get_terminal_size().columns - 1)
    return "\n".join(textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    ",
                                    break_on_hyphens=False))
