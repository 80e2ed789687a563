"""`goodlooks form`: the answers form for people without goodlooks. Registered in
`goodlooks.cli.commands`; it only wires options to `goodlooks.form`."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from goodlooks.base.errors import UsageError
from goodlooks.cli.app import BankOption, Debug, Quiet, command, is_standard_stream, say_data, tell


@command()
def form(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FORM.html",
                                         help="Where to write the form (one HTML file; - for standard output).")],
    bank: BankOption = None,
    only: Annotated[list[str] | None, typer.Option(
        metavar="ID_OR_TAG", help="Ask only these dimensions, groups, questions or tags "
                                  "(repeat, or separate with commas).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    debug: Debug = False,
    quiet: Quiet = False,
) -> None:
    """Write an HTML form for people without goodlooks: it works offline and saves an answers file.

    Send it to each member; they open it in any browser, answer, and press "Save my answers".
    Read the file it saves with: goodlooks assess --answers FILE.

    Example: goodlooks form --only board-question --output board-form.html
    """
    from goodlooks.bank.loader import load_bank
    from goodlooks.base.files import write_atomic
    from goodlooks.form.build import build_form
    from goodlooks.workshop.scope import scope_tokens

    to_stream = is_standard_stream(output)
    if not to_stream and output.exists() and not force:
        raise UsageError(f"{output} already exists; choose another path, or add --force to overwrite it")
    loaded = load_bank(bank)
    if not loaded.builtin:
        from goodlooks.base.paths import refuse_own_input

        refuse_own_input([output], [loaded.path, *(base.path for base in loaded.bases if not base.builtin)])
    html = build_form(loaded, scope_tokens(only))
    if to_stream:
        say_data(html)
        return
    write_atomic(output, html, private=False, tidy=True)
    bank_part = f" --bank {shlex.quote(bank)}" if bank else ""
    tell(f"Wrote {output}. Send it to each person; they open it in a browser, answer, press "
         "\"Save my answers\" and send back the file it downloads. Score each one with: "
         f"goodlooks assess{bank_part} --answers FILE --output RESULTS.json")
