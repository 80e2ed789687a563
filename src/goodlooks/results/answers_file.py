"""Answers files: an interview's answers written in YAML or JSON, for runs without a terminal.

    respondent: Optional name
    answers:
      mission-known: c                       # an option key
      mission-short: {option: long, note: "We have a 40-page strategy", evidence: seen}
      users-research: not_applicable         # or dont_know
    anonymous: true                          # optional: do not name me to the board
    bank: {id: what-good-looks-like, version: "1.0", sha256: ...}   # optional: the bank answered
    only: [board-question]                   # optional: the questions asked (as --only)
    form: {session: ..., save: 2, saved_at: ...}   # optional: which save of which form session
    answered_on: 2025-11-20                  # optional: when (a date, or a date and time)

A file saved from `goodlooks form` carries `bank` (with the fingerprints of its structure and
wording), `form` and, for a form made with `--only`, `only`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from goodlooks.bank.messages import did_you_mean
from goodlooks.bank.model import RESERVED_KEYS, Bank
from goodlooks.base.errors import ResultsError
from goodlooks.base.file_kinds import kind_of_data, wrong_kind
from goodlooks.base.files import read_limited
from goodlooks.base.numbers import plural
from goodlooks.base.yaml_source import MAX_BYTES, Problem, YamlDocument, read_yaml
from goodlooks.results.answered import AnsweredOnError, parse_answered_on
from goodlooks.results.evidence import EvidenceError, parse_evidence
from goodlooks.results.model import NAME_TEXT, NOTE_TEXT, FormRecord
from goodlooks.scoring.scores import ANSWERED, Choice

MAX_REWORDED_NAMED = 8


@dataclass(frozen=True)
class FiledAnswer:
    choice: Choice
    note: str | None = None
    evidence: str | None = None
    """How the answer is known: seen, told or believed (None: not said)."""


@dataclass(frozen=True)
class BankRecord:
    """The bank an answers file says its answers were given on (`goodlooks form` writes it)."""

    id: str
    version: str
    sha256: str
    structure: str | None = None
    """The sha256 of the bank's structure (`goodlooks.bank.fingerprint`), from newer forms."""
    wording: dict[str, str] | None = None
    """Each part's wording digest, from newer forms."""


@dataclass(frozen=True)
class SetAside:
    """An answer a changed bank cannot take (accepted with --accept-bank-change): kept, not scored."""

    question_id: str
    option: str
    note: str | None
    reason: str


@dataclass(frozen=True)
class AnswersFile:
    respondent: str | None
    answers: dict[str, FiledAnswer]
    bank: BankRecord | None = None
    only: tuple[str, ...] = ()
    """The questions the form asked (`--only` tokens); empty: the whole bank."""
    anonymous: bool = False
    form: FormRecord | None = None
    notices: tuple[str, ...] = ()
    """What to tell the facilitator (e.g. that the bank was reworded since the form was made)."""
    set_aside: tuple[SetAside, ...] = field(default=())
    given: int = 0
    """How many answers the file holds (including any set aside)."""
    answered_on: datetime | None = None
    """When the answers were given, as the file says (`goodlooks.results.answered`)."""


KEYS = ["answered_on", "anonymous", "answers", "bank", "form", "only", "respondent"]
ANSWER_KEYS = ["evidence", "note", "option"]


def read_answers_file(path: Path, bank: Bank, bank_sha256: str | None = None, *,
                      accept_bank_change: bool = False) -> AnswersFile:
    """Read and check an answers file against `bank`; raise `ResultsError` (exit 4) with every problem.
    With `bank_sha256` (the loaded bank file's hash), an answers file that records the bank it was
    made from is refused, with the reason, when that is another bank, or a copy of it whose
    structure changed (unless `accept_bank_change`: then answers the bank cannot take are set
    aside); a copy reworded only is accepted with a notice naming what was reworded."""
    raw = read_limited(path, MAX_BYTES, lambda problem: ResultsError(f"{path}: {problem}"),
                       "an answers file (YAML or JSON)")
    doc, problems = read_yaml(raw, str(path), tabs_allowed=path.suffix.lower() == ".json", kind="an answers file")
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
    notices: list[str] = []
    set_aside: list[SetAside] | None = None
    if record is not None and bank_sha256 is not None:
        notice, structure_changed = check_made_from(record, bank, bank_sha256, path, accept_bank_change)
        if notice:
            notices.append(notice)
        if structure_changed:  # accepted: answers the bank cannot take are set aside, not refused
            set_aside = []
    only = _only(doc, problems)
    anonymous = _anonymous(doc, problems)
    form = _form(doc, problems)
    answered_on = _answered_on(doc, problems)
    respondent, answers, given = _read(doc, bank, problems, set_aside)
    _fail(problems, path)
    return AnswersFile(respondent, answers, record, only, anonymous, form, tuple(notices),
                       tuple(set_aside or ()), given, answered_on)


