"""`goodlooks assess`: the interview, votes, consensus, or answers from a file. It only wires
options to the library (`goodlooks.assessment`) and the interview."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from goodlooks.base.errors import Interrupted, UsageError
from goodlooks.cli import start_up
from goodlooks.cli.app import (
    AcceptBankChange,
    BankOption,
    Debug,
    OrganisationOption,
    Quiet,
    checked,
    command,
    console,
    is_standard_stream,
    organisation_name,
    say_json,
    show_profile,
    tell,
)
from goodlooks.cli.choices import QuestionOrder, choices_metavar


@command()
def assess(
    file: Annotated[Path | None, typer.Argument(
        metavar="[FILE]", help="With --resume: the results file to carry on with.")] = None,
    bank: BankOption = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to save the results (- for standard output, with --answers). "
             "Default: a new file under ./goodlooks-results/.")] = None,
    respondent: Annotated[str | None, typer.Option(
        metavar="NAME", help="Who is answering. Default: anonymous.")] = None,
    organisation: OrganisationOption = None,
    answers: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Take the answers from a YAML or JSON file (- for standard input) instead "
                             "of asking.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Carry on with results file FILE at its first unanswered question; with no FILE, "
                         "the newest unfinished one here or in a folder here (goodlooks-results/, "
                         "answers/, ...).")] = False,
    votes: Annotated[bool, typer.Option(
        "--votes", help="A room votes at each question (type one number per person); then record "
                        "the agreed answer.")] = False,
    consensus: Annotated[Path | None, typer.Option(
        metavar="COMBINED", help="Agree the board's answers over a file made by goodlooks combine.")] = None,
    order: Annotated[QuestionOrder, typer.Option(
        metavar=choices_metavar(QuestionOrder), case_sensitive=False,
        help="With --consensus: widest spread first (disagreement), or the bank's order.",
    )] = QuestionOrder.disagreement,
    only: Annotated[list[str] | None, typer.Option(
        metavar="ID_OR_TAG", help="Ask only these dimensions, groups, questions or tags "
                                  "(repeat, or separate with commas).")] = None,
    targets: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Where the board wants to be: a YAML file of dimension id: level or score.")] = None,
    present: Annotated[bool, typer.Option(
        "--present", help="For a projector: one question per screen, the review one part at a time.")] = False,
    plain: Annotated[bool, typer.Option(
        "--plain", help="Ask each question as numbered lines to type an answer to, with no cursor "
                        "movement or colour: for screen readers (also when TERM is dumb).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show how every score was worked out.")] = False,
    accept_bank_change: AcceptBankChange = False,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Run the interview, saving every answer as it is given, then show the maturity profile.

    Example: goodlooks assess --votes --only board-question --output board-2026.json

    Example: goodlooks assess --resume board-2026.json
    """
    from goodlooks import assessment
    from goodlooks.interview.plain import plain_wanted
    from goodlooks.workshop.scope import scope_tokens

    _check_options(file, resume, answers, output, votes, consensus, only, targets, present and plain)
    assessment.check_respondent(respondent)
    if accept_bank_change and not resume and answers is None:
        raise UsageError("--accept-bank-change goes with --resume FILE or --answers FILE: it accepts a bank "
                         "that changed since FILE's answers were given")
    organisation = organisation_name(organisation)
    setup = assessment.Setup(respondent, tuple(scope_tokens(only)), targets, votes, organisation)
    if answers is not None:
        filled = assessment.from_answers_file(answers, bank, output, respondent, force, setup, accept_bank_change)
        for notice in filled.notices:
            tell(notice)
        _finish(filled, explain)
        return
    plain = plain_wanted(plain) and not present
    start_up.pause_collection()  # the interview's set-up only allocates what it keeps; on again as the interview starts
    session = None
    if resume:
        path = assessment.newest_unfinished() if file is None else file
        session = checked(lambda accept: assessment.resume(path, bank, accept), accept_bank_change, plain)
        tell(_resuming_line(session))
    from goodlooks.interview.prompts import TerminalUI, terminal_available

    if not terminal_available():
        raise UsageError("goodlooks assess asks its questions at a terminal, and standard input is not "
                         "one. To run without a terminal, give the answers in a file: "
                         "goodlooks assess --answers answers.yaml")
    if session is None and consensus is not None:
        session = assessment.consensus(consensus, output, force, targets, organisation)
    elif session is None:
        if output is None:
            _mention_unfinished()
        session = assessment.start(bank, output, respondent, force, setup)
    for notice in session.notices:
        tell(notice)
    if resume and respondent:
        session.results.respondent = respondent
    if resume and organisation:
        session.results.organisation = organisation
    from goodlooks.interview.engine import Interview

    if plain:
        from goodlooks.interview.plain import PlainUI

        ui: Any = PlainUI()
    elif present:
        from goodlooks.interview.presenting import PresentUI

        ui = PresentUI(console)
    else:
        ui = TerminalUI(console)
    start_up.collect_from_here()  # the bank, its models and the libraries stay for the whole interview
    question_order = _question_order(session, order) if session.results.kind == "agreed" else None
    try:
        session.results = Interview(session.bank, session.results, session.path, ui, order=question_order,
                                    votes=session.results.kind == "voted").run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_interrupted_message(session)) from None
    _finish(session, explain, plain=plain, pages=ui if present and not plain else None)


