"""`goodlooks list`: results files as a table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.workshop.listing import Entry

KIND_WORDS = {"single": "", "voted": "votes", "combined": "combined", "agreed": "agreed"}


def _bank(entry: Entry) -> str:
    return f"{entry.results.bank.id} {entry.results.bank.version}" if entry.results else ""


def render_listing(entries: list[Entry], console: Console) -> None:
    banks = {_bank(entry) for entry in entries if entry.results is not None}
    one_bank = len(banks) == 1
    if one_bank:
        console.print(Text(f"Bank: {banks.pop()}", style="dim"))
    headings = ["File"] + ([] if one_bank else ["Bank"]) + ["Who", "Status", "Answered", "Updated"]
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    # The file name folds when the terminal is narrow (default names are 40 characters), so that
    # who answered and when stay whole: they are what a facilitator reads the list for.
    minimum = {"Who": 12, "Status": 11, "Updated": 15}
    for heading in headings:
        table.add_column(heading, overflow="fold", no_wrap=heading in ("Status", "Answered", "Updated"),
                         min_width=minimum.get(heading))
    for entry in entries:
        results = entry.results
        if results is None:
            table.add_row(entry.path.name, *([""] if not one_bank else []),
                          Text(f"cannot read: {entry.problem}", style="dim"), "", "", "")
            continue
        answered, asked = entry.progress
        who = results.respondent or ("Anonymous" if results.kind == "single" else "")
        if results.respondents:
            who = f"{results.respondents:,} people"
        kind = KIND_WORDS[results.kind]
        status = "complete" if results.status == "complete" else "in progress"
        table.add_row(entry.path.name, *([] if one_bank else [_bank(entry)]), who + (f" ({kind})" if kind else ""),
                      status, f"{answered}/{asked}", f"{results.updated_at:%d %b %y %H:%M}")
    console.print(table)
