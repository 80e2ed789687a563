"""The bottom of the command line: the Typer app, the group that turns errors into messages and
exit codes, and what every command shares (the console, data and messages, the profile, options).

Command modules register their commands with `command()` and `goodlooks.cli.commands` imports
them all. Heavy modules are imported inside the commands, so `--help` is quick.

Data (a profile, JSON, a report) goes to standard output with `say`; messages (what was written,
what was left out, what to do next) go to standard error with `tell`, which `--quiet` silences.
Errors are always said. `--debug` and `--quiet` may come anywhere on the line: before the
command (the app's own options) or among the command's (every command has them).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from goodlooks import __version__
from goodlooks.base.errors import ExitCode, GoodlooksError, ResultsError, UsageError
from goodlooks.cli import start_up
from goodlooks.cli.choices import OutputFormat, choices_metavar
from goodlooks.cli.help_text import usage_pieces, write_help

_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., Any])

STANDARD_STREAM = "-"
"""A file name meaning standard input (where a file is read) or output (where one is written)."""
_switches = {"debug": False, "quiet": False, "json": False, "json_said": False}
"""--debug and --quiet as given on this run's line (set while its options are read); whether it
asked for `--format json`, and whether a JSON document has been written on standard output."""


class Commands(TyperGroup):
    """Runs a command and turns what it raises into a message and an exit code."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        listed = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        write_help(self, ctx, formatter, [(name, each) for name, each in listed if each is not None])

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*usage_pieces(self.get_params(ctx)), "COMMAND [ARGS]..."]

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        _switches.update(debug=bool(os.environ.get("GOODLOOKS_DEBUG")), quiet=False, json=False, json_said=False)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as error:
            _make_safe(error)
            raise

    def invoke(self, ctx: Any) -> Any:
        start_up.collect_from_here()
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except typer.TyperException as error:  # a usage error: Typer says it, with the usage line
            _make_safe(error)
            raise
        except GoodlooksError as error:
            _show_traceback_if_debugging()
            _refuse(str(error), error.exit_code)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _show_traceback_if_debugging()
            _refuse("\nInterrupted.", ExitCode.INTERRUPTED)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as error:  # noqa: BLE001 - the last line of defence
            from goodlooks.base.output_errors import stdout_failed

            code = stdout_failed(error) if isinstance(error, OSError) else None  # a closed pipe, a full disk
            if code is None and _impossible_name(error):
                _show_traceback_if_debugging()
                code = ExitCode.USAGE
                _refuse(_impossible_name_message(error), code)
            if code is None:
                code = ExitCode.UNEXPECTED
                message = (f"goodlooks hit an unexpected error: {type(error).__name__}: {error}\n"
                           "Run the same command with --debug to see where, and please report it.")
                _refuse(message, code, shown=not _show_traceback_if_debugging())
            raise typer.Exit(code) from None
        finally:
            held = sys.modules.get("goodlooks.results.lock")
            if held is not None:  # a results file was locked: give it up now the command is over
                held.release_all()


class Command(TyperCommand):
    """A command whose help goodlooks draws (see `goodlooks.cli.help_text`)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        write_help(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return usage_pieces(self.get_params(ctx))



def _refuse(message: str, code: ExitCode, *, shown: bool = True) -> None:
    """Say why the command stopped on standard error (unless `shown` is False: a traceback said
    it) and, when it was asked for `--format json` and has written no JSON yet, on standard output
    as one JSON document, so a script reading it always has JSON to parse."""
    if shown:
        say(message, err=True)
    if _switches["json"] and not _switches["json_said"]:
        try:
            say_json({"error": {"exit_code": int(code), "kind": _KINDS[code], "message": message.strip()}})
        except OSError:  # standard output is gone too (a closed pipe): the exit code says it
            pass


_KINDS = {ExitCode.UNEXPECTED: "unexpected", ExitCode.USAGE: "usage", ExitCode.INVALID_BANK: "invalid bank",
          ExitCode.INVALID_RESULTS: "invalid answers or results file", ExitCode.INTERRUPTED: "interrupted"}
"""What each exit code means, as the JSON error document says it (README: Exit codes)."""


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


def _make_safe(error: Any) -> None:
    """A usage error quotes what was typed: show its control characters as escapes."""
    from goodlooks.base.safe_text import terminal_text

    error.message = terminal_text(str(error.message))


def _remember(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> None:
    if value and param.name:
        _switches[param.name] = True


def remember_format(value: OutputFormat) -> OutputFormat:
    """`--format`'s callback: a command asked for JSON says why it stopped in JSON too."""
    _switches["json"] = value is OutputFormat.json
    return value


