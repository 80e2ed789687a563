"""The report's "Over the years" section: the geometry of the small line chart the HTML report
draws for each part (its score at each assessment, spaced by date, with the targets set as
dashed steps to the next assessment), and the long table CSV gets.

Pure numbers and strings, from a `Trend`; the templates draw and escape them
(`templates/report/history.html`, `history.md`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from goodlooks.base.numbers import board_score as score_text
from goodlooks.workshop.trend import Trend, TrendPart

WIDTH, HEIGHT = 300, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 16, 16, 30
INSET = 14
"""Room between the score axis and the first assessment, so its label clears the axis numbers."""
LABEL_GAP = 30
"""The least room between two date labels on the x axis; closer ones are left out (the table has all)."""
ALL_VALUES = 5
"""With at most this many assessments every point is labelled with its score; else the first and last."""

CSV_COLUMNS = ("organisation", "bank_id", "assessment", "completed_at", "file", "response_id", "kind",
               "bank_version", "part_id", "part", "score", "level", "change", "target", "questions_compared")


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    text: str
    """The score, where it is labelled (else empty)."""


@dataclass(frozen=True)
class Step:
    x1: float
    x2: float
    y: float
    text: str


@dataclass(frozen=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    part: TrendPart
    lines: tuple[str, ...]
    """Polyline points, one per run of scored assessments."""
    dots: tuple[Dot, ...]
    targets: tuple[Step, ...]
    grid: tuple[tuple[float, str], ...]
    """(y, score) of each horizontal grid line."""
    dates: tuple[Label, ...]
    description: str
    """The chart in words, for its <title>."""


@dataclass(frozen=True)
class HistoryCharts:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: float
    charts: tuple[Chart, ...]


def _xs(trend: Trend) -> list[float]:
    """x of each assessment: spaced by date (evenly when they are all at one moment)."""
    times = [occasion.date.timestamp() for occasion in trend.occasions]
    span = max(times) - min(times)
    start, usable = LEFT + INSET, WIDTH - LEFT - INSET - RIGHT
    if span <= 0:
        return [round(start + usable * i / max(1, len(times) - 1), 1) for i in range(len(times))]
    return [round(start + usable * (t - min(times)) / span, 1) for t in times]


def _grid(low: float, high: float) -> list[float]:
    whole = [float(v) for v in range(int(-(-low // 1)), int(high // 1) + 1)]
    return whole if 2 <= len(whole) <= 6 else [low, (low + high) / 2, high]


def _dates(trend: Trend, xs: list[float]) -> tuple[Label, ...]:
    shown: list[Label] = []
    last = len(xs) - 1
    for index, (x, occasion) in enumerate(zip(xs, trend.occasions)):
        if shown and x - shown[-1].x < LABEL_GAP:
            if index != last:
                continue
            shown.pop()  # the newest always shows
        shown.append(Label(x, occasion.label))
    return tuple(shown)


def _describe(trend: Trend, part: TrendPart) -> str:
    values = ", ".join(f"{occasion.label} {score_text(point.score)}"
                       for occasion, point in zip(trend.occasions, part.points))
    return f"{part.part.title} over the years: {values}. The table below holds the same numbers."


def history_charts(trend: Trend) -> HistoryCharts:
    low, high = trend.score_range
    span = (high - low) or 1.0
    bottom = HEIGHT - BOTTOM

    def y(value: float) -> float:
        return round(bottom - (min(max(value, low), high) - low) / span * (bottom - TOP), 1)

    xs = _xs(trend)
    dates = _dates(trend, xs)
    grid = tuple((y(value), f"{value:g}") for value in _grid(low, high))
    labelled = len(xs) <= ALL_VALUES
    charts = []
    for part in trend.parts:
        runs: list[list[str]] = [[]]
        dots = []
        scored = [i for i, point in enumerate(part.points) if point.score is not None]
        for index, point in enumerate(part.points):
            if point.score is None:
                runs.append([])
                continue
            runs[-1].append(f"{xs[index]},{y(point.score)}")
            show = labelled or index in (scored[0], scored[-1])
            dots.append(Dot(xs[index], y(point.score), score_text(point.score) if show else ""))
        steps = []
        for index, point in enumerate(part.points):
            if point.target is not None:
                end = xs[index + 1] if index + 1 < len(xs) else min(WIDTH - 4, xs[index] + 14)
                steps.append(Step(xs[index], end, y(point.target), f"target {score_text(point.target)}"))
        charts.append(Chart(part, tuple(" ".join(run) for run in runs if len(run) > 1), tuple(dots), tuple(steps),
                            grid, dates, _describe(trend, part)))
    return HistoryCharts(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, bottom, tuple(charts))


def history_rows(trend: Trend) -> Iterable[list[object]]:
    """The long table for CSV: one row per assessment and part, in `CSV_COLUMNS` order."""
    for part in trend.parts:
        for occasion, point in zip(trend.occasions, part.points):
            yield [trend.organisation, trend.bank_id, occasion.label, occasion.date.isoformat(), occasion.file,
                   str(occasion.response_id), occasion.kind, occasion.bank_version, part.part.id, part.part.title,
                   point.score, point.level, point.change, point.target, trend.shared]


@dataclass
class HistorySection:
    """What a report shows of the organisation over the years."""

    trend: Trend

    @property
    def charts(self) -> HistoryCharts:
        return history_charts(self.trend)

    @property
    def targeted(self) -> list[TrendPart]:
        """The parts that had a target at some assessment."""
        return [part for part in self.trend.parts if any(point.target is not None for point in part.points)]

