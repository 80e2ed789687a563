"""Where a part stands against its target, in words a board reads: met, close (within half a
level) or far. Every format shows the word; those with colour add it (green, amber, red), never
colour alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from goodlooks.bank.model import Bank
from goodlooks.base.numbers import board_score

StatusKey = Literal["met", "close", "far"]
WORDS: dict[StatusKey, str] = {"met": "Met", "close": "Close", "far": "Far"}
LEVELS_FOR_FALLBACK = 5
"""A bank without two levels is taken to have this many equal levels across its range."""


@dataclass(frozen=True)
class Status:
    key: StatusKey
    gap: float
    """max(0, target - score) on the bank's range."""

    @property
    def word(self) -> str:
        return WORDS[self.key]

    def words(self) -> str:
        """`Met`, `Close: 0.3 to go`, `Far: 1.2 to go`."""
        if self.key == "met":
            return self.word
        shown = board_score(self.gap)
        return f"{self.word}: {'under 0.1' if shown == '0.0' else shown} to go"


def half_level(bank: Bank) -> float:
    """Half the mean distance between the bank's level minimums (on its range)."""
    low, high = bank.shown_range()
    mins = [level.min for level in bank.levels]
    if len(mins) >= 2 and mins[-1] > mins[0]:
        return (mins[-1] - mins[0]) / (len(mins) - 1) / 2
    return (high - low) / LEVELS_FOR_FALLBACK / 2


def target_status(bank: Bank, score: float | None, target: float | None) -> Status | None:
    """None without a target; `far` for a part with no score yet."""
    if target is None:
        return None
    if score is None:
        low, _ = bank.shown_range()
        return Status("far", max(0.0, target - low))
    gap = max(0.0, target - score)
    if round(gap, 6) == 0:
        return Status("met", 0.0)
    return Status("close" if round(gap, 6) <= round(half_level(bank), 6) else "far", gap)
