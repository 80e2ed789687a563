"""What to do next: recommendations in priority order, weakest dimensions first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from goodlooks.bank.model import Bank
from goodlooks.scoring.scores import Choice, ScoreSheet


@dataclass(frozen=True)
class Recommendation:
    priority: int
    dimension: str
    question: str | None
    text: str
    level: str | None = None
    """The dimension's level the advice moves up from (None for advice tied to an answer)."""
    owner: str | None = None
    """Who the bank says should take it forward (a role), if it says."""
    within: str | None = None
    """How soon, from the day of the profile ("3 months"), if the bank says."""


def recommend(bank: Bank, choices: Mapping[str, Choice], sheet: ScoreSheet,
              targets: Mapping[str, float] | None = None) -> list[Recommendation]:
    """For each scored dimension, weakest first (ties in bank order): the dimension's advice for
    its current level, then the advice attached to its chosen options, weakest answer first.

    With targets (dimension id -> score on the bank's range), dimensions come in order of
    priority instead: weight x max((1 + target - current)^2 - 1, 0) on normalised scores (Open
    SAMMY), highest first; dimensions at or above their target, or without one, come last."""
    scored = [d for d in bank.dimensions if sheet.dimensions[d.id].normalised is not None]
    scored.sort(key=lambda d: round(sheet.dimensions[d.id].normalised or 0.0, 9))  # equal on paper: bank order
    if targets:
        from goodlooks.scoring.targets import gaps

        priority = {d: gap.priority for d, gap in gaps(bank, sheet, dict(targets)).items()}
        scored.sort(key=lambda d: -round(priority.get(d.id, 0.0), 9))  # stable: weakest first among equals
    found: list[tuple[str, str | None, str, str | None, str | None, str | None]] = []
    for dimension in scored:
        result = sheet.dimensions[dimension.id]
        advice = dimension.recommendations.get(result.level or "")
        if advice is not None:
            found.append((dimension.id, None, advice.text, result.level, advice.owner, advice.within))
        for part in sorted(result.parts, key=lambda p: p.normalised):
            question = bank.question(part.question_id)
            option = question.option(choices[question.id].option or "") if question else None
            if question is not None and option is not None and option.recommendation:
                found.append((dimension.id, question.id, option.recommendation, None, option.owner, option.within))
    return [Recommendation(priority, *item) for priority, item in enumerate(found, start=1)]
