"""The results file of a room session, made quickly for a vote's save.

A vote changes the room's part of the file and its time, nothing else; yet by the end of a
session the room's part is most of the file (sixty phones on thirty-two questions are 1,920
ballots), and serialising it all again at every vote was most of a save's work. So, as the
results module splices in the bank copy serialised once, `FileText` keeps the rest of the file
as it was made at the interview's last save, and each question's ballots as they were serialised
when they last changed, and joins the pieces. The bytes are exactly those
`store.results_chunks(results)` would make (tests compare them); where the file's shape is not
the one expected, it simply falls back to that.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import TypeAdapter
from pydantic_core import to_json

from goodlooks.results import store
from goodlooks.results.model import BallotRecord, Results, RoomRecord

_BALLOTS = TypeAdapter(list[BallotRecord])
_NO_ROOM = b',\n  "room": null\n}\n'
"""How the file ends without a room: the room is its last field."""
_SOME_TIME = datetime(1, 1, 1, tzinfo=UTC)
_TIME_LINE = b'\n  "updated_at": "0001-01-01T00:00:00Z",\n'
"""`updated_at` at the top level: a line no string can hold (JSON strings have no newline)."""
_NO_BALLOTS = '\n    "ballots": {},\n'


class FileText:
    """The chunks of a room session's results file. `forget` after the results change in any
    way but the room and `updated_at` (the interview calls it at each of its saves)."""

    def __init__(self) -> None:
        self._shell: tuple[Results, list[bytes]] | None = None
        self._kept: dict[str, tuple[list[BallotRecord], bytes]] = {}

    def forget(self) -> None:
        self._shell = None

    def chunks(self, results: Results) -> list[bytes]:
        if results.room is None:
            return store.results_chunks(results)
        if self._shell is None or self._shell[0] is not results:
            self._shell = (results, _shell(results))
        shell = self._shell[1]
        if not shell:  # not the shape expected: made the usual way
            return store.results_chunks(results)
        *start, before_time, after_time = shell
        room = self._room(results.room)
        if room is None:  # pragma: no cover - as above
            return store.results_chunks(results)
        return [*start, before_time, b'\n  "updated_at": ' + to_json(results.updated_at) + b",\n", after_time,
                b',\n  "room": ', *room, b"\n}\n"]

    def _room(self, record: RoomRecord) -> list[bytes] | None:
        """The room's record at its place in the file (indented one level)."""
        head = record.model_copy(update={"ballots": {}}).model_dump_json(indent=2).replace("\n", "\n  ")
        if not record.ballots:
            return [head.encode()]
        before, marker, after = head.partition(_NO_BALLOTS)
        if not marker:  # pragma: no cover - the record's shape changed
            return None
        pieces = [(before + '\n    "ballots": {\n').encode()]
        for number, (question_id, ballots) in enumerate(record.ballots.items()):
            kept = self._kept.get(question_id)
            if kept is None or kept[0] is not ballots:  # `Room.record` makes a new list when one changes
                text = _BALLOTS.dump_json(ballots, indent=2).decode().replace("\n", "\n      ")
                kept = self._kept[question_id] = (ballots, f"      {to_json(question_id).decode()}: {text}".encode())
            pieces += [b",\n"] * bool(number) + [kept[1]]
        pieces.append(("\n    },\n" + after).encode())
        return pieces


def _shell(results: Results) -> list[bytes]:
    """`results` without its room, cut where the time goes: [..., before the time, after it],
    or [] if the file is not shaped as expected."""
    chunks = store.results_chunks(results.model_copy(update={"room": None, "updated_at": _SOME_TIME}))
    before, marker, after = chunks[-1].partition(_TIME_LINE)
    if not marker or not after.endswith(_NO_ROOM) or _TIME_LINE in after:
        return []
    return [*chunks[:-1], before, after[:-len(_NO_ROOM)]]
