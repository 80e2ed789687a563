"""What each endpoint may show, worked out from the room's state with no web framework in it.

Before the reveal a phone sees the open question, its own vote and how many have voted; the
projector sees the question and the count. Neither ever gets another member's vote or a count
per option before the reveal: only `reveal_context` (after it) holds those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS
from goodlooks.room.parts import Ends, Member, Opened
from goodlooks.room.state import Room
from goodlooks.workshop.distribution import positions


@dataclass(frozen=True)
class Progress:
    """How the vote on the open question stands, for the facilitator's screen."""

    voted: int
    eligible: int
    voted_names: list[str]
    waiting_names: list[str]
    voted_unnamed: int
    waiting_unnamed: int


def progress(room: Room) -> Progress:
    with room.reading():
        voted, waiting = room.progress()
        ballots = len(room.ballots.get(room.current.question.id, {})) if room.current else 0
    named_voted = [m.name for m in voted if m.name]
    named_waiting = [m.name for m in waiting if m.name]
    return Progress(ballots, ballots + len(waiting), named_voted, named_waiting,
                    ballots - len(named_voted), len(waiting) - len(named_waiting))


def public_state(room: Room) -> dict[str, Any]:
    """What the live stream tells every phone and the projector: no vote, no count by option."""
    with room.reading():
        state: dict[str, Any] = {"stage": room.stage, "question": None, "voted": 0, "eligible": 0,
                                 "members": len(room.joined())}
        if room.current is not None and room.stage in ("open", "revealed"):
            state["question"] = room.current.question.id
        if room.stage == "open":
            counted = progress(room)
            state["voted"], state["eligible"] = counted.voted, counted.eligible
        if room.stage == "paused":
            state["message"] = room.message
    return state


def question_context(opened: Opened) -> dict[str, Any]:
    question = opened.question
    options = [{"key": o.key, "label": o.label, "number": n} for n, o in enumerate(question.choices, start=1)]
    return {"id": question.id, "text": question.text, "help": question.help, "evidence": question.evidence,
            "number": opened.number, "total": opened.total, "part": opened.part, "options": options,
            "reserved": [{"key": key, "label": RESERVED_LABELS[key]} for key in RESERVED_KEYS]}


def ends(room: Room) -> Ends | None:
    """After the reveal: who answered lowest and highest (names where they agreed)."""
    with room.reading():
        if room.revealed is None:
            return None
        question = room.revealed.opened.question
        order = positions(question)
        placed = [(order[b.answer], room.members.get(m)) for m, b in room.revealed.ballots.items()
                  if b.answer in order]
    if not placed or min(p for p, _ in placed) == max(p for p, _ in placed):
        return None
    low, high = min(p for p, _ in placed), max(p for p, _ in placed)

    def side(at: int) -> tuple[list[str], int]:
        people = [m for p, m in placed if p == at]
        names = sorted(n for n in (room.public_name(m) if m else None for m in people) if n)
        return names, len(people) - len(names)

    (low_names, low_unnamed), (high_names, high_unnamed) = side(low), side(high)
    return Ends(question.choices[low - 1].label, question.choices[high - 1].label, low, high,
                low_names, high_names, low_unnamed, high_unnamed)


def reveal_context(room: Room) -> dict[str, Any] | None:
    """After the reveal: the count for each answer, the spread, the notes and the ends."""
    from goodlooks.render.distribution import summary

    with room.reading():
        revealed = room.revealed
        if revealed is None or room.stage != "revealed":
            return None
        at_ends = ends(room)
    record, question = revealed.record, revealed.opened.question
    biggest = max(record.counts.values(), default=0) or 1
    counted = [(str(n), o.label, record.counts.get(o.key, 0)) for n, o in enumerate(question.choices, start=1)]
    counted += [("", RESERVED_LABELS[key], record.counts.get(key, 0))
                for key in RESERVED_KEYS if record.counts.get(key, 0)]
    rows = [{"number": number, "label": label, "count": count, "width": round(count / biggest * 100)}
            for number, label, count in counted]
    voices = [{"who": v.respondent or "Someone", "label": v.label or v.answer, "note": v.note} for v in record.voices]
    return {"summary": summary(record), "discuss": record.discuss, "rows": rows, "voices": voices,
            "ends": None if at_ends is None else {
                "low": at_ends.low, "high": at_ends.high, "low_who": who(at_ends.low_names, at_ends.low_unnamed),
                "high_who": who(at_ends.high_names, at_ends.high_unnamed)}}


def who(names: list[str], unnamed: int) -> str:
    """`Ada and Ben`, `Ada and 2 others`, `3 people`: names only where they agreed."""
    parts = list(names)
    if unnamed:
        parts.append(f"{unnamed} other{'s' if unnamed > 1 else ''}" if names
                     else f"{unnamed} {'person' if unnamed == 1 else 'people'}")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def shared_context(room: Room) -> dict[str, Any]:
    """What every phone's page and the projector's show alike: the public state, the question
    and, after the reveal, the votes (worked out once for all of them: see `web`)."""
    with room.reading():
        shown = room.current is not None and room.stage in ("open", "revealed")
        return {"state": public_state(room), "reveal": reveal_context(room), "anonymous": room.anonymous,
                "question": question_context(room.current) if shown and room.current else None}


def phone_context(room: Room, member: Member | None, shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the phone page shows `member` (None: the projector): `shared` (made now if not
    given, which must be the room as it is) and the member's own vote."""
    with room.reading():
        context: dict[str, Any] = {**(shared or shared_context(room)), "mine": None, "may_vote": False,
                                   "name": member.name if member else None}
        if member is not None:
            ballot = room.ballot(member) if room.stage in ("open", "revealed") else None
            if ballot is not None:
                context["mine"] = {"answer": ballot.answer, "note": ballot.note or "",
                                   "label": _label_of(room.current, ballot.answer)}
            context["may_vote"] = room.may_vote(member)
    return context


def _label_of(opened: Opened | None, answer: str) -> str:
    if opened is None:
        return answer
    option = opened.question.option(answer)
    return option.label if option else RESERVED_LABELS.get(answer, answer)
