"""`goodlooks room`: the room votes on its phones, blind and all at once, straight into the
record. Only wires options to the library: the room's state and rules are in `goodlooks.room`.
Starlette, uvicorn, sse-starlette and segno are imported here, inside the command, so
`goodlooks --help` pays nothing for them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from goodlooks.base.errors import Interrupted, UsageError
from goodlooks.cli.app import (
    BankOption,
    Debug,
    OrganisationOption,
    Quiet,
    command,
    console,
    organisation_name,
    show_profile,
    tell,
)


@command()
def room(
    bank: BankOption = None,
    only: Annotated[list[str] | None, typer.Option(
        metavar="ID_OR_TAG", help="Ask only these dimensions, groups, questions or tags "
                                  "(repeat, or separate with commas).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Where to save the votes and answers. Default: a new file under ./goodlooks-results/.")] = None,
    resume: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Open the room again on a file it saved, at the question it was on; "
                             "phones join again, votes already cast are kept.")] = None,
    targets: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Where the board wants to be: a YAML file of dimension id: level or score.")] = None,
    host: Annotated[str | None, typer.Option(
        metavar="ADDRESS", help="The one address to listen on. Default: this laptop's address on its "
                                "network (its default route).")] = None,
    port: Annotated[int, typer.Option(metavar="N", help="The port to listen on. Default: a free one.")] = 0,
    present: Annotated[bool, typer.Option(
        "--present", help="For a projector: one question per screen, the review one part at a time.")] = False,
    anonymous: Annotated[bool, typer.Option(
        "--anonymous", help="Every vote anonymous: no names beside votes, none in the file.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    organisation: OrganisationOption = None,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """The room votes on its phones over this laptop's network, blind and all at once; the
    terminal drives the questions, shows who has voted, reveals the votes and records the
    agreed answer, as assess --votes does. Nothing leaves this laptop.

    Example: goodlooks room --only board-question --output board-2026.json

    Example: goodlooks room --resume board-2026.json
    """
    from goodlooks import assessment
    from goodlooks.interview.prompts import terminal_available
    from goodlooks.room.address import checked_host, default_host
    from goodlooks.workshop.scope import scope_tokens

    if resume is not None and (output is not None or only or targets is not None or bank is not None):
        raise UsageError("--resume opens the room again as it began; leave out --output, --only, --bank "
                         "and --targets")
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be a port number from 1 to 65535, not {port}")
    chosen = checked_host(host) if host is not None else None
    organisation = organisation_name(organisation)
    if not terminal_available():
        raise UsageError("goodlooks room is driven from a terminal, and standard input is not one")
    if resume is not None:
        session = assessment.resume(resume, None)
        if session.results.kind != "voted":
            raise UsageError(f"{resume} holds answers given without votes; the room carries on only with a "
                             f"file of votes (made by goodlooks room or goodlooks assess --votes)")
    else:
        session = assessment.start(bank, output, None, force,
                                   assessment.Setup(None, tuple(scope_tokens(only)), targets, votes=True,
                                                    organisation=organisation))
    if resume is not None and organisation:
        session.results.organisation = organisation
    for notice in session.notices:
        tell(notice)
    where = (f"Listening on {chosen} only (--host)." if chosen else "")
    chosen = chosen or default_host()
    if not where:
        where = (f"Listening on {chosen}, this laptop's address on its network (its default route), and on "
                 "no other. Phones must be on the same network.")
    if chosen.startswith("127.") or chosen == "::1":
        where = f"Listening on {chosen}: only this laptop can reach it (for trying the room out)."
    _run_room(session, chosen, port, where, present, anonymous, resume is not None)


def _run_room(session: Any, host: str, port: int, where: str, present: bool, anonymous: bool,
              resumed: bool) -> None:
    from goodlooks.interview.engine import Interview
    from goodlooks.room.address import bind
    from goodlooks.room.guard import Door, new_secret
    from goodlooks.room.presenting import PresentRoomUI, room_ui
    from goodlooks.room.session import Recorder, Server
    from goodlooks.room.state import room_from_record
    from goodlooks.room.web import make_app

    results = session.results
    the_room = room_from_record(results.room, anonymous)
    sock = bind(host, port)
    door = Door(host, sock.getsockname()[1], new_secret())
    recorder = Recorder(the_room, results, session.path)
    server = Server(make_app(the_room, door, recorder.save_votes, title=session.bank.title), sock)
    ui = room_ui(console, the_room, door, where, present=present, resumed=resumed)
    resume_at = results.room.open_question if resumed and results.room else None
    server.start()
    try:
        session.results = Interview(session.bank, results, session.path, ui, recorder.save, votes=True,
                                    resume_at=resume_at).run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_stopped(session, the_room)) from None
    finally:
        the_room.end()
        server.stop()
    if isinstance(ui, PresentRoomUI):  # a page at a time, its score and table first, as assess --present shows it
        try:
            ui.show_paged(lambda shown_on: show_profile(session.bank, session.results, False, shown_on=shown_on))
        except (KeyboardInterrupt, EOFError):
            pass  # the votes and answers are saved; only the rest of the profile is not shown
    else:
        show_profile(session.bank, session.results, False)
    tell(f"\nSaved in {session.path}")
    if session.unanswered:
        tell(f"{session.unanswered} of {len(session.bank.questions())} questions not answered yet; to carry on: "
             f"{_resume_command(session.path)}")


def _stopped(session: Any, the_room: Any) -> str:
    from goodlooks.base.numbers import plural

    votes = the_room.votes_cast()
    return (f"\nStopped. {plural(len(session.results.answers), 'answer')} and {plural(votes, 'vote')} saved in "
            f"{session.path}.\nTo open the room again where it was: {_resume_command(session.path)}")


def _resume_command(path: Path) -> str:
    import shlex

    return f"goodlooks room --resume {shlex.quote(str(path))}"
