"""The interview in a terminal: rich (or `screen`, for its own words) for what is shown,
questionary for what is asked.

This is the only module that imports questionary. Every prompt uses `unsafe_ask()`, so Ctrl-C
raises KeyboardInterrupt instead of being stored as an answer.

Keys are the same on every question: numbers for the options, n for not applicable, d for
don't know, s to skip for now, b to go back. Enter alone on a question not yet answered skips
it, so a stray key press never records an answer nobody chose. After an answer, "How do you
know?" (seen, told or believed) starts on "Say nothing": Enter alone skips it too.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import questionary
from questionary import Choice, Separator

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_LABELS, Bank, Dimension
from goodlooks.base.numbers import number, plural
from goodlooks.base.safe_text import terminal_text as safe
from goodlooks.interview.engine import BACK, SKIP, QuestionView, ReviewRow
from goodlooks.interview.screen import Blank, Block, Line, Paragraph, Rule, Screen

if TYPE_CHECKING:  # rich is imported when first needed: after the first question (see screen.py)
    from rich.console import Console

    from goodlooks.results.model import DistributionRecord
    from goodlooks.scoring.scores import ScoreSheet

FINISH = "__finish__"
NO_TARGET = "__none__"
SECONDS_PER_QUESTION_ALONE = 25
RESERVED_SHORTCUTS = {NOT_APPLICABLE: "n", DONT_KNOW: "d", SKIP: "s", BACK: "b"}
MAX_SHORTCUT_OPTIONS = 36 - len(RESERVED_SHORTCUTS)
"""questionary has 36 shortcut keys; beyond this many options, type to filter instead."""
STYLE = questionary.Style([("qmark", "bold"), ("question", "bold"), ("pointer", "bold"),
                           ("highlighted", "bold"), ("instruction", "italic")])


def terminal_available() -> bool:
    """Whether there is a person at a terminal to ask (stdin is a terminal)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _fit(text: str, indent: int, width: int) -> str:
    """`text` wrapped at spaces to `width`, later lines indented by `indent`: prompt_toolkit
    cuts a line off at the terminal's edge (an option's last words simply went missing)."""
    if len(text) + indent <= width or width - indent < 20:
        return text
    return ("\n" + " " * indent).join(textwrap.wrap(text, width - indent, break_on_hyphens=False))


def _select(message: str, choices: list, default: str | None, shortcuts: bool, instruction: str = " "):
    """A select whose message and choice titles (text from files) show no raw control character,
    wrapped to the terminal's width (typing to filter, titles stay on one line to be matched)."""
    width = shutil.get_terminal_size().columns - 1
    for choice in choices:
        if isinstance(choice, Choice) and isinstance(choice.title, str):
            choice.title = safe(choice.title)
            if shortcuts:  # " » 1) " or "   1) " before each title
                choice.title = _fit(choice.title, 6, width)
    message = _fit(safe(message), 2, width - len(instruction))  # "? " before it
    return questionary.select(message, choices=choices, default=default, use_shortcuts=shortcuts,
                              use_search_filter=not shortcuts, use_jk_keys=False, style=STYLE,
                              instruction=instruction).unsafe_ask()


def ask_menu(message: str, choices: list, default: str | None, shortcuts: bool, instruction: str = " ") -> str:
    """A menu of `choices` (see `_select`), for the projector's screens."""
    return _select(message, choices, default, shortcuts, instruction)


def answer_choices(view: QuestionView) -> tuple[list, str, bool, str]:
    """The menu of a question: its choices, where the pointer starts, whether number keys choose
    (else typing filters) and the instruction that says so."""
    question = view.question
    shortcuts = len(question.choices) <= MAX_SHORTCUT_OPTIONS
    choices: list = []
    if view.can_skip:
        choices += [Choice("Skip for now", value=SKIP, shortcut_key="s"), Separator()]
    choices += [Choice(option.label, value=option.key) for option in question.choices]
    choices += [Separator(), Choice(RESERVED_LABELS[NOT_APPLICABLE], value=NOT_APPLICABLE, shortcut_key="n"),
                Choice(RESERVED_LABELS[DONT_KNOW], value=DONT_KNOW, shortcut_key="d")]
    if view.back == "previous":
        choices += [Separator(), Choice("Back to the previous question", value=BACK, shortcut_key="b")]
    elif view.back == "review":
        choices += [Separator(), Choice("Keep the answer as it was", value=BACK, shortcut_key="b")]
    default = view.current or view.suggested or (SKIP if view.can_skip else None)
    if view.back == "review" and not view.current:
        default = view.suggested or question.choices[0].key
    return choices, default or question.choices[0].key, shortcuts, " " if shortcuts else " (type to filter)"


