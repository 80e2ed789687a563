"""The paper file (`report --paper FILE`): the facts of a board paper that no results file holds.

    organisation: Example NHS Foundation Trust
    meeting: Board of directors, meeting in public
    date: 2027-01-14                 # or 14 January 2027
    agenda_item: "7.2"
    title: Digital maturity: the board's self-assessment
    sponsor: Chief executive         # the executive sponsor (lead director)
    author: Director of digital transformation
    purpose: For approval            # for approval, assurance, discussion or information
    asks:                            # "The board is asked to ..."
      - note the result of the self-assessment
      - agree the five priorities and their owners
    baf: "BAF risk 6: digital capability"
    risk_register: ...
    strategic_objective: ...
    well_led: ...
    impact: {quality: ..., finance: ..., equality: ..., people: ...}
    baseline_label: the December 2025 assessment
    priorities: 5                    # how many priorities to propose, 3 to 5
    owners:                          # a part's or a question's id: who owns the step, and by when
      board: {owner: Chair, quarter: Q1 2027/28}
      services-funding: Chief finance officer

Every key is optional; what is missing is printed as a blank to fill in. The file is checked like
every goodlooks file: each problem is located (file:line:column), unknown keys get a "did you
mean", and any problem is exit 4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goodlooks.bank.messages import did_you_mean
from goodlooks.bank.model import LONG_TEXT, SHORT_TEXT, Bank
from goodlooks.base.errors import ResultsError
from goodlooks.base.files import read_limited
from goodlooks.base.numbers import plural
from goodlooks.base.yaml_source import Problem, YamlDocument, read_yaml

MAX_BYTES = 1_000_000
MIN_PRIORITIES, MAX_PRIORITIES = 3, 5
SHORT_KEYS = ("organisation", "meeting", "agenda_item", "sponsor", "author", "purpose", "baf",
              "risk_register", "strategic_objective", "well_led", "baseline_label")
LONG_KEYS = ("title",)
IMPACTS = ("quality", "finance", "equality", "people")
KEYS = sorted((*SHORT_KEYS, *LONG_KEYS, "date", "asks", "impact", "priorities", "owners"))
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Owner:
    owner: str | None = None
    quarter: str | None = None


@dataclass(frozen=True)
class PaperFacts:
    """What the front sheet says beyond the results; None (or empty) prints as a blank."""

    title: str | None = None
    organisation: str | None = None
    meeting: str | None = None
    date: date | None = None
    agenda_item: str | None = None
    sponsor: str | None = None
    author: str | None = None
    purpose: str | None = None
    asks: tuple[str, ...] = ()
    baf: str | None = None
    risk_register: str | None = None
    strategic_objective: str | None = None
    well_led: str | None = None
    impact: dict[str, str] = field(default_factory=dict)
    baseline_label: str | None = None
    priorities: int = MAX_PRIORITIES
    owners: dict[str, Owner] = field(default_factory=dict)
    """A part's or a question's id -> who owns its step and by when."""


def meeting_date(value: str) -> date:
    """`2027-01-14` or `14 January 2027` -> a date; ValueError otherwise."""
    text = " ".join(value.split())
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        return datetime.strptime(text, "%d %B %Y").date()
    except ValueError:
        raise ValueError(f"'date' must be a date like 2027-01-14 or 14 January 2027, not '{value}'") from None


def read_paper_file(path: Path, bank: Bank) -> PaperFacts:
    """Read and check a paper file; `bank` (the whole bank) names the ids `owners` may use."""
    raw = read_limited(path, MAX_BYTES, lambda problem: ResultsError(f"{path}: {problem}"), "a paper file (YAML)")
    doc, problems = read_yaml(raw, str(path), max_bytes=MAX_BYTES, kind="a paper file")
    if doc is not None and doc.data is None:
        return PaperFacts()
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(doc.problem((), "a paper file is a mapping of keys such as organisation, meeting, "
                                        "date, sponsor and asks (see the README's \"Reports for the board\")"))
        doc = None
    facts = _Reader(doc, bank, problems).facts() if doc is not None else PaperFacts()
    if problems:
        raise ResultsError("\n".join(str(p) for p in sorted(problems))
                           + f"\n{plural(len(problems), 'problem')} in {path}; fix them and run again.")
    return facts


class _Reader:
    def __init__(self, doc: YamlDocument, bank: Bank, problems: list[Problem]) -> None:
        self.doc, self.bank, self.problems = doc, bank, problems
        self.data: dict[str, Any] = doc.data

    def problem(self, path: tuple[str | int, ...], message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, prefer_key=key))

    def text(self, path: tuple[str | int, ...], value: Any, limit: int = SHORT_TEXT) -> str | None:
        name = f"{path[-2]}' item {path[-1] + 1}" if isinstance(path[-1], int) else f"{path[-1]}'"
        name = "'" + name
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(path, f"{name} must be text")
            return None
        text = " ".join(value.split())
        if len(text) > limit:
            self.problem(path, f"{name} is {len(text):,} characters long, over the limit of {limit:,}")
            return None
        return text or None

    def facts(self) -> PaperFacts:
        for key in self.data:
            if key not in KEYS:
                self.problem((key,), f"unknown key '{key}' in the paper file{did_you_mean(key, KEYS)}", key=True)
        values: dict[str, Any] = {key: self.text((key,), self.data.get(key)) for key in SHORT_KEYS}
        values["title"] = self.text(("title",), self.data.get("title"), LONG_TEXT)
        values["date"] = self._date()
        values["asks"] = self._asks()
        values["impact"] = self._impact()
        values["priorities"] = self._priorities()
        values["owners"] = self._owners()
        return PaperFacts(**values)

    def _date(self) -> date | None:
        value = self.text(("date",), self.data.get("date"))
        if value is None:
            return None
        try:
            return meeting_date(value)
        except ValueError as error:
            self.problem(("date",), str(error))
            return None

    def _asks(self) -> tuple[str, ...]:
        value = self.data.get("asks")
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(("asks",), "'asks' must be a list of what the board is asked to do ('- note the result')")
            return ()
        asks = [self.text(("asks", n), item, LONG_TEXT) for n, item in enumerate(value)]
        return tuple(ask for ask in asks if ask)

    def _impact(self) -> dict[str, str]:
        value = self.data.get("impact")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(("impact",), f"'impact' must be a mapping of {', '.join(IMPACTS)}: text")
            return {}
        found = {}
        for key, item in value.items():
            if key not in IMPACTS:
                self.problem(("impact", key), f"unknown key '{key}' in 'impact'{did_you_mean(key, IMPACTS)}", key=True)
                continue
            text = self.text(("impact", key), item, LONG_TEXT)
            if text:
                found[key] = text
        return found

    def _priorities(self) -> int:
        value = self.data.get("priorities")
        if value is None:
            return MAX_PRIORITIES
        if isinstance(value, str) and value.strip().isdigit() and \
                MIN_PRIORITIES <= int(value) <= MAX_PRIORITIES:
            return int(value)
        self.problem(("priorities",), f"'priorities' must be a whole number from {MIN_PRIORITIES} to "
                                      f"{MAX_PRIORITIES} (a board agrees a handful), not '{value}'")
        return MAX_PRIORITIES

    def _owners(self) -> dict[str, Owner]:
        value = self.data.get("owners")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(("owners",), "'owners' must be a mapping of a part's or a question's id: "
                                      "{owner: ..., quarter: ...}")
            return {}
        ids = [d.id for d in self.bank.dimensions] + [q.id for q in self.bank.questions()]
        found = {}
        for key, item in value.items():
            path = ("owners", key)
            if key not in ids:
                hint = did_you_mean(key, ids)
                self.problem(path, f"'{key}' is not the id of a part or a question of bank '{self.bank.id}'"
                                   f"{hint if '?' in hint else ''}", key=True)
                continue
            if isinstance(item, str) or item is None:
                found[key] = Owner(self.text(path, item))
                continue
            if not isinstance(item, dict):
                self.problem(path, f"the owner of '{key}' must be a role ('Chief nurse') or "
                                   "{owner: ..., quarter: ...}")
                continue
            for name in item:
                if name not in ("owner", "quarter"):
                    self.problem((*path, name), f"unknown key '{name}' for '{key}'"
                                                f"{did_you_mean(name, ['owner', 'quarter'])}", key=True)
            found[key] = Owner(self.text((*path, "owner"), item.get("owner")),
                               self.text((*path, "quarter"), item.get("quarter")))
        return found
