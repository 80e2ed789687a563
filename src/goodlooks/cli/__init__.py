"""The command line: a thin Typer layer over the library.

`app` (the Typer app and what every command shares) is at the bottom; each command module
registers its commands on it; `commands` imports them all in one place. Importing this package
changes nothing: `main`, the console entry point, is the only place that tunes the process.
"""

from __future__ import annotations


def main() -> None:
    """The `goodlooks` command: tune this process for a quick start, then run the command line."""
    from goodlooks.cli import start_up

    start_up.begin()  # before typer, pydantic and the rest are imported
    from goodlooks.cli.commands import run

    run()
