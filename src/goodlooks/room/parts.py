"""The room's parts, with no rules in them: its limits, a refusal, a member, a ballot, a
question as the phones see it, a reveal and the ends of a spread (the rules are in `state`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from goodlooks.bank.model import Question
from goodlooks.results.model import DistributionRecord

MAX_NAME = 60
"""The longest name or role a member may give, in characters."""
MAX_NOTE = 500
"""The longest note a member may write with a vote, in characters."""
MAX_MEMBERS = 250


class Refused(Exception):
    """A request the rules do not allow: `status` is the HTTP status, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def key_of(token: str) -> str:
    """What the room keeps of a member's cookie: its sha256, never the cookie itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_text(text: str | None, limit: int, what: str) -> str | None:
    """`text` with surrounding and repeated whitespace folded; None when empty; refused when
    longer than `limit` characters."""
    folded = " ".join((text or "").split())
    if len(folded) > limit:
        raise Refused(413, f"The {what} is too long: {limit} characters at most.")
    return folded or None


@dataclass
class Member:
    id: str
    key: str
    name: str | None
    """As given; shown on the facilitator's screen (joined, voted), never beside a vote unless
    `show_name`."""
    show_name: bool
    joined_at: int
    """How many questions had been opened when they joined (0: before the first)."""
    present: bool = True
    """Joined this session (a member of a resumed file is not, until they join again)."""


@dataclass(frozen=True)
class Ballot:
    answer: str
    note: str | None


@dataclass(frozen=True)
class Opened:
    """The question on the phones, as the terminal put it."""

    question: Question
    number: int
    total: int
    part: str
    opening: int = 0


@dataclass(frozen=True)
class Reveal:
    """A question's votes after the reveal: the distribution, and each ballot behind it."""

    opened: Opened
    record: DistributionRecord
    ballots: dict[str, Ballot]


@dataclass(frozen=True)
class Ends:
    """The people at the lowest and highest answers, where the answers differ."""

    low: str
    high: str
    low_number: int
    high_number: int
    low_names: list[str]
    high_names: list[str]
    low_unnamed: int
    high_unnamed: int


