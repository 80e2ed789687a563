"""Scoring: a pure function of a bank and its answers. The only place that knows the formulas.

- An answered question's normalised score is q = (s - lo) / (hi - lo): s is the chosen
  option's score, lo and hi the lowest and highest option scores of that question.
  A combined answer (several people's) carries its q: the mean of the respondents' q.
  Not applicable, don't know and unanswered questions are left out.
- A dimension's D is the weight-weighted mean of its questions' q (`scoring: mean`), or their
  minimum (`scoring: weakest`). Questions of weight 0 are left out. It is shown on the bank's
  score range [r0, r1] as r0 + D * (r1 - r0). A dimension with nothing scored has no score.
- A group's and the overall D: the dimension-weight-weighted mean of their dimensions' D.
- A level is the last level whose min is at or below the shown score (rounded to 6 places).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, Bank, Dimension, Question

ANSWERED = "answered"


@dataclass(frozen=True)
class Choice:
    """What was chosen for one question: an option key (status answered), or not applicable /
    don't know (no option)."""

    status: str
    option: str | None = None
    normalised: float | None = None
    """Set on a combined answer: the mean of the respondents' q, which counts instead of an option."""


@dataclass(frozen=True)
class QuestionScore:
    question_id: str
    weight: float
    option_score: float
    lowest: float
    highest: float
    combined: float | None = None
    """A combined answer's q (the mean of its respondents' q), used as it is."""

    @property
    def normalised(self) -> float:
        if self.combined is not None:
            return self.combined
        return (self.option_score - self.lowest) / (self.highest - self.lowest)


def question_q(question: Question, option_score: float) -> float:
    """q = (s - lo) / (hi - lo) for one of `question`'s option scores (validation keeps hi > lo)."""
    return (option_score - question.lowest) / (question.highest - question.lowest)


def option_scale_score(question: Question, q: float) -> float:
    """The score on `question`'s own option scale that a q stands for: lo + q * (hi - lo)."""
    return question.lowest + q * (question.highest - question.lowest)


@dataclass(frozen=True)
class Score:
    """A normalised score D in [0, 1], the same shown on the bank's range, and its level."""

    normalised: float | None
    shown: float | None
    level: str | None


@dataclass(frozen=True)
class DimensionScore(Score):
    parts: tuple[QuestionScore, ...] = ()
    total: int = 0
    not_applicable: int = 0
    dont_know: int = 0

    @property
    def answered(self) -> int:
        return len(self.parts)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered - self.not_applicable - self.dont_know


@dataclass(frozen=True)
class ScoreSheet:
    """Every score of one set of answers, with the parts it was worked out from."""

    overall: Score
    dimensions: dict[str, DimensionScore] = field(default_factory=dict)
    groups: dict[str, Score] = field(default_factory=dict)
    score_range: tuple[float, float] = (0.0, 1.0)
    strategy: str = "mean"


def level_for(bank: Bank, shown: float | None) -> str | None:
    if shown is None:
        return None
    reached = [level.name for level in bank.levels if level.min <= round(shown, 6)]
    return reached[-1] if reached else None


def _score(bank: Bank, normalised: float | None,
           shown_range: tuple[float, float] | None = None) -> tuple[float | None, float | None, str | None]:
    if normalised is None:
        return None, None, None
    low, high = shown_range or bank.shown_range()
    shown = min(max((1 - normalised) * low + normalised * high, low), high)  # r0 + D(r1 - r0), exact ends
    return normalised, shown, level_for(bank, shown)


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ w·x / Σ w over (weight, value) pairs; None when there is no weight at all."""
    pairs = list(pairs)
    total = sum(weight for weight, _ in pairs)
    if total <= 0:
        return None
    return sum(weight * value for weight, value in pairs) / total


def _question_scores(dimension: Dimension, choices: Mapping[str, Choice]) -> list[QuestionScore]:
    parts = []
    for question in dimension.questions:
        choice = choices.get(question.id)
        if choice is None or choice.status != ANSWERED:
            continue
        if choice.normalised is not None:
            q = min(max(choice.normalised, 0.0), 1.0)
            parts.append(QuestionScore(question.id, question.weight, option_scale_score(question, q),
                                       question.lowest, question.highest, combined=q))
            continue
        option = question.option(choice.option) if choice.option else None
        if option is not None:
            parts.append(QuestionScore(question.id, question.weight, option.score,
                                       question.lowest, question.highest))
    return parts


def score_dimension(bank: Bank, dimension: Dimension, choices: Mapping[str, Choice],
                    shown_range: tuple[float, float] | None = None) -> DimensionScore:
    """`shown_range`: the bank's, when the caller has it (working it out scans every option)."""
    parts = _question_scores(dimension, choices)
    counted = [part for part in parts if part.weight > 0]
    if bank.scoring == "weakest":
        normalised = min((part.normalised for part in counted), default=None)
    else:
        normalised = weighted_mean((part.weight, part.normalised) for part in counted)
    statuses = [choices[q.id].status for q in dimension.questions if q.id in choices]
    return DimensionScore(*_score(bank, normalised, shown_range), parts=tuple(parts), total=len(dimension.questions),
                          not_applicable=statuses.count(NOT_APPLICABLE), dont_know=statuses.count(DONT_KNOW))


def score(bank: Bank, choices: Mapping[str, Choice]) -> ScoreSheet:
    """Score `choices` (question id -> Choice) against `bank`."""
    shown_range = bank.shown_range()
    return _sheet(bank, {d.id: score_dimension(bank, d, choices, shown_range) for d in bank.dimensions},
                  shown_range)


def rescore(bank: Bank, choices: Mapping[str, Choice], previous: ScoreSheet, question_id: str) -> ScoreSheet:
    """What `score(bank, choices)` gives, when `previous` scored the same bank and the same
    choices except the one for `question_id`: only that question's dimension is worked out again
    (an interview step then costs one dimension, not the whole bank)."""
    dimension = bank.dimension_of(question_id)
    if dimension is None or previous.dimensions.keys() != {d.id for d in bank.dimensions}:
        return score(bank, choices)
    dimensions = dict(previous.dimensions)
    dimensions[dimension.id] = score_dimension(bank, dimension, choices, previous.score_range)
    return _sheet(bank, dimensions, previous.score_range)


def _sheet(bank: Bank, dimensions: dict[str, DimensionScore], shown_range: tuple[float, float]) -> ScoreSheet:
    def combined(members: Iterable[Dimension]) -> Score:
        pairs = [(d.weight, normalised) for d in members
                 if (normalised := dimensions[d.id].normalised) is not None]
        return Score(*_score(bank, weighted_mean(pairs), shown_range))

    groups = {g.id: combined(d for d in bank.dimensions if d.group == g.id) for g in bank.groups}
    return ScoreSheet(combined(bank.dimensions), dimensions, groups, shown_range, bank.scoring)
