"""The command line: a thin Typer layer over the library.

`app` (the Typer app and what every command shares) is at the bottom; each command module
registers its commands on it; `commands` imports them all in one place. Importing this package
changes nothing: `main`, the console entry point, is the only place that tunes the process
(the garbage collector while starting, and output streams that replace what they cannot encode).
"""

from __future__ import annotations


def main() -> None:
    """The `goodlooks` command: tune this process for a quick start, then run the command line."""
    from goodlooks.base.output_encoding import replace_what_cannot_be_shown
    from goodlooks.cli import start_up

    start_up.begin()  # before typer, pydantic and the rest are imported
    replace_what_cannot_be_shown()  # cp1252 or ASCII output: the nearest characters, never a crash
    from goodlooks.cli.commands import run

    run()
