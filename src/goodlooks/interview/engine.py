"""The interview loop. It talks to people only through `InterviewUI`, so the same loop runs
behind questionary in a terminal and behind a scripted answerer in tests. It saves after
every answer and every note, so Ctrl-C or a dead laptop loses at most the question on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from goodlooks.bank.model import RESERVED_KEYS, Bank, Dimension, Question
from goodlooks.results import store
from goodlooks.results.model import Results
from goodlooks.scoring import ANSWERED, Choice

BACK = "__back__"
"""What `InterviewUI.ask` returns to go back (to the previous question, or out of a change)."""


@dataclass(frozen=True)
class QuestionView:
    """One question as it is put to the respondent."""

    number: int
    total: int
    question: Question
    dimension: Dimension
    current: str | None
    """The option key (or not_applicable / dont_know) chosen before, if any."""
    note: str | None
    back: str | None
    """What going back does: "previous" question, "review" (cancel a change), or None."""


@dataclass(frozen=True)
class ReviewRow:
    number: int
    question: Question
    dimension: Dimension
    answer: str | None
    """The chosen option's label, "Not applicable", "Don't know", or None (unanswered)."""
    note: str | None


class InterviewUI(Protocol):
    def welcome(self, bank: Bank, path: Path, answered: int) -> None: ...

    def dimension(self, dimension: Dimension, number: int, count: int) -> None: ...

    def ask(self, view: QuestionView) -> str:
        """An option key, not_applicable, dont_know, or BACK."""

    def ask_note(self, view: QuestionView) -> str | None:
        """The note to keep (the current one is the default); empty for none."""

    def review(self, rows: list[ReviewRow]) -> str | None:
        """A question id to change, or None to finish."""


class Interview:
    def __init__(self, bank: Bank, results: Results, path: Path, ui: InterviewUI,
                 save: Callable[[Results, Path], None] = store.save) -> None:
        self.bank, self.results, self.path, self.ui, self._save = bank, results, path, ui, save
        self.questions = bank.questions()

    def run(self) -> Results:
        self._save(self.results, self.path)
        self.ui.welcome(self.bank, self.path, len(self.results.answers))
        self._walk()
        while (question_id := self.ui.review(self._review_rows())) is not None:
            index = next(i for i, q in enumerate(self.questions) if q.id == question_id)
            self._put(index, back="review")
        store.complete(self.results, self.bank)
        self._save(self.results, self.path)
        return self.results

    def _walk(self) -> None:
        """Ask from the first unanswered question on. After going back, walk forward one question
        at a time (each keeps its answer as the default) up to where the respondent had been."""
        index = self._next_unanswered(-1)
        furthest = index
        shown: Dimension | None = None
        while index is not None:
            furthest = max(furthest, index)
            dimension = self.bank.dimension_of(self.questions[index].id)
            if dimension is not shown:
                self.ui.dimension(dimension, self.bank.dimensions.index(dimension) + 1, len(self.bank.dimensions))
                shown = dimension
            if not self._put(index, back="previous" if index > 0 else None):
                index = max(0, index - 1)
            elif index < furthest:
                index += 1
            else:
                index = self._next_unanswered(index)

    def _put(self, index: int, back: str | None) -> bool:
        """Ask question `index` and its note, saving each; False if the respondent went back."""
        question = self.questions[index]
        choice = self.ui.ask(self._view(index, back))
        if choice == BACK:
            return False
        self.results = store.record_answer(
            self.results, self.bank, question.id,
            Choice(choice, None) if choice in RESERVED_KEYS else Choice(ANSWERED, choice))
        self._save(self.results, self.path)
        note = self.ui.ask_note(self._view(index, back))
        if ((note or "").strip() or None) != self.results.answers[question.id].note:
            self.results = store.record_note(self.results, question.id, note)
            self._save(self.results, self.path)
        return True

    def _view(self, index: int, back: str | None) -> QuestionView:
        question = self.questions[index]
        answer = self.results.answers.get(question.id)
        current = None if answer is None else answer.option or answer.status
        return QuestionView(index + 1, len(self.questions), question, self.bank.dimension_of(question.id),
                            current, answer.note if answer else None, back)

    def _next_unanswered(self, after: int) -> int | None:
        unanswered = [i for i, q in enumerate(self.questions) if q.id not in self.results.answers]
        return next((i for i in unanswered if i > after), unanswered[0] if unanswered else None)

    def _review_rows(self) -> list[ReviewRow]:
        rows = []
        for number, question in enumerate(self.questions, start=1):
            answer = self.results.answers.get(question.id)
            rows.append(ReviewRow(number, question, self.bank.dimension_of(question.id),
                                  answer.label if answer else None,
                                  answer.note if answer else None))
        return rows
