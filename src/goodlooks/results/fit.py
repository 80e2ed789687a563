"""Whether a results file's contents fit the bank it is read with: every answer names a question
and option the bank has, and every target lies on the bank's range. Answers edited to fit no
question are refused, never silently dropped; a target no score could reach is nonsense."""

from __future__ import annotations

from pathlib import Path

from goodlooks.bank.model import Bank
from goodlooks.base.errors import ResultsError
from goodlooks.base.numbers import number
from goodlooks.results.model import Results


def check_answers_fit(results: Results, bank: Bank, path: Path) -> None:
    """Every answer names a question and option that `bank` has; every target is on its range."""
    problems = []
    for question_id, answer in results.answers.items():
        question = bank.question(question_id)
        if question is None:
            problems.append(f"question '{question_id}' is not in bank '{bank.id}'")
        elif answer.option is not None and question.option(answer.option) is None:
            problems.append(f"question '{question_id}' has no option '{answer.option}' in bank '{bank.id}'")
    low, high = bank.shown_range()
    targets = [f"the target for '{dimension}', {number(target)}, is outside the bank's range, {number(low)} "
               f"to {number(high)}" for dimension, target in results.targets.items() if not low <= target <= high]
    said = ([f"its answers do not fit the bank: {'; '.join(problems)}"] if problems else []) + \
        ([f"its targets do not fit the bank: {'; '.join(targets)}"] if targets else [])
    if said:
        raise ResultsError(f"{path}: " + ". ".join(said))
