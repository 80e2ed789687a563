"""The interview loop. It talks to people only through `InterviewUI`, so the same loop runs
behind questionary in a terminal and behind a scripted answerer in tests. It saves after
every answer and every note, so Ctrl-C or a dead laptop loses at most the question on screen.

Three ways to run it, one loop: one person (or a room answering together) answers; a room
votes at each question and then agrees an answer (`votes`); or a facilitator agrees answers
over a combined file, seeing the spread and people's notes behind each question (the
distributions already in the results).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from goodlooks.bank.model import RESERVED_KEYS, Bank, Dimension, Question
from goodlooks.results import store
from goodlooks.results.model import DistributionRecord, Results, now
from goodlooks.scoring.scores import ANSWERED, Choice, ScoreSheet, score

BACK = "__back__"
"""What `InterviewUI.ask` returns to go back (to the previous question, or out of a change)."""
SKIP = "__skip__"
"""What `InterviewUI.ask` returns for "skip for now": nothing is recorded."""


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
    distribution: DistributionRecord | None = None
    """The votes or people's answers behind this question, if any."""
    suggested: str | None = None
    """Where the pointer starts on a question not answered before (the median vote)."""
    evidence: str | None = None
    """How the answer given before is known (seen, told, believed), if that was said."""

    @property
    def can_skip(self) -> bool:
        return self.current is None and self.back != "review"


@dataclass(frozen=True)
class ReviewRow:
    number: int
    question: Question
    dimension: Dimension
    answer: str | None
    """The chosen option's label, "Not applicable", "Don't know", or None (unanswered)."""
    note: str | None
    evidence: str | None = None
    """How the answer is known (seen, told, believed), if that was said."""


class InterviewUI(Protocol):
    def welcome(self, bank: Bank, path: Path, answered: int) -> None: ...

    def dimension(self, dimension: Dimension, number: int, count: int) -> None: ...

    def ask_votes(self, view: QuestionView) -> list[str] | DistributionRecord | str:
        """The room's votes (option keys, not_applicable, dont_know; or their distribution, as
        votes from phones arrive with their notes), or SKIP or BACK."""

    def show_distribution(self, view: QuestionView) -> None: ...

    def ask(self, view: QuestionView) -> str:
        """An option key, not_applicable, dont_know, SKIP or BACK."""

    def ask_evidence(self, view: QuestionView) -> str | None:
        """How the answer just given is known: seen, told or believed, or None to say nothing
        (the current status is the default; saying nothing costs one key press)."""

    def ask_note(self, view: QuestionView) -> str | None:
        """The note to keep (the current one is the default); empty for none."""

    def skipped(self, count: int) -> None:
        """Say that `count` skipped questions come back now."""

    def review(self, rows: list[ReviewRow]) -> str | None:
        """A question id to change, or None to finish."""

    def ask_targets(self, bank: Bank, sheet: ScoreSheet) -> dict[str, float]:
        """Where the board wants each dimension in 12 months (dimension id -> score); {} skips."""


