"""One organisation over the years: the overall score and each part at every assessment, in date
order, with the change since the one before and the targets set at each. Pure: results and
banks in, figures out; reading the files is `goodlooks.workshop.trend_files`.

Assessments on different versions of a bank (or asking different parts of it, `--only`) are
compared on the questions every one of them asked. Each is scored again on those questions only,
by `goodlooks.scoring` against its own copy of the bank, exactly as `goodlooks profile` scores
it, and on its own score range; the questions left out are named, with the assessments that did
not ask them. When every assessment asked the same questions, the scores are their profiles'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from uuid import UUID

from goodlooks.bank.model import Bank
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ScoreSheet, score
from goodlooks.workshop.peers import Part
from goodlooks.workshop.scope import keep_questions


@dataclass(frozen=True)
class Occasion:
    """One assessment in the trend."""

    label: str
    """How the charts and tables name it: its year, or month and year, or date."""
    date: datetime
    """When it was completed."""
    file: str
    response_id: UUID
    kind: str
    bank_version: str
    organisation: str | None


@dataclass(frozen=True)
class Point:
    score: float | None
    """Shown on the bank's range; None when nothing in the part was scored."""
    level: str | None
    change: float | None
    """Since the assessment before (None for the first, or where either has no score)."""
    target: float | None
    """The target set at this assessment (dimensions only; None where none was set)."""


@dataclass(frozen=True)
class TrendPart:
    part: Part
    points: tuple[Point, ...]
    """One per assessment, in date order."""

    @property
    def first_to_last(self) -> float | None:
        scored = [point.score for point in self.points if point.score is not None]
        return scored[-1] - scored[0] if len(scored) > 1 else None


@dataclass(frozen=True)
class LeftOut:
    question: str
    text: str
    missing: tuple[tuple[str, str], ...]
    """(assessment label, why: "not in version 1.0" or "not asked") for each that lacks it."""

    def why(self) -> str:
        """`not in version 1.0 (2022, 2023); not asked (2025)`."""
        grouped: dict[str, list[str]] = {}
        for label, reason in self.missing:
            grouped.setdefault(reason, []).append(label)
        return "; ".join(f"{reason} ({', '.join(labels)})" for reason, labels in grouped.items())


@dataclass(frozen=True)
class Trend:
    organisation: str | None
    bank_id: str
    bank_title: str
    occasions: tuple[Occasion, ...]
    parts: tuple[TrendPart, ...]
    """The overall score first, then each dimension (the newest bank's order)."""
    shared: int
    """How many questions the scores rest on: those every assessment asked."""
    left_out: tuple[LeftOut, ...]
    score_range: tuple[float, float]
    levels: tuple[tuple[str, float], ...]

    @property
    def versions(self) -> list[str]:
        return list(dict.fromkeys(occasion.bank_version for occasion in self.occasions))

    def as_dict(self) -> dict:
        data = asdict(self)
        for occasion in data["occasions"]:
            occasion["date"], occasion["response_id"] = occasion["date"].isoformat(), str(occasion["response_id"])
        data["levels"] = [{"name": name, "min": start} for name, start in self.levels]
        data["versions"] = self.versions
        for part, record in zip(self.parts, data["parts"]):
            record["first_to_last"] = part.first_to_last
        data["left_out"] = [{"question": item.question, "text": item.text,
                             "missing": [{"assessment": label, "why": why} for label, why in item.missing]}
                            for item in self.left_out]
        return data


@dataclass(frozen=True)
class Entry:
    """What the trend needs of one results file."""

    name: str
    results: Results
    bank: Bank
    """The bank as asked (its copy in the file, cut to the questions asked)."""
    whole: Bank
    """The file's copy of the whole bank: a question in it but not asked was left out by `--only`."""

    @property
    def date(self) -> datetime:
        return self.results.completed_at or self.results.updated_at


