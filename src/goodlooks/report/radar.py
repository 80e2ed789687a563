"""The geometry of the radar chart in the HTML report: one spoke per dimension, rings at the
bank's level minimums, and a polygon per series (now, target, baseline). Pure numbers and
strings; the template draws them as inline SVG (escaping the labels)."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from goodlooks.report.content import Report

WIDTH, HEIGHT = 720, 540
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2 + 4
RADIUS = 180
LABEL_GAP = 18
LABEL_CHARS = 22


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    """SVG text-anchor: start, middle or end."""
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Ring:
    points: str
    name: str
    label_y: float


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    points: str
    dots: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    spokes: tuple[tuple[float, float, float, float], ...]
    rings: tuple[Ring, ...]
    labels: tuple[Label, ...]
    series: tuple[Series, ...]


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTRE_X + RADIUS * fraction * math.cos(angle), 1),
            round(CENTRE_Y + RADIUS * fraction * math.sin(angle), 1))


def _polygon(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in points)


def _label(index: int, count: int, title: str) -> Label:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    x = CENTRE_X + (RADIUS + LABEL_GAP) * math.cos(angle)
    y = CENTRE_Y + (RADIUS + LABEL_GAP) * math.sin(angle)
    lines = tuple(textwrap.wrap(title, LABEL_CHARS)[:3]) or ("",)
    anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
    if math.sin(angle) < -0.7:  # top: the lines grow upwards
        y -= (len(lines) - 1) * 16
    elif abs(math.sin(angle)) <= 0.7:
        y -= (len(lines) - 1) * 8 - 5
    else:
        y += 12
    return Label(round(x, 1), round(y, 1), anchor, lines)


def radar(report: Report) -> Radar | None:
    """The chart for `report`, or None with fewer than three dimensions (a radar needs three)."""
    rows = [row for row in report.rows if not row.is_group]
    count = len(rows)
    if count < 3:
        return None
    low, high = report.score_range
    rings = []
    for level in report.levels:
        fraction = 0.0 if high == low else (level.min - low) / (high - low)
        if 0 < fraction <= 1:
            corners = [_point(i, count, fraction) for i in range(count)]
            rings.append(Ring(_polygon(corners), level.name, round(CENTRE_Y - RADIUS * fraction - 3, 1)))
    if not rings or abs(1 - (report.levels[-1].min - low) / max(high - low, 1e-9)) > 1e-9:
        rings.append(Ring(_polygon([_point(i, count, 1.0) for i in range(count)]), "", 0))
    wanted = [("Now", "now", [row.normalised for row in rows])]
    if any(row.target_normalised is not None for row in rows):
        wanted.append(("Target", "target",
                       [row.target_normalised if row.target_normalised is not None else row.normalised
                        for row in rows]))
    if report.comparison is not None:
        wanted.append((f"Before ({report.baseline_name})" if report.baseline_name else "Before", "baseline",
                       [row.baseline_normalised for row in rows]))
    series = []
    for name, css, values in wanted:
        corners = [_point(i, count, value or 0.0) for i, value in enumerate(values)]
        dots = tuple(corner for corner, value in zip(corners, values) if value is not None)
        series.append(Series(name, css, _polygon(corners), dots))
    return Radar(WIDTH, HEIGHT, tuple((CENTRE_X, CENTRE_Y, *_point(i, count, 1.0)) for i in range(count)),
                 tuple(rings), tuple(_label(i, count, row.title) for i, row in enumerate(rows)),
                 tuple(reversed(series)))  # the current series drawn last, on top
