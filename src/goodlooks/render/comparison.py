"""This year against last, in a terminal: overall and per-dimension change with arrows and level
changes, the answers that moved most, questions added or removed, and progress to targets."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.base.numbers import plural
from goodlooks.base.numbers import score as score_text
from goodlooks.render.outline import print_indented
from goodlooks.workshop.compare import Comparison, ScoreChange

MAX_MOVES = 10


def arrow(change: float | None) -> str:
    if change is None:
        return " "
    if round(change, 6) > 0:
        return "↑"
    return "↓" if round(change, 6) < 0 else "="


def _signed(change: float | None) -> str:
    return "–" if change is None else f"{change:+.2f}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _level_change(change: ScoreChange) -> str:
    if change.before_level == change.after_level:
        return change.after_level or "–"
    return f"{change.before_level or '–'} → {change.after_level or '–'}"


def render_comparison(comparison: Comparison, console: Console, before: str, after: str) -> None:
    console.print()
    console.rule(Text("What changed", style="bold"), align="left", characters="─")
    print_indented(console, Text(f"From {before} to {after}", style="dim"))
    overall = comparison.overall
    console.print()
    console.print(Text.assemble(("Overall  ", "bold"), f"{score_text(overall.before)} → ",
                                (score_text(overall.after), "bold"),
                                f"  {arrow(overall.change)} {_signed(overall.change)}  {_level_change(overall)}"))
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Part", ratio=1, overflow="fold")
    for heading in ("Was", "Now", "", "Change"):
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("Level", overflow="fold")
    for change in comparison.dimensions:
        table.add_row(change.title, score_text(change.before), score_text(change.after), arrow(change.change),
                      _signed(change.change), _level_change(change))
    console.print()
    console.print(table)
    if comparison.targets:
        console.print()
        console.print(Text(f"Towards the targets: {_percent(comparison.percent_to_target)} of the way "
                           "(1 − total gap ÷ total target, as shown)", style="bold"))
        for target in comparison.targets:
            now, wanted = comparison.shown(target.current), comparison.shown(target.target)
            gap = "met" if target.gap == 0 else f"{(wanted or 0) - (now or 0):.2f} to go"
            print_indented(console, f"{target.title}: {score_text(now)}, target {score_text(wanted)} ({gap}); "
                                    f"progress since the baseline {_percent(target.progress)}", 2, 4)
    if comparison.moves:
        console.print()
        console.print(Text(f"Answers that moved ({len(comparison.moves)}), biggest first", style="bold"))
        for move in comparison.moves[:MAX_MOVES]:
            print_indented(console, Text.assemble(f"{arrow(move.move)} ", (move.text, "bold"),
                                                  f": {move.before} → {move.after}"), 2, 4)
        if len(comparison.moves) > MAX_MOVES:
            print_indented(console, Text(f"…and {len(comparison.moves) - MAX_MOVES} more "
                                         "(--format json lists them all)", style="dim"), 2)
    for label, ids in (("Questions added since the baseline", comparison.added),
                       ("Questions no longer asked", comparison.removed)):
        if ids:
            console.print()
            print_indented(console, Text.assemble((f"{label} ({len(ids)}): ", "bold"), ", ".join(ids)), 0, 2)
    if comparison.bank_changes:
        console.print()
        changes = plural(len(comparison.bank_changes), "change")
        print_indented(console, Text(f"The bank changed between the two ({changes}"
                                     "), so some movement may come from the questions, not the board:",
                                     style="bold"))
        for bank_change in comparison.bank_changes:
            print_indented(console, f"- {bank_change}", 2, 4)