def labels(dates: Sequence[datetime]) -> list[str]:
    """`2024` when every year is different, else `Mar 2024`, else `2 Mar 2024`, else with the time."""
    forms = (lambda d: f"{d:%Y}", lambda d: f"{d:%b %Y}", lambda d: f"{d.day} {d:%b %Y}",
             lambda d: f"{d.day} {d:%b %Y %H:%M}")
    for form in forms:
        made = [form(date) for date in dates]
        if len(set(made)) == len(made):
            return made
    return [f"{forms[-1](date)} ({number})" for number, date in enumerate(dates, start=1)]


def _parts(banks: Sequence[Bank]) -> list[Part]:
    """The overall score, the newest bank's dimensions, then any that only older ones have."""
    found: dict[str, Part] = {}
    for bank in reversed(banks):
        for dimension in bank.dimensions:
            found.setdefault(dimension.id, Part(dimension.id, dimension.title))
    return [Part("overall", "Overall", True), *found.values()]


def _on_shared(bank: Bank, shared: set[str]) -> Bank:
    """`bank` cut to the `shared` questions, keeping its score range (which, unless the bank sets
    it, comes from its options, and so could change with the questions left out)."""
    if len(bank.questions()) == len(shared):
        return bank
    return keep_questions(bank, shared, score_range=bank.shown_range())


def _left_out(entries: Sequence[Entry], shared: set[str], names: Sequence[str]) -> list[LeftOut]:
    asked_anywhere: dict[str, str] = {}
    for entry in reversed(entries):  # the newest wording of each question
        for question in entry.bank.questions():
            asked_anywhere.setdefault(question.id, question.text)
    found = []
    for question_id, text in asked_anywhere.items():
        if question_id in shared:
            continue
        missing = tuple((name, "not asked" if entry.whole.question(question_id) is not None
                         else f"not in version {entry.results.bank.version}")
                        for name, entry in zip(names, entries) if entry.bank.question(question_id) is None)
        found.append(LeftOut(question_id, text, missing))
    return found


def _point(part: Part, sheet: ScoreSheet, results: Results, before: float | None) -> Point:
    result = sheet.overall if part.overall else sheet.dimensions.get(part.id)
    shown = result.shown if result is not None else None
    change = None if shown is None or before is None else shown - before
    target = None if part.overall else results.targets.get(part.id)
    return Point(shown, result.level if result is not None else None, change, target)


def trend_of(entries: Sequence[Entry]) -> Trend:
    """The trend of `entries` (two or more assessments of one bank id), put in date order."""
    entries = sorted(entries, key=lambda entry: (entry.date, entry.name))
    shared = set.intersection(*({q.id for q in entry.bank.questions()} for entry in entries))
    cut: dict[int, Bank] = {}  # files of one version share one bank copy: cut it once
    banks = [cut.setdefault(id(entry.bank), _on_shared(entry.bank, shared)) if id(entry.bank) not in cut
             else cut[id(entry.bank)] for entry in entries]
    sheets = [score(bank, entry.results.choices()) for bank, entry in zip(banks, entries)]
    names = labels([entry.date for entry in entries])
    parts = _parts(banks)
    trend_parts = []
    for part in parts:
        points: list[Point] = []
        for sheet, entry in zip(sheets, entries):
            points.append(_point(part, sheet, entry.results, points[-1].score if points else None))
        trend_parts.append(TrendPart(part, tuple(points)))
    newest = entries[-1]
    occasions = tuple(Occasion(name, entry.date, entry.name, entry.results.response_id, entry.results.kind,
                               entry.results.bank.version, entry.results.organisation)
                      for name, entry in zip(names, entries))
    return Trend(organisation=next((o.organisation for o in reversed(occasions) if o.organisation), None),
                 bank_id=newest.bank.id, bank_title=newest.bank.title, occasions=occasions,
                 parts=tuple(trend_parts), shared=len(shared), left_out=tuple(_left_out(entries, shared, names)),
                 score_range=sheets[-1].score_range,
                 levels=tuple((level.name, level.min) for level in newest.bank.levels))
