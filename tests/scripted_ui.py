"""A scripted stand-in for the terminal UI: the interview loop cannot tell the difference."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from goodlooks.interview.engine import QuestionView, ReviewRow


class ScriptedUI:
    """Answers from lists; a callable step may raise (e.g. KeyboardInterrupt) to simulate Ctrl-C."""

    def __init__(self, answers: Iterable, notes: Iterable = (), reviews: Iterable = (), votes: Iterable = (),
                 targets: dict | None = None, evidence: Iterable = ()) -> None:
        self.answers, self.notes, self.reviews = list(answers), list(notes), list(reviews)
        self.evidence = list(evidence)
        self.evidence_asked: list[QuestionView] = []
        self.votes, self.targets = list(votes), targets or {}
        self.shown: list[QuestionView] = []
        self.skipped_notices: list[int] = []
        self.targets_asked = 0
        self.asked: list[QuestionView] = []
        self.dimensions: list[str] = []
        self.review_rows: list[list[ReviewRow]] = []
        self.welcomed: tuple | None = None

    @staticmethod
    def _next(queue: list, default):
        step = queue.pop(0) if queue else default
        return step() if isinstance(step, Callable) else step

    def welcome(self, bank, path: Path, answered: int) -> None:
        self.welcomed = (bank.id, path, answered)

    def dimension(self, dimension, number: int, count: int) -> None:
        self.dimensions.append(dimension.id)

    def ask(self, view: QuestionView) -> str:
        self.asked.append(view)
        return self._next(self.answers, lambda: view.current or view.question.choices[0].key)

    def ask_evidence(self, view: QuestionView) -> str | None:
        """From `evidence` (seen, told, believed or None); when it runs out, what was said before."""
        self.evidence_asked.append(view)
        return self._next(self.evidence, lambda: view.evidence)

    def ask_note(self, view: QuestionView) -> str | None:
        return self._next(self.notes, lambda: view.note or "")

    def review(self, rows: list[ReviewRow]) -> str | None:
        self.review_rows.append(rows)
        return self._next(self.reviews, None)

    def ask_votes(self, view: QuestionView):
        self.asked.append(view)
        return self._next(self.votes, [])

    def show_distribution(self, view: QuestionView) -> None:
        self.shown.append(view)

    def skipped(self, count: int) -> None:
        self.skipped_notices.append(count)

    def ask_targets(self, bank, sheet) -> dict:
        self.targets_asked += 1
        return dict(self.targets)


def interrupt():
    raise KeyboardInterrupt
