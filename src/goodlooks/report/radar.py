"""The geometry of the radar chart: one spoke per part, rings at the bank's level minimums, and a
polygon per series (now, target, baseline). Pure numbers and strings: the HTML template draws
them as inline SVG (escaping the labels) and `chart_image` draws the same for Word.

Each ring's name is placed where no series crosses it: on a spoke, just outside the ring's
corner there (in the band of the level it begins), on a white ground, trying the top spoke first and then the
spokes nearest it. All rings use one spoke when one is clear for all of them; a ring no place is
clear for goes unnamed (the levels table names every level).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from goodlooks.report.content import Report

WIDTH, HEIGHT = 720, 540
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2 + 4
RADIUS = 180
LABEL_GAP = 18
LABEL_CHARS = 22
RING_FONT = 11
"""px: the ring names' font size (the template's CSS says the same)."""
CHAR_WIDTH = 0.6
"""A generous average character width, in ems, for sans-serif text (measured widths are smaller)."""
DOT_RADIUS = 3.5
CLEARANCE = 2.0
"""px kept free around a ring's name."""
_SIDES = (1,)
"""Just outside the ring's corner: in the band of the level the ring begins."""

Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    """SVG text-anchor: start, middle or end."""
    lines: tuple[str, ...]


@dataclass(frozen=True)
class RingLabel:
    x: float
    y: float
    """The text's baseline, centred on x."""
    box: Box
    """Left, top, right, bottom: the area kept clear of every series."""


@dataclass(frozen=True)
class Ring:
    corners: tuple[Point, ...]
    name: str
    label: RingLabel | None = None

    @property
    def points(self) -> str:
        return _polygon(self.corners)


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    corners: tuple[Point, ...]
    dots: tuple[Point, ...]

    @property
    def points(self) -> str:
        return _polygon(self.corners)


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    spokes: tuple[tuple[float, float, float, float], ...]
    rings: tuple[Ring, ...]
    labels: tuple[Label, ...]
    series: tuple[Series, ...]
    """Drawn in this order: the current series last, on top."""


def _point(index: int, count: int, fraction: float) -> Point:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTRE_X + RADIUS * fraction * math.cos(angle), 1),
            round(CENTRE_Y + RADIUS * fraction * math.sin(angle), 1))


def _polygon(points: Iterable[Point]) -> str:
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


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) <= 0 and side(c, d, a) * side(c, d, b) <= 0


