"""Starting, resuming and filling in an assessment: the steps `goodlooks assess` takes, with no
terminal in them. Each returns an `Assessment`: the bank, its results and where they are saved.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from goodlooks.bank.documents import builtin_banks
from goodlooks.bank.loader import LoadedBank, load_bank
from goodlooks.bank.model import Bank
from goodlooks.base.errors import GoodlooksError, UsageError
from goodlooks.base.paths import is_regular_file
from goodlooks.base.safe_text import storable
from goodlooks.results import size, store
from goodlooks.results.model import Results
from goodlooks.workshop.scope import recorded_scope, scoped

STANDARD_STREAM = "-"
"""As a file name: standard input where a file is read, standard output where one is written."""

if TYPE_CHECKING:
    from goodlooks.results.answers_file import AnswersFile, SetAside
    from goodlooks.results.model import SetAsideAnswer


@dataclass
class Assessment:
    bank: Bank
    """The bank as asked: cut down to the questions in scope (`--only`)."""
    results: Results
    path: Path
    notices: list[str] = field(default_factory=list)
    """What to tell the person before going on (e.g. that the bank copy in the file is used)."""
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
    organisation: str | None = None


def check_respondent(name: str | None) -> None:
    """Refuse a --respondent no results file could keep (too long, or not UTF-8 text)."""
    from goodlooks.results.model import NAME_TEXT

    if name is None:
        return
    if len(name.strip()) > NAME_TEXT:
        raise UsageError(f"--respondent is {len(name.strip()):,} characters; a name or role is at most {NAME_TEXT}")
    if storable(name) != name:
        raise UsageError("--respondent holds bytes that are not UTF-8 text; check your terminal's character "
                         "encoding, or type the name again")


def start(bank_ref: str | None, output: Path | None, respondent: str | None, force: bool,
          setup: Setup = Setup()) -> Assessment:
    """A new, empty assessment; refuses to overwrite an existing file without `force`, and one of
    the files it reads even with it."""
    loaded = load_bank(bank_ref)
    _not_an_input(output, loaded, setup.targets)
    return _start(loaded, output, respondent, force, setup)


def _not_an_input(output: Path | None, loaded: LoadedBank | None, *others: Path | None) -> None:
    """Refuse an --output that is one of the files read: the bank (and its bases), answers, targets."""
    if output is None:
        return
    from goodlooks.base.paths import refuse_own_input

    banks = [] if loaded is None else [None if loaded.builtin else loaded.path,
                                       *(base.path for base in loaded.bases if not base.builtin)]
    refuse_own_input([output], [*banks, *others])


def _start(loaded: LoadedBank, output: Path | None, respondent: str | None, force: bool,
           setup: Setup = Setup()) -> Assessment:
    assessment = _prepared(loaded, respondent, setup)
    assessment.path = store.claim_path(loaded.bank.id, output, force)  # created and locked: no other run writes it
    return assessment


def _prepared(loaded: LoadedBank, respondent: str | None, setup: Setup, scope_from: str | None = None) -> Assessment:
    """A new assessment, not yet given a file; refused if its file could not hold every answer.
    `scope_from`: the file the scope was read from (an answers file's `only`), if not --only."""
    bank = (recorded_scope(loaded.bank, setup.scope, scope_from) if scope_from
            else scoped(loaded.bank, setup.scope))
    targets: dict[str, float] = {}
    if setup.targets is not None:
        from goodlooks.workshop.targets import read_targets

        targets = read_targets(setup.targets, loaded.bank)
    results = store.new_results(loaded, respondent or setup.respondent)
    results.scope = list(setup.scope)
    results.kind = "voted" if setup.votes else "single"
    results.targets = targets
    results.organisation = setup.organisation
    store.refresh(results, bank)
    store.check_room(results, bank, loaded.bank.id if loaded.builtin else str(loaded.path))
    return Assessment(bank, results, Path(), whole=loaded.bank)


def consensus(combined_path: Path, output: Path | None, force: bool, targets: Path | None = None,
              organisation: str | None = None) -> Assessment:
    """A new agreed-answers interview over a combined file: its bank copy, respondents, targets,
    organisation (unless `organisation` names it) and the distribution behind every question,
    and no answers yet."""
    from goodlooks.workshop.targets import read_targets

    _not_an_input(output, None, combined_path, targets)
    combined = store.load_results(combined_path)
    if combined.kind != "combined":
        raise UsageError(f"{combined_path} holds {'agreed' if combined.kind == 'agreed' else 'one set of'} "
                         "answers, not several people's combined; make a combined file first: "
                         "goodlooks combine FILES --output combined.json")
    full = store.carried_bank(combined, combined_path)
    bank = recorded_scope(full, combined.scope, f"{combined_path}: its 'scope' (the questions asked)")
    wanted = read_targets(targets, full) if targets else dict(combined.targets)
    results = Results(bank=combined.bank.model_copy(), kind="agreed", respondents=combined.respondents,
                      sources=list(combined.sources), scope=list(combined.scope), targets=wanted,
                      distributions=dict(combined.distributions),
                      organisation=organisation or combined.organisation)
    store.refresh(results, bank)
    store.check_room(results, bank, str(combined_path))
    path = store.claim_path(f"{full.id}-agreed", output, force)
    return Assessment(bank, results, path, whole=full)


def unfinished(root: Path | None = None) -> list[Path]:
    """Results files still in progress here and one folder down (goodlooks-results/, answers/,
    ...), newest first: what `assess --resume` alone may carry on with."""
    from goodlooks.workshop.listing import find_results

    entries, _ = find_results(root)
    found = [(entry.results.updated_at.timestamp(), entry.path.stat().st_mtime_ns, entry.path) for entry in entries
             if entry.results is not None and entry.results.status == "in_progress"
             and entry.results.kind != "combined"]
    return [path for *_, path in sorted(found, key=lambda item: item[:2], reverse=True)]


def newest_unfinished(root: Path | None = None) -> Path:
    """The most recently updated results file still in progress, here or one folder down."""
    found = unfinished(root)
    if not found:
        raise UsageError("no unfinished results here or in the folders here to carry on with; start one with: "
                         "goodlooks assess, or name the file: goodlooks assess --resume FILE")
    return found[0]


def from_answers_file(answers: Path, bank_ref: str | None, output: Path | None,
                      respondent: str | None, force: bool, setup: Setup = Setup(),
                      accept_bank_change: bool = False) -> Assessment:
    """An assessment filled in from an answers file, saved; complete when every question has an
    answer. With `output` "-" nothing is saved: the caller writes the results to standard output.
    Answers outside the questions asked (`--only`) are named in a notice; a file whose answers
    all lie outside them is refused, and nothing is written."""
    from goodlooks.results.answered import when_answered
    from goodlooks.results.answers_file import read_answers_file

    loaded = load_bank(bank_ref)
    to_stream = output is not None and str(output) == STANDARD_STREAM
    _not_an_input(None if to_stream else output, loaded, answers, setup.targets)
    if output is not None and not to_stream:
        store.ensure_new(output, force)  # say so before reading the answers; claimed below
    filed = read_answers_file(answers, loaded.bank, loaded.sha256,  # refuses answers to another bank
                              accept_bank_change=accept_bank_change)
    scope_from = None
    if filed.only and not setup.scope:  # a form made with --only: score what it asked
        setup, scope_from = replace(setup, scope=filed.only), f"{answers}: its 'only' (the questions the form asked)"
    asked = (recorded_scope(loaded.bank, setup.scope, scope_from) if scope_from
             else scoped(loaded.bank, setup.scope))
    outside = [question_id for question_id in filed.answers if asked.question(question_id) is None]
    notices = list(filed.notices)
    if outside:  # said, or refused, before anything is made
        notices.append(_outside_scope(answers, filed, outside, setup.scope, len(filed.answers) - len(outside)))
    assessment = _prepared(loaded, respondent, setup, scope_from)
    assessment.notices += notices
    results = assessment.results
    results.respondent = respondent or filed.respondent
    results.anonymous, results.form = filed.anonymous, filed.form
    answered = when_answered(filed.answered_on, filed.form, answers)
    if answered.notice:
        assessment.notices.append(answered.notice)
    for question in assessment.bank.questions():  # only those in scope
        if question.id in filed.answers:
            answer = filed.answers[question.id]
            store.set_answer(results, assessment.bank, question.id, answer.choice, answer.note, answer.evidence)
            if answered.at is not None:
                results.answers[question.id].answered_at = answered.at
    for kept in filed.set_aside:
        results.set_aside.append(_set_aside_record(kept))
    if answered.at is not None:  # when the answers were given, not when they were typed in here
        results.started_at = answered.at
        results.completed_at = None if assessment.unanswered else answered.at
    if assessment.unanswered:
        store.refresh(results, assessment.bank)
    else:
        store.complete(results, assessment.bank)
    size.check_size(store.results_chunks(results), output or answers)  # before the file is made
    if to_stream:  # the caller writes the results to standard output
        assessment.path = Path(STANDARD_STREAM)
        return assessment
    assessment.path = store.claim_path(loaded.bank.id, output, force)
    store.save(results, assessment.path)
    return assessment


MAX_NAMED = 8


def _outside_scope(path: Path, filed: AnswersFile, outside: list[str], scope: tuple[str, ...], inside: int) -> str:
    """The notice (or, when nothing is left, the refusal) for answers outside `--only`."""
    from goodlooks.base.numbers import plural

    named = ", ".join(outside[:MAX_NAMED]) + (f" and {len(outside) - MAX_NAMED} more" if len(outside) > MAX_NAMED
                                              else "")
    only = f"--only {','.join(scope)}"
    form_only = filed.only
    if not inside:
        asked = f"the form asked {','.join(form_only)}: give --only {','.join(form_only)}, or leave out --only" \
            if form_only and tuple(form_only) != tuple(scope) else "leave out --only, or choose what they answer"
        raise UsageError(f"{path}: every answer in it is outside {only} ({plural(len(outside), 'answer')}: "
                         f"{named}); nothing was saved. {asked[0].upper()}{asked[1:]}.")
    return (f"{path}: {plural(len(outside), 'answer')} outside {only} {'is' if len(outside) == 1 else 'are'} "
            f"left out, not scored: {named}. To score {'it' if len(outside) == 1 else 'them'} too, leave out "
            "--only.")


def _set_aside_record(kept: SetAside) -> SetAsideAnswer:
    from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS
    from goodlooks.results.model import SetAsideAnswer

    option = kept.option
    reserved = option in RESERVED_KEYS
    return SetAsideAnswer(option=None if reserved else option, status=option if reserved else "answered",
                          note=kept.note, label=RESERVED_LABELS[option] if reserved else "",
                          question_id=kept.question_id, reason=kept.reason)


def _bank_for(results: Results, bank_ref: str | None, path: Path) -> tuple[LoadedBank | None, str | None]:
    """The bank to carry on with: --bank; else the bank file the results record, if the file there
    is still that bank; else the built-in bank of that id. Also, when a recorded file was passed
    over, why (for the notice).

    The recorded paths come from a file that may have come by email, so they are hints: a file
    there is used only if it loads as the bank with the recorded id, and nothing from a file that
    does not is shown (not its problems, not its text)."""
    if bank_ref is not None:
        return load_bank(bank_ref), None
    passed_over = None
    for recorded in dict.fromkeys(p for p in (results.bank.path, results.bank.absolute_path) if p):
        if not is_regular_file(recorded):
            continue
        try:
            loaded = load_bank(recorded)
        except GoodlooksError:
            passed_over = passed_over or (f"{recorded} could not be loaded as a bank (see why with: goodlooks "
                                          f"validate {shlex.quote(recorded)})")
            continue
        if loaded.bank.id == results.bank.id:
            return loaded, None
        passed_over = passed_over or f"{recorded} is now bank '{loaded.bank.id}', not '{results.bank.id}'"
    if results.bank.id in builtin_banks() and passed_over is None:
        return load_bank(results.bank.id), None
    return None, passed_over


def resume(path: Path, bank_ref: str | None, accept_bank_change: bool = False) -> Assessment:
    """An assessment read back from its results file, against a bank whose content has not changed
    (or whose change is accepted: raises `BankChanged` otherwise)."""
    from goodlooks.results.bank_change import check_bank_change

    store.open_for_writing(path)  # refused while another run holds it
    results = store.load_results(path)
    if results.kind == "combined":
        raise UsageError(f"{path} combines several people's answers and is not an interview to carry on; "
                         f"to agree the board's answers over it: goodlooks assess --consensus {path}")
    carried = store.carried_bank(results, path)
    loaded, passed_over = _bank_for(results, bank_ref, path)
    bank = carried if loaded is None else loaded.bank
    notices = [] if loaded is not None else [_carried_copy_notice(results, path, passed_over)]
    store.check_answers_fit(results, carried, path)
    if loaded is not None:
        plain = f"goodlooks assess --resume {shlex.quote(str(path))}"
        command = plain + (f" --bank {shlex.quote(bank_ref)}" if bank_ref else "")
        if check_bank_change(results, carried, loaded, path, accept=accept_bank_change, accept_command=command,
                             without_bank=plain):
            store.refresh(results, _recorded(bank, results, path))
    asked = _recorded(bank, results, path)
    store.check_room(results, asked, str(path))
    return Assessment(asked, results, path, notices, whole=bank)


def _recorded(bank: Bank, results: Results, path: Path) -> Bank:
    """`bank` cut to the scope `results` records (a scope naming nothing in it is the file's fault)."""
    return recorded_scope(bank, results.scope, f"{path}: its 'scope' (the questions asked)")


def _carried_copy_notice(results: Results, path: Path, passed_over: str | None = None) -> str:
    record = results.bank
    if passed_over is not None:
        why = f"The bank file recorded in {path} is not used: {passed_over}. Carrying on"
    else:
        looked = " or ".join(dict.fromkeys(p for p in (record.path, record.absolute_path) if p)) or "no file"
        why = f"The bank file ({looked}) is not there, and '{record.id}' is not a built-in bank: carrying on"
    return (f"{why} with the copy of the bank saved in {path}. To use a bank file instead: "
            f"goodlooks assess --resume {shlex.quote(str(path))} --bank FILE")


def report_bank(results: Results, path: Path, bank_ref: str | None, accept_bank_change: bool = False) -> Bank:
    """The bank to show saved results with: --bank re-scores against it (a changed bank only once the
    change is accepted: raises `BankChanged` otherwise), else the copy in the file."""
    from goodlooks.results.bank_change import check_bank_change

    carried = store.carried_bank(results, path)
    store.check_answers_fit(results, carried, path)  # answers edited to fit no question are not dropped
    if bank_ref is None:
        return _recorded(carried, results, path)
    loaded = load_bank(bank_ref)
    plain = f"goodlooks profile {shlex.quote(str(path))}"
    check_bank_change(results, carried, loaded, path, accept=accept_bank_change,
                      accept_command=f"{plain} --bank {shlex.quote(bank_ref)}", without_bank=plain)
    return _recorded(loaded.bank, results, path)
