"""Combining several people's results files into one: each question's score is the mean of the
respondents' q, with the distribution of their answers kept behind it. The combined file is an
ordinary results file (kind "combined"), so everything that reads results reads it unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from uuid import UUID

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_LABELS, Bank
from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.base.numbers import plural
from goodlooks.results import store
from goodlooks.results.model import (
    MAX_PEOPLE,
    AnswerRecord,
    Results,
    VoiceRecord,
    now,
    organisation_key,
)
from goodlooks.scoring.scores import ANSWERED, option_scale_score, question_q
from goodlooks.workshop.bank_copies import BankCopies
from goodlooks.workshop.distribution import distribution_of_counts
from goodlooks.workshop.scope import recorded_scope

COMBINABLE = ("single", "voted", "agreed")


@dataclass
class Combined:
    """A combined result and what was read to make it."""

    results: Results
    bank: Bank
    used: list[Path] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)
    """Files still in progress, left out (without `include_incomplete`)."""
    repeated: list[tuple[Path, Path]] = field(default_factory=list)
    """(file, the earlier file with the same response) pairs counted once."""
    notices: list[str] = field(default_factory=list)
    """What to say about what was combined (copies of the bank that differ only in wording)."""


def results_files(paths: Sequence[Path], output: Path | None = None) -> list[Path]:
    """Files as given; a folder means every *.json directly in it, in name order (leaving out
    `output`, an earlier run's combined file)."""
    is_output = _same_file_as(output)
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.json") if p.is_file() and not is_output(p))
        elif path.exists() or str(path) == "-":  # - is standard input
            found.append(path)
        else:
            raise UsageError(f"{path} does not exist; give results files or folders of them")
    if not found:
        raise UsageError(f"no results files (*.json) in {', '.join(str(p) for p in paths)}")
    return found


def _same_file_as(output: Path | None) -> Callable[[Path], bool]:
    """A test of whether a path is `output` (the same file by device and inode, so another name
    for it counts too); one stat per path, and none at all while `output` does not exist."""
    try:
        target = output.stat() if output is not None else None
    except OSError:
        target = None
    if target is None:
        return lambda path: False

    def is_output(path: Path) -> bool:
        try:
            found = path.stat()
        except OSError:
            return False
        return (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino)

    return is_output


@dataclass
class _Tally:
    """One question's answers so far: counts, not the answers themselves, so that combining a
    hundred thousand files holds no more than combining ten."""

    chosen: Counter[str] = field(default_factory=Counter)
    """Option key, not_applicable or dont_know -> how many gave it."""
    unlisted: Counter[float] = field(default_factory=Counter)
    """q of answers scored without an option the bank lists -> how many."""
    voices: list[VoiceRecord] = field(default_factory=list)


@dataclass
class _Reading:
    """What combining has gathered from the files read so far."""

    first: Results | None = None
    """The first file used: the combined file copies its bank record."""
    first_path: Path | None = None
    copies: BankCopies = field(default_factory=BankCopies)
    """Every file's copy of the bank, compared by content before anything is combined."""
    bank: Bank | None = None
    """The bank copy of the first file used: every other file's answers must fit it."""
    options: dict[str, set[str]] = field(default_factory=dict)
    """That bank's question ids -> their option keys."""
    responses: dict[str, Path] = field(default_factory=dict)
    odd: list[tuple[Path, str, str]] = field(default_factory=list)
    """Files answering another bank or version than the first: (file, bank id, version)."""
    sources: list[UUID] = field(default_factory=list)
    tallies: dict[str, _Tally] = field(default_factory=dict)
    targets: dict[str, Counter[float]] = field(default_factory=dict)
    scope: dict[str, None] | None = field(default_factory=dict)
    """Every file's --only tokens in order; None once a file covers the whole bank."""
    complete: bool = True
    organisations: dict[str, str] = field(default_factory=dict)
    """The organisations the files name (`organisation_key` -> the first spelling seen)."""


def _read(paths: Iterable[Path], include_incomplete: bool, report: Combined) -> _Reading:
    """Read each file once, keeping only what the combined answers need."""
    reading = _Reading()
    for path in paths:
        results = store.load_results(path)
        if results.kind not in COMBINABLE:
            raise ResultsError(f"{path} is already a combined file; combine the people's own results "
                               "files instead, so nobody is counted twice")
        if results.status != "complete" and not include_incomplete:
            report.left_out.append(path)
            continue
        key = str(results.response_id)
        if key in reading.responses:
            earlier = reading.responses[key]
            _check_same(earlier, path, results)
            report.repeated.append((path, earlier))
            continue
        reading.responses[key] = path
        if reading.first is None:
            reading.first, reading.first_path = results, path
            reading.bank = store.carried_bank(results, path)
            reading.options = {q.id: {option.key for option in q.choices} for q in reading.bank.questions()}
        first = reading.first.bank
        if (results.bank.id, results.bank.version) != (first.id, first.version):
            reading.odd.append((path, results.bank.id, results.bank.version))
            continue
        assert reading.first_path is not None
        reading.copies.add(results, path, reading.first, reading.first_path)
        if not _fits(results, reading.options) or results.targets:
            assert reading.bank is not None
            store.check_answers_fit(results, reading.bank, path)  # raises, saying what does not fit
        _count_bounded(reading, results, report.used)
        report.used.append(path)
    if reading.first is None:
        raise ResultsError(f"nothing to combine: {plural(len(report.left_out), 'file')} still in progress; "
                           "finish them, or add --include-incomplete")
    _same_bank(reading, report.used)
    report.notices += reading.copies.notices(reading.first)
    return reading


def _count_bounded(reading: _Reading, results: Results, used: list[Path]) -> None:
    """Count one more file, up to the most people a results file may count (so the combined file
    is one goodlooks reads back)."""
    if len(used) >= MAX_PEOPLE:
        raise ResultsError(f"more than {MAX_PEOPLE:,} results files to combine; a combined file counts at most "
                           f"{MAX_PEOPLE:,} people. Combine them in parts")
    _count(reading, results)


def _fits(results: Results, options: dict[str, set[str]]) -> bool:
    """Whether every answer names a question and option of the bank (`store.check_answers_fit`
    says what does not; this asks the same at a dictionary lookup an answer)."""
    for question_id, answer in results.answers.items():
        keys = options.get(question_id)
        if keys is None or (answer.option is not None and answer.option not in keys):
            return False
    return True


def _check_same(earlier: Path, path: Path, results: Results) -> None:
    """A response seen twice counts once, but only if both files hold the same answers (the
    earlier file is read again: repeats are rare, and nothing of it was kept)."""
    if store.load_results(earlier).model_dump_json() != results.model_dump_json():
        raise ResultsError(f"{earlier} and {path} hold the same response ({results.response_id}) with "
                           "different answers; keep the newer one and combine again")


def _count(reading: _Reading, results: Results) -> None:
    reading.sources.append(results.response_id)
    if results.organisation:
        reading.organisations.setdefault(organisation_key(results.organisation), results.organisation)
    reading.complete = reading.complete and results.status == "complete"
    if reading.scope is not None:
        if results.scope:
            reading.scope.update(dict.fromkeys(results.scope))
        else:
            reading.scope = None
    for dimension, target in results.targets.items():
        reading.targets.setdefault(dimension, Counter())[target] += 1
    for question_id, answer in results.answers.items():
        tally = reading.tallies.get(question_id)
        if tally is None:
            tally = reading.tallies[question_id] = _Tally()
        if answer.option is not None:
            tally.chosen[answer.option] += 1
        elif answer.status == ANSWERED and answer.normalised is not None:
            tally.unlisted[answer.normalised] += 1
        else:
            tally.chosen[answer.status] += 1
        if answer.note:
            tally.voices.append(VoiceRecord(respondent=results.respondent, answer=answer.option or answer.status,
                                            label=answer.label, note=answer.note))


def _same_bank(reading: _Reading, used: list[Path]) -> None:
    if not reading.odd:
        return
    assert reading.first is not None
    first = reading.first.bank
    banks = Counter({(first.id, first.version): len(used)})
    banks.update((bank_id, version) for _, bank_id, version in reading.odd)
    (bank_id, version), _ = banks.most_common(1)[0]
    files = [(path, first.id, first.version) for path in used] + reading.odd
    odd = [f"{path} ({other_id} version {other_version})" for path, other_id, other_version in files
           if (other_id, other_version) != (bank_id, version)]
    raise ResultsError(f"these files answer a different bank from the rest ('{bank_id}' version "
                       f"{version}): {'; '.join(odd)}. Combine answers to one bank and version at a time.")


def combine(paths: Sequence[Path], include_incomplete: bool = False, output: Path | None = None,
            organisation: str | None = None) -> Combined:
    """Read and combine results files; raise `ResultsError` (exit 4) naming any file that cannot be.
    Refuses (exit 2) an `output` that is one of the inputs: a person's answers are never overwritten.
    The combined file is `organisation`'s, else the one organisation the files name (if they
    name only one).

    Files are read one at a time and only counts are kept, so memory does not grow with the
    number of files beyond their names and response ids."""
    files = results_files(paths, output)
    if any(map(_same_file_as(output), files)):
        raise UsageError(f"{output} is one of the files to combine; choose another --output, so nobody's "
                         "answers are overwritten")
    report = Combined(results=None, bank=None)  # type: ignore[arg-type]  # filled in below
    reading = _read(files, include_incomplete, report)
    assert reading.first is not None and reading.bank is not None
    scope = list(reading.scope or {})
    bank = recorded_scope(reading.bank, scope, "the files' 'scope' (the questions they were asked)")
    combined = Results(bank=reading.first.bank.model_copy(update={"path": None}), kind="combined",
                       respondents=len(report.used), sources=reading.sources, scope=scope,
                       targets={dimension: fmean(values.elements()) for dimension, values in reading.targets.items()},
                       status="complete" if reading.complete else "in_progress",
                       organisation=organisation or _only_one(reading.organisations))
    for question in bank.questions():
        tally = reading.tallies.get(question.id)
        if tally is None:
            continue
        combined.answers[question.id] = _combined_answer(bank, question.id, tally)
        combined.distributions[question.id] = distribution_of_counts(question, tally.chosen, "combined",
                                                                     tally.voices)
    if combined.status == "complete":
        combined.completed_at = now()
    report.results, report.bank = store.refresh(combined, bank), bank
    return report


def _only_one(organisations: dict[str, str]) -> str | None:
    return next(iter(organisations.values())) if len(organisations) == 1 else None


def _combined_answer(bank: Bank, question_id: str, tally: _Tally) -> AnswerRecord:
    """The mean of the respondents' q (fsum underneath, so the order files came in cannot change
    it); with no q at all, not applicable or don't know, whichever more gave (a tie: don't know)."""
    question = bank.question(question_id)
    dimension = bank.dimension_of(question_id)
    assert question is not None and dimension is not None
    qs = Counter(tally.unlisted)
    for key, count in tally.chosen.items():
        option = question.option(key)
        if option is not None:
            qs[question_q(question, option.score)] += count
    if qs:
        q = fmean(qs.elements())
        return AnswerRecord(option=None, status=ANSWERED, normalised=q, question=question.text,
                            label=f"Combined: {plural(qs.total(), 'answer')}", dimension=dimension.id,
                            score=option_scale_score(question, q))
    status = NOT_APPLICABLE if tally.chosen[NOT_APPLICABLE] > tally.chosen[DONT_KNOW] else DONT_KNOW
    return AnswerRecord(option=None, status=status, question=question.text, label=RESERVED_LABELS[status],
                        dimension=dimension.id)
