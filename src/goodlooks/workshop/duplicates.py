"""One person, one response: telling when two results files are the same person's answers.

Two files are one response when they hold the same response id (a copy), come from the same
session of the answers form (saved twice), name the same respondent, or hold the same answers
note for note under different ids. The later save is kept: within a form session the higher
save number, otherwise the later time the answers were given. `keep_duplicates` keeps files
that only share a name or their answers (two people may share a role name); a copy is always
counted once. Pure: it reads no files itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from goodlooks.results.model import Results

FAR_APART_DAYS = 30
"""A file answered more than this many days from the rest of a folder is named (last year's?)."""


@dataclass(frozen=True)
class Identity:
    """What tells one results file's response from another's: a few short strings, so that
    thousands of files can be kept in mind at once."""

    path: Path
    response_id: str
    session: str | None
    save: int
    name: str | None
    """The respondent's name folded for comparing (case and spacing ignored), None if none."""
    shown_name: str | None
    answers: int | None
    """A hash of every answer and note (None for a file with no answers): the same for the same
    answers; combine compares the answers themselves before counting two files once for it."""
    when: datetime
    """When the answers were given: the form's save time, else the completion, else the last update."""
    order: int = 0
    """The order the file was read in: of two saved at the same moment, the first read is kept."""


def identity(path: Path, results: Results, order: int = 0) -> Identity:
    name = " ".join(results.respondent.casefold().split()) if results.respondent else None
    answers = hash(same_answers_key(results)) if results.answers else None
    form = results.form
    when = (form.saved_at if form and form.saved_at else None) or results.completed_at or results.updated_at
    return Identity(path, str(results.response_id), form.session if form else None, form.save if form else 0,
                    name or None, results.respondent, answers, when, order)


def same_answers_key(results: Results) -> tuple:
    """Every answer and note of `results`, in question order: equal for the same answers."""
    return tuple(sorted((qid, a.option or "", a.status, a.normalised or 0.0, a.note or "")
                        for qid, a in results.answers.items()))


def why_the_same(a: Identity, b: Identity, keep_duplicates: bool = False) -> str | None:
    """Why `a` and `b` are one person's response (a clause for a message), or None."""
    if a.response_id == b.response_id:
        return "the same response"
    if a.session is not None and a.session == b.session:
        if keep_duplicates and a.name != b.name:
            return None
        return "saved twice from one answers form"
    if keep_duplicates:
        return None
    if a.name is not None and a.name == b.name:
        return f"both are '{b.shown_name}'"
    if a.answers is not None and a.answers == b.answers and (a.name is None or b.name is None):
        return "the same answers, note for note"
    return None


def later(a: Identity, b: Identity) -> Identity:
    """The later save of two files of one response (of two saved at the same moment, the one
    read first)."""
    if a.session is not None and a.session == b.session and a.save != b.save:
        return a if a.save > b.save else b
    return a if (_moment(a.when), -a.order) > (_moment(b.when), -b.order) else b


def _moment(when: datetime) -> float:
    return when.timestamp()


@dataclass
class Register:
    """The responses kept so far, looked up by each thing that can make two files one response."""

    keep_duplicates: bool = False
    kept: dict[str, Identity] = field(default_factory=dict)
    """Response id -> the file kept for it."""
    _by_session: dict[str, str] = field(default_factory=dict)
    _by_name: dict[str, str] = field(default_factory=dict)
    _by_answers: dict[int, str] = field(default_factory=dict)

    def same_as(self, new: Identity) -> list[tuple[Identity, str]]:
        """Every kept file that is the same response as `new`, with why."""
        responses = [new.response_id, self._by_session.get(new.session or ""), self._by_name.get(new.name or ""),
                     self._by_answers.get(new.answers) if new.answers is not None else None]
        found = {response: self.kept[response] for response in responses if response in self.kept}
        matches = []
        for kept in found.values():
            reason = why_the_same(new, kept, self.keep_duplicates)
            if reason is not None:
                matches.append((kept, reason))
        return matches

    def add(self, new: Identity) -> None:
        self.kept[new.response_id] = new
        if new.session is not None:
            self._by_session[new.session] = new.response_id
        if new.name is not None:
            self._by_name[new.name] = new.response_id
        if new.answers is not None:
            self._by_answers[new.answers] = new.response_id

    def remove(self, old: Identity) -> None:
        del self.kept[old.response_id]
        for index, key in ((self._by_session, old.session), (self._by_name, old.name)):
            if key is not None and index.get(key) == old.response_id:
                del index[key]
        if old.answers is not None and self._by_answers.get(old.answers) == old.response_id:
            del self._by_answers[old.answers]


@dataclass(frozen=True)
class Duplicate:
    replaced: Path
    kept: Path
    reason: str
    """Why they are one response, e.g. "both are 'Chief nurse'"."""


def far_apart(identities: list[Identity], days: int = FAR_APART_DAYS) -> tuple[list[Identity], datetime | None]:
    """The files answered more than `days` from the rest (from the middle date of all), and that date."""
    if len(identities) < 2:
        return [], None
    ordered = sorted(identities, key=lambda i: _moment(i.when))
    middle = ordered[(len(ordered) - 1) // 2].when
    limit = days * 86400
    return [i for i in identities if abs(_moment(i.when) - _moment(middle)) > limit], middle


def find_duplicates(entries: list[tuple[Path, Results]], keep_duplicates: bool = False) -> list[Duplicate]:
    """Every file among `entries` that another replaces (for `goodlooks list`): files in memory."""
    register = Register(keep_duplicates)
    found = []
    for order, (path, results) in enumerate(entries):
        new = identity(path, results, order)
        matches = register.same_as(new)
        winner = new
        for kept, _ in matches:
            winner = later(winner, kept)
        for kept, reason in matches:
            if kept is not winner:
                register.remove(kept)
                found.append(Duplicate(kept.path, winner.path, reason))
        if winner is new:
            register.add(new)
        else:
            found.append(Duplicate(new.path, winner.path, next(r for k, r in matches if k is winner)))
    return found
