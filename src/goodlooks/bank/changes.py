"""What changed between two banks, matched by id: one structured comparison, used by
`goodlooks diff` and by the check that a resumed or re-profiled interview's bank is unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from goodlooks.bank.model import Bank, Dimension, Option, Question

SECTIONS = ("bank", "level", "group", "dimension", "recommendation", "question", "option")
"""The kinds of part a change is about, in the order they are listed."""


@dataclass(frozen=True)
class Change:
    """One difference between two banks."""

    kind: str
    """What part changed: bank, level, group, dimension, recommendation, question or option."""
    id: str
    """Its id: a question or dimension id, a level name, `question-id/option-key` for an option,
    `dimension-id/level` for a recommendation, the field name for the bank itself."""
    change: str
    """added, removed, reworded (a question's text), re-scored (an option's score), reweighted,
    moved, or changed (any other field)."""
    field: str | None = None
    old: Any = None
    new: Any = None

    @property
    def affects_answers(self) -> bool:
        """Whether saved answers may no longer fit or score the same."""
        return (self.kind in ("question", "option") and self.change in ("removed", "re-scored")) \
            or self.change in ("reweighted", "moved") or (self.kind == "bank" and self.field in ("score_range",
                                                                                              "scoring"))

    @property
    def headline(self) -> str:
        """"question 'x' reworded", "the bank's title changed", "level 'High' min changed"."""
        name = f"{self.kind} '{self.id}'" if self.kind != "bank" else f"the bank's {self.field}"
        what = self.change if self.change != "changed" or self.kind == "bank" else f"{self.field} changed"
        return f"{name} {what}"

    def describe(self, limit: int | None = 60) -> str:
        """One line for people: "question 'x' reworded: 'old' -> 'new'"."""
        if self.change in ("added", "removed"):
            return self.headline + (f": {shown(self.new if self.new is not None else self.old, limit)}"
                                    if self.kind in ("question", "option") else "")
        if isinstance(self.old, str) and isinstance(self.new, str) and limit is not None:
            old, new = where_they_differ(self.old, self.new, limit)
            return f"{self.headline}: {old!r} -> {new!r}"
        return f"{self.headline}: {shown(self.old, limit)} -> {shown(self.new, limit)}"


def where_they_differ(old: str, new: str, limit: int = 60) -> tuple[str, str]:
    """Two texts cut to about `limit` characters around the first place they differ, so a long
    question reworded near its end does not show as the same beginning twice:
    `'…framed as services with…'` -> `'…framed as products with…'`."""
    if len(old) <= limit and len(new) <= limit:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = 0 if same <= limit // 3 else same - limit // 3
    while 0 < start < same and not old[start - 1].isspace():  # begin at a word
        start += 1
    return _window(old, start, limit), _window(new, start, limit)


def _window(text: str, start: int, limit: int) -> str:
    lead = "…" if start else ""
    piece = text[start:]
    if len(piece) + len(lead) > limit:
        piece = piece[: limit - len(lead) - 1].rstrip() + "…"
    return lead + piece


def shown(value: Any, limit: int | None = 60) -> str:
    """A value for a line of text: quoted (control characters escaped), long text cut at `limit`."""
    if isinstance(value, str):
        text = value if limit is None or len(value) <= limit else value[: limit - 1].rstrip() + "…"
        return repr(text)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v, limit) for v in value) + "]"
    return "none" if value is None else str(value)


@dataclass(frozen=True)
class BankComparison:
    """Every difference between an old and a new bank, matched by id, in bank order."""

    old_id: str
    old_version: str
    new_id: str
    new_version: str
    changes: tuple[Change, ...]

    def count(self, kind: str, change: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind and c.change == change)

    def to_json(self) -> dict[str, Any]:
        return {"old": {"id": self.old_id, "version": self.old_version},
                "new": {"id": self.new_id, "version": self.new_version},
                "changes": [asdict(change) for change in self.changes]}


def _fields(model: Any, skip: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(model, name) for name in type(model).model_fields if name not in skip}


def _field_changes(kind: str, ident: str, old: Any, new: Any, skip: tuple[str, ...],
                   names: dict[str, str]) -> list[Change]:
    before, after = _fields(old, skip), _fields(new, skip)
    return [Change(kind, ident, names.get(name, "changed"), name, before[name], after[name])
            for name in before if before[name] != after[name]]


def _matched(old: list, new: list, key: str) -> tuple[list, list, list[tuple[Any, Any]]]:
    before = {getattr(item, key): item for item in old}
    after = {getattr(item, key): item for item in new}
    removed = [item for item in old if getattr(item, key) not in after]
    added = [item for item in new if getattr(item, key) not in before]
    both = [(before[getattr(item, key)], item) for item in new if getattr(item, key) in before]
    return removed, added, both


def compare_banks(old: Bank, new: Bank) -> BankComparison:
    """Every difference between `old` and `new` that a person or a saved answer would notice."""
    changes = [Change("bank", name, "changed", name, getattr(old, name), getattr(new, name))
               for name in ("id", "version", "title", "description", "source", "score_range", "scoring")
               if getattr(old, name) != getattr(new, name)]
    for kind, key, attribute in (("level", "name", "levels"), ("group", "id", "groups"),
                                 ("dimension", "id", "dimensions")):
        removed, added, both = _matched(getattr(old, attribute), getattr(new, attribute), key)
        changes += [Change(kind, getattr(item, key), "removed") for item in removed]
        changes += [Change(kind, getattr(item, key), "added") for item in added]
        for before, after in both:
            changes += _field_changes(kind, getattr(after, key), before, after,
                                      ("name", "id", "questions", "recommendations"), {"weight": "reweighted"})
    changes += _recommendation_changes(old, new)
    changes += _question_changes(old, new)
    return BankComparison(old.id, old.version, new.id, new.version, tuple(changes))


def _recommendation_changes(old: Bank, new: Bank) -> list[Change]:
    changes = []
    before = {d.id: d for d in old.dimensions}
    for dimension in new.dimensions:
        if dimension.id not in before:
            continue
        was, now = before[dimension.id].recommendations, dimension.recommendations
        for level in [*was, *(name for name in now if name not in was)]:
            ident = f"{dimension.id}/{level}"
            if level not in was or level not in now:
                change = "added" if level not in was else "removed"
                before_advice, after_advice = was.get(level), now.get(level)
                changes.append(Change("recommendation", ident, change, "text",
                                      before_advice.text if before_advice else None,
                                      after_advice.text if after_advice else None))
            elif was[level] != now[level]:
                changes += _field_changes("recommendation", ident, was[level], now[level], (), {})
    return changes


def _placed(bank: Bank) -> dict[str, tuple[Question, Dimension]]:
    return {q.id: (q, d) for d in bank.dimensions for q in d.questions}


def _question_changes(old: Bank, new: Bank) -> list[Change]:
    before, after = _placed(old), _placed(new)
    changes = [Change("question", qid, "removed", "text", q.text, None)
               for qid, (q, _) in before.items() if qid not in after]
    changes += [Change("question", qid, "added", "text", None, q.text)
                for qid, (q, _) in after.items() if qid not in before]
    for qid, (question, dimension) in after.items():
        if qid not in before:
            continue
        was, was_in = before[qid]
        if was_in.id != dimension.id:
            changes.append(Change("question", qid, "moved", "dimension", was_in.id, dimension.id))
        changes += _field_changes("question", qid, was, question, ("id", "scale", "options"),
                                  {"text": "reworded", "weight": "reweighted"})
        changes += _option_changes(qid, was.choices, question.choices)
    return changes


def _option_changes(qid: str, old: list[Option], new: list[Option]) -> list[Change]:
    removed, added, both = _matched(old, new, "key")
    changes = [Change("option", f"{qid}/{o.key}", "removed", "label", o.label, None) for o in removed]
    changes += [Change("option", f"{qid}/{o.key}", "added", "label", None, o.label) for o in added]
    for was, option in both:
        changes += _field_changes("option", f"{qid}/{option.key}", was, option, ("key",),
                                  {"score": "re-scored", "label": "relabelled"})
    if not changes and [o.key for o in old] != [o.key for o in new]:
        changes.append(Change("question", qid, "changed", "option order", [o.key for o in old],
                              [o.key for o in new]))
    return changes


def bank_changes(old: Bank, new: Bank) -> list[str]:
    """Every difference, one line each; [] when the content is equal (comments and layout aside)."""
    return [change.describe() for change in compare_banks(old, new).changes]
