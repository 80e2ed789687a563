"""One organisation over the years, in a terminal: the scores at each assessment, the change each
time, the targets set, which assessment is which, and the questions left out."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.base.numbers import plural
from goodlooks.base.numbers import score as score_text
from goodlooks.render.comparison import arrow
from goodlooks.render.outline import print_indented
from goodlooks.workshop.assessments import listed
from goodlooks.workshop.trend import Trend, TrendPart


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _shown_change(before: float | None, after: float | None) -> float | None:
    """The change between two scores as shown (to two decimals), so that the figures on the screen
    agree: 2.98 → 2.21 is -0.77, though the unrounded scores differ by 0.765. (JSON keeps full
    precision.)"""
    if before is None or after is None:
        return None
    return float(Decimal(score_text(after)) - Decimal(score_text(before)))


def _table(headings: list[str]) -> Table:
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Part", ratio=1, overflow="fold")
    for heading in headings:
        table.add_column(heading, justify="right", no_wrap=True)
    return table


def _title(part: TrendPart) -> Text:
    return Text(part.part.title, style="bold" if part.part.overall else "")


def overall_line(trend: Trend) -> str:
    """`Overall 1.50 Starting (2023) → 2.40 Emerging (2026): ↑ +0.90`."""
    overall = trend.parts[0]
    scored = [(point, occasion) for point, occasion in zip(overall.points, trend.occasions) if point.score is not None]
    if not scored:
        return "Overall: not scored"
    (first, when), (last, now) = scored[0], scored[-1]
    change = _shown_change(first.score, last.score)
    return (f"Overall {score_text(first.score)} {first.level or ''} ({when.label}) → {score_text(last.score)} "
            f"{last.level or ''} ({now.label}): {arrow(change)} {_signed(change)}").replace("  ", " ")


def render_trend(trend: Trend, console: Console) -> None:
    names = [occasion.label for occasion in trend.occasions]
    console.print()
    title = f"{trend.organisation} over the years" if trend.organisation else "Over the years"
    console.rule(Text(title, style="bold"), align="left", characters="─")
    versions = trend.versions
    print_indented(console, Text(f"{plural(len(names), 'assessment')} of {trend.bank_title} ("
                                 f"{'version' if len(versions) == 1 else 'versions'} {listed(versions)}), "
                                 f"{names[0]} to {names[-1]}", style="dim"))
    console.print()
    print_indented(console, Text(overall_line(trend), style="bold"))
    console.print()
    console.print(Text("Scores", style="bold"))
    scores = _table(names)
    for part in trend.parts:
        scores.add_row(_title(part), *(score_text(point.score) for point in part.points))
    console.print(scores)
    console.print()
    console.print(Text("Change since the assessment before", style="bold"))
    changes = _table([f"→{name}" for name in names[1:]])
    for part in trend.parts:
        changes.add_row(_title(part), *(_signed(_shown_change(before.score, point.score))
                                        for before, point in zip(part.points, part.points[1:])))
    console.print(changes)
    targeted = [part for part in trend.parts if any(point.target is not None for point in part.points)]
    if targeted:
        console.print()
        console.print(Text("Targets set at each assessment (for the year after)", style="bold"))
        targets = _table(names)
        for part in targeted:
            targets.add_row(_title(part), *(score_text(point.target) for point in part.points))
        console.print(targets)
    console.print()
    console.print(Text("The assessments", style="bold"))
    for occasion in trend.occasions:
        when = f"{occasion.date.day} {occasion.date:%b %Y}"
        print_indented(console, f"{occasion.label}: {occasion.file}, completed {when}, "
                                f"{occasion.kind}, version {occasion.bank_version}", 2, 4)
    console.print()
    if trend.left_out:
        print_indented(console, Text(f"Compared on the {plural(trend.shared, 'question')} every assessment "
                                     f"asked, so these scores can differ from each assessment's own profile; "
                                     f"{plural(len(trend.left_out), 'question')} left out:", style="bold"))
        for item in trend.left_out:
            print_indented(console, Text.assemble(f"- {item.question} ", (f"“{item.text}”", "italic"),
                                                  f": {item.why()}"), 2, 4)
    else:
        print_indented(console, Text(f"Every assessment asked the same {plural(trend.shared, 'question')}, so "
                                     "these are the scores each profile shows.", style="dim"))

