"""The command line: a thin Typer layer that parses options, calls the library and maps
errors to exit codes. Heavy modules are imported inside the commands, so `--help` is quick.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from goodlooks import __version__
from goodlooks.errors import ExitCode, GoodlooksError, Interrupted, UsageError

NEWEST = "__newest__"


class _Commands(TyperGroup):
    """Runs a command and turns what it raises into a message and an exit code."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """`assess --resume` with no file means the newest unfinished results (click options
        cannot take an optional value, so the missing value is filled in here)."""
        if "assess" in args and "--resume" in args:
            at = args.index("--resume")
            if at + 1 == len(args) or args[at + 1].startswith("-"):
                args = [*args[: at + 1], NEWEST, *args[at + 1:]]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except GoodlooksError as error:
            _show_traceback_if_debugging(ctx)
            typer.echo(str(error), err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _show_traceback_if_debugging(ctx)
            typer.echo("\nInterrupted.", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if not _show_traceback_if_debugging(ctx):
                typer.echo(f"goodlooks hit an unexpected error: {type(error).__name__}: {error}\n"
                           "Run the same command with --debug to see where, and please report it.",
                           err=True)
            raise typer.Exit(ExitCode.UNEXPECTED) from None


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

    return Console(highlight=False)


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
) -> None:
    """Run the interview, saving every answer as it is given, then show the maturity profile.

    Example: goodlooks assess --votes --only board-question --output board-2026.json
    """
    from goodlooks import assessment
    from goodlooks.workshop.scope import scope_tokens

    _check_assess_options(resume, answers, output, votes, consensus, order, only, targets)
    setup = assessment.Setup(respondent, tuple(scope_tokens(only)), targets, votes)
    if answers is not None:
        _finish(assessment.from_answers_file(answers, bank, output, respondent, force, setup), explain)
        return
    from goodlooks.interview.prompts import TerminalUI, terminal_available

    if not terminal_available():
        raise UsageError("goodlooks assess asks its questions at a terminal, and standard input is not "
                         "one. To run without a terminal, give the answers in a file: "
                         "goodlooks assess --answers answers.yaml")
    if resume is not None:
        path = assessment.newest_unfinished() if resume == NEWEST else Path(resume)
        session = assessment.resume(path, bank)
        if respondent:
            session.results.respondent = respondent
    elif consensus is not None:
        session = assessment.consensus(consensus, output, force, targets)
    else:
        if output is None:
            _mention_unfinished()
        session = assessment.start(bank, output, respondent, force, setup)
    from goodlooks.interview.engine import Interview

    ui = TerminalUI(_console(), present=present)
    question_order = _question_order(session, order) if session.results.kind == "agreed" else None
    try:
        session.results = Interview(session.bank, session.results, session.path, ui, order=question_order,
                                    votes=session.results.kind == "voted").run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_interrupted_message(session)) from None
    _finish(session, explain)


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
        typer.echo(f"{plural(len(unfinished), 'unfinished interview')} in {RESULTS_FOLDER}/; to carry on with "
                   "the newest instead: goodlooks assess --resume (goodlooks list shows them all)", err=True)


def _resume_command(path: Path) -> str:
    import shlex

    return f"goodlooks assess --resume {shlex.quote(str(path))}"


def _interrupted_message(session: Any) -> str:
    from goodlooks.render.numbers import plural

    return (f"\nStopped. {plural(len(session.results.answers), 'answer')} saved in {session.path}.\n"
            f"To carry on where you left off: {_resume_command(session.path)}")


def _finish(session: Any, explain: bool) -> None:
    from goodlooks.render.numbers import plural

    _show_profile(session.bank, session.results, explain)
    typer.echo(f"\nSaved in {session.path}")
    if session.unanswered:
        typer.echo(f"{plural(session.unanswered, 'question')} not answered yet; to answer them: "
                   f"{_resume_command(session.path)}")


def _show_profile(bank: Any, results: Any, explain: bool) -> None:
    from goodlooks.render.explain import render_explanation
    from goodlooks.render.profile import render_profile

    console = _console()
    sheet = render_profile(bank, results, console)
    if explain:
        render_explanation(bank, results, sheet, console)


@app.command()
def profile(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A results file saved by goodlooks assess.")],
    bank: Annotated[Optional[str], typer.Option(
        "--bank", "-b", metavar="BANK",
        help="Re-score the answers against this bank. Default: the copy of the bank in FILE.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show how every score was worked out.")] = False,
) -> None:
    """Show the maturity profile of a saved results file.

    Example: goodlooks profile goodlooks-results/what-good-looks-like-20261125-093000.json --explain
    """
    from goodlooks.assessment import report_bank
    from goodlooks.results.store import load_results

    results = load_results(file)
    _show_profile(report_bank(results, file, bank), results, explain)


@app.command()
def validate(
    banks: Annotated[Optional[list[str]], typer.Argument(
        metavar="BANK", help="Bank files or built-in bank ids. Default: the built-in bank.")] = None,
) -> None:
    """Check question banks and report every problem as FILE:LINE:COLUMN: message.

    Example: goodlooks validate my-bank.yaml
    """
    from goodlooks.bank.loader import load_bank
    from goodlooks.errors import BankError
    from goodlooks.render.numbers import plural

    problems: list = []
    for ref in banks or [None]:
        try:
            loaded = load_bank(ref)
        except BankError as error:
            problems += error.problems
            continue
        typer.echo(f"{loaded.path}: valid ({plural(len(loaded.bank.dimensions), 'dimension')}, "
                   f"{plural(len(loaded.bank.questions()), 'question')})")
    if problems:
        files = len({problem.file for problem in problems})
        raise BankError(problems, f"{len(problems)} problem{'s' * (len(problems) != 1)} in "
                                  f"{files} file{'s' * (files != 1)}; fix them and validate again.")


@app.command()
def questions(
    bank: BankOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="text|json",
                                        help="text: a readable outline; json: the loaded bank.")] = "text",
) -> None:
    """Show a bank's dimensions, questions and options.

    Example: goodlooks questions --bank my-bank.yaml --format json
    """
    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not '{format}'")
    from goodlooks.bank.loader import load_bank

    loaded = load_bank(bank)
    if format == "json":
        import json

        typer.echo(json.dumps(loaded.bank.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    from goodlooks.render.outline import render_outline

    render_outline(loaded.bank, _console())


@app.command()
def schema() -> None:
    """Print the JSON Schema of the bank format, for editors that check YAML.

    Example: goodlooks schema > goodlooks-bank.schema.json
    """
    import json

    from goodlooks.bank.model import bank_json_schema

    typer.echo(json.dumps(bank_json_schema(), indent=2))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter bank.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
) -> None:
    """Write a small, commented starter bank to edit.

    Example: goodlooks init my-bank.yaml
    """
    from goodlooks.files import write_atomic
    from goodlooks.templates import starter_bank

    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another path, or add --force to overwrite it")
    write_atomic(path, starter_bank(), private=False)
    typer.echo(f"Wrote {path}. Edit it, then check it with: goodlooks validate {path}")


def main() -> None:
    """The `goodlooks` command."""
    app(prog_name="goodlooks")


from goodlooks import cli_workshop  # noqa: E402,F401 - registers combine, compare and list

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