def check_made_from(record: BankRecord, bank: Bank, sha256: str, path: Path,
                    accept: bool = False) -> tuple[str | None, bool]:
    """Refuse answers given on another bank, or on a copy of this one whose structure has changed
    (unless `accept`). Returns a notice to show when the copy differs (None when it is the same),
    and whether its structure changed (so answers it cannot take are to be set aside)."""
    from goodlooks.bank.fingerprint import reworded, structure_sha256

    if record.id != bank.id:
        raise ResultsError(f"{path}: these answers were given on bank '{record.id}', not '{bank.id}'; "
                           f"score them with that bank: goodlooks assess --bank BANK --answers {path}")
    if record.sha256 == sha256:
        return None, False
    versions = (f"version {record.version}, now {bank.version}" if record.version != bank.version
                else f"still called version {bank.version}")
    if record.structure is not None and record.structure == structure_sha256(bank):
        names = reworded(record.wording or {}, bank)
        if len(names) > MAX_REWORDED_NAMED:
            names = [*names[:MAX_REWORDED_NAMED], f"and {len(names) - MAX_REWORDED_NAMED} more"]
        what = f": {', '.join(names)}" if names else " (layout or comments only)"
        return (f"{path}: the bank was reworded since the form was made ({versions}); the questions, "
                "options and scores are the same, so the answers are scored on the bank as it is now. "
                f"Reworded{what}."), False
    if accept:
        return (f"{path}: the bank '{bank.id}' has changed since the form was made ({versions}); scored on "
                "the bank as it is now (--accept-bank-change): answers to questions or options it no longer "
                "has are set aside in the results file, not scored."), True
    checked = ("its questions, options or scores have changed since" if record.structure is not None
               else "the questions, options or scores may have changed since")
    raise ResultsError(f"{path}: these answers were given on a different copy of bank '{bank.id}' "
                       f"({versions}; the file's sha256 was {record.sha256[:12]}..., now {sha256[:12]}...): "
                       f"{checked}. Score them with the bank file the form was made from, or go on with the "
                       f"bank as it is now: goodlooks assess --answers {path} --accept-bank-change (answers "
                       "it cannot take are set aside, not scored); or send out a new form: "
                       "goodlooks form --output FORM.html")


def _bank_record(doc: YamlDocument, problems: list[Problem]) -> BankRecord | None:
    value = doc.data.get("bank")
    if value is None:
        return None
    fields = ("id", "version", "sha256")
    wording = value.get("wording") if isinstance(value, dict) else None
    if not isinstance(value, dict) or not set(fields) <= set(value) <= {*fields, "structure", "wording"} or \
            not all(isinstance(value.get(key, ""), str) for key in (*fields, "structure")) or \
            (wording is not None and not (isinstance(wording, dict)
                                         and all(isinstance(v, str) for v in wording.values()))):
        problems.append(doc.problem(("bank",), "'bank' must be the bank the answers were given on: "
                                               "{id: ..., version: ..., sha256: ...} (as goodlooks form writes "
                                               "it), or left out"))
        return None
    return BankRecord(value["id"], value["version"], value["sha256"], value.get("structure"),
                      {str(k): v for k, v in wording.items()} if wording else None)


def _anonymous(doc: YamlDocument, problems: list[Problem]) -> bool:
    value = doc.data.get("anonymous", False)
    if isinstance(value, str):  # YAML text is kept as written
        value = {"true": True, "false": False}.get(value.lower(), value)
    if not isinstance(value, bool):
        problems.append(doc.problem(("anonymous",), "'anonymous' must be true (do not name me to the board) "
                                                    "or false, or left out"))
        return False
    return value


