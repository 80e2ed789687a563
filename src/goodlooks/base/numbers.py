"""How numbers are shown to people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def number(value: float | None, places: int = 2) -> str:
    """`3`, `2.5`, `0.25`: at most `places` decimals, no trailing zeros; a dash for nothing."""
    if value is None:
        return "–"
    if abs(value) >= 1e15:  # only a number refused as out of bounds is this large: never 300 digits
        return f"{value:.3g}"
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def score(value: float | None) -> str:
    """A score with two decimals, as in the profile: `2.71`."""
    return "–" if value is None else f"{value:.2f}"


def _tenths(value: float) -> Decimal:
    """`value` to one decimal place, halves away from zero as people round (2.25 -> 2.3), from
    its shortest written form so that 2.25 is not taken as 2.2499999..."""
    return Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def board_score(value: float | None) -> str:
    """A score as a board reads it, to one decimal: `2.2`. A room that chose by show of hands
    has no second decimal to give; JSON and CSV keep every digit."""
    if value is None:
        return "–"
    text = f"{_tenths(value):.1f}"
    return "0.0" if text == "-0.0" else text


def board_change(value: float | None) -> str:
    """A change to one decimal with its sign: `+0.5`, `-0.3`, `0.0`."""
    if value is None:
        return "–"
    tenths = _tenths(value)
    return "0.0" if tenths == 0 else f"{tenths:+.1f}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 question`, `32 questions`, `10,000 files`."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def ordinal(count: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `112th`."""
    suffix = "th" if count % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(count % 10, "th")
    return f"{count}{suffix}"
