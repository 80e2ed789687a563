"""Targets as scores: the gap from where a dimension is to where the board wants it, and the order
of work that follows (Open SAMMY's priority on normalised scores)."""

from __future__ import annotations

from dataclasses import dataclass

from goodlooks.bank.model import Bank
from goodlooks.scoring.scores import ScoreSheet


def to_normalised(bank: Bank, shown: float) -> float:
    low, high = bank.shown_range()
    return 0.0 if high == low else min(max((shown - low) / (high - low), 0.0), 1.0)



@dataclass(frozen=True)
class Gap:
    dimension: str
    current: float | None
    """Normalised (0 to 1); None when nothing in the dimension was scored."""
    target: float
    """Normalised (0 to 1)."""
    weight: float

    @property
    def gap(self) -> float:
        return max(0.0, self.target - (self.current or 0.0))

    @property
    def priority(self) -> float:
        """Open SAMMY: weight x max((1 + target - current)^2 - 1, 0)."""
        return self.weight * max((1 + self.target - (self.current or 0.0)) ** 2 - 1, 0.0)


def gaps(bank: Bank, sheet: ScoreSheet, targets: dict[str, float]) -> dict[str, Gap]:
    """Each targeted dimension of `bank`: where it is, where it wants to be, and its priority."""
    return {d.id: Gap(d.id, sheet.dimensions[d.id].normalised, to_normalised(bank, targets[d.id]), d.weight)
            for d in bank.dimensions if d.id in targets and d.id in sheet.dimensions}
