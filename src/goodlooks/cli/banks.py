"""The commands about banks: check them, show them, write one to edit, compare two versions.
Registered in `goodlooks.cli.commands`; each only wires options to the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from goodlooks.cli.app import BankOption, app, console, say
from goodlooks.base.errors import UsageError


@app.command()
def validate(
    banks: Annotated[Optional[list[str]], typer.Argument(
        metavar="BANK", help="Bank files or built-in bank ids. Default: the built-in bank.")] = None,
) -> None:
    """Check question banks and report every problem as FILE:LINE:COLUMN: message.

    Example: goodlooks validate my-bank.yaml
    """
    from goodlooks.bank.loader import load_bank
    from goodlooks.base.errors import BankError
    from goodlooks.base.numbers import plural

    problems: list = []
    for ref in banks or [None]:
        try:
            loaded = load_bank(ref)
        except BankError as error:
            problems += error.problems
            continue
        say(f"{loaded.path}: valid ({plural(len(loaded.bank.dimensions), 'dimension')}, "
                   f"{plural(len(loaded.bank.questions()), 'question')})")
        if loaded.resolution is not None:
            from goodlooks.render.changes import overlay_lines

            say("\n".join(f"  {line}" for line in overlay_lines(loaded.resolution)))
        for warning in loaded.warnings:
            say(str(warning), err=True)
    if problems:
        files = len({problem.file for problem in problems})
        raise BankError(problems, f"{len(problems)} problem{'s' * (len(problems) != 1)} in "
                                  f"{files} file{'s' * (files != 1)}; fix them and validate again.")


@app.command()
def questions(
    bank: BankOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="text|json",
                                        help="text: a readable outline; json: the loaded bank.")] = "text",
) -> None:
    """Show a bank's dimensions, questions and options.

    Example: goodlooks questions --bank my-bank.yaml --format json
    """
    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not '{format}'")
    from goodlooks.bank.loader import load_bank

    loaded = load_bank(bank)
    if format == "json":
        from goodlooks.base.safe_text import safe_json

        typer.echo(safe_json(loaded.bank.model_dump(mode="json")))
        return
    from goodlooks.render.outline import render_outline

    out = console()
    if loaded.resolution is not None:
        from goodlooks.render.changes import overlay_lines

        for line in overlay_lines(loaded.resolution):
            out.print(line[0].upper() + line[1:], highlight=False, markup=False)
        out.print()
    render_outline(loaded.bank, out, loaded.resolution.marks if loaded.resolution else None)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the bank format, for editors that check YAML.

    Example: goodlooks schema > goodlooks-bank.schema.json
    """
    import json

    from goodlooks.bank.model import bank_json_schema

    typer.echo(json.dumps(bank_json_schema(), indent=2))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="Where to write the new bank.")],
    from_bank: Annotated[Optional[str], typer.Option(
        "--from", metavar="BANK",
        help="Write a full copy of this bank to edit, its comments and layout kept.")] = None,
    extends: Annotated[Optional[str], typer.Option(
        "--extends", metavar="BANK",
        help="Write a short overlay on this bank instead: only what differs, with commented "
             "examples of each kind of change.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
) -> None:
    """Write a bank to edit: a small starter, a full copy of a bank, or an overlay on one.

    Example: goodlooks init my-trust.yaml --extends what-good-looks-like
    """
    from goodlooks.base.files import write_atomic

    if from_bank is not None and extends is not None:
        raise UsageError("choose one of --from (a full copy) and --extends (an overlay)")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another path, or add --force to overwrite it")
    from goodlooks.bank.starters import bank_to_edit

    text, kind = bank_to_edit(path, from_bank, extends)  # refuses a PATH it would be made from
    write_atomic(path, text, private=False, tidy=True)
    say(f"Wrote {kind}{path}. Edit it, then check it with: goodlooks validate {path}")


@app.command()
def diff(
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="The earlier bank: a file, a built-in bank's id, or a results file (its copy of "
                            "the bank).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later bank, in the same forms.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="text|json",
                                        help="text: a list for people; json: for scripts.")] = "text",
) -> None:
    """Show what changed between two banks, matched by id (overlays are resolved first).

    Questions added, removed, reworded; options added, removed, re-scored; weights, levels, scoring.

    Example: goodlooks diff what-good-looks-like my-trust.yaml
    """
    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not '{format}'")
    from goodlooks.bank.changes import compare_banks
    from goodlooks.results.bank_change import bank_for_diff

    comparison = compare_banks(bank_for_diff(old), bank_for_diff(new))
    if format == "json":
        from goodlooks.base.safe_text import safe_json

        typer.echo(safe_json({"old_file": old, "new_file": new, **comparison.to_json()}))
        return
    from goodlooks.render.changes import changes_text

    say(changes_text(comparison, old, new))
