"""`goodlooks list`: results files as a table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.workshop.listing import Entry

KIND_WORDS = {"single": "", "voted": "votes", "combined": "combined", "agreed": "agreed"}


def render_listing(entries: list[Entry], console: Console) -> None:
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    for heading in ("File", "Bank", "Who", "Status", "Answered", "Updated"):
        table.add_column(heading, overflow="fold", no_wrap=heading in ("Answered", "Updated"))
    for entry in entries:
        results = entry.results
        if results is None:
            table.add_row(entry.path.name, Text(f"cannot read: {entry.problem}", style="dim"), "", "", "", "")
            continue
        answered, asked = entry.progress
        who = results.respondent or ("Anonymous" if results.kind == "single" else "")
        if results.respondents:
            who = f"{results.respondents} people"
        kind = KIND_WORDS[results.kind]
        status = "complete" if results.status == "complete" else "in progress"
        table.add_row(entry.path.name, f"{results.bank.id} {results.bank.version}",
                      who + (f" ({kind})" if kind else ""), status, f"{answered}/{asked}",
                      f"{results.updated_at:%d %b %Y %H:%M}")
    console.print(table)
