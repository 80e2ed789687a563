"""The story of the session, in plain words, from what the results file records: who took part
and how, when, which questions (the bank's title and version, never its file or id), what the
answers rest on, where people differed, and what changed since the last assessment. Also the
words a board paper uses for a baseline and for the part of a bank that was asked.

Nothing here names a file or a command: the paper is for the board, not the facilitator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, Bank
from goodlooks.base.numbers import board_score
from goodlooks.report.status import Status
from goodlooks.results.model import Results
from goodlooks.scoring.scores import ScoreSheet
from goodlooks.workshop.compare import Comparison

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(count: int, noun: str, nouns: str | None = None) -> str:
    """`one question`, `three people`, `12 parts`: small numbers in words, as a paper writes them."""
    many = nouns or noun + "s"
    return f"{_NUMBERS[count] if count < len(_NUMBERS) else f'{count:,}'} {noun if count == 1 else many}"


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _day(value) -> str:
    return f"{value:%d %B %Y}".lstrip("0")


def baseline_label(old: Results, new: Results, given: str | None = None) -> str:
    """How the paper names the baseline: as given, else by its date ("the March 2025
    assessment", or the day when both are from the same month)."""
    if given:
        return given
    before, after = old.completed_at or old.updated_at, new.completed_at or new.updated_at
    if f"{before:%Y%m}" != f"{after:%Y%m}":
        return f"the {before:%B %Y} assessment"
    return f"the assessment of {_day(before)}"


def scope_words(whole: Bank, tokens: Sequence[str]) -> str:
    """What `--only` asked, in the bank's own words: part and group titles, tag titles."""
    words = []
    for token in tokens:
        dimension = next((d for d in whole.dimensions if d.id == token), None)
        group = next((g for g in whole.groups if g.id == token), None)
        question = whole.question(token)
        family, _, value = token.partition(":")
        declared = whole.tag_families.get(family)
        if dimension is not None:
            words.append(f"the part “{dimension.title}”")
        elif group is not None:
            words.append(f"the group “{group.title}”")
        elif question is not None:
            words.append(f"the question “{question.text}”")
        elif declared is not None and value:
            words.append(f"those tagged {declared.title} “{declared.tags.get(value, value)}”")
        elif declared is not None:
            words.append(f"those tagged “{declared.title}”")
        else:
            words.append(f"those tagged “{token}”")
    return _and(words) if words else ""


@dataclass(frozen=True)
class StoryFacts:
    """What the story is told from, gathered by `goodlooks.report.content`."""

    results: Results
    bank: Bank
    """As asked (cut down to the scope)."""
    whole: Bank
    sheet: ScoreSheet
    disagreements: int
    comparison: Comparison | None
    baseline: str | None
    statuses: Sequence[Status]
    find_out: int
    unknown_parts: Sequence[str] = ()


def _names(results: Results) -> list[str]:
    names: dict[str, None] = {}
    for record in results.distributions.values():
        for voice in record.voices:
            if voice.respondent:
                names.setdefault(voice.respondent.strip())
    return [name for name in names if name]


def _who(results: Results) -> str:
    people = results.respondents
    names = _names(results)
    if results.kind in ("combined", "agreed") and people:
        crowd = count_words(people, "person", "people")
        if names:
            others = people - len(names)
            crowd += " (" + _and(names + ([count_words(others, "other")] if others > 0 else [])) + ")"
        if results.kind == "combined":
            return (f"{crowd[0].upper()}{crowd[1:]} answered the questions on their own. Each answer here is "
                    "the average of theirs: the board has not yet agreed its answers together.")
        return (f"First {crowd} answered the questions on their own. The board then met and agreed each "
                "answer together, talking first where their answers differed most.")
    if results.kind == "agreed":
        return "The board agreed each answer together."
    if results.kind == "voted":
        votes = [sum(d.counts.values()) for d in results.distributions.values() if d.source == "votes"]
        most = f" Up to {count_words(max(votes), 'person', 'people')} voted on each question." if votes else ""
        return ("The board voted on each question in the room, everyone at the same moment so that nobody "
                f"followed the first voice, and then agreed its answer.{most}")
    if results.respondent:
        return f"The answers are those of {results.respondent}, given in one sitting."
    return "The answers are one person's, given in one sitting."


def _when(results: Results) -> str:
    start, end = results.started_at, results.completed_at or results.updated_at
    verb = "were recorded" if results.status == "complete" else "are being recorded, and are not finished yet,"
    if start.date() == end.date():
        return f"They {verb} on {_day(end)}."
    return f"They {verb} between {_day(start)} and {_day(end)}."


def _asked(facts: StoryFacts) -> str:
    results, bank = facts.results, facts.bank
    made = " (the questions that come with goodlooks)" if results.bank.builtin else ""
    text = f"The questions are those of “{bank.title}”, version {bank.version}{made}."
    asked, whole = len(bank.questions()), len(facts.whole.questions())
    if results.scope and asked < whole:
        text += f" The board was asked {asked} of its {whole} questions: {scope_words(facts.whole, results.scope)}."
    statuses = [results.answers[q.id].status if q.id in results.answers else "" for q in bank.questions()]
    answered = sum(1 for s in statuses if s and s not in (NOT_APPLICABLE, DONT_KNOW))
    text += f" {count_words(answered, 'question').capitalize()} {'was' if answered == 1 else 'were'} answered"
    text = text.replace(" No questions were answered", " No question was answered")
    extras = []
    if statuses.count(NOT_APPLICABLE):
        extras.append(f"{count_words(statuses.count(NOT_APPLICABLE), 'was', 'were')} not applicable, "
                      "and left out of the scores")
    if statuses.count(DONT_KNOW):
        extras.append(f"{count_words(statuses.count(DONT_KNOW), 'was', 'were')} answered “don't know”, and "
                      "finding out is an action in itself")
    if statuses.count(""):
        extras.append(f"{count_words(statuses.count(''), 'was', 'were')} not answered")
    return text + ("; " + "; ".join(extras) if extras else "") + "."


def _evidence(results: Results) -> str:
    def noted_(question_id: str) -> bool:
        spread = results.distributions.get(question_id)
        return bool(results.answers[question_id].note or (spread and any(v.note for v in spread.voices)))

    noted = sum(1 for question_id in results.answers if noted_(question_id))
    total = len(results.answers)
    if not total:
        return ""
    if not noted:
        return ("No answer carries a note of what it rests on. Each question names where to look to check "
                "its answer; the appendix lists them.")
    which = f"All {total} answers" if noted == total else \
        f"{count_words(noted, 'x').split()[0].capitalize()} of the {total} answers"
    verb = "carries" if noted == 1 and total > 1 else "carry"
    rest = "it rests" if noted == 1 else "they rest"
    return f"{which} {verb} a note of what {rest} on, set out in Appendix C with where to look to check each answer."


def _differed(facts: StoryFacts) -> str:
    if not facts.disagreements:
        return ""
    many = count_words(facts.disagreements, "question")
    people = "votes" if facts.results.kind == "voted" else "answers"
    if facts.results.kind in ("agreed", "voted"):
        return f"The {people} were two or more options apart on {many}; these were talked through before agreeing."
    return f"The {people} were two or more options apart on {many}, set out below for the board to talk about."


def _change(facts: StoryFacts) -> str:
    comparison = facts.comparison
    if comparison is None:
        return ""
    overall = comparison.overall
    before = f"{board_score(overall.before)} ({overall.before_level or 'no level'})"
    after = f"{board_score(overall.after)} ({overall.after_level or 'no level'})"
    moved = [c.change for c in comparison.dimensions if c.change is not None]
    rose, fell = sum(1 for c in moved if round(c, 6) > 0), sum(1 for c in moved if round(c, 6) < 0)
    same = len(moved) - rose - fell
    moves = [f"{count_words(n, 'part')} {verb}" for n, verb in ((rose, "rose"), (fell, "fell"),
                                                                   (same, "stayed the same")) if n]
    text = (f"Since {facts.baseline or 'the last assessment'}, the overall result has gone from {before} to "
            f"{after}{': ' + _and(moves) if moves else ''}.")
    if comparison.added or comparison.removed:
        text += (f" The questions changed in between ({len(comparison.added)} added, {len(comparison.removed)} "
                 "removed), so the change rests on the questions both share.")
    return text


def _targets(facts: StoryFacts) -> str:
    if not facts.statuses:
        return ""
    counts = {key: sum(1 for s in facts.statuses if s.key == key) for key in ("met", "close", "far")}
    spoken = {key: "none" if n == 0 else count_words(n, "x").split()[0] for key, n in counts.items()}
    return (f"The board set targets for {count_words(len(facts.statuses), 'part')}, for twelve months' time: "
            f"{spoken['met']} met, {spoken['close']} close (within half a level) and {spoken['far']} far.")


def story(facts: StoryFacts) -> list[str]:
    """The story as paragraphs of plain sentences."""
    paragraphs = [f"{_who(facts.results)} {_when(facts.results)}", _asked(facts),
                  " ".join(filter(None, [_evidence(facts.results), _differed(facts)])),
                  " ".join(filter(None, [_change(facts), _targets(facts)]))]
    return [p for p in paragraphs if p.strip()]

