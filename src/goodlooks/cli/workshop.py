"""The workshop's commands: combine people's answers, compare this year with last, list results.
Registered in `goodlooks.cli.commands`; each only wires options to the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from goodlooks.base.errors import UsageError
from goodlooks.cli.app import (
    Debug,
    FormatOption,
    OrganisationOption,
    Quiet,
    command,
    console,
    is_standard_stream,
    organisation_name,
    say_json,
    show_profile,
    tell,
)
from goodlooks.cli.choices import OutputFormat


@command()
def combine(
    files: Annotated[list[str], typer.Argument(  # str: Typer builds a validator per Path given
        metavar="FILE_OR_FOLDER...", help="Results files, or folders of them (every *.json inside); - for "
                                          "one from standard input.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE",
                                         help="Where to save the combined results (- for standard output).")],
    include_incomplete: Annotated[bool, typer.Option(
        "--include-incomplete", help="Count files still in progress too (left out by default).")] = False,
    keep_duplicates: Annotated[bool, typer.Option(
        "--keep-duplicates", help="Count files that share a respondent's name or the same answers as "
                                  "different people (two people with one role name); by default the "
                                  "later save is counted.")] = False,
    anonymous: Annotated[bool, typer.Option(
        "--anonymous", help="Leave every respondent's name out of the combined file.")] = False,
    format: FormatOption = OutputFormat.text,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    organisation: OrganisationOption = None,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Combine board members' results into one file, showing where the board disagrees.
    Each person counts once: a form saved twice, or two files of one name, count as the later save.

    Example: goodlooks combine answers/ --output combined.json
    """
    from goodlooks.base.numbers import plural
    from goodlooks.results import store
    from goodlooks.workshop.combine import Options
    from goodlooks.workshop.combine import combine as combine_files

    to_stream = is_standard_stream(output)
    if to_stream and format is OutputFormat.json:
        raise UsageError("--output - writes the combined results file to standard output, and --format json "
                         "writes a summary there; choose one")
    if not to_stream and output.exists() and not force:
        raise UsageError(f"{output} already exists; choose another --output, or add --force to overwrite it")
    combined = combine_files([Path(name) for name in files], output=None if to_stream else output,
                             options=Options(include_incomplete, keep_duplicates, anonymous),
                             organisation=organisation_name(organisation))
    for path in combined.left_out:
        tell(f"Left out {path}: still in progress (finish it, or add --include-incomplete)")
    for duplicate in combined.repeated:
        tell(_duplicate_line(duplicate))
    for path, when in combined.far_apart:
        assert combined.middle is not None
        tell(f"Check {path}: answered on {when:%d %b %Y}, more than 30 days from the rest (around "
             f"{combined.middle:%d %b %Y}); last year's answers? It is counted: take it out and combine "
             "again if it should not be.")
    for notice in combined.notices:
        tell(notice)
    if to_stream:
        say_json(text=b"".join(store.results_chunks(combined.results)).decode("utf-8"))
        return
    from goodlooks.base.files import remove_leftovers

    remove_leftovers(output)  # what a killed combine left beside it
    store.save(combined.results, output)
    if format is OutputFormat.json:
        from goodlooks.render.as_data import combined_data

        say_json(combined_data(combined, str(output), combined.bank))
    else:
        show_profile(combined.bank, combined.results, False)
    discuss = sum(1 for record in combined.results.distributions.values() if record.discuss)
    tell(f"\nCombined {plural(len(combined.used), 'results file')} into {output}; "
         f"{plural(discuss, 'question')} to discuss.")
    tell(f"To agree the board's answers, widest spread first: goodlooks assess --consensus {output}")


def _duplicate_line(duplicate: Any) -> str:
    if duplicate.reason == "the same response":
        return f"Counted once: {duplicate.replaced} is the same response as {duplicate.kept}"
    line = (f"Counted once: {duplicate.kept} replaces {duplicate.replaced} ({duplicate.reason}; "
            f"{duplicate.kept} was saved later)")
    if duplicate.reason.startswith("both are"):
        line += "; if they are two people who share that name, add --keep-duplicates"
    elif duplicate.reason.startswith("the same answers"):
        line += "; if two people answered alike, add --keep-duplicates"
    return line


@command()
def compare(
    baseline: Annotated[Path, typer.Argument(metavar="BASELINE", help="The earlier results file (- for "
                                                                      "standard input).")],
    current: Annotated[Path, typer.Argument(metavar="CURRENT", help="The later results file.")],
    format: FormatOption = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Compare two results files: what moved, level changes, and progress to targets.

    Example: goodlooks compare board-2025.json board-2026.json
    """
    from goodlooks.assessment import report_bank
    from goodlooks.results.store import load_results
    from goodlooks.workshop.compare import compare as compare_results

    old, new = load_results(baseline), load_results(current)
    if old.bank.id != new.bank.id:
        from goodlooks.base.errors import ResultsError

        raise ResultsError(f"{baseline} answers bank '{old.bank.id}' and {current} answers '{new.bank.id}'; "
                           "compare results of the same bank")
    comparison = compare_results(report_bank(old, baseline, None), old, report_bank(new, current, None), new)
    if format is OutputFormat.json:
        say_json(comparison.as_dict())
        return
    from goodlooks.render.comparison import render_comparison

    render_comparison(comparison, console(), str(baseline), str(current))


@command("list")
def list_command(
    folder: Annotated[Path | None, typer.Argument(
        metavar="[FOLDER]", help="Default: the current folder and each folder in it "
                                 "(goodlooks-results/, answers/, ...).")] = None,
    format: FormatOption = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """List results files with their bank, who answered, status and progress, marking the files
    combine would count once (one person's answers saved twice).

    Example: goodlooks list answers --format json
    """
    from goodlooks.base.numbers import plural
    from goodlooks.render.listing import render_listing
    from goodlooks.workshop.listing import duplicates, find_results, list_results

    others = 0
    if folder is None:
        entries, others = find_results()
    elif not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"{folder} {problem}; give the folder that holds the results files")
    else:
        entries = list_results(folder)
    repeated = duplicates(entries)
    if format is OutputFormat.json:
        from goodlooks.render.as_data import listing_data

        say_json(listing_data(entries, repeated))
        return
    if not entries:
        tell(f"No results files in {folder}. Start one with: goodlooks assess" if folder is not None else
             "No results files here or in the folders here (goodlooks-results/ is made by the first "
             "goodlooks assess). Start one with: goodlooks assess")
    else:
        render_listing(entries, console(), repeated, paths=folder is None)
    if others:
        tell(f"{plural(others, 'other .json file')} here could not be read as results; to see why: "
             "goodlooks list FOLDER")
