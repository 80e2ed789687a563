"""A question bank as a readable outline (`goodlooks questions`)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from goodlooks.bank.model import Bank, Question
from goodlooks.render.numbers import number


def levels_line(bank: Bank) -> str:
    return ", ".join(f"{level.name} ({number(level.min)}+)" for level in bank.levels)


def bank_heading(bank: Bank) -> list[Text]:
    low, high = bank.shown_range()
    lines = [Text(bank.title, style="bold"),
             Text(f"{bank.id} version {bank.version} · {len(bank.dimensions)} dimensions · "
                  f"{len(bank.questions())} questions · scores shown {number(low)} to {number(high)} "
                  f"({bank.scoring})", style="dim")]
    if bank.source:
        lines.append(Text(f"Source: {bank.source}"))
    if bank.levels:
        lines.append(Text(f"Levels: {levels_line(bank)}"))
    return lines


def _question(position: str, question: Question) -> Group:
    parts = [Text.assemble((f"{position} ", "bold"), question.text, (f"  [{question.id}]", "dim"))]
    if question.help:
        parts.append(Padding(Text(question.help, style="italic"), (0, 0, 0, 4)))
    for option in question.choices:
        parts.append(Padding(Text.assemble((f"{option.key}", "cyan"), f" ({number(option.score)}) ",
                                           option.label), (0, 0, 0, 4)))
    return Group(*parts)


def render_outline(bank: Bank, console: Console) -> None:
    for line in bank_heading(bank):
        console.print(line)
    groups = {group.id: group.title for group in bank.groups}
    current_group = None
    for d, dimension in enumerate(bank.dimensions, start=1):
        if dimension.group != current_group and dimension.group:
            console.print()
            console.print(Text(groups[dimension.group].upper(), style="bold magenta"))
        current_group = dimension.group
        console.print()
        console.print(Text.assemble((f"{d}. {dimension.title}", "bold"), (f"  [{dimension.id}]", "dim")))
        if dimension.description:
            console.print(Padding(Text(dimension.description), (0, 0, 0, 3)))
        for q, question in enumerate(dimension.questions, start=1):
            console.print(Padding(_question(f"{d}.{q}", question), (0, 0, 0, 3)))
