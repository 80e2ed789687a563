"""One error base class carrying its exit code, and the exit codes themselves.

Every mistake a user can make raises a subclass of `GoodlooksError`; the CLI prints its
message (never a traceback, unless `--debug`) and exits with its code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    INVALID_BANK = 3
    INVALID_RESULTS = 4
    INTERRUPTED = 130


class GoodlooksError(Exception):
    """A mistake the user can fix; `str(error)` is the whole message shown to them."""

    exit_code: ExitCode = ExitCode.UNEXPECTED


class UsageError(GoodlooksError):
    """Options that cannot work together, a missing file, a file that would be overwritten."""

    exit_code = ExitCode.USAGE


class BankError(GoodlooksError):
    """A question bank that cannot be loaded; carries every problem found."""

    exit_code = ExitCode.INVALID_BANK

    def __init__(self, problems: list, summary: str | None = None) -> None:
        self.problems = list(problems)
        lines = [str(problem) for problem in self.problems]
        if summary:
            lines.append(summary)
        super().__init__("\n".join(lines))


class ResultsError(GoodlooksError):
    """An answers or results file that cannot be used."""

    exit_code = ExitCode.INVALID_RESULTS


class Interrupted(GoodlooksError):
    """Ctrl-C: nothing typed so far is lost; the message says how to go on."""

    exit_code = ExitCode.INTERRUPTED
