"""Promise 3 (defects 3, 4 and 8): any valid bank can be answered. Scores and weights are bounded
by validation so no arithmetic overflows or silently goes wrong; texts are bounded with a clear
limit, and a bank at every limit renders (how fast: benchmarks/run.py --only 10); a question with more options than
there are shortcut keys can still be answered."""

from __future__ import annotations

import io
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from figures import record
from goodlooks.bank.loader import parse_bank
from goodlooks.bank.model import (
    LONG_TEXT,
    MAX_MAGNITUDE,
    MAX_WEIGHT,
    MIN_WEIGHT,
    QUESTION_TEXT,
    Bank,
)
from goodlooks.scoring.scores import ANSWERED, Choice, score
from limit_banks import bank_at_every_limit

BANK = """\
id: big
title: Big numbers
version: "1"
dimensions:
  - id: d
    title: D
    weight: {dimension_weight}
    questions:
      - id: q1
        text: First?
        weight: {weight}
        options:
          - {{key: a, label: Low, score: {low}}}
          - {{key: b, label: High, score: {high}}}
      - id: q2
        text: Second?
        options:
          - {{key: a, label: Low, score: 1}}
          - {{key: b, label: High, score: 2}}
"""


def _bank(**values) -> str:
    return BANK.format(**{"dimension_weight": 1, "weight": 1, "low": 1, "high": 2, **values})


# Defect 4 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "line", "message"), [
    ({"high": "1e308"}, 14, "'score' of option 'b' of question 'q1' must be between -1,000,000,000 and "
                            "1,000,000,000, not 1e308"),
    ({"low": "-1e308"}, 13, "'score' of option 'a' of question 'q1' must be between -1,000,000,000 and "
                            "1,000,000,000, not -1e308"),
    ({"weight": "1e308"}, 11, "'weight' of question 'q1' must be 0, or from 0.000001 to 1,000,000, not 1e308"),
    ({"dimension_weight": "1e308"}, 7, "'weight' of dimension 'd' must be 0, or from 0.000001 to 1,000,000, "
                                       "not 1e308"),
    ({"weight": "1e-320"}, 11, "'weight' of question 'q1' must be 0, or from 0.000001 to 1,000,000, not 1e-320"),
])
def test_scores_and_weights_that_could_overflow_are_refused(run, write, values, line, message):
    write(_bank(**values))
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0].split(": ", 1)[1] == message
    assert result.stderr.startswith(f"bank.yaml:{line}:")


def test_score_range_and_level_minimums_are_bounded_too(run, write):
    write(_bank().replace('version: "1"\n', 'version: "1"\nscore_range: [0, 1e300]\n'
                                           'levels:\n  - {name: Low, min: -1e300}\n'))
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.count("must be between -1,000,000,000 and 1,000,000,000") == 2


NUMBERS = st.floats(min_value=-MAX_MAGNITUDE, max_value=MAX_MAGNITUDE, allow_nan=False)
WEIGHTS = st.one_of(st.just(0.0), st.floats(min_value=MIN_WEIGHT, max_value=MAX_WEIGHT))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(NUMBERS, min_size=2, max_size=4, unique=True), WEIGHTS,
                          st.integers(0, 3)), min_size=1, max_size=6),
       WEIGHTS.filter(lambda w: w > 0), st.sampled_from(["mean", "weakest"]))
def test_every_score_of_a_valid_bank_is_finite_exact_and_in_range(questions, dimension_weight, strategy):
    bank = Bank.model_validate({
        "id": "p", "title": "P", "version": "1", "scoring": strategy,
        "dimensions": [{"id": "d", "title": "D", "weight": dimension_weight, "questions": [
            {"id": f"q{i}", "text": "Q", "weight": weight,
             "options": [{"key": f"o{j}", "label": "L", "score": s} for j, s in enumerate(scores)]}
            for i, (scores, weight, _) in enumerate(questions)]}]})
    choices = {f"q{i}": Choice(ANSWERED, f"o{min(pick, len(scores) - 1)}")
               for i, (scores, _, pick) in enumerate(questions)}
    sheet = score(bank, choices)
    low, high = bank.shown_range()
    parts = []
    for _i, (scores, weight, pick) in enumerate(questions):
        chosen = Fraction(scores[min(pick, len(scores) - 1)])
        lo, hi = Fraction(min(scores)), Fraction(max(scores))
        parts.append((Fraction(weight), (chosen - lo) / (hi - lo)))
    counted = [(w, q) for w, q in parts if w > 0]
    if not counted:
        assert sheet.overall.shown is None
        return
    exact = min(q for _, q in counted) if strategy == "weakest" else \
        sum(w * q for w, q in counted) / sum(w for w, _ in counted)
    assert math.isfinite(sheet.overall.normalised) and math.isfinite(sheet.overall.shown)
    assert sheet.overall.normalised == pytest.approx(float(exact), rel=1e-9, abs=1e-12)
    assert low <= sheet.overall.shown <= high
    record("random bounded banks scored exactly (hypothesis)")


# Defect 8 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "limit"), [("text", QUESTION_TEXT), ("help", LONG_TEXT)])
def test_over_long_text_is_refused_with_its_limit(run, write, field, limit):
    write(_bank().replace("        text: First?\n", f"        text: First?\n        {field}: {'x' * 20_000}\n")
          .replace("        text: First?\n        text: ", "        text: "))
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert f"'{field}' of question 'q1' is 20,000 characters long, over the limit of {limit:,}" in result.stderr


def test_a_bank_at_every_limit_is_valid_and_its_outline_and_profile_render(run, write):
    write(bank_at_every_limit())
    write("answers:\n  q: o0\n", "answers.yaml")
    for args in (("validate", "bank.yaml"), ("questions", "--bank", "bank.yaml"),
                 ("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json"),
                 ("profile", "r.json", "--explain")):
        result = run(*args)
        assert result.exit_code == 0, result.output


def _ask(bank_text: str, keys: str) -> str:
    from goodlooks.interview.engine import QuestionView
    from goodlooks.interview.prompts import TerminalUI

    bank = parse_bank(bank_text.encode(), "bank.yaml")
    question = bank.questions()[0]
    view = QuestionView(1, 1, question, bank.dimensions[0], None, None, None)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return TerminalUI(Console(file=io.StringIO(), width=80)).ask(view)


def test_a_question_at_every_text_limit_is_asked():
    # how quickly: benchmarks/run.py --only 10 (a test that can fail by timing is a defect)
    assert _ask(bank_at_every_limit(), "\x1b[B\x1b[B\r") == "o1"  # from "Skip for now" down to o1


# Defect 3 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("options", [36, 40, 120])
def test_a_question_with_more_options_than_shortcut_keys_can_be_answered(options):
    # the pointer starts on "Skip for now"; beyond 32 options there are no number keys, arrows work
    answer = _ask(bank_at_every_limit(options), "\x1b[B" * options + "\r")
    assert answer == f"o{options - 1}"
