"""The interview as numbered lines, for screen readers and terminals that cannot move a cursor
(`goodlooks assess --plain`, and any terminal whose TERM is dumb).

Every question is printed once, its options numbered one to a line, and the answer is typed
and ended with Enter: nothing is redrawn, no escape sequence is written and the cursor only
moves forward, so a screen reader reads each line once, in order. It reads whole lines from
standard input (no readline, which writes escape sequences of its own) and writes plain text
to standard output, every text from a file made safe (`terminal_text`).

The keys are those of the terminal interview: a number for an option, n for not applicable, d
for don't know, s to skip for now, b to go back, and Enter alone keeps the answer already given
(on a new question, skips it).
"""

from __future__ import annotations

import os
import sys
from itertools import groupby
from pathlib import Path

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_LABELS, Bank, Dimension
from goodlooks.base.numbers import number, plural
from goodlooks.base.safe_text import terminal_text
from goodlooks.interview.engine import BACK, SKIP, QuestionView, ReviewRow
from goodlooks.scoring.scores import ScoreSheet

DUMB_TERMINALS = ("dumb", "unknown")
LETTERS = {"n": NOT_APPLICABLE, "d": DONT_KNOW, "s": SKIP, "b": BACK}


def plain_wanted(asked: bool) -> bool:
    """Whether the interview is put as numbered lines: asked for, or a terminal that cannot
    move its cursor (TERM=dumb, as in Emacs' shell and many screen-reader set-ups)."""
    return asked or os.environ.get("TERM", "").lower() in DUMB_TERMINALS


def say(*lines: str) -> None:
    """Write lines to standard output, text from files made safe."""
    sys.stdout.write("".join(terminal_text(line) + "\n" for line in lines))
    sys.stdout.flush()


def ask_line(prompt: str) -> str:
    """One line typed at standard input, without its line ending; EOFError at the end of input."""
    sys.stdout.write(terminal_text(prompt))
    sys.stdout.flush()
    typed = sys.stdin.readline()
    if not typed:
        raise EOFError
    return typed.rstrip("\r\n")


def confirm(question: str) -> bool:
    """A yes or no question; anything but y or yes is no."""
    return ask_line(f"{question} (y/N): ").strip().lower() in ("y", "yes")


