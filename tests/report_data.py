"""Fixed results files for the report tests: a small bank with groups, levels that say what
they mean, evidence and advice; three people's answers with notes; their combined file with
targets; and last year's answers as a baseline. Ids and times are fixed, so reports made from
them are the same on every run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from goodlooks.bank.loader import LoadedBank, parse_bank
from goodlooks.results import store
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ANSWERED, Choice

BANK = """\
id: board-check
title: Board check
version: "1"
source: Written for the goodlooks tests.
levels:
  - {name: Starting, min: 1, description: Little of this happens yet.}
  - {name: Developing, min: 2, description: Some teams do this; it is not yet how we work.}
  - {name: Leading, min: 3, description: This is how we work everywhere.}
groups:
  - {id: people, title: People}
  - {id: work, title: Ways of working}
scales:
  three:
    - {key: a, label: Rarely, score: 1, recommendation: Start small., owner: Chief executive, within: 3 months}
    - {key: b, label: Sometimes, score: 2}
    - {key: c, label: Always, score: 3}
dimensions:
  - id: users
    title: Users
    group: people
    recommendations:
      Starting: {text: Meet some users., owner: The board, within: 1 month}
      Developing: Meet users every week.
    questions:
      - {id: users-met, text: Do teams meet users?, scale: three, evidence: Research notes with dates.}
      - {id: users-heard, text: Is feedback used?, scale: three}
  - id: teams
    title: Teams
    group: people
    recommendations: {Starting: Form one team., Developing: Keep teams together.}
    questions:
      - {id: teams-mixed, text: Are teams mixed?, scale: three, evidence: The team lists.}
  - id: delivery
    title: Delivery
    group: work
    recommendations: {Starting: Ship something small., Developing: Ship every fortnight.}
    questions:
      - {id: delivery-small, text: Do teams ship small changes?, scale: three}
      - {id: delivery-often, text: How often do users see changes?, scale: three}
"""

WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
LAST_YEAR = datetime(2025, 3, 3, 10, 30, tzinfo=UTC)
PEOPLE = {
    "Chair": {"users-met": ("b", "Two teams did research this year", "seen"), "users-heard": ("a", None, "believed"),
              "teams-mixed": ("b", None), "delivery-small": ("c", None), "delivery-often": ("b", None)},
    "Chief nurse": {"users-met": ("a", "Only one ward was visited", "seen"), "users-heard": ("b", None, "told"),
                    "teams-mixed": ("b", None), "delivery-small": ("a", "Releases wait for the quarter"),
                    "delivery-often": ("b", None)},
    "Finance director": {"users-met": ("c", None), "users-heard": ("a", None), "teams-mixed": ("dont_know", None),
                         "delivery-small": ("b", None), "delivery-often": ("b", None)},
}


def bank_source(text: str = BANK) -> LoadedBank:
    return LoadedBank(parse_bank(text.encode(), "bank.yaml"), Path("bank.yaml"), "0" * 64, False)


def fix_times(results: Results, when: datetime, number: int) -> Results:
    results.response_id = UUID(int=number)
    results.started_at = results.updated_at = results.completed_at = when
    for answer in results.answers.values():
        answer.answered_at = when
    return results


def answered(loaded: LoadedBank, who: str | None, answers: dict[str, tuple[str, ...]], number: int,
             when: datetime = WHEN) -> Results:
    """Each answer is (option key, note) or (option key, note, evidence status)."""
    results = store.new_results(loaded, who)
    for question_id, (key, note, *evidence) in answers.items():
        choice = Choice(key) if key in ("not_applicable", "dont_know") else Choice(ANSWERED, key)
        store.set_answer(results, loaded.bank, question_id, choice, note, evidence[0] if evidence else None)
    results = store.complete(results, loaded.bank)
    return fix_times(results, when, number)


def workshop_files(folder: Path, text: str = BANK) -> dict[str, Path]:
    """people-1..3.json, combined.json (with targets) and baseline.json in `folder`."""
    from goodlooks.workshop.combine import combine

    loaded = bank_source(text)
    paths: dict[str, Path] = {}
    for number, (who, answers) in enumerate(PEOPLE.items(), start=1):
        results = answered(loaded, who, answers, number)
        if number == 1:
            results.targets = {"users": 3.0, "delivery": 2.5}
        paths[f"people-{number}"] = folder / f"people-{number}.json"
        store.save(results, paths[f"people-{number}"])
    combined = combine([paths[f"people-{n}"] for n in (1, 2, 3)], False).results
    paths["combined"] = folder / "combined.json"
    store.save(fix_times(combined, WHEN, 10), paths["combined"])
    baseline = answered(loaded, "Board", {"users-met": ("a", None), "users-heard": ("a", None),
                                          "teams-mixed": ("a", None), "delivery-small": ("b", None),
                                          "delivery-often": ("a", None)}, 20, LAST_YEAR)
    paths["baseline"] = folder / "baseline.json"
    store.save(baseline, paths["baseline"])
    return paths
