"""A bank converted from another maturity model scores exactly as that model's own calculator
does: examples/software-assurance.yaml against an independent SAMM-style calculator."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodlooks.bank.loader import load_bank
from goodlooks.scoring.scores import ANSWERED, Choice, score

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "software-assurance.yaml"
VALUES = {"no": Fraction(0), "some": Fraction(1, 4), "half": Fraction(1, 2), "most": Fraction(1)}
FUNCTIONS = {
    "governance": {"strategy-metrics": "sm", "education": "ed"},
    "design": {"threat-assessment": "ta", "security-requirements": "sr"},
}
LEVELS = [(Fraction(0), "Level 0"), (Fraction(1, 2), "Level 1"), (Fraction(3, 2), "Level 2"),
          (Fraction(5, 2), "Level 3")]
PRACTICES = {practice: prefix for practices in FUNCTIONS.values() for practice, prefix in practices.items()}


def stream(practice: str, letter: str) -> list[str]:
    return [f"{PRACTICES[practice]}-{letter}{n}" for n in (1, 2, 3)]


QUESTIONS = [q for practice in PRACTICES for letter in "ab" for q in stream(practice, letter)]


def average(values) -> Fraction:
    values = list(values)
    return sum(values, Fraction(0)) / len(values)


def samm(answers: dict[str, str]) -> tuple[dict[str, Fraction], dict[str, Fraction], Fraction]:
    """SAMM's own arithmetic: stream = sum of answers, practice = mean of streams, function = mean
    of practices, overall = mean of functions."""
    practices = {p: average(sum(VALUES[answers[q]] for q in stream(p, letter)) for letter in "ab")
                 for p in PRACTICES}
    functions = {f: average(practices[p] for p in members) for f, members in FUNCTIONS.items()}
    return practices, functions, average(functions.values())


def samm_level(value: Fraction) -> str:
    return [name for minimum, name in LEVELS if minimum <= value][-1]


@cache
def example_bank():
    return load_bank(str(EXAMPLE)).bank


def goodlooks(answers: dict[str, str]):
    return score(example_bank(), {q: Choice(ANSWERED, key) for q, key in answers.items()})


def test_example_bank_has_the_samm_shape():
    bank = example_bank()
    assert bank.scoring == "mean"
    assert tuple(bank.score_range) == (0, 3)
    assert [(Fraction(level.min), level.name) for level in bank.levels] == LEVELS
    assert {g.id: [d.id for d in bank.dimensions if d.group == g.id] for g in bank.groups} \
        == {f: list(members) for f, members in FUNCTIONS.items()}
    for dimension in bank.dimensions:
        for letter in "ab":
            tagged = [q.id for q in dimension.questions if f"stream-{letter}" in q.tags]
            assert tagged == stream(dimension.id, letter)
        assert len(dimension.questions) == 6 and dimension.weight == 1
    for question in bank.questions():
        assert question.scale == "coverage" and question.weight == 1
        assert {o.key: Fraction(o.score) for o in question.choices} == VALUES


def test_hand_worked_example():
    answers = {
        "sm-a1": "most", "sm-a2": "most", "sm-a3": "half", "sm-b1": "some", "sm-b2": "no", "sm-b3": "no",
        **{q: "half" for q in QUESTIONS if q.startswith("ed-")},
        **{q: "most" for q in QUESTIONS if q.startswith("ta-")},
        **{q: "no" for q in QUESTIONS if q.startswith("sr-")},
    }
    sheet = goodlooks(answers)
    assert {d: (r.shown, r.level) for d, r in sheet.dimensions.items()} == {
        "strategy-metrics": (pytest.approx(1.375), "Level 1"),
        "education": (pytest.approx(1.5), "Level 2"),
        "threat-assessment": (pytest.approx(3.0), "Level 3"),
        "security-requirements": (pytest.approx(0.0), "Level 0"),
    }
    assert {g: (r.shown, r.level) for g, r in sheet.groups.items()} == {
        "governance": (pytest.approx(1.4375), "Level 1"),
        "design": (pytest.approx(1.5), "Level 2"),
    }
    assert (sheet.overall.shown, sheet.overall.level) == (pytest.approx(1.46875), "Level 1")
    practices, functions, overall = samm(answers)
    assert practices["strategy-metrics"] == Fraction(11, 8) and functions["governance"] == Fraction(23, 16)
    assert overall == Fraction(47, 32)


def test_overall_exactly_on_a_level_min_reaches_it():
    answers = {
        **{q: "most" for q in QUESTIONS if q.startswith("sm-")},
        **{q: "half" if q == "ed-b3" else "most" for q in QUESTIONS if q.startswith("ed-")},
        **{q: "half" if q == "ta-a1" else "no" for q in QUESTIONS if q.startswith("ta-")},
        **{q: "no" for q in QUESTIONS if q.startswith("sr-")},
    }
    assert samm(answers)[2] == Fraction(3, 2)
    sheet = goodlooks(answers)
    assert sheet.overall.shown == pytest.approx(1.5, abs=1e-9)
    assert sheet.overall.level == "Level 2"


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({q: st.sampled_from(list(VALUES)) for q in QUESTIONS}))
def test_goodlooks_scores_the_converted_bank_as_samm_does(answers):
    sheet = goodlooks(answers)
    practices, functions, overall = samm(answers)
    for practice, expected in practices.items():
        result = sheet.dimensions[practice]
        assert result.shown == pytest.approx(float(expected), abs=1e-9)
        assert result.level == samm_level(expected)
    for function, expected in functions.items():
        result = sheet.groups[function]
        assert result.shown == pytest.approx(float(expected), abs=1e-9)
        assert result.level == samm_level(expected)
    assert sheet.overall.shown == pytest.approx(float(overall), abs=1e-9)
    assert sheet.overall.level == samm_level(overall)
