"""A profile read by a tag family (`goodlooks profile FILE --by wgll`), and its arithmetic."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodlooks.bank.model import Bank
from goodlooks.base.numbers import board_score as score_text
from goodlooks.base.numbers import number, plural
from goodlooks.render.explain import mean_text, shown_text
from goodlooks.render.outline import print_indented
from goodlooks.render.profile import bar, level_style
from goodlooks.results.model import Results
from goodlooks.scoring.by_tag import TagScore, TagSheet, score_by_tag


def _status(results: Results, tags: TagSheet) -> str:
    from goodlooks.report.summary import who_answered

    dimensions = tags.sheet.dimensions.values()
    answered, total = sum(d.answered for d in dimensions), sum(d.total for d in dimensions)
    return f"{who_answered(results)} · {answered} of {plural(total, 'question')} answered"


def _whole_bank_tags(results: Results) -> set[str]:
    """Every tag a question of the whole bank carries (the file's copy), asked or not (--only)."""
    return {tag for dimension in results.bank.definition.get("dimensions", [])
            for question in dimension.get("questions", []) for tag in question.get("tags") or []}


def _row(table: Table, bank: Bank, tag: TagScore, outside: set[str]) -> None:
    result = tag.result
    if not tag.asked:
        why = "outside --only" if tag.value in outside else "not asked"
        table.add_row(Text(tag.title), Text("–", justify="right"), Text(why, style="dim"), "", "")
        return
    style = level_style(bank, result.level)
    table.add_row(Text(tag.title), Text(score_text(result.shown), justify="right"),
                  Text(result.level or "–", style=style), Text(bar(result.normalised), style=style),
                  f"{result.answered}/{result.total}")


def render_by_tag(bank: Bank, results: Results, family: str, console: Console) -> TagSheet:
    """Print the scores of `results` regrouped by the tags of `family`; return them."""
    tags = score_by_tag(bank, results.choices(), family)
    low, high = tags.sheet.score_range
    console.print()
    console.rule(Text(f"Maturity profile by {tags.title}", style="bold"), align="left", characters="─")
    print_indented(console, Text(f"{bank.title} · {_status(results, tags)}", style="dim"))
    console.print()
    overall = tags.sheet.overall
    style = level_style(bank, overall.level)
    console.print(Text.assemble(("Overall  ", "bold"), (score_text(overall.shown), "bold"),
                                f" on {number(low)} to {number(high)}  ", (overall.level or "no level yet", style),
                                "  ", (bar(overall.normalised, 20), style)))
    console.print()
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column(tags.title, ratio=1, overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Answered", justify="right", no_wrap=True)
    carried = _whole_bank_tags(results) if results.scope else set()
    outside = {tag.value for tag in tags.tags if not tag.asked and f"{family}:{tag.value}" in carried}
    for tag in tags.tags:
        _row(table, bank, tag, outside)
    console.print(table)
    console.print()
    notes = ["Each row is scored like a part of the bank, from the questions tagged with it; a question "
             "can count in more than one row. The overall score is the usual one."]
    if outside:
        notes.append(f"'Outside --only': the bank asks about it, but not in this session (only "
                     f"{', '.join(results.scope)}).")
    if any(not tag.asked and tag.value not in outside for tag in tags.tags):
        notes.append("'Not asked': no question in this bank carries that tag (the bank's description "
                     "says where to assess it).")
    if tags.untagged:
        notes.append(f"{plural(len(tags.untagged), 'question')} with no '{family}' tag "
                     f"{'is' if len(tags.untagged) == 1 else 'are'} left out of the rows: "
                     f"{', '.join(tags.untagged)}.")
    for note in notes:
        print_indented(console, Text(note, style="dim"))
    return tags


def render_by_tag_explanation(bank: Bank, results: Results, tags: TagSheet, console: Console) -> None:
    """`--explain` for the regrouped view: each row's questions, their q and the row's D."""
    console.print()
    console.rule(Text("How these numbers were worked out", style="bold"), align="left", characters="─")
    rule = "the lowest q of" if tags.sheet.strategy == "weakest" else "the weighted mean of the q of"
    print_indented(console, f"Each row's D is {rule} the answered questions tagged with it, each "
                            "q = (s − lo) / (hi − lo) as in the usual profile.")
    for tag in tags.tags:
        if not tag.asked:
            continue
        console.print()
        console.print(Text(f"{tag.title}  [{tags.family}:{tag.value}]", style="bold"))
        scored = {part.question_id: part for part in tag.result.parts}
        for question_id in tag.question_ids:
            part, answer = scored.get(question_id), results.answers.get(question_id)
            line = (f"{question_id}: q = {number(part.normalised, 4)}, weight {number(part.weight, 4)}"
                    if part else f"{question_id}: {answer.label.lower() if answer else 'unanswered'}, left out")
            print_indented(console, line, 2, 2)
        counted = [(p.weight, p.normalised) for p in tag.result.parts if p.weight > 0]
        if counted and tags.sheet.strategy == "weakest":
            print_indented(console, f"D = min({', '.join(number(v, 4) for _, v in counted)}) = "
                                    f"{number(tag.result.normalised, 4)}", 2, 4)
        elif counted:
            print_indented(console, f"D = {mean_text(counted)} = {number(tag.result.normalised, 4)}", 2, 4)
        print_indented(console, shown_text(bank, tags.sheet, tag.result), 2, 4)
