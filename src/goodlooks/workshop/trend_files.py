"""Reading one organisation's results over the years for `goodlooks trend` and `report --history`:
finished files of one bank id (any versions), of one organisation where they name it, on one
score range. The same assessment given twice (one file, or a copy with the same response id)
counts once, and is said."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.base.numbers import number
from goodlooks.results.model import organisation_key
from goodlooks.workshop.assessments import listed, read_assessed
from goodlooks.workshop.combine import results_files
from goodlooks.workshop.trend import Entry, Trend, trend_of


@dataclass
class TrendReading:
    trend: Trend
    repeated: list[tuple[Path, Path]] = field(default_factory=list)
    """(file, the earlier file of the same assessment) pairs counted once."""


def read_trend(paths: Sequence[Path]) -> TrendReading:
    """The trend of the results files `paths` (files, or folders of *.json)."""
    entries: list[Entry] = []
    seen: dict[tuple[int, int], Path] = {}
    responses: dict[str, Path] = {}
    repeated: list[tuple[Path, Path]] = []
    for path in results_files(paths):
        identity = path.stat()
        if (identity.st_dev, identity.st_ino) in seen:
            continue
        seen[(identity.st_dev, identity.st_ino)] = path
        assessed = read_assessed(path)
        key = str(assessed.results.response_id)
        if key in responses:
            repeated.append((path, responses[key]))
            continue
        responses[key] = path
        entries.append(Entry(str(path), assessed.results, assessed.bank, assessed.whole))
    if len(entries) < 2:
        raise UsageError("a trend needs two or more assessments of one organisation (three or more show a "
                         f"line), and {'only one was' if entries else 'none were'} given; to see one: "
                         "goodlooks profile FILE")
    _check(entries)
    return TrendReading(trend_of(entries), repeated)


def _check(entries: list[Entry]) -> None:
    lines = []
    waiting = [entry.name for entry in entries if entry.results.status != "complete"]
    if waiting:
        lines.append(f"{listed(waiting)} {'is' if len(waiting) == 1 else 'are'} still in progress; a trend "
                     "follows finished results: finish them first (goodlooks assess --resume FILE)")
    newest = max(entries, key=lambda entry: (entry.date, entry.name))
    others = [f"{entry.name} ('{entry.results.bank.id}')" for entry in entries
              if entry.results.bank.id != newest.results.bank.id]
    if others:
        lines.append(f"{newest.name} answers bank '{newest.results.bank.id}', and these another: "
                     f"{'; '.join(others)}. A trend follows one bank (any of its versions)")
    names = {organisation_key(e.results.organisation): e for e in entries if e.results.organisation}
    if len(names) > 1:
        lines.append("these files are of different organisations: " + "; ".join(
            f"{entry.name} ('{entry.results.organisation}')" for entry in names.values())
            + ". A trend follows one organisation; to set one beside others: goodlooks peers")
    ranges = {entry.bank.shown_range(): entry for entry in entries}
    if len(ranges) > 1 and not others:
        lines.append("the bank's score range differs between these files, so their scores cannot be set on "
                     "one scale: " + "; ".join(f"{entry.name} ({number(low)} to {number(high)})"
                                               for (low, high), entry in ranges.items()))
    shared = set.intersection(*({q.id for q in entry.bank.questions()} for entry in entries))
    if not shared and not others:
        lines.append(f"{listed([entry.name for entry in entries])} have no question in common, so there is "
                     "nothing to follow over the years")
    if lines:
        raise ResultsError("\n".join(lines))
