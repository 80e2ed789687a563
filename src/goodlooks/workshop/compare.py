"""This year against last: what moved between two results files, matched by id, and how far the
board has come towards its targets (OWASP SAMM's relative metrics on normalised scores).

    gap             = max(0, target - current)
    percent to target = 1 - sum(gap) / sum(target)
    progress to date  = (current - baseline) / (target - baseline)
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from goodlooks.bank.changes import bank_changes
from goodlooks.bank.model import Bank
from goodlooks.results.model import Results
from goodlooks.scoring.scores import Score, ScoreSheet, score
from goodlooks.scoring.targets import to_normalised

_ADDED_OR_REMOVED = re.compile(r"question '[^']*' (was )?(added|removed)")
"""Bank changes already listed as questions added or no longer asked."""


@dataclass(frozen=True)
class ScoreChange:
    id: str
    title: str
    before: float | None
    """Shown on the bank's range."""
    after: float | None
    before_level: str | None
    after_level: str | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class AnswerMove:
    question: str
    text: str
    dimension: str
    before: str
    after: str
    move: float
    """The change in the question's q (-1 to 1)."""


@dataclass(frozen=True)
class TargetProgress:
    dimension: str
    title: str
    baseline: float | None
    current: float | None
    target: float
    """All normalised (0 to 1)."""

    @property
    def gap(self) -> float:
        return max(0.0, self.target - (self.current or 0.0))

    @property
    def progress(self) -> float | None:
        """(current - baseline) / (target - baseline); None where the target is the baseline."""
        if self.baseline is None or self.current is None or self.target == self.baseline:
            return None
        return (self.current - self.baseline) / (self.target - self.baseline)


@dataclass
class Comparison:
    overall: ScoreChange
    dimensions: list[ScoreChange]
    moves: list[AnswerMove]
    added: list[str]
    """Question ids asked now but not in the baseline's bank."""
    removed: list[str]
    bank_changes: list[str]
    """What changed in the bank's scoring between the two files ([] for the same bank)."""
    targets: list[TargetProgress] = field(default_factory=list)
    score_range: tuple[float, float] = (0.0, 1.0)
    """The current bank's range, to show normalised figures as scores."""

    def shown(self, normalised: float | None) -> float | None:
        low, high = self.score_range
        return None if normalised is None else low + normalised * (high - low)

    @property
    def percent_to_target(self) -> float | None:
        """1 - total gap / total target, on the scores as shown (on the bank's range), so that it
        agrees with the scores and targets beside it (on normalised scores it did not, unless the
        range starts at 0)."""
        low, high = self.score_range
        total = sum(low + t.target * (high - low) for t in self.targets)
        gaps = sum(t.gap * (high - low) for t in self.targets)
        return None if not self.targets or total == 0 else 1 - gaps / total

    def as_dict(self) -> dict:
        data = asdict(self)
        data["overall"]["change"] = self.overall.change
        for change, record in zip(self.dimensions, data["dimensions"]):
            record["change"] = change.change
        for target, record in zip(self.targets, data["targets"]):
            record["gap"], record["progress"] = target.gap, target.progress
        data["percent_to_target"] = self.percent_to_target
        return data


def _change(id_: str, title: str, before: Score | None, after: Score | None) -> ScoreChange:
    return ScoreChange(id_, title, before.shown if before else None, after.shown if after else None,
                       before.level if before else None, after.level if after else None)


def _q(bank: Bank, sheet: ScoreSheet, question_id: str) -> float | None:
    dimension = bank.dimension_of(question_id)
    if dimension is None:
        return None
    part = next((p for p in sheet.dimensions[dimension.id].parts if p.question_id == question_id), None)
    return part.normalised if part else None


def compare(old_bank: Bank, old: Results, new_bank: Bank, new: Results) -> Comparison:
    """Compare `old` (scored against `old_bank`) with `new` (against `new_bank`)."""
    before, after = score(old_bank, old.choices()), score(new_bank, new.choices())
    old_dimensions = {d.id: d for d in old_bank.dimensions}
    dimensions = [_change(d.id, d.title, before.dimensions.get(d.id), after.dimensions[d.id])
                  for d in new_bank.dimensions]
    dimensions += [_change(d.id, d.title, before.dimensions[d.id], None)
                   for d in old_bank.dimensions if d.id not in after.dimensions]
    old_ids = {q.id for q in old_bank.questions()}
    new_ids = {q.id for q in new_bank.questions()}
    moves = []
    for question in new_bank.questions():
        was, now_ = _q(old_bank, before, question.id), _q(new_bank, after, question.id)
        if question.id in old.answers and question.id in new.answers:
            was_label, now_label = old.answers[question.id].label, new.answers[question.id].label
            move = (now_ or 0.0) - (was or 0.0) if was is not None and now_ is not None else 0.0
            if was_label != now_label or abs(move) > 1e-9:
                dimension = new_bank.dimension_of(question.id)
                moves.append(AnswerMove(question.id, question.text, dimension.id if dimension else "",
                                        was_label, now_label, move))
    moves.sort(key=lambda m: -abs(m.move))
    changes = bank_changes(old_bank, new_bank) if old.bank.sha256 != new.bank.sha256 else []
    targets = new.targets or old.targets
    progress = [TargetProgress(d.id, d.title,
                               before.dimensions[d.id].normalised if d.id in old_dimensions else None,
                               after.dimensions[d.id].normalised, to_normalised(new_bank, targets[d.id]))
                for d in new_bank.dimensions if d.id in targets]
    return Comparison(_change("overall", "Overall", before.overall, after.overall), dimensions, moves,
                      added=[q.id for q in new_bank.questions() if q.id not in old_ids],
                      removed=[q.id for q in old_bank.questions() if q.id not in new_ids],
                      bank_changes=[c for c in changes if not _ADDED_OR_REMOVED.match(c)],
                      targets=progress, score_range=new_bank.shown_range())
