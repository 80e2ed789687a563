"""Every command, registered on the app in one place. A new command is one new module here."""

from __future__ import annotations

import sys

from goodlooks.cli import start_up
from goodlooks.cli.app import app

# Importing each module registers its commands, in the order `goodlooks --help` lists them
# (so the order is kept as written, not sorted).
# isort: off
from goodlooks.cli import assess  # assess
from goodlooks.cli import profile  # profile
from goodlooks.cli import banks  # validate, questions, schema, init, diff
from goodlooks.cli import workshop  # combine, compare, list
from goodlooks.cli import standing  # peers, trend
from goodlooks.cli import form  # form
from goodlooks.cli import report  # report
from goodlooks.cli import room  # room
# isort: on

__all__ = ["app", "run"]

REGISTERED = (assess, profile, banks, workshop, standing, form, report, room)


def run() -> None:
    """Run the command line in goodlooks' own process (see `goodlooks.cli.main`)."""
    from goodlooks.base.output_errors import flush_stdout

    try:
        start_up.app_for(app, sys.argv[1:])(prog_name="goodlooks")
    except SystemExit as done:
        failed = flush_stdout()
        raise SystemExit(done.code if failed is None else failed) from None
