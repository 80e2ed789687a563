"""Figures the reliability tests measure (kills survived, fuzz examples run, hostile inputs
tried), printed at the end of the run by conftest.py, so the README quotes measured numbers."""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()


def record(name: str, count: int = 1) -> None:
    FIGURES[name] += count


NOTES: dict[str, str] = {}


def note(name: str, value: str) -> None:
    """A measured value that is not a count (a time), printed as it is."""
    NOTES[name] = value
