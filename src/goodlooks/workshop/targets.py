"""Targets: where the board wants each dimension to be in 12 months, the gap to there, and the
order of work that follows (Open SAMMY's priority on normalised scores).

A target is stored as a score on the bank's range; a targets file may give a level name instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goodlooks.bank.model import Bank, parse_number
from goodlooks.errors import ResultsError, UsageError
from goodlooks.render.numbers import number, plural
from goodlooks.scoring import ScoreSheet
from goodlooks.yaml_source import read_yaml


def to_normalised(bank: Bank, shown: float) -> float:
    low, high = bank.shown_range()
    return 0.0 if high == low else min(max((shown - low) / (high - low), 0.0), 1.0)


def target_value(bank: Bank, value: object) -> float:
    """A level name (its minimum) or a score on the bank's range -> a score; ValueError if neither."""
    low, high = bank.shown_range()
    if isinstance(value, str):
        for level in bank.levels:
            if level.name.casefold() == value.strip().casefold():
                return min(max(level.min, low), high)
    try:
        score = parse_number(value)
    except Exception:  # noqa: BLE001 - pydantic's error type; the message below says what to give
        names = ", ".join(level.name for level in bank.levels)
        raise ValueError(f"'{value}' is neither a level ({names or 'the bank has none'}) nor a score") from None
    if not low <= score <= high:
        raise ValueError(f"{number(score)} is outside the bank's range, {number(low)} to {number(high)}")
    return score


def read_targets(path: Path, bank: Bank) -> dict[str, float]:
    """A targets file (`dimension-id: level name or score`) checked against `bank`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist; give a targets file (dimension id: level or score)") from None
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    doc, problems = read_yaml(raw, str(path), tabs_allowed=path.suffix.lower() == ".json")
    targets: dict[str, float] = {}
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(doc.problem((), "a targets file is a mapping of dimension id: level name or score"))
    elif doc is not None:
        dimensions = {d.id for d in bank.dimensions}
        for key, value in doc.data.items():
            if key not in dimensions:
                problems.append(doc.problem((key,), f"'{key}' is not a dimension of bank '{bank.id}'; "
                                            f"its dimensions: {', '.join(sorted(dimensions))}", prefer_key=True))
                continue
            try:
                targets[key] = target_value(bank, value)
            except ValueError as error:
                problems.append(doc.problem((key,), f"target for '{key}': {error}"))
    if problems:
        raise ResultsError("\n".join(str(p) for p in sorted(problems))
                           + f"\n{plural(len(problems), 'problem')} in {path}; fix them and run again.")
    return targets


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
