"""Shared pieces of the workshop tests (issue 6): the workshop bank, answers files and results
files made through the real `goodlooks assess --answers`, or in-process for property tests.
This module holds no tests of its own."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from goodlooks.bank.loader import LoadedBank, load_bank
from goodlooks.bank.model import Bank
from goodlooks.results import store
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ANSWERED, Choice

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workshop"
BANK_V1 = FIXTURES / "ws.yaml"
BANK_V2 = FIXTURES / "ws-2.yaml"
QUESTIONS = ("users-met", "users-heard", "skills-train", "data-shared", "data-safe")
FOUR = ("never", "rarely", "often", "always")
OPTIONS = {"users-met": FOUR, "users-heard": FOUR, "skills-train": FOUR, "data-shared": FOUR,
           "data-safe": ("no", "yes")}
RESERVED = ("not_applicable", "dont_know")

ANN = {"users-met": "never", "users-heard": "rarely", "skills-train": "often", "data-shared": "always",
       "data-safe": "no"}
"""Ann: users 0.5 (Starting), skills 2 (Established), data 2.25 (Established), overall 1.6875."""
BOB = {"users-met": "always", "users-heard": "rarely", "skills-train": "not_applicable",
       "data-shared": "often", "data-safe": "yes"}
"""Bob: users 2 (Established), skills not scored, data 2.25 (Established)."""


def copy_banks(workdir: Path) -> None:
    """ws.yaml and ws-2.yaml into the current folder, so messages name them plainly."""
    shutil.copy(BANK_V1, workdir / "ws.yaml")
    shutil.copy(BANK_V2, workdir / "ws-2.yaml")


def answers_yaml(answers: Mapping[str, str], respondent: str | None = None) -> str:
    lines = [f"respondent: {respondent}"] if respondent else []
    lines.append("answers:")
    lines += [f"  {qid}: {{option: {key!r}}}" if key not in RESERVED else f"  {qid}: {key}"
              for qid, key in answers.items()]
    return "\n".join(lines) + "\n"


def make_results(run: Callable, workdir: Path, name: str, answers: Mapping[str, str],
                 respondent: str | None = None, *extra: str, bank: str = "ws.yaml") -> Path:
    """`goodlooks assess --bank BANK --answers NAME.yaml --output NAME.json [extra]`; must succeed."""
    source = workdir / f"{name}.yaml"
    source.write_text(answers_yaml(answers, respondent), encoding="utf-8")
    output = f"{name}.json"
    result = run("assess", "--bank", bank, "--answers", source.name, "--output", output, *extra)
    assert result.exit_code == 0, result.stderr + result.stdout
    return Path(output)


def read_json(path: Path | str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def scores_of(data: dict) -> dict:
    """Overall, group and dimension (score, level) from a results file's JSON."""
    scores = data["scores"]
    return {"overall": (scores["overall"]["score"], scores["overall"]["level"]),
            **{f"group:{k}": (v["score"], v["level"]) for k, v in scores["groups"].items()},
            **{k: (v["score"], v["level"]) for k, v in scores["dimensions"].items()}}


def plain(text: str) -> list[str]:
    """Output lines with runs of spaces squeezed and ends trimmed, blank lines dropped."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


_LOADED: dict[Path, LoadedBank] = {}


def loaded_v1() -> LoadedBank:
    if BANK_V1 not in _LOADED:
        _LOADED[BANK_V1] = load_bank(str(BANK_V1))
    return _LOADED[BANK_V1]


def bank_v1() -> Bank:
    return loaded_v1().bank


def results_in_process(answers: Mapping[str, str], respondent: str | None = None) -> Results:
    """A results file's content made the way `assess --answers` makes it, without the CLI:
    complete when every question has an answer."""
    loaded = loaded_v1()
    results = store.new_results(loaded, respondent)
    for qid, key in answers.items():
        choice = Choice(key) if key in RESERVED else Choice(ANSWERED, key)
        store.set_answer(results, loaded.bank, qid, choice)
    if len(answers) == len(QUESTIONS):
        return store.complete(results, loaded.bank)
    return store.refresh(results, loaded.bank)
