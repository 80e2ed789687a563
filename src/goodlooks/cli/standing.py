"""Where the organisation stands: among its peers (`goodlooks peers`) and over the years
(`goodlooks trend`). Registered in `goodlooks.cli.commands`; each only wires options to the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodlooks.cli.app import Debug, FormatOption, Quiet, command, console, say_json, tell
from goodlooks.cli.choices import OutputFormat

MinPeersOption = Annotated[int, typer.Option(
    "--min-peers", metavar="N",
    help="Show no peer figure from fewer than N peers (small groups would give their members' scores "
         "away).")]


@command()
def peers(
    own: Annotated[Path, typer.Argument(metavar="OWN", help="The organisation's own results file (its agreed "
                                                            "answers, or a single results file).")],
    peer_files: Annotated[list[str], typer.Argument(  # str: Typer builds a validator per Path given
        metavar="PEER_FILE_OR_FOLDER",
        help="Other organisations' results files, or folders of them (every *.json inside; OWN among them "
             "is not counted twice).")],
    min_peers: MinPeersOption = 5,
    format: FormatOption = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Where an organisation stands among its peers, part by part: its score, the peers' median and
    quartiles, its rank. Peers are never named.

    Example: goodlooks peers north-agreed.json ics-2026/
    """
    from goodlooks.workshop.peer_files import read_peers

    standing = read_peers(own, [Path(name) for name in peer_files], min_peers)
    if format is OutputFormat.json:
        say_json(standing.as_dict())
        return
    from goodlooks.render.peers import render_peers

    render_peers(standing, console())


@command()
def trend(
    files: Annotated[list[str], typer.Argument(
        metavar="FILE_OR_FOLDER",
        help="One organisation's results files over the years, or a folder of them, in any order.")],
    format: FormatOption = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """One organisation over the years: the overall score and each part at every assessment, the
    change each time and the targets set. Bank versions are compared on the questions they share.

    Example: goodlooks trend north-2022.json north-2023.json north-2024.json

    Example: goodlooks trend north-over-the-years/
    """
    from goodlooks.workshop.trend_files import read_trend

    reading = read_trend([Path(name) for name in files])
    for path, earlier in reading.repeated:
        tell(f"Counted once: {path} is the same assessment as {earlier}")
    if format is OutputFormat.json:
        say_json(reading.trend.as_dict())
        return
    from goodlooks.render.trend import render_trend

    render_trend(reading.trend, console())
