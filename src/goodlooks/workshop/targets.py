"""Targets: reading where the board wants each dimension to be in 12 months (the gap to there and
the order of work that follows are scoring's, in `goodlooks.scoring.targets`).

A target is stored as a score on the bank's range; a targets file may give a level name instead.
"""

from __future__ import annotations

from pathlib import Path

from goodlooks.bank.model import Bank, parse_number
from goodlooks.base.errors import ResultsError
from goodlooks.base.files import read_limited
from goodlooks.base.numbers import number, plural
from goodlooks.base.yaml_source import read_yaml

MAX_TARGETS_BYTES = 1_000_000
"""1 MB: a targets file is a line per dimension (a bank at its limit has fewer than 100,000)."""


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
    raw = read_limited(path, MAX_TARGETS_BYTES, lambda problem: ResultsError(f"{path}: {problem}"),
                       "a targets file (dimension id: level or score)")  # a FIFO or /dev/zero is refused
    doc, problems = read_yaml(raw, str(path), tabs_allowed=path.suffix.lower() == ".json", kind="a targets file")
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
