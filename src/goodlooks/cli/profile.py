"""`goodlooks profile`: the maturity profile of a saved results file. It only wires options to
the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodlooks.base.errors import UsageError
from goodlooks.cli.app import (
    AcceptBankChange,
    Debug,
    FormatOption,
    Quiet,
    checked,
    command,
    console,
    say_json,
    show_profile,
    tell,
)
from goodlooks.cli.choices import OutputFormat


@command()
def profile(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A results file saved by goodlooks assess (- for standard input).")],
    bank: Annotated[str | None, typer.Option(
        "--bank", "-b", metavar="BANK",
        help="Re-score the answers against this bank. Default: the copy of the bank in FILE.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show how every score was worked out.")] = False,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Show every recommendation (always, when the output is not a terminal).")] = False,
    notes: Annotated[bool, typer.Option("--notes", help="Show every note under its question.")] = False,
    by: Annotated[str | None, typer.Option(
        "--by", metavar="FAMILY",
        help="Regroup the scores by a tag family the bank declares, e.g. wgll.")] = None,
    format: FormatOption = OutputFormat.text,
    accept_bank_change: AcceptBankChange = False,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Show the maturity profile of a saved results file.

    Example: goodlooks profile goodlooks-results/what-good-looks-like-20261125-093000.json --explain

    Example: goodlooks profile board.json --by wgll

    Example: goodlooks profile board.json --all --notes --format json
    """
    from goodlooks.assessment import report_bank
    from goodlooks.results.store import load_results

    if accept_bank_change and bank is None:
        raise UsageError("--accept-bank-change goes with --bank BANK: it accepts re-scoring against a bank "
                         "that changed since the answers were given")
    results = load_results(file)
    scored_with = checked(lambda accept: report_bank(results, file, bank, accept), accept_bank_change)
    if results.set_aside:
        from goodlooks.results.bank_change import set_aside_line

        tell(set_aside_line(results))
    if format is OutputFormat.json:
        from goodlooks.render.as_data import by_tag_data, profile_data

        say_json(profile_data(scored_with, results, str(file)) if by is None
                 else by_tag_data(scored_with, results, by, str(file)))
        return
    if by is None:
        show_profile(scored_with, results, explain, show_all or None, notes)
        return
    from goodlooks.render.by_tag import render_by_tag, render_by_tag_explanation

    shown_on = console()
    tags = render_by_tag(scored_with, results, by, shown_on)
    if explain:
        render_by_tag_explanation(scored_with, results, tags, shown_on)
