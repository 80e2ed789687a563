"""The interview on a projector (`assess --present`): every screen fits the terminal, even 80x24.

Each question's screen starts with the question itself and keeps it at the top. What does not
fit with the menu below it (help, where to look, people's notes, a long list of options) is
shown first, a page at a time, the question still at the top of each page, Enter for the next.
The introduction waits for Enter; the final profile comes a page at a time, its score and table
first. Pages are worked out from the lines rich would print, so they are exact at any size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goodlooks.bank.model import Bank
from goodlooks.base.numbers import plural
from goodlooks.interview.engine import BACK, SKIP, QuestionView, ReviewRow
from goodlooks.interview.prompts import (
    FINISH,
    TerminalUI,
    answer_choices,
    ask_menu,
    menu_height,
    typed_answer,
    vote_options,
    wait_for_enter,
)
from goodlooks.interview.screen import Block, Line, Paragraph, show_with_rich

if TYPE_CHECKING:
    from rich.console import Console

    from goodlooks.results.model import DistributionRecord

PROMPT_LINES = 2
"""Lines kept free under a page for the prompt that follows it, and one to spare."""


def paginate(head: Sequence[str], sections: Sequence[Sequence[str]], height: int, last_room: int) -> list[list[str]]:
    """Pages of `height` lines, each starting with `head`: the sections in order, split only where
    one is longer than a page. Every page but the last leaves PROMPT_LINES free (for "Enter for
    more"); the last leaves `last_room` (for the menu), and holds as many of the last sections,
    whole, as fit."""
    room = max(1, height - len(head) - PROMPT_LINES)
    last = max(0, height - len(head) - last_room)
    tail: list[Sequence[str]] = []
    rest = list(sections)
    while rest and sum(map(len, tail)) + len(rest[-1]) <= last:
        tail.insert(0, rest.pop())
    lines = [line for section in rest for line in section]
    chunks = [lines[at:at + room] for at in range(0, len(lines), room)]
    end = [line for section in tail for line in section]
    if chunks and len(chunks[-1]) + len(end) <= last:  # the rest of a long section fits above the menu
        end = chunks.pop() + end
    return [*([*head, *chunk] for chunk in chunks), [*head, *end]]


class PresentUI(TerminalUI):
    """TerminalUI for a projector: screens that fit, pages that wait for Enter."""

    def __init__(self, make_console: Callable[[], Console]) -> None:
        super().__init__(make_console, present=True)

    # Drawing ----------------------------------------------------------------------------------
    def _lines(self, draw: Callable[[Console], Any]) -> list[str]:
        """What `draw` prints, as the terminal's lines (styles kept), without printing it."""
        console = self.console
        with console.capture() as captured:
            draw(console)
        text = captured.get()
        return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")

    def _blocks(self, blocks: Sequence[Block]) -> list[str]:
        return self._lines(lambda console: show_with_rich(console, blocks))

    def _show_pages(self, pages: list[list[str]], last_prompt: str | None = None) -> None:
        """Each page on a cleared screen; Enter between them (and after the last, with `last_prompt`)."""
        console = self.console
        for number, page in enumerate(pages, start=1):
            console.clear()
            console.file.write("".join(line + "\n" for line in page))
            console.file.flush()
            if number < len(pages):
                wait_for_enter(f"Enter for more (page {number} of {len(pages)})")
            elif last_prompt:
                wait_for_enter(last_prompt)

    @property
    def _size(self) -> tuple[int, int]:
        width, height = self.console.size
        return width, max(10, height)

    def _head(self, view: QuestionView) -> list[str]:
        """The question: what stays at the top of every page of its screen."""
        return self._blocks([Line((f"Question {view.number} of {view.total}", "bold cyan"),
                                  (f" · {view.dimension.title}", "dim")),
                             Paragraph((view.question.text, "bold"), indent=2)])

    def _about(self, view: QuestionView) -> list[list[str]]:
        """Help and where to look, as sections."""
        sections = []
        if view.question.help:
            sections.append(self._blocks([Paragraph((view.question.help, "italic"), indent=2)]))
        if view.question.evidence:
            sections.append(self._blocks([Paragraph(("Where to look: ", "bold"), view.question.evidence,
                                                    indent=2, hang=2)]))
        return sections

    # The interview's screens ------------------------------------------------------------------
    def welcome(self, bank: Bank, path: Path, answered: int) -> None:
        _, height = self._size
        lines = self._blocks(self._welcome_blocks(bank, path, answered))
        while lines and not lines[0].strip():
            lines.pop(0)
        self._show_pages(paginate([], [lines], height, PROMPT_LINES), "Press Enter to start")

    def ask_votes(self, view: QuestionView) -> list[str] | DistributionRecord | str:
        _, height = self._size
        sections = [*self._about(view), self._blocks(vote_options(view))]  # the options as votes are typed
        self._show_pages(paginate(self._head(view), sections, height, PROMPT_LINES + 2))
        return self._votes_prompt(view)

    def show_distribution(self, view: QuestionView) -> None:
        """Shown with the menu, by `ask`."""

    def _spread(self, view: QuestionView) -> tuple[list[list[str]], list[list[str]]]:
        """(what people said: the ends of the spread and the notes), (the summary and chart)."""
        from rich.text import Text

        from goodlooks.render.distribution import chart, ends, summary, voices
        from goodlooks.render.outline import print_indented

        record = view.distribution
        if record is None:
            return [], []
        width, _ = self._size

        def said(console: Console) -> None:
            for line in ends(view.question, record) if record.source == "combined" else ():
                print_indented(console, line, 2, 4)
            for line in voices(record, width):
                print_indented(console, line, 0, 4)

        def drawn(console: Console) -> None:
            style = "bold yellow" if record.discuss else "bold"
            print_indented(console, Text(summary(record), style=style), 2)
            for line in chart(view.question, record, width):
                console.print(line, soft_wrap=True)

        talk = self._lines(said)
        return ([talk] if talk else []), [self._lines(drawn)]

    def ask(self, view: QuestionView) -> str:
        width, height = self._size
        choices, default, shortcuts, instruction = answer_choices(view)
        head = self._head(view)
        talk, drawn = self._spread(view)
        menu = menu_height("Answer", choices, width) + 1
        if len(head) + menu + PROMPT_LINES > height:  # too many options to show as a menu: type one
            options = self._blocks(vote_options(view))
            self._show_pages(paginate(head, [*self._about(view), *talk, *drawn, options], height, 4))
            return typed_answer(view, default, self.screen)
        self._show_pages(paginate(head, [*self._about(view), *talk, *drawn], height, menu))
        return ask_menu("Answer", choices, default, shortcuts, instruction)

    # The review, a part at a time -------------------------------------------------------------
    def review(self, rows: list[ReviewRow]) -> str | None:
        parts = [list(members) for _, members in groupby(rows, key=lambda row: row.dimension.id)]
        page = 0
        while True:
            width, height = self._size
            choices, default = self._review_menu(page, len(parts))
            title = f"Your answers: part {page + 1} of {len(parts)}"
            lines = self._lines(partial(self._print_part, parts[page], title))
            while lines and not lines[0].strip():
                lines.pop(0)
            self._show_pages(paginate(lines[:1], [lines[1:]], height, menu_height("Review", choices, width) + 1))
            picked = ask_menu("Review: finish, or change an answer?", choices, default, True)
            if picked == FINISH:
                return None
            if picked in ("next", "previous"):
                page += 1 if picked == "next" else -1
                continue
            question_id = self._pick_question(parts[page])
            if question_id != BACK:
                return question_id

    def _print_part(self, members: list[ReviewRow], title: str, console: Console) -> None:
        self._print_review(members, title)

    @staticmethod
    def _review_menu(page: int, count: int) -> tuple[list, str]:
        from questionary import Choice

        choices = []
        if page + 1 < count:
            choices.append(Choice("Next part", value="next"))
        if page:
            choices.append(Choice("Previous part", value="previous"))
        choices += [Choice("Change an answer in this part", value="change"),
                    Choice("Finish and show the profile", value=FINISH)]
        return choices, "next" if page + 1 < count else FINISH

    def skipped(self, count: int) -> None:
        notice = f"Back to the {plural(count, 'question')} skipped for now. Enter on each skips it again."
        lines = self._blocks([Paragraph((notice, "bold"))])
        self._show_pages([lines], "Enter to go on")

    # The profile at the end -------------------------------------------------------------------
    def show_paged(self, draw: Callable[[Console], Any]) -> None:
        """What `draw` prints, a page at a time (Enter for the next), split between paragraphs
        where it can be: the profile's score and table come first."""
        _, height = self._size
        lines = self._lines(draw)
        while lines and not lines[0].strip():
            lines.pop(0)
        sections, current = [], []
        for line in lines:
            current.append(line)
            if not line.strip():
                sections.append(current)
                current = []
        if current:
            sections.append(current)
        room = height - PROMPT_LINES
        pages: list[list[str]] = [[]]
        first, sections = _score_and_table(sections, room)
        if first:
            pages = [first, []]
        for section in sections:
            if pages[-1] and len(pages[-1]) + len(section) > room:
                whole = list(section)
                while whole and not whole[-1].strip():  # a blank line may fall at a page's foot
                    whole.pop()
                if len(pages[-1]) + len(whole) <= room:
                    pages[-1].extend(whole)
                    pages.append([])
                    continue
                pages.append([])
            for line in section:
                if len(pages[-1]) >= room:
                    pages.append([])
                pages[-1].append(line)
        self._show_pages([page for page in pages if page])


_STYLES = re.compile(r"\x1b\[[0-9;]*m")


def _score_and_table(sections: list[list[str]], room: int) -> tuple[list[str], list[list[str]]]:
    """The profile's first page: everything up to its table of scores, on one page (blank lines
    left out, and then the overall level's meaning moved to the next page, if that is what it
    takes); and the sections left. No first page (and the sections as they were) without a table."""
    from goodlooks.render.profile import PART_HEADING

    plain = [[_STYLES.sub("", line) for line in section] for section in sections]
    table = next((i for i, section in enumerate(plain) if section[0].startswith(PART_HEADING)), None)
    if table is None:
        return [], sections
    first = [line for section in sections[:table + 1] for line in section]
    rest = sections[table + 1:]
    if len(first) <= room:
        return first, rest
    first = [line for line in first if line.strip()]
    bare = [_STYLES.sub("", line) for line in first]
    overall = next((i for i, line in enumerate(bare) if line.startswith("Overall")), None)
    header = next(i for i, line in enumerate(bare) if line.startswith(PART_HEADING))
    if len(first) > room and overall is not None and overall < header:
        rest = [[*first[overall + 1:header], ""], *rest]
        first = first[:overall + 1] + first[header:]
    return first[:room], ([first[room:]] if first[room:] else []) + rest


__all__ = ["SKIP", "PresentUI", "paginate"]
