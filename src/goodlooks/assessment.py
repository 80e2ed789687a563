"""Starting, resuming and filling in an assessment: the steps `goodlooks assess` takes, with no
terminal in them. Each returns an `Assessment`: the bank, its results and where they are saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goodlooks.bank.changes import bank_changes
from goodlooks.bank.loader import LoadedBank, builtin_banks, load_bank
from goodlooks.bank.model import Bank
from goodlooks.errors import ResultsError
from goodlooks.results import store
from goodlooks.results.answers_file import read_answers_file
from goodlooks.results.model import Results

MAX_CHANGES_SHOWN = 8


@dataclass
class Assessment:
    bank: Bank
    results: Results
    path: Path

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
    if results.bank.id in builtin_banks():
        return load_bank(results.bank.id)
    return None


def resume(path: Path, bank_ref: str | None) -> Assessment:
    """An assessment read back from its results file, against a bank whose content has not changed."""
    store.open_for_writing(path)  # refused while another run holds it
    results = store.load_results(path)
    carried = store.carried_bank(results, path)
    loaded = _bank_for(results, bank_ref)
    bank = carried if loaded is None else loaded.bank
    if loaded is not None and loaded.sha256 != results.bank.sha256:
        changes = bank_changes(carried, loaded.bank)
        if changes:
            shown = [f"  - {change}" for change in changes[:MAX_CHANGES_SHOWN]]
            if len(changes) > MAX_CHANGES_SHOWN:
                shown.append(f"  - and {len(changes) - MAX_CHANGES_SHOWN} more")
            raise ResultsError(
                f"{path}: the bank '{results.bank.id}' ({loaded.path}) has changed since this interview "
                "began, so the saved answers may not fit it:\n" + "\n".join(shown) +
                "\nPut back the bank as it was, or start a new interview with: goodlooks assess")
        results.bank.sha256 = loaded.sha256  # only comments or layout changed
    store.check_answers_fit(results, bank, path)
    return Assessment(bank, results, path)


def report_bank(results: Results, path: Path, bank_ref: str | None) -> Bank:
    """The bank to show saved results with: --bank re-scores against it, else the copy in the file."""
    if bank_ref is None:
        bank = store.carried_bank(results, path)
        store.check_answers_fit(results, bank, path)  # answers edited to fit no question are not dropped
        return bank
    bank = load_bank(bank_ref).bank
    store.check_answers_fit(results, bank, path)
    return bank
