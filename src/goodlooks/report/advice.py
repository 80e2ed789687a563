"""Every recommendation, each said once: advice whose words match another's (ignoring case,
spacing and punctuation) is folded into the first, which then names every question it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goodlooks.bank.model import Bank
from goodlooks.scoring.recommendations import Recommendation

_NOT_WORDS = re.compile(r"\W+")


@dataclass(frozen=True)
class Advice:
    number: int
    """1 for the most pressing, counting only distinct advice."""
    dimension: str
    """The dimension's title."""
    questions: tuple[str, ...]
    """The texts of the questions whose answers led to it (empty for a dimension's own advice)."""
    text: str
    level: str | None = None
    """The dimension's level the advice moves up from (None for advice tied to an answer)."""
    owner: str | None = None
    """Who the bank says should take it forward (a role), if it says."""
    within: str | None = None
    """How soon, from the day of the profile ("3 months"), if the bank says."""

    @property
    def assigned(self) -> str | None:
        """"Chief executive, within 3 months": who and by when, as far as the bank says."""
        parts = [part for part in (self.owner, f"within {self.within}" if self.within else None) if part]
        return ", ".join(parts) or None


def substance(text: str) -> str:
    """What advice says, without case, spacing or punctuation."""
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def distinct_advice(bank: Bank, found: list[Recommendation]) -> list[Advice]:
    """`found` in its order, each piece of advice once, numbered from 1."""
    titles = {d.id: d.title for d in bank.dimensions}
    texts = {q.id: q.text for q in bank.questions()}
    kept: dict[str, tuple[Recommendation, list[str]]] = {}
    keys: dict[str, str] = {}  # the same advice comes from many answers: work out its words once
    for item in found:
        key = keys.get(item.text)
        if key is None:
            key = keys[item.text] = substance(item.text)
        first = kept.setdefault(key, (item, []))
        if item.question and item.question in texts and texts[item.question] not in first[1]:
            first[1].append(texts[item.question])
    return [Advice(number, titles.get(item.dimension, item.dimension), tuple(questions), item.text, item.level,
                   item.owner, item.within)
            for number, (item, questions) in enumerate(kept.values(), start=1)]
