"""What a report says, worked out once for every format: a plain, typed view of one results file
(its scores, levels and what they mean, advice, disagreements, targets, change since a baseline
and every answer with its note). The formats only lay it out; none of them scores anything.

Text here is exactly as the files hold it: each format escapes it on the way out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS, Bank, Question
from goodlooks.base.numbers import number
from goodlooks.report.advice import Advice, distinct_advice
from goodlooks.report.history_section import HistorySection
from goodlooks.report.peers_section import PeersSection
from goodlooks.report.summary import Extreme, Partial, extremes, partial, who_answered
from goodlooks.results.model import Results
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import ScoreSheet, score
from goodlooks.scoring.targets import gaps, to_normalised
from goodlooks.workshop.compare import Comparison

MAX_PRIORITIES = 3


@dataclass(frozen=True)
class LevelInfo:
    name: str
    min: float
    description: str | None


@dataclass(frozen=True)
class Row:
    """One line of the scores table: a group, or a dimension (inside its group, if any)."""

    id: str
    title: str
    is_group: bool
    score: float | None
    """Shown on the bank's range."""
    normalised: float | None
    level: str | None
    answered: int = 0
    total: int = 0
    not_applicable: int = 0
    dont_know: int = 0
    group: str | None = None
    """The group's title, for a dimension in a group."""
    target: float | None = None
    target_normalised: float | None = None
    gap: float | None = None
    """max(0, target - score) on the bank's range."""
    baseline: float | None = None
    baseline_normalised: float | None = None


@dataclass(frozen=True)
class Voice:
    who: str
    label: str
    note: str


@dataclass(frozen=True)
class AnswerLine:
    question_id: str
    text: str
    status: str
    label: str
    """The chosen option's label, "Not applicable", "Don't know" or "Not answered"."""
    option: str | None
    score: float | None
    note: str | None
    evidence: str | None
    voices: tuple[Voice, ...] = ()
    """What each person wrote, behind a combined or agreed answer."""


@dataclass(frozen=True)
class DimensionAnswers:
    title: str
    answers: list[AnswerLine]


@dataclass(frozen=True)
class Bar:
    key: str
    """The option's number as in the interview, or n / d."""
    label: str
    count: int


@dataclass(frozen=True)
class Disagreement:
    question_id: str
    text: str
    dimension: str
    source: str
    spread: int
    total: int
    bars: list[Bar]
    agreed: str | None
    agreed_note: str | None
    voices: list[Voice]


@dataclass
class Report:
    bank: Bank
    results: Results
    sheet: ScoreSheet
    who: str
    date: datetime | None
    """When the answers were completed (or last updated, while in progress)."""
    score_range: tuple[float, float]
    overall: Row
    overall_meaning: str | None
    levels: list[LevelInfo]
    rows: list[Row]
    strengths: list[Extreme]
    priorities: list[Row]
    advice: list[Advice]
    disagreements: list[Disagreement]
    answers: list[DimensionAnswers]
    partial: Partial | None
    scope: list[str] = field(default_factory=list)
    has_targets: bool = False
    comparison: Comparison | None = None
    baseline_name: str | None = None
    peers: PeersSection | None = None
    """Where the organisation stands among its peers (`report --peers`)."""
    history: HistorySection | None = None
    """The organisation over the years (`report --history`)."""

    @property
    def kind(self) -> str:
        return self.results.kind

    def answer_label(self, question_id: str, fallback: str) -> str:
        """How the answer to `question_id` reads in the appendix (for a combined answer: its
        average and the answers behind it)."""
        return next((a.label for dim in self.answers for a in dim.answers if a.question_id == question_id),
                    fallback)


def _dimension_rows(bank: Bank, sheet: ScoreSheet, results: Results,
                    baseline: dict[str, tuple[float | None, float | None]]) -> list[Row]:
    targets = results.targets
    titles = {g.id: g.title for g in bank.groups}
    rows = []
    for dimension in bank.dimensions:
        result = sheet.dimensions[dimension.id]
        target = targets.get(dimension.id)
        gap = None if target is None or result.shown is None else max(0.0, target - result.shown)
        before = baseline.get(dimension.id, (None, None))
        rows.append(Row(dimension.id, dimension.title, False, result.shown, result.normalised, result.level,
                        result.answered, result.total, result.not_applicable, result.dont_know,
                        titles.get(dimension.group or ""), target,
                        None if target is None else to_normalised(bank, target), gap, *before))
    return rows


def _table(bank: Bank, sheet: ScoreSheet, dimension_rows: list[Row]) -> list[Row]:
    """Groups, each followed by its dimensions; then dimensions in no group."""
    by_id = {row.id: row for row in dimension_rows}
    table = []
    for group in bank.groups:
        result = sheet.groups[group.id]
        members = [by_id[d.id] for d in bank.dimensions if d.group == group.id]
        table.append(Row(group.id, group.title, True, result.shown, result.normalised, result.level,
                         sum(r.answered for r in members), sum(r.total for r in members)))
        table += members
    table += [by_id[d.id] for d in bank.dimensions if not d.group]
    return table


