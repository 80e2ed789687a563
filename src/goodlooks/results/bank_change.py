"""When the bank under saved answers has changed: say what changed, and go on only when accepted.

Resuming an interview or re-profiling a results file against a bank whose content differs from
the copy the file carries lists the changes (matched by id, from `compare_banks`). It goes on only
once accepted (a yes at a terminal, or `--accept-bank-change`). Then answers the bank no longer
fits (their question or option is gone) are set aside in the file, kept as given and not scored,
and the other answers take the new bank's wording and scores.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from goodlooks.bank.changes import BankComparison, compare_banks
from goodlooks.bank.loader import LoadedBank
from goodlooks.bank.model import Bank
from goodlooks.base.errors import ResultsError
from goodlooks.results.model import Results, SetAsideAnswer

MAX_CHANGES_SHOWN = 12


class BankChanged(ResultsError):
    """The bank has changed since the answers were given, and the change is not yet accepted."""

    def __init__(self, path: Path, results: Results, loaded: LoadedBank, comparison: BankComparison,
                 accept_command: str) -> None:
        self.comparison = comparison
        self.listing = changes_listing(path, results, loaded, comparison)
        start_again = f"goodlooks assess --bank {shlex.quote(str(loaded.path))}" if not loaded.builtin \
            else f"goodlooks assess --bank {loaded.bank.id}"
        self.advice = (f"To go on with the bank as it is now: {accept_command} --accept-bank-change\n"
                       "(answers to removed questions or options are kept in the file, set aside and not "
                       "scored).\nOr put back the bank as it was, or start a new interview on this bank: "
                       f"{start_again}")
        super().__init__(f"{self.listing}\n{self.advice}")


def changes_listing(path: Path, results: Results, loaded: LoadedBank, comparison: BankComparison) -> str:
    changes = comparison.changes
    shown = [f"  - {change.describe()}" for change in changes[:MAX_CHANGES_SHOWN]]
    if len(changes) > MAX_CHANGES_SHOWN:
        shown.append(f"  - and {len(changes) - MAX_CHANGES_SHOWN} more; see them all with: goodlooks diff "
                     f"{shlex.quote(str(path))} {shlex.quote(str(loaded.path))}")
    where = loaded.bank.id if loaded.builtin else str(loaded.path)
    return (f"{path}: the bank '{results.bank.id}' ({where}) has changed since these answers were given:\n"
            + "\n".join(shown))


def _fingerprint(loaded: LoadedBank) -> list[str]:
    return [loaded.sha256, *(base.sha256 for base in loaded.bases)]


def check_bank_change(results: Results, carried: Bank, loaded: LoadedBank, path: Path, *, accept: bool,
                      accept_command: str, without_bank: str | None = None) -> bool:
    """Bring `results` onto `loaded` if its content is unchanged or the change is accepted; else raise
    `BankChanged`. True when the content changed (and the change was accepted). `loaded` being another
    bank altogether (another id) is refused whatever `accept` says: `without_bank` is the command
    that uses the file's own bank instead."""
    from goodlooks.results.store import bank_record

    if loaded.bank.id != results.bank.id:
        raise another_bank(path, results, loaded, without_bank or accept_command)
    if [results.bank.sha256, *(base.sha256 for base in results.bank.extends)] == _fingerprint(loaded):
        return False
    comparison = compare_banks(carried, loaded.bank)
    if not comparison.changes:  # only comments or layout changed
        results.bank = bank_record(loaded)
        return False
    if not accept:
        raise BankChanged(path, results, loaded, comparison, accept_command)
    set_aside_misfits(results, loaded.bank)
    results.bank = bank_record(loaded)
    return True


def another_bank(path: Path, results: Results, loaded: LoadedBank, without_bank: str) -> ResultsError:
    """Answers given on one bank shown or resumed with another bank altogether (another id): refused,
    as nothing of one bank's answers fits the other's questions."""
    given = "--bank gave the built-in bank" if loaded.builtin else f"{loaded.path} is bank"
    return ResultsError(f"{path}: these answers were given on bank '{results.bank.id}', but {given} "
                        f"'{loaded.bank.id}', another bank altogether. Leave out --bank to use the copy of "
                        f"'{results.bank.id}' saved in the file ({without_bank}), or give the file of bank "
                        f"'{results.bank.id}' with --bank")


def set_aside_misfits(results: Results, bank: Bank) -> None:
    """Move answers `bank` cannot take to `results.set_aside`; give the rest the bank's words and scores."""
    for question_id, answer in list(results.answers.items()):
        question = bank.question(question_id)
        option = question.option(answer.option) if question and answer.option else None
        if question is None or (answer.option is not None and option is None):
            gone = f"question '{question_id}'" if question is None else f"option '{answer.option}'"
            results.set_aside.append(SetAsideAnswer(
                **answer.model_dump(), question_id=question_id,
                reason=f"{gone} is not in bank '{bank.id}' version {bank.version}"))
            del results.answers[question_id]
            continue
        dimension = bank.dimension_of(question_id)
        answer.question, answer.dimension = question.text, dimension.id if dimension else answer.dimension
        if option is not None:
            answer.label, answer.score = option.label, option.score


def set_aside_line(results: Results) -> str:
    """"2 answers are set aside, not scored: the bank has no question 'x' or option 'y/c'"."""
    missing = [f"question '{a.question_id}'" if a.reason.startswith("question") else
               f"option '{a.question_id}/{a.option}'" for a in results.set_aside]
    count = len(results.set_aside)
    if count > MAX_CHANGES_SHOWN:  # a damaged file may hold thousands: one readable line
        missing = [*missing[:MAX_CHANGES_SHOWN - 1], f"{count - MAX_CHANGES_SHOWN + 1:,} more"]
    return (f"{count:,} answer{'s are' if count != 1 else ' is'} set aside, not scored: the bank has no "
            + (", ".join(missing[:-1]) + " or " + missing[-1] if count > 1 else missing[0]))


def bank_for_diff(ref: str) -> Bank:
    """A bank to compare: a bank file or built-in id (overlays resolved), or a results file's copy."""
    from goodlooks.bank.loader import load_bank
    from goodlooks.results.store import carried_bank, load_results

    path = Path(ref)
    if path.suffix.lower() == ".json" and path.is_file():
        return carried_bank(load_results(path), path)
    return load_bank(ref).bank
