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
from goodlooks.room.guard import Door, grouped
from goodlooks.room.live import Lines, Live
from goodlooks.room.state import Opened, Room
from goodlooks.room.views import progress, who

if TYPE_CHECKING:
    from goodlooks.bank.model import Bank
    from goodlooks.results.model import DistributionRecord
    from goodlooks.scoring.scores import ScoreSheet

REVEAL_KEY, SKIP_KEY, BACK_KEY = "r", "s", "b"


class RoomUI(TerminalUI):
    def __init__(self, make_console: Callable[[], Any], room: Room, door: Door, where: str, *,
                 present: bool = False, resumed: bool = False) -> None:
        super().__init__(make_console, present=present)
        self.room, self.door, self.where, self.resumed = room, door, where, resumed
        self._nobody_warned = False

    # Joining -------------------------------------------------------------------------------
    def welcome(self, bank: Bank, path: Path, answered: int) -> None:
        super().welcome(bank, path, answered)
        if self.present:
            self.console.clear()
        self.show_join()
        while True:
            self._live(self._lobby_lines, {"enter": "start"})
            if self.room.members or self._nobody_warned:
                return
            self._nobody_warned = True  # whoever joins once a question is open votes from the next one
            self.screen.show(Paragraph(("Nobody has joined yet: anyone who joins once the first question is "
                                        "open votes from the second. Press Enter again to open it anyway.",
                                        "bold"), indent=2, hang=2))

    def show_join(self) -> None:
        """The QR code with what to do beside it, then the address: 20 lines, so the whole code
        stays on an 80 x 24 projector screen with the lobby's lines below it."""
        import shutil
        import textwrap

        door = self.door
        qr = qr_lines(door.join_address)
        side: list[tuple[str, str]] = [("Voting on phones", "bold"), ("", "")]
        notes = ["Scan the code with a phone's camera, or type the address below.", "",
                 f"Join code, to type after the address: {grouped(door.secret)} (any case).", "",
                 self.where, "", "A projector's browser: the address with /screen after it."]
        if self.resumed:
            notes += ["", "Resumed: phones join again with this new address; votes already cast are kept."]
        width = shutil.get_terminal_size().columns - len(qr[0]) - 6
        blocks: list[Block] = [Blank()]
        if width < 30:  # too narrow to put them side by side
            blocks += [Line(("  " + line, "")) for line in qr]
            blocks += [Paragraph(note, indent=2, hang=2) for note in notes if note]
        else:
            for note in notes:
                side += [(line, "dim" if note == self.where else "") for line in textwrap.wrap(note, width)] \
                    if note else [("", "")]
            side += [("", "")] * (len(qr) - len(side))
            blocks += [Line(("  " + line + "  ", ""), side[n] if n < len(side) else ("", ""))
                       for n, line in enumerate(qr)]
            blocks += [Line(("  " + text, style)) for text, style in side[len(qr):]]
        blocks.append(Line(("  " + door.join_address, "bold")))
        self.screen.show(*blocks)

    def _lobby_lines(self) -> Lines:
        members = list(self.room.members.values())
        names = [m.name for m in members if m.name]
        joined = who(names, len(members) - len(names)) if members else "nobody yet"
        return [("bold", f"  Joined: {len(members)}"), ("", f" · {joined}\n"),
                ("italic", "  Press Enter to open the first question when everyone is in.")]

    # Each question -------------------------------------------------------------------------
    def ask_votes(self, view: QuestionView) -> list[str] | DistributionRecord | str:
        self._heading(view, with_text=True)
        self.screen.show(*(Paragraph(f"{line:>2}. {option.label}", indent=2, hang=6)
                           for line, option in enumerate(view.question.choices, start=1)),
                         Paragraph((" n = not applicable, d = don't know (on the phones)", "dim"), indent=2))
        room = self.room
        room.open(Opened(view.question, view.number, view.total, view.dimension.title))
        keys = {REVEAL_KEY: "reveal", SKIP_KEY: "skip"}
        if view.back:
            keys[BACK_KEY] = "back"
        while True:
            picked = self._live(self._vote_lines(view), keys,
                                lambda: "everyone" if room.everyone_voted() else None)
            if picked in ("reveal", "everyone") and not progress(room).voted:
                self.screen.show(Paragraph(("No votes yet: wait for the phones, or s to skip for now.", "bold"),
                                           indent=2))
                continue
            break
        if picked in ("reveal", "everyone"):
            record = room.reveal()
            room.wait_saved()
            said = "Everyone has voted: the votes are revealed." if picked == "everyone" else \
                "The votes are revealed."
            self.screen.show(Blank(), Paragraph((said, "bold"), indent=2))
            return record
        room.pause("The facilitator has set this question aside for now." if picked == "skip"
                   else "The facilitator has gone back to an earlier question.")
        room.wait_saved()
        return SKIP if picked == "skip" else BACK

    def _vote_lines(self, view: QuestionView) -> Callable[[], Lines]:
        def draw() -> Lines:
            counted = progress(self.room)
            parts = [f"Votes: {counted.voted} of {counted.eligible}"]
            if counted.voted:
                parts.append("voted: " + who(counted.voted_names, counted.voted_unnamed))
            if counted.eligible > counted.voted:
                parts.append("waiting for: " + who(counted.waiting_names, counted.waiting_unnamed))
            late = len(self.room.members) - counted.eligible
            if late > 0:
                parts.append(f"{plural(late, 'late joiner')} vote{'s' if late == 1 else ''} from the next question")
            hint = f"{REVEAL_KEY} reveal now · {SKIP_KEY} skip for now"
            if view.back:
                hint += f" · {BACK_KEY} back"
            return [("bold", _wrapped(" · ".join(parts))), ("", "\n"),
                    ("italic", _wrapped(hint + " · the votes show when everyone has voted"))]
        return draw

    def show_distribution(self, view: QuestionView) -> None:
        record = view.distribution
        if record is not None and record.source == "votes":
            self.room.show(Opened(view.question, view.number, view.total, view.dimension.title), record)
        super().show_distribution(view)
        ends = self.room.ends()
        if ends is not None and record is not None and record.source == "votes":
            said = (f"lowest, option {ends.low_number}: {who(ends.low_names, ends.low_unnamed)} · "
                    f"highest, option {ends.high_number}: {who(ends.high_names, ends.high_unnamed)}")
            self.screen.show(Paragraph(("Start with the ends: ", "bold"), said, indent=2, hang=4), Blank())

    def skipped(self, count: int) -> None:
        self.screen.show(Blank(), Paragraph((f"Back to the {plural(count, 'question')} skipped for now: "
                                             f"the phones vote on {'it' if count == 1 else 'them'} now. "
                                             f"{SKIP_KEY} skips again.", "bold")))

    def review(self, rows: list[ReviewRow]) -> str | None:
        self.room.pause("The facilitator is going over the answers.")
        return super().review(rows)

    def ask_targets(self, bank: Bank, sheet: ScoreSheet) -> dict[str, float]:
        self.room.pause("The board is setting its targets.")
        return super().ask_targets(bank, sheet)

    def _live(self, draw: Callable[[], Lines], keys: dict[str, str],
              done: Callable[[], str | None] = lambda: None) -> str:
        live = Live(draw, keys, done)
        self.room.subscribe(live.poke)
        try:
            return live.run()
        finally:
            self.room.unsubscribe(live.poke)


def _wrapped(text: str) -> str:
    """`text` wrapped to the terminal's width under a two-space indent (prompt_toolkit would cut
    a long line at the edge, or wrap it to the left margin)."""
    import shutil
    import textwrap

    width = max(40, shutil.get_terminal_size().columns - 1)
    return "\n".join(textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    ",
                                    break_on_hyphens=False))
