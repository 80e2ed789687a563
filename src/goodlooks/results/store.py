"""Creating, updating, saving and reading results files."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_json

from goodlooks.bank.documents import bank_from_document
from goodlooks.bank.loader import LoadedBank
from goodlooks.bank.model import RESERVED_LABELS, Bank
from goodlooks.base.errors import BankError, ResultsError, UsageError
from goodlooks.base.file_kinds import kind_of_data, kind_of_text, wrong_kind
from goodlooks.base.files import STANDARD_INPUT, remove_leftovers, write_atomic
from goodlooks.base.safe_text import storable
from goodlooks.base.yaml_source import YamlDocument
from goodlooks.results import known_copies, lock, size
from goodlooks.results.evidence import parse_evidence
from goodlooks.results.fit import check_answers_fit  # noqa: F401 - part of this module's interface
from goodlooks.results.model import (
    AnswerRecord,
    BankRecord,
    BaseBankRecord,
    Results,
    ScoresRecord,
    bank_definition,
    now,
    recommendation_records,
    scores_record,
)
from goodlooks.results.reading import parse_results_json, read_results_bytes
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import ANSWERED, Choice, ScoreSheet, rescore, score

RESULTS_FOLDER = "goodlooks-results"
UNCHANGED = object()
CARRIED_BANKS_KEPT = 32
"""How many validated bank copies `carried_bank` remembers (most recently used)."""


def new_results(loaded: LoadedBank, respondent: str | None = None) -> Results:
    bank = loaded.bank
    return refresh(Results(bank=bank_record(loaded), respondent=respondent or None), bank)


def bank_record(loaded: LoadedBank) -> BankRecord:
    """What a results file records of its bank: the bank itself, and for an overlay, its bases."""
    bank = loaded.bank
    no_file = loaded.builtin or str(loaded.path) == STANDARD_INPUT  # read from standard input: no path to keep
    return BankRecord(  # paths as UTF-8 can hold them (a name that is not UTF-8 is only a hint then)
        id=bank.id, version=bank.version, title=bank.title, sha256=loaded.sha256,
        path=None if no_file else storable(str(loaded.path)), builtin=loaded.builtin,
        definition=bank_definition(bank),
        absolute_path=None if no_file else storable(str(loaded.path.resolve())),
        extends=[BaseBankRecord(id=base.id, version=base.version, sha256=base.sha256,
                                path=None if base.builtin else storable(str(base.path)), builtin=base.builtin)
                 for base in loaded.bases])


def refresh(results: Results, bank: Bank, changed: str | None = None) -> Results:
    """Re-score the answers and bring the scores, recommendations and update time up to date.

    `changed`: the one question whose answer changed since the last refresh of these results
    against this bank, if that is so; then only its dimension is scored again.
    """
    global _last_scored
    choices = results.choices()
    last = _last_scored
    sheet = _score_sheet(results, bank, choices, changed)
    kept = last is not None and last[0] is results and last[1] is bank and last[4] is results.scores
    results.scores = _scores_record(sheet, bank, (last[3], last[4]) if kept and last is not None else None)
    assert _last_scored is not None  # _score_sheet has just set it
    _last_scored = (*_last_scored[:4], results.scores)
    results.recommendations = recommendation_records(recommend(bank, choices, sheet, results.targets))
    results.updated_at = now()
    return results


_last_scored: tuple[Results, Bank, dict[str, tuple[str, str | None]], ScoreSheet, Any] | None = None


def _scores_record(sheet: ScoreSheet, bank: Bank, kept: tuple[ScoreSheet, Any] | None) -> ScoresRecord:
    """The scores as recorded; records of dimensions whose scores are the very ones recorded
    last time (`kept`: that sheet and its record) are reused rather than made again."""
    if kept is None or kept[1] is None:
        return scores_record(sheet, bank)
    before, recorded = kept
    fresh = {key: value for key, value in sheet.dimensions.items() if before.dimensions.get(key) is not value}
    record = scores_record(dataclasses.replace(sheet, dimensions=fresh), bank)
    record.dimensions = {key: record.dimensions[key] if key in fresh else recorded.dimensions[key]
                         for key in sheet.dimensions}
    return record


def _score_sheet(results: Results, bank: Bank, choices: dict[str, Choice], changed: str | None) -> ScoreSheet:
    """The scores of `choices`; re-scoring one dimension only when the last scores were of the
    same results and bank, and the choices are the same but for `changed` (checked, not assumed)."""
    global _last_scored
    chosen = {question_id: (choice.status, choice.option) for question_id, choice in choices.items()}
    last = _last_scored
    if (changed is not None and last is not None and last[0] is results and last[1] is bank
            and _same_but(last[2], chosen, changed)):
        sheet = rescore(bank, choices, last[3], changed)
    else:
        sheet = score(bank, choices)
    _last_scored = (results, bank, chosen, sheet, None)
    return sheet


def _same_but(before: dict, after: dict, question_id: str) -> bool:
    trial = dict(before)
    if question_id in after:
        trial[question_id] = after[question_id]
    else:
        trial.pop(question_id, None)
    return trial == after


def record_answer(results: Results, bank: Bank, question_id: str, choice: Choice,
                  note: str | object | None = UNCHANGED) -> Results:
    """Set the answer to one question (keeping its note unless one is given) and re-score."""
    return refresh(set_answer(results, bank, question_id, choice, note), bank, question_id)


def set_answer(results: Results, bank: Bank, question_id: str, choice: Choice,
               note: str | object | None = UNCHANGED, evidence: str | object | None = UNCHANGED) -> Results:
    """Set the answer to one question without re-scoring (for setting many at once). Its note and
    evidence status are kept unless given; not applicable and don't know have no evidence status."""
    question = bank.question(question_id)
    dimension = bank.dimension_of(question_id)
    assert question is not None and dimension is not None, question_id
    option = question.option(choice.option) if choice.status == ANSWERED and choice.option else None
    previous = results.answers.get(question_id)
    if evidence is UNCHANGED:
        evidence = previous.evidence if previous else None
    results.answers[question_id] = AnswerRecord(
        option=option.key if option else None, status=choice.status, score=option.score if option else None,
        note=(previous.note if previous else None) if note is UNCHANGED else _clean(note),
        evidence=parse_evidence(evidence) if choice.status == ANSWERED else None,
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


def record_evidence(results: Results, question_id: str, evidence: str | None) -> Results:
    """Set how one answer is known (seen, told, believed; None: not said)."""
    answer = results.answers[question_id]
    answer.evidence = parse_evidence(evidence) if answer.status == ANSWERED else None
    results.updated_at = now()
    return results


def complete(results: Results, bank: Bank) -> Results:
    """Mark `results` finished. A file finished before and opened again keeps the date it was
    first finished (the date a trend and the paper show it by); `updated_at` says when it changed."""
    results.status = "complete"
    if results.completed_at is None:
        results.completed_at = now()
    return refresh(results, bank)


def save(results: Results, path: Path) -> None:
    """Write `results` to `path` atomically; refused (`size.TooLarge`) if it could not be read back."""
    chunks = results_chunks(results)
    size.check_size(chunks, path)
    write_atomic(path, chunks)


def check_room(results: Results, bank: Bank, source: str) -> None:
    """Refuse to start answering `bank` into `results` if every answer would not fit (`size.check_room`)."""
    size.check_room(size.size_of(results_chunks(results)), results, bank, source)


# The bank copy is most of a results file, and the same at every save of an interview; it is
# serialised once and spliced into the rest. The placeholder's newlines cannot occur inside a
# JSON string, so the marker matches nothing but the placeholder itself.
_PLACEHOLDER_KEY = "goodlooks:bank-definition-placeholder"
_MARKER = '{\n      "' + _PLACEHOLDER_KEY + '": 0\n    }'
_definition_bytes: tuple[Any, bytes] | None = None


def results_chunks(results: Results) -> list[bytes]:
    """The results file's UTF-8 bytes, in three chunks: `results.model_dump_json(indent=2)` and a
    newline, except that the bank copy (`bank.definition`) is written compactly, on one line.

    The copy is most of the file and the same at every save of an interview, so it is
    serialised once per definition object and spliced in: a save costs the answers, not the
    bank again, and nothing is re-validated. Written compactly it is a third smaller than
    indented, and so is every save. A definition is never edited in place; a new bank means a
    new definition.
    """
    global _definition_bytes
    definition = results.bank.definition
    if _definition_bytes is None or _definition_bytes[0] is not definition:
        _definition_bytes = (definition, to_json(definition))
    shell = results.model_copy(update={"bank": results.bank.model_copy(
        update={"definition": {_PLACEHOLDER_KEY: 0}})})
    before, marker, after = shell.model_dump_json(indent=2).partition(_MARKER)
    assert marker, "the bank copy's placeholder is missing"
    return [before.encode(), _definition_bytes[1], (after + "\n").encode()]


def results_json(results: Results) -> str:
    """The results file's text, as `save` writes it."""
    return b"".join(results_chunks(results)).decode()


def default_path(bank_id: str, when: datetime | None = None, folder: Path | None = None) -> Path:
    """A file under ./goodlooks-results/, named from the bank id and the time, not yet there
    (`claim_path` makes sure no other run takes it at the same moment)."""
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


def claim_path(bank_id: str, output: Path | None, force: bool) -> Path:
    """The new results file of this run, created and locked so that no other run writes it:
    `output` (existing only with `force`), or a default name that no other run has taken."""
    if output is not None:
        lock.hold(output)
        lock.claim_new(output, force)
        remove_leftovers(output)
        return output
    when = now()
    while True:  # a name another run took a moment ago exists now, so the next try skips it
        path = default_path(bank_id, when)
        if lock.create_exclusive(path):
            lock.hold(path)
            return path


def open_for_writing(path: Path) -> None:
    """Take the lock on an existing results file (refused if another run holds it) and remove
    temporary files a killed run left beside it."""
    lock.hold(path)
    remove_leftovers(path)


def load_results(path: Path) -> Results:
    """Read and validate a results file; raise `ResultsError` (exit 4) saying what is wrong."""
    raw = read_results_bytes(path)
    try:
        data = parse_results_json(raw, path)
    except ResultsError:
        kind = kind_of_text(raw)
        if kind is None:
            raise
        raise ResultsError(f"{path}: {wrong_kind(kind, path, 'a results file')}") from None
    kind = kind_of_data(data)
    if kind not in (None, "results"):
        raise ResultsError(f"{path}: {wrong_kind(kind, path, 'a results file')}")
    if not isinstance(data, dict) or "answers" not in data or "bank" not in data:
        raise ResultsError(f"{path}: this is not a goodlooks results file (it has no 'bank' and 'answers')")
    if isinstance(data.get("schema_version"), int) and data["schema_version"] > 1:
        raise ResultsError(f"{path}: made by a newer goodlooks (schema_version {data['schema_version']}); "
                           "upgrade goodlooks to read it")
    try:
        results = Results.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        where = [".".join(str(p) for p in e["loc"]) for e in errors]
        if all(e["type"] == "extra_forbidden" for e in errors):  # fields added by a later version
            raise ResultsError(f"{path}: this results file has fields this goodlooks does not know "
                               f"({', '.join(where[:5])}{', ...' if len(where) > 5 else ''}); it was "
                               "made by a newer goodlooks (upgrade goodlooks to read it), or edited by hand") from None
        from goodlooks.results.damage import damage_details

        raise ResultsError(f"{path}: this results file is damaged (edited by hand, or by another program): "
                           f"{damage_details([dict(e) for e in errors], data)}. Get it again from whoever sent it, or "
                           "from your backup") from None
    definition = data["bank"]["definition"]
    if known_copies.is_known(definition):  # validation copied it; share the one read before
        results.bank.definition = definition
    return results


_carried: OrderedDict[bytes, Bank] = OrderedDict()
_carried_objects: OrderedDict[int, tuple[dict[str, Any], Bank]] = OrderedDict()


def carried_bank(results: Results, path: Path) -> Bank:
    """The copy of the bank a results file carries, validated like any bank.

    A copy seen before (the same object, or the same content compared in full, not just by a
    hash) is not validated again: the same `Bank` is returned, so treat it as read-only.
    Reading thousands of results files of one bank validates it once.
    """
    definition = results.bank.definition
    same = _carried_objects.get(id(definition))
    if same is not None and same[0] is definition:  # files read with a known copy share it
        return same[1]
    try:  # strict: true and 1, 1 and 1.0, NaN and null all differ (and 4x quicker than json.dumps)
        content = to_json(definition, inf_nan_mode="constants")
    except ValueError:  # not plain JSON data: leave it to validation to say why
        content = None
    if content is not None and content in _carried:
        _carried.move_to_end(content)
        bank = _carried[content]
    else:
        try:
            bank = bank_from_document(YamlDocument(str(path), definition, {}, {}))
        except BankError as error:
            first = error.problems[0].message if error.problems else "unknown problem"
            raise ResultsError(f"{path}: the copy of the bank inside it is not valid: {first}") from None
        if content is not None:
            _remember(_carried, content, bank)
    _remember(_carried_objects, id(definition), (definition, bank))
    return bank


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    cache[key] = value
    cache.move_to_end(key)
    if len(cache) > CARRIED_BANKS_KEPT:
        cache.popitem(last=False)
