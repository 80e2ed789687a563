"""Answers files: an interview's answers written in YAML or JSON, for runs without a terminal.

    respondent: Optional name
    answers:
      mission-known: c                       # an option key
      mission-short: {option: long, note: "We have a 40-page strategy"}
      users-research: not_applicable         # or dont_know
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goodlooks.bank.messages import did_you_mean
from goodlooks.bank.model import RESERVED_KEYS, Bank
from goodlooks.errors import ResultsError
from goodlooks.file_kinds import kind_of_data, wrong_kind
from goodlooks.files import read_limited
from goodlooks.render.numbers import plural
from goodlooks.scoring import ANSWERED, Choice
from goodlooks.yaml_source import MAX_BYTES, Problem, YamlDocument, read_yaml


@dataclass(frozen=True)
class FiledAnswer:
    choice: Choice
    note: str | None = None


@dataclass(frozen=True)
class AnswersFile:
    respondent: str | None
    answers: dict[str, FiledAnswer]


def read_answers_file(path: Path, bank: Bank) -> AnswersFile:
    """Read and check an answers file against `bank`; raise `ResultsError` (exit 4) with every problem."""
    raw = read_limited(path, MAX_BYTES, lambda problem: ResultsError(f"{path}: {problem}"),
                       "an answers file (YAML or JSON)")
    doc, problems = read_yaml(raw, str(path), tabs_allowed=path.suffix.lower() == ".json")
    if doc is None:
        _fail(problems, path)
    kind = kind_of_data(doc.data)
    if kind in ("bank", "results"):
        raise ResultsError(f"{path}: {wrong_kind(kind, path, 'an answers file')}")
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "an answers file needs a mapping with 'answers' (question id: "
                                        "option key) and, if you like, 'respondent'"))
        _fail(problems, path)
    respondent, answers = _read(doc, bank, problems)
    _fail(problems, path)
    return AnswersFile(respondent, answers)


def _fail(problems: list[Problem], path: Path) -> None:
    if problems:
        raise ResultsError("\n".join(str(p) for p in sorted(problems))
                           + f"\n{plural(len(problems), 'problem')} in {path}; fix them and run again.")


def _read(doc: YamlDocument, bank: Bank, problems: list[Problem]) -> tuple[str | None, dict[str, FiledAnswer]]:
    data: dict = doc.data
    for key in data:
        if key not in ("respondent", "answers"):
            problems.append(doc.problem((key,), f"unknown key '{key}'{did_you_mean(key, ['answers', 'respondent'])}",
                                        prefer_key=True))
    respondent = data.get("respondent")
    if respondent is not None and not isinstance(respondent, str):
        problems.append(doc.problem(("respondent",), "'respondent' must be text (a name), or left out"))
    entries = data.get("answers")
    if entries is None:
        entries = {}
    if not isinstance(entries, dict):
        problems.append(doc.problem(("answers",), "'answers' must be a mapping of question id: option key"))
        entries = {}
    answers = {}
    for question_id, value in entries.items():
        filed = _answer(doc, bank, question_id, value, problems)
        if filed is not None:
            answers[question_id] = filed
    return (respondent.strip() or None) if isinstance(respondent, str) else None, answers


def _answer(doc: YamlDocument, bank: Bank, question_id: str, value: Any,
            problems: list[Problem]) -> FiledAnswer | None:
    path = ("answers", question_id)
    question = bank.question(question_id)
    if question is None:
        hint = did_you_mean(question_id, [q.id for q in bank.questions()])
        problems.append(doc.problem(path, f"unknown question '{question_id}' in bank '{bank.id}'"
                                          f"{hint if '?' in hint else ''}", prefer_key=True))
        return None
    note = None
    if isinstance(value, dict):
        for key in value:
            if key not in ("option", "note"):
                problems.append(doc.problem((*path, key), f"unknown key '{key}' in the answer to "
                                            f"'{question_id}'{did_you_mean(key, ['note', 'option'])}",
                                            prefer_key=True))
        note = value.get("note")
        if note is not None and not isinstance(note, str):
            problems.append(doc.problem((*path, "note"), "'note' must be text"))
            note = None
        path, value = (*path, "option"), value.get("option")
    if value is None:
        return None  # left out: unanswered
    keys = [option.key for option in question.choices]
    if not isinstance(value, str) or (value not in keys and value not in RESERVED_KEYS):
        hint = did_you_mean(str(value), keys) if isinstance(value, str) else ""
        problems.append(doc.problem(path, f"question '{question_id}' has no option '{value}'"
                                          f"{hint if '?' in hint else ''}; choose one of: "
                                          f"{', '.join([*keys, *RESERVED_KEYS])}"))
        return None
    choice = Choice(value, None) if value in RESERVED_KEYS else Choice(ANSWERED, value)
    return FiledAnswer(choice, note.strip() or None if note else None)
