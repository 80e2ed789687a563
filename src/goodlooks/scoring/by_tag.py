"""Scores regrouped by a tag family (`goodlooks profile FILE --by wgll`), by the same rules.

Each tag of the family is scored exactly as a dimension made of the questions that carry it
would be (`goodlooks.scoring.scores.score_dimension`): the weight-weighted mean of their q (or, with
`scoring: weakest`, the lowest q), shown on the bank's range, with the bank's levels. A
question can count under several tags of one family, and a question with no tag of the family
counts under none. The overall score is the bank's usual overall score, so it never changes with
the view. Pure: no files, no terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from goodlooks.bank.messages import did_you_mean
from goodlooks.bank.model import Bank, Dimension
from goodlooks.base.errors import UsageError
from goodlooks.scoring.scores import Choice, DimensionScore, ScoreSheet, score, score_dimension


@dataclass(frozen=True)
class TagScore:
    """One tag of the family, e.g. `well-led` ("Well led"), scored from the questions carrying it."""

    value: str
    title: str
    question_ids: tuple[str, ...]
    result: DimensionScore

    @property
    def asked(self) -> bool:
        """False for a declared tag that no question carries: the bank does not ask about it."""
        return bool(self.question_ids)


@dataclass(frozen=True)
class TagSheet:
    family: str
    title: str
    tags: tuple[TagScore, ...]
    untagged: tuple[str, ...]
    """Ids of the questions that carry no tag of this family."""
    sheet: ScoreSheet
    """The usual scores (dimensions, groups, overall) of the same answers."""


def check_family(bank: Bank, family: str) -> None:
    """Raise a usage error unless `bank` declares the tag family `family`."""
    if family in bank.tag_families:
        return
    if not bank.tag_families:
        raise UsageError(f"--by {family}: the bank '{bank.id}' (version {bank.version}) declares no tag "
                         "families to group by; re-score the answers against a bank that does, with --bank BANK "
                         "--accept-bank-change")
    raise UsageError(f"--by {family}: the bank '{bank.id}' declares no tag family '{family}'"
                     f"{did_you_mean(family, bank.tag_families)}")


def score_by_tag(bank: Bank, choices: Mapping[str, Choice], family: str) -> TagSheet:
    """Score `choices` against `bank`, grouped by the tags of `family`."""
    check_family(bank, family)
    declared = bank.tag_families[family]
    tags = []
    for value, questions in bank.tagged(family).items():
        members = Dimension.model_construct(id=f"{family}:{value}", title=value, weight=1,
                                            questions=questions, recommendations={})
        tags.append(TagScore(value, declared.tags.get(value, value), tuple(q.id for q in questions),
                             score_dimension(bank, members, choices)))
    carried = {question_id for tag in tags for question_id in tag.question_ids}
    untagged = tuple(q.id for q in bank.questions() if q.id not in carried)
    return TagSheet(family, declared.title, tuple(tags), untagged, score(bank, choices))
