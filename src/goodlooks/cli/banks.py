"""The commands about banks: check them, show them, write one to edit, compare two versions,
and the schemas of goodlooks' files. Registered in `goodlooks.cli.commands`; each only wires
options to the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from goodlooks.base.errors import UsageError
from goodlooks.cli.app import (
    BankOption,
    Debug,
    FormatOption,
    Quiet,
    command,
    console,
    is_standard_stream,
    remember_format,
    say,
    say_data,
    say_json,
    tell,
)
from goodlooks.cli.choices import OutputFormat, SchemaKind, choices_metavar


@command()
def validate(
    banks: Annotated[list[str] | None, typer.Argument(
        metavar="BANK", help="Bank files or built-in bank ids (- for standard input). Default: the "
                             "built-in bank.")] = None,
    format: FormatOption = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Check question banks and report every problem as FILE:LINE:COLUMN: message.

    Example: goodlooks validate my-bank.yaml

    Example: goodlooks validate my-bank.yaml --format json
    """
    from goodlooks.bank.loader import load_bank
    from goodlooks.base.errors import BankError
    from goodlooks.base.numbers import plural

    problems: list = []
    checked: list[dict[str, Any]] = []
    refs: list[str | None] = [*banks] if banks else [None]
    for ref in refs:
        try:
            loaded = load_bank(ref)
        except BankError as error:
            problems += error.problems
            if format is OutputFormat.json:
                from goodlooks.render.as_data import invalid_bank_data

                checked.append(invalid_bank_data(ref or "what-good-looks-like", error.problems))
            continue
        overlay: list[str] = []
        if loaded.resolution is not None:
            from goodlooks.render.changes import overlay_lines

            overlay = list(overlay_lines(loaded.resolution))
        if format is OutputFormat.json:
            from goodlooks.render.as_data import checked_bank_data

            checked.append(checked_bank_data(loaded.path, loaded.bank, loaded.warnings, overlay))
            continue
        say(f"{loaded.path}: valid ({plural(len(loaded.bank.dimensions), 'dimension')}, "
            f"{plural(len(loaded.bank.questions()), 'question')})")
        if overlay:
            say("\n".join(f"  {line}" for line in overlay))
        for warning in loaded.warnings:
            tell(str(warning))
    if format is OutputFormat.json:
        say_json({"valid": not problems, "banks": checked})
    if problems:
        files = len({problem.file for problem in problems})
        summary = (f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}; "
                   "fix them and validate again.")
        if format is OutputFormat.json:
            raise BankError([], summary)  # the problems are in the JSON
        raise BankError(problems, summary)


@command()
def questions(
    bank: BankOption = None,
    format: Annotated[OutputFormat, typer.Option(
        "--format", "-f", metavar=choices_metavar(OutputFormat), case_sensitive=False, callback=remember_format,
        help="text: a readable outline; json: the loaded bank.")] = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Show a bank's dimensions, questions and options.

    Example: goodlooks questions --bank my-bank.yaml --format json
    """
    from goodlooks.bank.loader import load_bank

    loaded = load_bank(bank)
    if format is OutputFormat.json:
        say_json(loaded.bank.model_dump(mode="json"))
        return
    from goodlooks.render.outline import render_outline

    out = console()
    if loaded.resolution is not None:
        from goodlooks.render.changes import overlay_lines

        for line in overlay_lines(loaded.resolution):
            out.print(line[0].upper() + line[1:], highlight=False, markup=False)
        out.print()
    render_outline(loaded.bank, out, loaded.resolution.marks if loaded.resolution else None)


@command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        metavar=f"[{choices_metavar(SchemaKind)}]", case_sensitive=False,
        help="Which file: a bank (the default), a results file, or an answers file.")] = SchemaKind.bank,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Print the JSON Schema of goodlooks' files: banks (for editors that check YAML), results
    files and answers files.

    Example: goodlooks schema > goodlooks-bank.schema.json

    Example: goodlooks schema results > goodlooks-results.schema.json
    """
    from goodlooks.results import schemas

    made = {SchemaKind.bank: schemas.bank_schema, SchemaKind.results: schemas.results_schema,
            SchemaKind.answers: schemas.answers_schema}[kind]
    say_json(made())


@command()
def init(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="Where to write the new bank (- for standard "
                                                              "output).")],
    from_bank: Annotated[str | None, typer.Option(
        "--from", metavar="BANK",
        help="Write a full copy of this bank to edit, its comments and layout kept.")] = None,
    extends: Annotated[str | None, typer.Option(
        "--extends", metavar="BANK",
        help="Write a short overlay on this bank instead: only what differs, with commented "
             "examples of each kind of change.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Write a bank to edit: a small starter, a full copy of a bank, or an overlay on one.

    Example: goodlooks init my-trust.yaml --extends what-good-looks-like
    """
    from goodlooks.base.files import write_atomic

    if from_bank is not None and extends is not None:
        raise UsageError("choose one of --from (a full copy) and --extends (an overlay)")
    to_stream = is_standard_stream(path)
    if not to_stream and path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another path, or add --force to overwrite it")
    from goodlooks.bank.starters import bank_to_edit

    text, kind = bank_to_edit(path, from_bank, extends)  # refuses a PATH it would be made from
    if to_stream:
        say_data(text)
        return
    write_atomic(path, text, private=False, tidy=True)
    tell(f"Wrote {kind}{path}. Edit it, then check it with: goodlooks validate {path}")


@command()
def diff(
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="The earlier bank: a file, a built-in bank's id, or a results file (its copy of "
                            "the bank); - for standard input.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later bank, in the same forms.")],
    format: Annotated[OutputFormat, typer.Option(
        "--format", "-f", metavar=choices_metavar(OutputFormat), case_sensitive=False, callback=remember_format,
        help="text: a list for people; json: for scripts.")] = OutputFormat.text,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Show what changed between two banks, matched by id (overlays are resolved first).

    Questions added, removed, reworded; options added, removed, re-scored; weights, levels, scoring.

    Example: goodlooks diff what-good-looks-like my-trust.yaml
    """
    from goodlooks.bank.changes import compare_banks
    from goodlooks.results.bank_change import bank_for_diff

    comparison = compare_banks(bank_for_diff(old), bank_for_diff(new))
    if format is OutputFormat.json:
        say_json({"old_file": old, "new_file": new, **comparison.to_json()})
        return
    from goodlooks.render.changes import changes_text

    say(changes_text(comparison, old, new))