class PlainUI:
    """The interview's `InterviewUI` as numbered lines (see the module's description)."""

    def welcome(self, bank: Bank, path: Path, answered: int) -> None:
        lines = ["", bank.title]
        if bank.source:
            lines.append(bank.source)
        if bank.description:
            lines += ["", bank.description]
        if bank.levels:
            lines += ["", "The levels:"]
            lines += [f"  {level.name} (from {number(level.min)})" + (f": {level.description}" if level.description
                                                                    else "") for level in bank.levels]
        lines += ["", f"{plural(len(bank.questions()), 'question')} in {plural(len(bank.dimensions), 'part')}."]
        if answered:
            lines.append(f"Carrying on: {plural(answered, 'answer')} already given and kept.")
        lines += [f"Answers are saved as you go, to {path}. Press Ctrl-C or Ctrl-D at any time to stop; "
                  "you can carry on later.",
                  "Answer each question by typing an option's number and Enter. n is 'Not applicable', "
                  "d is 'Don't know', s skips for now and b goes back. Enter alone keeps the answer "
                  "given before; on a new question it skips it.",
                  "After each answer, say how you know it: seen (you looked at a paper or page), told or "
                  "believed. Enter alone skips that."]
        say(*lines)

    def dimension(self, dimension: Dimension, number: int, count: int) -> None:
        say("", f"Part {number} of {count}: {dimension.title}", *([dimension.description] if dimension.description
                                                                 else []))

    def _heading(self, view: QuestionView) -> None:
        lines = ["", f"Question {view.number} of {view.total}: {view.question.text}"]
        if view.question.help:
            lines.append(view.question.help)
        if view.question.evidence:
            lines.append(f"Where to look: {view.question.evidence}")
        say(*lines)

    def ask_votes(self, view: QuestionView) -> list[str] | str:
        from goodlooks.workshop.distribution import VoteError, parse_votes

        self._heading(view)
        say(*(f"{line}. {option.label}" for line, option in enumerate(view.question.choices, start=1)),
            "n = not applicable, d = don't know")
        while True:
            typed = ask_line("Votes, one number per person (Enter alone skips for now"
                             + (", b goes back): " if view.back else "): "))
            if typed.strip().lower() == "b" and view.back:
                return BACK
            try:
                votes = parse_votes(typed, view.question)
            except VoteError as error:
                say(str(error))
                continue
            return votes if votes else SKIP

    def show_distribution(self, view: QuestionView) -> None:
        from goodlooks.render.distribution import chart, summary, voices

        record = view.distribution
        if record is None:
            return
        if record.source != "votes":
            self._heading(view)
        say("", summary(record), *(line.plain for line in chart(view.question, record, bars=False)),
            *(line.plain for line in voices(record)))

    def ask(self, view: QuestionView) -> str:
        if view.distribution is None:
            self._heading(view)
        options = view.question.choices
        lines = [f"{key}. {option.label}" for key, option in enumerate(options, start=1)]
        lines += [f"n. {RESERVED_LABELS[NOT_APPLICABLE]}", f"d. {RESERVED_LABELS[DONT_KNOW]}"]
        if view.can_skip:
            lines.append("s. Skip for now")
        if view.back:
            lines.append("b. Back to the previous question" if view.back == "previous"
                         else "b. Keep the answer as it was")
        keys = {str(key): option.key for key, option in enumerate(options, start=1)}
        keys.update({letter: value for letter, value in LETTERS.items()
                     if (letter != "s" or view.can_skip) and (letter != "b" or view.back)})
        kept = view.current or view.suggested
        if kept:
            shown = next((key for key, value in keys.items() if value == kept), kept)
            lines.append(f"Enter alone: {shown} ({self._label(view, kept)})")
        say(*lines)
        prompt = "The agreed answer: " if view.distribution else "Answer: "
        while True:
            typed = ask_line(prompt).strip().lower()
            if not typed:
                if kept:
                    return kept
                if view.can_skip:
                    return SKIP
            elif typed in keys:
                return keys[typed]
            say(f"Type a number from 1 to {len(options)}, or one of {', '.join(k for k in keys if not k.isdigit())}.")

    @staticmethod
    def _label(view: QuestionView, key: str) -> str:
        labels = {option.key: option.label for option in view.question.choices} | RESERVED_LABELS
        return labels.get(key, key)

    def ask_evidence(self, view: QuestionView) -> str | None:
        """Seen, told or believed as numbered lines; Enter alone keeps what was said before (on a
        new answer, says nothing), - says nothing, so skipping costs one key."""
        from goodlooks.results.evidence import EVIDENCE_LABELS, EVIDENCE_QUESTION

        statuses = list(EVIDENCE_LABELS)
        lines = [f"{EVIDENCE_QUESTION} (Enter alone: "
                 + (f"keep {view.evidence}; - says nothing)" if view.evidence else "say nothing)")]
        lines += [f"{number}. {label}" for number, label in enumerate(EVIDENCE_LABELS.values(), start=1)]
        say(*lines)
        while True:
            typed = ask_line("How known: ").strip().lower()
            if not typed:
                return view.evidence
            if typed == "-":
                return None
            if typed.isdigit() and 1 <= int(typed) <= len(statuses):
                return statuses[int(typed) - 1]
            if typed in statuses:
                return typed
            say(f"Type a number from 1 to {len(statuses)}, or Enter alone.")

    def ask_note(self, view: QuestionView) -> str | None:
        if view.note:
            typed = ask_line(f"Note (now: {view.note}). Enter keeps it, - removes it, or type a new one: ")
            return view.note if not typed.strip() else "" if typed.strip() == "-" else typed
        return ask_line("Note: why this answer? (Enter to skip): ")

    def skipped(self, count: int) -> None:
        say("", f"Back to the {plural(count, 'question')} skipped for now. Enter skips again.")

    def review(self, rows: list[ReviewRow]) -> str | None:
        lines = ["", "Your answers:"]
        for _, members in groupby(rows, key=lambda row: row.dimension.id):
            part = list(members)
            lines.append(part[0].dimension.title)
            for row in part:
                lines.append(f"  {row.number}. {row.question.text} Answer: {row.answer or 'none yet'}."
                             + (f" Known: {row.evidence}." if row.evidence else "")
                             + (f" Note: {row.note}" if row.note else ""))
        say(*lines)
        numbers = {str(row.number): row.question.id for row in rows}
        while True:
            typed = ask_line("To change an answer, type its question's number; Enter alone finishes: ").strip()
            if not typed:
                return None
            if typed in numbers:
                return numbers[typed]
            say(f"Type a question number from 1 to {len(rows)}, or Enter alone to finish.")

    def ask_targets(self, bank: Bank, sheet: ScoreSheet) -> dict[str, float]:
        if not bank.levels or not confirm("Set a target for each part, where you want to be in 12 months?"):
            return {}
        targets: dict[str, float] = {}
        low, high = bank.shown_range()
        for dimension in bank.dimensions:
            now = sheet.dimensions[dimension.id]
            where = f"now {now.level} ({number(now.shown)})" if now.level else "no score yet"
            say("", f"{dimension.title}: {where}. Target in 12 months?",
                *(f"{index}. {level.name} (from {number(level.min)})" for index, level in enumerate(bank.levels, 1)))
            while True:
                typed = ask_line("Target (Enter alone: no target for this part): ").strip()
                if not typed:
                    break
                if typed.isdigit() and 1 <= int(typed) <= len(bank.levels):
                    targets[dimension.id] = min(max(bank.levels[int(typed) - 1].min, low), high)
                    break
                say(f"Type a number from 1 to {len(bank.levels)}, or Enter alone for no target.")
        return targets
