"""The room's state and its rules, with no web server and no terminal in them: who has joined,
which question is open, the votes, who may vote, and the reveal.

The facilitator's terminal (one thread) opens, reveals and closes questions; phones (the web
server's thread) join and vote. Every method takes the room's lock, so the two never see a
half-made change (`reading` holds it for a reader that looks at several things at once), and
every change bumps `version` and calls the listeners (outside the lock), so the terminal
redraws its count and the phones hear of it.

A member is in the room once they have joined this session: a phone that joined keeps its
cookie and is never asked again; after `--resume` the members of the file are known by their
cookies but are not in the room until they join again (with the new session's code).

The rules: a member votes only through their own cookie (there is no way to name another
member), only on the open question, only if they joined before it opened (a late joiner votes
from the next question) or had already voted on it; a second vote replaces the first until
the reveal, and after the reveal nothing changes. Nothing here tells anyone what another
member chose, or how many chose an option, before the reveal (see `views`).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS, Question
from goodlooks.results.model import BallotRecord, DistributionRecord, MemberRecord, RoomRecord, VoiceRecord
from goodlooks.room.parts import (
    MAX_MEMBERS,
    MAX_NAME,
    MAX_NOTE,
    Ballot,
    Member,
    Opened,
    Refused,
    Reveal,
    clean_text,
    key_of,
)
from goodlooks.workshop.distribution import distribution, positions

__all__ = ["MAX_MEMBERS", "MAX_NAME", "MAX_NOTE", "Ballot", "Member", "Opened", "Refused", "Room", "key_of",
           "room_from_record"]

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
    wrong_codes: int = 0
    """Wrong join codes typed this session (the facilitator sees the count)."""
    _openings: int = 0
    _recorded: dict[str, list[BallotRecord]] = field(default_factory=dict)
    """Each question's ballots as the file holds them, made again only when they change."""
    _made: dict[str, dict[str, BallotRecord]] = field(default_factory=dict)
    _by_key: dict[str, str] = field(default_factory=dict)
    """Each member's id by the sha256 of their cookie."""
    _lock: threading.Condition = field(default_factory=lambda: threading.Condition(threading.RLock()))
    _listeners: list[Callable[[], None]] = field(default_factory=list)

    # Joining -------------------------------------------------------------------------------
    def join(self, name: str | None, show_name: bool, token: str | None = None) -> tuple[Member, str]:
        """The member whose cookie is `token` (a phone re-joining, or a member of the resumed
        file coming back: in the room again), or a new member and the cookie to give them."""
        known = self._known(token)
        if known is not None and token is not None:
            if not known.present:
                with self._lock:
                    known.present, known.joined_at = True, self._openings
                self._changed()
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
            self._by_key[member.key] = member.id
        self._changed()
        return member, token

    def member(self, token: str | None) -> Member | None:
        """The member in the room whose cookie is `token`, if any."""
        known = self._known(token)
        return known if known is not None and known.present else None

    def returning(self, token: str | None) -> Member | None:
        """A member of the resumed file whose cookie is `token`, not yet in the room again."""
        known = self._known(token)
        return known if known is not None and not known.present else None

    def joined(self) -> list[Member]:
        """The members in the room, in joining order."""
        with self._lock:
            return [m for m in self.members.values() if m.present]

    def code_refused(self) -> None:
        """A phone typed a wrong join code."""
        with self._lock:
            self.wrong_codes += 1
        self._changed()

    def _known(self, token: str | None) -> Member | None:
        """Looked up by the sha256 of the cookie: what the lookup's time could tell about a key
        (how much of it matches one the asker made) is no help in making a cookie with that key."""
        if not token or len(token) > 100:
            return None
        with self._lock:
            return self.members.get(self._by_key.get(key_of(token), ""))

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
            return self.stage == "open" and self.current is not None and self._may_vote(member)

    def vote(self, member: Member, question_id: str, answer: str, note: str | None) -> int:
        """Record `member`'s vote on the open question (replacing their earlier one); the
        number of votes cast so far, to wait for its save (`wait_saved`)."""
        clean = clean_text(note, MAX_NOTE, "note")
        with self._lock:
            current = self.current
            if self.stage != "open" or current is None or current.question.id != question_id:
                raise Refused(409, "This question is not open for votes now.")
            if not member.present:
                raise Refused(401, "Join the room first: type the join code on the room's screen.")
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
            return bool(voted) and all(m.id in voted for m in self.members.values() if self._may_vote(m))

    def progress(self) -> tuple[list[Member], list[Member]]:
        """(who has voted, who may vote and has not) on the open question, in joining order."""
        with self._lock:
            if self.current is None:
                return [], []
            voted_ids = self.ballots.get(self.current.question.id, {})
            voted = [m for m in self.members.values() if m.id in voted_ids]
            waiting = [m for m in self.members.values() if m.id not in voted_ids and self._may_vote(m)]
            return voted, waiting

    def votes_cast(self) -> int:
        """How many ballots the room holds, on every question."""
        with self._lock:
            return sum(len(ballots) for ballots in self.ballots.values())

    def _may_vote(self, member: Member) -> bool:
        """With the lock held and a question open: may `member` vote on it?"""
        assert self.current is not None
        return member.id in self.ballots.get(self.current.question.id, {}) or (
            member.present and member.joined_at < self.current.opening)

    def ballot(self, member: Member) -> Ballot | None:
        """The member's own vote on the question now on the phones."""
        with self._lock:
            if self.current is None:
                return None
            return self.ballots.get(self.current.question.id, {}).get(member.id)

    # Saving --------------------------------------------------------------------------------
    def record(self, keep_keys: bool = True) -> RoomRecord:
        """What the results file keeps: members (names only where given and agreed to be
        shown) and every ballot, in member-id order (so the file does not say who voted when)."""
        with self._lock:
            voted = {m for ballots in self.ballots.values() for m in ballots}
            members = [MemberRecord(id=m.id, name=self.public_name(m), key=m.key if keep_keys else None)
                       for m in sorted(self.members.values(), key=lambda m: m.id) if m.id in voted]
            for qid, votes in self.ballots.items():
                if votes and qid not in self._recorded:
                    self._recorded[qid] = self._ballot_records(qid, votes)
            ballots = {qid: self._recorded[qid] for qid, votes in self.ballots.items() if votes}
            current = self.current.question.id if self.current and self.stage in ("open", "revealed") else None
            # made from checked values, and kept as they are (`file_text` knows each list again)
            return RoomRecord.model_construct(anonymous=self.anonymous, members=members, ballots=ballots,
                                              open_question=current)

    def _ballot_records(self, question_id: str, votes: dict[str, Ballot]) -> list[BallotRecord]:
        """A question's ballots as the file holds them, each made once per vote (from checked
        values: no validation again)."""
        made = self._made.setdefault(question_id, {})
        for member_id, ballot in votes.items():
            known = made.get(member_id)
            if known is None or (known.answer, known.note) != (ballot.answer, ballot.note):
                made[member_id] = BallotRecord.model_construct(member=member_id, answer=ballot.answer,
                                                               note=ballot.note)
        return [made[member_id] for member_id in sorted(votes)]

    def mark_saved(self, cast: int) -> None:
        with self._lock:
            self.saved = max(self.saved, cast)
            self._lock.notify_all()

    def wait_saved(self, timeout: float = 30) -> bool:
        """Block until every vote accepted so far is on disk (the terminal waits here after
        closing a question, before the interview goes on)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.saved >= self.cast, timeout)

    # Reading -------------------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[Room]:
        """Hold the room still while reading several things from it at once: no change (from
        the terminal or a phone) comes between them. Re-entrant; keep it short."""
        with self._lock:
            yield self

    def where(self) -> tuple[str, str | None]:
        """The stage, and the id of the question on the phones (if any)."""
        with self._lock:
            return self.stage, self.current.question.id if self.current else None

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
            room.members[member.id] = Member(member.id, member.key, member.name, member.name is not None, 0,
                                             present=False)
            room._by_key[member.key] = member.id
    for question_id, ballots in record.ballots.items():
        room.ballots[question_id] = {b.member: Ballot(b.answer, b.note) for b in ballots}
    return room


def _label(question: Question, answer: str) -> str:
    option = question.option(answer)
    return option.label if option else RESERVED_LABELS.get(answer, answer)


def _order(question: Question, item: tuple[str, Ballot]) -> tuple[int, str]:
    return positions(question).get(item[1].answer, len(question.choices) + 1), item[0]
