"""`goodlooks report`: the board paper (Markdown, Word, PDF), the HTML report and CSV for analysts.
Registered in `goodlooks.cli.commands`; it only wires options to `goodlooks.report.making`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from goodlooks.cli.app import Debug, Quiet, command, is_standard_stream, say_bytes, say_data, tell
from goodlooks.report.interface import ReportFormat

_PAPER = "The board paper"


def _meeting_date(value: str | None) -> date | None:
    if value is None:
        return None
    from goodlooks.report.paper_file import meeting_date

    try:
        return meeting_date(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date like 2027-01-14 or '14 January 2027'") from None


@command()
def report(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE", help="Results files: one for markdown or html; one or more for csv; - for standard input.")],
    format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", metavar="FORMAT", case_sensitive=False,
        help="markdown (default): a board paper; html: one self-contained page with charts; "
             "docx: the board paper in Word; pdf: the board paper on A4 (needs the pdf extra); "
             "csv: answers.csv, responses.csv and codebook.csv for analysts.", show_default=False,
    )] = ReportFormat.markdown,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="An earlier results file: show the change since then.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="PATH",
        help="Where to write: a file for markdown or html (default, or -: standard output), docx or pdf; "
             "a folder for csv.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
    paper: Annotated[Path | None, typer.Option(
        "--paper", metavar="FILE", rich_help_panel=_PAPER,
        help="A YAML file of the paper's facts: organisation, meeting, date, sponsor, author, purpose, asks, "
             "owners and quarters of the priorities, BAF reference (see the README).")] = None,
    organisation: Annotated[str | None, typer.Option(
        "--organisation", metavar="NAME", rich_help_panel=_PAPER, help="The organisation, on the front sheet.")] = None,
    meeting: Annotated[str | None, typer.Option(
        "--meeting", metavar="MEETING", rich_help_panel=_PAPER,
        help="The meeting the paper goes to, e.g. 'Board of directors, in public'.")] = None,
    meeting_date: Annotated[str | None, typer.Option(
        "--meeting-date", metavar="DATE", rich_help_panel=_PAPER,
        help="The meeting's date: 2027-01-14 or '14 January 2027'.")] = None,
    sponsor: Annotated[str | None, typer.Option(
        "--sponsor", metavar="ROLE", rich_help_panel=_PAPER, help="The executive sponsor (lead director).")] = None,
    baseline_label: Annotated[str | None, typer.Option(
        "--baseline-label", metavar="LABEL", rich_help_panel=_PAPER,
        help="How the paper names the baseline, e.g. 'the December 2025 assessment' (default: by its date).")] = None,
    priorities: Annotated[int | None, typer.Option(
        "--priorities", metavar="N", min=3, max=5, rich_help_panel=_PAPER,
        help="How many priorities to propose, 3 to 5 (default 5).")] = None,
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

    Example: goodlooks report board.json --paper paper.yaml --format docx --output board-paper.docx

    Example: goodlooks report board-2026.json --baseline board-2025.json --format html --output board.html

    Example: goodlooks report answers/*.json --format csv --output board-csv

    Example: goodlooks report north-2026.json --peers ics-2026/ --history north-2023.json --history north-2024.json
    """
    from goodlooks.report.making import BINARY, PaperChoices, make_report, write_report
    from goodlooks.report.standing import Standing

    to_stream = is_standard_stream(output)  # -: standard output, the binary formats too
    if to_stream:
        output = None
    if output is None and (format is ReportFormat.csv or (format in BINARY and not to_stream)):
        from goodlooks.base.errors import UsageError

        if format is ReportFormat.csv:
            extra = [name for name, given in (("peers.csv", peers), ("history.csv", history)) if given]
            raise UsageError(f"--format csv writes {('three', 'four', 'five')[len(extra)]} files (answers.csv, "
                             f"responses.csv, codebook.csv{''.join(', ' + name for name in extra)}); "
                             "name a folder for them with --output FOLDER")
        raise UsageError(f"--format {format.value} writes a file, not text; name it with --output, e.g. "
                         f"--output board-paper.{format.value}")
    choices = PaperChoices(paper, organisation, meeting, _meeting_date(meeting_date), sponsor, baseline_label,
                           priorities)
    standing = Standing(tuple(peers or ()), tuple(history or ()), min_peers)
    made = make_report(files, format, baseline, choices, standing)
    for path, earlier in standing.repeated:
        tell(f"Counted once: {path} is the same assessment as {earlier}")
    if output is None:
        _say_report(made)
        return
    for path in write_report(made, format, output, force, [*files, *([baseline] if baseline else [])]):
        tell(f"Wrote {path}")


def _say_report(made: dict[str, str | bytes]) -> None:
    (content,) = made.values()
    if isinstance(content, bytes):  # Word or PDF, asked for with --output -
        say_bytes(content)
    else:
        say_data(content)
