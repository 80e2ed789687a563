"""A distribution behind an answer as a small bar chart: one way of showing the room's votes,
people's combined answers and the record behind an agreed answer."""

from __future__ import annotations

from rich.text import Text

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS, Question
from goodlooks.base.numbers import plural
from goodlooks.results.model import DistributionRecord

BAR = "█"
LABEL_WIDTH = 34
RESERVED_SHORT = {"not_applicable": "n", "dont_know": "d"}


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


def summary(record: DistributionRecord) -> str:
    """`5 votes · spread 3 · the room disagrees: talk about it`. Not applicable and don't know
    are counted apart, and agreement among few of the answers is not called agreement:
    `6 votes · 4 not applicable or don't know · spread 1 among the other 2 · mostly unsure: ask why`."""
    noun = "vote" if record.source == "votes" else "answer"
    total = sum(record.counts.values())
    unsure = sum(record.counts.get(key, 0) for key in RESERVED_KEYS)
    parts = [plural(total, noun)]
    if unsure:
        parts.append(f"{unsure} not applicable or don't know")
    if record.spread is not None:
        parts.append(f"spread {record.spread}" + (f" among the other {total - unsure}" if unsure else ""))
    if record.discuss:
        parts.append("the room disagrees: talk about it" if record.source == "votes"
                     else "the board disagrees: discuss")
    elif unsure * 2 >= total and total:
        parts.append("mostly unsure: ask why")
    elif record.spread is not None:
        parts.append("close agreement")
    return " · ".join(parts)


def chart(question: Question, record: DistributionRecord, width: int = 80, bars: bool = True) -> list[Text]:
    """One line per option (numbered as in the interview), then not applicable and don't know
    where anyone chose them: `  2 Sometimes   ███ 3` (without `bars`, for a screen reader:
    `  2 Sometimes   3`)."""
    label_width = max(12, min(LABEL_WIDTH, width - 20))
    biggest = max(record.counts.values(), default=0) or 1
    bar_width = max(4, min(20, width - label_width - 12))
    per_person = max(1, min(3, bar_width // biggest))  # a few people: a few cells each
    rows = [(str(number), option.label, record.counts.get(option.key, 0))
            for number, option in enumerate(question.choices, start=1)]
    rows += [(RESERVED_SHORT[key], RESERVED_LABELS[key], record.counts.get(key, 0))
             for key in RESERVED_KEYS if record.counts.get(key, 0)]
    lines = []
    for key, label, count in rows:
        cells = count * per_person if count * per_person <= bar_width else round(count / biggest * bar_width)
        if not bars:  # the count alone, 0 too: a screen reader reads each symbol out
            lines.append(Text(f"  {key:>2} {_short(label, label_width):<{label_width}}  {count:,}"))
            continue
        lines.append(Text.assemble(f"  {key:>2} {_short(label, label_width):<{label_width}} ",
                                   (BAR * cells, "bold" if count else ""), f" {count:,}" if count else " ·"))
    return lines


def ends(question: Question, record: DistributionRecord) -> list[Text]:
    """Who is at each end of the spread, where they gave their name: the people to start the
    talk with. `Lowest, 1 (IT staff and…): Chief nurse and 1 other`. None without a spread."""
    if not record.spread:
        return []
    order = [option.key for option in question.choices]
    chosen = [key for key in order if record.counts.get(key)]
    lines = []
    for label, key in (("Lowest", chosen[0]), ("Highest", chosen[-1])):
        names = list(dict.fromkeys(v.respondent for v in record.voices if v.answer == key and v.respondent))
        others = record.counts.get(key, 0) - len(names)
        if not names:
            continue
        who = ", ".join(names) + (f" and {plural(others, 'other')}" if others > 0 else "")
        option = question.choices[order.index(key)]
        lines.append(Text.assemble((f"{label}, {order.index(key) + 1} ({_short(option.label, 30)}): ", "bold"), who))
    return lines


def voices(record: DistributionRecord, width: int = 80) -> list[Text]:
    """What people said: `Chief nurse (Sometimes): "We have two teams"`; names only where given."""
    lines = []
    for voice in record.voices:
        if not voice.note:
            continue  # a name alone: said at the ends of the spread
        who = voice.respondent or "Someone"
        lines.append(Text.assemble((f"  {who} ({_short(voice.label or voice.answer, 40)}): ", "bold"),
                                   f"“{voice.note}”"))
    return lines