def _priorities(bank: Bank, sheet: ScoreSheet, results: Results, rows: list[Row]) -> list[Row]:
    """With targets: the biggest priorities to reach them; else the weakest dimensions."""
    by_id = {row.id: row for row in rows}
    if results.targets:
        found = sorted((g for g in gaps(bank, sheet, results.targets).values() if g.priority > 0),
                       key=lambda g: -round(g.priority, 9))
        return [by_id[g.dimension] for g in found[:MAX_PRIORITIES]]
    scored = [row for row in rows if row.normalised is not None]
    scored.sort(key=lambda row: round(row.normalised or 0.0, 9))
    return scored[:MAX_PRIORITIES]


def _combined_label(question: Question, mean: float | None, counts: dict[str, int]) -> str:
    """`2.33 on average (Rarely 1, Always 2)`: a combined answer, with the answers behind it."""
    labels = {option.key: option.label for option in question.choices} | RESERVED_LABELS
    behind = ", ".join(f"{labels.get(key, key)} {count}" for key, count in counts.items() if count)
    return f"{number(mean)} on average ({behind})" if mean is not None else f"No score ({behind})"


def _answers(bank: Bank, results: Results) -> list[DimensionAnswers]:
    found = []
    for dimension in bank.dimensions:
        lines = []
        for question in dimension.questions:
            record = results.answers.get(question.id)
            if record is None:
                lines.append(AnswerLine(question.id, question.text, "unanswered", "Not answered", None, None,
                                        None, question.evidence))
                continue
            label, shown = record.label or record.status, record.score
            spread = results.distributions.get(question.id)
            if record.option is None and record.normalised is not None and spread is not None:
                label, shown = _combined_label(question, record.score, spread.counts), None
            voices = tuple(Voice(v.respondent or "Someone", v.label or v.answer, v.note)
                           for v in (spread.voices if spread else []) if v.note)
            lines.append(AnswerLine(question.id, question.text, record.status, label,
                                    record.option, shown, record.note, question.evidence, voices))
        found.append(DimensionAnswers(dimension.title, lines))
    return found


def _disagreements(bank: Bank, results: Results) -> list[Disagreement]:
    found = []
    for question in bank.questions():
        record = results.distributions.get(question.id)
        if record is None or not record.discuss:
            continue
        bars = [Bar(str(n), option.label, record.counts.get(option.key, 0))
                for n, option in enumerate(question.choices, start=1)]
        bars += [Bar(key[0], RESERVED_LABELS[key], record.counts[key]) for key in RESERVED_KEYS
                 if record.counts.get(key)]
        agreed = results.answers.get(question.id) if results.kind in ("agreed", "voted") else None
        voices = [Voice(v.respondent or "Someone", v.label or v.answer, v.note) for v in record.voices if v.note]
        dimension = bank.dimension_of(question.id)
        found.append(Disagreement(question.id, question.text, dimension.title if dimension else "",
                                  record.source, record.spread or 0, sum(record.counts.values()), bars,
                                  agreed.label if agreed else None, agreed.note if agreed else None, voices))
    found.sort(key=lambda d: -d.spread)  # stable: bank order among equals
    return found


def build_report(bank: Bank, results: Results, comparison: Comparison | None = None,
                 baseline_name: str | None = None) -> Report:
    """Everything a report shows about `results` scored against `bank` (and the change since a
    baseline, when `comparison` is given)."""
    choices = results.choices()
    sheet = score(bank, choices)
    baseline: dict[str, tuple[float | None, float | None]] = {}
    if comparison is not None:
        low, high = sheet.score_range
        for change in comparison.dimensions:
            before = change.before
            baseline[change.id] = (before, None if before is None or high == low else (before - low) / (high - low))
    rows = _dimension_rows(bank, sheet, results, baseline)
    overall = sheet.overall
    meaning = next((lvl.description for lvl in bank.levels if lvl.name == overall.level), None)
    targets = {d: t for d, t in results.targets.items() if d in sheet.dimensions}
    return Report(
        bank=bank, results=results, sheet=sheet, who=who_answered(results),
        date=results.completed_at or results.updated_at, score_range=sheet.score_range,
        overall=Row("overall", "Overall", True, overall.shown, overall.normalised, overall.level,
                    sum(r.answered for r in rows), sum(r.total for r in rows),
                    sum(r.not_applicable for r in rows), sum(r.dont_know for r in rows),
                    baseline=comparison.overall.before if comparison else None),
        overall_meaning=meaning,
        levels=[LevelInfo(lvl.name, lvl.min, lvl.description) for lvl in bank.levels],
        rows=_table(bank, sheet, rows), strengths=extremes(bank, sheet),
        priorities=_priorities(bank, sheet, results, rows),
        advice=distinct_advice(bank, recommend(bank, choices, sheet, targets)),
        disagreements=_disagreements(bank, results), answers=_answers(bank, results),
        partial=partial(results, sheet), scope=list(results.scope), has_targets=bool(targets),
        comparison=comparison, baseline_name=baseline_name)
