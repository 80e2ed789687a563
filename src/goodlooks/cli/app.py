"""The bottom of the command line: the Typer app, the group that turns errors into messages and
exit codes, and what every command shares (the console, messages, the profile, options).

Command modules import from here and register their commands on `app`; `goodlooks.cli.main`
imports them all. Heavy modules are imported inside the commands, so `--help` is quick.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperGroup

from goodlooks import __version__
from goodlooks.base.errors import ExitCode, GoodlooksError, ResultsError, UsageError
from goodlooks.cli import start_up
from goodlooks.cli.help_labels import plain_labels

_T = TypeVar("_T")

NEWEST = "__newest__"


class Commands(TyperGroup):
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
            say(str(error), err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _show_traceback_if_debugging(ctx)
            say("\nInterrupted.", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as error:  # noqa: BLE001 - the last line of defence
            from goodlooks.base.output_errors import stdout_failed

            code = stdout_failed(error) if isinstance(error, OSError) else None  # a closed pipe, a full disk
            if code is None and _impossible_name(error):
                _show_traceback_if_debugging(ctx)
                say(_impossible_name_message(error), err=True)
                code = ExitCode.USAGE
            if code is None:
                code = ExitCode.UNEXPECTED
                if not _show_traceback_if_debugging(ctx):
                    say(f"goodlooks hit an unexpected error: {type(error).__name__}: {error}\n"
                        "Run the same command with --debug to see where, and please report it.", err=True)
            raise typer.Exit(code) from None
        finally:
            held = sys.modules.get("goodlooks.results.lock")
            if held is not None:  # a results file was locked: give it up now the command is over
                held.release_all()


def _impossible_name(error: Exception) -> bool:
    """A name the operating system refused as too long, wherever it was first looked at."""
    import errno

    return isinstance(error, OSError) and error.errno == errno.ENAMETOOLONG


def _impossible_name_message(error: Exception) -> str:
    """What is wrong with a name the operating system refused, as `base.paths` says it."""
    from goodlooks.base.paths import name_problem, shorten

    name = str(getattr(error, "filename", None) or "")
    problem = name_problem(name) if name else None
    if problem is None:  # too long in a way the system measures differently: say it plainly
        problem = "the system says it is too long (a file or folder name is at most 255 bytes)"
    return f"{shorten(name)!r} is not a possible file name: {problem}; choose a shorter one"


def say(text: str, *, err: bool = False) -> None:
    """Echo text that may hold names from files or options, with control characters made visible."""
    from goodlooks.base.safe_text import terminal_text

    typer.echo(terminal_text(text), err=err)


def _show_traceback_if_debugging(ctx: typer.Context) -> bool:
    if ctx.params.get("debug") or os.environ.get("GOODLOOKS_DEBUG"):
        traceback.print_exc()
        return True
    return False


app = typer.Typer(
    cls=Commands,
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
OrganisationOption = Annotated[str | None, typer.Option(
    "--organisation", metavar="NAME",
    help="The organisation these results are for, e.g. \"North Trust\" (goodlooks peers counts "
         "each organisation once, and never names them).")]


def organisation_name(value: str | None) -> str | None:
    """`--organisation`'s value with its spacing tidied; refused when empty or too long."""
    if value is None:
        return None
    from goodlooks.results.model import ORGANISATION_CHARS, clean_organisation

    name = clean_organisation(value)
    if name is None:
        raise UsageError("--organisation needs a name, e.g. --organisation \"North Trust\"")
    if len(name) > ORGANISATION_CHARS:
        raise UsageError(f"--organisation: the name is {len(name):,} characters long; at most "
                         f"{ORGANISATION_CHARS} fit in a results file")
    return name


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


def console() -> Any:
    """The console every command prints with: text from files made safe at the very end."""
    from goodlooks.render.console import SafeConsole

    return SafeConsole(highlight=False)


def checked(load: Callable[[bool], _T], accept: bool) -> _T:
    """`load(accept)`; when the bank has changed under the answers, list the changes and ask at a
    terminal whether to go on (without one, --accept-bank-change is needed)."""
    from goodlooks.results.bank_change import BankChanged

    try:
        return load(accept)
    except BankChanged as changed:
        from goodlooks.interview.prompts import confirm_bank_change, terminal_available

        if not terminal_available():
            raise
        say(changed.listing, err=True)
        if not confirm_bank_change():
            raise ResultsError(f"Nothing was changed.\n{changed.advice}") from None
        return load(True)


def show_profile(bank: Any, results: Any, explain: bool, show_all: bool | None = None, notes: bool = False,
                 shown_on: Any = None) -> None:
    from goodlooks.render.explain import render_explanation
    from goodlooks.render.profile import render_profile

    shown_on = shown_on or console()
    sheet = render_profile(bank, results, shown_on, show_all=show_all, notes=notes)
    if explain:
        render_explanation(bank, results, sheet, shown_on)
