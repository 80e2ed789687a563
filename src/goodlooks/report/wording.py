"""Sentences every format of the paper shares, about how its numbers and priorities were made:
plain text here, escaped by each format on the way out."""

from __future__ import annotations

from goodlooks.base.numbers import board_score, number
from goodlooks.report.priorities import Plan
from goodlooks.report.story import count_words


def priorities_intro(plan: Plan, wanted: int) -> str:
    if plan.by_target:
        rule = ("Chosen by gap to target times weight: how far each answer, or each part, sits below the "
                "board's target for its part, times how much it counts in the overall score.")
    else:
        rule = ("No targets were set, so these are chosen by the gap to the top of the scale times weight: how "
                "far each answer, or each part, sits below the top, times how much it counts in the overall score.")
    if plan.unknown_parts:
        rule += (" A part nobody could answer comes first: no step can be chosen for it until the board knows "
                 "where it stands.")
    found = len(plan.priorities)
    if found < wanted and plan.by_target:
        rule += (f" Only {count_words(found, 'step')} {'closes' if found == 1 else 'close'} a gap to a target; "
                 "parts at or past their target, or without one, have their steps in Appendix A.")
    else:
        rule += " The other steps are in Appendix A, by part."
    return rule + " An owner and a quarter are left blank where they have not been agreed yet."


def method(strategy: str, score_range: tuple[float, float], half_level: float, has_targets: bool) -> list[str]:
    low, high = score_range
    part = "its weakest answer" if strategy == "weakest" else "the weighted mean of its answers"
    paragraphs = [
        ("Each answer becomes a number between 0 and 1 from where the chosen option sits between the question's "
        f"lowest and highest; a part's score is {part}, and groups and the overall score are the weighted mean "
        f"of their parts. Scores are shown on a scale of {number(low)} to {number(high)}, to one decimal. "
        "“Not applicable”, “don't know” and unanswered questions are left out of them."),
        ("A step is a piece of the question bank's advice: for a part at its level, or for the answer chosen to "
        "one question. The priorities are the steps with the largest gap times weight; a part with no answer "
        "at all comes before any step, and each “don't know” answer is listed as something to find out."),
    ]
    if has_targets:
        paragraphs.append(f"Against target: met when a part has reached its target; close when it is within half "
                          f"a level ({board_score(half_level)} on this scale); far otherwise.")
    return paragraphs