def vote_options(view: QuestionView) -> list[Block]:
    """The options numbered as votes are typed, and the letters for not applicable and don't know."""
    return [*(Paragraph(f"{line:>2}. {option.label}", indent=2, hang=6)
              for line, option in enumerate(view.question.choices, start=1)),
            Paragraph((" n = not applicable, d = don't know", "dim"), indent=2)]


def typed_answer(view: QuestionView, default: str, screen: Screen) -> str:
    """The answer typed as its option number (or n, d, s, b), for a question whose options are
    too many to show as a menu on the screen (they are listed, numbered, above)."""
    keys = {str(n): option.key for n, option in enumerate(view.question.choices, start=1)}
    keys |= {"n": NOT_APPLICABLE, "d": DONT_KNOW}
    if view.can_skip:
        keys["s"] = SKIP
    if view.back:
        keys["b"] = BACK
    shown = next((typed for typed, key in keys.items() if key == default), "")
    extra = ", s to skip for now" if view.can_skip else ""
    extra += ", b to go back" if view.back else ""
    while True:
        typed = questionary.text(f"Answer: an option number 1 to {len(view.question.choices)}, n or d{extra}:",
                                 default=shown, style=STYLE).unsafe_ask().strip().lower()
        if typed in keys:
            return keys[typed]
        if not typed and view.can_skip:
            return SKIP
        screen.show(Paragraph((f"'{typed[:20]}' is not an answer: type an option number from 1 to "
                               f"{len(view.question.choices)}, n for not applicable or d for don't know"
                               f"{extra}.", "bold"), indent=2, hang=2))
        shown = ""


def wait_for_enter(message: str) -> None:
    """Wait until Enter is pressed (anything typed before it is ignored)."""
    questionary.text(message, qmark="»", style=STYLE).unsafe_ask()


def menu_height(message: str, choices: list, width: int) -> int:
    """The lines `_select` takes on screen for these choices (titles wrapped as it wraps them)."""
    lines = 1 + _fit(safe(message), 2, width - 1).count("\n")
    for choice in choices:
        title = choice.title if isinstance(choice, Choice) and isinstance(choice.title, str) else ""
        lines += 1 + _fit(safe(title), 6, width - 1).count("\n")
    return lines


