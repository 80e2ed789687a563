"""Combining several people's results files into one: each question's score is the mean of the
respondents' q, with the distribution of their answers kept behind it. The combined file is an
ordinary results file (kind "combined"), so everything that reads results reads it unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import fmean

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_LABELS, Bank
from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.base.numbers import plural
from goodlooks.results import store
from goodlooks.results.evidence import most_given
from goodlooks.results.model import MAX_PEOPLE, AnswerRecord, Results, now
from goodlooks.scoring.scores import ANSWERED, option_scale_score, question_q
from goodlooks.workshop.bank_copies import BankCopies
from goodlooks.workshop.distribution import distribution_of_counts
from goodlooks.workshop.duplicates import (
    Duplicate,
    Identity,
    Register,
    far_apart,
    identity,
    later,
    same_answers_key,
)
from goodlooks.workshop.scope import recorded_scope
from goodlooks.workshop.tally import MAX_NAMES_PER_ANSWER, Counts, Tally

__all__ = ["MAX_NAMES_PER_ANSWER", "Combined", "Options", "combine", "results_files"]



KIND_WORDS = {"voted": "a room's votes", "agreed": "the answers a board agreed",
              "combined": "a combined file"}
"""What each kind that combine refuses holds, to name it."""


@dataclass
class Combined:
    """A combined result and what was read to make it."""

    results: Results
    bank: Bank
    used: list[Path] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)
    """Files still in progress, left out (without `include_incomplete`)."""
    repeated: list[Duplicate] = field(default_factory=list)
    """Files that are the same response as another, and the file counted instead (the later save)."""
    far_apart: list[tuple[Path, datetime]] = field(default_factory=list)
    """Files answered more than 30 days from the rest (last year's?), and when; counted."""
    middle: datetime | None = None
    """The middle date of the files counted, that `far_apart` is measured from."""
    notices: list[str] = field(default_factory=list)
    """What to say about what was combined (copies of the bank that differ only in wording)."""


@dataclass(frozen=True)
class Options:
    include_incomplete: bool = False
    keep_duplicates: bool = False
    """Count files that only share a respondent's name or their answers as different people."""
    anonymous: bool = False
    """Leave every name out of the combined file."""


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
class _Reading:
    """What combining has gathered from the files read so far."""

    options: Options
    first: Results | None = None
    """The first file used: the combined file copies its bank record."""
    first_path: Path | None = None
    copies: BankCopies = field(default_factory=BankCopies)
    """Every file's copy of the bank, compared by content before anything is combined."""
    bank: Bank | None = None
    """The bank copy of the first file used: every other file's answers must fit it."""
    question_options: dict[str, set[str]] = field(default_factory=dict)
    """That bank's question ids -> their option keys."""
    register: Register = field(default_factory=Register)
    odd: list[tuple[Path, str, str]] = field(default_factory=list)
    """Files answering another bank or version than the first: (file, bank id, version)."""
    refused: list[tuple[Path, str]] = field(default_factory=list)
    """Files of a kind combine does not take: (file, kind)."""
    counts: Counts = field(default_factory=Counts)


def _read(paths: Iterable[Path], options: Options, report: Combined) -> _Reading:
    """Read each file once, keeping only what the combined answers need."""
    reading = _Reading(options, register=Register(options.keep_duplicates), counts=Counts(options.anonymous))
    for order, path in enumerate(paths):
        results = store.load_results(path)
        if results.kind != "single":
            reading.refused.append((path, results.kind))
            continue
        if reading.refused:
            continue  # refused below; the rest are read only to name every file refused
        if results.status != "complete" and not options.include_incomplete:
            report.left_out.append(path)
            continue
        if reading.first is None:
            reading.first, reading.first_path = results, path
            reading.bank = store.carried_bank(results, path)
            reading.question_options = {q.id: {o.key for o in q.choices} for q in reading.bank.questions()}
        first = reading.first.bank
        if (results.bank.id, results.bank.version) != (first.id, first.version):
            reading.odd.append((path, results.bank.id, results.bank.version))
            continue
        assert reading.first_path is not None
        reading.copies.add(results, path, reading.first, reading.first_path)
        if not _fits(results, reading.question_options) or results.targets:
            assert reading.bank is not None
            store.check_answers_fit(results, reading.bank, path)  # raises, saying what does not fit
        _keep_one_response(reading, report, identity(path, results, order), results)
    _refuse(reading.refused)
    if reading.first is None:
        raise ResultsError(f"nothing to combine: {plural(len(report.left_out), 'file')} still in progress; "
                           "finish them, or add --include-incomplete")
    _same_bank(reading, report.used)
    report.notices += reading.copies.notices(reading.first)
    return reading


def _keep_one_response(reading: _Reading, report: Combined, new: Identity, results: Results) -> None:
    """Count `results` unless a file kept already is the same response saved later; a file it
    replaces is taken out of the counts again (read once more: duplicates are rare)."""
    matches = [(kept, reason) for kept, reason in reading.register.same_as(new)
               if not reason.startswith("the same answers") or _same_answers(kept.path, results)]
    winner = new
    for kept, _ in matches:
        winner = later(winner, kept)
    for kept, reason in matches:
        if kept is winner:
            continue
        if reason == "the same response":
            _check_same(kept.path, new.path, results)
        reading.register.remove(kept)
        reading.counts.count(store.load_results(kept.path), -1)
        report.used.remove(kept.path)
        report.repeated.append(Duplicate(kept.path, winner.path, reason))
    if winner is not new:
        reason = next(reason for kept, reason in matches if kept is winner)
        if reason == "the same response":
            _check_same(winner.path, new.path, results)
        report.repeated.append(Duplicate(new.path, winner.path, reason))
        return
    if len(report.used) >= MAX_PEOPLE:  # so the combined file is one goodlooks reads back
        raise ResultsError(f"more than {MAX_PEOPLE:,} results files to combine; a combined file counts at most "
                           f"{MAX_PEOPLE:,} people. Combine them in parts")
    reading.register.add(new)
    reading.counts.count(results, 1)
    report.used.append(new.path)


def _same_answers(earlier: Path, results: Results) -> bool:
    """Whether a file kept has exactly the answers of `results` (their hashes matched; read again,
    as duplicates are rare)."""
    return same_answers_key(store.load_results(earlier)) == same_answers_key(results)


def _refuse(refused: list[tuple[Path, str]]) -> None:
    if not refused:
        return
    named = "; ".join(f"{path} ({KIND_WORDS.get(kind, kind)})" for path, kind in refused)
    these = "this is" if len(refused) == 1 else "these are"
    raise ResultsError(f"combine takes each member's own answers only, and {these} not: {named}. Leave "
                       f"{'it' if len(refused) == 1 else 'them'} out (move {'it' if len(refused) == 1 else 'them'} "
                       "to another folder, or name the files to combine), so nobody is counted twice.")


def _fits(results: Results, options: dict[str, set[str]]) -> bool:
    """Whether every answer names a question and option of the bank (`store.check_answers_fit`
    says what does not; this asks the same at a dictionary lookup an answer)."""
    for question_id, answer in results.answers.items():
        keys = options.get(question_id)
        if keys is None or (answer.option is not None and answer.option not in keys):
            return False
    return True


def _check_same(earlier: Path, path: Path, results: Results) -> None:
    """Two files of one response id: the later save is kept, unless both were saved at the same
    moment with different answers (then which is later cannot be told)."""
    other = store.load_results(earlier)
    if other.updated_at == results.updated_at and other.model_dump_json() != results.model_dump_json():
        raise ResultsError(f"{earlier} and {path} hold the same response ({results.response_id}) with "
                           "different answers; keep the newer one and combine again")


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
            options: Options | None = None, organisation: str | None = None) -> Combined:
    """Read and combine results files; raise `ResultsError` (exit 4) naming any file that cannot be.
    Refuses (exit 2) an `output` that is one of the inputs: a person's answers are never overwritten.
    The combined file is `organisation`'s, else the one organisation the files name (if they
    name only one).

    Files are read one at a time and only counts are kept, so memory does not grow with the
    number of files beyond their names and what tells one response from another."""
    options = options or Options(include_incomplete=include_incomplete)
    files = results_files(paths, output)
    if any(map(_same_file_as(output), files)):
        raise UsageError(f"{output} is one of the files to combine; choose another --output, so nobody's "
                         "answers are overwritten")
    report = Combined(results=None, bank=None)  # type: ignore[arg-type]  # filled in below
    reading = _read(files, options, report)
    assert reading.first is not None and reading.bank is not None
    apart, report.middle = far_apart(list(reading.register.kept.values()))
    report.far_apart = [(found.path, found.when) for found in apart]
    counts = reading.counts
    scope = counts.scope()
    bank = recorded_scope(reading.bank, scope, "the files' 'scope' (the questions they were asked)")
    combined = Results(bank=reading.first.bank.model_copy(update={"path": None}), kind="combined",
                       respondents=len(report.used), sources=counts.sources, scope=scope, targets=counts.targets(),
                       status="in_progress" if counts.incomplete else "complete",
                       organisation=organisation or counts.organisation())
    for question in bank.questions():
        tally = counts.tallies.get(question.id)
        if tally is None or (tally.chosen.total() + tally.unlisted.total()) <= 0:
            continue
        combined.answers[question.id] = _combined_answer(bank, question.id, tally)
        combined.distributions[question.id] = distribution_of_counts(question, tally.chosen, "combined",
                                                                     [voice for _, voice in tally.voices],
                                                                     tally.evidence)
    if combined.status == "complete":
        combined.completed_at = now()
    report.results, report.bank = store.refresh(combined, bank), bank
    return report


def _combined_answer(bank: Bank, question_id: str, tally: Tally) -> AnswerRecord:
    """The mean of the respondents' q (fsum underneath, so the order files came in cannot change
    it); with no q at all, not applicable or don't know, whichever more gave (a tie: don't know)."""
    question = bank.question(question_id)
    dimension = bank.dimension_of(question_id)
    assert question is not None and dimension is not None
    qs = Counter({q: count for q, count in tally.unlisted.items() if count > 0})
    for key, count in tally.chosen.items():
        option = question.option(key)
        if option is not None and count > 0:
            qs[question_q(question, option.score)] += count
    if qs:
        q = fmean(qs.elements())
        return AnswerRecord(option=None, status=ANSWERED, normalised=q, question=question.text,
                            label=f"Combined: {plural(qs.total(), 'answer')}", dimension=dimension.id,
                            score=option_scale_score(question, q), evidence=most_given(tally.evidence))
    status = NOT_APPLICABLE if tally.chosen[NOT_APPLICABLE] > tally.chosen[DONT_KNOW] else DONT_KNOW
    return AnswerRecord(option=None, status=status, question=question.text, label=RESERVED_LABELS[status],
                        dimension=dimension.id)
