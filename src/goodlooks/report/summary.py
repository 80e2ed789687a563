"""Plain sentences about a results file that the terminal profile and every report share: who
answered, the strongest and weakest dimensions (ties said as ties) and how partial a result is."""

from __future__ import annotations

from dataclasses import dataclass

from goodlooks.bank.model import Bank
from goodlooks.base.numbers import plural
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ScoreSheet


@dataclass(frozen=True)
class Extreme:
    label: str
    """"Strongest" or "Weakest"."""
    titles: tuple[str, ...]
    """Every dimension at that score, in bank order: more than one is a tie."""
    score: float
    level: str | None

    @property
    def tied(self) -> bool:
        return len(self.titles) > 1


@dataclass(frozen=True)
class Partial:
    """A result with questions not yet answered: its scores rest on fewer answers than asked."""

    answered: int
    total: int
    unanswered: int

    def sentence(self) -> str:
        return (f"Partial result: these scores rest on {plural(self.answered, 'answer')} to "
                f"{plural(self.total, 'question')}; {self.unanswered} not answered yet.")


def who_answered(results: Results) -> str:
    people = plural(results.respondents or 0, "person", "people")
    if results.kind == "combined":
        return f"Combined answers of {people}"
    if results.kind == "agreed":
        return f"Agreed by the board over {people}'s answers" if results.respondents else "Agreed by the board"
    if results.kind == "voted":
        return f"{results.respondent or 'The room'}, by vote"
    return results.respondent or "Anonymous"


def extremes(bank: Bank, sheet: ScoreSheet) -> list[Extreme]:
    """Strongest and weakest dimensions; none when every scored dimension has the same score."""
    scored = [(round(shown, 6), d) for d in bank.dimensions if (shown := sheet.dimensions[d.id].shown) is not None]
    if len({shown for shown, _ in scored}) < 2:  # nothing to tell apart
        return []
    found = []
    for label, pick in (("Strongest", max), ("Weakest", min)):
        best = pick(shown for shown, _ in scored)
        members = [d for shown, d in scored if shown == best]
        found.append(Extreme(label, tuple(d.title for d in members), best,
                             sheet.dimensions[members[0].id].level))
    return found


def partial(results: Results, sheet: ScoreSheet) -> Partial | None:
    dims = list(sheet.dimensions.values())
    unanswered = sum(d.unanswered for d in dims)
    if not unanswered:
        return None
    return Partial(sum(d.answered for d in dims), sum(d.total for d in dims), unanswered)
