"""Starting, resuming and filling in an assessment: the steps `goodlooks assess` takes, with no
terminal in them. Each returns an `Assessment`: the bank, its results and where they are saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goodlooks.bank.changes import bank_changes
from goodlooks.bank.loader import LoadedBank, builtin_banks, load_bank
from goodlooks.bank.model import Bank
from goodlooks.errors import ResultsError, UsageError
from goodlooks.results import store
from goodlooks.results.answers_file import read_answers_file
from goodlooks.results.model import Results
from goodlooks.workshop.scope import scoped

MAX_CHANGES_SHOWN = 8


@dataclass
class Assessment:
    bank: Bank
    """The bank as asked: cut down to the questions in scope (`--only`)."""
    results: Results
    path: Path
    whole: Bank | None = None
    """The whole bank, when only part of it is asked."""

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.bank.questions() if q.id not in self.results.answers)


@dataclass(frozen=True)
class Setup:
    """How a new interview is set up, beyond its bank and file."""

    respondent: str | None = None
    scope: tuple[str, ...] = ()
    targets: Path | None = None
    votes: bool = False


def start(bank_ref: str | None, output: Path | None, respondent: str | None, force: bool,
          setup: Setup = Setup()) -> Assessment:
    """A new, empty assessment; refuses to overwrite an existing file without `force`."""
    from goodlooks.workshop.targets import read_targets

    loaded = load_bank(bank_ref)
    bank = scoped(loaded.bank, setup.scope)
    path = output or store.default_path(loaded.bank.id)
    store.ensure_new(path, force)
    results = store.new_results(loaded, respondent or setup.respondent)
    results.scope = list(setup.scope)
    results.kind = "voted" if setup.votes else "single"
    if setup.targets is not None:
        results.targets = read_targets(setup.targets, loaded.bank)
    return Assessment(bank, store.refresh(results, bank), path, loaded.bank)


def consensus(combined_path: Path, output: Path | None, force: bool, targets: Path | None = None) -> Assessment:
    """A new agreed-answers interview over a combined file: its bank copy, respondents, targets
    and the distribution behind every question, and no answers yet."""
    from goodlooks.workshop.targets import read_targets

    combined = store.load_results(combined_path)
    if combined.kind != "combined":
        raise ResultsError(f"{combined_path} holds {'one set of' if combined.kind != 'agreed' else 'agreed'} "
                           "answers, not several people's combined; make a combined file first: "
                           "goodlooks combine FILES --output combined.json")
    full = store.carried_bank(combined, combined_path)
    bank = scoped(full, combined.scope)
    path = output or store.default_path(f"{full.id}-agreed")
    store.ensure_new(path, force)
    results = Results(bank=combined.bank.model_copy(), kind="agreed", respondents=combined.respondents,
                      sources=list(combined.sources), scope=list(combined.scope),
                      targets=read_targets(targets, full) if targets else dict(combined.targets),
                      distributions=dict(combined.distributions))
    return Assessment(bank, store.refresh(results, bank), path)


def newest_unfinished(folder: Path | None = None) -> Path:
    """The most recently updated results file still in progress under ./goodlooks-results/."""
    from goodlooks.workshop.listing import list_results

    unfinished = [entry for entry in list_results(folder or Path(store.RESULTS_FOLDER))
                  if entry.results is not None and entry.results.status == "in_progress"
                  and entry.results.kind != "combined"]
    if not unfinished:
        raise UsageError(f"no unfinished results in {folder or store.RESULTS_FOLDER}/ to carry on with; "
                         "start one with: goodlooks assess, or name the file: goodlooks assess --resume FILE")
    return max(unfinished, key=lambda entry: entry.results.updated_at).path


def from_answers_file(answers: Path, bank_ref: str | None, output: Path | None,
                      respondent: str | None, force: bool, setup: Setup = Setup()) -> Assessment:
    """An assessment filled in from an answers file, saved; complete when every question has an answer."""
    assessment = start(bank_ref, output, respondent, force, setup)
    filed = read_answers_file(answers, assessment.whole or assessment.bank)
    results = assessment.results
    results.respondent = respondent or filed.respondent
    for question in assessment.bank.questions():  # only those in scope
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
    results = store.load_results(path)
    if results.kind == "combined":
        raise UsageError(f"{path} combines several people's answers and is not an interview to carry on; "
                         f"to agree the board's answers over it: goodlooks assess --consensus {path}")
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
    return Assessment(scoped(bank, results.scope), results, path)


def report_bank(results: Results, path: Path, bank_ref: str | None) -> Bank:
    """The bank to show saved results with: --bank re-scores against it, else the copy in the file."""
    if bank_ref is None:
        return scoped(store.carried_bank(results, path), results.scope)
    bank = load_bank(bank_ref).bank
    store.check_answers_fit(results, bank, path)
    return scoped(bank, results.scope)
