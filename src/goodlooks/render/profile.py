"""The maturity profile in a terminal: overall score and level, a table of dimensions, strongest
and weakest, and what to do next. It reads well at 80 columns and without colour: every score
is a number and a level name as well as a bar and a colour.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from goodlooks.bank.model import Bank, Dimension
from goodlooks.base.numbers import board_score as score_text
from goodlooks.base.numbers import number, plural
from goodlooks.render.outline import print_indented
from goodlooks.render.score_table import Justify, ScoreTable
from goodlooks.report.advice import Advice, distinct_advice
from goodlooks.report.status import target_status
from goodlooks.report.summary import extremes, partial, who_answered
from goodlooks.results.model import Results
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import DimensionScore, Score, ScoreSheet, score

BAR_CELLS = 10
MAX_NAMED = 3
SHOWN_ADVICE = 5
"""Recommendations shown in a terminal without --all."""
_LEVEL_STYLES = ("red", "dark_orange", "yellow", "green3", "green")
_STATUS_STYLES = {"met": "green", "close": "yellow", "far": "red"}

PART_HEADING = "Part"
"""The profile table's first heading: a board reads "part", not "dimension" (as in the paper)."""


def bar(normalised: float | None, cells: int = BAR_CELLS) -> str:
    if normalised is None:
        return ""
    filled = round(normalised * cells)
    return "█" * filled + "░" * (cells - filled)


def level_style(bank: Bank, level: str | None) -> str:
    names = [lvl.name for lvl in bank.levels]
    if level not in names:
        return ""
    position = names.index(level) / max(1, len(names) - 1)
    return _LEVEL_STYLES[round(position * (len(_LEVEL_STYLES) - 1))]


def _scope_line(bank: Bank, results: Results) -> str | None:
    if not results.scope:
        return None
    whole = sum(len(d.get("questions", [])) for d in results.bank.definition.get("dimensions", []))
    return (f"Covers {len(bank.questions())} of {plural(whole, 'question')}: only "
            f"{', '.join(results.scope)}. Scores cover what was asked.")


def _status_line(bank: Bank, results: Results, sheet: ScoreSheet) -> str:
    dims = sheet.dimensions.values()
    answered = sum(d.answered for d in dims)
    total = sum(d.total for d in dims)
    parts = [results.organisation] if results.organisation else []
    parts.append(who_answered(results))
    if results.status == "complete" and results.completed_at:
        parts.append(f"completed {results.completed_at:%d %b %Y %H:%M}")
    else:
        parts.append("in progress")
    counts = f"{answered} of {plural(total, 'question')} answered"
    not_applicable, dont_know = sum(d.not_applicable for d in dims), sum(d.dont_know for d in dims)
    unanswered = sum(d.unanswered for d in dims)
    extras = [f"{n} {label}" for n, label in ((not_applicable, "not applicable"), (dont_know, "don't know"),
                                              (unanswered, "unanswered")) if n]
    parts.append(counts + (f" ({', '.join(extras)})" if extras else ""))
    return " · ".join(parts)


def _score_cells(bank: Bank, result: Score, bars: bool) -> tuple[Text, ...]:
    style = level_style(bank, result.level)
    cells = (Text(score_text(result.shown), justify="right"), Text(result.level or "–", style=style))
    return (*cells, Text(bar(result.normalised), style=style)) if bars else cells


def plain_console(console: Console) -> bool:
    """Whether `console` is for a screen reader (`SafeConsole(plain=True)`): no bars, no rules."""
    return bool(getattr(console, "plain", False))


def _table(bank: Bank, sheet: ScoreSheet, targets: dict[str, float], bars: bool = True) -> ScoreTable:
    columns: list[tuple[str, Justify]] = [("Score", "right"), ("Level", "left")]
    if bars:
        columns.append(("", "left"))
    columns.append(("Answered", "right"))
    if targets:
        columns += [("Target", "right"), ("Gap", "right")]
    table = ScoreTable(PART_HEADING, columns)
    grouped = [(g.title, sheet.groups[g.id], [d for d in bank.dimensions if d.group == g.id]) for g in bank.groups]
    grouped = [(title, result, members) for title, result, members in grouped if members]  # --only: asked parts
    ungrouped = [d for d in bank.dimensions if not d.group]
    blank = [""] * (2 if targets else 0)
    for title, result, members in grouped:
        table.add_row(Text(title, style="bold"), *_score_cells(bank, result, bars), "", *blank)
        for dimension in members:
            _dimension_row(table, bank, dimension, sheet.dimensions[dimension.id], 2, targets, bars)
    if grouped and ungrouped:
        table.add_row(Text("Other", style="bold"), *[""] * (len(columns) - len(blank)), *blank)
    for dimension in ungrouped:
        _dimension_row(table, bank, dimension, sheet.dimensions[dimension.id], 2 if grouped else 0, targets, bars)
    return table


def _dimension_row(table: ScoreTable, bank: Bank, dimension: Dimension, result: DimensionScore, indent: int,
                   targets: dict[str, float], bars: bool = True) -> None:
    cells: list[Text | str] = [*_score_cells(bank, result, bars), f"{result.answered}/{result.total}"]
    if targets:
        target = targets.get(dimension.id)
        status = target_status(bank, result.shown, target) if result.shown is not None else None
        gap = "–" if status is None else "met" if status.key == "met" else f"{status.key} {score_text(status.gap)}"
        cells += [score_text(target), Text(gap, style=_STATUS_STYLES[status.key] if status else "")]
    table.add_row(Text(dimension.title), *cells, indent=indent)


