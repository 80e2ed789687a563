"""A question bank as a readable outline (`goodlooks questions`)."""

from __future__ import annotations

import itertools

from rich.console import Console
from rich.segment import Segment, Segments
from rich.style import Style
from rich.text import Text

from goodlooks.bank.model import Bank, Question
from goodlooks.base.numbers import number, plural
from goodlooks.render.wrapping import wrap_pieces


def print_indented(console: Console, text: Text | str, indent: int = 0, hang: int = 0) -> None:
    """Print wrapped to the console's width, every line indented, without trailing spaces."""
    text = Text(text) if isinstance(text, str) else text
    width = max(20, console.width - indent - hang)
    # The wrapped lines go to the console as the segments they are made of, in one print: what
    # a print of each line would show, without rich building a Text for every line and wrapping
    # it again to print it, or paying for a print per line (a long profile has thousands).
    lines = _wrapped(console, text, width)
    segments: list[Segment] = []
    for index, line in enumerate(lines):
        margin = indent + (hang if index else 0)
        if margin:
            segments.append(Segment(" " * margin))
        segments.extend(line)
        segments.append(Segment.line())
    console.print(Segments(segments), soft_wrap=True)


def _wrapped(console: Console, text: Text, width: int) -> list[list[Segment]]:
    """`text` wrapped as `Text.wrap` wraps it, each line without trailing white space and as
    the segments `Text.render` makes of it: cut at every edge of a span, in the styles the
    spans over each part combine to."""
    runs = _runs(text)
    lines = wrap_pieces(runs, width) if runs is not None else None
    if lines is None:  # what wrap_pieces leaves to rich
        return [_rendered(console, line) for line in text.wrap(console, width)]
    spans, styles = text.spans, {}
    base = console.get_style(text.style, default=Style.null())

    def style(key: tuple[int, ...]) -> Style:
        if key not in styles:
            styles[key] = Style.combine([base, *(console.get_style(spans[i].style, default=Style.null())
                                                 for i in key)])
        return styles[key]

    return [[Segment(part, style(key)) for part, key in line] for line in lines]


def _runs(text: Text) -> list[tuple[str, tuple[int, ...]]] | None:
    """The text cut at every edge of its spans, each part with the spans over it; None for a
    text that wraps otherwise (justified, cropped) or whose spans are empty or out of range."""
    plain, spans = text.plain, text.spans
    if text.justify not in (None, "default") or text.overflow not in (None, "fold") or text.no_wrap \
            or any(not 0 <= span.start < span.end <= len(plain) for span in spans):
        return None
    edges = sorted({0, len(plain), *(span.start for span in spans), *(span.end for span in spans)})
    return [(plain[start:end], tuple(i for i, span in enumerate(spans) if span.start <= start and end <= span.end))
            for start, end in itertools.pairwise(edges)]


def _rendered(console: Console, line: Text) -> list[Segment]:
    line.rstrip()
    return text_segments(console, line)


def text_segments(console: Console, text: Text) -> list[Segment]:
    """`text` as segments, its own style included (`Text.render` leaves it out of a text without
    spans)."""
    if not text.spans:
        return [Segment(text.plain, console.get_style(text.style, default=None) if text.style else None)]
    shown = Text()
    shown.append_text(text)
    return list(shown.render(console))


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