def _check_options(file: Any, resume: bool, answers: Any, output: Any, votes: bool, consensus: Any, only: Any,
                   targets: Any, present_and_plain: bool) -> None:
    if file is not None and not resume:
        raise UsageError(f"to carry on with {file}, add --resume: goodlooks assess --resume {file}")
    if resume and (answers is not None or output is not None):
        raise UsageError("--resume carries on in the file it names; leave out --answers and --output")
    if resume and (votes or consensus or only or targets):
        raise UsageError("--resume carries on as the interview began; leave out --votes, --consensus, "
                         "--only and --targets")
    if consensus is not None and (votes or answers is not None or only):
        raise UsageError("--consensus agrees answers over a combined file; leave out --votes, --answers "
                         "and --only")
    if votes and answers is not None:
        raise UsageError("--votes is for a room at a terminal; leave out --answers")
    if present_and_plain:
        raise UsageError("--present is for a projector and --plain for a screen reader; choose one")
    if answers is None and (is_standard_stream(output) or is_standard_stream(file)):
        raise UsageError("an interview saves its results file after every answer, so it needs a file, not "
                         "- (standard output goes with --answers: goodlooks assess --answers FILE --output -)")
    if answers is None and any(is_standard_stream(path) for path in (consensus, targets)):
        raise UsageError("an interview reads its answers from the terminal on standard input; give "
                         "--consensus and --targets as files")


def _question_order(session: Any, order: QuestionOrder) -> Any:
    """Widest spread first (ties in the bank's order), or the bank's order."""
    questions = session.bank.questions()
    if order is QuestionOrder.bank:
        return questions
    spreads = session.results.distributions
    return sorted(questions, key=lambda q: -(spreads[q.id].spread or 0) if q.id in spreads else 1)


def _resuming_line(assessment: Any) -> str:
    """"Resuming answers/md.json: Medical director, 3 of 32 answered, saved 14:02"."""
    from goodlooks.report.summary import who_answered
    from goodlooks.results.model import now

    results = assessment.results
    asked = assessment.bank.questions()
    answered = sum(1 for question in asked if question.id in results.answers)
    when = results.updated_at.astimezone()
    today = now().astimezone()
    shown = (f"{when:%H:%M}" if when.date() == today.date() else f"{when.day} {when:%b %H:%M}"
             if when.year == today.year else f"{when.day} {when:%b %Y %H:%M}")
    return f"Resuming {assessment.path}: {who_answered(results)}, {answered} of {len(asked)} answered, saved {shown}"


def _mention_unfinished() -> None:
    from goodlooks.assessment import unfinished
    from goodlooks.base.numbers import plural

    found = unfinished()
    if found:
        tell(f"{plural(len(found), 'unfinished interview')} here (the newest: {found[0]}); to carry on with it "
             "instead: goodlooks assess --resume (goodlooks list shows them all)")


def _resume_command(path: Path) -> str:
    import shlex

    return f"goodlooks assess --resume {shlex.quote(str(path))}"


def _interrupted_message(session: Any) -> str:
    from goodlooks.base.numbers import plural

    return (f"\nStopped. {plural(len(session.results.answers), 'answer')} saved in {_where(session.path)}.\n"
            f"To carry on where you left off: {_resume_command(session.path)}")


def _where(path: Path) -> str:
    """The results file as given; for a link, also the file that was really written."""
    if path.is_symlink():
        return f"{path} (a link: written through to {os.path.realpath(path)})"
    return str(path)


def _finish(session: Any, explain: bool, *, plain: bool = False, pages: Any = None) -> None:
    """The profile, then where it was saved; with `pages` (a projector's UI), the profile a page
    at a time."""
    from goodlooks.base.numbers import plural

    if is_standard_stream(session.path):  # the results file is the output
        from goodlooks.results.store import results_chunks

        say_json(text=b"".join(results_chunks(session.results)).decode("utf-8"))
        return
    if pages is not None:
        try:
            pages.show_paged(lambda shown_on: show_profile(session.bank, session.results, explain, shown_on=shown_on))
        except (KeyboardInterrupt, EOFError):
            pass  # the answers are saved; only the rest of the profile is not shown
    else:
        show_profile(session.bank, session.results, explain, plain=plain)
    tell(f"\nSaved in {_where(session.path)}")
    if session.unanswered:
        them = "it" if session.unanswered == 1 else "them"
        tell(f"{plural(session.unanswered, 'question')} not answered yet; to answer {them}: "
             f"{_resume_command(session.path)}")