def _extremes(bank: Bank, sheet: ScoreSheet) -> list[Text]:
    """`Strongest: A (3.00, Developing)`; a tie is said as one: `Weakest, 3 tied at 1.50 (Starting): A; B; C`."""
    lines = []
    for item in extremes(bank, sheet):
        names = "; ".join(item.titles[:MAX_NAMED])
        if len(item.titles) > MAX_NAMED:
            names += f"; and {len(item.titles) - MAX_NAMED} more"
        value = f"{score_text(item.score)}, {item.level or 'no level'}"
        if item.tied:
            lines.append(Text.assemble((f"{item.label}, {len(item.titles)} tied at {value}: ", "bold"), names))
        else:
            lines.append(Text.assemble((f"{item.label}: ", "bold"), f"{names} ({value})"))
    return lines


def recommendation_text(item: Advice) -> Text:
    """`Area, on “question”: advice (Owner, within 3 months)`; advice that several answers led to
    names each question."""
    where = item.dimension
    if item.questions:
        where += ", on " + " and ".join(f"“{text}”" for text in item.questions)
    assigned = item.assigned
    return Text.assemble((f"{where}: ", "bold"), item.text, (f" ({assigned})" if assigned else "", "italic"))


def render_profile(bank: Bank, results: Results, console: Console, *, show_all: bool | None = None,
                   notes: bool = False) -> ScoreSheet:
    """Print the profile of `results` scored against `bank`; return the scores it shows.

    Every recommendation is shown with `show_all`, and whenever the output is not a terminal
    (a file, a pipe, a printer); in a terminal the first five, and how to see the rest. `notes`
    adds every note under its question."""
    choices = results.choices()
    sheet = score(bank, choices)
    low, high = sheet.score_range
    console.print()
    console.rule(Text(f"Maturity profile: {bank.title}", style="bold"), align="left", characters="─")
    print_indented(console, Text(_status_line(bank, results, sheet), style="dim"))
    scope = _scope_line(bank, results)
    if scope:
        print_indented(console, Text(scope, style="bold"))
    console.print()
    overall = sheet.overall
    style = level_style(bank, overall.level)
    bars = not plain_console(console)
    console.print(Text.assemble(("Overall  ", "bold"), (score_text(overall.shown), "bold"),
                                f" on {number(low)} to {number(high)}  ", (overall.level or "no level yet", style),
                                *(("  ", (bar(overall.normalised, 20), style)) if bars else ())))
    meaning = next((lvl.description for lvl in bank.levels if lvl.name == overall.level), None)
    if meaning:
        print_indented(console, Text.assemble((f"{overall.level}: ", style), (meaning, "dim")), 0, 2)
    rests = partial(results, sheet)
    if rests is not None:
        print_indented(console, Text(rests.sentence(), style="bold"))
    from goodlooks.render.evidence import render_evidence

    render_evidence(bank, results, console,
                    show_all=bool(show_all or (show_all is None and not console.is_terminal)))
    console.print()
    targets = {d: t for d, t in results.targets.items() if d in sheet.dimensions}
    console.print(_table(bank, sheet, targets, bars))
    extremes = _extremes(bank, sheet)
    if extremes:
        console.print()
        for line in extremes:
            print_indented(console, line, 0, 2)
    render_disagreements(bank, results, console)
    found = distinct_advice(bank, recommend(bank, choices, sheet, targets))
    limit = len(found) if (show_all or (show_all is None and not console.is_terminal)) else SHOWN_ADVICE
    if found:
        console.print()
        console.print(Text("What to do next" + (", biggest gap to target first" if targets else ""),
                           style="bold"))
        for item in found[:limit]:
            print_indented(console, Text(f"{item.number:>2}. ") + recommendation_text(item), 0, 4)
        if len(found) > limit:
            print_indented(console, Text(f"    …and {len(found) - limit} more: add --all to see them.", style="dim"))
    if notes:
        from goodlooks.render.notes import render_notes

        render_notes(bank, results, console)
    console.print()
    print_indented(console, Text("Scores are shown on the bank's range; 'not applicable' and 'don't know' "
                                 "answers are left out of them.", style="dim"))
    return sheet


def render_disagreements(bank: Bank, results: Results, console: Console) -> None:
    """"Where the board disagrees": questions two or more option positions apart, widest first,
    each with its distribution as a small bar chart."""
    from goodlooks.render.distribution import chart, summary

    asked = {q.id: q for q in bank.questions()}
    flagged = [(qid, record) for qid, record in results.distributions.items() if record.discuss and qid in asked]
    if not flagged:
        return
    flagged.sort(key=lambda item: -(item[1].spread or 0))  # stable: bank order among equals
    console.print()
    console.print(Text("Where the board disagrees" if results.kind != "voted" else "Where the room disagreed",
                       style="bold"))
    for qid, record in flagged:
        agreed = results.answers.get(qid)
        print_indented(console, Text.assemble((asked[qid].text, "bold"), f"  ({summary(record)})"), 2, 4)
        for line in chart(asked[qid], record, console.width, bars=not plain_console(console)):
            console.print(Text("  ") + line, soft_wrap=True)
        if agreed is not None and results.kind in ("agreed", "voted"):
            print_indented(console, Text.assemble(("    Agreed: ", "bold"), agreed.label,
                                                  f" ({agreed.note})" if agreed.note else ""), 0, 6)