class TerminalUI:
    """Puts the interview to a person at a terminal; `present` clears the screen between
    questions and reviews one part at a time, for a projector."""

    def __init__(self, make_console: Callable[[], Console], *, present: bool = False) -> None:
        self.present = present
        self.screen = Screen(make_console, rich_only=present)

    @property
    def console(self) -> Console:
        """The rich console (made on first use)."""
        return self.screen.console

    def welcome(self, bank: Bank, path: Path, answered: int) -> None:
        if self.present:
            self.console.clear()
        self.screen.show(*self._welcome_blocks(bank, path, answered))

    def _welcome_blocks(self, bank: Bank, path: Path, answered: int) -> list[Block]:
        total = len(bank.questions())
        minutes = max(1, round(total * SECONDS_PER_QUESTION_ALONE / 60))
        blocks: list[Block] = [Blank(), Paragraph((bank.title, "bold"))]
        if bank.source:
            blocks.append(Paragraph((bank.source, "dim")))
        if bank.description:
            blocks += [Blank(), Paragraph(bank.description)]
        if bank.levels:
            blocks += [Blank(), Paragraph(("The levels", "bold"))]
            for level in bank.levels:
                meaning = f": {level.description}" if level.description else ""
                blocks.append(Paragraph((level.name, "bold"), f" (from {number(level.min)}){meaning}",
                                        indent=2, hang=2))
        blocks += [Blank(), Paragraph(f"{plural(total, 'question')} in {plural(len(bank.dimensions), 'part')}: "
                                      f"about {plural(minutes, 'minute')} on your own, longer when a group "
                                      "discusses each one.")]
        if answered:
            blocks.append(Paragraph(f"Carrying on: {plural(answered, 'answer')} already given and kept."))
        blocks += [Paragraph(f"Answers are saved as you go, to {path}. Press Ctrl-C at any time "
                             "to stop; you can carry on later."),
                   Paragraph("After each answer, say how you know it: seen (you looked at a paper or "
                             "page), told or believed. Enter alone skips that."),
                   # the keys last: the room puts its own keys in their place
                   Paragraph("Choose with the arrow keys or a number, then Enter. On every question "
                             "n is 'Not applicable', d is 'Don't know' and b goes back. Enter alone on a "
                             "new question skips it for now; skipped questions come back before the review.")]
        return blocks

    def dimension(self, dimension: Dimension, number: int, count: int) -> None:
        if self.present:
            return  # each question's screen names its part
        blocks: list[Block] = [Blank(), Rule(f"Part {number} of {count}: {dimension.title}")]
        if dimension.description:
            blocks.append(Paragraph(dimension.description))
        self.screen.show(*blocks)

    def _heading(self, view: QuestionView, with_text: bool = False) -> None:
        """Progress, help and where to look; the question's text too when the prompt that follows
        is not the question itself (votes, a distribution) or on a projector."""
        blocks: list[Block] = []
        if self.present:
            self.console.clear()
            blocks.append(Line((view.dimension.title, "dim")))
        blocks += [Blank(), Line((f"Question {view.number} of {view.total}", "bold cyan"))]
        if self.present or with_text:
            blocks.append(Paragraph((view.question.text, "bold"), indent=2))
        if view.question.help:
            blocks.append(Paragraph((view.question.help, "italic"), indent=2))
        if view.question.evidence:
            blocks.append(Paragraph(("Where to look: ", "bold"), view.question.evidence, indent=2, hang=2))
        self.screen.show(*blocks)

    def ask_votes(self, view: QuestionView) -> list[str] | DistributionRecord | str:
        self._heading(view, with_text=True)
        self.screen.show(*vote_options(view))
        return self._votes_prompt(view)

    def _votes_prompt(self, view: QuestionView) -> list[str] | str:
        from goodlooks.workshop.distribution import VoteError, parse_votes

        # The message of votes that cannot be read is shown under the prompt, wrapped: the
        # validation bar of a prompt is one line, cut at the terminal's edge.
        typed = ""
        while True:
            typed = questionary.text("Votes, one number per person (Enter alone skips for now):", default=typed,
                                     style=STYLE).unsafe_ask()
            if typed.strip().lower() == "b" and view.back:
                return BACK
            try:
                votes = parse_votes(typed, view.question)
            except (VoteError, ValueError) as error:  # never a traceback inside the prompt
                self.screen.show(Paragraph((str(error), "bold"), indent=2, hang=2))
                continue
            return votes if votes else SKIP

    def show_distribution(self, view: QuestionView) -> None:
        from rich.text import Text

        from goodlooks.render.distribution import chart, ends, summary, voices
        from goodlooks.render.outline import print_indented

        record = view.distribution
        if record is None:
            return
        if self.present or record.source != "votes":
            self._heading(view, with_text=True)
        console = self.console
        console.print()
        style = "bold yellow" if record.discuss else "bold"
        print_indented(console, Text(summary(record), style=style), 2)
        for line in chart(view.question, record, console.width):
            console.print(line, soft_wrap=True)
        for line in ends(view.question, record) if record.source == "combined" else ():
            print_indented(console, line, 2, 4)  # (a room voting on phones says its own ends)
        for line in voices(record, console.width):
            print_indented(console, line, 0, 4)
        if record.evidence and any(record.evidence.values()):
            from goodlooks.results.evidence import counts_phrase

            print_indented(console, Text(f"How they know: {counts_phrase(record.evidence)}", style="dim"), 2, 4)

    def ask(self, view: QuestionView) -> str:
        if view.distribution is None:
            self._heading(view)
        message = "Answer" if self.present else "The agreed answer" if view.distribution else view.question.text
        return _select(message, *answer_choices(view))

    def ask_evidence(self, view: QuestionView) -> str | None:
        """Seen, told or believed, from a short menu whose pointer starts on "Say nothing" (or on
        the status given before): Enter alone says nothing, so skipping costs one key."""
        from goodlooks.results.evidence import EVIDENCE_LABELS, EVIDENCE_QUESTION

        choices = [Choice("Say nothing about this", value=SKIP, shortcut_key="s")]
        choices += [Choice(label, value=status, shortcut_key=str(number))
                    for number, (status, label) in enumerate(EVIDENCE_LABELS.items(), start=1)]
        picked = _select(f"{EVIDENCE_QUESTION} (Enter to skip)", choices, view.evidence or SKIP, True)
        return None if picked == SKIP else picked

    def ask_note(self, view: QuestionView) -> str | None:
        from goodlooks.results.model import NOTE_TEXT

        def valid(text: str) -> bool | str:  # a note is at most as long as a form's note box takes
            return len(text) <= NOTE_TEXT or f"A note is at most {NOTE_TEXT:,} characters; this one is {len(text):,}"

        return questionary.text("Note: why this answer? (Enter to skip)", default=safe(view.note or ""),
                                validate=valid, style=STYLE).unsafe_ask()

    def skipped(self, count: int) -> None:
        self.screen.show(Blank(), Paragraph((f"Back to the {plural(count, 'question')} skipped for now. "
                                             "Enter skips again.", "bold")))

    def review(self, rows: list[ReviewRow]) -> str | None:
        parts = [list(members) for _, members in groupby(rows, key=lambda row: row.dimension.id)]
        if self.present:
            return self._review_by_part(parts)
        self._print_review(rows)
        while True:
            choices = [Choice("Finish and show the profile", value=FINISH)]
            choices += [Choice(f"Change an answer in {members[0].dimension.title}", value=index)
                        for index, members in enumerate(parts)]
            picked = _select("Review: finish, or change an answer?", choices, FINISH, len(choices) <= 36)
            if picked == FINISH:
                return None
            question_id = self._pick_question(parts[picked])
            if question_id != BACK:
                return question_id

    def _review_by_part(self, parts: list[list[ReviewRow]]) -> str | None:
        page = 0
        while True:
            self.console.clear()
            self._print_review(parts[page], f"Your answers: part {page + 1} of {len(parts)}")
            choices = []
            if page + 1 < len(parts):
                choices.append(Choice("Next part", value="next"))
            if page:
                choices.append(Choice("Previous part", value="previous"))
            choices += [Choice("Change an answer in this part", value="change"),
                        Choice("Finish and show the profile", value=FINISH)]
            default = "next" if page + 1 < len(parts) else FINISH
            picked = _select("Review: finish, or change an answer?", choices, default, True)
            if picked == FINISH:
                return None
            if picked in ("next", "previous"):
                page += 1 if picked == "next" else -1
                continue
            question_id = self._pick_question(parts[page])
            if question_id != BACK:
                return question_id

    def _pick_question(self, members: list[ReviewRow]) -> str:
        choices = [Choice(f"{row.number}. {row.question.text}", value=row.question.id) for row in members]
        choices += [Separator(), Choice("Back to the review", value=BACK)]
        return _select("Which answer?", choices, None, len(choices) <= 37)

    def _print_review(self, rows: list[ReviewRow], title: str = "Your answers") -> None:
        """Every answer, wrapped under itself (never cut at the edge: the answer is what is reviewed)."""
        from rich.text import Text

        from goodlooks.render.outline import print_indented

        console = self.console
        console.print()
        console.rule(Text(title, style="bold"), align="left", characters="─")
        for index, row in enumerate(rows):
            if index == 0 or row.dimension is not rows[index - 1].dimension:
                console.print(Text(row.dimension.title, style="bold"))
            print_indented(console, Text(f"{row.number:>2}. {row.question.text}"), 0, 4)
            known = Text(f" ({row.evidence})", style="dim") if row.evidence else Text("")
            answer = Text(row.answer, style="bold") + known if row.answer else Text("(no answer yet)", style="dim")
            print_indented(console, Text("→ ") + answer, 4, 2)
            if row.note:
                print_indented(console, Text(f"note: {row.note}", style="dim"), 6, 6)

    def ask_targets(self, bank: Bank, sheet: ScoreSheet) -> dict[str, float]:
        if not bank.levels:
            return {}
        wanted = _select("Where do you want to be in 12 months? Setting a target per part shows the gap.",
                         [Choice("No targets for now", value=FINISH),
                          Choice("Set a target for each part", value="set")], FINISH, True)
        if wanted == FINISH:
            return {}
        targets: dict[str, float] = {}
        for dimension in bank.dimensions:
            now = sheet.dimensions[dimension.id]
            where = f"now {now.level} ({number(now.shown)})" if now.level else "no score yet"
            choices = [Choice("No target for this part", value=NO_TARGET)]
            choices += [Choice(f"{level.name} (from {number(level.min)})", value=index)
                        for index, level in enumerate(bank.levels)]
            picked = _select(f"{dimension.title}: {where}. Target in 12 months?",
                             choices, NO_TARGET, len(choices) <= 36)
            if picked != NO_TARGET:
                low, high = bank.shown_range()
                targets[dimension.id] = min(max(bank.levels[picked].min, low), high)
        return targets


def confirm_bank_change(plain: bool = False) -> bool:
    """Ask whether to go on with a bank that has changed under saved answers (the changes are
    shown first); `plain` asks it as a line to type (see `goodlooks.interview.plain`). y or n then
    Enter, like every other answer: a y alone must not go on, or the Enter the facilitator presses
    next would fall on the first question."""
    if plain:
        from goodlooks.interview.plain import confirm

        return confirm("Go on with the bank as it is now?")
    return bool(questionary.confirm("Go on with the bank as it is now?", default=False, auto_enter=False,
                                    instruction="(y or N, then Enter) ", style=STYLE).unsafe_ask())