DEBUG_HELP = "Show the full traceback when something goes wrong."
QUIET_HELP = "Say nothing but the output and errors (no messages on standard error)."
Debug = Annotated[bool, typer.Option("--debug", help=DEBUG_HELP, callback=_remember)]
Quiet = Annotated[bool, typer.Option("--quiet", help=QUIET_HELP, callback=_remember)]
"""Every command takes these among its own options (`debug: Debug = False, quiet: Quiet = False`),
as the app takes them before the command: anywhere on the line. The callback records them."""


def command(name: str | None = None) -> Callable[[_F], _F]:
    """Register a command on the app: `@command()` above its function. Its help is drawn by
    goodlooks (`Command`); its last parameters are `debug: Debug` and `quiet: Quiet`."""

    def register(function: _F) -> _F:
        app.command(name, cls=Command)(function)
        return function

    return register


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Write text that may hold names from files or options, control characters made visible:
    data to standard output, or (`err`) an error to standard error."""
    from goodlooks.base.safe_text import terminal_text

    _write(terminal_text(text) + ("\n" if nl else ""), err)


def _write(text: str, err: bool = False) -> None:
    """Straight to the stream, in its encoding (click's echo writes UTF-8 to an ASCII stream)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # pythonw on Windows: nowhere to write
        return
    stream.write(text)
    stream.flush()


def say_data(text: str) -> None:
    """Write a file's content (a report, a form, a bank, JSON), already made safe for its format,
    to standard output as UTF-8, the encoding every such file has (and declares, for HTML),
    whatever the terminal's encoding: redirected, it is the same file as written with --output."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a stream of text only (some test runners): write the text
        _write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", "replace"))
    buffer.flush()


def say_bytes(content: bytes) -> None:
    """Write a binary file (Word, PDF) to standard output; refused at a terminal, which would show
    it as noise: redirect it to a file or a program."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None or stream.isatty():
        raise UsageError("--output - writes the file to standard output, and that is a terminal here; "
                         "redirect it (> board-paper.docx) or name a file with --output FILE")
    stream.flush()
    buffer.write(content)
    buffer.flush()


def say_json(data: Any = None, *, text: str | None = None) -> None:
    """Write JSON data (or JSON `text` already written) to standard output, every control and
    bidi character inside its strings written as a \\u escape: valid JSON for any input."""
    from goodlooks.base.safe_text import safe_json, safe_json_text

    _switches["json_said"] = True
    say_data((safe_json(data) if text is None else safe_json_text(text).rstrip("\n")) + "\n")


def tell(text: str) -> None:
    """A message for the person at the terminal (what was written, what to do next): standard
    error, unless --quiet."""
    if not _switches["quiet"]:
        say(text, err=True)


def _show_traceback_if_debugging() -> bool:
    if _switches["debug"] or os.environ.get("GOODLOOKS_DEBUG"):
        traceback.print_exc()
        return True
    return False


app = typer.Typer(
    cls=Commands,
    name="goodlooks",
    help="A maturity self-assessment: what good looks like for digital transformation.\n\n"
    "Start with: goodlooks assess",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

AcceptBankChange = Annotated[bool, typer.Option(
    "--accept-bank-change",
    help="Go on when the bank has changed since the answers were given, without asking.")]
BankOption = Annotated[str | None, typer.Option(
    "--bank", "-b", metavar="BANK",
    help="A bank YAML file, or a built-in bank's id, or - for standard input. Default: what-good-looks-like.")]
FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", metavar=choices_metavar(OutputFormat), case_sensitive=False, callback=remember_format,
    help="text: for people; json: the same for scripts (one JSON document on standard output).")]
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
        _write(f"goodlooks {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Debug = False,
    quiet: Quiet = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """A maturity self-assessment: what good looks like for digital transformation."""


def is_standard_stream(path: Path | str | None) -> bool:
    return path is not None and str(path) == STANDARD_STREAM


def console(*, plain: bool = False) -> Any:
    """The console every command prints with: text from files made safe as it is printed;
    `plain` writes no escape sequence at all (for screen readers and dumb terminals)."""
    from goodlooks.render.console import SafeConsole

    if plain:
        return SafeConsole(highlight=False, color_system=None, emoji=False, plain=True)
    return SafeConsole(highlight=False)


def checked(load: Callable[[bool], _T], accept: bool, plain: bool = False) -> _T:
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
        if not confirm_bank_change(plain):
            raise ResultsError(f"Nothing was changed.\n{changed.advice}") from None
        return load(True)


def show_profile(bank: Any, results: Any, explain: bool, show_all: bool | None = None, notes: bool = False,
                 *, plain: bool = False, shown_on: Any = None) -> None:
    from goodlooks.render.explain import render_explanation
    from goodlooks.render.profile import render_profile

    shown_on = shown_on or console(plain=plain)
    sheet = render_profile(bank, results, shown_on, show_all=show_all, notes=notes)
    if explain:
        render_explanation(bank, results, sheet, shown_on)
