"""Where an organisation stands among its peers, in a terminal: a table of the overall score and
each part with the peers' median, middle half and the rank, and why any figure is withheld.
Peers are never named: nothing here has their names or files to show."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.base.numbers import plural
from goodlooks.base.numbers import score as score_text
from goodlooks.render.outline import print_indented
from goodlooks.workshop.peers import PartStanding, PeerStanding

WITHHELD_MARK = "*"


def middle_half(standing: PartStanding) -> str:
    figures = standing.figures
    return "–" if figures is None else f"{score_text(figures.lower_quartile)}–{score_text(figures.upper_quartile)}"


def rank_text(standing: PartStanding) -> str:
    """`4th of 11`, `joint 4th of 11`; the number of peers level is in the reports and JSON."""
    if standing.rank is not None:
        return standing.rank.short()
    if standing.figures is not None:
        return "not scored"
    return WITHHELD_MARK


def render_peers(standing: PeerStanding, console: Console) -> None:
    console.print()
    console.rule(Text(f"Where {standing.organisation} stands among its peers", style="bold"), align="left",
                 characters="─")
    print_indented(console, Text(f"{standing.bank_title}, version {standing.bank_version} · "
                                 f"{plural(standing.peers, 'peer')}", style="dim"))
    withheld = standing.withheld
    if withheld:
        console.print()
        print_indented(console, Text(withheld + " (--min-peers N sets the threshold).", style="bold"))
    console.print()
    counted = len({part.peers for part in standing.parts}) > 1  # some peers have no score in a part
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Part", ratio=1, overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    if not withheld:
        table.add_column("Median", justify="right", no_wrap=True)
        table.add_column("Middle half", justify="right", no_wrap=True)
        if counted:
            table.add_column("Peers", justify="right", no_wrap=True)
        table.add_column("Rank", no_wrap=True)
    for part in standing.parts:
        title = Text(part.part.title, style="bold" if part.part.overall else "")
        cells = [score_text(part.own)]
        if not withheld:
            median = part.figures.median if part.figures else None
            cells += [score_text(median) if part.figures else WITHHELD_MARK, middle_half(part),
                      *([str(part.peers)] if counted else []), rank_text(part)]
        table.add_row(title, *cells)
    console.print(table)
    console.print()
    if not withheld:
        short = [part for part in standing.parts if part.withheld]
        if short:
            print_indented(console, Text(f"{WITHHELD_MARK} Withheld: fewer than {standing.min_peers} peers have a "
                                         "score in " + "; ".join(f"{p.part.title} ({p.peers})" for p in short)
                                         + " (in a small group the figures would give a peer's score away).",
                                         style="dim"))
        print_indented(console, Text(f"Middle half: the peers' lower to upper quartile ({standing.method}). "
                                     "Rank 1st is the highest score among this organisation and its peers; "
                                     "equal scores share a place (joint)."
                                     + (" Peers: how many have a score in the part." if counted else ""),
                                     style="dim"))
    print_indented(console, Text(f"Peers are never named, and no figure is shown from fewer than "
                                 f"{standing.min_peers} of them.", style="dim"))
