"""Answers files: an interview's answers written in YAML or JSON, for runs without a terminal.

    respondent: Optional name
    answers:
      mission-known: c                       # an option key
      mission-short: {option: long, note: "We have a 40-page strategy"}
      users-research: not_applicable         # or dont_know
    bank: {id: what-good-looks-like, version: "1.0", sha256: ...}   # optional: the bank answered
    only: [board-question]                   # optional: the questions asked (as --only)

A file saved from `goodlooks form` carries `bank` and, for a form made with `--only`, `only`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goodlooks.bank.messages import did_you_mean
from goodlooks.bank.model import RESERVED_KEYS, Bank
from goodlooks.base.errors import ResultsError
from goodlooks.base.file_kinds import kind_of_data, wrong_kind
from goodlooks.base.files import read_limited
from goodlooks.base.numbers import plural
from goodlooks.base.yaml_source import MAX_BYTES, Problem, YamlDocument, read_yaml
from goodlooks.results.model import NAME_TEXT, NOTE_TEXT
from goodlooks.scoring.scores import ANSWERED, Choice


@dataclass(frozen=True)
class FiledAnswer:
    choice: Choice
    note: str | None = None


@dataclass(frozen=True)
class BankRecord:
    """The bank an answers file says its answers were given on (`goodlooks form` writes it)."""

    id: str
    version: str
    sha256: str


@dataclass(frozen=True)
class AnswersFile:
    respondent: str | None
    answers: dict[str, FiledAnswer]
    bank: BankRecord | None = None
    only: tuple[str, ...] = ()
    """The questions the form asked (`--only` tokens); empty: the whole bank."""


KEYS = ["answers", "bank", "only", "respondent"]


def read_answers_file(path: Path, bank: Bank, bank_sha256: str | None = None) -> AnswersFile:
    """Read and check an answers file against `bank`; raise `ResultsError` (exit 4) with every problem.
    With `bank_sha256` (the loaded bank file's hash), an answers file that records the bank it was
    made from is refused, with the reason, when that is another bank or a changed one."""
    raw = read_limited(path, MAX_BYTES, lambda problem: ResultsError(f"{path}: {problem}"),
                       "an answers file (YAML or JSON)")
    doc, problems = read_yaml(raw, str(path), tabs_allowed=path.suffix.lower() == ".json")
    if doc is None:
        _fail(problems, path)
    assert doc is not None  # _fail raised: with no document, read_yaml gives its problems
    kind = kind_of_data(doc.data)
    if kind in ("bank", "results"):
        raise ResultsError(f"{path}: {wrong_kind(kind, path, 'an answers file')}")
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "an answers file needs a mapping with 'answers' (question id: "
                                        "option key) and, if you like, 'respondent'"))
        _fail(problems, path)
    record = _bank_record(doc, problems)
    if record is not None and bank_sha256 is not None:
        check_made_from(record, bank, bank_sha256, path)
    only = _only(doc, problems)
    respondent, answers = _read(doc, bank, problems)
    _fail(problems, path)
    return AnswersFile(respondent, answers, record, only)


def check_made_from(record: BankRecord, bank: Bank, sha256: str, path: Path) -> None:
    """Refuse answers given on another bank, or on a version of this one whose file has changed."""
    if record.id != bank.id:
        raise ResultsError(f"{path}: these answers were given on bank '{record.id}', not '{bank.id}'; "
                           f"score them with that bank: goodlooks assess --bank BANK --answers {path}")
    if record.sha256 != sha256:
        versions = (f"version {record.version}, now {bank.version}" if record.version != bank.version
                    else f"still called version {bank.version}")
        raise ResultsError(f"{path}: these answers were given on a different copy of bank '{bank.id}' "
                           f"({versions}; the file's sha256 was {record.sha256[:12]}..., now {sha256[:12]}...): "
                           "the questions or options may have changed since. Score them with the bank "
                           "file the form was made from, or send out a new form: goodlooks form --output FORM.html")


def _bank_record(doc: YamlDocument, problems: list[Problem]) -> BankRecord | None:
    value = doc.data.get("bank")
    if value is None:
        return None
    fields = ("id", "version", "sha256")
    if not isinstance(value, dict) or set(value) != set(fields) or \
            not all(isinstance(value[key], str) for key in fields):
        problems.append(doc.problem(("bank",), "'bank' must be the bank the answers were given on: "
                                               "{id: ..., version: ..., sha256: ...} (as goodlooks form writes "
                                               "it), or left out"))
        return None
    return BankRecord(value["id"], value["version"], value["sha256"])


def _only(doc: YamlDocument, problems: list[Problem]) -> tuple[str, ...]:
    value = doc.data.get("only")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(token, str) for token in value):
        problems.append(doc.problem(("only",), "'only' must be a list of the dimension, group or question "
                                               "ids or tags asked (as with --only), or left out"))
        return ()
    return tuple(value)


def _fail(problems: list[Problem], path: Path) -> None:
    if problems:
        raise ResultsError("\n".join(str(p) for p in sorted(problems))
                           + f"\n{plural(len(problems), 'problem')} in {path}; fix them and run again.")


def _read(doc: YamlDocument, bank: Bank, problems: list[Problem]) -> tuple[str | None, dict[str, FiledAnswer]]:
    data: dict = doc.data
    for key in data:
        if key not in KEYS:
            problems.append(doc.problem((key,), f"unknown key '{key}'{did_you_mean(key, KEYS)}",
                                        prefer_key=True))
    respondent = data.get("respondent")
    if respondent is not None and not isinstance(respondent, str):
        problems.append(doc.problem(("respondent",), "'respondent' must be text (a name), or left out"))
    elif isinstance(respondent, str) and len(respondent.strip()) > NAME_TEXT:
        problems.append(doc.problem(("respondent",), f"'respondent' is {len(respondent.strip()):,} characters; "
                                                     f"a name or role is at most {NAME_TEXT}"))
        respondent = None
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
        elif note is not None and len(note.strip()) > NOTE_TEXT:
            problems.append(doc.problem((*path, "note"), f"the note is {len(note.strip()):,} characters; a note "
                                                         f"is at most {NOTE_TEXT:,} (as in the form)"))
            note = None
        path, value = (*path, "option"), value.get("option")  # type: ignore[assignment]  # one level deeper
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
