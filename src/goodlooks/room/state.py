"""The room's state and its rules, with no web server and no terminal in them: who has joined,
which question is open, the votes, who may vote, and the reveal.

The facilitator's terminal (one thread) opens, reveals and closes questions; phones (the web
server's thread) join and vote. Every method takes the room's lock, so the two never see a
half-made change, and every change bumps `version` and calls the listeners (outside the lock),
so the terminal redraws its count and the phones hear of it.

The rules: a member votes only through their own cookie (there is no way to name another
member), only on the open question, only if they joined before it opened (a late joiner votes
from the next question) or had already voted on it; a second vote replaces the first until
the reveal, and after the reveal nothing changes. Nothing here tells anyone what another
member chose, or how many chose an option, before the reveal (see `views`).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS, Question
from goodlooks.results.model import (
    BallotRecord,
    DistributionRecord,
    MemberRecord,
    RoomRecord,
    VoiceRecord,
)
from goodlooks.workshop.distribution import distribution, positions

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


@dataclass
class Room:
    anonymous: bool = False
    stage: str = "lobby"
    """lobby (before the first question), open, revealed, paused (review, targets, a skipped
    question), ended."""
    message: str = ""
    """What the phones say while paused."""
    version: int = 0
    members: dict[str, Member] = field(default_factory=dict)
    ballots: dict[str, dict[str, Ballot]] = field(default_factory=dict)
    current: Opened | None = None
    revealed: Reveal | None = None
    cast: int = 0
    """Votes accepted so far (each one must be saved: see `saved`)."""
    saved: int = 0
    """Of those, how many are on disk."""
    _openings: int = 0
    _recorded: dict[str, list[BallotRecord]] = field(default_factory=dict)
    """Each question's ballots as the file holds them, made again only when they change."""
    _lock: threading.Condition = field(default_factory=lambda: threading.Condition(threading.RLock()))
    _listeners: list[Callable[[], None]] = field(default_factory=list)

    # Joining -------------------------------------------------------------------------------
    def join(self, name: str | None, show_name: bool, token: str | None = None) -> tuple[Member, str]:
        """The member whose cookie is `token` (a phone re-joining), or a new member and the
        cookie to give them."""
        known = self.member(token)
        if known is not None and token is not None:
            return known, token
        clean = clean_text(name, MAX_NAME, "name")
        with self._lock:
            if len(self.members) >= MAX_MEMBERS:
                raise Refused(429, f"This room is full ({MAX_MEMBERS} members).")
            token = secrets.token_urlsafe(32)
            member = Member(secrets.token_hex(4), key_of(token), clean, bool(show_name and clean), self._openings)
            while member.id in self.members:
                member.id = secrets.token_hex(4)
            self.members[member.id] = member
        self._changed()
        return member, token

    def member(self, token: str | None) -> Member | None:
        if not token or len(token) > 100:
            return None
        key = key_of(token)
        with self._lock:
            return next((m for m in self.members.values() if secrets.compare_digest(m.key, key)), None)

    def public_name(self, member: Member) -> str | None:
        """The name shown beside the member's vote after the reveal, where they agreed."""
        return member.name if member.show_name and not self.anonymous else None

    def _shown_name(self, member_id: str) -> str | None:
        member = self.members.get(member_id)  # a member of a resumed session may not be back
        return self.public_name(member) if member else None

    # The facilitator's side ----------------------------------------------------------------
    def open(self, opened: Opened) -> None:
        """Put a question to the phones; votes already cast on it (before a skip, or before
        the session was interrupted) are kept."""
        with self._lock:
            self._openings += 1
            self.current = Opened(opened.question, opened.number, opened.total, opened.part, self._openings)
            self.ballots.setdefault(opened.question.id, {})
            self.stage, self.revealed = "open", None
        self._changed()

    def reveal(self) -> DistributionRecord:
        """Lock the open question's votes and show them: the distribution, with each note."""
        with self._lock:
            assert self.stage == "open" and self.current is not None, "no question is open"
            question = self.current.question
            ballots = dict(self.ballots.get(question.id, {}))
            voices = [VoiceRecord(respondent=self._shown_name(member_id), answer=ballot.answer,
                                  label=_label(question, ballot.answer), note=ballot.note)
                      for member_id, ballot in sorted(ballots.items(), key=lambda item: _order(question, item))
                      if ballot.note]
            record = distribution(question, [b.answer for b in ballots.values()], "votes", voices)
            self.revealed = Reveal(self.current, record, ballots)
            self.stage = "revealed"
        self._changed()
        return record

    def show(self, opened: Opened, record: DistributionRecord) -> None:
        """Show a question's votes again (going back to it, or after --resume)."""
        with self._lock:
            if self.revealed is not None and self.revealed.opened.question.id == opened.question.id:
                return
            self.current = opened
            self.revealed = Reveal(opened, record, dict(self.ballots.get(opened.question.id, {})))
            self.stage = "revealed"
        self._changed()

    def pause(self, message: str) -> None:
        """No question open: the phones say `message` (the review, targets, a skipped question)."""
        with self._lock:
            self.stage, self.message, self.revealed = "paused", message, None
        self._changed()

    def end(self) -> None:
        with self._lock:
            self.stage, self.revealed = "ended", None
        self._changed()

    # The phones' side ----------------------------------------------------------------------
    def may_vote(self, member: Member) -> bool:
        with self._lock:
            if self.stage != "open" or self.current is None:
                return False
            voted = member.id in self.ballots.get(self.current.question.id, {})
            return voted or member.joined_at < self.current.opening

    def vote(self, member: Member, question_id: str, answer: str, note: str | None) -> int:
        """Record `member`'s vote on the open question (replacing their earlier one); the
        number of votes cast so far, to wait for its save (`wait_saved`)."""
        clean = clean_text(note, MAX_NOTE, "note")
        with self._lock:
            current = self.current
            if self.stage != "open" or current is None or current.question.id != question_id:
                raise Refused(409, "This question is not open for votes now.")
            if not self.may_vote(member):
                raise Refused(403, "You joined after this question opened: you can vote from the next one.")
            if answer not in positions(current.question) and answer not in RESERVED_KEYS:
                raise Refused(422, "That is not one of this question's answers.")
            self.ballots[question_id][member.id] = Ballot(answer, clean)
            self._recorded.pop(question_id, None)
            self.cast += 1
            cast = self.cast
        self._changed()
        return cast

    def everyone_voted(self) -> bool:
        """Every member who may vote on the open question has voted (and someone has)."""
        with self._lock:
            if self.stage != "open" or self.current is None:
                return False
            voted = self.ballots.get(self.current.question.id, {})
            eligible = [m for m in self.members.values() if m.id in voted or m.joined_at < self.current.opening]
            return bool(voted) and all(m.id in voted for m in eligible)

    def progress(self) -> tuple[list[Member], list[Member]]:
        """(who has voted, who may vote and has not) on the open question, in joining order."""
        with self._lock:
            if self.current is None:
                return [], []
            voted_ids = self.ballots.get(self.current.question.id, {})
            voted = [m for m in self.members.values() if m.id in voted_ids]
            waiting = [m for m in self.members.values()
                       if m.id not in voted_ids and m.joined_at < self.current.opening]
            return voted, waiting

    def ballot(self, member: Member) -> Ballot | None:
        """The member's own vote on the question now on the phones."""
        with self._lock:
            if self.current is None:
                return None
            return self.ballots.get(self.current.question.id, {}).get(member.id)

    def ends(self) -> Ends | None:
        """After the reveal: who answered lowest and highest (names where they agreed)."""
        with self._lock:
            if self.revealed is None:
                return None
            question = self.revealed.opened.question
            order = positions(question)
            placed = [(order[b.answer], self.members.get(m)) for m, b in self.revealed.ballots.items()
                      if b.answer in order]
        if not placed or min(p for p, _ in placed) == max(p for p, _ in placed):
            return None
        low, high = min(p for p, _ in placed), max(p for p, _ in placed)

        def side(at: int) -> tuple[list[str], int]:
            people = [m for p, m in placed if p == at]
            names = sorted(n for n in (self.public_name(m) if m else None for m in people) if n)
            return names, len(people) - len(names)

        (low_names, low_unnamed), (high_names, high_unnamed) = side(low), side(high)
        return Ends(question.choices[low - 1].label, question.choices[high - 1].label, low, high,
                    low_names, high_names, low_unnamed, high_unnamed)

    # Saving --------------------------------------------------------------------------------
    def record(self, keep_keys: bool = True) -> RoomRecord:
        """What the results file keeps: members (names only where given and agreed to be
        shown) and every ballot, in member-id order (so the file does not say who voted when)."""
        with self._lock:
            voted = {m for ballots in self.ballots.values() for m in ballots}
            members = [MemberRecord(id=m.id, name=self.public_name(m), key=m.key if keep_keys else None)
                       for m in sorted(self.members.values(), key=lambda m: m.id) if m.id in voted]
            for qid, votes in self.ballots.items():
                if votes and qid not in self._recorded:  # made from checked values: no validation again
                    self._recorded[qid] = [BallotRecord.model_construct(member=m, answer=b.answer, note=b.note)
                                           for m, b in sorted(votes.items())]
            ballots = {qid: self._recorded[qid] for qid, votes in self.ballots.items() if votes}
            current = self.current.question.id if self.current and self.stage in ("open", "revealed") else None
            return RoomRecord(anonymous=self.anonymous, members=members, ballots=ballots, open_question=current)

    def mark_saved(self, cast: int) -> None:
        with self._lock:
            self.saved = max(self.saved, cast)
            self._lock.notify_all()

    def wait_saved(self, timeout: float = 30) -> bool:
        """Block until every vote accepted so far is on disk (the terminal waits here after
        closing a question, before the interview goes on)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.saved >= self.cast, timeout)

    # Listeners -----------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        with self._lock:
            self.version += 1
        for listener in list(self._listeners):
            listener()


def room_from_record(record: RoomRecord | None, anonymous: bool) -> Room:
    """The room of a resumed session: its members (known again by their cookies) and votes."""
    room = Room(anonymous=anonymous or bool(record and record.anonymous))
    if record is None:
        return room
    for member in record.members:
        if member.key:
            room.members[member.id] = Member(member.id, member.key, member.name, member.name is not None, 0)
    for question_id, ballots in record.ballots.items():
        room.ballots[question_id] = {b.member: Ballot(b.answer, b.note) for b in ballots}
    return room


def _label(question: Question, answer: str) -> str:
    option = question.option(answer)
    return option.label if option else RESERVED_LABELS.get(answer, answer)


def _order(question: Question, item: tuple[str, Ballot]) -> tuple[int, str]:
    return positions(question).get(item[1].answer, len(question.choices) + 1), item[0]
