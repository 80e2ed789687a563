"""How numbers are shown to people."""

from __future__ import annotations


def number(value: float | None, places: int = 2) -> str:
    """`3`, `2.5`, `0.25`: at most `places` decimals, no trailing zeros; a dash for nothing."""
    if value is None:
        return "–"
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def score(value: float | None) -> str:
    """A score with two decimals, as in the profile: `2.71`."""
    return "–" if value is None else f"{value:.2f}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 question`, `32 questions`, `10,000 files`."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def ordinal(count: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `112th`."""
    suffix = "th" if count % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(count % 10, "th")
    return f"{count}{suffix}"
