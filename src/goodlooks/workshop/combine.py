"""Combining several people's results files into one: each question's score is the mean of the
respondents' q, with the distribution of their answers kept behind it. The combined file is an
ordinary results file (kind "combined"), so everything that reads results reads it unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, RESERVED_LABELS, Bank
from goodlooks.errors import ResultsError, UsageError
from goodlooks.render.numbers import plural
from goodlooks.results import store
from goodlooks.results.model import AnswerRecord, Results, VoiceRecord, now
from goodlooks.scoring import ANSWERED, option_scale_score, question_q
from goodlooks.workshop.distribution import distribution
from goodlooks.workshop.scope import scoped

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


def results_files(paths: Sequence[Path], output: Path | None = None) -> list[Path]:
    """Files as given; a folder means every *.json directly in it, in name order (leaving out
    `output`, an earlier run's combined file)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.json")
                            if p.is_file() and (output is None or not _same_file(p, output)))
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{path} does not exist; give results files or folders of them")
    if not found:
        raise UsageError(f"no results files (*.json) in {', '.join(str(p) for p in paths)}")
    return found


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _same_bank(loaded: list[tuple[Path, Results]]) -> None:
    banks = Counter((r.bank.id, r.bank.version) for _, r in loaded)
    (bank_id, version), _ = banks.most_common(1)[0]
    odd = [f"{path} ({r.bank.id} version {r.bank.version})" for path, r in loaded
           if (r.bank.id, r.bank.version) != (bank_id, version)]
    if odd:
        raise ResultsError(f"these files answer a different bank from the rest ('{bank_id}' version "
                           f"{version}): {'; '.join(odd)}. Combine answers to one bank and version at a time.")


def _read(paths: Iterable[Path], include_incomplete: bool) -> tuple[list[tuple[Path, Results]], Combined]:
    kept: dict[str, tuple[Path, Results, str]] = {}
    report = Combined(results=None, bank=None)  # type: ignore[arg-type] - filled by combine()
    for path in paths:
        results = store.load_results(path)
        if results.kind not in COMBINABLE:
            raise ResultsError(f"{path} is already a combined file; combine the people's own results "
                               "files instead, so nobody is counted twice")
        if results.status != "complete" and not include_incomplete:
            report.left_out.append(path)
            continue
        content = results.model_dump_json()
        key = str(results.response_id)
        if key in kept:
            earlier, _, earlier_content = kept[key]
            if earlier_content != content:
                raise ResultsError(f"{earlier} and {path} hold the same response ({key}) with different "
                                   "answers; keep the newer one and combine again")
            report.repeated.append((path, earlier))
            continue
        kept[key] = (path, results, content)
    loaded = [(path, results) for path, results, _ in kept.values()]
    if not loaded:
        raise ResultsError(f"nothing to combine: {plural(len(report.left_out), 'file')} still in progress; "
                           "finish them, or add --include-incomplete")
    return loaded, report


def combine(paths: Sequence[Path], include_incomplete: bool = False, output: Path | None = None) -> Combined:
    """Read and combine results files; raise `ResultsError` (exit 4) naming any file that cannot be.
    Refuses (exit 2) an `output` that is one of the inputs: a person's answers are never overwritten."""
    files = results_files(paths, output)
    if output is not None and any(_same_file(path, output) for path in files):
        raise UsageError(f"{output} is one of the files to combine; choose another --output, so nobody's "
                         "answers are overwritten")
    loaded, report = _read(files, include_incomplete)
    _same_bank(loaded)
    first_path, first = loaded[0]
    whole = store.carried_bank(first, first_path)
    for path, results in loaded:
        store.check_answers_fit(results, whole, path)
    scope = _scope([r for _, r in loaded])
    bank = scoped(whole, scope)
    combined = Results(bank=first.bank.model_copy(update={"path": None}), kind="combined",
                       respondents=len(loaded), sources=[r.response_id for _, r in loaded],
                       scope=scope, targets=_targets([r for _, r in loaded]),
                       status="complete" if all(r.status == "complete" for _, r in loaded) else "in_progress")
    for question in bank.questions():
        given = [(r.respondent, r.answers[question.id]) for _, r in loaded if question.id in r.answers]
        if not given:
            continue
        record = _combined_answer(bank, question.id, [answer for _, answer in given])
        combined.answers[question.id] = record
        voices = [VoiceRecord(respondent=name, answer=a.option or a.status, label=a.label, note=a.note)
                  for name, a in given if a.note]
        combined.distributions[question.id] = distribution(
            question, [a.option or a.status for _, a in given], "combined", voices)
    if combined.status == "complete":
        combined.completed_at = now()
    report.results, report.bank = store.refresh(combined, bank), bank
    report.used = [path for path, _ in loaded]
    return report


def _combined_answer(bank: Bank, question_id: str, answers: list[AnswerRecord]) -> AnswerRecord:
    question = bank.question(question_id)
    dimension = bank.dimension_of(question_id)
    assert question is not None and dimension is not None
    qs = []
    for answer in answers:
        option = question.option(answer.option) if answer.option else None
        if answer.status == ANSWERED and option is not None:
            qs.append(question_q(question, option.score))
        elif answer.status == ANSWERED and answer.normalised is not None:
            qs.append(answer.normalised)
    if qs:
        q = fmean(qs)
        return AnswerRecord(option=None, status=ANSWERED, normalised=q, question=question.text,
                            label=f"Combined: {plural(len(qs), 'answer')}", dimension=dimension.id,
                            score=option_scale_score(question, q))
    statuses = Counter(answer.status for answer in answers)
    status = NOT_APPLICABLE if statuses[NOT_APPLICABLE] > statuses[DONT_KNOW] else DONT_KNOW
    return AnswerRecord(option=None, status=status, question=question.text, label=RESERVED_LABELS[status],
                        dimension=dimension.id)


def _scope(results: list[Results]) -> list[str]:
    if any(not r.scope for r in results):
        return []
    return list(dict.fromkeys(token for r in results for token in r.scope))


def _targets(results: list[Results]) -> dict[str, float]:
    """Each dimension's target: the mean of the targets the respondents set for it."""
    given: dict[str, list[float]] = {}
    for r in results:
        for dimension, target in r.targets.items():
            given.setdefault(dimension, []).append(target)
    return {dimension: fmean(values) for dimension, values in given.items()}