class Interview:
    def __init__(self, bank: Bank, results: Results, path: Path, ui: InterviewUI,
                 save: Callable[[Results, Path], None] = store.save, *,
                 order: Sequence[Question] | None = None, votes: bool = False,
                 ask_targets: bool = True, resume_at: str | None = None) -> None:
        self.bank, self.results, self.path, self.ui, self._save = bank, results, path, ui, save
        self.questions = list(order) if order is not None else bank.questions()
        self.votes, self.ask_targets = votes, ask_targets
        self.resume_at = resume_at
        """A question to start at if it is still open (where a resumed room was); the open
        questions before it come back with the skipped ones."""
        self.skipped: set[int] = set()

    def run(self) -> Results:
        self._save(self.results, self.path)
        self.ui.welcome(self.bank, self.path, len(self.results.answers))
        self._walk()
        if self.skipped:
            again, self.skipped = sorted(self.skipped), set()
            self.ui.skipped(len(again))
            for index in again:
                self._put(index, back=None)
        while (question_id := self.ui.review(self._review_rows())) is not None:
            index = next(i for i, q in enumerate(self.questions) if q.id == question_id)
            self._put(index, back="review")
        if self.ask_targets and not self.results.targets:
            targets = self.ui.ask_targets(self.bank, score(self.bank, self.results.choices()))
            if targets:
                self.results.targets = dict(targets)
        if any(q.id not in self.results.answers for q in self.questions):
            store.refresh(self.results, self.bank)  # skipped questions left: still in progress
        else:
            store.complete(self.results, self.bank)
        self._save(self.results, self.path)
        return self.results

    def _walk(self) -> None:
        """Ask from the first open question on. After going back, walk forward one question
        at a time (each keeps its answer as the default) up to where the respondent had been."""
        index = self._next_open(-1)
        at = next((i for i, q in enumerate(self.questions)
                   if q.id == self.resume_at and q.id not in self.results.answers), None)
        if at is not None:
            self.skipped.update(i for i in range(at) if self.questions[i].id not in self.results.answers)
            index = at
        furthest = -1 if index is None else index
        shown: Dimension | None = None
        while index is not None:
            furthest = max(furthest, index)
            dimension = self._dimension_of(self.questions[index])
            if dimension is not shown:
                self.ui.dimension(dimension, self.bank.dimensions.index(dimension) + 1, len(self.bank.dimensions))
                shown = dimension
            if not self._put(index, back="previous" if index > 0 else None):
                index = max(0, index - 1)
            elif index < furthest:
                index += 1
            else:
                index = self._next_open(index)

    def _put(self, index: int, back: str | None) -> bool:
        """Ask question `index` (votes first, in a voted session) and its note, saving each;
        False if the respondent went back. Votes are saved the moment they are given, before
        the agreed answer is asked: after Ctrl-C there, the room does not vote again."""
        question = self.questions[index]
        answered_before = question.id in self.results.answers
        typed: DistributionRecord | None = None
        voted_now = False
        if self.votes and not answered_before:
            typed = self.results.distributions.get(question.id)  # voted before an interruption
            if typed is None:
                votes = self.ui.ask_votes(self._view(index, back))
                if votes == BACK:
                    return False
                if votes == SKIP or not votes:
                    self.skipped.add(index)
                    return True
                if isinstance(votes, DistributionRecord):
                    typed = votes
                else:
                    from goodlooks.workshop.distribution import distribution

                    typed = distribution(question, list(votes), "votes")
                self.results.distributions[question.id] = typed
                self.results.updated_at = now()
                self._save(self.results, self.path)
                voted_now = True
        view = self._view(index, back, typed)
        if view.distribution is not None:
            self.ui.show_distribution(view)
        choice = self.ui.ask(view)
        if choice == BACK:
            if voted_now:  # going back undoes the votes just given: they are asked again, as before
                del self.results.distributions[question.id]
                self._save(self.results, self.path)
            return False
        if choice == SKIP:
            self.skipped.add(index)
            return True
        self.skipped.discard(index)
        self.results = store.record_answer(
            self.results, self.bank, question.id,
            Choice(choice, None) if choice in RESERVED_KEYS else Choice(ANSWERED, choice))
        self._save(self.results, self.path)
        if choice not in RESERVED_KEYS:  # not applicable and don't know are not claims to check
            evidence = self.ui.ask_evidence(self._view(index, back, typed))
            if evidence != self.results.answers[question.id].evidence:
                self.results = store.record_evidence(self.results, question.id, evidence)
                self._save(self.results, self.path)
        note = self.ui.ask_note(self._view(index, back, typed))
        if ((note or "").strip() or None) != self.results.answers[question.id].note:
            self.results = store.record_note(self.results, question.id, note)
            self._save(self.results, self.path)
        return True

    def _view(self, index: int, back: str | None, typed: DistributionRecord | None = None) -> QuestionView:
        question = self.questions[index]
        answer = self.results.answers.get(question.id)
        current = None if answer is None else answer.option or answer.status
        record = typed or self.results.distributions.get(question.id)
        suggested = None
        if record is not None:  # votes or combined answers behind it: only in a workshop
            from goodlooks.workshop.distribution import suggested_answer

            suggested = suggested_answer(question, record)
        return QuestionView(index + 1, len(self.questions), question, self._dimension_of(question),
                            current, answer.note if answer else None, back, record, suggested,
                            answer.evidence if answer else None)

    def _dimension_of(self, question: Question) -> Dimension:
        found = self.bank.dimension_of(question.id)
        assert found is not None, question.id  # every question asked is one of the bank's
        return found

    def _next_open(self, after: int) -> int | None:
        open_ = [i for i, q in enumerate(self.questions)
                 if q.id not in self.results.answers and i not in self.skipped]
        return next((i for i in open_ if i > after), open_[0] if open_ else None)

    def _review_rows(self) -> list[ReviewRow]:
        """Every question asked, in the bank's order (so parts stay together)."""
        rows = []
        asked = {q.id for q in self.questions}
        for number, question in enumerate((q for q in self.bank.questions() if q.id in asked), start=1):
            answer = self.results.answers.get(question.id)
            rows.append(ReviewRow(number, question, self._dimension_of(question),
                                  answer.label if answer else None,
                                  answer.note if answer else None,
                                  answer.evidence if answer else None))
        return rows
