"""`--notes`: the why behind the answers, each note under its question, part by part. For a
combined or agreed file, what each person wrote as well."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from goodlooks.bank.model import Bank
from goodlooks.render.outline import print_indented
from goodlooks.results.model import Results


def render_notes(bank: Bank, results: Results, console: Console) -> None:
    """Print every note, grouped by dimension; say so when there are none."""
    console.print()
    console.print(Text("Notes", style="bold"))
    found = False
    for dimension in bank.dimensions:
        lines: list[Text] = []
        for question in dimension.questions:
            answer = results.answers.get(question.id)
            record = results.distributions.get(question.id)
            said: list[tuple[str | None, str, str, str | None]] = (
                [(None, answer.label, answer.note, answer.evidence)] if answer is not None and answer.note else [])
            said += [(v.respondent or "Someone", v.label or v.answer, v.note, None)
                     for v in (record.voices if record else []) if v.note]
            if not said:
                continue
            lines.append(Text(f"  {question.text}", style="bold"))
            for who, label, note, known in said:
                chose = f"{who} chose" if who else "Chose"
                lines.append(Text.assemble("    ", f"{chose} “", (label, "italic"), "”",
                                           f" ({known})" if known else "", f": {note}"))
        if lines:
            found = True
            print_indented(console, Text(dimension.title, style="underline"))
            for line in lines:
                print_indented(console, line, 0, 6)
    if not found:
        print_indented(console, Text("No notes were written with these answers.", style="dim"))
