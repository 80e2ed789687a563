"""The interview in a terminal: rich for what is shown, questionary for what is asked.

This is the only module that imports questionary. Every prompt uses `unsafe_ask()`, so Ctrl-C
raises KeyboardInterrupt instead of being stored as an answer.
"""

from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path

import questionary
from questionary import Choice, Separator
from rich.console import Console
from rich.text import Text

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_LABELS, Bank, Dimension
from goodlooks.interview.engine import BACK, QuestionView, ReviewRow
from goodlooks.render.numbers import plural
from goodlooks.render.outline import print_indented

FINISH = "__finish__"
SECONDS_PER_QUESTION_ALONE = 25
STYLE = questionary.Style([("qmark", "bold"), ("question", "bold"), ("pointer", "bold"),
                           ("highlighted", "bold"), ("instruction", "italic")])


def terminal_available() -> bool:
    """Whether there is a person at a terminal to ask (stdin is a terminal)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


class TerminalUI:
    """Puts the interview to a person at a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def welcome(self, bank: Bank, path: Path, answered: int) -> None:
        total = len(bank.questions())
        minutes = max(1, round(total * SECONDS_PER_QUESTION_ALONE / 60))
        console = self.console
        console.print()
        print_indented(console, Text(bank.title, style="bold"))
        if bank.source:
            print_indented(console, Text(bank.source, style="dim"))
        console.print()
        print_indented(console, f"{plural(total, 'question')} in {plural(len(bank.dimensions), 'part')}: "
                                f"about {plural(minutes, 'minute')} on your own, longer when a group discusses each one.")
        if answered:
            print_indented(console, f"Carrying on: {plural(answered, 'answer')} already given "
                                    "and kept.")
        print_indented(console, f"Answers are saved as you go, to {path}. Press Ctrl-C at any time "
                                "to stop; you can carry on later.")
        print_indented(console, "Choose with the arrow keys or a number, then Enter. Every question "
                                "also offers 'Not applicable' and 'Don't know'.", )

    def dimension(self, dimension: Dimension, number: int, count: int) -> None:
        self.console.print()
        self.console.rule(Text(f"Part {number} of {count}: {dimension.title}", style="bold"),
                          align="left", characters="─")
        if dimension.description:
            print_indented(self.console, dimension.description)

    def ask(self, view: QuestionView) -> str:
        question = view.question
        self.console.print()
        self.console.print(Text(f"Question {view.number} of {view.total}", style="bold cyan"))
        if question.help:
            print_indented(self.console, Text(question.help, style="italic"), 2)
        if question.evidence:
            print_indented(self.console, Text.assemble(("Where to look: ", "bold"), question.evidence), 2, 2)
        choices: list = [Choice(option.label, value=option.key) for option in question.choices]
        choices += [Separator(), Choice(RESERVED_LABELS[NOT_APPLICABLE], value=NOT_APPLICABLE),
                    Choice(RESERVED_LABELS[DONT_KNOW], value=DONT_KNOW)]
        if view.back == "previous":
            choices += [Separator(), Choice("Back to the previous question", value=BACK)]
        elif view.back == "review":
            choices += [Separator(), Choice("Keep the answer as it was", value=BACK)]
        default = view.current if view.back != "review" or view.current else None
        return questionary.select(
            question.text, choices=choices, default=default or question.choices[0].key,
            use_shortcuts=True, use_jk_keys=False, style=STYLE, instruction=" ").unsafe_ask()

    def ask_note(self, view: QuestionView) -> str | None:
        return questionary.text("Note: why this answer? (Enter to skip)", default=view.note or "",
                                style=STYLE).unsafe_ask()

    def review(self, rows: list[ReviewRow]) -> str | None:
        self._print_review(rows)
        parts = [list(members) for _, members in groupby(rows, key=lambda row: row.dimension.id)]
        while True:
            choices = [Choice("Finish and show the profile", value=FINISH)]
            choices += [Choice(_shorten(f"Change an answer in {members[0].dimension.title}",
                                        self.console.width - 8), value=index)
                        for index, members in enumerate(parts)]
            picked = questionary.select("Review: finish, or change an answer?", choices=choices,
                                        default=FINISH, use_shortcuts=len(choices) <= 36,
                                        use_jk_keys=False, style=STYLE, instruction=" ").unsafe_ask()
            if picked == FINISH:
                return None
            members = parts[picked]
            question_choices = [Choice(_shorten(f"{row.number}. {row.question.text}", self.console.width - 8),
                                       value=row.question.id) for row in members]
            question_choices += [Separator(), Choice("Back to the review", value=BACK)]
            question_id = questionary.select("Which answer?", choices=question_choices,
                                             use_shortcuts=len(question_choices) <= 37, use_jk_keys=False,
                                             style=STYLE, instruction=" ").unsafe_ask()
            if question_id != BACK:
                return question_id

    def _print_review(self, rows: list[ReviewRow]) -> None:
        console = self.console
        console.print()
        console.rule(Text("Your answers", style="bold"), align="left", characters="─")
        width = console.width
        for index, row in enumerate(rows):
            if index == 0 or row.dimension is not rows[index - 1].dimension:
                console.print(Text(row.dimension.title, style="bold"))
            console.print(Text(_shorten(f"{row.number:>2}. {row.question.text}", width - 1)), soft_wrap=True)
            answer = Text(_shorten(row.answer, width - 8), style="bold") if row.answer \
                else Text("(no answer)", style="dim")
            console.print(Text("    → ") + answer, soft_wrap=True)
            if row.note:
                console.print(Text("      " + _shorten(f"note: {row.note}", width - 7), style="dim"),
                              soft_wrap=True)


def confirm_bank_change() -> bool:
    """Ask whether to go on with a bank that has changed under saved answers (the changes are shown first)."""
    return bool(questionary.confirm("Go on with the bank as it is now?", default=False,
                                    style=STYLE).unsafe_ask())