def _form(doc: YamlDocument, problems: list[Problem]) -> FormRecord | None:
    value = doc.data.get("form")
    if value is None:
        return None
    if isinstance(value, dict) and isinstance(value.get("saved_at"), str):
        try:
            value = {**value, "saved_at": datetime.fromisoformat(value["saved_at"])}
        except ValueError:
            pass  # said below
    try:
        return FormRecord.model_validate(value)
    except ValidationError:
        problems.append(doc.problem(("form",), "'form' must be where the answers form saved these answers: "
                                               "{session: ..., save: 1, saved_at: ...} (as goodlooks form "
                                               "writes it), or left out"))
        return None


def _answered_on(doc: YamlDocument, problems: list[Problem]) -> datetime | None:
    value = doc.data.get("answered_on")
    if value is None:
        return None
    try:
        return parse_answered_on(value)
    except AnsweredOnError as error:
        problems.append(doc.problem(("answered_on",), str(error)))
        return None


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


def _read(doc: YamlDocument, bank: Bank, problems: list[Problem],
          set_aside: list[SetAside] | None = None) -> tuple[str | None, dict[str, FiledAnswer], int]:
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
    given = 0
    for question_id, value in entries.items():
        given += _given(value)
        filed = _answer(doc, bank, question_id, value, problems, set_aside)
        if filed is not None:
            answers[question_id] = filed
    return (respondent.strip() or None) if isinstance(respondent, str) else None, answers, given


def _given(value: Any) -> int:
    """1 for an entry that holds an answer (an option, not applicable or don't know), else 0."""
    return int((value.get("option") if isinstance(value, dict) else value) is not None)


def _answer(doc: YamlDocument, bank: Bank, question_id: str, value: Any,
            problems: list[Problem], set_aside: list[SetAside] | None = None) -> FiledAnswer | None:
    path = ("answers", question_id)
    question = bank.question(question_id)
    if set_aside is not None and _set_aside(bank, question_id, value, set_aside):
        return None
    if question is None:
        hint = did_you_mean(question_id, [q.id for q in bank.questions()])
        problems.append(doc.problem(path, f"unknown question '{question_id}' in bank '{bank.id}'"
                                          f"{hint if '?' in hint else ''}", prefer_key=True))
        return None
    note = evidence = None
    if isinstance(value, dict):
        for key in value:
            if key not in ANSWER_KEYS:
                problems.append(doc.problem((*path, key), f"unknown key '{key}' in the answer to "
                                            f"'{question_id}'{did_you_mean(key, ANSWER_KEYS)}",
                                            prefer_key=True))
        note = value.get("note")
        if note is not None and not isinstance(note, str):
            problems.append(doc.problem((*path, "note"), "'note' must be text"))
            note = None
        elif note is not None and len(note.strip()) > NOTE_TEXT:
            problems.append(doc.problem((*path, "note"), f"the note is {len(note.strip()):,} characters; a note "
                                                         f"is at most {NOTE_TEXT:,} (as in the form)"))
            note = None
        evidence = _evidence(doc, question_id, value, problems)
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
    if evidence is not None and value in RESERVED_KEYS:
        problems.append(doc.problem((*path[:-1], "evidence"), f"the answer to '{question_id}' is {value}, "
                                    "which has no evidence status; give an option, or leave out 'evidence'"))
        return None
    choice = Choice(value, None) if value in RESERVED_KEYS else Choice(ANSWERED, value)
    return FiledAnswer(choice, note.strip() or None if note else None, evidence)


def _evidence(doc: YamlDocument, question_id: str, value: dict, problems: list[Problem]) -> str | None:
    try:
        return parse_evidence(value.get("evidence"))
    except EvidenceError as error:
        problems.append(doc.problem(("answers", question_id, "evidence"),
                                    f"the answer to '{question_id}': {error}"))
        return None


def _set_aside(bank: Bank, question_id: str, value: Any, set_aside: list[SetAside]) -> bool:
    """Set aside an answer that a changed bank (accepted) has no question or option for."""
    note = value.get("note") if isinstance(value, dict) else None
    option = value.get("option") if isinstance(value, dict) else value
    if not isinstance(option, str) or not isinstance(question_id, str):
        return False
    question = bank.question(question_id)
    if question is None:
        reason = f"question '{question_id}' is not in bank '{bank.id}' version {bank.version}"
    elif option not in RESERVED_KEYS and question.option(option) is None:
        reason = f"option '{option}' is not in bank '{bank.id}' version {bank.version}"
    else:
        return False
    set_aside.append(SetAside(question_id, option, note.strip() or None if isinstance(note, str) else None, reason))
    return True
