"""A question bank as a readable outline (`goodlooks questions`)."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text

from goodlooks.bank.model import Bank, Question
from goodlooks.render.numbers import number, plural


def print_indented(console: Console, text: Text | str, indent: int = 0, hang: int = 0) -> None:
    """Print wrapped to the console's width, every line indented, without trailing spaces."""
    text = Text(text) if isinstance(text, str) else text
    width = max(20, console.width - indent - hang)
    # The wrapped lines go to the console as the pieces they are made of, in one print: what a
    # print of each line would show, without rich wrapping every line again to print it and
    # paying for a print per line (a long profile has thousands of lines).
    pieces: list[Segment] = []
    for index, line in enumerate(text.wrap(console, width)):
        line.rstrip()
        shown = Text(" " * (indent + (hang if index else 0)))
        shown.append_text(line)  # the line's own style as a span: render() alone would drop it
        pieces.extend(shown.render(console))
        pieces.append(Segment.line())
    console.print(Segments(pieces), soft_wrap=True)


def levels_line(bank: Bank) -> str:
    return ", ".join(f"{level.name} ({number(level.min)}+)" for level in bank.levels)


def bank_heading(bank: Bank) -> list[Text]:
    low, high = bank.shown_range()
    lines = [Text(bank.title, style="bold"),
             Text(f"{bank.id} version {bank.version} · {plural(len(bank.dimensions), 'dimension')} · "
                  f"{plural(len(bank.questions()), 'question')} · scores shown {number(low)} to "
                  f"{number(high)} ({bank.scoring})", style="dim")]
    if bank.source:
        lines.append(Text(f"Source: {bank.source}"))
    if bank.levels:
        lines.append(Text(f"Levels: {levels_line(bank)}"))
    return lines


def _mark(marks: dict[tuple[str, str], str] | None, kind: str, name: str) -> str:
    """" (added)" or " (changed)" for a part an overlay touched."""
    mark = (marks or {}).get((kind, name))
    return f" ({mark})" if mark else ""


def _print_question(console: Console, position: str, question: Question,
                    marks: dict[tuple[str, str], str] | None = None) -> None:
    print_indented(console, Text.assemble((f"{position} ", "bold"), question.text,
                                          (f"  [{question.id}]{_mark(marks, 'question', question.id)}", "dim")),
                   3, len(position) + 1)
    if question.help:
        print_indented(console, Text(question.help, style="italic"), 7)
    if question.evidence:
        print_indented(console, Text(f"Where to look: {question.evidence}", style="dim"), 7, 2)
    if question.tags:
        print_indented(console, Text(f"Tags: {', '.join(question.tags)}", style="dim"), 7, 2)
    for option in question.choices:
        lead = f"{option.key} ({number(option.score)}) "
        print_indented(console, Text.assemble((lead, "cyan"), option.label), 7, len(lead))


def render_outline(bank: Bank, console: Console, marks: dict[tuple[str, str], str] | None = None) -> None:
    """The bank as an outline; `marks` flags the parts an overlay added or changed."""
    for line in bank_heading(bank):
        print_indented(console, line)
    if bank.description:
        print_indented(console, bank.description)
    groups = {group.id: group.title for group in bank.groups}
    current_group = None
    for d, dimension in enumerate(bank.dimensions, start=1):
        if dimension.group != current_group and dimension.group:
            console.print()
            console.print(Text(groups[dimension.group].upper(), style="bold magenta"))
        current_group = dimension.group
        console.print()
        print_indented(console, Text.assemble((f"{d}. {dimension.title}", "bold"),
                                              (f"  [{dimension.id}]{_mark(marks, 'dimension', dimension.id)}",
                                               "dim")), 0, 3)
        if dimension.description:
            print_indented(console, dimension.description, 3)
        for q, question in enumerate(dimension.questions, start=1):
            _print_question(console, f"{d}.{q}", question, marks)
