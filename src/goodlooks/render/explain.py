"""`--explain`: the arithmetic behind every number in the profile, from the same score sheet."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from goodlooks.bank.model import Bank, Dimension
from goodlooks.base.numbers import number
from goodlooks.base.numbers import score as score_text
from goodlooks.render.outline import print_indented
from goodlooks.results.model import Results
from goodlooks.scoring.scores import Score, ScoreSheet


def _n(value: float | None) -> str:
    return number(value, 4)


def shown_text(bank: Bank, sheet: ScoreSheet, result: Score) -> str:
    low, high = sheet.score_range
    if result.normalised is None:
        return "nothing scored, so no score"
    text = (f"shown {_n(low)} + {_n(result.normalised)} × ({_n(high)} − {_n(low)}) = "
            f"{score_text(result.shown)}")
    level = next((lvl for lvl in bank.levels if lvl.name == result.level), None)
    if level is not None:
        text += f" → {level.name} (from {_n(level.min)})"
    elif bank.levels:
        text += " → below the first level"
    return text


def mean_text(pairs: Sequence[tuple[float, float | None]]) -> str:
    top = " + ".join(f"{_n(w)}×{_n(v)}" for w, v in pairs)
    return f"({top}) / {_n(sum(w for w, _ in pairs))}"


def _dimension(console: Console, bank: Bank, sheet: ScoreSheet, dimension: Dimension, results: Results) -> None:
    result = sheet.dimensions[dimension.id]
    console.print()
    console.print(Text(f"{dimension.title}  [{dimension.id}, weight {_n(dimension.weight)}]", style="bold"))
    parts = {part.question_id: part for part in result.parts}
    for question in dimension.questions:
        part = parts.get(question.id)
        answer = results.answers.get(question.id)
        if part is not None:
            line = (f"{question.id}: chose {answer.option if answer else '?'} scoring {_n(part.option_score)}; q = "
                    f"({_n(part.option_score)} − {_n(part.lowest)}) / ({_n(part.highest)} − {_n(part.lowest)}) "
                    f"= {_n(part.normalised)}, weight {_n(part.weight)}")
        else:
            why = answer.label.lower() if answer else "unanswered"
            line = f"{question.id}: {why}, left out"
        print_indented(console, line, 2, 2)
        if question.evidence:
            print_indented(console, Text(f"where to look: {question.evidence}", style="dim"), 4, 2)
    counted = [(p.weight, p.normalised) for p in result.parts if p.weight > 0]
    if counted and sheet.strategy == "weakest":
        print_indented(console, f"D = the weakest answer = min({', '.join(_n(v) for _, v in counted)}) "
                                f"= {_n(result.normalised)}", 2, 4)
    elif counted:
        print_indented(console, f"D = {mean_text(counted)} = {_n(result.normalised)}", 2, 4)
    print_indented(console, shown_text(bank, sheet, result), 2, 4)


def _combined(console: Console, bank: Bank, sheet: ScoreSheet, title: str, members: list[Dimension],
              result: Score) -> None:
    pairs = [(d.weight, sheet.dimensions[d.id].normalised) for d in members
             if sheet.dimensions[d.id].normalised is not None]
    console.print()
    console.print(Text(title, style="bold"))
    if pairs:
        print_indented(console, f"D = weighted mean of its dimensions' D = {mean_text(pairs)} = "
                                f"{_n(result.normalised)}", 2, 4)
    print_indented(console, shown_text(bank, sheet, result), 2, 4)


def render_explanation(bank: Bank, results: Results, sheet: ScoreSheet, console: Console) -> None:
    low, high = sheet.score_range
    console.print()
    console.rule(Text("How these numbers were worked out", style="bold"), align="left", characters="─")
    print_indented(console, "Each answer becomes q = (s − lo) / (hi − lo), between 0 and 1: s is the chosen "
                            "option's score, lo and hi the lowest and highest option scores of that question. "
                            "Not applicable, don't know and unanswered questions are left out.")
    rule = ("the weakest answer (the lowest q)" if sheet.strategy == "weakest"
            else "the weighted mean of its answers' q")
    print_indented(console, f"A dimension's D is {rule}. Groups and the overall score are the weighted "
                            f"mean of their dimensions' D. Every D is shown on {_n(low)} to {_n(high)} as "
                            f"{_n(low)} + D × ({_n(high)} − {_n(low)}); the level is the last one whose "
                            "minimum it reaches.")
    if bank.levels:
        console.print()
        console.print(Text("What each level means", style="bold"))
        for level in bank.levels:
            print_indented(console, Text.assemble((f"{level.name} (from {_n(level.min)})", "bold"),
                                                  f": {level.description}" if level.description else ""), 2, 4)
    for dimension in bank.dimensions:
        _dimension(console, bank, sheet, dimension, results)
    for group in bank.groups:
        members = [d for d in bank.dimensions if d.group == group.id]
        _combined(console, bank, sheet, f"Group: {group.title}", members, sheet.groups[group.id])
    _combined(console, bank, sheet, "Overall", bank.dimensions, sheet.overall)
