"""How the board knows an answer is true: each answer's evidence status, one small piece that the
interview, votes, consensus, the form, combining and the room all use.

- seen: a paper, list or page that shows it was looked at;
- told: someone said so, but nobody here has looked;
- believed: nobody has checked; it is what people think.

It is optional: an answer with no status says nothing about how it is known. Only an answer
with an option has one (not applicable and don't know are not claims to check).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from goodlooks.scoring.scores import ANSWERED

EvidenceStatus = Literal["seen", "told", "believed"]
SEEN: EvidenceStatus = "seen"
TOLD: EvidenceStatus = "told"
BELIEVED: EvidenceStatus = "believed"
EVIDENCE_STATUSES: tuple[EvidenceStatus, ...] = (SEEN, TOLD, BELIEVED)
"""Strongest first."""
EVIDENCE_LABELS: dict[str, str] = {SEEN: "Seen: we looked at a paper or page that shows it",
                   TOLD: "Told: someone said so, but we have not looked",
                   BELIEVED: "Believed: nobody has checked"}
"""What each status means, as the interview and the form offer it."""
EVIDENCE_NAMES: dict[str, str] = {SEEN: "Seen", TOLD: "Told", BELIEVED: "Believed"}
EVIDENCE_QUESTION = "How do you know?"


class EvidenceError(ValueError):
    """Text that is not an evidence status; the message says what to write instead."""


def parse_evidence(value: object) -> EvidenceStatus | None:
    """`seen`, `told` or `believed` (any case, spaces around); None for nothing or empty text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found = next((status for status in EVIDENCE_STATUSES
                  if isinstance(value, str) and value.strip().lower() == status), None)
    if found is not None:
        return found
    shown = value if isinstance(value, str) else type(value).__name__
    raise EvidenceError(f"'{shown}' is not an evidence status: write seen, told or believed, or leave it out")


def count_statuses(statuses: Iterable[str | None]) -> dict[str, int]:
    """How many gave each status, strongest first (answers with none are not counted)."""
    counted: Counter[str] = Counter(status for status in statuses if status is not None and status in EVIDENCE_STATUSES)
    return {status: counted[status] for status in EVIDENCE_STATUSES}


def most_given(counts: Mapping[str, int]) -> EvidenceStatus | None:
    """The status most people gave behind a combined answer; a tie goes to the weaker one (an
    answer is only as well known as the many say), none given: None."""
    best = max((counts.get(status, 0) for status in EVIDENCE_STATUSES), default=0)
    if best == 0:
        return None
    return next(status for status in reversed(EVIDENCE_STATUSES) if counts.get(status, 0) == best)


def counts_phrase(counts: Mapping[str, int]) -> str:
    """"2 seen, 1 believed": the statuses given, strongest first ("" when none was)."""
    return ", ".join(f"{counts[status]} {status}" for status in EVIDENCE_STATUSES if counts.get(status))


@dataclass(frozen=True)
class EvidenceSummary:
    """How the answers behind the scores are known."""

    seen: int
    told: int
    believed: int
    unsaid: int
    """Answers with no status."""

    @property
    def given(self) -> int:
        return self.seen + self.told + self.believed

    def sentence(self) -> str:
        """For example: How the answers are known: 6 seen, 10 told, 8 believed, 6 not said; 8 rest
        on belief alone. (Short: the board paper's front sheet has one page.)"""
        said = counts_phrase({SEEN: self.seen, TOLD: self.told, BELIEVED: self.believed})
        unsaid = f", {self.unsaid} not said" if self.unsaid else ""
        belief = f"{self.believed} {'rests' if self.believed == 1 else 'rest'}" if self.believed else "none rests"
        return f"How the answers are known: {said}{unsaid}; {belief} on belief alone."


def evidence_summary(answers: Iterable[tuple[str, str | None]]) -> EvidenceSummary | None:
    """The summary of (status, evidence) pairs of the scored answers; None when no answer has an
    evidence status (nothing was recorded, so nothing is said)."""
    counted: Counter[str | None] = Counter()
    for status, evidence in answers:
        if status == ANSWERED:
            counted[evidence if evidence in EVIDENCE_STATUSES else None] += 1
    summary = EvidenceSummary(counted[SEEN], counted[TOLD], counted[BELIEVED], counted[None])
    return summary if summary.given else None
