"""The front sheet of the board paper: title, organisation, meeting and date, sponsor, author,
purpose, "The board is asked to", the overall result in one sentence with what its level means,
and where the paper fits in the trust's governance. What the paper file does not give is left
blank (None) for the board secretary to fill in: goodlooks never invents a placeholder."""

from __future__ import annotations

from dataclasses import dataclass

from goodlooks.base.numbers import board_score, number
from goodlooks.report.paper_file import PaperFacts
from goodlooks.report.story import count_words
from goodlooks.workshop.compare import Comparison

IMPACT_LABELS = {"quality": "Quality", "finance": "Finance", "equality": "Equality", "people": "People"}


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | None
    """None: a blank to fill in."""


@dataclass(frozen=True)
class FrontSheet:
    title: str
    facts: tuple[Fact, ...]
    asks: tuple[str, ...]
    result: str
    """The overall result in one sentence."""
    meaning: str | None
    """What the overall level means, as the bank says it."""
    fits: tuple[Fact, ...]
    """Where the paper fits: the board assurance framework, risks, objectives, well-led."""
    impacts: tuple[Fact, ...]


def result_sentence(score: float | None, level: str | None, score_range: tuple[float, float],
                    comparison: Comparison | None, baseline: str | None) -> str:
    """`The overall result is Emerging, 2.2 on a scale of 1 to 5, up from 1.7 (Starting) at the
    March 2025 assessment.`"""
    if score is None:
        return "There is no overall result yet: no question has been answered."
    low, high = score_range
    scale = f"{board_score(score)} on a scale of {number(low)} to {number(high)}"
    text = f"The overall result is {level}, {scale}" if level else f"The overall result is {scale}"
    before = comparison.overall.before if comparison is not None else None
    if before is not None:
        was = f"{board_score(before)} ({comparison.overall.before_level or 'no level'})"  # type: ignore[union-attr]
        if board_score(before) == board_score(score):
            text += f", the same as {was} at {baseline or 'the last assessment'}"
        else:
            text += f", {'up' if score > before else 'down'} from {was} at {baseline or 'the last assessment'}"
    return text + "."


def default_asks(priorities: int, has_targets: bool, find_out: int) -> tuple[str, ...]:
    """What a board is usually asked to do with this paper, from what it holds."""
    asks = ["note the result of the self-assessment and how it was reached"]
    if priorities:
        asks.append(f"agree the {count_words(priorities, 'priority', 'priorities')} and name an owner and a "
                    "quarter for each")
    asks.append("agree the targets for twelve months' time" if has_targets
                else "agree where the board wants to be in twelve months' time")
    if find_out:
        asks.append(f"agree who will find out the {count_words(find_out, 'answer')} the board did not know")
    return tuple(asks)


def front_sheet(facts: PaperFacts, default_title: str, result: str, meaning: str | None,
                asks: tuple[str, ...]) -> FrontSheet:
    when = f"{facts.date:%d %B %Y}".lstrip("0") if facts.date else None
    return FrontSheet(
        title=facts.title or default_title,
        facts=(Fact("Organisation", facts.organisation), Fact("Meeting", facts.meeting),
               Fact("Date of meeting", when), Fact("Agenda item", facts.agenda_item),
               Fact("Executive sponsor", facts.sponsor), Fact("Author", facts.author),
               Fact("Purpose", facts.purpose)),
        asks=facts.asks or asks,
        result=result, meaning=meaning,
        fits=(Fact("Board assurance framework", facts.baf), Fact("Risk register", facts.risk_register),
              Fact("Strategic objective", facts.strategic_objective), Fact("Well-led", facts.well_led)),
        impacts=tuple(Fact(label, facts.impact.get(key)) for key, label in IMPACT_LABELS.items()))
