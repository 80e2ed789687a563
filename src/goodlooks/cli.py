"""The command line: a thin Typer layer that parses options, calls the library and maps
errors to exit codes. Heavy modules are imported inside the commands, so `--help` is quick.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback

from goodlooks import start_up  # first: it turns the garbage collector off while starting
from pathlib import Path
from collections.abc import Callable
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperGroup

from goodlooks import __version__
from goodlooks.cli_help import plain_labels
from goodlooks.errors import ExitCode, GoodlooksError, Interrupted, ResultsError, UsageError

_T = TypeVar("_T")

NEWEST = "__newest__"


class _Commands(TyperGroup):
    """Runs a command and turns what it raises into a message and an exit code. Help reads as a
    person wrote it: every option shows its METAVAR (or nothing, for a flag), not a type label."""

    def get_params(self, ctx: typer.Context) -> list[Any]:
        return plain_labels(super().get_params(ctx))

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            plain_labels(command.get_params(ctx))
        return command

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """`assess --resume` with no file means the newest unfinished results (click options
        cannot take an optional value, so the missing value is filled in here)."""
        if "assess" in args and "--resume" in args:
            at = args.index("--resume")
            if at + 1 == len(args) or args[at + 1].startswith("-"):
                args = [*args[: at + 1], NEWEST, *args[at + 1:]]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:
        start_up.collect_from_here()
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except GoodlooksError as error:
            _show_traceback_if_debugging(ctx)
            _say(str(error), err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _show_traceback_if_debugging(ctx)
            _say("\nInterrupted.", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as error:  # noqa: BLE001 - the last line of defence
            from goodlooks.output_errors import stdout_failed

            code = stdout_failed(error) if isinstance(error, OSError) else None  # a closed pipe, a full disk
            if code is None:
                code = ExitCode.UNEXPECTED
                if not _show_traceback_if_debugging(ctx):
                    _say(f"goodlooks hit an unexpected error: {type(error).__name__}: {error}\n"
                         "Run the same command with --debug to see where, and please report it.", err=True)
            raise typer.Exit(code) from None
        finally:
            held = sys.modules.get("goodlooks.results.lock")
            if held is not None:  # a results file was locked: give it up now the command is over
                held.release_all()


def _say(text: str, *, err: bool = False) -> None:
    """Echo text that may hold names from files or options, with control characters made visible."""
    from goodlooks.terminal_safety import terminal_text

    typer.echo(terminal_text(text), err=err)


def _show_traceback_if_debugging(ctx: typer.Context) -> bool:
    if ctx.params.get("debug") or os.environ.get("GOODLOOKS_DEBUG"):
        traceback.print_exc()
        return True
    return False


app = typer.Typer(
    cls=_Commands,
    name="goodlooks",
    help="A maturity self-assessment: what good looks like for digital transformation.\n\n"
    "Start with: goodlooks assess",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

AcceptBankChange = Annotated[bool, typer.Option(
    "--accept-bank-change",
    help="Go on when the bank has changed since the answers were given, without asking.")]
BankOption = Annotated[Optional[str], typer.Option(
    "--bank", "-b", metavar="BANK",
    help="A bank YAML file, or a built-in bank's id. Default: what-good-looks-like.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"goodlooks {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback when something goes wrong.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """A maturity self-assessment: what good looks like for digital transformation."""


def _console() -> Any:
    from rich.console import Console

    from goodlooks.safe_console import SafeConsole

    return SafeConsole(highlight=False)


@app.command()
def assess(
    bank: BankOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to save the results. Default: a new file under ./goodlooks-results/.")] = None,
    respondent: Annotated[Optional[str], typer.Option(
        metavar="NAME", help="Who is answering. Default: anonymous.")] = None,
    answers: Annotated[Optional[Path], typer.Option(
        metavar="FILE", help="Take the answers from a YAML or JSON file instead of asking.")] = None,
    resume: Annotated[Optional[str], typer.Option(
        metavar="[FILE]",
        help="Carry on with a results file at its first unanswered question; alone, the newest "
             "unfinished one in ./goodlooks-results/.")] = None,
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
    if accept_bank_change and resume is None:
        raise UsageError("--accept-bank-change goes with --resume FILE: it accepts a bank that changed "
                         "since FILE's answers were given")
    setup = assessment.Setup(respondent, tuple(scope_tokens(only)), targets, votes)
    if answers is not None:
        _finish(assessment.from_answers_file(answers, bank, output, respondent, force, setup), explain)
        return
    gc.disable()  # the interview's set-up only allocates what it keeps; on again as the interview starts
    session = None
    if resume is not None:
        path = assessment.newest_unfinished() if resume == NEWEST else Path(resume)
        session = _checked(lambda accept: assessment.resume(path, bank, accept), accept_bank_change)
    from goodlooks.interview.prompts import TerminalUI, terminal_available

    if not terminal_available():
        raise UsageError("goodlooks assess asks its questions at a terminal, and standard input is not "
                         "one. To run without a terminal, give the answers in a file: "
                         "goodlooks assess --answers answers.yaml")
    if session is None and consensus is not None:
        session = assessment.consensus(consensus, output, force, targets)
    elif session is None:
        if output is None:
            _mention_unfinished()
        session = assessment.start(bank, output, respondent, force, setup)
    for notice in session.notices:
        _say(notice, err=True)
    if resume is not None and respondent:
        session.results.respondent = respondent
    from goodlooks.interview.engine import Interview

    ui = TerminalUI(_console, present=present)
    start_up.collect_from_here()  # the bank, its models and the libraries stay for the whole interview
    question_order = _question_order(session, order) if session.results.kind == "agreed" else None
    try:
        session.results = Interview(session.bank, session.results, session.path, ui, order=question_order,
                                    votes=session.results.kind == "voted").run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_interrupted_message(session)) from None
    _finish(session, explain)


def _checked(load: Callable[[bool], _T], accept: bool) -> _T:
    """`load(accept)`; when the bank has changed under the answers, list the changes and ask at a
    terminal whether to go on (without one, --accept-bank-change is needed)."""
    from goodlooks.results.bank_change import BankChanged

    try:
        return load(accept)
    except BankChanged as changed:
        from goodlooks.interview.prompts import confirm_bank_change, terminal_available

        if not terminal_available():
            raise
        typer.echo(changed.listing, err=True)
        if not confirm_bank_change():
            raise ResultsError(f"Nothing was changed.\n{changed.advice}") from None
        return load(True)


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


def _mention_unfinished() -> None:
    from goodlooks.render.numbers import plural
    from goodlooks.results.store import RESULTS_FOLDER
    from goodlooks.workshop.listing import list_results

    unfinished = [e for e in list_results(Path(RESULTS_FOLDER))
                  if e.results is not None and e.results.status == "in_progress" and e.results.kind != "combined"]
    if unfinished:
        _say(f"{plural(len(unfinished), 'unfinished interview')} in {RESULTS_FOLDER}/; to carry on with "
             "the newest instead: goodlooks assess --resume (goodlooks list shows them all)", err=True)


def _resume_command(path: Path) -> str:
    import shlex

    return f"goodlooks assess --resume {shlex.quote(str(path))}"


def _interrupted_message(session: Any) -> str:
    from goodlooks.render.numbers import plural

    return (f"\nStopped. {plural(len(session.results.answers), 'answer')} saved in {_where(session.path)}.\n"
            f"To carry on where you left off: {_resume_command(session.path)}")


def _where(path: Path) -> str:
    """The results file as given; for a link, also the file that was really written."""
    if path.is_symlink():
        return f"{path} (a link: written through to {os.path.realpath(path)})"
    return str(path)


def _finish(session: Any, explain: bool) -> None:
    from goodlooks.render.numbers import plural

    _show_profile(session.bank, session.results, explain)
    _say(f"\nSaved in {_where(session.path)}")
    if session.unanswered:
        them = "it" if session.unanswered == 1 else "them"
        _say(f"{plural(session.unanswered, 'question')} not answered yet; to answer {them}: "
             f"{_resume_command(session.path)}")


def _show_profile(bank: Any, results: Any, explain: bool, show_all: bool | None = None, notes: bool = False) -> None:
    from goodlooks.render.explain import render_explanation
    from goodlooks.render.profile import render_profile

    console = _console()
    sheet = render_profile(bank, results, console, show_all=show_all, notes=notes)
    if explain:
        render_explanation(bank, results, sheet, console)


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
    scored_with = _checked(lambda accept: report_bank(results, file, bank, accept), accept_bank_change)
    if results.set_aside:
        from goodlooks.results.bank_change import set_aside_line

        typer.echo(set_aside_line(results), err=True)
    if by is None:
        _show_profile(scored_with, results, explain, show_all or None, notes)
        return
    from goodlooks.render.by_tag import render_by_tag, render_by_tag_explanation

    console = _console()
    tags = render_by_tag(scored_with, results, by, console)
    if explain:
        render_by_tag_explanation(scored_with, results, tags, console)


def main() -> None:
    """The `goodlooks` command."""
    from goodlooks.output_errors import flush_stdout

    start_up.in_own_process = True
    try:
        start_up.app_for(app, sys.argv[1:])(prog_name="goodlooks")
    except SystemExit as done:
        failed = flush_stdout()
        raise SystemExit(done.code if failed is None else failed) from None


from goodlooks import cli_banks  # noqa: E402,F401 - registers validate, questions, schema, init and diff
from goodlooks import cli_workshop  # noqa: E402,F401 - registers combine, compare and list
from goodlooks import cli_form  # noqa: E402,F401 - registers form
from goodlooks import cli_report  # noqa: E402,F401 - registers report

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
