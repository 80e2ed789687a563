"""`goodlooks list`: results files as a table."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.workshop.duplicates import Duplicate
from goodlooks.workshop.listing import Entry

KIND_WORDS = {"single": "", "voted": "votes", "combined": "combined", "agreed": "agreed"}


def _bank(entry: Entry) -> str:
    return f"{entry.results.bank.id} {entry.results.bank.version}" if entry.results else ""


def render_listing(entries: list[Entry], console: Console, repeated: list[Duplicate] | None = None,
                   paths: bool = False) -> None:
    """The files as a table; `repeated` marks the files combine would count once ("replaced")
    and says why under the table; `paths` names files by their path rather than their name."""
    replaced = {duplicate.replaced: duplicate for duplicate in repeated or []}
    banks = {_bank(entry) for entry in entries if entry.results is not None}
    one_bank = len(banks) == 1
    if one_bank:
        console.print(Text(f"Bank: {banks.pop()}", style="dim"))
    headings = ["File"] + ([] if one_bank else ["Bank"]) + ["Who", "Status", "Answered", "Updated"]
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    # The file name folds when the terminal is narrow (default names are 40 characters), so that
    # who answered and when stay whole: they are what a facilitator reads the list for.
    # Who wraps between words (a role name is read, not matched); it is wide enough for the
    # longest word of any name shown, so no word is broken.
    minimum = {"Who": _longest_word(entries, 12), "Status": 11, "Updated": 15}
    for heading in headings:
        table.add_column(heading, overflow="fold", no_wrap=heading in ("Status", "Answered", "Updated"),
                         min_width=minimum.get(heading))
    for entry in entries:
        results = entry.results
        if results is None:
            table.add_row(_name(entry, paths), *([""] if not one_bank else []),
                          Text(f"cannot read: {entry.problem}", style="dim"), "", "", "")
            continue
        answered, asked = entry.progress
        who = results.respondent or ("Anonymous" if results.kind == "single" else "")
        if results.respondents:
            who = f"{results.respondents:,} people"
        kind = KIND_WORDS[results.kind]
        status = "complete" if results.status == "complete" else "in progress"
        if entry.path in replaced:
            status = "replaced"
        table.add_row(_name(entry, paths), *([] if one_bank else [_bank(entry)]), who + (f" ({kind})" if kind else ""),
                      status, f"{answered}/{asked}", f"{results.updated_at:%d %b %y %H:%M}")
    console.print(table)
    if replaced:
        from goodlooks.render.outline import print_indented

        console.print()
        print_indented(console, Text("Replaced: combine counts one response per person, the later save.",
                                     style="bold"))
        for duplicate in replaced.values():
            hint = "" if duplicate.reason in ("the same response", "saved twice from one answers form") else \
                "; if they are two people, combine with --keep-duplicates"
            print_indented(console, f"{_shown(duplicate.replaced, paths)} by {_shown(duplicate.kept, paths)} "
                                    f"({duplicate.reason}{hint})", 2, 2)


def _longest_word(entries: list[Entry], least: int, most: int = 16) -> int:
    words = [len(word) for entry in entries if entry.results and entry.results.respondent
             for word in entry.results.respondent.split()]
    return min(most, max([least, *words]))


def _shown(path: Path, paths: bool) -> str:
    return str(path) if paths else path.name


def _name(entry: Entry, paths: bool) -> str:
    return _shown(entry.path, paths)
