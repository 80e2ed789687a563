"""The spread behind an answer. A room's typed votes and several people's results files give the
same thing: how many chose each option, not applicable and don't know, and how far apart the
answers lie in option positions. A spread of 2 or more positions means "talk about it".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_KEYS, Question
from goodlooks.results.evidence import EVIDENCE_STATUSES, count_statuses
from goodlooks.results.model import DistributionRecord, VoiceRecord

DISCUSS_SPREAD = 2
VOTE_LETTERS = {"n": NOT_APPLICABLE, "d": DONT_KNOW}
"""What a facilitator types for not applicable and don't know; the same keys pick those answers
in the interview."""
_SEPARATORS = re.compile(r"[\s,;]+")


class VoteError(ValueError):
    """Votes that cannot be read; the message says what to type instead."""


def parse_votes(text: str, question: Question) -> list[str]:
    """`2 3 3 4 1 n d` -> option keys (1 is the question's first option), not_applicable, dont_know."""
    options = question.choices
    votes = []
    for token in _SEPARATORS.split(text.strip()):
        if not token:
            continue
        lowered = token.lower()
        if lowered in VOTE_LETTERS:
            votes.append(VOTE_LETTERS[lowered])
        elif token.isascii() and token.isdigit() and len(token) <= 6 and 1 <= int(token) <= len(options):
            votes.append(options[int(token) - 1].key)  # (int() refuses over 4,300 digits: a key held down)
        else:
            raise VoteError(f"'{token[:20]}' is not a vote: type option numbers 1 to {len(options)}, "
                            "n for not applicable and d for don't know, separated by spaces")
    return votes


def positions(question: Question) -> dict[str, int]:
    """Option key -> its position (1 for the first option listed)."""
    return {option.key: number for number, option in enumerate(question.choices, start=1)}


def spread_of(question: Question, answers: Iterable[str]) -> int | None:
    order = positions(question)
    places = [order[a] for a in answers if a in order]
    return max(places) - min(places) if places else None


def distribution(question: Question, answers: Sequence[str], source: str,
                 voices: Iterable[VoiceRecord] = (), evidence: Iterable[str | None] = ()) -> DistributionRecord:
    """The distribution of `answers` (option keys, not_applicable, dont_know) to `question`, and
    of how they are known (`evidence`: each answer's seen, told, believed or None, if given; a
    combined file's answers give them, votes do not: typed or from phones, the room's agreed
    answer is asked how it is known)."""
    return distribution_of_counts(question, Counter(answers), source, voices, count_statuses(evidence))


def distribution_of_counts(question: Question, given: Mapping[str, int], source: str,
                           voices: Iterable[VoiceRecord] = (),
                           evidence: Mapping[str, int] | None = None) -> DistributionRecord:
    """The distribution of answers counted as answer -> how many gave it (anything that is not
    an option key, not_applicable or dont_know is left out), with how many gave each evidence
    status (kept only when someone gave one)."""
    counts = {option.key: 0 for option in question.choices} | dict.fromkeys(RESERVED_KEYS, 0)
    for answer, count in given.items():
        if answer in counts:
            counts[answer] += count
    spread = spread_of(question, [answer for answer, count in given.items() if count])
    known: dict[str, int] = {status: (evidence or {}).get(status, 0) for status in EVIDENCE_STATUSES}
    return DistributionRecord(source=source, counts=counts, spread=spread,
                              discuss=spread is not None and spread >= DISCUSS_SPREAD, voices=list(voices),
                              evidence=known if any(known.values()) else {})


def suggested_answer(question: Question, record: DistributionRecord) -> str | None:
    """Where the pointer starts: the median answered option (the lower of two middles); with no
    option chosen, the more common of not applicable and don't know."""
    order = positions(question)
    counted = sorted((order[key], count) for key, count in record.counts.items() if key in order and count > 0)
    if counted:
        return question.choices[_median_low(counted) - 1].key
    not_applicable, dont_know = record.counts.get(NOT_APPLICABLE, 0), record.counts.get(DONT_KNOW, 0)
    if not_applicable > dont_know:  # a tie is don't know, as in a combined answer
        return NOT_APPLICABLE
    return DONT_KNOW if dont_know else None


def _median_low(counted: list[tuple[int, int]]) -> int:
    """The lower median of positions given as (position, how many chose it), in position order:
    worked out from the counts, so a count of a million costs no more than a count of one."""
    middle = (sum(count for _, count in counted) - 1) // 2  # the lower middle's index, from 0
    for position, count in counted:
        if middle < count:
            return position
        middle -= count
    raise AssertionError("counts are positive")  # pragma: no cover


def total(record: DistributionRecord) -> int:
    return sum(record.counts.values())
