"""Every command, registered on the app in one place. A new command is one new module here."""

from __future__ import annotations

import sys

from goodlooks.cli import start_up
from goodlooks.cli.app import app

# Importing each module registers its commands, in the order `goodlooks --help` lists them.
from goodlooks.cli import assess  # noqa: E402, I001 - assess
from goodlooks.cli import profile  # noqa: E402 - profile
from goodlooks.cli import banks  # noqa: E402 - validate, questions, schema, init, diff
from goodlooks.cli import workshop  # noqa: E402 - combine, compare, list
from goodlooks.cli import form  # noqa: E402 - form
from goodlooks.cli import report  # noqa: E402 - report

__all__ = ["app", "run"]

REGISTERED = (assess, profile, banks, workshop, form, report)


def run() -> None:
    """Run the command line in goodlooks' own process (see `goodlooks.cli.main`)."""
    from goodlooks.base.output_errors import flush_stdout

    try:
        start_up.app_for(app, sys.argv[1:])(prog_name="goodlooks")
    except SystemExit as done:
        failed = flush_stdout()
        raise SystemExit(done.code if failed is None else failed) from None