def segment_meets_box(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from `a` to `b` touches the rectangle `box` (left, top, right, bottom)."""
    left, top, right, bottom = box
    if max(a[0], b[0]) < left or min(a[0], b[0]) > right or max(a[1], b[1]) < top or min(a[1], b[1]) > bottom:
        return False
    if any(left <= x <= right and top <= y <= bottom for x, y in (a, b)):
        return True
    corners = ((left, top), (right, top), (right, bottom), (left, bottom))
    return any(_segments_cross(a, b, corners[i], corners[(i + 1) % 4]) for i in range(4))


def _boxes_meet(one: Box, other: Box) -> bool:
    return not (one[2] < other[0] or other[2] < one[0] or one[3] < other[1] or other[3] < one[1])


def _edges(corners: Sequence[Point]) -> list[tuple[Point, Point]]:
    return [(corners[i], corners[(i + 1) % len(corners)]) for i in range(len(corners))]


def _clear(box: Box, series: Sequence[Series], taken: Sequence[Box]) -> bool:
    grown = (box[0] - CLEARANCE, box[1] - CLEARANCE, box[2] + CLEARANCE, box[3] + CLEARANCE)
    for s in series:
        if any(segment_meets_box(a, b, grown) for a, b in _edges(s.corners)):
            return False
        dots = ((x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y in s.dots)
        if any(_boxes_meet(dot, grown) for dot in dots):
            return False
    return not any(_boxes_meet(other, grown) for other in taken)


def _candidate(corners: Sequence[Point], spoke: int, side: int, name: str) -> RingLabel:
    x, y = corners[spoke]
    dx, dy = x - CENTRE_X, y - CENTRE_Y
    length = math.hypot(dx, dy) or 1.0
    half_w, half_h = text_width(name, RING_FONT) / 2 + 1, RING_FONT / 2 + 1
    # from the corner, along the spoke, far enough for the box to clear the ring's corner
    reach = abs(dx / length) * half_w + abs(dy / length) * half_h + 1
    cx, cy = x + side * dx / length * reach, y + side * dy / length * reach
    return RingLabel(round(cx, 1), round(cy + RING_FONT * 0.35, 1),
                     (round(cx - half_w, 1), round(cy - half_h, 1), round(cx + half_w, 1), round(cy + half_h, 1)))


def _spoke_order(count: int) -> list[int]:
    """The top spoke, then the spokes on either side of it, and so on round."""
    order = []
    for step in range(count):
        for spoke in (step, (count - step) % count):
            if spoke not in order:
                order.append(spoke)
    return order


def place_ring_labels(rings: Sequence[Ring], series: Sequence[Series]) -> tuple[Ring, ...]:
    named = [ring for ring in rings if ring.name]
    if not named:
        return tuple(rings)
    count = len(named[0].corners)
    places = [(spoke, side) for side in _SIDES for spoke in _spoke_order(count)]
    for spoke, side in places:  # one place for every ring, when there is one
        labels = [_candidate(ring.corners, spoke, side, ring.name) for ring in named]
        if all(_clear(label.box, series, [o.box for o in labels if o is not label]) for label in labels):
            chosen = dict(zip(map(id, named), labels))
            return tuple(Ring(r.corners, r.name, chosen.get(id(r))) for r in rings)
    taken: list[Box] = []
    placed = []
    for ring in rings:
        label = None
        if ring.name:
            label = next((c for spoke, side in places
                          if _clear((c := _candidate(ring.corners, spoke, side, ring.name)).box, series, taken)),
                         None)
            if label is not None:
                taken.append(label.box)
        placed.append(Ring(ring.corners, ring.name, label))
    return tuple(placed)


def radar(report: Report) -> Radar | None:
    """The chart for `report`, or None with fewer than three parts (a radar needs three)."""
    rows = [row for row in report.rows if not row.is_group]
    count = len(rows)
    if count < 3:
        return None
    low, high = report.score_range
    rings = []
    for level in report.levels:
        fraction = 0.0 if high == low else (level.min - low) / (high - low)
        if 0 < fraction <= 1:
            rings.append(Ring(tuple(_point(i, count, fraction) for i in range(count)), level.name))
    if not rings or abs(1 - (report.levels[-1].min - low) / max(high - low, 1e-9)) > 1e-9:
        rings.append(Ring(tuple(_point(i, count, 1.0) for i in range(count)), ""))
    wanted = [("Now", "now", [row.normalised for row in rows])]
    if any(row.target_normalised is not None for row in rows):
        wanted.append(("Target", "target",
                       [row.target_normalised if row.target_normalised is not None else row.normalised
                        for row in rows]))
    if report.comparison is not None:
        wanted.append((f"Before ({report.baseline_name})" if report.baseline_name else "Before", "baseline",
                       [row.baseline_normalised for row in rows]))
    series = []
    for name, css, values in reversed(wanted):  # the current series drawn last, on top
        corners = tuple(_point(i, count, value or 0.0) for i, value in enumerate(values))
        dots = tuple(corner for corner, value in zip(corners, values) if value is not None)
        series.append(Series(name, css, corners, dots))
    return Radar(WIDTH, HEIGHT, tuple((CENTRE_X, CENTRE_Y, *_point(i, count, 1.0)) for i in range(count)),
                 place_ring_labels(rings, series), tuple(_label(i, count, row.title) for i, row in enumerate(rows)),
                 tuple(series))
