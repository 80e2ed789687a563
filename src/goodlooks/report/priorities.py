"""The board's priorities: a handful of steps, chosen by gap to target times weight, the rest in
an appendix grouped by part, and every "don't know" turned into something to find out.

- A step is a piece of the bank's advice: a part's advice for its level (a part-level step) or
  the advice on a chosen option (a question-level step).
- Its gap is how far below the part's target the part (for a part-level step) or the question's
  answer (for a question-level step) sits, on normalised scores; with no targets set at all,
  the target is the top of the scale. A part without a target, when others have one, gives no
  gap: the board has not said where it wants it to be.
- Its weight is the part's weight over the mean part weight, times (for a question-level step)
  the question's weight over the mean question weight in its part: so "weight" means the same
  in a bank whatever numbers it uses.
- Steps go in order of gap times weight, largest first (ties in the order the profile gives
  advice). Advice said by several answers is one step that names each question.
- A part with no answer at all (every question unanswered or "don't know", not all "not
  applicable") comes first: finding out where it stands outranks every step, since no step can
  be chosen for a part nobody could score.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from goodlooks.bank.model import DONT_KNOW, Bank, Dimension
from goodlooks.report.advice import substance
from goodlooks.report.paper_file import Owner
from goodlooks.results.model import Results
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import ScoreSheet
from goodlooks.scoring.targets import to_normalised


@dataclass(frozen=True)
class Step:
    part_id: str
    part: str
    """The part's title."""
    text: str
    questions: tuple[str, ...] = ()
    """The texts of the questions whose answers led to it (empty for a part's own advice)."""
    question_ids: tuple[str, ...] = ()
    today: tuple[str, ...] = ()
    """The answer chosen to each of `questions`, as its label."""
    value: float = 0.0
    """Gap times weight: the order of steps."""
    find_out: bool = False
    """Finding out where the trust stands (a whole part, or one "don't know" answer)."""
    where_to_look: tuple[str, ...] = ()
    owner: str | None = None
    quarter: str | None = None
    number: int = 0


@dataclass(frozen=True)
class PartSteps:
    part: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Plan:
    priorities: list[Step]
    find_out: list[Step]
    """Each "don't know" answer, as something to find out, in bank order."""
    appendix: list[PartSteps]
    """The other steps, by part in bank order, each part's in order of gap times weight."""
    by_target: bool
    """True when the gaps are to the board's targets, False when to the top of the scale."""
    unknown_parts: list[str] = field(default_factory=list)


def _relative(weight: float, weights: list[float]) -> float:
    mean = sum(weights) / len(weights) if weights else 0.0
    return weight / mean if mean > 0 else 0.0


def _unknown_part(dimension: Dimension, sheet: ScoreSheet) -> Step | None:
    result = sheet.dimensions[dimension.id]
    if result.answered or result.total == result.not_applicable:
        return None
    count = len(dimension.questions)
    return Step(dimension.id, dimension.title,
                f"Find out how things stand on “{dimension.title}”: none of its "
                f"{'question' if count == 1 else f'{count} questions'} could be answered.",
                question_ids=tuple(q.id for q in dimension.questions), find_out=True,
                where_to_look=tuple(q.evidence for q in dimension.questions if q.evidence))


def _steps(bank: Bank, sheet: ScoreSheet, results: Results, targets: dict[str, float]) -> list[Step]:
    choices = results.choices()
    parts = {d.id: d for d in bank.dimensions}
    part_weights = [d.weight for d in bank.dimensions]
    q_scores = {p.question_id: p.normalised for d in sheet.dimensions.values() for p in d.parts}
    steps: dict[str, Step] = {}
    for item in recommend(bank, choices, sheet, targets):
        dimension = parts[item.dimension]
        target = (to_normalised(bank, targets[dimension.id]) if dimension.id in targets else None) \
            if targets else 1.0
        weight = _relative(dimension.weight, part_weights)
        question = bank.question(item.question) if item.question else None
        if question is not None:
            current = q_scores.get(question.id)
            weight *= _relative(question.weight, [q.weight for q in dimension.questions])
        else:
            current = sheet.dimensions[dimension.id].normalised
        gap = 0.0 if target is None or current is None else max(0.0, target - current)
        value = round(gap * weight, 9)
        key = substance(item.text)
        found = steps.get(key)
        if found is None:
            found = steps[key] = Step(dimension.id, dimension.title, item.text, value=value)
        elif value > found.value:
            found = steps[key] = replace(found, value=value)
        if question is not None and question.id not in found.question_ids:
            answer = results.answers.get(question.id)
            steps[key] = replace(found, questions=(*found.questions, question.text),
                                 question_ids=(*found.question_ids, question.id),
                                 today=(*found.today, answer.label if answer else ""))
    ranked = list(steps.values())
    ranked.sort(key=lambda step: -step.value)  # stable: the profile's order among equals
    return ranked


def _find_out(bank: Bank, results: Results) -> list[Step]:
    found = []
    for dimension in bank.dimensions:
        for question in dimension.questions:
            answer = results.answers.get(question.id)
            if answer is not None and answer.status == DONT_KNOW:
                found.append(Step(dimension.id, dimension.title, f"Find out: {question.text}",
                                  questions=(question.text,), question_ids=(question.id,), find_out=True,
                                  where_to_look=(question.evidence,) if question.evidence else ()))
    return found


def _with_owner(step: Step, owners: dict[str, Owner]) -> Step:
    """The owner and quarter the paper file gives for one of the step's questions, else its part."""
    chosen = next((owners[i] for i in step.question_ids if i in owners), owners.get(step.part_id))
    if chosen is None:
        return step
    return replace(step, owner=step.owner or chosen.owner, quarter=step.quarter or chosen.quarter)


def plan(bank: Bank, sheet: ScoreSheet, results: Results, count: int,
         owners: dict[str, Owner] | None = None) -> Plan:
    """The priorities (at most `count`), the things to find out and the appendix of other steps."""
    owners = owners or {}
    targets = {d: t for d, t in results.targets.items() if d in sheet.dimensions}
    unknown = [step for d in bank.dimensions if (step := _unknown_part(d, sheet)) is not None]
    steps = _steps(bank, sheet, results, targets)
    ranked = unknown + [step for step in steps if step.value > 0]
    chosen = [replace(_with_owner(step, owners), number=n) for n, step in enumerate(ranked[:count], start=1)]
    picked = {id(step) for step in ranked[:count]}
    rest = [step for step in steps if id(step) not in picked]
    appendix = []
    for dimension in bank.dimensions:
        mine = tuple(_with_owner(step, owners) for step in rest if step.part_id == dimension.id)
        if mine:
            appendix.append(PartSteps(dimension.title, mine))
    number = len(chosen)
    numbered = []
    for group in appendix:
        steps_ = []
        for step in group.steps:
            number += 1
            steps_.append(replace(step, number=number))
        numbered.append(PartSteps(group.part, tuple(steps_)))
    return Plan(chosen, [_with_owner(step, owners) for step in _find_out(bank, results)], numbered,
                by_target=bool(targets), unknown_parts=[step.part for step in unknown])
