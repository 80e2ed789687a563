"""Starting the `goodlooks` command quickly: no garbage collection while starting, and only the
command run turned into a click command.

Importing this module changes nothing. Only the console entry point (`goodlooks.cli.main`) calls
`begin`, which turns the collector off in goodlooks' own process: starting up (importing typer,
pydantic and the rest, reading the command line) allocates hundreds of thousands of objects that
all stay in use, and no cycles to free, so collections then only walk live objects (Python's
default, one every 700 allocations, spent about 30 ms, a tenth of the time to the first
question). A command turns it back on as it runs (`collect_from_here`). In any other program
(a test, a script importing goodlooks) these functions do nothing.
"""

from __future__ import annotations

import copy
import gc
from typing import Any

_own_process = False
"""True once the goodlooks command itself runs: goodlooks is the program, not a library inside
another (such as the tests)."""


def begin() -> None:
    """In the console entry point only: goodlooks is the program, so it may tune its process."""
    global _own_process
    _own_process = True
    gc.disable()


def pause_collection() -> None:
    """No collections while a command builds what it keeps (in goodlooks' own process only)."""
    if _own_process:
        gc.disable()


def collect_from_here() -> None:
    """Turn the garbage collector back on, for a collection every 10,000 allocations (a command
    allocates many objects and frees few cycles). What was allocated so far (modules, classes,
    models; once an interview starts, the bank too) is first moved out of the collector's sight:
    it stays in use to the end, and walking it again at every full collection is wasted time.
    Only in goodlooks' own process; another program's collector is left alone."""
    if not _own_process:
        return
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    gc.enable()


def app_for(app: Any, args: list[str]) -> Any:
    """The Typer `app` with only the command that `args` run registered, when they name one.

    Typer turns every registered command into a click command (reading its signature and making
    its parameters) before running any of them: about 6 ms a run for commands that are not run.
    Help for the whole app, and anything that names no command, gets the whole app."""
    from typer.main import get_command_name

    words = list(args)
    while words[:1] in (["--debug"], ["--quiet"]):  # the app's own options, before the command
        words = words[1:]
    if not words:
        return app
    chosen = [info for info in app.registered_commands
              if (info.name or get_command_name(info.callback.__name__)) == words[0]]
    if not chosen:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = chosen
    return narrowed
