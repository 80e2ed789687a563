"""Starting, resuming and filling in an assessment: the steps `goodlooks assess` takes, with no
terminal in them. Each returns an `Assessment`: the bank, its results and where they are saved.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

from goodlooks.bank.loader import LoadedBank, builtin_banks, load_bank
from goodlooks.bank.model import Bank
from goodlooks.results import store
from goodlooks.results.answers_file import read_answers_file
from goodlooks.results.bank_change import check_bank_change
from goodlooks.results.model import Results


@dataclass
class Assessment:
    bank: Bank
    results: Results
    path: Path
    notices: list[str] = field(default_factory=list)
    """What to tell the person before going on (e.g. that the bank copy in the file is used)."""

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.bank.questions() if q.id not in self.results.answers)


def start(bank_ref: str | None, output: Path | None, respondent: str | None, force: bool) -> Assessment:
    """A new, empty assessment; refuses to overwrite an existing file without `force`."""
    return _start(load_bank(bank_ref), output, respondent, force)


def _start(loaded: LoadedBank, output: Path | None, respondent: str | None, force: bool) -> Assessment:
    path = store.claim_path(loaded.bank.id, output, force)  # created and locked: no other run writes it
    return Assessment(loaded.bank, store.new_results(loaded, respondent), path)


def from_answers_file(answers: Path, bank_ref: str | None, output: Path | None,
                      respondent: str | None, force: bool) -> Assessment:
    """An assessment filled in from an answers file, saved; complete when every question has an answer."""
    loaded = load_bank(bank_ref)
    if output is not None:
        store.ensure_new(output, force)  # say so before reading the answers; claimed below
    filed = read_answers_file(answers, loaded.bank)
    assessment = _start(loaded, output, respondent, force)
    results = assessment.results
    results.respondent = respondent or filed.respondent
    for question in assessment.bank.questions():
        if question.id in filed.answers:
            answer = filed.answers[question.id]
            store.set_answer(results, assessment.bank, question.id, answer.choice, answer.note)
    if assessment.unanswered:
        store.refresh(results, assessment.bank)
    else:
        store.complete(results, assessment.bank)
    store.save(results, assessment.path)
    return assessment


def _bank_for(results: Results, bank_ref: str | None) -> LoadedBank | None:
    """The bank to carry on with: --bank, else the recorded file, else the built-in bank of that id."""
    if bank_ref is not None:
        return load_bank(bank_ref)
    if results.bank.path and Path(results.bank.path).is_file():
        return load_bank(results.bank.path)
    if results.bank.absolute_path and Path(results.bank.absolute_path).is_file():
        return load_bank(results.bank.absolute_path)
    if results.bank.id in builtin_banks():
        return load_bank(results.bank.id)
    return None


def resume(path: Path, bank_ref: str | None, accept_bank_change: bool = False) -> Assessment:
    """An assessment read back from its results file, against a bank whose content has not changed
    (or whose change is accepted: raises `BankChanged` otherwise)."""
    store.open_for_writing(path)  # refused while another run holds it
    results = store.load_results(path)
    carried = store.carried_bank(results, path)
    loaded = _bank_for(results, bank_ref)
    bank = carried if loaded is None else loaded.bank
    notices = [] if loaded is not None else [_carried_copy_notice(results, path)]
    store.check_answers_fit(results, carried, path)
    if loaded is not None:
        command = f"goodlooks assess --resume {shlex.quote(str(path))}" + \
            (f" --bank {shlex.quote(bank_ref)}" if bank_ref else "")
        if check_bank_change(results, carried, loaded, path, accept=accept_bank_change, accept_command=command):
            store.refresh(results, bank)
    return Assessment(bank, results, path, notices)


def _carried_copy_notice(results: Results, path: Path) -> str:
    record = results.bank
    looked = " or ".join(dict.fromkeys(p for p in (record.path, record.absolute_path) if p)) or "no file"
    return (f"The bank file ({looked}) is not there, and '{record.id}' is not a built-in bank: carrying on "
            f"with the copy of the bank saved in {path}. To use a bank file instead: "
            f"goodlooks assess --resume {shlex.quote(str(path))} --bank FILE")


def report_bank(results: Results, path: Path, bank_ref: str | None, accept_bank_change: bool = False) -> Bank:
    """The bank to show saved results with: --bank re-scores against it (a changed bank only once the
    change is accepted: raises `BankChanged` otherwise), else the copy in the file."""
    carried = store.carried_bank(results, path)
    store.check_answers_fit(results, carried, path)  # answers edited to fit no question are not dropped
    if bank_ref is None:
        return carried
    loaded = load_bank(bank_ref)
    command = f"goodlooks profile {shlex.quote(str(path))} --bank {shlex.quote(bank_ref)}"
    check_bank_change(results, carried, loaded, path, accept=accept_bank_change, accept_command=command)
    return loaded.bank
