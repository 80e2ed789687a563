"""Results files with known scores for the peers and trend tests (issue 20): a small bank whose
option scores are the scores themselves (0 to 4), so each organisation's part scores are set
directly; organisations with names that must never appear in another's output; and one
organisation's assessments over four years, the first on an older version of the bank.
This module holds no tests of its own."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from goodlooks.bank.loader import LoadedBank, parse_bank
from goodlooks.results import store
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ANSWERED, Choice

SCALE = """\
scales:
  five:
    - {key: "0", label: None, score: 0}
    - {key: "1", label: A little, score: 1}
    - {key: "2", label: Some, score: 2}
    - {key: "3", label: Most, score: 3}
    - {key: "4", label: All, score: 4}
"""

PEER_BANK = """\
id: peer-check
title: Peer check
version: "2"
levels:
  - {name: Starting, min: 0}
  - {name: Growing, min: 2}
  - {name: Leading, min: 3}
""" + SCALE + """\
dimensions:
  - id: users
    title: Users
    questions:
      - {id: users-met, text: Do teams meet users?, scale: five}
  - id: teams
    title: Teams
    questions:
      - {id: teams-mixed, text: Are teams mixed?, scale: five}
      - {id: teams-kept, text: Are teams kept together?, scale: five}
"""
"""Users = the users-met answer; Teams = the mean of its two answers; overall = (Users + Teams) / 2."""

OWN = "Northam Trust"
PEERS = ("Ashdown Trust", "Brackley Trust", "Cheddleton Trust", "Dunmore Trust", "Elsworth Trust",
         "Farnley Trust", "Gorsley Trust", "Hambleden Trust", "Ixworth Trust", "Jevington Trust",
         "Kelmscott Trust")
"""Eleven peers, each with a name no output may show."""
OWN_ANSWERS = {"users-met": "2", "teams-mixed": "4", "teams-kept": "3"}
"""Users 2, Teams 3.5, overall 2.75."""
PEER_ANSWERS = (
    {"users-met": "0", "teams-mixed": "0", "teams-kept": "0"},  # users 0, teams 0,   overall 0
    {"users-met": "1", "teams-mixed": "0", "teams-kept": "1"},  # users 1, teams 0.5, overall 0.75
    {"users-met": "1", "teams-mixed": "1", "teams-kept": "1"},  # users 1, teams 1,   overall 1
    {"users-met": "2", "teams-mixed": "1", "teams-kept": "2"},  # users 2, teams 1.5, overall 1.75
    {"users-met": "2", "teams-mixed": "2", "teams-kept": "2"},  # users 2, teams 2,   overall 2
    {"users-met": "2", "teams-mixed": "3", "teams-kept": "2"},  # users 2, teams 2.5, overall 2.25
    {"users-met": "3", "teams-mixed": "3", "teams-kept": "2"},  # users 3, teams 2.5, overall 2.75
    {"users-met": "3", "teams-mixed": "3", "teams-kept": "3"},  # users 3, teams 3,   overall 3
    {"users-met": "4", "teams-mixed": "4", "teams-kept": "4"},  # users 4, teams 4,   overall 4
    {"users-met": "4", "teams-mixed": "4", "teams-kept": "4"},  # users 4, teams 4,   overall 4
    {"users-met": "4", "teams-mixed": "2", "teams-kept": "4"},  # users 4, teams 3,   overall 3.5
)
PEER_SCORES = {
    "overall": [0, 0.75, 1, 1.75, 2, 2.25, 2.75, 3, 4, 4, 3.5],
    "users": [0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4],
    "teams": [0, 0.5, 1, 1.5, 2, 2.5, 2.5, 3, 4, 4, 3],
}
WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def loaded(text: str = PEER_BANK, name: str = "bank.yaml") -> LoadedBank:
    return LoadedBank(parse_bank(text.encode(), name), Path(name), "0" * 64, False)


def results_of(bank: LoadedBank, answers: Mapping[str, str], number: int, organisation: str | None,
               when: datetime = WHEN, kind: str = "agreed", complete: bool = True,
               targets: Mapping[str, float] | None = None) -> Results:
    """A finished results file's content with fixed ids and times."""
    results = store.new_results(bank, None)
    results.kind = kind  # type: ignore[assignment]
    results.organisation = organisation
    results.targets = dict(targets or {})
    for question_id, key in answers.items():
        choice = Choice(key) if key in ("not_applicable", "dont_know") else Choice(ANSWERED, key)
        store.set_answer(results, bank.bank, question_id, choice)
    results = store.complete(results, bank.bank) if complete else store.refresh(results, bank.bank)
    results.response_id = UUID(int=number)
    results.started_at = results.updated_at = when
    results.completed_at = when if complete else None
    for answer in results.answers.values():
        answer.answered_at = when
    return results


def slug(name: str) -> str:
    return name.split()[0].lower()


def peer_folder(folder: Path, count: int = 11, bank: LoadedBank | None = None) -> tuple[Path, Path]:
    """northam.json (the organisation's own agreed answers) and peers/ holding the first `count`
    peers' files, each named after its organisation (`ashdown-agreed.json`, ...)."""
    bank = bank or loaded()
    own = folder / "northam.json"
    store.save(results_of(bank, OWN_ANSWERS, 1, OWN), own)
    peers = folder / "peers"
    peers.mkdir(exist_ok=True)
    for number, (name, answers) in enumerate(zip(PEERS[:count], PEER_ANSWERS[:count]), start=2):
        store.save(results_of(bank, answers, number, name), peers / f"{slug(name)}-agreed.json")
    return own, peers


OLD_BANK = PEER_BANK.replace('version: "2"', 'version: "1"').replace(
    "      - {id: teams-kept, text: Are teams kept together?, scale: five}\n", "")
"""Version 1 of the bank: no teams-kept question yet."""
YEARS = (
    (2023, OLD_BANK, {"users-met": "1", "teams-mixed": "0"}, {}),
    (2024, PEER_BANK, {"users-met": "2", "teams-mixed": "1", "teams-kept": "4"}, {}),
    (2025, PEER_BANK, {"users-met": "2", "teams-mixed": "3", "teams-kept": "0"}, {"users": 3.0, "teams": 3.0}),
    (2026, PEER_BANK, {"users-met": "3", "teams-mixed": "3", "teams-kept": "2"}, {"users": 3.5}),
)
"""Northam's four assessments. On the questions all four asked (users-met, teams-mixed):
users 1, 2, 2, 3; teams 0, 1, 3, 3; overall 0.5, 1.5, 2.5, 3. Its own 2026 profile counts
teams-kept too: teams 2.5, overall 2.75."""


def years_folder(folder: Path) -> list[Path]:
    """years/northam-2023.json ... years/northam-2026.json in `folder` (the current folder), as
    paths relative to it."""
    years = folder / "years"
    years.mkdir(exist_ok=True)
    paths = []
    for year, text, answers, targets in YEARS:
        path = years / f"northam-{year}.json"
        store.save(results_of(loaded(text), answers, year, OWN, datetime(year, 3, 2, 10, 30, tzinfo=UTC),
                              targets=targets), path)
        paths.append(path.relative_to(folder))
    return paths
