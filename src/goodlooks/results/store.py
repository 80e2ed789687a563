"""Creating, updating, saving and reading results files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from goodlooks.bank.loader import LoadedBank, bank_from_document
from goodlooks.bank.model import RESERVED_LABELS, Bank
from goodlooks.errors import BankError, ResultsError, UsageError
from goodlooks.files import write_atomic
from goodlooks.recommendations import recommend
from goodlooks.results.model import (
    AnswerRecord, BankRecord, Results, bank_definition, now, recommendation_records, scores_record)
from goodlooks.scoring import ANSWERED, Choice, score
from goodlooks.yaml_source import YamlDocument

RESULTS_FOLDER = "goodlooks-results"
UNCHANGED = object()


def new_results(loaded: LoadedBank, respondent: str | None = None) -> Results:
    bank = loaded.bank
    record = BankRecord(id=bank.id, version=bank.version, title=bank.title, sha256=loaded.sha256,
                        path=None if loaded.builtin else str(loaded.path), builtin=loaded.builtin,
                        definition=bank_definition(bank))
    return refresh(Results(bank=record, respondent=respondent or None), bank)


def refresh(results: Results, bank: Bank) -> Results:
    """Re-score the answers and bring the scores, recommendations and update time up to date."""
    choices = results.choices()
    sheet = score(bank, choices)
    results.scores = scores_record(sheet)
    results.recommendations = recommendation_records(recommend(bank, choices, sheet, results.targets))
    results.updated_at = now()
    return results


def record_answer(results: Results, bank: Bank, question_id: str, choice: Choice,
                  note: str | None | object = UNCHANGED) -> Results:
    """Set the answer to one question (keeping its note unless one is given) and re-score."""
    return refresh(set_answer(results, bank, question_id, choice, note), bank)


def set_answer(results: Results, bank: Bank, question_id: str, choice: Choice,
               note: str | None | object = UNCHANGED) -> Results:
    """Set the answer to one question without re-scoring (for setting many at once)."""
    question = bank.question(question_id)
    dimension = bank.dimension_of(question_id)
    assert question is not None and dimension is not None, question_id
    option = question.option(choice.option) if choice.status == ANSWERED and choice.option else None
    previous = results.answers.get(question_id)
    results.answers[question_id] = AnswerRecord(
        option=option.key if option else None, status=choice.status, score=option.score if option else None,
        note=(previous.note if previous else None) if note is UNCHANGED else _clean(note),
        question=question.text, label=option.label if option else RESERVED_LABELS[choice.status],
        dimension=dimension.id)
    return results


def _clean(note: object) -> str | None:
    return note.strip() or None if isinstance(note, str) else None


def record_note(results: Results, question_id: str, note: str | None) -> Results:
    answer = results.answers[question_id]
    answer.note = _clean(note)
    results.updated_at = now()
    return results


def complete(results: Results, bank: Bank) -> Results:
    results.status = "complete"
    results.completed_at = now()
    return refresh(results, bank)


def save(results: Results, path: Path) -> None:
    write_atomic(path, results.model_dump_json(indent=2) + "\n")


def default_path(bank_id: str, when: datetime | None = None, folder: Path | None = None) -> Path:
    """A new file under ./goodlooks-results/, named from the bank id and the time."""
    folder = folder or Path(RESULTS_FOLDER)
    stem = f"{bank_id}-{(when or now()).strftime('%Y%m%d-%H%M%S')}"
    path, counter = folder / f"{stem}.json", 2
    while path.exists():
        path, counter = folder / f"{stem}-{counter}.json", counter + 1
    return path


def ensure_new(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another --output, add --force to overwrite "
                         f"it, or carry on with it: goodlooks assess --resume {path}")


def load_results(path: Path) -> Results:
    """Read and validate a results file; raise `ResultsError` (exit 4) saying what is wrong."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist; give the path of a goodlooks results file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ResultsError(f"{path}: cannot read it as a text file ({error})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ResultsError(f"{path}:{error.lineno}:{error.colno}: this is not valid JSON: {error.msg}; "
                           "is it a goodlooks results file?") from None
    if not isinstance(data, dict) or "answers" not in data or "bank" not in data:
        raise ResultsError(f"{path}: this is not a goodlooks results file (it has no 'bank' and 'answers')")
    if isinstance(data.get("schema_version"), int) and data["schema_version"] > 1:
        raise ResultsError(f"{path}: made by a newer goodlooks (schema_version {data['schema_version']}); "
                           "upgrade goodlooks to read it")
    try:
        return Results.model_validate(data)
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                            for e in error.errors(include_url=False)[:5])
        raise ResultsError(f"{path}: this results file is damaged: {details}") from None


def carried_bank(results: Results, path: Path) -> Bank:
    """The copy of the bank a results file carries, validated like any bank."""
    try:
        return bank_from_document(YamlDocument(str(path), results.bank.definition, {}, {}))
    except BankError as error:
        first = error.problems[0].message if error.problems else "unknown problem"
        raise ResultsError(f"{path}: the copy of the bank inside it is not valid: {first}") from None


def check_answers_fit(results: Results, bank: Bank, path: Path) -> None:
    """Every answer names a question and option that `bank` has."""
    problems = []
    for question_id, answer in results.answers.items():
        question = bank.question(question_id)
        if question is None:
            problems.append(f"question '{question_id}' is not in bank '{bank.id}'")
        elif answer.option is not None and question.option(answer.option) is None:
            problems.append(f"question '{question_id}' has no option '{answer.option}' in bank '{bank.id}'")
    if problems:
        raise ResultsError(f"{path}: its answers do not fit the bank: " + "; ".join(problems))
