"""`goodlooks report`: the board paper (Markdown), the HTML report and CSV for analysts.
Registered in `goodlooks.cli.commands`; it only wires options to `goodlooks.report.making`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodlooks.cli.app import Debug, Quiet, command, is_standard_stream, say_data, tell
from goodlooks.report.interface import ReportFormat


@command()
def report(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE", help="Results files: one for markdown or html; one or more for csv; - for standard input.")],
    format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", metavar="FORMAT", case_sensitive=False,
        help="markdown (default): a board paper; html: one self-contained page with charts; "
             "csv: answers.csv, responses.csv and codebook.csv for analysts.", show_default=False,
    )] = ReportFormat.markdown,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="An earlier results file: show the change since then.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="PATH",
        help="Where to write: a file for markdown or html (default, or -: standard output); a folder for csv.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
    peers: Annotated[list[Path] | None, typer.Option(
        "--peers", metavar="FILE_OR_FOLDER",
        help="Other organisations' results (files, or folders of them; repeat for more): show where FILE's "
             "organisation stands among them, never naming them.")] = None,
    min_peers: Annotated[int, typer.Option(
        "--min-peers", metavar="N", help="With --peers: show no peer figure from fewer than N peers.")] = 5,
    history: Annotated[list[Path] | None, typer.Option(
        "--history", metavar="FILE_OR_FOLDER",
        help="The organisation's earlier results (files, or folders of them; repeat for more): show its "
             "scores over the years.")] = None,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Write a report of results files for the board, the web or a spreadsheet.

    Example: goodlooks report board.json --format html --output board.html

    Example: goodlooks report board-2026.json --baseline board-2025.json --format markdown

    Example: goodlooks report answers/*.json --format csv --output board-csv

    Example: goodlooks report north-2026.json --peers ics-2026/ --history north-2023.json --history north-2024.json
    """
    from goodlooks.report.making import make_report, write_report
    from goodlooks.report.standing import Standing

    if is_standard_stream(output):
        output = None
    if output is None and format is ReportFormat.csv:
        from goodlooks.base.errors import UsageError

        extra = [name for name, given in (("peers.csv", peers), ("history.csv", history)) if given]
        raise UsageError(f"--format csv writes {('three', 'four', 'five')[len(extra)]} files (answers.csv, "
                         f"responses.csv, codebook.csv{''.join(', ' + name for name in extra)}); "
                         "name a folder for them with --output FOLDER")
    standing = Standing(tuple(peers or ()), tuple(history or ()), min_peers)
    made = make_report(files, format, baseline, standing)
    for path, earlier in standing.repeated:
        tell(f"Counted once: {path} is the same assessment as {earlier}")
    if output is None:
        _say_report(made)
        return
    for path in write_report(made, format, output, force):
        tell(f"Wrote {path}")


def _say_report(made: dict[str, str]) -> None:
    (text,) = made.values()
    say_data(text)
