"""What a report says, worked out once for every format: a plain, typed view of one results file
(the front sheet, the priorities and the other steps, the story of the session, its scores,
levels and what they mean, where people differed, targets and where each part stands against
them, change since a baseline and every answer with its note). The formats only lay it out;
none of them scores anything.

Text here is exactly as the files hold it: each format escapes it on the way out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS, Bank, Question
from goodlooks.base.numbers import board_score
from goodlooks.report.front_sheet import (
    FrontSheet,
    default_asks,
    front_sheet,
    result_sentence,
)
from goodlooks.report.history_section import HistorySection
from goodlooks.report.paper_file import PaperFacts
from goodlooks.report.peers_section import PeersSection
from goodlooks.report.priorities import Plan, plan
from goodlooks.report.status import Status, half_level, target_status
from goodlooks.report.story import StoryFacts, story
from goodlooks.report.summary import Extreme, Partial, extremes, partial, who_answered
from goodlooks.report.wording import method, priorities_intro
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ScoreSheet, score
from goodlooks.scoring.targets import to_normalised
from goodlooks.workshop.compare import Comparison


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
    status: Status | None = None
    """Where it stands against its target: met, close or far."""

    @property
    def change(self) -> float | None:
        return None if self.baseline is None or self.score is None else self.score - self.baseline


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
    disagreements: list[Disagreement]
    answers: list[DimensionAnswers]
    partial: Partial | None
    front: FrontSheet
    plan: Plan
    story: list[str]
    """The story of the session, as paragraphs."""
    half_level: float
    """Within this of its target a part is "close"."""
    priorities_intro: str = ""
    method: list[str] = field(default_factory=list)
    facts: PaperFacts = field(default_factory=PaperFacts)
    scope: list[str] = field(default_factory=list)
    has_targets: bool = False
    comparison: Comparison | None = None
    baseline_name: str | None = None
    """How the paper names the baseline: "the March 2025 assessment"."""
    peers: PeersSection | None = None
    """Where the organisation stands among its peers (`report --peers`)."""
    history: HistorySection | None = None
    """The organisation over the years (`report --history`)."""

    @property
    def statuses(self) -> list[Status]:
        return [row.status for row in self.rows if row.status is not None]

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
                        None if target is None else to_normalised(bank, target), gap, *before,
                        status=target_status(bank, result.shown, target)))
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


def _combined_label(question: Question, mean: float | None, counts: dict[str, int]) -> str:
    """`2.3 on average (Rarely 1, Always 2)`: a combined answer, with the answers behind it."""
    labels = {option.key: option.label for option in question.choices} | RESERVED_LABELS
    behind = ", ".join(f"{labels.get(key, key)} {count}" for key, count in counts.items() if count)
    return f"{board_score(mean)} on average ({behind})" if mean is not None else f"No score ({behind})"


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
                 baseline_name: str | None = None, *, facts: PaperFacts | None = None,
                 whole: Bank | None = None) -> Report:
    """Everything a report shows about `results` scored against `bank` (and the change since a
    baseline, when `comparison` is given, named `baseline_name`). `facts` come from the paper
    file and options; `whole` is the whole bank when `bank` is cut down to a scope."""
    facts = facts or PaperFacts()
    if facts.organisation is None and results.organisation:  # the results file's, unless the paper says
        facts = replace(facts, organisation=results.organisation)
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
    disagreements = _disagreements(bank, results)
    chosen = plan(bank, sheet, results, facts.priorities, facts.owners)
    statuses = [row.status for row in rows if row.status is not None]
    told = story(StoryFacts(results, bank, whole or bank, sheet, len(disagreements), comparison, baseline_name,
                            statuses, len(chosen.find_out), chosen.unknown_parts))
    sentence = result_sentence(overall.shown, overall.level, sheet.score_range, comparison, baseline_name)
    front = front_sheet(facts, f"{bank.title}: self-assessment", sentence,
                        f"{overall.level} means: {meaning}" if meaning else None,
                        default_asks(len(chosen.priorities), bool(targets), len(chosen.find_out)))
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
        disagreements=disagreements, answers=_answers(bank, results),
        partial=partial(results, sheet), front=front, plan=chosen, story=told, half_level=half_level(bank),
        priorities_intro=priorities_intro(chosen, facts.priorities),
        method=method(sheet.strategy, sheet.score_range, half_level(bank), bool(targets)),
        facts=facts, scope=list(results.scope), has_targets=bool(targets),
        comparison=comparison, baseline_name=baseline_name)
