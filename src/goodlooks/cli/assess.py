"""`goodlooks assess` (the interview, votes, consensus, answers from a file) and `goodlooks
profile`. Each only wires options to the library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from goodlooks.base.errors import Interrupted, UsageError
from goodlooks.cli import start_up
from goodlooks.cli.app import (NEWEST, AcceptBankChange, BankOption, OrganisationOption, app, checked, console,
                               organisation_name, say, show_profile)


@app.command()
def assess(
    bank: BankOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to save the results. Default: a new file under ./goodlooks-results/.")] = None,
    respondent: Annotated[Optional[str], typer.Option(
        metavar="NAME", help="Who is answering. Default: anonymous.")] = None,
    organisation: OrganisationOption = None,
    answers: Annotated[Optional[Path], typer.Option(
        metavar="FILE", help="Take the answers from a YAML or JSON file instead of asking.")] = None,
    resume: Annotated[Optional[str], typer.Option(
        metavar="[FILE]",
        help="Carry on with a results file at its first unanswered question; alone, the newest "
             "unfinished one here or in a folder here (goodlooks-results/, answers/, ...).")] = None,
    votes: Annotated[bool, typer.Option(
        "--votes", help="A room votes at each question (type one number per person); then record "
                        "the agreed answer.")] = False,
    consensus: Annotated[Optional[Path], typer.Option(
        metavar="COMBINED", help="Agree the board's answers over a file made by goodlooks combine.")] = None,
    order: Annotated[str, typer.Option(
        metavar="disagreement|bank",
        help="With --consensus: widest spread first (disagreement), or the bank's order.")] = "disagreement",
    only: Annotated[Optional[list[str]], typer.Option(
        metavar="ID_OR_TAG", help="Ask only these dimensions, groups, questions or tags "
                                  "(repeat, or separate with commas).")] = None,
    targets: Annotated[Optional[Path], typer.Option(
        metavar="FILE", help="Where the board wants to be: a YAML file of dimension id: level or score.")] = None,
    present: Annotated[bool, typer.Option(
        "--present", help="For a projector: one question per screen, the review one part at a time.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show how every score was worked out.")] = False,
    accept_bank_change: AcceptBankChange = False,
) -> None:
    """Run the interview, saving every answer as it is given, then show the maturity profile.

    Example: goodlooks assess --votes --only board-question --output board-2026.json
    """
    from goodlooks import assessment
    from goodlooks.workshop.scope import scope_tokens

    _check_assess_options(resume, answers, output, votes, consensus, order, only, targets)
    assessment.check_respondent(respondent)
    if accept_bank_change and resume is None and answers is None:
        raise UsageError("--accept-bank-change goes with --resume FILE or --answers FILE: it accepts a bank "
                         "that changed since FILE's answers were given")
    organisation = organisation_name(organisation)
    setup = assessment.Setup(respondent, tuple(scope_tokens(only)), targets, votes, organisation)
    if answers is not None:
        filled = assessment.from_answers_file(answers, bank, output, respondent, force, setup, accept_bank_change)
        for notice in filled.notices:
            say(notice, err=True)
        _finish(filled, explain)
        return
    start_up.pause_collection()  # the interview's set-up only allocates what it keeps; on again as the interview starts
    session = None
    if resume is not None:
        path = assessment.newest_unfinished() if resume == NEWEST else Path(resume)
        session = checked(lambda accept: assessment.resume(path, bank, accept), accept_bank_change)
        say(_resuming_line(session), err=True)
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
        say(notice, err=True)
    if resume is not None and respondent:
        session.results.respondent = respondent
    if resume is not None and organisation:
        session.results.organisation = organisation
    from goodlooks.interview.engine import Interview

    if present:
        from goodlooks.interview.presenting import PresentUI

        ui: TerminalUI = PresentUI(console)
    else:
        ui = TerminalUI(console)
    start_up.collect_from_here()  # the bank, its models and the libraries stay for the whole interview
    question_order = _question_order(session, order) if session.results.kind == "agreed" else None
    try:
        session.results = Interview(session.bank, session.results, session.path, ui, order=question_order,
                                    votes=session.results.kind == "voted").run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_interrupted_message(session)) from None
    _finish(session, explain, ui if present else None)


def _check_assess_options(resume: Any, answers: Any, output: Any, votes: bool, consensus: Any, order: str,
                          only: Any, targets: Any) -> None:
    if resume is not None and (answers is not None or output is not None):
        raise UsageError("--resume carries on in the file it names; leave out --answers and --output")
    if resume is not None and (votes or consensus or only or targets):
        raise UsageError("--resume carries on as the interview began; leave out --votes, --consensus, "
                         "--only and --targets")
    if consensus is not None and (votes or answers is not None or only):
        raise UsageError("--consensus agrees answers over a combined file; leave out --votes, --answers "
                         "and --only")
    if votes and answers is not None:
        raise UsageError("--votes is for a room at a terminal; leave out --answers")
    if order not in ("disagreement", "bank"):
        raise UsageError(f"--order must be disagreement or bank, not '{order}'")


def _question_order(session: Any, order: str) -> Any:
    """Widest spread first (ties in the bank's order), or the bank's order."""
    questions = session.bank.questions()
    if order == "bank":
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
        say(f"{plural(len(found), 'unfinished interview')} here (the newest: {found[0]}); to carry on with it "
            "instead: goodlooks assess --resume (goodlooks list shows them all)", err=True)


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


def _finish(session: Any, explain: bool, pages: Any = None) -> None:
    """The profile, then where it was saved; with `pages` (a projector's UI), the profile a page
    at a time."""
    from goodlooks.base.numbers import plural

    if pages is not None:
        try:
            pages.show_paged(lambda shown_on: show_profile(session.bank, session.results, explain, shown_on=shown_on))
        except (KeyboardInterrupt, EOFError):
            pass  # the answers are saved; only the rest of the profile is not shown
    else:
        show_profile(session.bank, session.results, explain)
    say(f"\nSaved in {_where(session.path)}")
    if session.unanswered:
        them = "it" if session.unanswered == 1 else "them"
        say(f"{plural(session.unanswered, 'question')} not answered yet; to answer {them}: "
             f"{_resume_command(session.path)}")


@app.command()
def profile(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A results file saved by goodlooks assess.")],
    bank: Annotated[Optional[str], typer.Option(
        "--bank", "-b", metavar="BANK",
        help="Re-score the answers against this bank. Default: the copy of the bank in FILE.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show how every score was worked out.")] = False,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Show every recommendation (always, when the output is not a terminal).")] = False,
    notes: Annotated[bool, typer.Option("--notes", help="Show every note under its question.")] = False,
    by: Annotated[Optional[str], typer.Option(
        "--by", metavar="FAMILY",
        help="Regroup the scores by a tag family the bank declares, e.g. wgll.")] = None,
    accept_bank_change: AcceptBankChange = False,
) -> None:
    """Show the maturity profile of a saved results file.

    Example: goodlooks profile goodlooks-results/what-good-looks-like-20261125-093000.json --explain

    Example: goodlooks profile board.json --by wgll

    Example: goodlooks profile board.json --all --notes
    """
    from goodlooks.assessment import report_bank
    from goodlooks.results.store import load_results

    if accept_bank_change and bank is None:
        raise UsageError("--accept-bank-change goes with --bank BANK: it accepts re-scoring against a bank "
                         "that changed since the answers were given")
    results = load_results(file)
    scored_with = checked(lambda accept: report_bank(results, file, bank, accept), accept_bank_change)
    if results.set_aside:
        from goodlooks.results.bank_change import set_aside_line

        say(set_aside_line(results), err=True)
    if by is None:
        show_profile(scored_with, results, explain, show_all or None, notes)
        return
    from goodlooks.render.by_tag import render_by_tag, render_by_tag_explanation

    shown_on = console()
    tags = render_by_tag(scored_with, results, by, shown_on)
    if explain:
        render_by_tag_explanation(scored_with, results, tags, shown_on)
