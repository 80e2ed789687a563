"""The report's "Among its peers" section: the geometry of the box plot the HTML report draws (one
row per part: the peers' middle half as a box, their median as a line, their lowest to highest
as whiskers, the organisation itself as a marked diamond) and the long table CSV gets.

Pure numbers and strings, from a `PeerStanding`, which holds no peer's name or file; the
templates draw and escape them (`templates/report/peers.html`, `peers.md`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from goodlooks.workshop.peers import PartStanding, PeerStanding

WIDTH = 720
LABEL_WIDTH = 230
RIGHT = 24
ROW = 40
TOP = 12
AXIS = 34
LABEL_CHARS = 30
BOX = 14
"""The box's height; the diamond marking the organisation is as tall."""

CSV_COLUMNS = ("organisation", "bank_id", "bank_version", "part_id", "part", "score", "level", "peers",
               "median", "lower_quartile", "upper_quartile", "lowest", "highest", "rank", "of", "level_with",
               "withheld")


@dataclass(frozen=True)
class PlotRow:
    standing: PartStanding
    y: float
    """The row's middle."""
    label: tuple[str, ...]
    box: tuple[float, float] | None
    """x of the lower and upper quartile."""
    median: float | None
    whiskers: tuple[float, float] | None
    own: float | None
    """x of the organisation's own score."""


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    name: str
    shade: int
    """0 or 1: level bands alternate."""


@dataclass(frozen=True)
class PeerPlot:
    width: int
    height: int
    left: int
    right: int
    axis_y: float
    rows: tuple[PlotRow, ...]
    ticks: tuple[Tick, ...]
    bands: tuple[Band, ...]


def _x(value: float, score_range: tuple[float, float]) -> float:
    """Where a score sits across the plot, from the lowest score of the range to the highest."""
    low, high = score_range
    span = (high - low) or 1.0
    return round(LABEL_WIDTH + (min(max(value, low), high) - low) / span * (WIDTH - LABEL_WIDTH - RIGHT), 1)


def peer_plot(standing: PeerStanding) -> PeerPlot:
    """The box plot of `standing`, one row per part (the overall score first)."""
    low, high = standing.score_range

    def x(value: float) -> float:
        return _x(value, standing.score_range)

    rows = []
    for index, part in enumerate(standing.parts):
        figures = part.figures
        rows.append(PlotRow(
            part, TOP + ROW * index + ROW / 2, tuple(textwrap.wrap(part.part.title, LABEL_CHARS)[:2]) or ("",),
            (x(figures.lower_quartile), x(figures.upper_quartile)) if figures else None,
            x(figures.median) if figures else None,
            (x(figures.lowest), x(figures.highest)) if figures else None,
            x(part.own) if part.own is not None else None))
    axis_y = TOP + ROW * len(rows) + 4
    ticks = tuple(Tick(x(value), f"{value:g}") for value in _tick_values(low, high))
    starts = [(name, start) for name, start in standing.levels if low <= start < high]
    bands = tuple(Band(x(start), round(x(starts[i + 1][1] if i + 1 < len(starts) else high) - x(start), 1), name,
                       i % 2) for i, (name, start) in enumerate(starts))
    return PeerPlot(WIDTH, int(axis_y + AXIS), LABEL_WIDTH, WIDTH - RIGHT, axis_y, tuple(rows), ticks, bands)


def _tick_values(low: float, high: float) -> list[float]:
    """Whole numbers across the range when there are 2 to 10 of them, else the ends and middle."""
    whole = list(range(int(-(-low // 1)), int(high // 1) + 1))
    if 2 <= len(whole) <= 10:
        return [float(value) for value in whole]
    return [low, (low + high) / 2, high]


def peer_rows(standing: PeerStanding) -> Iterable[list[object]]:
    """The long table for CSV: one row per part, in `CSV_COLUMNS` order."""
    for part in standing.parts:
        figures, rank = part.figures, part.rank
        yield [standing.organisation, standing.bank_id, standing.bank_version, part.part.id, part.part.title,
               part.own, part.own_level, part.peers,
               *((figures.median, figures.lower_quartile, figures.upper_quartile, figures.lowest, figures.highest)
                 if figures else (None,) * 5),
               *((rank.place, rank.of, rank.tied) if rank else (None,) * 3),
               standing.withheld or part.withheld]


@dataclass
class PeersSection:
    """What a report shows of the organisation among its peers."""

    standing: PeerStanding

    @property
    def plot(self) -> PeerPlot:
        return peer_plot(self.standing)

    @property
    def short(self) -> list[PartStanding]:
        """Parts whose figures are withheld while the group's are shown."""
        return [] if self.standing.withheld else [part for part in self.standing.parts if part.withheld]
